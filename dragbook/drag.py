r"""Coulomb drag between two 2D layers: longitudinal drag and anomalous-Hall drag of massive Dirac fermions.

What it computes
----------------
* Layers: a parabolic 2DEG (:class:`ParabolicLayer`) and a massive Dirac cone (:class:`DiracLayer`, one TI
  surface for ``g = 1``), with Fermi data, the dissipative response :math:`-\mathrm{Im}\,\chi(q,\omega)` (T = 0
  closed forms and exact finite-T kernels) and the static polarization :math:`\Pi(q,0)` (Dirac: intra- and
  interband).
* :func:`rho_drag`: :math:`\rho_D^{xx}` of theory Eq. (2.2), second order in the statically screened interlayer
  interaction (RPA, docs/theory/coulomb-drag.md §3):

  .. math:: \rho_D^{xx} = \frac{1}{32\pi^2 k_BT}\int_0^\infty dq\,q\int_0^\infty d\omega\,
            \frac{|U(q)|^2 R_a(q,\omega) R_p(q,\omega)}{\sinh^2(\hbar\omega/2k_BT)},

  with the rectification functions :math:`R_l = \Gamma_l/\sigma_l` of docs/theory/coulomb-drag.md §5 (2DEG:
  :math:`2\hbar q(-\mathrm{Im}\chi)/(ne)`; Dirac: :math:`\hbar I_\Gamma/(e q A^2 I_\sigma)`).
* :func:`rho_hall_drag`: the anomalous-Hall drag :math:`\rho_D^{yx}` of theory Eq. (7.1), the paper's Eq. (10)
  with the passive layer's :math:`\tau_p\Delta v` replaced by the Berry displacement (docs/theory/coulomb-drag.md §7).
* :class:`DragProfile`: both at once for any d and eps_r in given ranges, from frequency integrals per q node
  computed once (d and eps_r enter only through the Coulomb weight): what the explorers' sliders use.
* :func:`t2_coefficient` (theory §6), :func:`rho_drag_asymptotic` (theory §6), :func:`drag_integrand`.

Reduction and reference scales
------------------------------
A bilayer is reduced with the active layer's Fermi wavevector :math:`k_0 = k_{F,a}` and energy
:math:`E_0 = \hbar v_{F,a} k_{F,a}`: :math:`x = q/k_0`, :math:`y = \hbar\omega/2k_BT`, :math:`\tilde t = k_BT/E_0`,
:math:`w = \hbar\omega/E_0 = 2\tilde t y`, :math:`\alpha_0 = e^2 k_0/(4\pi\varepsilon_0\varepsilon_r E_0)`,
:math:`\tilde d = k_0 d`. Then (docs/theory/coulomb-drag.md §8, generalised to unequal layers)

.. math:: \rho_D^{xx} = \frac{\hbar}{e^2}\,\frac{\alpha_0^2}{4}\int_0^\infty dx\int_0^\infty dy\;
          x\,v(x)^2\,\frac{p_a(x,w)\,p_p(x,w)}{\sinh^2 y},\qquad
          v = \frac{x e^{-x\tilde d}}{x^2 + x(s_a+s_p) + s_a s_p(1-e^{-2x\tilde d})},

with :math:`s_l = 2\pi\alpha_0\tilde\Pi_l(x)` (:math:`V\Pi_l = s_l/x`), :math:`\tilde\Pi = \Pi E_0/k_0^2` and the
reduced rectification :math:`p_l = R_l\,e E_0/(\hbar k_0)`: :math:`p = 2x(-\mathrm{Im}\tilde\chi)/\tilde n` (2DEG),
:math:`p = \tilde I_\Gamma/(x\tilde A^2\tilde I_\sigma)` (Dirac), :math:`\tilde A = Ak_0/E_0`. A layer alone
(``minus_im_chi``) is reduced with its own :math:`k_F` and :math:`\hbar v_F k_F`.

Conventions
-----------
SI at the boundary, T in kelvin. Carriers have charge :math:`-e` (:math:`e > 0`); :math:`\chi` is the retarded
density response per area with all degeneracies, :math:`\mathrm{Im}\chi(q,\omega>0) < 0`, :math:`\Pi = -\chi`
(theory §2). :math:`\rho_D^{xx} > 0` for electron-electron drag. :math:`\rho_D^{yx}` follows theory §7: the
conduction-band Berry curvature is :math:`\Omega_+ = -A^2M/(2E^3)`, so :math:`\rho_D^{yx} < 0` for
:math:`M_p > 0` (plot :math:`-\rho_D^{yx}`). The Dirac mass enters the dissipative kernels through
:math:`|M|`; its sign only sets the sign of the Hall part. Interband (valence -> conduction) absorption is
omitted from the drag kernels (suppressed by :math:`e^{-\mu/k_BT}`, docs/theory/coulomb-drag.md §4) and holes from
:math:`\mu(T)`.

Numerics (docs/theory/coulomb-drag.md §8)
------------------
Composite Gauss-Legendre, 6 nodes per panel. q panels: even up to :math:`0.9\cdot 2k_F`, graded toward each
layer's :math:`2k_F` (also on the scale :math:`k_BT/\hbar v_F`), geometric toward :math:`q = 0` (steps of 2
where :math:`e^{-2qd}` varies, of 4 below :math:`q = 0.5/d`, down to :math:`10^{-3}\min(q_{TF,a}+q_{TF,p}, 1/d)`,
for weak screening and large d); upper limit
:math:`\min(2k_F + 60k_BT/\hbar v_F, 40/d)`. y panels: [0, 2, 6, 20] split at the particle-hole continuum edges
of both layers and graded geometrically toward them (the q -> 0 Landau edge :math:`\omega \approx v_Fq`,
and for Dirac layers :math:`\hbar\omega = Aq`); with the finite-T kernels, whose edges are smoothed over
:math:`k_BT`, the grading stops at 2.5% of the edge's y (``_Y_FLOOR``). Finite-T kernels:
:math:`E = E_{min} + t^2` on 6-node panels around the two Fermi edges (:math:`\mu-\hbar\omega`, :math:`\mu`)
within :math:`\pm 18 k_BT` (the Fermi difference is below 2e-8 beyond), one exponential per node
(:func:`_thermal_nodes`). Self-convergence against 16-node rules, a :math:`\pm 40 k_BT` window and full
edge grading: better than 1e-4, typically 1e-5 (``tests/test_drag_kernels.py``). ``kernel="fast"`` uses
the T = 0 closed forms (1e-4 at the paper's parameters for :math:`k_BT < 0.004\mu`, 1e-3 at 0.01), ``"exact"`` the
finite-T kernels with :math:`\mu(T)`, :math:`I_\sigma(T)` and the finite-T static :math:`\Pi(q,0;T)`
(Maldague's thermal average of the T = 0 one; its q -> 0 limit is :math:`\partial n/\partial\mu`, so a
nondegenerate layer screens with its compressibility, where the T = 0 :math:`\Pi` would over-screen
it, and the T = 0 :math:`\Pi` at :math:`\mu(T)` in the gap would not screen at all); ``"auto"`` picks per T.
``screening="dynamic"`` (dynamic RPA with plasmon poles, theory §3, §8; rho_drag only) is computed by
:mod:`dragbook.dynamic_rpa`.

References
----------
"theory §N" in this module is section N of docs/theory/coulomb-drag.md in the repository
(https://github.com/dragbook/dragbook/blob/main/docs/theory/coulomb-drag.md); "paper" is [1].

.. [1] H. Liu, W. E. Liu, D. Culcer, *Anomalous Hall Coulomb drag of massive Dirac fermions*,
   arXiv:1610.05866 (2016): Eq. (1) band model, Eq. (9) longitudinal drag, Eq. (10) anomalous-Hall drag.
.. [2] docs/theory/coulomb-drag.md (in the repository): §1 model (ħΩ_k = 2E_k), §2 drag formula Eq. (2.2),
   §3 screening, §4 polarization, §5 rectification, §6 C₂ and asymptotes, §7 Hall drag (normalisation and
   sign, since the paper's supplement is not public), §8 reduced form and numerics.
"""

import math
from dataclasses import dataclass

import numba
import numpy as np
from numba import njit, prange
from scipy.optimize import brentq
from scipy.special import spence

from . import _check, units
from ._quadrature import composite, gauss_legendre, sort_unique

__all__ = [
    "ParabolicLayer", "DiracLayer", "Bilayer", "DragProfile",
    "rho_drag", "rho_hall_drag", "drag_resistivities", "rho_drag_asymptotic", "t2_coefficient",
    "drag_integrand", "warmup",
]

# --- reduced layer vector: float64 array, entries by index (built by _Layer._reduced) --- #
_KIND, _KF, _G, _SCALE, _MASS, _MU, _NU, _N, _VF, _ISIG, _TPI = range(11)
# _KIND: 0 parabolic, 1 Dirac; _KF: T = 0 k_F/k0; _SCALE: hbar^2 k0^2/(2 m E0) (2DEG) or A k0/E0 (Dirac);
# _MASS: |M|/E0; _MU: chemical potential/E0 used by the kernels (T = 0 value, or mu(T) on the exact path);
# _NU: T = 0 dos E0/k0^2; _N: density/k0^2; _VF: hbar v_F k0/E0; _ISIG: I_sigma/E0 (Dirac, theory §5);
# _TPI: k_BT/E0 of the static polarization: 0 on the fast path (T = 0 Pi at mu0), t on the exact path
# (finite-T Pi at mu(T), Maldague's identity).
_PARABOLIC, _DIRAC = 0.0, 1.0

# --- fixed quadrature (docs/theory/coulomb-drag.md §8); accuracy checked in tests/test_drag_kernels.py --- #
_GQ, _WQ = gauss_legendre(6)      # per q panel
_GY, _WY = gauss_legendre(8)      # per y panel, T = 0 kernels (square-root edges)
_GYT, _WYT = gauss_legendre(6)    # per y panel, finite-T kernels (edges smoothed over k_B T)
_GE, _WE = gauss_legendre(6)      # per energy panel of the finite-T kernels
_GP, _WP = gauss_legendre(8)      # per mu' panel of the finite-T static polarization
_THERMAL_OFFSETS = np.array([-18.0, -5.0, 0.0, 5.0, 18.0])   # Fermi-edge panels, units k_B T (tails < 2e-8)
_Y_BASE = np.array([0.0, 2.0, 6.0, 20.0])                    # y = hbar omega / 2 k_B T
_Y_EXTRA = 62                     # y panel ends beyond _Y_BASE that _y_breaks may add
_Y_FLOOR = 0.1                    # finite-T kernels: continuum edges graded down to 0.025 of their y only
_AUTO_EXACT = 0.004               # kernel="auto": exact kernels where k_B T >= 0.004 (mu - |M|) (1e-4, theory §8)


# ===================================== scalar kernels ===================================== #

@njit(cache=True)
def _fermi_difference(e, w, mu, t):
    """f(E) - f(E+W) in the tanh form of theory §2 (no overflow); energies and t = k_B T reduced."""
    return 0.5 * (math.tanh((e + w - mu) / (2.0 * t)) - math.tanh((e - mu) / (2.0 * t)))


@njit(cache=True)
def _thermal_breaks(e_min, lo_edge, hi_edge, t, offsets, buf):
    """Energy panel ends on the thermal window [max(e_min, lo_edge + offsets[0] t), max(hi_edge, e_min) +
    offsets[-1] t] (docs/theory/coulomb-drag.md §4, §8): where mu(T) lies below E_min (a nondegenerate layer)
    the window spans the Boltzmann tail above E_min instead of missing the band.

    Breakpoints sit at each Fermi edge plus ``offsets * t`` and at (2, 4, 8, 16) E_min; returns their number
    n, sorted in buf[:n] (buf holds 2 offsets.size + 6).
    """
    e_lo = max(e_min, lo_edge + offsets[0] * t)
    e_hi = max(hi_edge, e_min) + offsets[-1] * t     # nondegenerate (mu(T) below E_min): the Boltzmann tail
    if e_hi <= e_lo:
        return 0
    buf[0] = e_lo
    n = 1
    for edge in (lo_edge, hi_edge):
        for k in range(offsets.size):
            e = edge + offsets[k] * t
            if e_lo < e < e_hi:
                buf[n] = e
                n += 1
    for r in (2.0, 4.0, 8.0, 16.0):           # grading above E_min, where the Berry weight E^-3 peaks (I_H, theory §5)
        if e_lo < r * e_min < e_hi:
            buf[n] = r * e_min
            n += 1
    buf[n] = e_hi
    n += 1
    return sort_unique(buf, n)


@njit(cache=True)
def _stern_kernel(x, w, c, kf, nu):
    """-Im chi of a 2DEG at T = 0, theory §4 (Stern 1967); x = q/k0, w = hbar omega/E0 > 0, c = hbar^2 k0^2/2mE0."""
    vq = 2.0 * c * kf * x                     # hbar q v_F
    nu_m = w / vq - x / (2.0 * kf)            # nu_-
    nu_p = w / vq + x / (2.0 * kf)            # nu_+
    return nu * kf / x * (math.sqrt(max(1.0 - nu_m * nu_m, 0.0)) - math.sqrt(max(1.0 - nu_p * nu_p, 0.0)))


@njit(cache=True)
def _energy_buffer(offsets, gx):
    """Work buffer of the finite-T kernels: panel ends, then nodes s and weights (see :func:`_thermal_nodes`)."""
    return np.empty((2 * offsets.size + 6) * (1 + 2 * gx.size))


@njit(cache=True)
def _node_slots(offsets, gx):
    """Where :func:`_thermal_nodes` stores its nodes and its weights in the energy buffer."""
    breaks = 2 * offsets.size + 6
    return breaks, breaks + (breaks - 1) * gx.size


@njit(cache=True)
def _thermal_nodes(e_min, w, mu, t, gx, gw, offsets, buf):
    """Quadrature of int_{E_min} dE [f(E) - f(E+W)] g(E) in s, E = E_min + s^2 (theory §4, §8 pitfall 1).

    Panels in E from :func:`_thermal_breaks` around the Fermi edges mu - W and mu, mapped to s; returns the
    node count n, with the nodes s and the weights ``gw half (f(E) - f(E+W))`` at the slots given by
    :func:`_node_slots`, so that the integral of g is sum_i weight_i 2 s_i g(E_i). The Fermi difference is f(E) X (Y - 1)/(XY + 1) with X = e^{(E-mu)/k_BT},
    Y = e^{W/k_BT}: one exponential per node and no cancellation (tanh form for W > 60 k_BT).
    """
    i_s, i_w = _node_slots(offsets, gx)
    nb = _thermal_breaks(e_min, mu - w, mu, t, offsets, buf)
    big = w > 60.0 * t
    y_minus_1 = math.expm1(w / t) if not big else 0.0
    n = 0
    for i in range(nb - 1):
        ta = math.sqrt(max(buf[i] - e_min, 0.0))
        tb = math.sqrt(max(buf[i + 1] - e_min, 0.0))
        half = 0.5 * (tb - ta)
        for j in range(gx.size):
            s = ta + half * (1.0 + gx[j])
            e = e_min + s * s
            if big:
                fd = _fermi_difference(e, w, mu, t)
            else:
                x = math.exp(min((e - mu) / t, 600.0))
                fd = x * y_minus_1 / ((x + 1.0) * (x * (y_minus_1 + 1.0) + 1.0))
            buf[i_s + n] = s
            buf[i_w + n] = gw[j] * half * fd
            n += 1
    return n


@njit(cache=True)
def _parabolic_finite_t_kernel(x, w, c, g, mu, t, gx, gw, offsets, buf):
    """-Im chi of a 2DEG at finite T, theory §4: g m sqrt(2m)/(2 pi hbar^3 q) int dt [f(E0+t^2) - f(E0+t^2+W)].

    Reduced (hbar^2/2m = c): prefactor g/(4 pi c^1.5 x); E0 = c (w/(2cx) - x/2)^2.
    """
    e0 = c * (w / (2.0 * c * x) - 0.5 * x) ** 2
    n = _thermal_nodes(e0, w, mu, t, gx, gw, offsets, buf)
    i_w = _node_slots(offsets, gx)[1]
    total = 0.0
    for i in range(n):
        total += buf[i_w + i]
    return g / (4.0 * math.pi * c ** 1.5 * x) * total


@njit(cache=True)
def _dirac_kinematics(x, w, a, m):
    """Q = Aq, D = Q^2 - W^2, a_k = Q sqrt(1 + 4M^2/D), E_min = (a_k - W)/2 (theory §4); D <= 0: no intraband."""
    q = a * x
    d = q * q - w * w
    if d <= 0.0:
        return q, d, 0.0, 0.0
    ak = q * math.sqrt(1.0 + 4.0 * m * m / d)
    return q, d, ak, 0.5 * (ak - w)


@njit(cache=True)
def _dirac_zero_t_kernel(x, w, a, m, mu):
    """(-Im chi, I_Gamma) of one massive Dirac cone at T = 0: docs/theory/coulomb-drag.md §4; reduced units, w > 0."""
    q, d, ak, e_min = _dirac_kinematics(x, w, a, m)
    e1 = max(e_min, mu - w)
    if d <= 0.0 or e1 >= mu:
        return 0.0, 0.0
    u1, u2 = 2.0 * e1 + w, 2.0 * mu + w                          # u_i = 2E_i + W
    s1 = math.sqrt(max(u1 * u1 - ak * ak, 0.0))                 # s_i = sqrt(u_i^2 - a^2)
    s2 = math.sqrt(max(u2 * u2 - ak * ak, 0.0))
    b = math.sqrt(ak * ak - w * w)
    # (4.1) at T = 0: G(u) = (u/2) s + (a^2/2 - Q^2) arccosh(u/a), arccosh written as log((u + s)/a)
    g_diff = 0.5 * (u2 * s2 - u1 * s1) + (0.5 * ak * ak - q * q) * math.log((u2 + s2) / (u1 + s1))
    minus_im_chi = g_diff / (8.0 * math.pi * a * a * math.sqrt(d))
    # (4.2) at T = 0: H(s) = 2s - (2D/b) arctan(s/b)
    h_diff = 2.0 * (s2 - s1) - 2.0 * d / b * (math.atan(s2 / b) - math.atan(s1 / b))
    return minus_im_chi, math.sqrt(d) * h_diff


@njit(cache=True)
def _dirac_finite_t_kernel(x, w, a, m, mu, t, gx, gw, offsets, buf):
    """(-Im chi, I_Gamma, I_H) of one massive Dirac cone at finite T: theory Eq. (4.1), Eq. (4.2), §5, w > 0.

    E = E_min + t^2 makes dE/S = dt/(sqrt(D) sqrt(t^2 + a_k)) (theory §4); nodes from :func:`_thermal_nodes`.
    """
    q, d, ak, e_min = _dirac_kinematics(x, w, a, m)
    if d <= 0.0:
        return 0.0, 0.0, 0.0
    n = _thermal_nodes(e_min, w, mu, t, gx, gw, offsets, buf)
    i_s, i_w = _node_slots(offsets, gx)
    s_chi = s_gamma = s_hall = 0.0
    for i in range(n):
        s = buf[i_s + i]
        e = e_min + s * s
        u = 2.0 * e + w
        base = buf[i_w + i] * (u * u - q * q) / math.sqrt(s * s + ak)
        ew = e + w
        s_chi += base                                            # Eq. (4.1)
        s_gamma += base * u / (e * ew)                           # Eq. (4.2)
        s_hall += base * (1.0 / (e * e * e) + 1.0 / (ew * ew * ew))   # I_H (theory §5), Omega-bar = (A^2|M|/4)(E^-3 + (E+W)^-3)
    rd = math.sqrt(d)
    return s_chi / (4.0 * math.pi * a * a * rd), s_gamma * rd, s_hall * a * a * m / (4.0 * rd)


@njit(cache=True)
def _dirac_i_sigma_kernel(m, mu, t, gx, gw, offsets, buf):
    """I_sigma = int_{|M|} dE (-df/dE)(E^2 - M^2)/E (theory §5), conduction band; reduced units."""
    n = _thermal_breaks(m, mu, mu, t, offsets, buf)
    total = 0.0
    for i in range(n - 1):
        half = 0.5 * (buf[i + 1] - buf[i])
        for j in range(gx.size):
            e = buf[i] + half * (1.0 + gx[j])
            total += gw[j] * half * (e * e - m * m) / e / (4.0 * t * math.cosh((e - mu) / (2.0 * t)) ** 2)
    return total


@njit(cache=True)
def _band_energy(lay, k):
    """Band energy at |k| (reduced): c k^2 (2DEG) or sqrt(A^2 k^2 + M^2) (Dirac, docs/theory/coulomb-drag.md §1)."""
    if lay[_KIND] == _PARABOLIC:
        return lay[_SCALE] * k * k
    return math.sqrt((lay[_SCALE] * k) ** 2 + lay[_MASS] ** 2)


@njit(cache=True)
def _atan_minus_identity(s):
    """arctan(s) - s without cancellation (Taylor series below s = 0.1, error < 1e-16 s^3)."""
    if s >= 0.1:
        return math.atan(s) - s
    s2 = s * s
    return s * s2 * (-1.0 / 3.0 + s2 * (1.0 / 5.0 + s2 * (-1.0 / 7.0 + s2 * (1.0 / 9.0 + s2 * (-1.0 / 11.0
                                                                                               + s2 / 13.0)))))


@njit(cache=True)
def _zero_t_polarization(lay, x, mu):
    """Pi(q, 0) at T = 0 and chemical potential mu (reduced, all degeneracies): theory §4 (2DEG, mu from the
    band bottom; 0 for mu <= 0) and (Dirac, intra + interband; mu <= |M|: the undoped Pi_0).

    Dirac, Q = Aq > 2K, K = sqrt(mu^2 - M^2), S = sqrt(Q^2 - 4K^2): 2 pi A^2 Pi = mu - mu S/2Q +
    ((Q^2 - 4M^2)/4Q) arctan(S/2mu) (an arccos written as an arctan). For S << mu the terms of
    order mu cancel; with arctan s = s + (arctan s - s) they combine into
    [4K^2 (8M^2/(Q + S) + 2Q - S) + Q^2 S]/(8 Q mu) + ((Q^2 - 4M^2)/4Q)(arctan s - s), free of cancellation
    (-> Q^2/6M as Q -> 0 in the gap).
    """
    if lay[_KIND] == _PARABOLIC:
        if mu <= 0.0:
            return 0.0
        if lay[_SCALE] * x * x <= 4.0 * mu:                      # q <= 2 k_F(mu) (no division: q may be tiny)
            return lay[_NU]
        r = 4.0 * mu / (lay[_SCALE] * x * x)                     # (2 k_F(mu)/q)^2
        return lay[_NU] * r / (1.0 + math.sqrt(1.0 - r))         # nu (1 - sqrt(1 - r))
    a, m = lay[_SCALE], lay[_MASS]
    q = a * x
    pref = lay[_G] / (2.0 * math.pi * a * a)
    if m == 0.0 and mu <= 0.0:
        return pref * math.pi * q / 8.0                          # undoped graphene: g q/(16 A)
    mu = max(mu, m)
    kk2 = mu * mu - m * m
    if q * q <= 4.0 * kk2:
        return pref * mu
    s_big = math.sqrt(q * q - 4.0 * kk2)
    s = s_big / (2.0 * mu)
    if s >= 0.1:
        return pref * (mu - mu * s_big / (2.0 * q) + (q * q - 4.0 * m * m) / (4.0 * q) * math.atan(s))
    first = (4.0 * kk2 * (8.0 * m * m / (q + s_big) + 2.0 * q - s_big) + q * q * s_big) / (8.0 * q * mu)
    return pref * (first + (q * q - 4.0 * m * m) / (4.0 * q) * _atan_minus_identity(s))


@njit(cache=True)
def _static_polarization_kernel(lay, x):
    """Static Pi(q, 0) of a layer vector (reduced): T = 0 at lay[_MU] where lay[_TPI] = 0, else at the
    temperature lay[_TPI] and chemical potential mu = lay[_MU] by Maldague's identity (docs/theory/coulomb-drag.md §3):
    Pi_T(mu) = int dmu' Pi_0(mu') / (4 k_BT cosh^2((mu' - mu)/2k_BT)) (F. Maldague, Surf. Sci. 73, 296 (1978)).

    Its q -> 0 limit is the thermal compressibility dn/dmu, so a nondegenerate layer still screens. Panels at
    mu + (0, +-1, +-4, +-12, +-40) k_BT and at the kinks of Pi_0 in mu' (band edge; 2k_F(mu') = q, a square
    root, integrated in sqrt(E(q/2) - mu') below it), 8 Gauss nodes each (tests/test_drag_kernels.py).
    """
    mu, t = lay[_MU], lay[_TPI]
    if t == 0.0:
        return _zero_t_polarization(lay, x, mu)
    edge, kink = _band_energy(lay, 0.0), _band_energy(lay, 0.5 * x)       # band edge; E(q/2): 2k_F(mu') = q
    if max(edge, kink) <= mu - 40.0 * t:     # Pi_0 linear in mu' (nu, or g mu'/2 pi A^2) over the window:
        return _zero_t_polarization(lay, x, mu)     # its symmetric average is the value at mu
    buf = np.empty(11)
    n = 0
    for off in (-40.0, -12.0, -4.0, -1.0, 0.0, 1.0, 4.0, 12.0, 40.0):
        buf[n] = mu + off * t
        n += 1
    for e in (edge, kink):
        if buf[0] < e < buf[8]:
            buf[n] = e
            n += 1
    n = sort_unique(buf, n)
    total = 0.0
    for i in range(n - 1):
        below = buf[i + 1] <= kink      # Pi_0 = smooth + sqrt(kink - mu'): integrate in v = sqrt(kink - mu')
        lo, hi = (math.sqrt(kink - buf[i + 1]), math.sqrt(kink - buf[i])) if below else (buf[i], buf[i + 1])
        half = 0.5 * (hi - lo)
        for j in range(_GP.size):
            v = lo + half * (1.0 + _GP[j])
            e, weight = (kink - v * v, 2.0 * v * _WP[j] * half) if below else (v, _WP[j] * half)
            total += weight * _zero_t_polarization(lay, x, e) / (4.0 * t * math.cosh((e - mu) / (2.0 * t)) ** 2)
    return total


@njit(cache=True)
def _screened_weight(x, pi_a, pi_p, g0, dd):
    """x v^2 = |u|^2/x with u = e^{-qd}/eps, static RPA (theory §3, §8) for the layers' static Pi (reduced);
    V Pi_l = s_l/x, s_l = g0 Pi_l. Written without cancellation: eps x^2 = x^2 + x(s_a + s_p) + s_a s_p (1 - e^{-2xd}).
    """
    sa, sp = g0 * pi_a, g0 * pi_p
    v = x * math.exp(-x * dd) / (x * x + x * (sa + sp) - sa * sp * math.expm1(-2.0 * x * dd))
    return x * v * v


@njit(cache=True)
def _coulomb_weight(x, la, lp, g0, dd):
    """:func:`_screened_weight` with the static Pi of the layer vectors (:func:`_static_polarization_kernel`)."""
    return _screened_weight(x, _static_polarization_kernel(la, x), _static_polarization_kernel(lp, x), g0, dd)


@njit(cache=True)
def _rectification_kernel(lay, x, w, t, exact, gx, gw, offsets, buf):
    """Reduced rectification (p, p_H) of one layer at (x, w > 0), docs/theory/coulomb-drag.md §5, §7

    p = 2x(-Im chi)/n (2DEG) or I_Gamma/(x A^2 I_sigma) (Dirac); p_H = 2x I_H/(A^2 I_sigma) (exact) or the
    fast-path weight p |M|/(2 mu^2) Q^2/(Q^2 - W^2) (theory §7); R_H = (hbar/tau_p E0) p_H. p_H = 0 for a 2DEG.
    mu and I_sigma come from the layer vector (T = 0 values on the fast path, mu(T), I_sigma(T) on the exact one).
    """
    mu, i_sigma = lay[_MU], lay[_ISIG]
    if lay[_KIND] == _PARABOLIC:
        if exact:
            chi = _parabolic_finite_t_kernel(x, w, lay[_SCALE], lay[_G], mu, t, gx, gw, offsets, buf)
        else:
            chi = _stern_kernel(x, w, lay[_SCALE], lay[_KF], lay[_NU])
        return 2.0 * x * chi / lay[_N], 0.0
    a, m = lay[_SCALE], lay[_MASS]
    if exact:
        _, i_gamma, i_hall = _dirac_finite_t_kernel(x, w, a, m, mu, t, gx, gw, offsets, buf)
        return i_gamma / (x * a * a * i_sigma), 2.0 * x * i_hall / (a * a * i_sigma)
    i_gamma = _dirac_zero_t_kernel(x, w, a, m, mu)[1]
    if i_gamma == 0.0:
        return 0.0, 0.0
    p = i_gamma / (x * a * a * i_sigma)
    q2 = (a * x) ** 2
    return p, p * m / (2.0 * mu * mu) * q2 / (q2 - w * w)


@njit(cache=True)
def _y_breaks(x, t, exact, la, lp, y_base, y_floor, buf):
    """y panel ends: y_base plus the T = 0 continuum edges of both layers inside (0, y_max) (theory §8).

    Upper edge W+ = E(k_F + q) - mu and inner edge W_in = |mu - E(|q - k_F|)| (2DEG: nu_-+ = 1; lower edge
    for q > 2k_F). For q < 2k_F, -Im chi ~ 1/sqrt(W_in - W) until the edges' separation (the q -> 0 Landau
    form), so the panels are graded geometrically below W_in and above W+, down to a quarter of the
    separation or, for the exact kernels, of the thermal edge width (velocity spread over k_BT; Dirac: with
    the Hall factor Q^2/D growing toward W = Q). Dirac, exact kernels or M = 0: also graded below W = Q = Aq
    where intraband ends (M = 0: 1/sqrt(Q - W)). Exact kernels, k_BT > 0.05 E_F: also at W = v q for the
    velocities v of electrons a few k_BT above mu(T), the width of the continuum once the layer is warm
    (without them y = 6 nodes missed 24% of a 2DEG's drag at T = 12 T_F). buf holds y_base.size + _Y_EXTRA.
    """
    n = y_base.size
    y_max = y_base[-1]
    buf[:n] = y_base
    for lay in (la, lp):
        kf = lay[_KF]
        mu = _band_energy(lay, kf)             # T = 0 Fermi energy (lay[_MU] is mu(T) on the exact path)
        y_up = (_band_energy(lay, kf + x) - mu) / (2.0 * t)
        y_in = abs(mu - _band_energy(lay, abs(x - kf))) / (2.0 * t)
        y_q = lay[_SCALE] * x / (2.0 * t)
        n = _add_inside(buf, n, y_up, y_max)
        n = _add_inside(buf, n, y_in, y_max)
        if x < 2.0 * kf:
            rel_min = (y_up - y_in) / y_in
            if exact:
                thermal = t / abs(mu)
                if lay[_KIND] == _DIRAC:
                    thermal *= min(1.0, (y_q - y_up) / y_up)
                rel_min = max(min(rel_min, thermal), y_floor)
            n = _add_graded(buf, n, y_in, -1.0, 0.25 * rel_min, y_max)
            n = _add_graded(buf, n, y_up, 1.0, 0.25 * rel_min, y_max)
        if lay[_KIND] == _DIRAC and (exact or lay[_MASS] == 0.0):
            n = _add_graded(buf, n, y_q, -1.0, 0.0, y_max)
        edge = _band_energy(lay, 0.0)
        if exact and t > 0.05 * (mu - edge):   # warm layer: W = v(E) q at E = mu(T) + (1, 4, 16) k_BT
            for j in (1.0, 4.0, 16.0):
                n = _add_inside(buf, n, _band_velocity(lay, max(lay[_MU], edge) + j * t) * x / (2.0 * t), y_max)
    return sort_unique(buf, n)


@njit(cache=True)
def _band_velocity(lay, e):
    """dE/dk at band energy e (reduced): 2 sqrt(c e) (2DEG) or A sqrt(e^2 - M^2)/e (Dirac)."""
    if lay[_KIND] == _PARABOLIC:
        return 2.0 * math.sqrt(lay[_SCALE] * e)
    return lay[_SCALE] * math.sqrt(max(e * e - lay[_MASS] ** 2, 0.0)) / e


@njit(cache=True)
def _add_graded(buf, n, y_edge, side, rel_min, y_max):
    """Append y_edge (1 + side 4^-j), j = 1..8 while 4^-j > rel_min, that lie inside (0, y_max)."""
    r = 0.25
    for _ in range(8):
        if r <= rel_min:
            break
        n = _add_inside(buf, n, y_edge * (1.0 + side * r), y_max)
        r *= 0.25
    return n


@njit(cache=True)
def _add_inside(buf, n, y, y_max):
    """Append y to buf[:n] if 0 < y < y_max; return the new count."""
    if 0.0 < y < y_max:
        buf[n] = y
        return n + 1
    return n


@njit(cache=True)
def _q_floor(la, lp, g0, dd):
    """Lowest q panel end 1e-3 min(q_TF,a + q_TF,p, 1/d) (reduced): resolves weak screening and large d."""
    return 1e-3 * min(g0 * (la[_NU] + lp[_NU]), 1.0 / dd)


@njit(cache=True)
def _q_breaks(t, la, lp, x_low, dd_lo, dd_hi):
    """x = q/k0 panel ends (theory §8): even to 0.9*2k_F, graded to each 2k_F (also +-k_BT/hbar v_F scales),
    geometric toward 0 from top/12 down to x_low (:func:`_q_floor`), in steps of 2 where e^{-2qd} varies for
    the largest d (x > 0.5/dd_hi), of 4 below; top min(2k_F + 60 k_BT/hbar v_F, 40/d) at the smallest d,
    dd_lo. One d: dd_lo = dd_hi = k0 d; a grid for all d in a range (:class:`DragProfile`) takes its ends."""
    x_hi = min(2.0 * la[_KF] + 60.0 * t / la[_VF], 2.0 * lp[_KF] + 60.0 * t / lp[_VF], 40.0 / dd_lo)
    top = min(1.8 * min(la[_KF], lp[_KF]), x_hi)
    pts = [0.0, x_hi]
    for i in range(1, 7):
        pts.append(top * i / 6.0)
    for lay in (la, lp):
        k2, dk = 2.0 * lay[_KF], t / lay[_VF]
        for j in range(5):
            pts.append(k2 * (1.0 - 0.05 * 0.5 ** j))
        for s in (-16.0, -4.0, -1.0, 0.0, 1.0, 4.0, 16.0):
            pts.append(k2 + s * dk)
    xg = top / 12.0
    while xg > x_low:
        pts.append(xg)
        xg /= 2.0 if xg * dd_hi > 0.5 else 4.0
    arr = np.sort(np.array(pts))
    arr = arr[(arr >= 0.0) & (arr <= x_hi)]
    keep = np.ones(arr.size, dtype=np.bool_)
    keep[1:] = np.diff(arr) > 1e-12 * x_hi
    return arr[keep]


@njit(cache=True)
def _y_integrals(x, t, exact, same, la, lp, gy, wy, ge, we, offsets, y_base, y_floor, ybuf, ebuf):
    """(int dy p_a p_p / sinh^2 y, same with p_p -> p_H,p) at one x and reduced T: the inner integrals of theory
    Eqs. (2.2), (7.1), §8. They depend on the layers and T only; d and eps_r enter through the Coulomb weight."""
    ny = _y_breaks(x, t, exact, la, lp, y_base, y_floor, ybuf)
    i_xx = i_yx = 0.0
    for k in range(ny - 1):
        hy = 0.5 * (ybuf[k + 1] - ybuf[k])
        for m in range(gy.size):
            y = ybuf[k] + hy * (1.0 + gy[m])
            w = 2.0 * t * y
            pa, ph = _rectification_kernel(la, x, w, t, exact, ge, we, offsets, ebuf)
            if pa == 0.0:
                continue
            if not same:
                pp, ph = _rectification_kernel(lp, x, w, t, exact, ge, we, offsets, ebuf)
            else:
                pp = pa
            weight = wy[m] * hy * pa / math.sinh(y) ** 2
            i_xx += weight * pp
            i_yx += weight * ph
    return i_xx, i_yx


@njit(cache=True)
def _flat_q_panels(ts, la, lp, x_low, dd_lo, dd_hi):
    """The q panels of every T (theory §8) in one list: (owner T index, x_lo, x_hi), for a prange over them."""
    counts = np.array([_q_breaks(ts[k], la[k], lp[k], x_low, dd_lo, dd_hi).size - 1 for k in range(ts.size)])
    n = counts.sum()
    owner, lo, hi = np.empty(n, np.int64), np.empty(n), np.empty(n)
    j = 0
    for k in range(ts.size):
        xb = _q_breaks(ts[k], la[k], lp[k], x_low, dd_lo, dd_hi)
        owner[j:j + counts[k]] = k
        lo[j:j + counts[k]] = xb[:-1]
        hi[j:j + counts[k]] = xb[1:]
        j += counts[k]
    return owner, lo, hi


@njit(cache=True, parallel=True)
def _profile_kernel(ts, exact, same, la, lp, x_low, dd_lo, dd_hi, gq, wq, gy, wy, gyt, wyt, ge, we, offsets,
                    y_base, y_floor):
    """The q nodes of every T with their weights, the layers' static Pi there and :func:`_y_integrals`:
    (first, xs, wts, pi_a, pi_p, i_xx, i_yx).

    T index k owns nodes first[k]:first[k + 1] of the q grid :func:`_q_breaks` (x_low, dd_lo, dd_hi).
    exact[k] selects the finite-T kernels (and the y rule gyt, wyt); la[k], lp[k] are the layer vectors at ts[k].
    Parallel over all (T, q panel) pairs (the caller sets chunk size 1, so threads take panels dynamically and
    fast and exact temperatures share the load); no thread dependence of the result.
    """
    owner, lo, hi = _flat_q_panels(ts, la, lp, x_low, dd_lo, dd_hi)
    n, m = owner.size, gq.size
    xs, wts, i_xx, i_yx = np.empty(n * m), np.empty(n * m), np.empty(n * m), np.empty(n * m)
    pi_a, pi_p = np.empty(n * m), np.empty(n * m)
    # === parallel over panels === #
    for j in prange(n):
        k = owner[j]
        gy_k, wy_k = (gyt, wyt) if exact[k] else (gy, wy)
        ebuf = _energy_buffer(offsets, ge)
        ybuf = np.empty(y_base.size + _Y_EXTRA)
        hx = 0.5 * (hi[j] - lo[j])
        for i in range(m):
            x = lo[j] + hx * (1.0 + gq[i])
            xs[j * m + i], wts[j * m + i] = x, wq[i] * hx
            pi_a[j * m + i] = _static_polarization_kernel(la[k], x)
            pi_p[j * m + i] = _static_polarization_kernel(lp[k], x)
            i_xx[j * m + i], i_yx[j * m + i] = _y_integrals(x, ts[k], exact[k], same, la[k], lp[k], gy_k, wy_k,
                                                            ge, we, offsets, y_base, y_floor, ybuf, ebuf)
    first = np.zeros(ts.size + 1, np.int64)
    for j in range(n):
        first[owner[j] + 1] += m
    first = np.cumsum(first)
    return first, xs, wts, pi_a, pi_p, i_xx, i_yx


@njit(cache=True)
def _coulomb_sums(first, xs, wts, pi_a, pi_p, i_xx, i_yx, g0, dd, out_xx, out_yx):
    """out[k] = sum over the nodes of T index k of weight x v^2 (static RPA at g0, dd with the stored Pi) times
    the y integrals: the reduced Eq. (2.2) and Eq. (7.1) double integrals (docs/theory/coulomb-drag.md §8)."""
    for k in range(first.size - 1):
        s_xx = s_yx = 0.0
        for i in range(first[k], first[k + 1]):
            cw = wts[i] * _screened_weight(xs[i], pi_a[i], pi_p[i], g0, dd)
            s_xx += cw * i_xx[i]
            s_yx += cw * i_yx[i]
        out_xx[k], out_yx[k] = s_xx, s_yx


@njit(cache=True)
def _minus_im_chi_kernel(lay, xs, ws, mu, t, gx, gw, offsets, out):
    """-Im chi (reduced, all degeneracies) at points (xs, ws > 0): T = 0 forms if t == 0, else finite-T kernels."""
    buf = _energy_buffer(offsets, gx)
    for i in range(xs.size):
        x, w = xs[i], ws[i]
        if lay[_KIND] == _PARABOLIC:
            if t == 0.0:
                out[i] = _stern_kernel(x, w, lay[_SCALE], lay[_KF], lay[_NU])
            else:
                out[i] = _parabolic_finite_t_kernel(x, w, lay[_SCALE], lay[_G], mu, t, gx, gw, offsets, buf)
        elif t == 0.0:
            out[i] = lay[_G] * _dirac_zero_t_kernel(x, w, lay[_SCALE], lay[_MASS], mu)[0]
        else:
            out[i] = lay[_G] * _dirac_finite_t_kernel(x, w, lay[_SCALE], lay[_MASS], mu, t, gx, gw, offsets, buf)[0]


@njit(cache=True)
def _coulomb_weights(xs, la, lp, g0, dd, out):
    """out[i] = :func:`_coulomb_weight` at xs[i]."""
    for i in range(xs.size):
        out[i] = _coulomb_weight(xs[i], la, lp, g0, dd)


@njit(cache=True)
def _integrand_kernel(t, exact, same, la, lp, cw, xs, ys, ge, we, offsets, out):
    """cw p_a p_p / sinh^2 y at points (xs > 0, ys > 0), cw the Coulomb weight x v^2 at xs: the reduced
    integrand of docs/theory/coulomb-drag.md §8"""
    buf = _energy_buffer(offsets, ge)
    for i in range(xs.size):
        x, y = xs[i], ys[i]
        w = 2.0 * t * y
        pa = _rectification_kernel(la, x, w, t, exact, ge, we, offsets, buf)[0]
        pp = pa if same else _rectification_kernel(lp, x, w, t, exact, ge, we, offsets, buf)[0]
        out[i] = cw[i] * pa * pp / math.sinh(y) ** 2


@njit(cache=True)
def _t2_integrand_kernel(la, lp, g0, dd, thetas, out):
    """Reduced C2 integrand of theory §6 in theta, q = 2k_F,s sin(theta) for the smaller-k_F layer s.

    dq q nu_a nu_p |U|^2 K_a K_p = k0^2 g0^2 nu_a nu_p (x v^2) K_a K_p dx, and dx K_s = 2k_F,s kappa_s dtheta
    removes that layer's 1/sqrt(1 - (q/2k_F)^2); K_l = kappa_l/sqrt(1 - (q/2k_F,l)^2).
    """
    small, other = (la, lp) if la[_KF] <= lp[_KF] else (lp, la)
    k2 = 2.0 * small[_KF]
    for i in range(thetas.size):
        x = k2 * math.sin(thetas[i])
        root_other = math.sqrt(1.0 - (x / (2.0 * other[_KF])) ** 2)
        if other[_KF] == small[_KF]:
            root_other = math.cos(thetas[i])
        out[i] = (k2 * small[_NU] * other[_NU] * _coulomb_weight(x, la, lp, g0, dd)
                  * _chirality_factor(small, x) * _chirality_factor(other, x) / root_other)


@njit(cache=True)
def _chirality_factor(lay, x):
    """kappa = K sqrt(1 - (q/2k_F)^2) of theory §6: 1 (2DEG), 1 - (q/2k_F)^2 (A k_F/mu)^2 (Dirac)."""
    if lay[_KIND] == _PARABOLIC:
        return 1.0
    beta = lay[_SCALE] * lay[_KF] / lay[_MU]
    return 1.0 - (x / (2.0 * lay[_KF])) ** 2 * beta * beta


# ===================================== layers ===================================== #

def _check_degeneracy(g):
    """g, an integer 1 <= g <= 64 (a float with no fraction is accepted), or ValueError naming g."""
    if isinstance(g, (float, np.floating)) and float(g).is_integer():
        g = int(g)
    return _check.integer("g", g, 1, 64)


#: Layer parameters accepted (SI; m_eff in electron masses): densities 1 to 1e16 cm^-2, masses 1e-3 to 1e3 m_e,
#: Dirac velocities A/hbar from 1 km/s to c, |M| <= 10 eV. Beyond, the reduced kernels over- or underflow.
_DENSITY = (1e4, 1e20)
_M_EFF = (1e-3, 1e3)
_A = (units.hbar * 1e3, units.hbar * 299792458.0)        # J m: A/hbar from 1 km/s to the speed of light
_MASS_MAX = 10 * units.eV


class _Layer:
    """Common part of the layers: T = 0 Fermi data from subclasses, response functions from the kernels.

    Subclasses are frozen dataclasses (immutable); their __init__ validates and stores through _set.
    """

    def _set(self, **values):
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @property
    def fermi_depth(self):
        """Fermi energy measured from the band edge, J: mu (2DEG) or mu - |M| (Dirac); k_B T_F."""
        return self.mu - abs(getattr(self, "M", 0.0))

    def q_TF(self, eps_r):
        """Thomas-Fermi wavevector e^2 nu/(2 eps0 eps_r), 1/m (docs/theory/coulomb-drag.md §3); eps_r 1e-3 to 1e6."""
        eps_r = _check_dielectric("eps_r", eps_r)
        return units.e**2 * self.dos / (2 * units.epsilon_0 * eps_r)

    def _own_scales(self):
        return self.k_F, units.hbar * self.v_F * self.k_F

    def minus_im_chi(self, q, omega, T=0.0):
        r"""Dissipative density response :math:`-\mathrm{Im}\,\chi(q,\omega)`, 1/(J m^2), all degeneracies.

        Parameters
        ----------
        q : float or array_like
            Wavevector, 1/m, 0 < q <= 1e6 k_F.
        omega : float or array_like
            Angular frequency, rad/s, any sign (the result is odd in omega); broadcasts with `q`.
        T : float
            Temperature, K: 0, or 1e-6 to 1e6. T = 0: closed forms (Stern; theory §4); T > 0: exact finite-T kernels
            (docs/theory/coulomb-drag.md §4, Eq. (4.1)) at the chemical potential mu(T) of fixed density.

        Returns
        -------
        float or ndarray
            > 0 for omega > 0. Dirac layers: intraband (conduction band) part only.

        References
        ----------
        docs/theory/coulomb-drag.md §4
        """
        q = _check_wavevector(self, q)
        omega = _check.finite("omega", omega)
        T = _check.scalar("T", _check_temperature(T, zero=True))
        k0, e0 = self._own_scales()
        lay = self._reduced(k0, e0)
        t = units.k_B * T / e0
        mu = self.chemical_potential(T) / e0 if T > 0 else lay[_MU]
        x, w = np.broadcast_arrays(np.asarray(q, float) / k0, units.hbar * np.asarray(omega, float) / e0)
        out = np.zeros(x.shape)
        nz = w != 0.0
        vals = np.empty(int(nz.sum()))
        _minus_im_chi_kernel(lay, np.ascontiguousarray(x[nz]), np.abs(w[nz]), mu, t,
                             _GE, _WE, _THERMAL_OFFSETS, vals)
        out[nz] = np.sign(w[nz]) * vals * k0**2 / e0
        return out if out.ndim else float(out)

    def static_polarization(self, q, T=0.0):
        """Static polarization Pi(q, 0), 1/(J m^2), all degeneracies; Dirac incl. interband (theory §4).

        q in 1/m, 0 < q <= 1e6 k_F; T in K, 0 or 1e-6 to 1e6. T = 0: the closed forms, equal to the density of
        states for q <= 2 k_F.
        T > 0: Maldague's thermal average of the T = 0 Pi at the chemical potential mu(T) of fixed density
        (what the exact kernels screen with); its q -> 0 limit is the thermal compressibility dn/dmu.
        """
        q = _check_wavevector(self, q)
        T = _check.scalar("T", _check_temperature(T, zero=True))
        k0, e0 = self._own_scales()
        lay = self._reduced(k0, e0)
        if T > 0:
            lay = _thermal_layers(lay, np.array([units.k_B * T / e0]), np.array([True]))[0]
        x = np.atleast_1d(q) / k0
        out = np.array([_static_polarization_kernel(lay, xi) for xi in x.ravel()]).reshape(x.shape)
        out = out * k0**2 / e0
        return out if np.ndim(q) else float(out[0])

    def chemical_potential(self, T):
        """Chemical potential mu(T) at fixed density, J (2DEG: from the band bottom; Dirac: holes neglected).

        T in K, 0 or 1e-6 to 1e6 (float or array). docs/theory/coulomb-drag.md §4 (2DEG closed form; Dirac, Li2
        formula).
        """
        T = _check_temperature(T, zero=True)
        k0, e0 = self._own_scales()
        lay = self._reduced(k0, e0)
        t = units.k_B * np.atleast_1d(T) / e0
        mu = np.array([_reduced_mu(lay, ti) for ti in t.ravel()]).reshape(t.shape) * e0
        return mu if np.ndim(T) else float(mu[0])


@dataclass(frozen=True, init=False, eq=False)
class ParabolicLayer(_Layer):
    """Parabolic 2DEG: density n (m^-2, 1e4 to 1e20), effective mass m_eff (electron masses, 1e-3 to 1e3),
    degeneracy g (1 to 64).

    n = g k_F^2/(4 pi), mu = hbar^2 k_F^2/(2m) (from the band bottom), nu = g m/(2 pi hbar^2) (theory §4).
    """

    density: float
    m_eff: float
    g: int

    def __init__(self, density, m_eff, g=2):
        self._set(density=_check.scalar("density", _check.in_range("density", _check.positive("density", density,
                                                                                                 "m^-2"),
                                                                         *_DENSITY, "m^-2")),
                  m_eff=_check.scalar("m_eff", _check.in_range("m_eff", _check.positive("m_eff", m_eff, "m_e"),
                                                               *_M_EFF, "m_e")),
                  g=_check_degeneracy(g))

    @property
    def _mass(self):
        return self.m_eff * units.m_e

    @property
    def k_F(self):
        """Fermi wavevector, 1/m."""
        return math.sqrt(4 * math.pi * self.density / self.g)

    @property
    def mu(self):
        """T = 0 chemical potential E_F measured from the band bottom, J."""
        return (units.hbar * self.k_F) ** 2 / (2 * self._mass)

    @property
    def v_F(self):
        """Fermi velocity hbar k_F/m, m/s."""
        return units.hbar * self.k_F / self._mass

    @property
    def dos(self):
        """Density of states g m/(2 pi hbar^2), 1/(J m^2)."""
        return self.g * self._mass / (2 * math.pi * units.hbar**2)

    def _reduced(self, k0, e0):
        c = (units.hbar * k0) ** 2 / (2 * self._mass * e0)
        kf = self.k_F / k0
        return np.array([_PARABOLIC, kf, self.g, c, 0.0, c * kf**2, self.g / (4 * math.pi * c),
                         self.g * kf**2 / (4 * math.pi), 2 * c * kf, 1.0, 0.0])


@dataclass(frozen=True, init=False, eq=False)
class DiracLayer(_Layer):
    """Massive Dirac layer, H = A sigma.(k x z) + M sigma_z (paper Eq. (1)), g cones, conduction band filled.

    density n (m^-2, 1e4 to 1e20), A = hbar v (J m, v from 1e3 m/s to c), M mass (J, any sign, |M| <= 10 eV;
    |M| enters the kernels, the sign the Hall drag), g cones (1 to 64). n = g k_F^2/(4 pi), mu = sqrt(A^2 k_F^2 + M^2), v_F = A^2 k_F/(hbar mu),
    nu = g mu/(2 pi A^2).
    """

    density: float
    A: float
    M: float
    g: int

    def __init__(self, density, A, M=0.0, g=1):
        self._set(density=_check.scalar("density", _check.in_range("density", _check.positive("density", density,
                                                                                                 "m^-2"),
                                                                         *_DENSITY, "m^-2")),
                  A=_check.scalar("A", _check.in_range("A", _check.positive("A", A, "J m"), *_A, "J m")),
                  M=_check.scalar("M", _check.in_range("M", M, -_MASS_MAX, _MASS_MAX, "J")),
                  g=_check_degeneracy(g))

    @property
    def k_F(self):
        """Fermi wavevector, 1/m."""
        return math.sqrt(4 * math.pi * self.density / self.g)

    @property
    def mu(self):
        """T = 0 chemical potential sqrt(A^2 k_F^2 + M^2), J (> |M|)."""
        return math.hypot(self.A * self.k_F, self.M)

    @property
    def v_F(self):
        """Fermi velocity A^2 k_F/(hbar mu), m/s."""
        return self.A**2 * self.k_F / (units.hbar * self.mu)

    @property
    def dos(self):
        """Density of states g mu/(2 pi A^2), 1/(J m^2)."""
        return self.g * self.mu / (2 * math.pi * self.A**2)

    def _reduced(self, k0, e0):
        a, m, kf = self.A * k0 / e0, abs(self.M) / e0, self.k_F / k0
        mu = math.hypot(a * kf, m)
        return np.array([_DIRAC, kf, self.g, a, m, mu, self.g * mu / (2 * math.pi * a * a),
                         self.g * kf**2 / (4 * math.pi), a * a * kf / mu, (mu * mu - m * m) / mu, 0.0])


def _dirac_density_per_cone(eta, a, m, t):
    """2 pi A^2 n per cone = M k_BT ln(1 + e^eta) - (k_BT)^2 Li2(-e^eta), eta = (mu - M)/k_BT (theory §4).

    Stable for large |eta|: Li2(-e^eta) = -pi^2/6 - eta^2/2 - Li2(-e^-eta) for eta > 0; Li2(z) = spence(1 - z).
    """
    if eta > 0:
        log_term = eta + math.log1p(math.exp(-eta))
        li2 = -math.pi**2 / 6 - 0.5 * eta**2 - spence(1 + math.exp(-eta))
    else:
        log_term = math.log1p(math.exp(eta))
        li2 = spence(1 + math.exp(eta))
    return m * t * log_term - t * t * li2


def _reduced_mu(lay, t):
    """mu(T)/E0 at fixed density (reduced t = k_BT/E0): theory §4 (2DEG closed form; Dirac, root in eta, scaled)."""
    mu0 = lay[_MU]
    if t == 0.0:
        return mu0
    if lay[_KIND] == _PARABOLIC:
        return mu0 + t * math.log(-math.expm1(-mu0 / t))
    a, m, kf = lay[_SCALE], lay[_MASS], lay[_KF]
    if t < 1e-9 * (mu0 - m):             # Sommerfeld: mu(T) - mu0 ~ t^2/(mu0 - M) < 1e-18 mu0
        return mu0
    target = 0.5 * (a * kf) ** 2
    eta_hi = (mu0 - m) / t + 1.0                          # n(mu, T) > n(mu, 0) (DOS grows with E)
    eta_lo = math.log(target / (m * t + t * t)) - 1.0     # n <= (M t + t^2) e^eta
    eta = brentq(lambda e: _dirac_density_per_cone(e, a, m, t) / target - 1.0, eta_lo, eta_hi,
                 xtol=1e-14 * max(1.0, abs(eta_hi)), rtol=4 * np.finfo(float).eps)
    return m + t * eta


@dataclass(frozen=True, init=False, eq=False)
class Bilayer:
    """Active and passive layer at distance d (m, > 0) in a dielectric eps_r (1e-3 to 1e6); no tunnelling
    (theory §1). The drag functions warn below d = 1 nm and where eps_r makes the RPA coupling large."""

    active: _Layer
    passive: _Layer
    d: float
    eps_r: float

    def __init__(self, active, passive, d, eps_r):
        for name, layer in (("active", active), ("passive", passive)):
            if not isinstance(layer, _Layer):
                raise ValueError(f"{name} must be a ParabolicLayer or DiracLayer, got {type(layer).__name__}")
        for name, value in (("active", active), ("passive", passive),
                            ("d", _check.scalar("d", _check.positive("d", d, "m"))),
                            ("eps_r", _check.scalar("eps_r", _check_dielectric("eps_r", eps_r)))):
            object.__setattr__(self, name, value)

    def _reduced(self):
        """(la, lp, g0 = 2 pi alpha_0, k0 d, k0, E0): the reduction of the module docstring."""
        k0, e0 = self.active._own_scales()
        g0 = units.e**2 * k0 / (2 * units.epsilon_0 * self.eps_r * e0)
        return self.active._reduced(k0, e0), self.passive._reduced(k0, e0), g0, k0 * self.d, k0, e0


# ===================================== drag ===================================== #

#: Temperatures of the drag functions, K: T_MIN <= T <= T_MAX (or T = 0 where the T = 0 forms are offered).
#: Far beyond any experiment, the range keeps the finite-T kernels' thermal panels resolvable in double
#: precision and their exponentials finite; the validity warnings below say where the model ends long before.
_T_MIN, _T_MAX = 1e-6, 1e6
#: Largest wavevector of a layer's response functions, in units of its k_F (q^2 stays finite in the kernels).
_Q_MAX = 1e6
#: Dielectric constants accepted (q_TF and the Coulomb weight stay finite); below 1 no static dielectric exists
#: and the RPA coupling warns (_ALPHA_VALID) long before 1e-3.
_EPS_R_MIN, _EPS_R_MAX = 1e-3, 1e6
#: kernel="fast" (T = 0 kernels) is about 1 % off the exact kernels at k_BT = 0.04 (mu - |M|) (paper's TI
#: bilayer, d = 10-40 nm), 5 % at 0.1, 35 % at 0.64 (tests/test_inputs_drag.py).
_FAST_VALID = 0.04
#: Dirac layers: valence holes and interband absorption, omitted (module docstring), weigh e^{-mu/k_BT}:
#: more than 1 % beyond k_BT = mu/ln(100), mu measured from mid-gap.
_HOLES_VALID = 1.0 / math.log(100.0)
#: Layers closer than 1 nm tunnel and their thickness matters; the model has neither (theory §1).
_D_VALID = 1e-9
#: Static RPA is controlled by alpha = e^2/(4 pi eps0 eps_r hbar v_F) (Coulomb over kinetic energy at k_F;
#: r_s/sqrt(2) for a 2DEG); beyond about 5 (r_s ~ 7) correlations beyond RPA dominate (theory §3).
_ALPHA_VALID = 5.0


def _check_bilayer(bilayer):
    """ValueError naming ``bilayer`` unless it is a :class:`Bilayer`."""
    if not isinstance(bilayer, Bilayer):
        raise ValueError(f"bilayer must be a dragbook.drag.Bilayer (of ParabolicLayer or DiracLayer layers), "
                         f"got {type(bilayer).__name__}")
    return bilayer


def _check_temperature(T, zero=False):
    """T in K, _T_MIN <= T <= _T_MAX (float or array; T = 0 too if ``zero``), or ValueError naming T."""
    if not zero:
        return _check.in_range("T", T, _T_MIN, _T_MAX, "K")
    arr = _check.in_range("T", T, 0.0, _T_MAX, "K")
    bad = (np.asarray(arr) > 0) & (np.asarray(arr) < _T_MIN)
    if np.any(bad):
        shown = np.ravel(arr)[np.ravel(bad)][0]
        raise ValueError(f"T must be 0 or in [{_T_MIN:g}, {_T_MAX:g}], got {shown:g} K")
    return arr


def _check_wavevector(layer, q, low=0.0):
    """q in 1/m, low k_F < q <= _Q_MAX k_F of ``layer`` (float or array), or ValueError naming q."""
    return _check.in_range("q", q, low * layer.k_F, _Q_MAX * layer.k_F, "1/m", closed=(low > 0, True))


def _check_dielectric(name, eps_r):
    """eps_r (float or array) in [_EPS_R_MIN, _EPS_R_MAX], or ValueError naming it."""
    return _check.in_range(name, _check.positive(name, eps_r), _EPS_R_MIN, _EPS_R_MAX)


def _warn_temperature(bilayer, T, exact, stacklevel=4):
    """Validity warnings for temperatures T (1-D, K) with kernel flags ``exact`` (:func:`_temperature_validity`)."""
    for message in _temperature_validity(bilayer, T, exact):
        _check.validity(message, stacklevel=stacklevel)


def _temperature_validity(bilayer, T, exact):
    """The validity messages for temperatures T (1-D, K) with kernel flags ``exact``: the T = 0 kernels where they
    are known to be off, Dirac layers where holes count (constants above). Static screening in the plasmon regime
    (k_BT >~ 0.2 E_F) is a choice the caller makes with ``screening``, compared in notebook 01: no warning."""
    messages = []
    layers = (("active", bilayer.active), ("passive", bilayer.passive))
    kt = units.k_B * np.max(T)
    depth = min(layer.fermi_depth for _, layer in layers)
    if not np.all(exact):
        ratio = units.k_B * np.max(T[~exact]) / depth
        if ratio > _FAST_VALID:
            messages.append(f"kernel='fast' at k_BT = {ratio:.2g} E_F (E_F from the band edge): the T = 0 kernels "
                            f"are about 1 % off at {_FAST_VALID:g} E_F, 35 % at 0.64 E_F (paper's bilayer); use "
                            f"kernel='auto'")
    dirac = [(layer.mu, name) for name, layer in layers if isinstance(layer, DiracLayer)]
    if dirac and kt > _HOLES_VALID * min(dirac)[0]:
        mu, name = min(dirac)
        messages.append(f"k_BT = {kt / mu:.2g} mu of the {name} Dirac layer (mu from mid-gap): the valence-band "
                        f"holes and interband absorption the model omits weigh e^(-mu/k_BT) = {math.exp(-mu / kt):.2g} "
                        f"> 1 %")
    return messages


def _warn_screening(bilayer, d, eps_r, stacklevel=4):
    """Validity warnings of the static RPA interlayer interaction at d (m) and eps_r (constants above)."""
    if d < _D_VALID:
        _check.validity(f"d = {d:.3g} m is below {_D_VALID:g} m: the layers would tunnel and their thickness "
                        f"matters, both outside the model", stacklevel=stacklevel)
    v_min = min(bilayer.active.v_F, bilayer.passive.v_F)
    alpha = units.e**2 / (4 * math.pi * units.epsilon_0 * eps_r * units.hbar * v_min)
    if alpha > _ALPHA_VALID:
        _check.validity(f"eps_r = {eps_r:.3g} gives the coupling e^2/(4 pi eps0 eps_r hbar v_F) = {alpha:.3g} > "
                        f"{_ALPHA_VALID:g}: the static RPA screening is uncontrolled there", stacklevel=stacklevel)


def _check_kernel(kernel):
    if not isinstance(kernel, str) or kernel not in ("auto", "fast", "exact"):
        raise ValueError(f"kernel must be one of 'auto', 'fast', 'exact', got {kernel!r}")


def _check_screening(screening, bilayer, hall=False):
    if not isinstance(screening, str) or screening not in ("static", "dynamic"):
        raise ValueError(f"screening must be 'static' or 'dynamic', got {screening!r}")
    if screening == "dynamic":
        if hall:
            raise ValueError("screening='dynamic' is implemented for rho_drag only; the Hall drag "
                             "(rho_hall_drag, drag_resistivities) uses screening='static'")
        from . import dynamic_rpa           # imports this module, so only here
        dynamic_rpa.check_layers(bilayer)


def _thermal_layers(lay, t, exact):
    """Layer vectors per T (rows): the T = 0 vector on the fast path; on the exact path mu(T) and, for Dirac,
    I_sigma(T) (theory §5) and the temperature of the static Pi (finite-T screening, :func:`_static_polarization_kernel`)."""
    rows = np.tile(lay, (t.size, 1))
    buf = np.empty(2 * _THERMAL_OFFSETS.size + 6)
    for k in np.flatnonzero(exact):
        row, tk = rows[k], t[k]
        row[_MU] = _reduced_mu(lay, tk)
        if lay[_KIND] == _DIRAC:
            row[_ISIG] = _dirac_i_sigma_kernel(lay[_MASS], row[_MU], tk, _GE, _WE, _THERMAL_OFFSETS, buf)
            if not row[_ISIG] > 0.0:         # mu(T) hundreds of k_BT below the band: the Fermi factors underflow
                raise ValueError(f"T is too high for this Dirac layer: k_BT = {tk / lay[_MU]:.3g} mu and mu(T) lies "
                                 f"{(lay[_MASS] - row[_MU]) / tk:.3g} k_BT below the band edge; lower T")
        row[_TPI] = tk
    return rows


def _exact_flags(bilayer, T, kernel):
    """Per-T choice of the finite-T kernels. "auto": k_BT >= 0.004 (mu - |M|) of either layer (theory §8; the
    Fermi energy is measured from the band edge so that heavy-mass Dirac layers switch in time)."""
    if kernel != "auto":
        return np.full(T.shape, kernel == "exact")
    depth = min(bilayer.active.fermi_depth, bilayer.passive.fermi_depth)
    return units.k_B * T >= _AUTO_EXACT * depth


def _kernel_arguments(bilayer, T, exact):
    """Reduced arguments of the integrand kernel, and the (k0, E0) scales.

    ``exact[k]`` selects the finite-T kernels at ``T[k]`` (see :func:`_exact_flags`).
    """
    la, lp, g0, dd, k0, e0 = bilayer._reduced()
    t = units.k_B * np.ravel(T) / e0
    same = bilayer.active is bilayer.passive or np.array_equal(la, lp)
    return (t, exact, same, _thermal_layers(la, t, exact), _thermal_layers(lp, t, exact), g0, dd), k0, e0


#: Finite-T temperatures of one curve are interpolated, per stretch of at most a factor _CURVE_SPAN in T, from
#: _CURVE_NODES Chebyshev nodes in ln T (ln rho_xx and rho_yx/rho_xx are analytic in ln T), where the stretch
#: holds more temperatures than the nodes and checks cost. Two check temperatures, between the middle nodes
#: and between the last two, must agree with the interpolant to _CURVE_TOL, else the stretch is computed
#: directly: a curve of many temperatures costs a fixed number of finite-T evaluations, never accuracy.
#: _CURVE_TOL is a tenth of the 3e-5 the curve must hold: where T crosses T_F (the thermal screening turns
#: over) the interpolant's error between the checks reaches ~3 times its error at them.
_CURVE_NODES, _CURVE_SPAN, _CURVE_TOL = 12, 16.0, 3e-6


def _chebyshev_lobatto(lo, hi, n):
    """n Chebyshev-Lobatto points on [lo, hi], and their barycentric weights (Berrut & Trefethen 2004)."""
    j = np.arange(n)
    nodes = 0.5 * (lo + hi) + 0.5 * (hi - lo) * np.cos(np.pi * j / (n - 1))
    weights = (-1.0) ** j
    weights[[0, -1]] *= 0.5
    return nodes, weights


def _barycentric(nodes, weights, values, x):
    """The polynomial through (nodes, values) at x, by the barycentric formula (exact at the nodes)."""
    diff = x[:, None] - nodes[None, :]
    hit = diff == 0.0
    diff[hit] = 1.0
    terms = weights / diff
    out = (terms @ values) / terms.sum(axis=1)
    rows, cols = np.nonzero(hit)
    out[rows] = values[cols]
    return out


def _checked_range(name, value, default, unit=""):
    """(low, high) with 0 < low <= high from ``value``, or (default, default) if it is None."""
    if value is None:
        return default, default
    pair = _check.positive(name, value, unit)
    if np.shape(pair) != (2,):
        raise ValueError(f"{name} must be a pair (low, high), got shape {np.shape(pair)}")
    low, high = (float(v) for v in pair)
    if low > high:
        raise ValueError(f"{name} must be (low, high) with low <= high, got ({low:g}, {high:g}) {unit}".rstrip())
    return low, high


class DragProfile:
    r"""rho_D^xx and rho_D^yx of a bilayer's two layers at temperatures T, for any d and eps_r in given ranges.

    d and eps_r enter the drag only through the Coulomb weight :math:`x v(x)^2` of theory §8, so the
    frequency integrals at each q node (the expensive part: the rectification functions of both layers on
    the y panels) are computed once per temperature and kept; each (d, eps_r) then costs one weighted sum
    over the q nodes, a fraction of a millisecond. This is what lets the explorers' d and eps_r sliders
    answer at once. :func:`rho_drag` and :func:`drag_resistivities` are this class at the bilayer's own d
    and eps_r.

    The q grid is that of :func:`rho_drag` with its upper cut 40/d at ``d_range[0]``, its geometric panels
    toward q = 0 in steps of 2 wherever :math:`e^{-2qd}` varies at ``d_range[1]`` and its low-q floor at
    ``d_range[1]`` and ``eps_r_range[1]``: every (d, eps_r) in the ranges is converged as rho_drag is, and
    the two agree to 1e-4 (tests/test_drag_kernels.py). With the default ranges the grid is rho_drag's.

    Parameters
    ----------
    bilayer : Bilayer
        Its layers, and the default d and eps_r.
    T : float or array_like
        Temperature, K, 1e-6 to 1e6. Many finite-T temperatures are interpolated in ln T as in :func:`rho_drag`.
    d_range : (float, float), optional
        Distances d_min <= d_max, m, > 0, the methods will be asked for. Default: (bilayer.d, bilayer.d).
    eps_r_range : (float, float), optional
        Dielectric constants, 1e-3 to 1e6, likewise. Default: (bilayer.eps_r, bilayer.eps_r).
    kernel : {"auto", "fast", "exact"}
        As in :func:`rho_drag`; the choice depends on the layers and T only. The validity warnings of
        :func:`rho_drag` are found once, here, for T and the kernel and given by every evaluation (methods and
        :meth:`compute`), with those for the d and eps_r asked for.

    References
    ----------
    Liu, Liu & Culcer (arXiv:1610.05866) Eqs. (9), (10); docs/theory/coulomb-drag.md Eq. (2.2), Eq. (7.1), §8
    """

    def __init__(self, bilayer, T, *, d_range=None, eps_r_range=None, kernel="auto"):
        self._T_given = _check_temperature(T)
        _check_kernel(kernel)
        self.bilayer = _check_bilayer(bilayer)
        self.d_range = _checked_range("d_range", d_range, bilayer.d, "m")
        self.eps_r_range = _checked_range("eps_r_range", eps_r_range, bilayer.eps_r)
        _check_dielectric("eps_r_range", self.eps_r_range)
        self._T = np.ravel(self._T_given).astype(float)
        self._exact = _exact_flags(bilayer, self._T, kernel)
        self._validity = _temperature_validity(bilayer, self._T, self._exact)   # found once, said at each call
        la, lp, g0, dd, self._k0, self._e0 = bilayer._reduced()
        self._la, self._lp = la, lp
        self._g0_eps = g0 * bilayer.eps_r                       # g0 = 2 pi alpha_0 is proportional to 1/eps_r
        self._same = bilayer.active is bilayer.passive or np.array_equal(la, lp)
        self._x_low = _q_floor(la, lp, self._g0_eps / self.eps_r_range[1], self._k0 * self.d_range[1])
        self._dd_range = self._k0 * self.d_range[0], self._k0 * self.d_range[1]
        self._batches, self._where = [], {}                     # node profiles; (T, exact) -> (batch, row)
        v_min = min(bilayer.active.v_F, bilayer.passive.v_F)    # the RPA coupling is alpha_eps/eps_r
        self._alpha_eps = units.e**2 / (4 * math.pi * units.epsilon_0 * units.hbar * v_min)

    def compute(self):
        """Compute the frequency integrals now (else the first call that needs them does); returns self.
        Later calls at other d and eps_r in the ranges re-weight them."""
        self._resistivities(None, None)
        return self

    def rho_drag(self, d=None, eps_r=None):
        """rho_D^xx in ohm, shaped like T, at d (m) and eps_r inside the ranges (default: the bilayer's)."""
        return _shaped(self._T_given, self._resistivities(d, eps_r)[0])

    def drag_resistivities(self, tau, d=None, eps_r=None):
        """(rho_D^xx, rho_D^yx) in ohm, as :func:`drag_resistivities`; tau in s, > 0; d, eps_r as in rho_drag."""
        tau = _check.scalar("tau", _check.positive("tau", tau, "s"))
        _check_hall_passive(self.bilayer)
        xx, yx = self._resistivities(d, eps_r)
        return _shaped(self._T_given, xx), _shaped(self._T_given, units.hbar / tau * yx)

    def _resistivities(self, d, eps_r):
        """(rho_xx in ohm, rho_yx tau/hbar with the sign of -M_p in ohm/J), flat over T: theory Eq. (2.2), Eq. (7.1)."""
        d = _check.scalar("d", _check.in_range("d", self.bilayer.d if d is None else d, *self.d_range, "m"))
        eps_r = _check.scalar("eps_r", _check.in_range("eps_r", self.bilayer.eps_r if eps_r is None else eps_r,
                                                       *self.eps_r_range))
        for message in self._validity:
            _check.validity(message, stacklevel=4)
        if d < _D_VALID or self._alpha_eps / eps_r > _ALPHA_VALID:
            _warn_screening(self.bilayer, d, eps_r, stacklevel=5)
        g0 = self._g0_eps / eps_r
        xx, yx = self._integrals_on_grid(g0, self._k0 * d)
        pref = units.hbar_e2 * (g0 / (2 * math.pi)) ** 2 / 4               # (hbar/e^2) alpha_0^2/4, theory §8
        sign = -np.sign(getattr(self.bilayer.passive, "M", 0.0))           # theory §7: rho_yx < 0 for M_p > 0
        return pref * xx, sign * pref / self._e0 * yx

    def _compute_profiles(self, T, exact):
        """The q nodes and y integrals (:func:`_profile_kernel`) of the pairs (T, exact) not yet computed."""
        missing = list(dict.fromkeys(key for key in zip(T.tolist(), exact.tolist()) if key not in self._where))
        if not missing:
            return
        temps, flags = np.array([k[0] for k in missing]), np.array([k[1] for k in missing])
        t = units.k_B * temps / self._e0
        la, lp = _thermal_layers(self._la, t, flags), _thermal_layers(self._lp, t, flags)
        chunk = numba.set_parallel_chunksize(1)         # dynamic load balance over the (T, q panel) pairs
        try:
            nodes = _profile_kernel(t, flags, self._same, la, lp, self._x_low, *self._dd_range, _GQ, _WQ, _GY,
                                    _WY, _GYT, _WYT, _GE, _WE, _THERMAL_OFFSETS, _Y_BASE, _Y_FLOOR)
        finally:
            numba.set_parallel_chunksize(chunk)
        self._batches.append(nodes)
        for row, key in enumerate(missing):
            self._where[key] = (len(self._batches) - 1, row)

    def _reduced_integrals(self, T, exact, g0, dd):
        """The reduced Eq. (2.2) and Eq. (7.1) double integrals at temperatures T (1-D, K) for the screening (g0, dd)."""
        self._compute_profiles(T, exact)
        sums = {}
        out_xx, out_yx = np.empty(T.size), np.empty(T.size)
        for i, key in enumerate(zip(T.tolist(), exact.tolist())):
            batch, row = self._where[key]
            if batch not in sums:
                nodes = self._batches[batch]
                count = nodes[0].size - 1                                   # temperatures in the batch
                sums[batch] = np.empty(count), np.empty(count)
                _coulomb_sums(*nodes, g0, dd, *sums[batch])
            out_xx[i], out_yx[i] = sums[batch][0][row], sums[batch][1][row]
        return out_xx, out_yx

    @staticmethod
    def _stretch_nodes(T):
        """Chebyshev-Lobatto nodes in ln T over the stretch T (1-D, K), their barycentric weights, and the two
        check points (between the middle nodes and between the last two), all as ln T."""
        n = _CURVE_NODES
        log_nodes, weights = _chebyshev_lobatto(np.log(T.min()), np.log(T.max()), n)
        checks = 0.5 * (log_nodes[[n // 2 - 1, n - 2]] + log_nodes[[n // 2, n - 1]])
        return log_nodes, weights, checks

    def _interpolated_stretch(self, T, g0, dd):
        """(xx, yx) at finite-T temperatures T (1-D, K, within a factor _CURVE_SPAN) from Chebyshev nodes in
        ln T, or None when the check temperatures disagree with the interpolant by more than _CURVE_TOL."""
        n = _CURVE_NODES
        log_nodes, weights, checks = self._stretch_nodes(T)
        xx, yx = self._reduced_integrals(np.exp(np.concatenate([log_nodes, checks])), np.full(n + 2, True), g0, dd)
        ratio = yx / xx
        fit = lambda values, x: _barycentric(log_nodes, weights, values[:n], x)
        scale = max(np.abs(ratio).max(), np.finfo(float).tiny)
        if (np.abs(np.exp(fit(np.log(xx), checks)) / xx[n:] - 1).max() > _CURVE_TOL
                or np.abs(fit(ratio, checks) - ratio[n:]).max() > _CURVE_TOL * scale):
            return None
        log_t = np.log(T)
        out_xx = np.exp(fit(np.log(xx), log_t))
        return out_xx, out_xx * fit(ratio, log_t)

    def _plan(self):
        """(direct, stretches): a mask of the temperatures computed directly (the fast path, and finite-T
        stretches too short to pay), and the index arrays of the finite-T stretches to interpolate, each
        within a factor _CURVE_SPAN in T."""
        T, exact = self._T, self._exact
        direct, stretches = ~exact, []
        hot = np.flatnonzero(exact)
        if hot.size > _CURVE_NODES + 2:
            log_t = np.log(T[hot])
            pieces = max(1, math.ceil((log_t.max() - log_t.min()) / math.log(_CURVE_SPAN)))
            edges = np.linspace(log_t.min(), log_t.max(), pieces + 1)
            piece = np.minimum(np.searchsorted(edges, log_t, side="right") - 1, pieces - 1)
            for k in range(pieces):
                members = hot[piece == k]
                if np.unique(T[members]).size > _CURVE_NODES + 2:
                    stretches.append(members)
                else:
                    direct[members] = True
        else:
            direct[hot] = True
        return direct, stretches

    def _planned(self):
        """The (T, exact) pairs whose frequency integrals the planned evaluation needs, without repeats."""
        direct, stretches = self._plan()
        keys = list(zip(self._T[direct].tolist(), self._exact[direct].tolist()))
        for members in stretches:
            log_nodes, _, checks = self._stretch_nodes(self._T[members])
            keys += [(t, True) for t in np.exp(np.concatenate([log_nodes, checks])).tolist()]
        return list(dict.fromkeys(keys))

    @property
    def computed(self):
        """True when the frequency integrals are computed (:meth:`compute`, :meth:`compute_steps`, or a call)."""
        return all(key in self._where for key in self._planned())

    def compute_steps(self):
        """:meth:`compute` one temperature per step: a generator, for work done while a notebook is idle
        (:mod:`dragbook.ui.idle`). Temperatures computed meanwhile by other calls are skipped."""
        for T, exact in self._planned():
            if (T, exact) not in self._where:
                self._compute_profiles(np.array([T]), np.array([exact]))
                yield
        self.compute()                          # cheap now; computes what a failed interpolation check needs

    def _integrals_on_grid(self, g0, dd):
        """:meth:`_reduced_integrals` at every T, finite-T stretches of many temperatures interpolated."""
        T, exact = self._T, self._exact
        xx, yx = np.empty(T.size), np.empty(T.size)
        direct, stretches = self._plan()
        for members in stretches:
            found = self._interpolated_stretch(T[members], g0, dd)
            if found is None:
                direct[members] = True
            else:
                xx[members], yx[members] = found
        run = np.flatnonzero(direct)
        xx[run], yx[run] = self._reduced_integrals(T[run], exact[run], g0, dd)
        return xx, yx


def _check_hall_passive(bilayer):
    if not isinstance(bilayer.passive, DiracLayer):
        raise ValueError(f"the passive layer must be a DiracLayer for the anomalous Hall drag, "
                         f"got {type(bilayer.passive).__name__}")


def _shaped(T, values):
    """Flat per-T ``values`` in the shape of ``T`` (a float for scalar T)."""
    return values.reshape(np.shape(T)) if np.ndim(T) else float(values[0])


def rho_drag(bilayer, T, *, kernel="auto", screening="static"):
    r"""Longitudinal drag resistivity :math:`\rho_D^{xx}` of the passive layer, ohm (> 0).

    .. math:: \rho_D^{xx} = \frac{1}{32\pi^2 k_BT}\int_0^\infty dq\,q\int_0^\infty d\omega\,
              \frac{|U(q)|^2 R_a R_p}{\sinh^2(\hbar\omega/2k_BT)}

    Parameters
    ----------
    bilayer : Bilayer
        Any combination of ParabolicLayer and DiracLayer, densities may differ.
    T : float or array_like
        Temperature, K, 1e-6 to 1e6.
    kernel : {"auto", "fast", "exact"}
        "fast": T = 0 kernels (theory §4, Stern); "exact": finite-T kernels (theory Eq. (4.1), Eq. (4.2), §4) with mu(T); "auto": fast where k_BT < 0.004 (mu - |M|) of both layers (the Fermi energy from
        the band edge; = 0.004 mu for the 2DEG and M = 0; 1e-4 at the paper's parameters), exact elsewhere.
    screening : {"static", "dynamic"}
        "static": static RPA (theory §3) with Pi(q, 0) at T = 0 on the fast path and the finite-T Pi(q, 0; T)
        (:meth:`ParabolicLayer.static_polarization` with T) on the exact one. "dynamic": dynamic RPA with the complex
        finite-T chi(q, omega) of both layers (Dirac: intra- and interband) and the plasmon poles
        (:func:`dragbook.dynamic_rpa.rho_drag_dynamic`; any layers, finite-T kernels, so kernel must be "auto"
        or "exact"; slow).

    Returns
    -------
    float or ndarray
        ohm, shaped like `T`.

    Raises
    ------
    ValueError
        bilayer not a Bilayer, T outside [1e-6, 1e6] K, unknown kernel or screening; screening="dynamic" with
        kernel="fast".

    Warns
    -----
    dragbook.ValidityWarning
        Outside the model's assumptions (valid input, untrustworthy number): kernel="fast" beyond
        k_BT = 0.04 E_F (E_F from the band edge; about 1 % off the exact kernels there); a Dirac layer with
        k_BT > mu/ln 100 (the omitted valence holes and interband absorption weigh e^(-mu/k_BT) > 1 %); d < 1 nm (tunnelling, layer thickness); a coupling
        e^2/(4 pi eps0 eps_r hbar v_F) > 5 (static RPA uncontrolled). The exact kernels assume no degeneracy:
        a nondegenerate 2DEG is inside the model. Static screening where the plasmons matter (k_BT >~ 0.2 E_F)
        is a choice, not a warning: screening="dynamic" computes the alternative.

    Notes
    -----
    Ballistic Boltzmann theory, second order in the screened interlayer interaction; energy-independent
    tau (cancels). On the exact path the static Pi of a Dirac layer is evaluated at mu(T) (its q -> 0 limit
    is then the thermal compressibility). Quadrature of the module docstring: self-convergence better than
    1e-4 (tests/test_drag_kernels.py). The T = 0 kernels lose accuracy where k_BT is not small against
    hbar v_F/d (the Landau-damping edge at q ~ omega/v_F) or where 2k_F backscattering matters
    (k_F d <~ 1 with M != 0 or a 2DEG: the T^2 ln T term); the exact path has neither limitation. An array
    with many temperatures on the exact path is computed at 12 Chebyshev nodes in ln T per factor 16 in T
    and interpolated, after two check temperatures confirm the interpolant to 3e-6 (``_CURVE_TOL``; else directly): a
    curve costs a fixed number of finite-T evaluations; pointwise agreement within 3e-5 is tested.

    References
    ----------
    Liu, Liu & Culcer (arXiv:1610.05866) Eq. (9); docs/theory/coulomb-drag.md §2, Eq. (2.2), §5, §8
    """
    _check_bilayer(bilayer)
    T = _check_temperature(T)
    _check_kernel(kernel)
    _check_screening(screening, bilayer)
    if screening == "dynamic":
        from . import dynamic_rpa
        return dynamic_rpa.rho_drag_dynamic(bilayer, T, kernel=kernel)
    return DragProfile(bilayer, T, kernel=kernel).rho_drag()


def rho_hall_drag(bilayer, T, tau, *, kernel="auto", screening="static"):
    r"""Anomalous-Hall drag resistivity :math:`\rho_D^{yx}` (theory Eq. (7.1)), ohm; negative for :math:`M_p > 0`.

    The passive layer's :math:`\tau_p\,\Delta v` is replaced by the Berry displacement
    :math:`\Omega_+\hat z\times\Delta k` (Liu, Liu & Culcer (arXiv:1610.05866) Eq. (10) as reconstructed in theory §7; unit coefficient).

    Parameters
    ----------
    bilayer : Bilayer
        The passive layer must be a DiracLayer; the active layer may be of either kind.
    T : float or array_like
        Temperature, K, 1e-6 to 1e6.
    tau : float
        Passive-layer transport time, s, > 0 (rho_yx is proportional to 1/tau).
    kernel, screening
        As in :func:`rho_drag`, but screening "static" only (dynamic: ValueError). The fast path weights the rho_xx integrand by
        :math:`-(\hbar M_p/2\tau\mu_p^2)\,Q^2/(Q^2-W^2)`; the exact path uses :math:`I_H` (theory §5).

    Returns
    -------
    float or ndarray
        ohm, shaped like `T`. Low T: rho_yx/rho_xx -> -hbar M_p/(2 tau mu_p^2) (docs/theory/coulomb-drag.md Eq. (7.2)).

    Raises
    ------
    ValueError
        bilayer not a Bilayer, T outside [1e-6, 1e6] K, tau <= 0, passive layer not Dirac, unknown kernel or
        screening, screening="dynamic". Validity warnings as in :func:`rho_drag`.

    References
    ----------
    Liu, Liu & Culcer (arXiv:1610.05866) Eq. (10); docs/theory/coulomb-drag.md §5 (Hall row of the table), §7.
    """
    return drag_resistivities(bilayer, T, tau, kernel=kernel, screening=screening)[1]


def drag_resistivities(bilayer, T, tau, *, kernel="auto", screening="static"):
    """``(rho_drag, rho_hall_drag)`` in ohm from one pass over the (q, omega) grid: half the cost of two calls.

    Arguments, checks and conventions as in :func:`rho_hall_drag`; docs/theory/coulomb-drag.md Eq. (2.2), Eq. (7.1).
    """
    _check_bilayer(bilayer)
    _check_temperature(T)
    _check.scalar("tau", _check.positive("tau", tau, "s"))
    _check_hall_passive(bilayer)
    _check_kernel(kernel)
    _check_screening(screening, bilayer, hall=True)     # the Hall drag is statically screened only
    return DragProfile(bilayer, T, kernel=kernel).drag_resistivities(tau)


def rho_drag_asymptotic(bilayer, T):
    r"""Fermi-liquid large-d asymptote of :math:`\rho_D^{xx}` (docs/theory/coulomb-drag.md §6), ohm.

    .. math:: \rho_D \to \frac{\zeta(3)\,\hbar\,(k_BT)^2}{16 e^2 (n_a\hbar v_a)(n_p\hbar v_p)\,q_{TF,a} q_{TF,p} d^4}

    Valid for q_TF d >> 1, k_F d >> 1, k_B T << hbar v_F/d (equals theory §6 for the 2DEG). T in K, 1e-6 to 1e6.
    """
    _check_bilayer(bilayer)
    T = _check_temperature(T)
    a, p, d, eps_r = bilayer.active, bilayer.passive, bilayer.d, bilayer.eps_r
    flux = (a.density * units.hbar * a.v_F) * (p.density * units.hbar * p.v_F)
    return units.zeta3 * units.hbar * (units.k_B * T) ** 2 / (
        16 * units.e**2 * flux * a.q_TF(eps_r) * p.q_TF(eps_r) * d**4)


_T2_DEFAULT_CUTOFF = 1e-3     # k_BT/mu at the 2k_F cutoff when t2_coefficient gets no T


def t2_coefficient(bilayer, T=None):
    r"""Exact low-T coefficient :math:`C_2` of :math:`\rho_D^{xx}\to C_2T^2` (docs/theory/coulomb-drag.md §6), ohm/K^2.

    .. math:: C_2 = \frac{\hbar}{e^2}\frac{k_B^2}{6(n_a\hbar v_a)(n_p\hbar v_p)}\int_0^{2k_F}dq\,q\,
              \nu_a\nu_p|U(q)|^2 K_a(q) K_p(q)

    Parameters
    ----------
    bilayer : Bilayer
    T : float, optional
        Temperature, K, 1e-6 to 1e6, that sets the cutoff :math:`2k_F(1 - k_BT/\mu)` of the logarithmic 2k_F
        backscattering term (2DEG or M != 0 with equal k_F; weight e^{-4 k_F d}). Default: k_BT = 1e-3 mu.
        The cut is leading-log: where that term dominates (k_F d <~ 1) C2 T^2 misses the constant under
        the logarithm (about 20% for a 2DEG at k_F d = 0.1).

    Returns
    -------
    float
        ohm/K^2.

    References
    ----------
    docs/theory/coulomb-drag.md §6 (C2 = 4.627e-5, 1.1603e-5, 2.0974e-6 ohm/K^2 at the paper's parameters).
    """
    a, p = _check_bilayer(bilayer).active, bilayer.passive
    small = a if a.k_F <= p.k_F else p
    cut = _T2_DEFAULT_CUTOFF if T is None else units.k_B * _check.scalar("T", _check_temperature(T)) / small.mu
    theta_max = math.asin(max(1.0 - cut, 0.0))
    la, lp, g0, dd, k0, e0 = bilayer._reduced()
    # panels geometric toward 0 (screening scale, as in _q_breaks) and toward pi/2 (the 2k_F log, if any)
    theta_low = 1e-3 * min(g0 * (la[_NU] + lp[_NU]), 1.0 / dd) / (2.0 * min(la[_KF], lp[_KF]))
    breaks = [0.0, 0.5, 1.0]
    while breaks[1] > theta_low:
        breaks.insert(1, 0.25 * breaks[1])
    while 0.5 * math.pi - breaks[-1] > 2 * (0.5 * math.pi - theta_max):
        breaks.append(0.5 * math.pi - 0.25 * (0.5 * math.pi - breaks[-1]))
    breaks = sorted({b for b in breaks if b < theta_max} | {theta_max})
    thetas, weights = composite(breaks, 12)
    vals = np.empty(thetas.size)
    _t2_integrand_kernel(la, lp, g0, dd, thetas, vals)
    integral = k0**2 * g0**2 * (weights @ vals)                         # int dq q nu_a nu_p |U|^2 K_a K_p, SI
    flux = (a.density * units.hbar * a.v_F) * (p.density * units.hbar * p.v_F)
    return units.hbar_e2 * units.k_B**2 / (6 * flux) * integral


def drag_integrand(bilayer, T, q, omega, *, kernel="auto"):
    r"""The (q, omega) integrand of :math:`\rho_D^{xx}` (theory Eq. (2.2)), ohm m s, for the heat-map explorer.

    .. math:: \rho_D^{xx} = \int_0^\infty dq\int_0^\infty d\omega\;
              \frac{q\,|U(q)|^2 R_a(q,\omega)R_p(q,\omega)}{32\pi^2 k_BT\,\sinh^2(\hbar\omega/2k_BT)}

    Parameters
    ----------
    bilayer : Bilayer
    T : float
        Temperature, K, 1e-6 to 1e6.
    q : float or array_like
        Wavevector, 1/m, >= 0 (q = 0 gives 0; so does q d > 400, where e^{-2qd} underflows).
    omega : float or array_like
        Angular frequency, rad/s, >= 0, broadcasting with `q`; the integrand is even in omega and the
        omega -> 0 limit is returned at omega = 0 (0 beyond hbar omega = 700 k_BT, where 1/sinh^2 underflows).
    kernel : {"auto", "fast", "exact"}
        As in :func:`rho_drag`; so are the validity warnings.

    Returns
    -------
    float or ndarray
        ohm m s, shaped like the broadcast of `q` and `omega`.
    """
    _check_bilayer(bilayer)
    T = _check.scalar("T", _check_temperature(T))
    q = _check.nonnegative("q", q, "1/m")
    omega = _check.nonnegative("omega", omega, "rad/s")
    _check_kernel(kernel)
    try:
        qb, wb = np.broadcast_arrays(q, omega)
    except ValueError:
        raise ValueError(f"q and omega must broadcast, got shapes {np.shape(q)} and {np.shape(omega)}") from None
    exact = _exact_flags(bilayer, np.array([T]), kernel)
    _warn_temperature(bilayer, np.array([T]), exact)
    _warn_screening(bilayer, bilayer.d, bilayer.eps_r)
    args, k0, e0 = _kernel_arguments(bilayer, np.array([T]), exact)
    t, exact, same, la, lp, g0, dd = args
    x = qb.ravel() / k0
    y = np.maximum(units.hbar * wb.ravel() / (2 * units.k_B * T), 1e-6)   # omega -> 0 limit (integrand even, finite)
    out = np.zeros(x.size)
    # zero where e^{-2qd} or 1/sinh^2 y underflow (q d > 400, y > 350): the kernels are not asked there
    pos = (x > 0) & (x * dd < 400.0) & (y < 350.0)
    vals = np.empty(int(pos.sum()))
    xq, at = np.unique(x[pos], return_inverse=True)           # the static Pi depends on q only: once per q
    weights = np.empty(xq.size)
    _coulomb_weights(xq, la[0], lp[0], g0, dd, weights)
    _integrand_kernel(t[0], exact[0], same, la[0], lp[0], weights[at], np.ascontiguousarray(x[pos]),
                      np.ascontiguousarray(y[pos]), _GE, _WE, _THERMAL_OFFSETS, vals)
    out[pos] = vals
    # rho = (hbar/e^2)(alpha_0^2/4) int dx dy f, dq domega = k0 (2 k_B T/hbar) dx dy
    out *= units.hbar_e2 * (g0 / (2 * math.pi)) ** 2 / 4 / (k0 * 2 * units.k_B * T / units.hbar)
    out = out.reshape(qb.shape)
    return out if out.ndim else float(out)


def warmup():
    """Compile (or load from the numba cache) every kernel once: one fast and one exact call per layer kind."""
    for layer in (ParabolicLayer(1e15, 0.067), DiracLayer(1e16, 4.1 * units.eV_angstrom, 10 * units.meV)):
        bilayer = Bilayer(layer, layer, 20 * units.nm, 10.0)
        rho_drag(bilayer, [1.0, 300.0], kernel="auto")
        drag_integrand(bilayer, 1.0, layer.k_F, 1e12)
        t2_coefficient(bilayer)
        layer.minus_im_chi(layer.k_F, 1e12, T=0.0)
        layer.minus_im_chi(layer.k_F, 1e12, T=5.0)
        layer.static_polarization(3 * layer.k_F)
