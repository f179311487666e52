r"""Phonon side jump in the anomalous Hall effect of 2D massive Dirac electrons (notebook 05).

**Reduced variables.** Unlike most of dragbook, the functions of this module take *dimensionless* inputs
and return *dimensionless* outputs: temperature as ``T_over_TBG`` :math:`= T/T_{BG}` (not kelvin), the mass as
``a`` :math:`= \Delta/\varepsilon_F`, the residual resistivity as ``eta`` :math:`= \rho_0/\rho_{BG}`;
conductivities come out in units of :math:`e^2/h` per Dirac cone and resistivities in units of
:math:`\rho_{BG}`. ``side_jump_conductivity(300, 0.5)`` means :math:`T = 300\,T_{BG}` (the high-temperature
plateau), not 300 K. For kelvin, siemens and ohm use :class:`PhononDiracMetal`, which takes SI material
parameters and converts.

What it computes
----------------
Conduction-band electrons of :math:`H_0 = \hbar v(k_x\sigma_x + k_y\sigma_y) + \Delta\sigma_z` (Xiao et al.
2019, Eq. (16)), with :math:`a \equiv \Delta/\varepsilon_F`, :math:`|a| < 1`, are scattered quasi-elastically
by longitudinal acoustic phonons (Debye, :math:`\omega_q = c_s q`) through a deformation potential :math:`D`.
On the Fermi circle a scattering angle :math:`\varphi` absorbs or emits a phonon of energy
:math:`\hbar\omega_q = k_BT_{BG}\sin(\varphi/2)`, :math:`T_{BG} = 2\hbar c_s k_F/k_B` (Bloch-Gruneisen).

* :func:`tau_ratio`: :math:`\mathcal R = \tau^{tr}/\tau^{sj}` (Eqs. (19), (20), (B4)),
* :func:`side_jump_conductivity`: :math:`\sigma^{sj} = (e^2/2h)\,a(1-a^2)\,\mathcal R` (Eq. (18)),
* :func:`side_jump_halves`: the two terms of Eq. (8), with or without the Pauli factor of Eqs. (10)-(12),
* :func:`resistivity_bg`: :math:`\rho/\rho_{BG}` from :math:`T^4` to :math:`T`,
* :func:`intrinsic_conductivity`, :func:`angular_weights` (the integrands of (B4)), :func:`overlap`,
* :func:`impurity_ratio` and :func:`side_jump_mixed`: static impurities (delta-correlated, smooth, Gaussian)
  and Matthiessen mixing with phonons (an extension of the paper),
* :class:`PhononDiracMetal`: the same in SI from material parameters (v, Delta, eF, c_s, D, rho_m, g).

Derivations, assumptions and checks: ``docs/theory/phonon-side-jump.md`` (cited below as "theory §n").

Reduction
---------
:math:`t = T/T_{BG}`, :math:`z = 1/t`. The weight of (B5) is :math:`W_\varphi = \lambda^2k_BT\,G(y)`,
:math:`G(y) = (y/2)^2/\sinh^2(y/2)`, :math:`y = z\sin(\varphi/2)`; with :math:`x = \sin(\varphi/2) = \sin u`
(theory §5)

.. math:: I_{sj} = 8\int_0^{\pi/2}du\,\sin^2u\,G(z\sin u),\qquad
          I_{tr} = 8\int_0^{\pi/2}du\,\sin^2u\,[1-(1-a^2)\sin^2u]\,G(z\sin u),

:math:`\mathcal R = I_{sj}/I_{tr}`, :math:`\rho/\rho_{BG} = t\,I_{tr}/8`,
:math:`1/\tau^{tr,sj} = \Gamma_{BG}\,t\,I_{tr,sj}` with :math:`\Gamma_{BG} = k_F^2D^2/(\pi\hbar v_F\rho_mc_s)`
and :math:`\rho_{BG} = 32D^2k_F/(g e^2\rho_m v_F^2 c_s)` (theory §5, §7, §11).

Conventions
-----------
The paper's: carriers of charge +e, :math:`\sigma_{AH} = j_y/E_x` (:math:`\sigma_{yx}`), so that
:math:`\sigma^{sj} > 0` and :math:`\sigma^{in} > 0` for :math:`\Delta > 0` (theory §1); literature quoting
:math:`\sigma_{xy}` (Sinitsyn et al. 2007) has the opposite sign. Conductivities are per Dirac cone in units
of :math:`e^2/h` in the dimensionless API; :class:`PhononDiracMetal` multiplies by the degeneracy ``g`` and
returns siemens. The conduction-band Berry curvature is :math:`\Omega = -\hbar^2v^2\Delta/(2\varepsilon^3)`.

Kernel variants (theory §4)
---------------------------
``kernel="thermal_average"`` (default, the paper's (B3), used for its Fig. 1): the Pauli-weighted phonon rate
averaged over the Fermi window, weight :math:`G(y)`. ``kernel="energy_resolved"``: the exact (B2) at each
energy :math:`x = (\varepsilon-\mu)/k_BT`, weight
:math:`G_x(y) = (y/2)\coth(y/2)\,\cosh^2(x/2)/[\cosh^2(x/2)+\sinh^2(y/2)]` (whose Fermi-window average is
:math:`G`), and :math:`\mathcal R_{ER} = \int dx\,f(1-f)\,\mathcal R(x)`. Same limits; apart by at most 7 %
(a = 0.5) to 11 % (a = 0) near :math:`t \approx 0.13`. A model ambiguity of the paper, not a correction.

Numerics (theory §12)
---------------------
128-point Gauss-Legendre. For :math:`t \ge 1` in :math:`u \in [0, \pi/2]`; for :math:`t < 1` in :math:`v = zu`
on :math:`[0, \min(\pi z/2, 60)]` with the integrals scaled by :math:`z^3` (:math:`\tilde I = z^3 I =
8\int dv\, y^2[\ldots]G(y)`, :math:`y = \sin(vt)/t`), which stays finite down to :math:`t = 0` (where
:math:`\tilde I \to 32\pi^4/15`) instead of underflowing as :math:`t^3`. :math:`G` is evaluated as
:math:`y^2e^{-y}/(1-e^{-y})^2` (series below :math:`y = 10^{-3}`). Relative error below 1e-12 against
``scipy.integrate.quad`` (``tests/test_phonon.py``). The energy-resolved variant adds a 48-node composite
rule in :math:`x \in [0, 40]` (the kernel is even in x; :math:`f(1-f) < 10^{-17}` beyond) and cuts the angular
integral at y = 100; 1e-8 against nested adaptive quad of the printed (B2).

References
----------
.. [1] C. Xiao, Y. Liu, M. Xie, S. A. Yang, Q. Niu, *Theory of phonon side jump contribution in anomalous
   Hall transport*, arXiv:1906.04977 (2019): Eqs. (8)-(21), (B1)-(B5), Fig. 1. Equation numbers in this
   module are this paper's.
.. [2] ``docs/theory/phonon-side-jump.md`` (this repository): the derivations the paper leaves out, the
   resistivity scale rho_BG (not defined in the paper), impurities and mixing, the energy-resolved variant.
"""

import math
from dataclasses import dataclass

import numpy as np
from numba import njit
from scipy.constants import c as _C_LIGHT
from scipy.special import ive

from . import _check, units
from ._quadrature import composite, gauss_legendre

__all__ = [
    "tau_ratio", "side_jump_conductivity", "side_jump_halves", "resistivity_bg", "intrinsic_conductivity",
    "resistivity_bg_limits", "angular_weights", "overlap", "impurity_ratio", "side_jump_mixed",
    "PhononDiracMetal", "KERNELS", "IMPURITIES", "warmup", "CS_OVER_VF_MAX", "KT_OVER_EF_MAX",
]

#: Phonon kernel variants: the paper's thermally averaged (B3) and the energy-resolved (B2) of theory §4.
KERNELS = ("thermal_average", "energy_resolved")
#: Static impurity kinds of theory §9.
IMPURITIES = ("delta", "smooth", "gaussian")

# --- fixed quadrature (theory §12); accuracy checked in tests/test_phonon.py --- #
_GV, _WV = gauss_legendre(128)                              # angular integral, on [-1, 1]
_GX, _WX = composite([0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 40.0], 8)   # energy window x >= 0 (even kernel)
_V_CUT = 60.0          # G(60) ~ 3e-23: the angular integrand is negligible beyond y = 60 (+|x| energy-resolved)
_X_MAX = 40.0          # end of the energy window, units k_B T (last break of _GX)
_GU, _WU = composite([0.0, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 0.5 * math.pi], 24)   # u in [0, pi/2], no t scaling
_THERMAL, _ENERGY_RESOLVED = 0, 1
_KF_XI_MAX = 1e3       # beyond, the Gaussian kind is the smooth limit to 1e-6 and I_0 - I_1 cancels to rounding
_T_UNBLOCKED_MIN = 1e-70   # side_jump_halves without the Pauli factor: sigma(1) ~ 0.01 t^-4 overflows below 1e-77
_ETA_MAX = 1e100       # rho_0/rho_BG: beyond, the impurity limit to 1e-100 (and eta r_imp stays in float64)

#: c_s/v_F above which the quasi-elastic model is flagged (ValidityWarning): a phonon of wavevector q <= 2 k_F
#: shifts the final-state momentum by up to 2 c_s/v_F of k_F, i.e. 20 % at back-scattering (theory §2, §4).
CS_OVER_VF_MAX = 0.1
#: k_B T/eF above which the degenerate (Fermi-level) formulas are flagged (ValidityWarning): the thermal
#: corrections of relative order (pi^2/6)(k_B T/eF)^2 pass 15 % there.
KT_OVER_EF_MAX = 0.3


# ===================================== kernels ===================================== #

@njit(cache=True)
def _bose_weight(y):
    """G(y) = y^2 e^y/(e^y - 1)^2 = (y/2)^2/sinh^2(y/2) (paper (B5)), y >= 0; stable form of theory §12."""
    if y < 1e-3:
        y2 = y * y
        return 1.0 - y2 / 12.0 + y2 * y2 / 240.0
    e = math.exp(-y)
    return y * y * e / ((1.0 - e) * (1.0 - e))


@njit(cache=True)
def _angular_integrals(t, b, gv, wv):
    """(I_sj, I_tr, s) with the true integrals s * I (theory §5, paper (B4)-(B5)); b = 1 - a^2.

    t >= 1: s = 1, u in [0, pi/2]. t < 1: s = t^3, v = u/t in [0, min(pi/(2t), 60)] (module docstring).
    """
    s_sj = 0.0
    s_tr = 0.0
    if t >= 1.0:
        half = 0.25 * math.pi
        z = 1.0 / t
        for i in range(gv.size):
            u = half * (1.0 + gv[i])
            su = math.sin(u)
            y = z * su
            w = wv[i] * half * su * su * _bose_weight(y)
            s_sj += w
            s_tr += w * (1.0 - b * su * su)
        return 8.0 * s_sj, 8.0 * s_tr, 1.0
    v_max = min(0.5 * math.pi / t, _V_CUT) if t > 0.0 else _V_CUT
    half = 0.5 * v_max
    for i in range(gv.size):
        v = half * (1.0 + gv[i])
        if t > 0.0:
            su = math.sin(v * t)
            y = su / t
        else:                                   # t = 0: z sin(v/z) -> v, sin u -> 0
            su = 0.0
            y = v
        w = wv[i] * half * y * y * _bose_weight(y)
        s_sj += w
        s_tr += w * (1.0 - b * su * su)
    return 8.0 * s_sj, 8.0 * s_tr, t * t * t


@njit(cache=True)
def _resolved_integrals(t, b, gv, wv, cx2, out_sj, out_tr):
    """Energy-resolved (I_sj, I_tr)/s at every energy x of the window, cx2 = cosh^2(x/2); returns s (theory §4).

    Weight G_x(y) = (y/2) B2(x, y) = (y/2) coth(y/2) / (1 + sinh^2(y/2)/cosh^2(x/2)) from paper (B2); the
    y-dependent factors are computed once per node and shared by all x. Same scaling s and nodes as
    _angular_integrals, with the cut at y = 60 + max|x| (G_x ~ y cosh^2(x/2) e^-y).
    """
    for j in range(cx2.size):
        out_sj[j] = 0.0
        out_tr[j] = 0.0
    if t >= 1.0:
        half = 0.25 * math.pi
        z = 1.0 / t
        scale = 1.0
    else:
        v_max = min(0.5 * math.pi / t, _V_CUT + _X_MAX) if t > 0.0 else _V_CUT + _X_MAX
        half = 0.5 * v_max
        scale = t * t * t
    for i in range(gv.size):
        if t >= 1.0:
            u = half * (1.0 + gv[i])
            su = math.sin(u)
            y = z * su
            base = wv[i] * half * su * su
        else:
            v = half * (1.0 + gv[i])
            if t > 0.0:
                su = math.sin(v * t)
                y = su / t
            else:
                su = 0.0
                y = v
            base = wv[i] * half * y * y
        h = 0.5 * y
        hcoth = 1.0 + h * h / 3.0 if h < 1e-4 else h / math.tanh(h)
        s2 = math.sinh(h) ** 2 if h < 700.0 else math.inf
        overlap = 1.0 - b * su * su
        for j in range(cx2.size):
            w = base * hcoth / (1.0 + s2 / cx2[j])
            out_sj[j] += w
            out_tr[j] += w * overlap
    for j in range(cx2.size):
        out_sj[j] *= 8.0
        out_tr[j] *= 8.0
    return scale


@njit(cache=True)
def _phonon_kernel(ts, a, eta, r_imp, mode, gv, wv, gx, wx, out_ratio, out_rho):
    """tau_tr/tau_sj with impurities mixed in, and rho_ph/rho_BG, at each t = T/T_BG in ts (>= 0).

    ratio = [eta r_imp + t I_sj/8]/[eta + t I_tr/8] (theory §9; eta = rho_0/rho_BG = 0: paper (B4));
    mode 0: the paper's (B3) weight G; mode 1: energy-resolved, averaged over x with f(1-f) (theory §4).
    Inputs are checked by the public wrappers.
    """
    b = 1.0 - a * a
    cx2 = np.empty(gx.size)
    fw = np.empty(gx.size)
    for i in range(gx.size):
        c = math.cosh(0.5 * gx[i])
        cx2[i] = c * c
        fw[i] = 2.0 * wx[i] / (4.0 * c * c)          # 2 f(1 - f) dx over x >= 0, f(1 - f) = 1/(4 cosh^2(x/2))
    jsx = np.empty(gx.size)
    jtx = np.empty(gx.size)
    for k in range(ts.size):
        t = ts[k]
        if mode == _THERMAL:
            jsj, jtr, s = _angular_integrals(t, b, gv, wv)
            rho = t * s * jtr / 8.0
            if eta == 0.0:
                ratio = jsj / jtr
            else:
                ratio = (eta * r_imp + t * s * jsj / 8.0) / (eta + rho)
        else:
            s = _resolved_integrals(t, b, gv, wv, cx2, jsx, jtx)
            ratio = 0.0
            rho = 0.0
            for i in range(gx.size):
                rx = t * s * jtx[i] / 8.0
                rho += fw[i] * rx
                if eta == 0.0:
                    ratio += fw[i] * jsx[i] / jtx[i]
                else:
                    ratio += fw[i] * (eta * r_imp + t * s * jsx[i] / 8.0) / (eta + rx)
        out_ratio[k] = ratio
        out_rho[k] = rho


# ===================================== checks ===================================== #

def _check_t(T_over_TBG):
    return _check.nonnegative("T_over_TBG", T_over_TBG)


def _check_a(a):
    a = _check.in_range("a", a, -1.0, 1.0, "(Delta/eF)", closed=(False, False))
    return _check.scalar("a", a, "in (-1, 1) (T_over_TBG may be an array)")


def _check_kernel(kernel):
    if not isinstance(kernel, str) or kernel not in KERNELS:
        raise ValueError(f"kernel must be one of {KERNELS}, got {kernel!r}")
    return KERNELS.index(kernel)


def _finite(value, what):
    """``value`` if every entry is finite, else ValueError naming the parameter(s) ``what``."""
    if not np.all(np.isfinite(value)):
        raise ValueError(f"the result overflows float64: {what} out of range")
    return value


def _shaped(like, values):
    return values.reshape(np.shape(like)) if np.ndim(like) else float(values[0])


def _run(T_over_TBG, a, eta=0.0, r_imp=1.0, kernel="thermal_average"):
    t = _check_t(T_over_TBG)
    a = _check_a(a)
    mode = _check_kernel(kernel)
    ts = np.ascontiguousarray(np.atleast_1d(t), dtype=float).ravel()
    ratio, rho = np.empty(ts.size), np.empty(ts.size)
    _phonon_kernel(ts, a, float(eta), float(r_imp), mode, _GV, _WV, _GX, _WX, ratio, rho)
    return t, a, ratio, rho


# ===================================== public API ===================================== #

def tau_ratio(T_over_TBG, a, *, kernel="thermal_average"):
    r"""Ratio :math:`\mathcal R = \tau^{tr}/\tau^{sj}` of the phonon-limited transport and side-jump times.

    **Reduced variables**: ``T_over_TBG`` is :math:`T/T_{BG}` (not kelvin: 300 means :math:`300\,T_{BG}`), ``a`` is
    :math:`\Delta/\varepsilon_F`.

    .. math:: \mathcal R = \frac{\int d\varphi\,W_\varphi(1-\cos\varphi)}
              {\int d\varphi\,|\langle u'|u\rangle|^2\,W_\varphi(1-\cos\varphi)} = \frac{I_{sj}}{I_{tr}}

    Parameters
    ----------
    T_over_TBG : float or array_like
        Temperature in units of the Bloch-Gruneisen temperature :math:`T_{BG} = 2\hbar c_sk_F/k_B`, >= 0.
        Dimensionless, **not kelvin**; for kelvin use :class:`PhononDiracMetal`.
    a : float
        :math:`\Delta/\varepsilon_F`, in (-1, 1) (metallic regime; only :math:`a^2` enters).
    kernel : {"thermal_average", "energy_resolved"}
        The paper's (B3) (default) or the energy-resolved (B2) of theory §4.

    Returns
    -------
    float or ndarray
        Dimensionless, shaped like `T_over_TBG`; 1 at t = 0, :math:`4/(1+3a^2)` for t -> infinity.

    Raises
    ------
    ValueError
        T_over_TBG < 0 or not finite, :math:`|a| \ge 1`, unknown kernel.

    References
    ----------
    Xiao et al. 2019 Eqs. (19)-(21), (B4), (B5); theory §4-§6.
    """
    t, _, ratio, _ = _run(T_over_TBG, a, kernel=kernel)
    return _shaped(t, ratio)


def side_jump_conductivity(T_over_TBG, a, *, kernel="thermal_average"):
    r"""Phonon side-jump Hall conductivity :math:`\sigma^{sj}_{AH}`, in :math:`e^2/h` per Dirac cone.

    **Reduced variables**: ``T_over_TBG`` is :math:`T/T_{BG}` (not kelvin: 300 means :math:`300\,T_{BG}`), ``a`` is
    :math:`\Delta/\varepsilon_F`. ``side_jump_conductivity(300, 0.5)`` is the high-temperature
    plateau :math:`3/7`, not the value at 300 K: for kelvin and siemens use
    :meth:`PhononDiracMetal.side_jump_conductivity`.

    .. math:: \sigma^{sj}_{AH} = \frac{e^2}{4\pi\hbar}\,a(1-a^2)\,\mathcal R(t, a)
              = \frac{e^2}{2h}\,a(1-a^2)\,\mathcal R(t, a)

    The paper's sign convention (:math:`\sigma_{yx}`, positive for :math:`\Delta > 0`). The side-jump-velocity
    and anomalous-distribution terms of Eq. (8) are equal halves (theory §5). Independent of the coupling
    strength (D, rho_m, lambda): only t and a enter. Arguments as in :func:`tau_ratio`.

    References
    ----------
    Xiao et al. 2019 Eq. (18) (with e = hbar = 1 restored); theory §5.
    """
    t, a, ratio, _ = _run(T_over_TBG, a, kernel=kernel)
    return _shaped(t, 0.5 * a * (1.0 - a * a) * ratio)


def resistivity_bg(T_over_TBG, a):
    r"""Phonon-limited resistivity :math:`\rho/\rho_{BG}` (theory §7), from :math:`T^4` to :math:`T`.

    **Reduced variables**: ``T_over_TBG`` is :math:`T/T_{BG}` (not kelvin: 300 means :math:`300\,T_{BG}`), ``a`` is
    :math:`\Delta/\varepsilon_F`; the result is in units of :math:`\rho_{BG}` (ohm: :meth:`PhononDiracMetal.resistivity`).

    .. math:: \frac{\rho}{\rho_{BG}} = \frac{t\,I_{tr}(1/t, a)}{8}, \qquad
              \rho_{BG} = \frac{32D^2k_F}{g e^2\rho_m v_F^2c_s}

    Limits: :math:`(4\pi^4/15)t^4` for :math:`t \ll 1`, :math:`(\pi/16)(1+3a^2)t` for :math:`t \gg 1`
    (:func:`resistivity_bg_limits`). Arguments as in :func:`tau_ratio` (thermal-average kernel only).

    References
    ----------
    Xiao et al. 2019 Fig. 1 inset (rho_BG left undefined there); theory §7.
    """
    t, _, _, rho = _run(T_over_TBG, a)
    return _shaped(t, rho)


def resistivity_bg_limits(T_over_TBG, a):
    r"""The two Bloch-Gruneisen asymptotes of :math:`\rho/\rho_{BG}`: ``(4 pi^4/15 t^4, (pi/16)(1 + 3a^2) t)``.

    Reduced variables (``T_over_TBG`` = T/T_BG, not kelvin). Theory §7 (:math:`4!\zeta(4) = 4\pi^4/15`,
    a-independent; high-T slope from
    :math:`I_{tr}(0, a) = \pi(1+3a^2)/2`). Arguments as in :func:`resistivity_bg`.
    """
    t = _check_t(T_over_TBG)
    a = _check_a(a)
    with np.errstate(over="ignore"):
        low = _finite(4 * math.pi**4 / 15 * np.power(t, 4), "T_over_TBG (t^4 overflows float64)")
    return low, math.pi / 16 * (1 + 3 * a * a) * t


def intrinsic_conductivity(a):
    r"""Intrinsic (Berry-curvature) anomalous Hall conductivity :math:`\sigma^{in} = (e^2/2h)\,a`, in e^2/h.

    Filled valence band :math:`+e^2/2h` plus the conduction band up to :math:`\varepsilon_F`,
    :math:`-(e^2/2h)(1-a)`; per cone, the paper's sign convention. ``a`` = Delta/eF (dimensionless) in (-1, 1);
    the result is in e^2/h (siemens: :meth:`PhononDiracMetal.intrinsic_conductivity`).
    Theory §10.
    """
    return 0.5 * _check_a(a)


def overlap(phi, a):
    r""":math:`|\langle u_{k'}|u_k\rangle|^2 = 1 - (1-a^2)\sin^2(\varphi/2)` on the Fermi circle (theory §2).

    ``phi`` the scattering angle (rad), ``a`` in (-1, 1). The chirality factor that suppresses back-scattering
    (a = 0: :math:`\cos^2(\varphi/2)`, graphene).
    """
    a = _check_a(a)
    phi = _check.finite("phi", phi)
    return 1.0 - (1.0 - a * a) * np.sin(0.5 * np.asarray(phi)) ** 2


def angular_weights(phi, T_over_TBG, a):
    r"""The integrands of (B4): ``(G(y)(1 - cos phi), |<u'|u>|^2 G(y)(1 - cos phi))``, y = sin(phi/2)/t.

    :math:`W_\varphi/\lambda^2k_BT = G(y)` (paper (B5)): uniform at :math:`t \gg 1`, confined to
    :math:`|\varphi| \lesssim 2t` at :math:`t \ll 1` (the weight :math:`\propto y^2G(y)` peaks where
    :math:`y = 4\tanh(y/2)`, :math:`y \approx 3.83`). The first integrates (over phi in [0, 2 pi]) to
    :math:`I_{sj}`, the second to :math:`I_{tr}`. ``phi`` in rad, ``T_over_TBG`` = T/T_BG > 0 (not kelvin),
    ``a`` in (-1, 1), ``phi`` a float or an array.
    """
    t = _check.scalar("T_over_TBG", _check.positive("T_over_TBG", T_over_TBG), "(phi may be an array)")
    ov = overlap(phi, a)
    phi = np.asarray(phi, dtype=float)
    # G(y) < 1e-300 beyond y = 800: clip there so that y^2 e^-y does not become inf * 0 at tiny t
    y = np.minimum(np.abs(np.sin(0.5 * phi)) / t, 800.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        e = np.exp(-y)
        g = np.where(y < 1e-3, 1.0 - y**2 / 12, y**2 * e / np.where(y < 1e-3, 1.0, (1.0 - e)) ** 2)
    base = g * (1.0 - np.cos(phi))
    return base, ov * base


def impurity_ratio(a, kind="delta", kF_xi=0.0):
    r""":math:`\mathcal R_{imp} = \tau^{tr}/\tau^{sj}` for static scalar impurities (theory §9).

    Parameters
    ----------
    a : float
        :math:`\Delta/\varepsilon_F` in (-1, 1).
    kind : {"delta", "smooth", "gaussian"}
        delta-correlated (white noise, zero range): :math:`4/(1+3a^2)`, the high-T phonon limit;
        smooth (range :math:`\gg 1/k_F`): 1, the low-T phonon limit; Gaussian-correlated with range
        :math:`\xi`, :math:`W \propto e^{-b(1-\cos\varphi)}`, :math:`b = (k_F\xi)^2`:
        :math:`(I_0-I_1)/\{(I_0-I_1) - \tfrac{1-a^2}{2}[\tfrac32I_0 - 2I_1 + \tfrac12I_2]\}` (modified Bessel
        functions of b; an extension of the paper, theory §9).
    kF_xi : float
        :math:`k_F\xi` in [0, 1e3], Gaussian kind only (at 1e3 the ratio is the smooth limit 1 to 1e-6).

    Returns
    -------
    float
        Dimensionless, independent of the impurity density and strength.
    """
    a = _check_a(a)
    if not isinstance(kind, str) or kind not in IMPURITIES:
        raise ValueError(f"kind must be one of {IMPURITIES}, got {kind!r}")
    if kind == "delta":
        return 4.0 / (1.0 + 3.0 * a * a)
    if kind == "smooth":
        return 1.0
    b = _check.scalar("kF_xi", _check.in_range(
        "kF_xi", kF_xi, 0.0, _KF_XI_MAX, "(beyond 1e3 use kind='smooth', the limit to 1e-6)")) ** 2
    i0, i1, i2 = ive(0, b), ive(1, b), ive(2, b)          # exponentially scaled: the ratio is unchanged
    num = i0 - i1
    return num / (num - 0.5 * (1.0 - a * a) * (1.5 * i0 - 2.0 * i1 + 0.5 * i2))


def side_jump_mixed(T_over_TBG, a, eta, *, impurity="delta", kF_xi=0.0, kernel="thermal_average"):
    r"""Side-jump Hall conductivity with impurities and phonons together (Matthiessen), in e^2/h per cone.

    **Reduced variables**: ``T_over_TBG`` is :math:`T/T_{BG}` (not kelvin: 300 means :math:`300\,T_{BG}`), ``a`` is
    :math:`\Delta/\varepsilon_F`, ``eta`` is :math:`\rho_0/\rho_{BG}`.

    .. math:: \sigma^{sj}_{mix} = \frac{e^2}{2h}a(1-a^2)\,
              \frac{\eta\,\mathcal R_{imp} + t I_{sj}/8}{\eta + t I_{tr}/8}
              = \frac{\rho_0\sigma^{sj}_{imp} + \rho_{ph}(T)\sigma^{sj}_{ph}(T)}{\rho_0 + \rho_{ph}(T)}

    Rates add at Born level and the kernel stays isotropic, so the relaxation-time solution is exact.

    Parameters
    ----------
    T_over_TBG, a, kernel
        As in :func:`tau_ratio`.
    eta : float
        Residual (impurity) resistivity :math:`\rho_0/\rho_{BG}`, in [0, 1e100] (0: phonons alone).
    impurity, kF_xi
        As ``kind`` and ``kF_xi`` of :func:`impurity_ratio`.

    References
    ----------
    Theory §9 (an extension of Xiao et al. 2019, whose Sec. V asks for clean samples for this reason).
    """
    eta = _check.scalar("eta", _check.in_range("eta", eta, 0.0, _ETA_MAX, "(rho_0/rho_BG)"))
    r_imp = impurity_ratio(a, impurity, kF_xi)
    t, a, ratio, _ = _run(T_over_TBG, a, eta=eta, r_imp=r_imp, kernel=kernel)
    return _shaped(t, 0.5 * a * (1.0 - a * a) * ratio)


def _unblocked_rates(ts, b):
    """(J_sj, J_tr) = t I/8 with the unblocked weight t G_0(y) = (sin u/2) coth(y/2), y = sin(u)/t (theory §8).

    Finite at t = 0 (J_sj -> 1/3: spontaneous emission), so no t^3 scaling is needed; the panels resolve
    the thermal layer u ~ t down to t = 1e-3, and the non-smooth part of the integrand is O(t^4) below.
    """
    su = np.sin(_GU)[None, :]
    half = 0.5 * su
    t = ts[:, None]
    with np.errstate(divide="ignore", over="ignore"):
        x = np.where(t > 0, half / np.where(t > 0, t, 1.0), np.inf)     # y/2
        small = x < 1e-6
        xs = np.where(small, x, 0.0)
        weight = np.where(small, t * (1.0 + xs * xs / 3.0), half / np.tanh(np.minimum(x, 350.0)))
    j_sj = (_WU * su * su * weight).sum(axis=1)
    j_tr = (_WU * su * su * (1.0 - b * su * su) * weight).sum(axis=1)
    return j_sj, j_tr


def side_jump_halves(T_over_TBG, a, *, pauli_factor=True):
    r"""The two terms of paper Eq. (8), :math:`(\sigma^{sj(1)}, \sigma^{sj(2)})`, in e^2/h per Dirac cone.

    **Reduced variables**: ``T_over_TBG`` is :math:`T/T_{BG}`, not kelvin; ``a`` is :math:`\Delta/\varepsilon_F`.

    :math:`\sigma^{sj(1)}` is the side-jump velocity carried by the ordinary distribution,
    :math:`\sigma^{sj(2)}` the anomalous distribution. With ``pauli_factor=True`` (the paper's Eqs. (11),
    (12)) both equal :math:`\sigma^{sj}/2` of :func:`side_jump_conductivity`. With ``pauli_factor=False``
    the side-jump velocity and the anomalous distribution are computed from the static-impurity Eqs. (4),
    (7) applied to phonons: absorption :math:`N_q` plus emission :math:`N_q+1`, with no Pauli factor, weight
    :math:`G_0(y) = (y/2)\coth(y/2)` instead of :math:`G(y)` (the ordinary distribution keeps the Pauli
    factor of Eq. (2b)). Then

    .. math:: \sigma^{sj(1)} = \frac{e^2}{4h}a(1-a^2)\,\frac{I_{sj}[G_0]}{I_{tr}[G]},\qquad
              \sigma^{sj(2)} = \frac{e^2}{4h}a(1-a^2)\,\frac{I_{sj}[G_0]}{I_{tr}[G_0]}.

    Spontaneous emission into occupied states is not blocked: :math:`1/\tau^{sj}` stays finite at T = 0,
    :math:`\sigma^{sj(1)}` diverges as :math:`(5/4\pi^4)\,t^{-4}` times :math:`(e^2/4h)a(1-a^2)` and
    :math:`\sigma^{sj(2)} \to (e^2/4h)a(1-a^2)\cdot 5/(1+4a^2)` instead of :math:`(e^2/4h)a(1-a^2)`.
    Both agree with the paper's at :math:`T \gg T_{BG}`. Derivation: docs/theory/phonon-side-jump.md §8.

    Parameters
    ----------
    T_over_TBG : float or array_like
        Temperature in units of :math:`T_{BG}` (dimensionless, >= 0; not kelvin).
    a : float
        :math:`\Delta/\varepsilon_F`, in (-1, 1).
    pauli_factor : bool
        True: the paper's theory. False: without the Pauli factor in Eqs. (11), (12).

    Returns
    -------
    (float or ndarray, float or ndarray)
        The two halves in e^2/h, shaped like ``T_over_TBG``; ``inf`` for the first at t = 0 without the factor
        (the t^-4 divergence); ``T_over_TBG`` in (0, 1e-70) is refused there (t^-4 beyond float64).
    """
    if not _check.flag("pauli_factor", pauli_factor):
        t = _check_t(T_over_TBG)
        a = _check_a(a)
        if np.any((t > 0) & (t < _T_UNBLOCKED_MIN)):
            raise ValueError(f"T_over_TBG must be 0 or >= {_T_UNBLOCKED_MIN:g} without the Pauli factor (sigma(1) "
                             f"~ t^-4 exceeds float64 below), got {np.min(t[t > 0] if np.ndim(t) else t):g}")
        ts = np.ascontiguousarray(np.atleast_1d(t), dtype=float).ravel()
        j_sj, j_tr = _unblocked_rates(ts, 1.0 - a * a)
        rho = resistivity_bg(ts, a)
        base = 0.25 * a * (1.0 - a * a)
        with np.errstate(divide="ignore"):
            first = np.where(rho > 0, base * j_sj / np.where(rho > 0, rho, 1.0), np.inf)
        return _shaped(t, first), _shaped(t, base * j_sj / j_tr)
    half = 0.5 * np.asarray(side_jump_conductivity(T_over_TBG, a))
    return (half.item(), half.item()) if half.ndim == 0 else (half, half.copy())


@dataclass(frozen=True)
class PhononDiracMetal:
    r"""A 2D massive Dirac metal with LA phonons, in SI (theory §2, §4, §11).

    Parameters
    ----------
    v : float
        Dirac velocity, m/s, in (0, c).
    Delta : float
        Mass, J, any sign with :math:`|\Delta| < \varepsilon_F`.
    eF : float
        Fermi energy from the Dirac point, J, > 0.
    c_s : float
        LA sound velocity, m/s, in (0, v_F) (quasi-elastic: the model needs :math:`c_s \ll v_F`; a
        :class:`dragbook.ValidityWarning` above :data:`CS_OVER_VF_MAX` = 0.1 v_F).
    D : float
        Deformation potential, J, > 0.
    rho_m : float
        Areal mass density, kg/m^2, > 0.
    g : int
        Degenerate Dirac cones (paper: 1), an integer in [1, 64]; conductivities scale with g, :math:`\mathcal R`
        does not.

    The methods taking ``T`` (K, float or array) warn with :class:`dragbook.ValidityWarning` where
    :math:`k_BT > 0.3\,\varepsilon_F` (:data:`KT_OVER_EF_MAX`): the formulas take every electron at the Fermi level.
    """

    v: float
    Delta: float
    eF: float
    c_s: float
    D: float
    rho_m: float
    g: int = 1

    def __post_init__(self):
        object.__setattr__(self, "v", _check.scalar("v", _check.in_range(
            "v", self.v, 0.0, _C_LIGHT, "m/s (below the speed of light)", closed=(False, False))))
        for name, unit in (("eF", "J"), ("c_s", "m/s"), ("D", "J"), ("rho_m", "kg/m^2")):
            object.__setattr__(self, name, _check.scalar(name, _check.positive(name, getattr(self, name), unit)))
        delta = _check.scalar("Delta", _check.finite("Delta", self.Delta))
        _check.in_range("Delta", delta, -self.eF, self.eF, "J (|Delta| < eF, metallic)", closed=(False, False))
        object.__setattr__(self, "Delta", delta)
        object.__setattr__(self, "g", _check.integer("g", self.g, 1, 64))
        v_F = self.v_F
        if not self.c_s < v_F:       # no phonon emission below the Cherenkov threshold; quasi-elastic needs c_s << v_F
            raise ValueError(f"c_s must be < v_F = v sqrt(1 - (Delta/eF)^2) = {v_F:g} m/s (quasi-elastic phonon "
                             f"scattering needs c_s << v_F), got {self.c_s:g} m/s")
        if self.c_s > CS_OVER_VF_MAX * v_F:
            _check.validity(f"c_s/v_F = {self.c_s / v_F:.3g} is not small (> {CS_OVER_VF_MAX}): the quasi-elastic "
                            "phonon model assumes c_s << v_F", stacklevel=4)
        try:
            scales = (self.k_F, self.T_BG, self.rho_BG, self.Gamma_BG)
        except (ZeroDivisionError, OverflowError):
            scales = (math.inf,)
        if not all(0 < x < math.inf for x in scales):
            raise ValueError("v, eF, c_s, D, rho_m out of range: k_F, T_BG, rho_BG or Gamma_BG under- or overflows "
                             "float64")

    def _check_T(self, T):
        """T (K, >= 0) as checked; warns where k_B T > KT_OVER_EF_MAX eF (non-degenerate electrons)."""
        T = _check.nonnegative("T", T, "K")
        ratio = units.k_B * float(np.max(T)) / self.eF
        if ratio > KT_OVER_EF_MAX:
            _check.validity(f"k_B T/eF = {ratio:.3g} is not small (> {KT_OVER_EF_MAX}): the model takes the electrons "
                            "as degenerate (every rate at the Fermi level)", stacklevel=4)
        return T
    @property
    def a(self):
        """Delta/eF, dimensionless."""
        return self.Delta / self.eF

    @property
    def k_F(self):
        """Fermi wavevector sqrt(eF^2 - Delta^2)/(hbar v), 1/m."""
        return math.sqrt(self.eF**2 - self.Delta**2) / (units.hbar * self.v)

    @property
    def v_F(self):
        """Fermi velocity v sqrt(1 - a^2), m/s."""
        return self.v * math.sqrt(1.0 - self.a**2)

    @property
    def density(self):
        """Carrier density g k_F^2/(4 pi), m^-2."""
        return self.g * self.k_F**2 / (4 * math.pi)

    @property
    def T_BG(self):
        """Bloch-Gruneisen temperature 2 hbar c_s k_F/k_B, K (paper Sec. IV)."""
        return 2 * units.hbar * self.c_s * self.k_F / units.k_B

    @property
    def rho_BG(self):
        """Resistivity scale 32 D^2 k_F/(g e^2 rho_m v_F^2 c_s), ohm (theory §7)."""
        return 32 * self.D**2 * self.k_F / (self.g * units.e**2 * self.rho_m * self.v_F**2 * self.c_s)

    @property
    def Gamma_BG(self):
        """Rate scale k_F^2 D^2/(pi hbar v_F rho_m c_s), 1/s (theory §5, §11)."""
        return self.k_F**2 * self.D**2 / (math.pi * units.hbar * self.v_F * self.rho_m * self.c_s)

    @property
    def berry_curvature_F(self):
        """Conduction-band Berry curvature at the Fermi level, -hbar^2 v^2 Delta/(2 eF^3), m^2 (theory §2)."""
        return -(units.hbar * self.v) ** 2 * self.Delta / (2 * self.eF**3)

    def relaxation_rates(self, T):
        """``(1/tau_tr, 1/tau_sj)`` in 1/s at temperature T (K, >= 0): Gamma_BG t I_{tr,sj} (paper (19), (20))."""
        t = _finite(self._check_T(T) / self.T_BG, "T")
        rho = resistivity_bg(t, self.a)
        rate_tr = _finite(8 * self.Gamma_BG * rho, "T")
        return rate_tr, _finite(rate_tr * tau_ratio(t, self.a), "T")

    def resistivity(self, T):
        """Phonon-limited resistivity, ohm, at T (K, >= 0): rho_BG resistivity_bg(T/T_BG, a) (theory §7)."""
        T = self._check_T(T)
        return _finite(self.rho_BG * resistivity_bg(_finite(T / self.T_BG, "T"), self.a), "T")

    def side_jump_conductivity(self, T):
        """Phonon side-jump Hall conductivity, S, all g cones, at T (K, >= 0) (paper Eq. (18))."""
        T = self._check_T(T)
        return self.g * units.e2_h * side_jump_conductivity(_finite(T / self.T_BG, "T"), self.a)

    def intrinsic_conductivity(self):
        """Intrinsic anomalous Hall conductivity, S, all g cones (theory §10)."""
        return self.g * units.e2_h * intrinsic_conductivity(self.a)


def warmup():
    """Compile (or load from the numba cache) every kernel: both kernel variants, t < 1, t >= 1 and t = 0."""
    ts = np.array([0.0, 0.1, 2.0])
    tau_ratio(ts, 0.5)
    tau_ratio(ts, 0.5, kernel="energy_resolved")
    side_jump_mixed(ts, 0.5, 1e-3)
    side_jump_mixed(ts, 0.5, 1e-3, kernel="energy_resolved")
