r"""Coulomb Hall drag between a time-reversal-broken Weyl-semimetal film and a normal 2D metal.

What it computes
----------------
An active film (thickness W) of a Weyl semimetal (WSM) with one pair of tilted type-I nodes (separation
:math:`\Delta_k`, tilt C, Fermi energy :math:`\varepsilon_F`, velocity v, elastic time :math:`\tau`) a distance d
above a passive parabolic 2D metal, coupled only by the screened interlayer Coulomb interaction
(Y. Messica and D. B. Gutman, arXiv:2407.03023, 2024: "the paper"; the derivations in our own words are in
docs/theory/hall-drag.md, cited below as "theory §N").

* :class:`WeylMetalBilayer`: the two layers and their single-layer transport (paper Appendix C, theory §4):
  WSM Drude conductivity, regular (skew) and anomalous (intrinsic + side-jump velocity) Hall conductivities,
  Thomas-Fermi wavevectors, the velocity ratio z and :math:`T_d`.
* :func:`drag_frictions`: parallel friction :math:`\eta_\parallel(0)`, its forward-scattering partner
  :math:`\eta_\parallel(1)` and the Hall friction :math:`\eta_H` with its e-e-impurity (1, 2) and side-jump parts
  (paper Eqs. 30-32, 41-44, 121-128; theory §5).
* :func:`drag_conductivity` (:math:`\sigma^D_{\alpha\beta} = j^p_\alpha/E^a_\beta`, Eq. 23) and
  :func:`drag_resistivity` (:math:`\rho^D_{\alpha\beta} = -E^p_\alpha/j^a_\beta`, Sec. IV.3 sign), 2x2 tensors;
  :func:`drag_components` returns their parts (mechanisms) in one pass.
* :func:`q_functions`: :math:`Q_1, Q_2, Q_3` of Eqs. 130-132; :func:`friction_functions`: :math:`\Phi_0,
  \Phi_1` of theory §6 (strong screening or full RPA).
* :func:`boost_velocity` (Eq. 39) and the WSM geometry of theory §3: :func:`weyl_spinor` (Eq. 134),
  :func:`overlap_squared` (Eq. 84), :func:`bloch_phase` (Eq. 98), :func:`side_jump` (Eq. 125),
  :func:`mean_spinor` (Eq. 105).
* :func:`normal_bilayer`: two normal metals in magnetic fields (paper Sec. II.1, Eqs. 2-9, theory §2),
  the exact 4x4 force balance where :math:`\rho^D_{xy} = 0` for any fields.

Regimes (``regime``)
--------------------
``"all"`` (default): the unified all-temperature model of theory §6 ("Level B"),
:math:`\eta_n = P(T)\,\Phi_n(\hat\tau, z)`, :math:`P = (k_BT)^2/(\hbar v_a v_p\kappa_a\kappa_p d^3)`, which joins
``"low"`` (paper Eqs. 31-37, 49-50: :math:`\Phi_0 = \pi\zeta(3)/32`, :math:`\Phi_1 = 0`) and ``"high"`` (Eqs.
41-46, 51: :math:`\hat\tau\Phi_0 = \pi^3\min(1,z)Q_1/480`, :math:`\hat\tau\Phi_1 = \pi^3\min(1,z^3)Q_2/480`).
``screening="rpa"`` replaces the strong-screening interaction (Eq. 53) by the full bilayer RPA (Eq. 52) with
the WSM's q << k_F Lindhard function and the passive layer's finite-q Stern function at T = 0 (theory §6,
"Level C"; the Maldague finite-T average is not implemented).

Reduction and reference scales
------------------------------
:math:`\hat\tau = k_BTd/(\hbar v_a)`, :math:`z = v_p/v_a`, :math:`x = qd`, :math:`\tilde\omega = \omega/(v_aq)`,
:math:`K_l = \kappa_l d`, :math:`K_F = k_F^p d`. Strong screening (theory §6), with
:math:`D(\tilde\omega) = (1-\tilde\omega\,\mathrm{artanh}\,\tilde\omega)^2 + (\pi\tilde\omega/2)^2`,
:math:`G = \sqrt{1-(\tilde\omega/z)^2}/D` and :math:`s(y) = y^2/\sinh^2 y`:

.. math:: \Phi_n = \frac{1}{16\pi\hat\tau}\int_0^\infty dx\,\frac{x^4}{\sinh^2x}\int_0^{\min(1,z)}
          d\tilde\omega\,\tilde\omega^{2n}G(\tilde\omega,z)\,s\!\left(\frac{x\tilde\omega}{2\hat\tau}\right)

(theory §6, with :math:`\tilde\omega^2/\sinh^2 y = (2\hat\tau/x)^2 s(y)`). Then (SI, theory §5-6)
:math:`\sigma^D = e^2\ell_a\ell_p\eta/(\hbar^2k_F^ak_F^pd)`, :math:`\rho^D_{xx} = \rho^p\rho^a\sigma^D_{xx}` and

.. math:: \sigma^D_{xx} = SP(\Phi_0 + b_\parallel\Phi_1),\quad
          \sigma^D_{xy} = SP\left[\tfrac{\tau_\parallel}{\tau_\perp}(\Phi_0 + b_\perp\Phi_1)
          - \tfrac{\hbar C}{2\varepsilon_F\tau}(\Phi_0 - \Phi_1)\right],\quad
          \frac{\rho^D_{xy}}{\rho^D_{xx}} = \frac{\sigma^D_{xy}}{\sigma^D_{xx}} - \frac{\sigma^a_{xy}}{\sigma^a_{xx}}

(Eqs. 33-37, 45-48), the last evaluated without subtracting large numbers (theory §6): the regular WSM Hall
current cancels the parallel-friction part exactly when :math:`b_\parallel = b_\perp`.

Conventions
-----------
SI at the boundary, T in kelvin; the passive mass ``m_eff_p`` in electron masses (as
:class:`dragbook.drag.ParabolicLayer`). :math:`\varepsilon_{xy} = +1`; tensors are isotropic,
:math:`A_{yx} = -A_{xy}`; we take e > 0 for definiteness (the paper's formulas hold for either sign of the
carrier charge; in the WSM part e enters only as e^2, so the Hall signs there are set by C and Delta_k; theory
§1). ``tau_a`` is the WSM elastic time of
Eq. 142, :math:`\tau_\parallel = 3\tau_a/2` (theory §7). DOS, density and :math:`k_F^a` at C = 0 unless
``dos_tilt=True`` (theory §7). Passive degeneracy ``g_p`` enters :math:`k_F^p` and :math:`\kappa_p`
(theory §7). Energy exponents of the WSM boost, :math:`b_\parallel = -3`, :math:`b_\perp = -2` (Sec. IV.2.2).
Linear order in C and in :math:`1/(\varepsilon_F\tau)` (the paper's expansion). Onsager:
:math:`\sigma^{ap}_{\alpha\beta}(\mathbf M) = \sigma^{pa}_{\beta\alpha}(-\mathbf M)`, so swapping the active and
passive roles *and* reversing the time-reversal breaking (magnetization: :math:`\Delta_k, C \to -\Delta_k, -C`)
transposes the tensors, i.e. flips the Hall signs (``swap=True``; the rule of paper Sec. II.2). At a fixed
magnetization the Hall parts are odd in M and the swap leaves the tensors unchanged, as the exact
:func:`normal_bilayer` shows (``tests/test_halldrag.py``).

Numerics
--------
Composite Gauss-Legendre, 6 nodes per panel (12 for the 1D Q-functions). x panels on [0, 20] (integrand
~ x^4 e^{-2x}, < 1e-12 beyond), graded geometrically down to x ~ tau_hat/8 where the inner integral turns over
(the ln(1/tau_hat) of Phi_1 comes from there). omega panels split at the thermal scales
:math:`\tilde\omega = 2\hat\tau y/x` (y = 0.25 ... 20, cut at y = 40) and graded geometrically (ratio 0.15,
down to 1e-10) toward the endpoint singularities: the square root at :math:`\tilde\omega = z` and the logarithm
of D at :math:`\tilde\omega = 1` (theory §6); for RPA also at the Stern edges :math:`\tilde\omega = z|1\mp
x/2K_F|`, and x panels graded toward the metal's 2k_F edge x = 2K_F (inverse square root of Im pi^p/omega as
omega -> 0). Accuracy: Q-functions 1e-9, :math:`\Phi_n` 1e-6 (typically 3e-7) against nested scipy.quad and
independent reference tables; RPA :math:`\Phi_0` within 4e-5 of its T -> 0 limit (a 1D integral, scipy.quad) at
:math:`\hat\tau = 10^{-3}` (``tests/test_halldrag.py``).

References
----------
.. [1] Y. Messica and D. B. Gutman, *Coulomb Hall drag induced by electron-electron skew scattering*,
   arXiv:2407.03023 (2024): Eqs. 2-9 (normal bilayer), 23-24, 28, 30-51 (drag), 52-53 (RPA),
   112, 118, 121-132 (frictions, Q-functions), 139-154 (WSM transport, Appendix C).
.. [2] docs/theory/hall-drag.md §1-7 (choices, §7: elastic tau, g_p, C -> 0 in the DOS,
   Q-functions as printed in Eqs. 130-131, not the text's z -> 0 limits; Eq. 122's eta_par read as eta-bar).
"""

import math
import numbers
from dataclasses import dataclass

import numpy as np
from numba import njit

from . import _check, units
from ._quadrature import gauss_legendre, sort_unique

__all__ = [
    "WeylMetalBilayer", "drag_conductivity", "drag_resistivity", "drag_components", "drag_frictions",
    "boost_velocity", "weyl_spinor", "overlap_squared", "bloch_phase", "side_jump", "mean_spinor",
    "q_functions", "phase_space_weight", "friction_functions", "normal_bilayer", "LOW_T_COEFFICIENT",
    "HIGH_T_COEFFICIENT", "warmup",
]

#: pi zeta(3)/32: Phi_0 at T -> 0 (paper Eq. 31, theory §5).
LOW_T_COEFFICIENT = math.pi * units.zeta3 / 32
#: pi^3/480: eta-bar = (pi^3/480) T_d T/(v_a v_p kappa_a kappa_p d^3) (paper Eqs. 41-44).
HIGH_T_COEFFICIENT = math.pi**3 / 480

_GX, _WX = gauss_legendre(6)          # nodes per panel (omega and x) of the 2D integrals
_GQF, _WQF = gauss_legendre(12)       # nodes per panel of the 1D Q-function integrals
_X_BREAKS = np.array([0.0, 0.25, 0.5, 1.0, 2.0, 3.0, 4.5, 6.5, 9.0, 13.0, 20.0])   # x^4 e^{-2x}: < 1e-12 beyond 20
_Y_THERMAL = np.array([0.25, 1.0, 2.5, 5.0, 10.0, 20.0])   # y = x w/(2 tau_hat) panel ends
_Y_MAX = 40.0                         # s(y) = y^2/sinh^2 y < 1e-31 beyond
_GRADE_RATIO = 0.15                   # geometric grading toward a singular point
_GRADE_MIN = 1e-10                    # closest graded break, relative
_REGIMES = ("all", "low", "high")
_TAU_HAT = (1e-9, 1e6)                # reduced temperatures the quadrature resolves (Phi_n to 1e-6)
_Z_RANGE = (1e-6, 1e6)                # velocity ratios v_p/v_a (Q_2 divides by min(1, z^3))
_LARGE = 3.0                          # a number "much larger than 1" of the model's validity below it: warn
_SCREENINGS = ("strong", "rpa")


# ===================================== scalar kernels ===================================== #

@njit(cache=True)
def _d_kernel(w):
    """D(w) = (1 - w artanh w)^2 + (pi w/2)^2 = |pi^a|^2 for 0 <= w < 1 (paper Eq. 129, theory §6)."""
    w = min(w, 1.0 - 1e-16)
    a = 1.0 - w * math.atanh(w)
    return a * a + (0.5 * math.pi * w) ** 2


@njit(cache=True)
def _g_kernel(w, z, alt):
    """G(w, z) = sqrt(1 - (w/z)^2)/D(w) (theory §6); alt: (1 - (w/z)^2)^{3/2}/D, the paper-text variant."""
    r = max(1.0 - (w / z) ** 2, 0.0)
    if alt:
        return r * math.sqrt(r) / _d_kernel(w)
    return math.sqrt(r) / _d_kernel(w)


@njit(cache=True)
def _thermal_weight(y):
    """s(y) = y^2/sinh^2 y, finite at y -> 0, no overflow."""
    if y < 1e-4:
        return 1.0 - y * y / 3.0
    if y > 20.0:
        return 4.0 * y * y * math.exp(-2.0 * y)
    s = y / math.sinh(y)
    return s * s


@njit(cache=True)
def _omega_breaks(hi, edges, n_edges, scale, buf):
    """Panel ends on [0, hi] for the w integral: thermal breaks scale*y (scale <= 0: none), and geometric
    grading (ratio 0.2 down to 1e-12) on both sides of each singular point edges[:n_edges] (theory §6)."""
    buf[0] = 0.0
    buf[1] = hi
    n = 2
    if scale > 0.0:
        for k in range(_Y_THERMAL.size):
            b = scale * _Y_THERMAL[k]
            if b < hi:
                buf[n] = b
                n += 1
    for i in range(n_edges):
        e = edges[i]
        if e <= 0.0 or e > 2.0 * hi:         # a singular point far beyond the domain needs no grading
            continue
        if e < hi:
            buf[n] = e
            n += 1
        h = _GRADE_RATIO * e
        while h > _GRADE_MIN * e:
            for b in (e - h, e + h):
                if 0.0 < b < hi:
                    buf[n] = b
                    n += 1
            h *= _GRADE_RATIO
    return sort_unique(buf, n)


@njit(cache=True)
def _q_functions_kernel(z, alt, gx, gw, buf, edges):
    """(Q1, Q2, Q3) of paper Eqs. 130-132 (theory §6): 1D integrals of G over [0, min(1, z)]."""
    m = min(1.0, z)
    edges[0] = m
    edges[1] = max(1.0, z)
    n = _omega_breaks(m, edges, 2, -1.0, buf)
    i0 = i2 = 0.0
    for p in range(n - 1):
        a, b = buf[p], buf[p + 1]
        half = 0.5 * (b - a)
        for j in range(gx.size):
            w = a + half * (1.0 + gx[j])
            g = gw[j] * half * _g_kernel(w, z, alt)
            i0 += g
            i2 += g * w * w
    q1 = i0 / m
    q2 = i2 / min(1.0, z**3)
    return q1, q2, (i0 - i2) / m


@njit(cache=True)
def _x_breaks(tau, base, buf):
    """Outer x = q d panel ends: base breaks plus geometric ones around x ~ tau_hat below base[1], where the
    inner integral turns from constant to ~ (tau/x)^3 (the ln(1/tau) of Phi_1 comes from there)."""
    n = 0
    for k in range(base.size):
        buf[n] = base[k]
        n += 1
    b = 0.125 * tau
    while b < base[1]:
        buf[n] = b
        n += 1
        b *= 2.0
        if n >= buf.size - 1:
            break
    return sort_unique(buf, n)


@njit(cache=True)
def _phi_strong_kernel(taus, z, xbase, gx, gw, out0, out1):
    """Phi_0, Phi_1 of theory §6 (strong screening, Eq. 53) at reduced temperatures taus (> 0), v_p/v_a = z.

    The wrapper friction_functions checks the inputs. Formula of the module docstring (x = q d outer, w inner).
    """
    m = min(1.0, z)
    buf = np.empty(128)
    xb = np.empty(xbase.size + 40)
    edges = np.empty(2)
    edges[0] = m
    edges[1] = max(1.0, z)
    for k in range(taus.size):
        tau = taus[k]
        s0 = s1 = 0.0
        nx = _x_breaks(tau, xbase, xb)
        for i in range(gx.size * (nx - 1)):
            xa, xe = xb[i // gx.size], xb[i // gx.size + 1]
            x = xa + 0.5 * (xe - xa) * (1.0 + gx[i % gx.size])
            sh = math.sinh(x)
            fx = 0.5 * (xe - xa) * gw[i % gx.size] * x * x * x * x / (sh * sh)
            scale = 2.0 * tau / x
            hi = min(m, scale * _Y_MAX)
            n = _omega_breaks(hi, edges, 2, scale, buf)
            a0 = a1 = 0.0
            for p in range(n - 1):
                a, b = buf[p], buf[p + 1]
                half = 0.5 * (b - a)
                for j in range(gx.size):
                    w = a + half * (1.0 + gx[j])
                    g = gw[j] * half * _g_kernel(w, z, False) * _thermal_weight(w / scale)
                    a0 += g
                    a1 += g * w * w
            s0 += fx * a0
            s1 += fx * a1
        out0[k] = s0 / (16.0 * math.pi * tau)
        out1[k] = s1 / (16.0 * math.pi * tau)


@njit(cache=True)
def _stern_pi_p(w, x, z, kf):
    """pi^p = Pi^p/nu^p of a 2DEG at T = 0, finite q (Stern; theory §6): (Re, Im/w), w = omega/(v_a q) > 0,
    x = q d, z = v_p/v_a, kf = k_F^p d; nu_pm = w/z +- x/(2 kf)."""
    c = x / (2.0 * kf)
    nm = w / z - c
    npl = w / z + c
    # Im pi^p = (kf/x)[sqrt(1 - nm^2) - sqrt(1 - npl^2)] on their supports, written without cancellation
    am = 1.0 - nm * nm
    ap = 1.0 - npl * npl
    if am > 0.0 and ap > 0.0:
        im_w = (kf / x) * (npl * npl - nm * nm) / (math.sqrt(am) + math.sqrt(ap)) / w
    elif am > 0.0:
        im_w = (kf / x) * math.sqrt(am) / w
    else:
        im_w = 0.0
    re = 1.0
    if ap < 0.0:
        re -= (kf / x) * math.sqrt(-ap) * (1.0 if npl > 0.0 else -1.0)
    if am < 0.0:
        re += (kf / x) * math.sqrt(-am) * (1.0 if nm > 0.0 else -1.0)
    return re, im_w


@njit(cache=True)
def _phi_rpa_kernel(taus, z, ka, kp, kf, xbase, gx, gw, out0, out1):
    """Phi_0, Phi_1 with the full bilayer RPA of paper Eq. 52 (theory §6, T = 0 polarizations).

    den' = (Ka Kp/x) pi^a pi^p (1 - e^{-2x}) + x + Ka pi^a + Kp pi^p, with pi^a the q << k_F WSM Lindhard
    function (theory §6) and pi^p Stern's. Phi_n = (z Ka^2 Kp^2/(2 pi^2 tau)) int dx x^2 e^{-2x}
    int dw w^{2n} (Im pi^a/w)(Im pi^p/w) s(x w/2 tau)/|den'|^2 (with Omega = x w). Reduces to
    _phi_strong_kernel when only the first term of den' is kept (tests/test_halldrag.py).
    """
    buf = np.empty(256)
    xb = np.empty(xbase.size + 40)
    edges = np.empty(4)
    for k in range(taus.size):
        tau = taus[k]
        s0 = s1 = 0.0
        nx = _x_breaks(tau, xbase, xb)
        for i in range(gx.size * (nx - 1)):
            xa, xe = xb[i // gx.size], xb[i // gx.size + 1]
            x = xa + 0.5 * (xe - xa) * (1.0 + gx[i % gx.size])
            xw = 0.5 * (xe - xa) * gw[i % gx.size]
            c = x / (2.0 * kf)
            hi = min(1.0, z * (1.0 + c))            # WSM continuum w < 1, Stern support nu_- < 1
            lo_edge = z * abs(1.0 - c)
            scale = 2.0 * tau / x
            hi = min(hi, scale * _Y_MAX)
            if c > 1.0 and lo_edge >= hi:
                continue
            edges[0] = 1.0
            edges[1] = z * (1.0 + c)
            edges[2] = lo_edge
            n = _omega_breaks(hi, edges, 3, scale, buf)
            one_m = -math.expm1(-2.0 * x)
            a0 = a1 = 0.0
            for p in range(n - 1):
                a, b = buf[p], buf[p + 1]
                half = 0.5 * (b - a)
                for j in range(gx.size):
                    w = a + half * (1.0 + gx[j])
                    re_p, im_p_w = _stern_pi_p(w, x, z, kf)
                    if im_p_w == 0.0:
                        continue
                    wa = min(w, 1.0 - 1e-16)
                    re_a = 1.0 - wa * math.atanh(wa)
                    im_a = 0.5 * math.pi * w
                    prod_re = re_a * re_p - im_a * im_p_w * w
                    prod_im = re_a * im_p_w * w + im_a * re_p
                    f = ka * kp / x * one_m
                    den_re = f * prod_re + x + ka * re_a + kp * re_p
                    den_im = f * prod_im + ka * im_a + kp * im_p_w * w
                    g = (gw[j] * half * 0.5 * math.pi * im_p_w * _thermal_weight(w / scale)
                         / (den_re * den_re + den_im * den_im))
                    a0 += g
                    a1 += g * w * w
            fx = xw * x * x * math.exp(-2.0 * x)
            s0 += fx * a0
            s1 += fx * a1
        pref = z * ka * ka * kp * kp / (2.0 * math.pi**2 * tau)
        out0[k] = pref * s0
        out1[k] = pref * s1


# ===================================== the bilayer ===================================== #

def _degeneracy(g):
    if isinstance(g, (bool, np.bool_)) or not isinstance(g, numbers.Real) or not float(g).is_integer():
        raise ValueError(f"g_p must be an integer in [1, 16], got {g!r}")
    return _check.integer("g_p", int(g), 1, 16)


@dataclass(frozen=True, init=False, eq=False)
class WeylMetalBilayer:
    r"""WSM film (active) above a parabolic 2D metal (passive), paper Sec. III.1, theory §1 and §4.

    Parameters
    ----------
    eF_a : float
        WSM Fermi energy from the node, J, > 0.
    v_a : float
        Weyl velocity, m/s, > 0.
    tau_a : float
        WSM elastic (single-particle) time of paper Eq. 142, s, > 0; transport time 3 tau_a/2 (Eq. 143).
    dk : float
        Node separation Delta_k (along z, normal to the layers), 1/m, >= 0.
    tilt : float
        Tilt C (C_+- = +-C along z), in (-1, 1).
    W : float
        Film thickness, m, > 0 and < d.
    n_p : float
        Passive density, m^-2, > 0.
    m_eff_p : float
        Passive effective mass, electron masses, > 0.
    tau_p : float
        Passive transport time, s, > 0.
    d : float
        Interlayer distance, m, > 0.
    eps_r : float
        Background dielectric constant, > 0.
    g_p : int
        Passive spin degeneracy, in [1, 16] (default 2; theory §7).
    dos_tilt : bool
        Keep the (1 - C^2)^-2 of the WSM DOS (Eq. 139) in nu_a and kappa_a (default False: C -> 0, theory §7).

    Notes
    -----
    The validity of the model (theory §1, §5): eF tau >> hbar, kappa d >> 1, k_F^p d >> 1, T << eF_p, d << l;
    :meth:`validity` returns these numbers; :func:`drag_frictions` (and
    every drag function through it) warns with :class:`dragbook.ValidityWarning` where one fails. Parameters
    whose derived scales leave the floating-point range, or v_a beyond a factor 1e6 of v_p, are refused.
    """

    eF_a: float
    v_a: float
    tau_a: float
    dk: float
    tilt: float
    W: float
    n_p: float
    m_eff_p: float
    tau_p: float
    d: float
    eps_r: float
    g_p: int
    dos_tilt: bool

    def __init__(self, eF_a, v_a, tau_a, dk, tilt, W, n_p, m_eff_p, tau_p, d, eps_r, g_p=2, dos_tilt=False):
        values = dict(
            eF_a=_check.positive("eF_a", eF_a, "J"), v_a=_check.positive("v_a", v_a, "m/s"),
            tau_a=_check.positive("tau_a", tau_a, "s"), dk=_check.nonnegative("dk", dk, "1/m"),
            tilt=_check.in_range("tilt", tilt, -1.0, 1.0, closed=(False, False)),
            W=_check.positive("W", W, "m"), n_p=_check.positive("n_p", n_p, "m^-2"),
            m_eff_p=_check.positive("m_eff_p", m_eff_p, "m_e"), tau_p=_check.positive("tau_p", tau_p, "s"),
            d=_check.positive("d", d, "m"), eps_r=_check.positive("eps_r", eps_r))
        for name, value in values.items():
            if np.ndim(value):
                raise ValueError(f"{name} must be a scalar, got an array of shape {np.shape(value)}")
            object.__setattr__(self, name, float(value))
        if self.W >= self.d:
            raise ValueError(f"W must be < d = {self.d:g} m (the film lies above the passive layer, W << d), "
                             f"got {self.W:g} m")
        object.__setattr__(self, "g_p", _degeneracy(g_p))
        object.__setattr__(self, "dos_tilt", _check.flag("dos_tilt", dos_tilt))
        derived = ("k_F_a", "nu_a", "n_a", "eF_tau", "sigma_a", "k_F_p", "v_p", "eF_p", "nu_p", "sigma_p", "kappa_a",
                   "kappa_p", "T_d", "conductivity_scale")
        for name in derived:
            try:
                value = getattr(self, name)
                value = value() if callable(value) else value
            except (OverflowError, ZeroDivisionError):
                value = math.inf
            if not (math.isfinite(value) and value > 0.0):
                raise ValueError(f"the parameters give {name} = {value:g}, out of the floating-point range: bring "
                                 "eF_a, v_a, tau_a, W, n_p, m_eff_p, tau_p, d, eps_r to physical magnitudes")
        if not _Z_RANGE[0] <= self.z <= _Z_RANGE[1]:
            raise ValueError(f"v_a must be within a factor 1e6 of the passive Fermi velocity v_p = {self.v_p:g} m/s "
                             f"(z = v_p/v_a in [1e-6, 1e6]), got v_a = {self.v_a:g} m/s")

    # --- WSM (theory §4) ---
    @property
    def k_F_a(self):
        """WSM Fermi wavevector eF/(hbar v), 1/m."""
        return self.eF_a / (units.hbar * self.v_a)

    @property
    def nu_a(self):
        """3D DOS of both nodes, eF^2/(pi^2 hbar^3 v^3) [x (1-C^2)^-2 with dos_tilt], 1/(J m^3) (Eq. 139)."""
        nu = self.eF_a**2 / (math.pi**2 * (units.hbar * self.v_a) ** 3)
        return nu / (1 - self.tilt**2) ** 2 if self.dos_tilt else nu

    @property
    def n_a(self):
        """WSM sheet density W 2 k_F^3/(6 pi^2) (both nodes, C -> 0), m^-2."""
        return self.W * self.k_F_a**3 / (3 * math.pi**2)

    @property
    def tau_par(self):
        """WSM transport time 3 tau_a/2 (Eq. 143), s."""
        return 1.5 * self.tau_a

    @property
    def ell_a(self):
        """WSM mean free path v tau_par, m."""
        return self.v_a * self.tau_par

    @property
    def eF_tau(self):
        """eF tau_a/hbar: the expansion parameter's inverse (>> 1 for the model)."""
        return self.eF_a * self.tau_a / units.hbar

    def wsm_conductivities(self):
        """3D WSM conductivities of Appendix C, S/m: dict with xx (Drude), xy_reg (Eq. 152, skew +
        anomalous distribution), xy_int (Eq. 153), xy_ext (side-jump velocity, Eq. 154), xy_anom = int + ext
        and xy_total. SI: e^2 -> e^2/hbar, eF/v -> k_F (theory §4)."""
        kf, c, e2h = self.k_F_a, self.tilt, units.e**2 / units.hbar
        xx = e2h * kf**2 * self.v_a * self.tau_a / (2 * math.pi**2)
        reg = e2h * 3 * c * kf / (4 * math.pi**2)
        intr = e2h * (self.dk / (4 * math.pi**2) - c * kf / (6 * math.pi**2))
        ext = e2h * 5 * c * kf / (12 * math.pi**2)
        return dict(xx=xx, xy_reg=reg, xy_int=intr, xy_ext=ext, xy_anom=intr + ext, xy_total=reg + intr + ext)

    def hall_ratios(self):
        """WSM Hall ratios sigma_xy/sigma_xx (theory §4): reg = tau_par/tau_perp = 3C hbar/(2 eF tau) (Eq. 147),
        anom = hbar^2 v dk/(2 eF^2 tau) + C hbar/(2 eF tau), total = reg + anom."""
        c = self.tilt / self.eF_tau
        reg = 1.5 * c
        anom = units.hbar * self.v_a * self.dk / (2 * self.eF_a * self.eF_tau) + 0.5 * c
        return dict(reg=reg, anom=anom, total=reg + anom)

    @property
    def sigma_a(self):
        """WSM sheet Drude conductivity W sigma_xx (theory §4), S."""
        return self.W * self.wsm_conductivities()["xx"]

    # --- passive 2DEG ---
    @property
    def k_F_p(self):
        """sqrt(4 pi n/g), 1/m."""
        return math.sqrt(4 * math.pi * self.n_p / self.g_p)

    @property
    def v_p(self):
        """hbar k_F/m, m/s."""
        return units.hbar * self.k_F_p / (self.m_eff_p * units.m_e)

    @property
    def eF_p(self):
        """hbar^2 k_F^2/(2m), J."""
        return 0.5 * units.hbar * self.k_F_p * self.v_p

    @property
    def nu_p(self):
        """g m/(2 pi hbar^2), 1/(J m^2)."""
        return self.g_p * self.m_eff_p * units.m_e / (2 * math.pi * units.hbar**2)

    @property
    def ell_p(self):
        """v_p tau_p, m."""
        return self.v_p * self.tau_p

    @property
    def sigma_p(self):
        """Passive Drude conductivity n e^2 tau/m, S."""
        return self.n_p * units.e**2 * self.tau_p / (self.m_eff_p * units.m_e)

    # --- interlayer ---
    @property
    def kappa_a(self):
        """e^2 nu_a W/(2 eps0 eps_r), 1/m (theory §5)."""
        return units.e**2 * self.nu_a * self.W / (2 * units.epsilon_0 * self.eps_r)

    @property
    def kappa_p(self):
        """e^2 nu_p/(2 eps0 eps_r), 1/m."""
        return units.e**2 * self.nu_p / (2 * units.epsilon_0 * self.eps_r)

    @property
    def z(self):
        """Velocity ratio v_p/v_a (Appendix B.3)."""
        return self.v_p / self.v_a

    @property
    def T_d(self):
        """Crossover temperature hbar min(v_a, v_p)/(k_B d), K."""
        return units.hbar * min(self.v_a, self.v_p) / (units.k_B * self.d)

    def tau_hat(self, T):
        """Reduced temperature k_B T d/(hbar v_a); T in K, > 0."""
        T = _check.positive("T", T, "K")
        return _check.result(units.k_B * np.asarray(T, float) * self.d / (units.hbar * self.v_a), "T")

    def validity(self, T=None):
        """Dimensionless numbers that must be large (small) for the model (theory §1, §5): dict."""
        out = dict(eF_tau=self.eF_tau, kappa_a_d=self.kappa_a * self.d, kappa_p_d=self.kappa_p * self.d,
                   kF_p_d=self.k_F_p * self.d, dk_d=self.dk * self.d, d_over_ell=self.d / min(self.ell_a,
                                                                                            self.ell_p))
        if T is not None:
            out["T_over_eF_p"] = units.k_B * _check.real(_check.positive, "T", T, "K") / self.eF_p
        return _check.result(out, "T")

    def friction_scale(self, T):
        """P(T) = (k_B T)^2/(hbar v_a v_p kappa_a kappa_p d^3), Pa s: eta_n = P Phi_n (theory §6); T in K, > 0."""
        T = _check.positive("T", T, "K")
        scale = units.hbar * self.v_a * self.v_p * self.kappa_a * self.kappa_p * self.d**3
        with np.errstate(all="ignore"):
            return _check.result((units.k_B * np.asarray(T, float)) ** 2 / scale, "T")

    def conductivity_scale(self):
        """S = e^2 l_a l_p/(hbar^2 k_F^a k_F^p d), S/(Pa s): sigma^D = S eta (Eqs. 24, 28; theory §5)."""
        return units.e**2 * self.ell_a * self.ell_p / (units.hbar**2 * self.k_F_a * self.k_F_p * self.d)


# ===================================== wrappers ===================================== #

def _choice(name, value, allowed):
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}, got {value!r}")


def _bilayer(bilayer):
    if not isinstance(bilayer, WeylMetalBilayer):
        raise TypeError(f"bilayer must be a WeylMetalBilayer, got {type(bilayer).__name__} {bilayer!r:.60}")
    return bilayer


def _validity(b, T, regime, screening):
    """ValidityWarnings where the bilayer or the temperatures leave the model's assumptions (theory §1, §5-6):
    eF tau/hbar, kappa d (strong screening), k_F^p d not large, d not below both mean free paths, k_B T not
    below both Fermi energies (regime "all", the model at a temperature), and the analytic regimes "low"/"high"
    (formulas of a limit, asked for as such) on the wrong side of T_d."""
    v = b.validity()
    big = [("eF_tau", "eF_a tau_a/hbar"), ("kF_p_d", "k_F^p d")]
    if screening == "strong":
        big += [("kappa_a_d", "kappa_a d"), ("kappa_p_d", "kappa_p d")]
    notes = [f"{label} = {v[key]:.3g} is not >> 1" for key, label in big if v[key] < _LARGE]
    if v["d_over_ell"] > 1.0:
        notes.append(f"d = {b.d:g} m exceeds a mean free path (d/l = {v['d_over_ell']:.3g}, the model needs d << l)")
    t_max, t_min = float(np.max(T)), float(np.min(T))
    for label, energy in (("eF_p", b.eF_p), ("eF_a", b.eF_a)):
        if regime == "all" and units.k_B * t_max > energy:
            notes.append(f"k_B T = {t_max:g} K exceeds {label} = {energy / units.k_B:.3g} K "
                         "(degenerate layers assumed)")
    if regime == "low" and t_max > b.T_d:
        notes.append(f"regime='low' needs T << T_d = {b.T_d:.3g} K, got T up to {t_max:g} K")
    if regime == "high" and t_min < b.T_d:
        notes.append(f"regime='high' needs T >> T_d = {b.T_d:.3g} K, got T down to {t_min:g} K")
    if notes:
        _check.validity("Hall drag outside the model's validity: " + "; ".join(notes), stacklevel=4)


def boost_velocity(bilayer, energy):
    r"""Boost (Fermi-surface drift) velocity of the WSM per unit field, paper Eq. 39, m^2/(V s):
    ``(u_par, u_perp)`` with :math:`u_\alpha = (v^2\tau_\parallel(\varepsilon)/\varepsilon)(\delta_{\alpha\beta} +
    \varepsilon_{\alpha\beta}\tau_\parallel/\tau_\perp)\,eE_\beta`, :math:`\tau(\varepsilon) = \tau_a(\varepsilon_F/
    \varepsilon)^2` (1/tau ~ DOS, Eq. 142), :math:`\tau_\parallel/\tau_\perp = 3C\hbar/(2\varepsilon\tau(\varepsilon))`
    (Eq. 147). Hence u_par ~ eps^-3 and u_perp ~ eps^-2: b_par = -3, b_perp = -2 (Sec. IV.2.2). At eps = eF
    this is Eq. 28. ``energy`` in J, > 0 (float or array)."""
    b = _bilayer(bilayer)
    energy = _check.positive("energy", energy, "J")
    with np.errstate(all="ignore"):
        tau = b.tau_a * (b.eF_a / np.asarray(energy)) ** 2
        u_par = b.v_a**2 * 1.5 * tau * units.e / np.asarray(energy)
        u_perp = u_par * 1.5 * b.tilt * units.hbar / (np.asarray(energy) * tau)
    _check.result((u_par, u_perp), "energy")
    return (u_par, u_perp) if np.ndim(energy) else (float(u_par), float(u_perp))


# ===================================== WSM geometry (theory §3) ===================================== #

def _unit(k, name):
    k = np.asarray(_check.finite(name, k), float)
    if k.shape[-1:] != (3,):
        raise ValueError(f"{name} must have a last axis of length 3 (a 3D wavevector), got shape {k.shape}")
    big = np.max(np.abs(k), axis=-1)
    if np.any(big == 0):
        raise ValueError(f"{name} must be nonzero (the Weyl spinor is undefined at the node)")
    scaled = k / big[..., None]                       # no overflow or underflow in the norm
    norm = np.linalg.norm(scaled, axis=-1)
    return scaled / norm[..., None], _check.result(norm * big, name)


def _sign(name, value):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real) or value not in (1, -1):
        raise ValueError(f"{name} must be +1 or -1, got {value!r}")
    return value


def weyl_spinor(k, n, xi):
    r"""Eigenstate of band n of node xi at momentum k (from the node), paper Eq. 134, with zeta = xi n:
    zeta = +1: (cos theta/2, sin theta/2 e^{i phi}); zeta = -1: (-sin theta/2, cos theta/2 e^{i phi}).
    k: array (..., 3), 1/m, nonzero; n, xi = +-1. Returns complex array (..., 2)."""
    khat, _ = _unit(k, "k")
    zeta = _sign("n", n) * _sign("xi", xi)
    theta = np.arccos(np.clip(khat[..., 2], -1.0, 1.0))
    phase = np.exp(1j * np.arctan2(khat[..., 1], khat[..., 0]))
    c, s = np.cos(theta / 2), np.sin(theta / 2)
    if zeta == 1:
        return np.stack([c + 0j, s * phase], -1)
    return np.stack([-s + 0j, c * phase], -1)


def overlap_squared(k, n, k2, n2, xi):
    """|<u_nk|u_n2k2>|^2 = (1 + zeta zeta2 khat.khat2)/2 (paper Eq. 84, theory §3); same node xi."""
    a, _ = _unit(k, "k")
    b, _ = _unit(k2, "k2")
    zz = _sign("n", n) * _sign("n2", n2)
    _sign("xi", xi)
    return 0.5 * (1 + zz * np.sum(a * b, axis=-1))


def bloch_phase(k1, n1, k2, n2, k3, n3, xi):
    r"""Three-state Bloch phase Z = Im[<u1|u2><u2|u3><u3|u1>] = (xi/4) n1 n2 n3 (k1 x k2).k3 (unit vectors),
    paper Eq. 98 (theory §3): the chirality of the e-e-impurity skew scattering."""
    a, _ = _unit(k1, "k1")
    b, _ = _unit(k2, "k2")
    c, _ = _unit(k3, "k3")
    sign = _sign("n1", n1) * _sign("n2", n2) * _sign("n3", n3) * _sign("xi", xi)
    return sign / 4 * np.sum(np.cross(a, b) * c, axis=-1)


def side_jump(k, n, k2, n2, xi):
    r"""Coordinate shift of the transition (n, k) -> (n2, k2), m (theory §3). It is the gauge-invariant shift of
    paper Eq. 89, A_{n2 k2} - A_{nk} - (grad_k + grad_k2) arg<u_{n2 k2}|u_{nk}> with A = i<u|grad_k u>, which for
    the Eq. 134 spinors is Eq. 125 read with its first index as the final state (as in Eq. 135):
    delta r = xi (khat2 x khat)/(4 |<k|k2>|^2) (n/|k2| + n2/|k|); antisymmetric under the exchange."""
    a, ka = _unit(k, "k")
    b, kb = _unit(k2, "k2")
    ov = overlap_squared(k, n, k2, n2, xi)
    if np.any(ov == 0):
        raise ValueError("k, k2: the transition has zero overlap |<k|k2>|^2 (forbidden, e.g. backscattering "
                         "within a band); its coordinate shift is undefined")
    with np.errstate(all="ignore"):
        shift = xi * np.cross(b, a) / (4 * ov[..., None]) * (n / kb + n2 / ka)[..., None]
    return _check.result(shift, "k, k2")


def mean_spinor(tilt, xi, n=1):
    r"""z component of the mean spinor on the Fermi surface of band n of node xi, paper Eq. 105 (theory §3):
    :math:`M = \nu^{-1}\int_k\delta(\varepsilon_{nk}-\varepsilon)\,n\xi\hat k`, with
    :math:`\varepsilon_{nk} = v(nk + C_\xi k_z)` and :math:`C_\xi = \xi C` (Eq. 133). Type-I (|C| < 1), an energy
    of the sign of n (M does not depend on its size). Gauss-Legendre over cos(theta) on the Fermi surface
    k(theta) = |eps|/(v |n + C_xi cos theta|). Vanishes at C = 0; linear in C (skew scattering, Eq. 10)."""
    tilt = _check.real(_check.in_range, "tilt", tilt, -1.0, 1.0, closed=(False, False))
    c_xi = _sign("xi", xi) * tilt
    n = _sign("n", n)
    x, w = gauss_legendre(64)
    # delta(eps - v k (n + C cos)) on the surface: weight k^2/(v |n + C cos|) ~ |n + C cos|^-3
    weight = w / np.abs(n + c_xi * x) ** 3
    return n * xi * float(weight @ x) / float(weight.sum())


def q_functions(z, *, paper_text=False):
    r"""Phase-space functions :math:`Q_1, Q_2, Q_3` of paper Eqs. 130-132 (theory §6), dimensionless.

    .. math:: Q_1 = \frac{1}{m}\int_0^m G\,d\tilde\omega,\quad
              Q_2 = \frac{1}{\min(1,z^3)}\int_0^m\tilde\omega^2G\,d\tilde\omega,\quad
              Q_3 = Q_1 - \min(1,z^2)Q_2,\qquad m = \min(1,z)

    Parameters
    ----------
    z : float or array_like
        Velocity ratio v_p/v_a, in [1e-6, 1e6].
    paper_text : bool
        False (default): Eqs. 130-131 as printed, G = sqrt(1-(w/z)^2)/D, with z -> 0 limits pi/4 and pi/16.
        True: the integrand (1-(w/z)^2)^{3/2}/D that gives the limits 3pi/16 and pi/32 stated in the paper's
        text (theory §7); for comparison with Fig. 5 only.

    Returns
    -------
    (Q1, Q2, Q3) : tuple of float or ndarray, shaped like `z`.
        Cusp minimum at z = 1; limits 4/5, 36/175, 104/175 as z -> infinity.
    """
    z = _check.in_range("z", z, *_Z_RANGE)
    paper_text = _check.flag("paper_text", paper_text)
    zz = np.atleast_1d(z).ravel()
    out = np.empty((3, zz.size))
    buf, edges = np.empty(128), np.empty(2)
    for i, zi in enumerate(zz):
        out[:, i] = _q_functions_kernel(float(zi), paper_text, _GQF, _WQF, buf, edges)
    if np.ndim(z) == 0:
        return tuple(float(v[0]) for v in out)
    return tuple(v.reshape(np.shape(z)) for v in out)


def phase_space_weight(w, z, *, paper_text=False):
    r"""The integrand :math:`G(\tilde\omega, z) = \sqrt{1-(\tilde\omega/z)^2}/D(\tilde\omega)` of Eqs. 130-132
    (theory §6), zero outside the phase space :math:`\tilde\omega < \min(1, z)`; ``paper_text`` as in
    :func:`q_functions`. w = omega/(v_a q) in [0, 1) (array), z in [1e-6, 1e6]."""
    w = _check.in_range("w", w, 0.0, 1.0, closed=(True, False))
    z = _check.real(_check.in_range, "z", z, *_Z_RANGE)
    paper_text = _check.flag("paper_text", paper_text)
    ww = np.atleast_1d(w).ravel()
    out = np.array([_g_kernel(float(x), z, paper_text) if x < z else 0.0 for x in ww])
    return out.reshape(np.shape(w)) if np.ndim(w) else float(out[0])


def _rpa_x_breaks(kf):
    """x panel ends of the Level C integral: _X_BREAKS plus x = 2 K_F and a geometric grading (ratio 0.15) on
    both sides. As omega -> 0 the Stern Im pi^p/omega ~ 1/sqrt(1 - (x/2K_F)^2) has an inverse square root there
    (the 2k_F edge of the metal, theory §6), which a Gauss panel across it resolves only to ~5e-4 of Phi_0.
    Three levels (down to 3e-3 of 2K_F) reach the 4e-5 of eleven at tau_hat = 1e-3, for +50% of the cost."""
    e = 2.0 * kf
    pts = [e] + [e * (1 + sgn * _GRADE_RATIO**j) for j in range(1, 4) for sgn in (-1, 1)]
    pts = [p for p in pts if 0.0 < p < _X_BREAKS[-1]]
    return np.unique(np.concatenate([_X_BREAKS, pts]))


def friction_functions(tau_hat, z, *, regime="all", screening="strong", K_a=None, K_p=None, K_F=None):
    r"""Dimensionless frictions :math:`\Phi_0, \Phi_1` with :math:`\eta_n = P(T)\Phi_n` (theory §6).

    Parameters
    ----------
    tau_hat : float or array_like
        Reduced temperature k_B T d/(hbar v_a), in [1e-9, 1e6] (where the quadrature is resolved).
    z : float
        v_p/v_a, in [1e-6, 1e6].
    regime : {"all", "low", "high"}
        "all": the integral (Level B or C); "low": Phi_0 = pi zeta(3)/32, Phi_1 = 0 (Eq. 31);
        "high": tau_hat Phi_0 = pi^3 min(1,z) Q1/480, tau_hat Phi_1 = pi^3 min(1,z^3) Q2/480 (Eqs. 41-42).
    screening : {"strong", "rpa"}
        "strong": Eq. 53 (kappa d >> 1); "rpa": Eq. 52 with finite-q polarizations (needs K_a = kappa_a d,
        K_p = kappa_p d, K_F = k_F^p d, all in (0, 1e6]; regime "all" only).

    Returns
    -------
    (Phi_0, Phi_1) : floats or ndarrays shaped like `tau_hat`.
    """
    tau_hat = _check.in_range("tau_hat", tau_hat, *_TAU_HAT)
    z = _check.real(_check.in_range, "z", z, *_Z_RANGE)
    _choice("regime", regime, _REGIMES)
    _choice("screening", screening, _SCREENINGS)
    t = np.atleast_1d(tau_hat).astype(float).ravel()
    if screening == "rpa" and regime != "all":
        raise ValueError(f"screening='rpa' needs regime='all', got regime={regime!r}")
    if regime == "low":
        p0, p1 = np.full(t.shape, LOW_T_COEFFICIENT), np.zeros(t.shape)
    elif regime == "high":
        q1, q2, _ = q_functions(z)
        p0 = HIGH_T_COEFFICIENT * min(1.0, z) * q1 / t
        p1 = HIGH_T_COEFFICIENT * min(1.0, z**3) * q2 / t
    else:
        p0, p1 = np.empty(t.size), np.empty(t.size)
        if screening == "strong":
            _phi_strong_kernel(t, z, _X_BREAKS, _GX, _WX, p0, p1)
        else:
            ks = [_check.real(_check.in_range, n, v, 0.0, 1e6, closed=(False, True)) if v is not None else None
                  for n, v in (("K_a", K_a), ("K_p", K_p), ("K_F", K_F))]
            if None in ks:
                raise ValueError("screening='rpa' needs K_a, K_p and K_F (kappa_a d, kappa_p d, k_F^p d), all > 0")
            _phi_rpa_kernel(t, z, *ks, _rpa_x_breaks(ks[2]), _GX, _WX, p0, p1)
    _check.result((p0, p1), "tau_hat, z, K_a, K_p, K_F")
    shape = np.shape(tau_hat)
    if not shape:
        return float(p0[0]), float(p1[0])
    return p0.reshape(shape), p1.reshape(shape)


def drag_frictions(bilayer, T, *, regime="all", screening="strong"):
    r"""Drag frictions in Pa s (viscosity units), theory §5: dict of arrays shaped like `T`.

    Keys: ``eta_par`` = :math:`\eta_\parallel(0)` (Eqs. 31, 41, 112), ``eta_par1`` = :math:`\eta_\parallel(1)`
    (Eqs. 42, 118; weights forward scattering), ``eta_H`` = :math:`-(\hbar C/2\varepsilon_F\tau)(\eta_0-\eta_1)`
    (Eqs. 32, 43) and its parts ``eta_H_eei1`` (1/2 of it, Eqs. 121-122), ``eta_H_eei2`` (1/6, Eq. 123) and
    ``eta_H_sj`` (1/3, Eq. 128): in units of C/(eF tau) eta_par at low T, -1/4, -1/12, -1/6 (total -1/2).
    Eq. 122's "eta_par Q_3" is read as eta-bar Q_3 at high T (theory §7). T in K, > 0, with the reduced
    temperature k_B T d/(hbar v_a) in [1e-9, 1e6]. A ValidityWarning outside the model's assumptions
    (eF tau, kappa d, k_F^p d not >> 1, d > l, k_B T above a Fermi energy in regime "all", "low"/"high" on the
    wrong side of T_d).
    """
    b = _bilayer(bilayer)
    T = _check.positive("T", T, "K")
    _choice("regime", regime, _REGIMES)
    _choice("screening", screening, _SCREENINGS)
    t_lo, t_hi = (x * units.hbar * b.v_a / (units.k_B * b.d) for x in _TAU_HAT)
    if np.any(np.asarray(T) < t_lo) or np.any(np.asarray(T) > t_hi):
        bad = float(np.min(T)) if np.any(np.asarray(T) < t_lo) else float(np.max(T))
        raise ValueError(f"T must be in [{t_lo:.3g}, {t_hi:.3g}] K for this bilayer (reduced temperature "
                         f"k_B T d/(hbar v_a) in [1e-9, 1e6]), got {bad:g} K")
    _validity(b, T, regime, screening)
    kw = {}
    if screening == "rpa":
        kw = dict(K_a=b.kappa_a * b.d, K_p=b.kappa_p * b.d, K_F=b.k_F_p * b.d)
    p0, p1 = friction_functions(b.tau_hat(T), b.z, regime=regime, screening=screening, **kw)
    scale = b.friction_scale(T)
    eta0, eta1 = _check.result((scale * np.asarray(p0), scale * np.asarray(p1)), "T, bilayer")
    c = b.tilt / b.eF_tau
    base = -(c / 4) * (eta0 - eta1)                      # eta_H(e-e-imp, 1), Eq. 121-122
    out = dict(eta_par=eta0, eta_par1=eta1, eta_H_eei1=base, eta_H_eei2=base / 3,   # Eq. 123
               eta_H_sj=(4 / 3) * base / 2)                                        # Eq. 128
    out["eta_H"] = out["eta_H_eei1"] + out["eta_H_eei2"] + out["eta_H_sj"]
    if not np.ndim(T):
        out = {k: float(v) for k, v in out.items()}
    return out


def drag_components(bilayer, T, *, regime="all", screening="strong", hall_friction=True, anomalous=True,
                    b_par=-3.0, b_perp=-2.0, swap=False):
    r"""Drag conductivity and resistivity with their parts, from one friction evaluation (theory §5-6).

    Parameters
    ----------
    bilayer : WeylMetalBilayer
    T : float or array_like
        Temperature, K, > 0.
    regime, screening
        As in :func:`friction_functions` ("all" with "strong" = Level B, the default).
    hall_friction : bool
        False: eta_H = 0 (the e-e skew scattering switched off).
    anomalous : bool
        False: drop the WSM's anomalous (intrinsic + side-jump velocity) Hall current from rho^D.
    b_par, b_perp : float
        Energy exponents of the WSM boost u_par, u_perp (Sec. IV.2.2; model values -3, -2), in [-20, 20].
    swap : bool
        True: the metal is driven and the WSM measured, with the WSM's magnetization reversed: by Onsager,
        sigma^{ap}(M) = [sigma^{pa}(-M)]^T, this flips the signs of the Hall components (the rule stated in paper
        Sec. II.2). At the same magnetization the swapped Hall signs would be unchanged (module docstring).

    Returns
    -------
    dict of floats or ndarrays shaped like `T`
        sigma_xx, sigma_xy (S) with sigma_xy_par (Fermi-surface rotation carried by parallel friction,
        Eq. 34) and sigma_xy_H (Hall friction, Eq. 35); rho_xx, rho_xy (ohm, Sec. IV.3 sign) with rho_xy_H
        (Hall friction), rho_xy_reg (regular WSM Hall current minus the parallel part, zero when
        b_par = b_perp) and rho_xy_anom (anomalous WSM current); ratios sxy_sxx, rxy_rxx.

    Notes
    -----
    Leading order in sigma^D/sigma^l, C and hbar/(eF tau): rho^D = rho^p sigma^D rho^a (Eqs. 47-48).
    """
    b = _bilayer(bilayer)
    b_par = _check.real(_check.in_range, "b_par", b_par, -20.0, 20.0)
    b_perp = _check.real(_check.in_range, "b_perp", b_perp, -20.0, 20.0)
    hall_friction, anomalous, swap = (_check.flag(name, value) for name, value in (
        ("hall_friction", hall_friction), ("anomalous", anomalous), ("swap", swap)))
    f = drag_frictions(b, T, regime=regime, screening=screening)
    eta0, eta1 = np.asarray(f["eta_par"]), np.asarray(f["eta_par1"])
    eta_h = np.asarray(f["eta_H"]) if hall_friction else np.zeros_like(eta0)
    h = b.hall_ratios()
    s = b.conductivity_scale()
    eta_xx = eta0 + b_par * eta1
    sxx = s * eta_xx                                                     # Eqs. 33, 45
    sxy_par = s * h["reg"] * (eta0 + b_perp * eta1)                      # Eqs. 34, 46
    sxy_h = s * eta_h                                                    # Eqs. 35-36
    rxx = sxx / (b.sigma_a * b.sigma_p)                                  # Eq. 47 (= Eq. 49 at low T)
    with np.errstate(divide="ignore", invalid="ignore"):
        r_reg = np.where(eta_xx != 0, h["reg"] * (b_perp - b_par) * eta1 / eta_xx, 0.0)
        r_h = np.where(eta_xx != 0, eta_h / eta_xx, 0.0)
    r_anom = -h["anom"] if anomalous else 0.0
    sign = -1.0 if swap else 1.0
    out = dict(sigma_xx=sxx, sigma_xy_par=sign * sxy_par, sigma_xy_H=sign * sxy_h,
               sigma_xy=sign * (sxy_par + sxy_h), rho_xx=rxx, rho_xy_reg=sign * rxx * r_reg,
               rho_xy_H=sign * rxx * r_h, rho_xy_anom=sign * rxx * r_anom,
               rho_xy=sign * rxx * (r_reg + r_h + r_anom))                   # Eq. 48, 50, 51
    with np.errstate(divide="ignore", invalid="ignore"):
        out["sxy_sxx"] = np.where(sxx != 0, out["sigma_xy"] / sxx, 0.0)
    out["rxy_rxx"] = sign * (r_reg + r_h + r_anom) * np.ones_like(rxx)
    _check.result(out, "T, bilayer")
    if not np.ndim(T):
        out = {k: float(v) for k, v in out.items()}
    return out


def _tensor(xx, xy):
    xx, xy = np.asarray(xx), np.asarray(xy)
    return np.stack([np.stack([xx, xy], -1), np.stack([-xy, xx], -1)], -2)


def drag_conductivity(bilayer, T, **options):
    r"""Drag conductivity tensor :math:`\sigma^D_{\alpha\beta} = j^p_\alpha/E^a_\beta` (paper Eq. 23), siemens.

    Shape ``T.shape + (2, 2)``; isotropic, :math:`\sigma_{yx} = -\sigma_{xy}`. Options as in
    :func:`drag_components`. Low T: :math:`\sigma_{xy}/\sigma_{xx} = \hbar C/(\varepsilon_F\tau)` (Eq. 37), with no
    :math:`\Delta_k` dependence. References: Eqs. 24, 33-37, 45-46; theory §5.
    """
    c = drag_components(bilayer, T, **options)
    return _tensor(c["sigma_xx"], c["sigma_xy"])


def drag_resistivity(bilayer, T, **options):
    r"""Drag resistivity tensor :math:`\rho^D_{\alpha\beta} = -E^p_\alpha/j^a_\beta` at :math:`j^p = 0` (paper Sec.
    IV.3 sign, :math:`\rho_{xx} > 0`), ohm, shape ``T.shape + (2, 2)``. Low T:
    :math:`\rho_{xy}/\rho_{xx} = -(\hbar/\varepsilon_F\tau)(\hbar v\Delta_k/2\varepsilon_F + C)` (Eq. 50). Options as
    in :func:`drag_components`. References: Eqs. 47-51; theory §5.
    """
    c = drag_components(bilayer, T, **options)
    return _tensor(c["rho_xx"], c["rho_xy"])


# ===================================== normal bilayer (toy) ===================================== #

def normal_bilayer(n_a, n_p, tau_a, tau_p, B_a, B_p, eta, d, m_a=1.0, m_p=1.0):
    r"""Two normal metals in perpendicular fields coupled by a drag friction: paper Sec. II.1, theory §2.

    Force balance (Eqs. 4-7) in each layer l, with :math:`j^l = en^lu^l`:
    :math:`-en^lE^l - j^l\times B^l\hat z = F^{l,\bar l} - (m_l/e\tau_l)j^l`,
    :math:`F^{l,\bar l} = (\eta/ed)(j^{\bar l}/n^{\bar l} - j^l/n^l)`. The 4x4 linear system is solved exactly
    (numpy) and inverted again for the resistivity.

    Parameters
    ----------
    n_a, n_p : float
        Densities, m^-2, > 0.
    tau_a, tau_p : float
        Momentum relaxation times, s, > 0.
    B_a, B_p : float or array_like
        Fields on the two layers, T, any sign; arrays broadcast (one system per field pair).
    eta : float
        Drag friction, Pa s, >= 0.
    d : float
        Distance, m, > 0.
    m_a, m_p : float
        Masses, electron masses, > 0.

    Magnitudes so extreme that the 4x4 solve leaves the floating-point range raise ValueError naming the
    parameters.

    Returns
    -------
    dict of ndarrays, leading axes those of the broadcast fields
        sigma (4x4, S, order (a_x, a_y, p_x, p_y)), sigma_D = sigma^{pa} block (2x2, S),
        rho_D = -rho^{pa} block (2x2, ohm; diagonal to round-off, rho_xx = eta/(e^2 n_a n_p d)),
        sigma_a, sigma_p (isolated-layer 2x2 conductivities, Eq. 3).
    """
    n_a, n_p = (_check.real(_check.positive, k, v, "m^-2") for k, v in (("n_a", n_a), ("n_p", n_p)))
    tau_a, tau_p = (_check.real(_check.positive, k, v, "s") for k, v in (("tau_a", tau_a), ("tau_p", tau_p)))
    try:
        B_a, B_p = np.broadcast_arrays(_check.finite("B_a", B_a), _check.finite("B_p", B_p))
    except ValueError as err:
        if str(err).startswith("B_"):
            raise
        raise ValueError(f"B_a and B_p must broadcast together, got shapes {np.shape(B_a)}, {np.shape(B_p)}") from None
    eta = _check.real(_check.nonnegative, "eta", eta, "Pa s")
    d = _check.real(_check.positive, "d", d, "m")
    m_a, m_p = (_check.real(_check.positive, k, v, "m_e") * units.m_e for k, v in (("m_a", m_a), ("m_p", m_p)))
    # numpy floats from here: an overflow or underflow gives inf/NaN, refused by name below, never an exception
    n_a, n_p, tau_a, tau_p, eta, d, m_a, m_p = np.float64([n_a, n_p, tau_a, tau_p, eta, d, m_a, m_p])
    e = units.e
    eps = np.array([[0.0, 1.0], [-1.0, 0.0]])          # (j x z)_alpha = eps_ab j_b
    one = np.eye(2)
    shape = B_a.shape

    def drude(m, tau, B):                             # m/(e tau) - B eps, per field (Eq. 3 inverted)
        return m / (e * tau) * one - np.asarray(B)[..., None, None] * eps

    names = "n_a, n_p, tau_a, tau_p, B_a, B_p, eta, d, m_a, m_p"
    M = np.zeros(shape + (4, 4))
    try:
        with np.errstate(all="ignore"):
            M[..., :2, :2] = drude(m_a, tau_a, B_a) + eta / (e * d * n_a) * one
            M[..., 2:, 2:] = drude(m_p, tau_p, B_p) + eta / (e * d * n_p) * one
            M[..., :2, 2:] = -eta / (e * d * n_p) * one
            M[..., 2:, :2] = -eta / (e * d * n_a) * one
            sigma = np.linalg.solve(_check.result(M, names),
                                    np.broadcast_to(e * np.diag([n_a, n_a, n_p, n_p]), shape + (4, 4)))
            rho = np.linalg.inv(_check.result(sigma, names))
            out = dict(sigma=sigma, sigma_D=sigma[..., 2:, :2], rho_D=-rho[..., 2:, :2],
                       sigma_a=np.linalg.inv(drude(m_a, tau_a, B_a)) * e * n_a,
                       sigma_p=np.linalg.inv(drude(m_p, tau_p, B_p)) * e * n_p)
    except np.linalg.LinAlgError:
        raise ValueError(f"{names} out of range: the force balance is singular in floating point") from None
    return _check.result(out, names)


def warmup():
    """Compile (or load from the numba cache) every kernel with the argument types of the public API."""
    q_functions(0.7)
    q_functions(2.0, paper_text=True)
    phase_space_weight(np.array([0.1, 0.5]), 0.7)
    friction_functions(np.array([0.01, 1.0]), 0.7)
    friction_functions(0.1, 1.3, screening="rpa", K_a=80.0, K_p=8.0, K_F=3.0)
