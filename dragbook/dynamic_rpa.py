r"""Dynamic RPA interlayer screening of Coulomb drag: complex finite-T density response and plasmon poles.

What it computes
----------------
* :func:`density_response`: the complex retarded density response :math:`\chi(q,\omega;T)` of a parabolic
  2DEG (:class:`dragbook.drag.ParabolicLayer`) or of a massive Dirac layer (:class:`dragbook.drag.DiracLayer`,
  intra- and interband, section below), all degeneracies, per area. 2DEG at T = 0: Stern's closed form
  (docs/theory/coulomb-drag.md §4). T > 0: Maldague's identity (docs/theory/coulomb-drag.md §4)

  .. math:: \chi(q,\omega;T,\mu) = \int_0^\infty d\mu'\,
            \frac{\chi(q,\omega;0,\mu')}{4k_BT\cosh^2[(\mu-\mu')/2k_BT]}

  at the chemical potential :math:`\mu(T)` of fixed density.
* :func:`screened_interaction`: the dynamically screened interlayer interaction of docs/theory/coulomb-drag.md §3,
  :math:`U = V e^{-qd}/\varepsilon`, :math:`\varepsilon = (1+V\Pi_a)(1+V\Pi_p) - V^2e^{-2qd}\Pi_a\Pi_p`,
  :math:`\Pi_l = -\chi_l(q,\omega;T)` complex, :math:`V = e^2/(2\varepsilon_0\varepsilon_r q)`.
* :func:`plasmon_frequencies`: the roots of :math:`\mathrm{Re}\,\varepsilon(q,\omega) = 0` (the acoustic and
  optical plasmons of the bilayer, where :math:`|U|^2` is sharply peaked; docs/theory/coulomb-drag.md §8).
* :func:`rho_drag_dynamic` (called by ``drag.rho_drag(..., screening="dynamic")``): theory Eq. (2.2) with
  :math:`|U(q,\omega)|^2` dynamically screened and the finite-T rectification
  :math:`R_l = 2\hbar q(-\mathrm{Im}\chi_l)/(n_le)` (theory §5, the same :math:`\chi_l`) for a 2DEG, and
  drag's finite-T :math:`\hbar I_\Gamma/(eqA^2I_\sigma)` (conduction band only) for a Dirac layer: only the
  screening is dynamic. The Hall drag stays statically screened.
  :func:`drag_integrand` is its (q, omega) integrand.

Why: at :math:`k_BT \gtrsim 0.2\,T_F` thermal particle-hole pairs reach the plasmon branches, where
:math:`\varepsilon \to 0`, and the drag is enhanced over static screening (Flensberg & Hu, PRL 73, 3572
(1994); PRB 52, 14796 (1995); docs/theory/coulomb-drag.md §1, §3). At :math:`T \ll T_F` the integrand lives at
:math:`\hbar\omega \sim k_BT \ll \hbar v_Fq`, where the 2DEG's :math:`\mathrm{Re}\chi = -\nu` exactly
(Stern) and the static result is recovered, up to a relative correction
:math:`\sim (k_BTd/\hbar v_F)^2` times a logarithm from :math:`\mathrm{Im}\,\Pi` (Landau damping adds to
:math:`|\varepsilon|`). Its coefficient is large: for the paper's TI bilayer at 5 K the deficit is 0.7, 1.4,
2.9 % at d = 10, 20, 40 nm, about :math:`0.65\,k_BTd/\hbar v_F` (docs/theory/coulomb-drag.md §10).
Where :math:`k_BT \sim \hbar v_F/d` but below the plasmon regime that damping makes the dynamic drag
smaller than the static one (about 0.7 of it at 0.1 T_F for the GaAs bilayer of Flensberg & Hu,
d = 37.5 nm); above about 0.2 T_F the plasmons win.

T = 0 closed form (Stern 1967; docs/theory/coulomb-drag.md §4, written for one complex branch)
---------------------------------------------------------------------------
With :math:`\kappa_\pm = m\omega/\hbar q \pm q/2`, :math:`E_\pm = \hbar^2\kappa_\pm^2/2m` and Fermi energy
:math:`\mu'`, for :math:`\omega \ge 0`

.. math:: \chi(q,\omega;0,\mu') = -\nu\Big[1 - \frac{\sqrt{2m}}{\hbar q}\big(S_+ - S_-\big)\Big],\qquad
          S_\pm = \begin{cases}\mathrm{sgn}(\kappa_\pm)\sqrt{E_\pm-\mu'} & \mu' \le E_\pm\\
                               i\sqrt{\mu'-E_\pm} & \mu' > E_\pm\end{cases}

:math:`\nu = gm/2\pi\hbar^2`; this is Stern's pair (Re, Im) with :math:`\nu_\pm = \kappa_\pm/k_F'`.
:math:`\chi(-\omega) = \chi(\omega)^*`; :math:`\chi = 0` for :math:`\mu' \le 0` (empty band), continuous there.

Massive Dirac layer (docs/theory/coulomb-drag.md §4; Pyatkovskiy, J. Phys.: Condens. Matter 21, 025506 (2009))
-----------------------------------------------------------------------------------------
One cone, :math:`A = 1` (divide by :math:`A^2`, multiply by g), :math:`Q = Aq`, :math:`W = \hbar\omega`,
:math:`D = Q^2 - W^2`, :math:`a = Q\sqrt{1+4M^2/D}`, conduction band filled to :math:`\mu`, valence band full
(holes neglected, as in drag's :math:`\mu(T)`):

.. math:: \chi(q,\omega;T) = \chi_0(q,\omega) + \int_{|M|}^\infty dE\, f(E-\mu)\,s(E),

Maldague's identity with :math:`\chi(0,\mu') = \chi_0` for :math:`\mu'` in the gap, integrated by parts. The
undoped response (derived here; its static limit is the undoped :math:`\Pi_0` of theory §4, M = 0 gives
:math:`-Q^2/16\sqrt D`, Wunsch et al. 2006) is
:math:`\chi_0 = -\frac{Q^2}{16\pi|M|}\big[S + (1-S)/\xi\big]`, :math:`\xi = D/4M^2`,
:math:`S = \arctan\sqrt\xi/\sqrt\xi` continued from :math:`\mathrm{Im}\,D < 0`: for :math:`\xi < -1`,
:math:`S = [\tfrac12\ln\frac{r+1}{r-1} + i\pi/2]/r`, :math:`r = \sqrt{-\xi}` (interband absorption
:math:`-Q^2(W^2-Q^2+4M^2)/16(W^2-Q^2)^{3/2}` above :math:`W^2 = Q^2+4M^2`). The Fermi-circle response
:math:`s = \partial\chi/\partial\mu` at energy E follows from the Lindhard sum over both final bands: the
chirality factors and energy denominators, summed over :math:`s' = \pm`, are rational in
:math:`E'^2 = E^2 + Q^2 + 2AkQ\cos\theta`, and the angular average of each pole is
:math:`\langle 1/(\alpha+\beta\cos\theta)\rangle = 1/\sqrt{\alpha-\beta}\sqrt{\alpha+\beta}`:

.. math:: s(E) = -\frac{1}{2\pi} - \frac{1}{4\pi}\sum_\pm \frac{(2E\pm W)^2 - Q^2}
          {\sqrt{\alpha_\pm-\beta}\sqrt{\alpha_\pm+\beta}},\qquad
          \alpha_\pm = D \mp 2EW,\ \beta = 2Q\sqrt{E^2-M^2},

retarded (:math:`W \to W + i0`): where :math:`X_\pm = \alpha_\pm^2-\beta^2 > 0` the root is
:math:`\mathrm{sgn}(\alpha_\pm)\sqrt{X_\pm}`, else :math:`-i\sqrt{-X_\pm}` (upper sign) and
:math:`i\,\mathrm{sgn}(E-W)\sqrt{-X_\pm}` (lower sign: :math:`E > W` blocks intraband emission into E,
:math:`E < W` Pauli-blocks interband absorption into E). Its Im part is the integrand of theory Eq. (4.1)
(:math:`-X_+ = D(u^2-a^2)`). The 1/sqrt edges sit at :math:`E_{min} = (a-W)/2` and :math:`E_{min}+W`
(W < Q) or at :math:`(W\mp|a|)/2` (interband final states). Checked against the k-space Lindhard sum, drag's
Eq. (4.1), Hwang & Das Sarma's graphene form (PRB 75, 205418 (2007)), the static :math:`\Pi(q,0)` of theory §4, the
heavy-mass 2DEG limit and Kramers-Kronig (tests/test_dynamic_rpa.py). For M = 0 at :math:`W = Q` exactly
(an integrable :math:`1/\sqrt{Q-W}` singularity) the value at :math:`W(1-10^{-9})` is returned.

Physics of the Dirac drag: the intraband continuum ends at :math:`W = Aq` (every velocity is below A). For
M = 0 the plasmons lie above it, where the rectification vanishes (interband absorption is not in R, theory §4), and Im Pi diverges as :math:`(Q-W)^{-1/2}` at the edge: dynamic screening only lowers the drag
(about 0.83 at 0.3 T_F for 1e10 cm^-2, against drag's finite-T static screening). A gap (M ~ A k_F) moves
the acoustic plasmon into the thermally broadened continuum, where it drags: the ratio then rises with T
instead of falling (about 0.97 at 0.3 T_F, 1.01 at 0.5 T_F), a Flensberg-Hu gain that only just offsets the
Landau damping, far weaker than in GaAs, because the continuum still ends at Aq.

Reduction, units, conventions
-----------------------------
As in :mod:`dragbook.drag` (its reduced layer vectors are reused): :math:`x = q/k_0`,
:math:`w = \hbar\omega/E_0`, :math:`y = \hbar\omega/2k_BT`, :math:`t = k_BT/E_0` with the active layer's
:math:`k_0 = k_F`, :math:`E_0 = \hbar v_Fk_F`; reduced :math:`\hbar^2/2m = c`, so
:math:`\kappa_\pm = w/2cx \pm x/2`, :math:`E_\pm = c\kappa_\pm^2`, prefactor :math:`1/(\sqrt c\,x)`. SI at
the boundary, T in kelvin; carrier charge :math:`-e`; :math:`\mathrm{Im}\chi(q,\omega>0) < 0`,
:math:`\Pi = -\chi` (docs/theory/coulomb-drag.md §2). Dirac layers: reduced :math:`A \to Ak_0/E_0`, :math:`\chi` per
cone times :math:`g/\tilde A^2`.

Numerics (docs/theory/coulomb-drag.md §8)
--------------------
* Maldague integral over :math:`\mu' \in [\max(0,\mu-40k_BT), \mu+40k_BT]`, panels split at the thermal
  offsets (-40, -10, -3, 0, 3, 10, 40) k_BT, at the square-root edges :math:`E_\pm` and graded away from them at
  :math:`4^j` times their gap :math:`\hbar\omega`, j = 0..15, up to the window size (each edge is a
  near-singularity of the other at small omega); each panel halved and each
  half mapped :math:`\mu' = a + s^2` (or :math:`b - s^2`) toward its end, which removes the
  :math:`\sqrt{\cdot}` edge; 8 Gauss-Legendre nodes per half (self-converged to 1e-9). Agrees with the
  k-space Lindhard integral to 1e-7 of :math:`\nu` and with :mod:`dragbook.drag`'s finite-T
  :math:`-\mathrm{Im}\chi` (6 nodes) to about 1e-6 (tests/test_dynamic_rpa.py).
* Dirac energy integral: on :math:`[|M|, \mu + 40k_BT]` (T = 0: :math:`[|M|, \mu]`), the same panels
  (thermal offsets, the two 1/sqrt edges graded away at :math:`4^j` times their gap, and, at T = 0, graded
  toward an edge just outside the window), the same :math:`a + s^2` / :math:`b - s^2` maps (which remove
  a 1/sqrt edge too) and 8 nodes per half: about 1e-10 of :math:`\nu` against the closed forms and the
  k-space sum, 1e-6 against drag's 6-node Eq. (4.1).
* Drag: the q panels and the y panels of :mod:`dragbook.drag` (continuum edges, exact path), plus, per q
  node, the peaks :math:`y_p` of :math:`|U|^2` located on a scan of :math:`\varepsilon` (the y panel ends
  and 48 points geometric from the upper continuum edge :math:`y_{top}(1+10^{-4})` to y = 20): roots of
  :math:`\mathrm{Re}\,\varepsilon` (bisection; half width :math:`\Gamma = |\mathrm{Im}\,\varepsilon|/
  |\partial_y\mathrm{Re}\,\varepsilon|`) and local minima of :math:`|\varepsilon|` (golden section; two
  roots closer than the scan spacing; :math:`\Gamma` from the curvature of :math:`|\varepsilon|^2`).
  Around each, panels graded geometrically (ratio 4, 14 levels) from :math:`\Gamma/4` (floor
  :math:`10^{-7}y_p`) outward on both sides. A pole narrower than the floor carries a weight
  :math:`\propto\Gamma` below 1e-6 of the integral and is left unresolved. Against a nested adaptive
  ``scipy.integrate.quad`` of the same integrand: about 1e-6 at 0.1-0.5 T_F (tested to 1e-5).
* Cost: one Maldague integral (200-600 points) per layer and (q, omega) node: 0.1-0.3 s per temperature
  on one core, a "slow" mode (notebook 01 gives it no slider); Dirac bilayers 0.2-0.5 s (the shell integral plus drag's
  I_Gamma per node).

References
----------
"theory §N" in this module is section N of docs/theory/coulomb-drag.md in the repository
(https://github.com/dragbook/dragbook/blob/main/docs/theory/coulomb-drag.md).

.. [1] docs/theory/coulomb-drag.md §2, Eq. (2.2), §3 (RPA screening, dynamic mode), §4 (Stern,
   Maldague), §5, §8 (plasmon poles). Liu, Liu & Culcer (arXiv:1610.05866) Eq. (9) writes
   :math:`V(q,\omega)`.
.. [2] P. K. Pyatkovskiy, J. Phys.: Condens. Matter 21, 025506 (2009) (gapped graphene); B. Wunsch et al.,
   New J. Phys. 8, 318 (2006); E. H. Hwang and S. Das Sarma, PRB 75, 205418 (2007) (graphene);
   F. Stern, PRL 18, 546 (1967); P. F. Maldague, Surf. Sci. 73, 296 (1978); K. Flensberg and
   B. Y.-K. Hu, PRL 73, 3572 (1994) and PRB 52, 14796 (1995) (plasmon enhancement of drag).
"""

import math

import numba
import numpy as np
from numba import njit, prange

from . import _check, units
from ._quadrature import gauss_legendre, sort_unique
from .drag import (_DIRAC, _G, _KF, _KIND, _MASS, _MU, _N, _NU, _SCALE, _Y_BASE, _GQ, _WQ, _GY, _WY, _GE, _WE,
                   _THERMAL_OFFSETS, _band_energy, _energy_buffer, _flat_q_panels, _q_floor, _rectification_kernel,
                   _thermal_layers, _y_breaks, _Y_EXTRA, Bilayer, DiracLayer, ParabolicLayer, _Layer, _check_bilayer,
                   _check_temperature, _check_wavevector, _warn_screening, _warn_temperature)

__all__ = ["density_response", "screened_interaction", "plasmon_frequencies", "rho_drag_dynamic",
           "drag_integrand", "check_layers", "warmup"]

_GM, _WM = gauss_legendre(8)        # per half panel of the Maldague integral
_MALDAGUE_OFFSETS = np.array([-40.0, -10.0, -3.0, 0.0, 3.0, 10.0, 40.0])   # window panels around mu, k_B T
_EDGE_LEVELS = 16                   # geometric grading of the Maldague panels away from E_+- (ratio 4)
_N_SCAN = 48                        # extra scan points of eps above the continuum edge, geometric
_SCAN_START = 1e-4                  # first scan point y_top (1 + 1e-4)
_GRADE_LEVELS = 14                  # geometric (ratio 4) panel ends on each side of a plasmon root
_WIDTH_FLOOR = 1e-7                 # relative floor of the graded plasmon width
_MAX_ROOTS = 8                      # peaks of |U|^2 refined per q node (roots + minima; 2-4 occur)
_BISECT = 60                        # max bisection / golden-section steps (stop at 1e-10 / 1e-9 relative)
_Q_MIN, _W_MAX = 1e-6, 1e6           # q >= 1e-6 k_F and |hbar omega| <= 1e6 hbar v_F k_F: the kernels stay finite
_MAX_SCAN = 100_000                 # upper bound of plasmon_frequencies' n_scan (a scan of eps costs ~0.1 ms/point)


# ===================================== scalar kernels ===================================== #

@njit(cache=True)
def _branch(kappa, delta):
    """S = sgn(kappa) sqrt(delta) for delta = E - mu' >= 0, i sqrt(-delta) otherwise, as (re, im)."""
    if delta >= 0.0:
        return math.copysign(math.sqrt(delta), kappa), 0.0
    return 0.0, math.sqrt(-delta)


@njit(cache=True)
def _stern_chi(x, w, c, nu, mu):
    """(Re chi, Im chi) of a 2DEG at T = 0, Fermi energy mu (reduced), w >= 0: Stern, module docstring."""
    if mu <= 0.0:
        return 0.0, 0.0
    kp = w / (2.0 * c * x) + 0.5 * x
    km = w / (2.0 * c * x) - 0.5 * x
    rp, ip = _branch(kp, c * kp * kp - mu)
    rm, im = _branch(km, c * km * km - mu)
    f = 1.0 / (math.sqrt(c) * x)
    return -nu * (1.0 - f * (rp - rm)), nu * f * (ip - im)


@njit(cache=True)
def _edge_panels(lo, hi, centre, t, offsets, e_lo, e_hi, outside, buf):
    """Panel ends on [lo, hi] for the energy integrals over mu' (2DEG) or E (Dirac): the thermal offsets
    centre + offsets t, the square-root edges e_lo <= e_hi (NaN: none) and points graded geometrically
    (ratio 4) away from them at 4^j times their gap, up to the window; with ``outside``, also graded toward
    an edge just outside [lo, hi] (Dirac T = 0: a 1/sqrt edge near mu). Returns n, sorted in buf[:n]
    (buf holds offsets.size + 4 * _EDGE_LEVELS + 4)."""
    buf[0] = lo
    n = 1
    for k in range(offsets.size):
        e = centre + offsets[k] * t
        if lo < e < hi:
            buf[n] = e
            n += 1
    for e in (e_lo, e_hi):
        if lo < e < hi:
            buf[n] = e
            n += 1
    step = e_hi - e_lo                         # close edges make each a near-singularity of the other,
    for _ in range(_EDGE_LEVELS):              # so grade geometrically away from them up to the window
        if step > hi - lo:
            break
        for e in (e_hi + step, e_lo - step):
            if lo < e < hi:
                buf[n] = e
                n += 1
        step *= 4.0
    if outside:
        for e in (e_lo, e_hi):
            gap = e - hi if e >= hi else (lo - e if e <= lo else 0.0)
            for _ in range(_EDGE_LEVELS):
                if not 0.0 < gap < hi - lo:
                    break
                buf[n] = hi - gap if e >= hi else lo + gap
                n += 1
                gap *= 4.0
    buf[n] = hi
    return sort_unique(buf, n + 1)


@njit(cache=True)
def _mapped_node(a, b, side, j, gx, gw):
    """Node and weight of a half panel of [a, b] mapped toward its end, mu' = a + s^2 on the lower half
    (side 0), b - s^2 on the upper: removes a square-root (or 1/sqrt) edge at either end."""
    half_len = math.sqrt(0.5 * (b - a))
    s = 0.5 * half_len * (1.0 + gx[j])
    return (a + s * s if side == 0 else b - s * s), gw[j] * half_len * s


@njit(cache=True)
def _maldague_chi(x, w, c, nu, mu, t, gx, gw, offsets, buf):
    """(Re chi, Im chi) of a 2DEG at finite t, chemical potential mu (reduced), w >= 0: Maldague's integral
    of the Stern form (theory §4) over mu' with sqrt-edge panels at E_+- (:func:`_edge_panels`)."""
    kp = w / (2.0 * c * x) + 0.5 * x
    km = w / (2.0 * c * x) - 0.5 * x
    lo = max(0.0, mu + offsets[0] * t)
    hi = mu + offsets[-1] * t
    if hi <= lo:
        return 0.0, 0.0
    n = _edge_panels(lo, hi, mu, t, offsets, c * km * km, c * kp * kp, False, buf)
    s_re = s_im = 0.0
    for i in range(n - 1):
        for side in range(2):
            for j in range(gx.size):
                mup, wt = _mapped_node(buf[i], buf[i + 1], side, j, gx, gw)
                re, im = _stern_chi(x, w, c, nu, mup)
                wt /= 4.0 * t * math.cosh(0.5 * (mup - mu) / t) ** 2
                s_re += wt * re
                s_im += wt * im
    return s_re, s_im


@njit(cache=True)
def _dirac_undoped_chi(q, w, m):
    """(Re, Im) chi of one massive Dirac cone with the valence band full and the conduction band empty, A = 1
    (Q = Aq, W = hbar omega >= 0, M = |mass|; divide by A^2): -(Q^2/16 pi M)[S + (1 - S)/xi], xi = D/4M^2,
    D = Q^2 - W^2, S = arctan(sqrt xi)/sqrt xi continued to W > Q from Im D < 0 (module docstring)."""
    d = q * q - w * w
    if m == 0.0:                               # graphene: -Q^2/(16 sqrt(D)), D < 0: -i Q^2/(16 sqrt(-D))
        return (-q * q / (16.0 * math.sqrt(d)), 0.0) if d > 0.0 else (0.0, -q * q / (16.0 * math.sqrt(-d)))
    xi = d / (4.0 * m * m)
    s_im = 0.0
    if abs(xi) < 0.05:                         # series: S = sum (-xi)^n/(2n+1), (1 - S)/xi = sum_{n>=1} ...
        s_re, tail, term = 1.0, 0.0, 1.0
        for k in range(1, 14):
            term *= -xi
            s_re += term / (2 * k + 1)
            tail -= term / xi / (2 * k + 1)
        val = s_re + tail
    else:
        if xi > 0.0:
            r = math.sqrt(xi)
            s_re = math.atan(r) / r
        elif xi > -1.0:
            r = math.sqrt(-xi)
            s_re = math.atanh(r) / r
        else:                                  # above the interband threshold W^2 = Q^2 + 4M^2
            r = math.sqrt(-xi)
            s_re = 0.5 * math.log((r + 1.0) / (r - 1.0)) / r
            s_im = 0.5 * math.pi / r
        val = s_re + (1.0 - s_re) / xi
        s_im *= 1.0 - 1.0 / xi
    f = -q * q / (16.0 * math.pi * m)
    return f * val, f * s_im


@njit(cache=True)
def _dirac_shell(e, q, w, m):
    """(Re, Im) d chi/d mu of one massive Dirac cone at T = 0: the response of its Fermi circle at energy e
    (A = 1, divide by A^2), all transitions from and into it; module docstring."""
    d = q * q - w * w
    b2 = 4.0 * q * q * (e * e - m * m)
    re, im = -0.5 / math.pi, 0.0
    for sgn in (1.0, -1.0):
        al = d - sgn * 2.0 * e * w
        xx = al * al - b2
        num = (2.0 * e + sgn * w) ** 2 - q * q
        if xx > 0.0:
            re -= num / (4.0 * math.pi * math.copysign(math.sqrt(xx), al))
        elif xx < 0.0:
            side = 1.0 if sgn > 0.0 else -math.copysign(1.0, e - w)
            im -= side * num / (4.0 * math.pi * math.sqrt(-xx))
    return re, im


@njit(cache=True)
def _dirac_edges(q, w, m):
    """The energies e_lo <= e_hi where the shell response has its 1/sqrt edges (NaN, NaN if none):
    W < Q: E_min = (a - W)/2 and E_min + W (theory §4); W^2 > Q^2 + 4M^2: (W -+ |a|)/2, the interband
    final states; a = Q sqrt(1 + 4M^2/D)."""
    d = q * q - w * w
    if d > 0.0:
        a = q * math.sqrt(1.0 + 4.0 * m * m / d)
        return 0.5 * (a - w), 0.5 * (a + w)
    if d < -4.0 * m * m:
        a = q * math.sqrt(1.0 - 4.0 * m * m / -d)
        return 0.5 * (w - a), 0.5 * (w + a)
    return math.nan, math.nan


@njit(cache=True)
def _dirac_chi(x, w, a, m, g, mu, t, gx, gw, offsets, buf):
    """(Re, Im) chi of g massive Dirac cones (reduced, A -> a), w >= 0, chemical potential mu: undoped
    response plus the Fermi-weighted shells, int_{|M|} dE f(E - mu) dchi/dmu (Maldague's identity with
    chi(0, mu' < |M|) undoped, holes neglected), on the panels of :func:`_edge_panels`."""
    q = a * x
    if m == 0.0 and w == q:                    # graphene at W = Q exactly: 1/sqrt singularity, step off it
        w = q * (1.0 - 1e-9)
    re, im = _dirac_undoped_chi(q, w, m)
    lo, hi = m, (mu + offsets[-1] * t if t > 0.0 else mu)
    if hi > lo:
        e_lo, e_hi = _dirac_edges(q, w, m)
        n = _edge_panels(lo, hi, mu, t, offsets, e_lo, e_hi, True, buf)
        for i in range(n - 1):
            for side in range(2):
                for j in range(gx.size):
                    e, wt = _mapped_node(buf[i], buf[i + 1], side, j, gx, gw)
                    if t > 0.0:
                        wt *= 0.5 * (1.0 - math.tanh(0.5 * (e - mu) / t))
                    s_re, s_im = _dirac_shell(e, q, w, m)
                    re += wt * s_re
                    im += wt * s_im
    return g * re / (a * a), g * im / (a * a)


@njit(cache=True)
def _layer_chi(lay, x, w, t, gx, gw, offsets, buf):
    """(Re, Im) chi of a reduced layer vector at (x, w >= 0), at the layer's lay[_MU] (mu(T) on drag's exact
    path): 2DEG Stern if t == 0, else Maldague; Dirac :func:`_dirac_chi`."""
    if lay[_KIND] == _DIRAC:
        return _dirac_chi(x, w, lay[_SCALE], lay[_MASS], lay[_G], lay[_MU], t, gx, gw, offsets, buf)
    if t == 0.0:
        return _stern_chi(x, w, lay[_SCALE], lay[_NU], lay[_MU])
    return _maldague_chi(x, w, lay[_SCALE], lay[_NU], lay[_MU], t, gx, gw, offsets, buf)


@njit(cache=True)
def _epsilon(x, w, t, la, lp, same, g0, dd, gx, gw, offsets, buf):
    """(x^2 eps, chi_a, chi_p) with eps of docs/theory/coulomb-drag.md §3 (complex), V Pi_l = s_l/x, s_l = -g0 chi_l:
    x^2 eps = x^2 + x (s_a + s_p) + s_a s_p (1 - e^{-2xd})."""
    ra, ia = _layer_chi(la, x, w, t, gx, gw, offsets, buf)
    if same:
        rp, ip = ra, ia
    else:
        rp, ip = _layer_chi(lp, x, w, t, gx, gw, offsets, buf)
    sa = complex(-g0 * ra, -g0 * ia)
    sp = complex(-g0 * rp, -g0 * ip)
    eps = x * x + x * (sa + sp) - sa * sp * math.expm1(-2.0 * x * dd)
    return eps, ia, ip


@njit(cache=True)
def _abs2(z):
    return z.real * z.real + z.imag * z.imag


@njit(cache=True)
def _plasmon_poles(x, t, la, lp, same, g0, dd, scan, n_scan, with_minima, gx, gw, offsets, buf, roots, widths):
    """Peaks of |U|^2 along w at fixed x from the sign scan scan[:n_scan] (sorted w): (i) roots of Re eps
    between sign changes, bisected, half width Gamma = |Im eps|/|d Re eps/dw| (slope from the bracket);
    (ii) interior local minima of |eps| on the scan (two roots closer than the scan spacing, or a near
    touch of zero), refined by golden section, Gamma = |eps|/sqrt(d^2|eps|^2/dw^2 / 2).
    Returns the count (<= roots.size)."""
    re = np.empty(n_scan)
    ab = np.empty(n_scan)
    for i in range(n_scan):
        eps = _epsilon(x, scan[i], t, la, lp, same, g0, dd, gx, gw, offsets, buf)[0]
        re[i], ab[i] = eps.real, _abs2(eps)
    count = 0
    for i in range(1, n_scan):
        if re[i - 1] * re[i] < 0.0 and count < roots.size:
            a, b, fa = scan[i - 1], scan[i], re[i - 1]
            slope = (re[i] - re[i - 1]) / (b - a)
            for _ in range(_BISECT):
                m = 0.5 * (a + b)
                fm = _epsilon(x, m, t, la, lp, same, g0, dd, gx, gw, offsets, buf)[0].real
                if fm * fa > 0.0:
                    a, fa = m, fm
                else:
                    b = m
                if b - a <= 1e-10 * b:
                    break
            wp = 0.5 * (a + b)
            roots[count] = wp
            widths[count] = abs(_epsilon(x, wp, t, la, lp, same, g0, dd, gx, gw, offsets, buf)[0].imag / slope)
            count += 1
    g = 0.5 * (math.sqrt(5.0) - 1.0)
    for i in range(1, n_scan - 1):
        if with_minima and ab[i] < ab[i - 1] and ab[i] < ab[i + 1] and count < roots.size:
            a, b = scan[i - 1], scan[i + 1]
            c1, c2 = b - g * (b - a), a + g * (b - a)
            f1 = _abs2(_epsilon(x, c1, t, la, lp, same, g0, dd, gx, gw, offsets, buf)[0])
            f2 = _abs2(_epsilon(x, c2, t, la, lp, same, g0, dd, gx, gw, offsets, buf)[0])
            for _ in range(_BISECT):
                if f1 < f2:
                    b, c2, f2 = c2, c1, f1
                    c1 = b - g * (b - a)
                    f1 = _abs2(_epsilon(x, c1, t, la, lp, same, g0, dd, gx, gw, offsets, buf)[0])
                else:
                    a, c1, f1 = c1, c2, f2
                    c2 = a + g * (b - a)
                    f2 = _abs2(_epsilon(x, c2, t, la, lp, same, g0, dd, gx, gw, offsets, buf)[0])
                if b - a <= 1e-9 * b:
                    break
            wp = 0.5 * (a + b)
            h = 1e-3 * (scan[i + 1] - scan[i - 1])
            f0 = _abs2(_epsilon(x, wp, t, la, lp, same, g0, dd, gx, gw, offsets, buf)[0])
            fp = _abs2(_epsilon(x, wp + h, t, la, lp, same, g0, dd, gx, gw, offsets, buf)[0])
            fm = _abs2(_epsilon(x, wp - h, t, la, lp, same, g0, dd, gx, gw, offsets, buf)[0])
            curv = 0.5 * (fp + fm - 2.0 * f0) / (h * h)
            roots[count] = wp
            widths[count] = math.sqrt(f0 / curv) if curv > 0.0 else scan[i + 1] - scan[i - 1]
            count += 1
    return count


@njit(cache=True)
def _continuum_top(x, la, lp):
    """Upper T = 0 particle-hole edge max_l [E(k_F + q) - mu]_l (reduced energy), docs/theory/coulomb-drag.md §4."""
    top = 0.0
    for lay in (la, lp):
        top = max(top, _band_energy(lay, lay[_KF] + x) - _band_energy(lay, lay[_KF]))
    return top


@njit(cache=True)
def _dynamic_y_breaks(x, t, la, lp, same, g0, dd, y_base, gx, gw, offsets, ebuf, ybuf):
    """y panel ends: drag's (continuum edges, exact path) plus graded ends around each plasmon root."""
    n = _y_breaks(x, t, True, la, lp, y_base, 0.0, ybuf)     # edges graded to their thermal width
    y_max = y_base[-1]
    y_top = _continuum_top(x, la, lp) / (2.0 * t)
    scan = np.empty(n + _N_SCAN)
    ns = 0
    for i in range(n):
        scan[ns] = ybuf[i] if ybuf[i] > 0.0 else 1e-3 * ybuf[1]
        ns += 1
    if y_top < y_max:
        ratio = (y_max / y_top - 1.0) / _SCAN_START
        for i in range(_N_SCAN):
            scan[ns] = y_top * (1.0 + _SCAN_START * ratio ** (i / (_N_SCAN - 1.0)))
            ns += 1
    ns = sort_unique(scan, ns)
    scan_w = 2.0 * t * scan[:ns]
    roots, widths = np.empty(_MAX_ROOTS), np.empty(_MAX_ROOTS)
    nr = _plasmon_poles(x, t, la, lp, same, g0, dd, scan_w, ns, True, gx, gw, offsets, ebuf, roots, widths)
    for r in range(nr):
        yp, gam = roots[r] / (2.0 * t), widths[r] / (2.0 * t)
        gam = max(gam, _WIDTH_FLOOR * yp)
        if yp < y_max:
            ybuf[n] = yp
            n += 1
        step = 0.25 * gam
        for _ in range(_GRADE_LEVELS):
            for y in (yp - step, yp + step):
                if 0.0 < y < y_max:
                    ybuf[n] = y
                    n += 1
            step *= 4.0
    return sort_unique(ybuf, n)


@njit(cache=True)
def _rectification(lay, x, w, t, im_chi):
    """Reduced rectification p of one layer (theory §5): 2x(-Im chi)/n from the 2DEG's Maldague Im chi; for a
    Dirac layer drag's finite-T I_Gamma/(x A^2 I_sigma) (conduction band, unchanged by the screening)."""
    if lay[_KIND] == _DIRAC:
        ebuf = _energy_buffer(_THERMAL_OFFSETS, _GE)
        return _rectification_kernel(lay, x, w, t, True, _GE, _WE, _THERMAL_OFFSETS, ebuf)[0]
    return -2.0 * x * im_chi / lay[_N]


@njit(cache=True)
def _dynamic_integrand_point(x, y, t, la, lp, same, g0, dd, gx, gw, offsets, buf):
    """x |v|^2 p_a p_p / sinh^2 y: the reduced Eq. (2.2) integrand with dynamic screening, v = x e^{-xd}/(x^2 eps),
    p_l the rectification of :func:`_rectification` (docs/theory/coulomb-drag.md §5, §8)."""
    w = 2.0 * t * y
    eps, ia, ip = _epsilon(x, w, t, la, lp, same, g0, dd, gx, gw, offsets, buf)
    pa = _rectification(la, x, w, t, ia)
    pp = pa if same else _rectification(lp, x, w, t, ip)
    if pa * pp == 0.0 or _abs2(eps) == 0.0:    # no absorption (outside the thermal window), so also none
        return 0.0                              # at an undamped pole, where eps = 0 exactly
    v2 = (x * math.exp(-x * dd)) ** 2 / _abs2(eps)
    return x * v2 * pa * pp / math.sinh(y) ** 2


@njit(cache=True)
def _dynamic_on_q_panel(t, la, lp, same, g0, dd, x_lo, x_hi, gq, wq, gy, wy, gx, gw, offsets, y_base):
    """int dx int dy of the dynamic integrand over x in [x_lo, x_hi] at one reduced T."""
    ebuf = np.empty(offsets.size + 4 * _EDGE_LEVELS + 4)
    ybuf = np.empty(y_base.size + _Y_EXTRA + _MAX_ROOTS * (1 + 2 * _GRADE_LEVELS))
    hx = 0.5 * (x_hi - x_lo)
    total = 0.0
    for j in range(gq.size):
        x = x_lo + hx * (1.0 + gq[j])
        ny = _dynamic_y_breaks(x, t, la, lp, same, g0, dd, y_base, gx, gw, offsets, ebuf, ybuf)
        inner = 0.0
        for k in range(ny - 1):
            hy = 0.5 * (ybuf[k + 1] - ybuf[k])
            for m in range(gy.size):
                y = ybuf[k] + hy * (1.0 + gy[m])
                inner += wy[m] * hy * _dynamic_integrand_point(x, y, t, la, lp, same, g0, dd, gx, gw, offsets,
                                                               ebuf)
        total += wq[j] * hx * inner
    return total


@njit(cache=True, parallel=True)
def _rho_dynamic_kernel(ts, same, la, lp, g0, dd, gq, wq, gy, wy, gx, gw, offsets, y_base, out):
    """out[k] = reduced Eq. (2.2) double integral with dynamic screening at ts[k] (la[k], lp[k] at mu(T_k)).

    Parallel over all (T, q panel) pairs as in drag's kernel; per-T sums taken serially.
    """
    owner, lo, hi = _flat_q_panels(ts, la, lp, _q_floor(la[0], lp[0], g0, dd), dd, dd)
    n = owner.size
    part = np.empty(n)
    for j in prange(n):
        k = owner[j]
        part[j] = _dynamic_on_q_panel(ts[k], la[k], lp[k], same, g0, dd, lo[j], hi[j], gq, wq, gy, wy,
                                      gx, gw, offsets, y_base)
    out[:] = 0.0
    for j in range(n):
        out[owner[j]] += part[j]


@njit(cache=True)
def _chi_points_kernel(lay, xs, ws, t, gx, gw, offsets, out_re, out_im):
    """(Re, Im) chi at points (xs > 0, ws >= 0)."""
    buf = np.empty(offsets.size + 4 * _EDGE_LEVELS + 4)
    for i in range(xs.size):
        out_re[i], out_im[i] = _layer_chi(lay, xs[i], ws[i], t, gx, gw, offsets, buf)


@njit(cache=True)
def _epsilon_points_kernel(xs, ws, t, la, lp, same, g0, dd, gx, gw, offsets, out):
    """Complex x^2 eps at points (xs > 0, ws >= 0)."""
    buf = np.empty(offsets.size + 4 * _EDGE_LEVELS + 4)
    for i in range(xs.size):
        out[i] = _epsilon(xs[i], ws[i], t, la, lp, same, g0, dd, gx, gw, offsets, buf)[0]


@njit(cache=True)
def _roots_kernel(x, t, la, lp, same, g0, dd, scan, gx, gw, offsets, roots, widths):
    buf = np.empty(offsets.size + 4 * _EDGE_LEVELS + 4)
    return _plasmon_poles(x, t, la, lp, same, g0, dd, scan, scan.size, False, gx, gw, offsets, buf, roots, widths)


@njit(cache=True)
def _integrand_points_kernel(t, la, lp, same, g0, dd, xs, ys, gx, gw, offsets, out):
    buf = np.empty(offsets.size + 4 * _EDGE_LEVELS + 4)
    for i in range(xs.size):
        out[i] = _dynamic_integrand_point(xs[i], ys[i], t, la, lp, same, g0, dd, gx, gw, offsets, buf)


# ===================================== public API ===================================== #

def check_layers(bilayer):
    """ValueError naming `bilayer` unless it is a drag.Bilayer (of ParabolicLayer and DiracLayer layers, both
    supported by the dynamic RPA)."""
    _check_bilayer(bilayer)


def _check_frequency(layer, omega):
    """omega in rad/s, |hbar omega| <= _W_MAX hbar v_F k_F of ``layer`` (float or array), or ValueError naming it."""
    top = _W_MAX * layer.v_F * layer.k_F
    return _check.in_range("omega", omega, -top, top, "rad/s")


def _check_layer(layer):
    if not isinstance(layer, _Layer):
        raise ValueError(f"layer must be a ParabolicLayer or DiracLayer, got {type(layer).__name__}")


def _layer_vector(layer, T, k0, e0):
    """Reduced layer vector at T (drag's exact-path vector: mu(T) in _MU, Dirac I_sigma(T)) and reduced t."""
    t = units.k_B * T / e0
    return _thermal_layers(layer._reduced(k0, e0), np.array([t]), np.array([T > 0]))[0], t


def _drude_mass(layer):
    """hbar k_F/v_F, kg: the 2DEG's mass, a Dirac layer's cyclotron mass mu/v^2 (plasma frequency n e^2/m)."""
    return units.hbar * layer.k_F / layer.v_F


def density_response(layer, q, omega, T=0.0):
    r"""Complex retarded density response :math:`\chi(q,\omega;T)` of a layer, 1/(J m^2), all degeneracies.

    Parameters
    ----------
    layer : dragbook.drag.ParabolicLayer or dragbook.drag.DiracLayer
        A Dirac layer: intra- and interband (conduction band doped, valence band full, holes neglected).
    q : float or array_like
        Wavevector, 1/m, 1e-6 k_F <= q <= 1e6 k_F.
    omega : float or array_like
        Angular frequency, rad/s, any sign (:math:`\chi(-\omega) = \chi(\omega)^*`), :math:`|\hbar\omega| \le
        10^6\hbar v_Fk_F`; broadcasts with `q`.
    T : float
        Temperature, K: 0, or 1e-6 to 1e6. 2DEG: Stern's closed form at T = 0, Maldague's integral at :math:`\mu(T)` for
        T > 0. Dirac: the undoped closed form plus the Fermi-weighted Fermi-circle responses (module docstring).

    Returns
    -------
    complex or ndarray of complex
        :math:`\mathrm{Im}\chi < 0` for omega > 0; :math:`\chi(q, 0) = -\Pi(q, 0)`.

    References
    ----------
    docs/theory/coulomb-drag.md §4 (Stern 1967; Maldague 1978; Dirac: Pyatkovskiy 2009).
    """
    _check_layer(layer)
    q = _check_wavevector(layer, q, _Q_MIN)
    omega = _check_frequency(layer, omega)
    T = _check.scalar("T", _check_temperature(T, zero=True))
    k0, e0 = layer._own_scales()
    lay, t = _layer_vector(layer, T, k0, e0)
    x, w = np.broadcast_arrays(np.asarray(q, float) / k0, units.hbar * np.asarray(omega, float) / e0)
    re, im = np.empty(x.size), np.empty(x.size)
    _chi_points_kernel(lay, np.ascontiguousarray(x.ravel()), np.ascontiguousarray(np.abs(w).ravel()), t,
                       _GM, _WM, _MALDAGUE_OFFSETS, re, im)
    chi = (re + 1j * np.where(w.ravel() < 0, -im, im)) * k0**2 / e0
    chi = chi.reshape(x.shape)
    return chi if chi.ndim else complex(chi)


def _bilayer_vectors(bilayer, T):
    """(la, lp, t, same, g0, dd, k0, e0) of a bilayer (2DEG or Dirac layers) at T (mu(T) in the layer vectors)."""
    check_layers(bilayer)
    la0, lp0, g0, dd, k0, e0 = bilayer._reduced()
    la, t = _layer_vector(bilayer.active, T, k0, e0)
    lp, _ = _layer_vector(bilayer.passive, T, k0, e0)
    same = bool(np.array_equal(la, lp))
    return la, lp, t, same, g0, dd, k0, e0


def screened_interaction(bilayer, q, omega, T=0.0):
    r"""Dynamically screened interlayer interaction :math:`U(q,\omega) = Ve^{-qd}/\varepsilon(q,\omega)`, J m^2.

    theory §3 with the complex :math:`\Pi_l = -\chi_l(q,\omega;T)` of both layers (:func:`density_response`).
    q in 1/m (1e-6 to 1e6 k_F of the active layer), omega in rad/s (any sign, |hbar omega| <= 1e6 hbar v_F k_F of
    the active layer, broadcasts), T in K (0, or 1e-6
    to 1e6). Layers of either kind.
    """
    check_layers(bilayer)
    q = _check_wavevector(bilayer.active, q, _Q_MIN)
    omega = _check_frequency(bilayer.active, omega)
    T = _check.scalar("T", _check_temperature(T, zero=True))
    la, lp, t, same, g0, dd, k0, e0 = _bilayer_vectors(bilayer, T)
    x, w = np.broadcast_arrays(np.asarray(q, float) / k0, units.hbar * np.asarray(omega, float) / e0)
    xs = np.ascontiguousarray(x.ravel())
    eps = np.empty(xs.size, complex)
    _epsilon_points_kernel(xs, np.ascontiguousarray(np.abs(w).ravel()), t, la, lp, same, g0, dd,
                           _GM, _WM, _MALDAGUE_OFFSETS, eps)
    eps = np.where(w.ravel() < 0, eps.conj(), eps)                      # eps(-omega) = eps(omega)*
    v = units.e**2 / (2 * units.epsilon_0 * bilayer.eps_r * xs * k0)
    u = (v * np.exp(-xs * dd) * xs**2 / eps).reshape(x.shape)           # eps = (x^2 eps)/x^2
    return u if u.ndim else complex(u)


def plasmon_frequencies(bilayer, q, T=0.0, omega_max=None, n_scan=400):
    r"""Frequencies (rad/s, ascending) where :math:`\mathrm{Re}\,\varepsilon(q,\omega) = 0` above the
    particle-hole continuum: the acoustic (out-of-phase) and optical (in-phase) plasmons (theory §3, §8).

    Parameters
    ----------
    bilayer : Bilayer
        Layers of either kind.
    q : float
        Wavevector, 1/m, 1e-6 to 1e6 k_F of the active layer.
    T : float
        K, 0 or 1e-6 to 1e6 (T = 0: Stern's Re chi; above the continuum Im eps = 0 and these are true poles of U).
    omega_max : float, optional
        Upper end of the search, rad/s (> 0). Default: 4 times the larger of the continuum edge
        :math:`\max_l[E_l(k_F+q) - \mu_l]/\hbar` and the in-phase plasma frequency
        :math:`[e^2(n_a+n_p)q/(2\varepsilon_0\varepsilon_r m)]^{1/2}`, m the lighter :math:`\hbar k_F/v_F`.
    n_scan : int
        Sign-scan points, geometric from just above the continuum edge to omega_max, 2 to 100000.

    Returns
    -------
    ndarray
        Roots found: at T = 0 the acoustic and optical plasmons (two, where both lie below omega_max); at
        finite T also roots inside the Landau-damped continuum (broad, |Im eps| large there), and none
        where the scan shows no sign change.
    """
    check_layers(bilayer)
    q = _check.scalar("q", _check_wavevector(bilayer.active, q, _Q_MIN))
    T = _check.scalar("T", _check_temperature(T, zero=True))
    n_scan = _check.integer("n_scan", n_scan, 2, _MAX_SCAN)
    la, lp, t, same, g0, dd, k0, e0 = _bilayer_vectors(bilayer, T)
    x = q / k0
    w_top = _continuum_top(x, la, lp)
    if omega_max is None:
        a, p = bilayer.active, bilayer.passive
        plasma = math.sqrt(units.e**2 * (a.density + p.density) * q
                           / (2 * units.epsilon_0 * bilayer.eps_r * min(_drude_mass(a), _drude_mass(p))))
        omega_max = 4 * max(w_top * e0 / units.hbar, plasma)
    w_max = units.hbar * _check.scalar("omega_max", _check.positive("omega_max", omega_max, "rad/s")) / e0
    if w_max <= w_top:
        return np.empty(0)
    scan = w_top * (1.0 + np.geomspace(1e-9, w_max / w_top - 1.0, n_scan))
    roots, widths = np.empty(_MAX_ROOTS), np.empty(_MAX_ROOTS)
    nr = _roots_kernel(x, t, la, lp, same, g0, dd, scan, _GM, _WM, _MALDAGUE_OFFSETS, roots, widths)
    return np.sort(roots[:nr]) * e0 / units.hbar


def rho_drag_dynamic(bilayer, T, *, kernel="exact"):
    r"""Longitudinal drag resistivity with dynamic RPA screening, ohm: theory Eq. (2.2) with :math:`|U(q,\omega)|^2`.

    Normally reached through ``drag.rho_drag(bilayer, T, screening="dynamic")``. Layers of either kind;
    finite-T kernels throughout (Maldague / Fermi-weighted chi, mu(T); the rectification is
    :math:`2\hbar q(-\mathrm{Im}\chi)/(ne)` from the same chi (2DEG) or drag's finite-T Dirac kernel).
    T in K (1e-6 to 1e6, float or array). Validity warnings (dragbook.ValidityWarning) as in
    ``drag.rho_drag``.
    kernel: "exact" or "auto" (both mean the finite-T kernels); "fast" (T = 0 kernels) raises ValueError,
    since at T = 0 Im chi vanishes on the plasmon branches (docs/theory/coulomb-drag.md §3).
    """
    check_layers(bilayer)
    T = _check_temperature(T)
    if not isinstance(kernel, str) or kernel not in ("auto", "exact"):
        raise ValueError(f"kernel must be 'auto' or 'exact' with screening='dynamic' (the plasmon poles need "
                         f"the finite-T chi, docs/theory/coulomb-drag.md §3), got {kernel!r}")
    Ts = np.atleast_1d(np.asarray(T, float)).ravel()
    _warn_temperature(bilayer, Ts, np.ones(Ts.size, bool))
    _warn_screening(bilayer, bilayer.d, bilayer.eps_r)
    la0, lp0, g0, dd, k0, e0 = bilayer._reduced()
    t = units.k_B * Ts / e0
    exact = np.ones(t.size, dtype=bool)
    la, lp = _thermal_layers(la0, t, exact), _thermal_layers(lp0, t, exact)
    same = bool(np.array_equal(la0, lp0))
    out = np.empty(t.size)
    chunk = numba.set_parallel_chunksize(1)
    try:
        _rho_dynamic_kernel(t, same, la, lp, g0, dd, _GQ, _WQ, _GY, _WY, _GM, _WM, _MALDAGUE_OFFSETS, _Y_BASE, out)
    finally:
        numba.set_parallel_chunksize(chunk)
    out *= units.hbar_e2 * (g0 / (2 * math.pi)) ** 2 / 4                # (hbar/e^2) alpha_0^2/4, theory §8
    return out.reshape(np.shape(T)) if np.ndim(T) else float(out[0])


def drag_integrand(bilayer, T, q, omega):
    r"""The (q, omega) integrand of :func:`rho_drag_dynamic`, ohm m s (theory Eq. (2.2), dynamic :math:`|U|^2`).

    :math:`\rho = \int_0^\infty dq\int_0^\infty d\omega` of it. T in K (1e-6 to 1e6); q in 1/m
    (1e-6 to 1e6 k_F), omega in rad/s (> 0, hbar omega <= 1e6 hbar v_F k_F), broadcasting. Layers of either kind.
    """
    check_layers(bilayer)
    T = _check.scalar("T", _check_temperature(T))
    q = _check_wavevector(bilayer.active, q, _Q_MIN)
    omega = _check_frequency(bilayer.active, _check.positive("omega", omega, "rad/s"))
    _warn_temperature(bilayer, np.array([T]), np.array([True]))
    _warn_screening(bilayer, bilayer.d, bilayer.eps_r)
    la, lp, t, same, g0, dd, k0, e0 = _bilayer_vectors(bilayer, T)
    qb, wb = np.broadcast_arrays(np.asarray(q, float), np.asarray(omega, float))
    xs = np.ascontiguousarray(qb.ravel() / k0)
    ys = np.ascontiguousarray(units.hbar * wb.ravel() / (2 * units.k_B * T))
    out = np.empty(xs.size)
    _integrand_points_kernel(t, la, lp, same, g0, dd, xs, ys, _GM, _WM, _MALDAGUE_OFFSETS, out)
    out *= units.hbar_e2 * (g0 / (2 * math.pi)) ** 2 / 4 / (k0 * 2 * units.k_B * T / units.hbar)
    out = out.reshape(qb.shape)
    return out if out.ndim else float(out)


def warmup():
    """Compile (or load from the numba cache) every kernel of this module once, with the public API's types
    (2DEG, Dirac and mixed bilayers: the layer kind is a runtime entry of the layer vector)."""
    layer = ParabolicLayer(1.5e15, 0.067)
    bilayer = Bilayer(layer, ParabolicLayer(2e15, 0.067), 30 * units.nm, 12.9)
    for T in (0.0, 10.0):
        density_response(layer, layer.k_F, 1e12, T)
        screened_interaction(bilayer, layer.k_F, 1e12, T)
        plasmon_frequencies(bilayer, 0.1 * layer.k_F, T)
    symmetric = Bilayer(layer, layer, 30 * units.nm, 12.9)
    dirac = DiracLayer(1e15, 1e6 * units.hbar, 5 * units.meV, g=4)    # graphene-like, v = 1e6 m/s, gapped
    mixed = Bilayer(layer, dirac, 30 * units.nm, 12.9)
    for T in (0.0, 10.0):
        density_response(dirac, dirac.k_F, 1e12, T)
        plasmon_frequencies(mixed, 0.1 * layer.k_F, T)
    for b in (bilayer, symmetric, mixed):
        rho_drag_dynamic(b, np.array([5.0]))
        drag_integrand(b, 5.0, layer.k_F, 1e12)
