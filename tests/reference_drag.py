"""Independent slow reference for the Coulomb-drag tests (formulas of docs/theory/coulomb-drag.md).

Written on purpose differently from ``dragbook.drag``:

* SI variables and ``scipy.integrate.quad`` (nested adaptive quadrature) for every integral;
  no fixed Gauss grids, no numba, no dimensionless master formulas;
* constants from :mod:`scipy.constants` (not from ``dragbook.units``);
* the polarization functions come from brute-force k-space integrals: the delta function of energy
  conservation is done exactly in the angle between k and q (two roots), the remaining 1-D radial
  integral by quad (substitution k = k_min + t^2 removes the square-root edge); the static Pi(q, 0)
  by a 2-D (k, angle) quad of the Lindhard sum, intraband plus interband;
* the T = 0 drag kernels (closed forms of theory §4, Stern) and the rho integrals (D2), (H1) and (§6)
  are transcribed from the theory page's formulas, and are themselves checked against the brute-force
  k-space integrals in ``self_check()``.

Nothing here is imported from ``dragbook``. Run ``python tests/reference_drag.py`` to print the
self-checks against the tabulated values of an earlier independent calculation.
"""

import math
import warnings
from dataclasses import dataclass

import numpy as np
from scipy import constants as _c
from scipy import integrate, optimize

hbar = _c.hbar
e = _c.e
k_B = _c.k
eps0 = _c.epsilon_0
m_e = _c.m_e
meV = 1e-3 * _c.eV
nm = 1e-9
ZETA3 = 1.2020569031595942
EULER_GAMMA = 0.5772156649015329


# --------------------------------------------------------------------------------------------------
# layers (plain data + T = 0 Fermi-surface quantities)
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Parabolic:
    n: float            # m^-2
    m_eff: float        # electron masses
    g: int = 2

    @property
    def m(self):
        return self.m_eff * m_e

    @property
    def kF(self):
        return math.sqrt(4 * math.pi * self.n / self.g)

    @property
    def mu(self):
        return (hbar * self.kF) ** 2 / (2 * self.m)

    @property
    def vF(self):
        return hbar * self.kF / self.m

    @property
    def nu(self):
        return self.g * self.m / (2 * math.pi * hbar**2)

    def energy(self, k):
        return (hbar * k) ** 2 / (2 * self.m)

    def k_of_E(self, E):
        return math.sqrt(max(E, 0.0) * 2 * self.m) / hbar

    def dos(self, E):
        return self.nu if E > 0 else 0.0

    @property
    def band_bottom(self):
        return 0.0


@dataclass(frozen=True)
class Dirac:
    n: float            # m^-2
    A: float            # J m
    M: float = 0.0      # J
    g: int = 1

    @property
    def kF(self):
        return math.sqrt(4 * math.pi * self.n / self.g)

    @property
    def mu(self):
        return math.hypot(self.A * self.kF, self.M)

    @property
    def vF(self):
        return self.A**2 * self.kF / (hbar * self.mu)

    @property
    def nu(self):
        return self.g * self.mu / (2 * math.pi * self.A**2)

    def energy(self, k):
        return math.hypot(self.A * k, self.M)

    def k_of_E(self, E):
        return math.sqrt(max(E * E - self.M**2, 0.0)) / self.A

    def dos(self, E):
        return self.g * E / (2 * math.pi * self.A**2) if E > abs(self.M) else 0.0

    @property
    def band_bottom(self):
        return abs(self.M)


def q_TF(layer, eps_r):
    return e**2 * layer.nu / (2 * eps0 * eps_r)


# --------------------------------------------------------------------------------------------------
# occupations and the chemical potential at fixed density (numerical, in meV units: docs/theory/coulomb-drag.md §8 pitfall 6)
# --------------------------------------------------------------------------------------------------
def fermi(E, mu, T):
    if T == 0:
        return 1.0 if E < mu else (0.5 if E == mu else 0.0)
    x = (E - mu) / (k_B * T)
    if x > 0:                      # stable in both tails (no 1 - tanh cancellation)
        ex = math.exp(-x)
        return ex / (1.0 + ex)
    return 1.0 / (1.0 + math.exp(x))


def chemical_potential(layer, T):
    """mu(T) at fixed density: solve n = int dos(E) f(E) dE (conduction band only), in meV units."""
    if T == 0:
        return layer.mu
    kT = k_B * T
    E0 = layer.band_bottom

    def density(mu_meV):
        mu = mu_meV * meV
        top = max(mu, E0) + 60 * kT
        val, _ = integrate.quad(lambda E: layer.dos(E) * fermi(E, mu, T), E0, top,
                                points=[mu] if E0 < mu < top else None, epsabs=0, epsrel=1e-9, limit=200)
        return val / layer.n - 1.0

    lo, hi = (E0 - 40 * kT) / meV, (layer.mu + 40 * kT) / meV
    return optimize.brentq(density, lo, hi, xtol=1e-13, rtol=1e-14) * meV


# --------------------------------------------------------------------------------------------------
# brute-force k-space integrals for -Im chi and the rectification I_Gamma (intraband c -> c)
# --------------------------------------------------------------------------------------------------
def _overlap_cc(layer, k, kq_cos, E, E2):
    """F_{++}(k, k+q) = 1/2 [1 + (A^2 k.(k+q) + M^2)/(E E')]; 1 for a parabolic band."""
    if isinstance(layer, Parabolic):
        return 1.0
    return 0.5 * (1.0 + (layer.A**2 * (k * k + kq_cos) + layer.M**2) / (E * E2))


def _velocity(layer, k, E):
    """|v_k| (group velocity magnitude) at wavevector k."""
    if isinstance(layer, Parabolic):
        return hbar * k / layer.m
    return layer.A**2 * k / (hbar * E)


def _k_min(layer, q, W):
    """Smallest |k| for which E(k) + W = E(|k + q|) has an angular solution (found numerically)."""
    kF = layer.kF

    def up(x):      # E(k+q) - E(k) - W, increasing in k; must be >= 0
        k = x * kF
        return (layer.energy(k + q) - layer.energy(k) - W) / meV

    def down(x):    # E(|k-q|) - E(k) - W, must be <= 0; decreasing on k < q/2
        k = x * kF
        return (layer.energy(abs(k - q)) - layer.energy(k) - W) / meV

    x_hi = 1.0
    while up(x_hi) < 0:
        x_hi *= 2
        if x_hi > 1e8:
            raise ValueError("no intraband support (W >= max energy transfer)")
    k1 = 0.0 if up(0.0) >= 0 else optimize.brentq(up, 0.0, x_hi, xtol=1e-15, rtol=1e-15) * kF
    k2 = 0.0 if down(0.0) <= 0 else optimize.brentq(down, 0.0, 0.5 * q / kF, xtol=1e-15, rtol=1e-15) * kF
    return max(k1, k2)


def brute_force_kernel(layer, q, omega, T=0.0, *, mu=None, weight="chi"):
    """Intraband -Im chi(q, omega) [1/(J m^2)] (weight="chi") or I_Gamma [J^2] (weight="gamma").

    -Im chi = pi g int d^2k/(2pi)^2 F_{++} [f(E) - f(E+W)] delta(W + E_k - E_{k+q}).
    The angular delta has two roots +-phi0 with |dE'/dphi| = |d E'/d cos| |sin phi0|; the radial
    integral is done with k = k_min + t^2.  For weight="gamma" the integrand carries in addition
    q^.(v_{k+q} - v_k) and the prefactor that turns Gamma^par into I_Gamma (docs/theory/coulomb-drag.md §5:
    Gamma^par = e tau I_Gamma / (4 pi hbar q A^2)).
    """
    W = hbar * omega
    if mu is None:
        mu = chemical_potential(layer, T)
    kmin = _k_min(layer, q, W)
    # energy window where f(E) - f(E + W) is not negligible
    if T == 0:
        E_lo, E_hi = mu - W, mu
    else:
        E_lo, E_hi = mu - W - 40 * k_B * T, mu + 40 * k_B * T
    k_lo = max(kmin, layer.k_of_E(max(E_lo, layer.band_bottom)))
    k_hi = layer.k_of_E(E_hi)
    if k_hi <= k_lo:
        return 0.0
    dirac = isinstance(layer, Dirac)

    def integrand(t):
        k = kmin + t * t
        E = layer.energy(k)
        E2 = E + W
        # cos(phi0) from E(|k+q|) = E + W
        if dirac:
            kq2 = (E2 * E2 - layer.M**2) / layer.A**2          # |k+q|^2 on shell
        else:
            kq2 = 2 * layer.m * E2 / hbar**2
        kq_cos = 0.5 * (kq2 - k * k - q * q)                    # k q cos(phi0)
        cos0 = kq_cos / (k * q)
        # sin(phi0) without the cancellation of 1 - cos^2 near the continuum edges:
        # 2kq(1 - cos) = (k+q)^2 - |k+q|^2,  2kq(1 + cos) = |k+q|^2 - (k-q)^2
        one_minus, one_plus = (k + q) ** 2 - kq2, kq2 - (k - q) ** 2
        sin0 = math.sqrt(max(one_minus * one_plus, 0.0)) / (2 * k * q)
        if sin0 == 0.0:
            return 0.0
        # |dE'/dphi| = (dE'/d|k+q|^2) * 2 k q sin0
        if dirac:
            dE_dphi = layer.A**2 * k * q * sin0 / E2
        else:
            dE_dphi = hbar**2 * k * q * sin0 / layer.m
        occ = fermi(E, mu, T) - fermi(E2, mu, T)
        val = k * _overlap_cc(layer, k, kq_cos, E, E2) * occ / dE_dphi
        if weight == "gamma":
            # q^.(v_{k+q} - v_k): v = |v| k^/|k|, q^.k = k cos0, q^.(k+q) = k cos0 + q
            v2 = _velocity(layer, math.sqrt(kq2), E2) / math.sqrt(kq2)
            v1 = _velocity(layer, k, E) / k
            val *= v2 * (k * cos0 + q) - v1 * k * cos0
        return 2 * t * val                                      # dk = 2 t dt

    t_lo, t_hi = math.sqrt(k_lo - kmin), math.sqrt(k_hi - kmin)
    pts = []
    if T > 0:
        for Ec in (mu - W, mu):
            if Ec > layer.band_bottom:
                kc = layer.k_of_E(Ec)
                if k_lo < kc < k_hi:
                    pts.append(math.sqrt(kc - kmin))
    with warnings.catch_warnings():
        # near a continuum edge the on-shell sin(phi0) is a difference of nearly equal numbers; QUADPACK then
        # reports round-off although its error estimate is still tiny: check the estimate instead
        warnings.simplefilter("ignore", integrate.IntegrationWarning)
        val, err = integrate.quad(integrand, t_lo, t_hi, points=pts or None, epsabs=0, epsrel=1e-11, limit=400)
    if err > 1e-9 * abs(val):
        raise RuntimeError(f"brute-force kernel not converged: {val} +- {err}")
    # 2 roots * pi * g / (2 pi)^2
    minus_im_chi = layer.g * 2 * math.pi / (4 * math.pi**2) * val
    if weight == "chi":
        return minus_im_chi
    if weight == "gamma":
        # Gamma^par = 2 pi e tau * g int d^2k/(2pi)^2 F (f - f') delta(...) q^.(v'-v)  (docs/theory/coulomb-drag.md §5)
        #           = 2 e tau * [the integral above, which carries pi g/(2pi)^2 * 2 roots]
        gamma_over_etau = 2 * minus_im_chi
        return gamma_over_etau * 4 * math.pi * hbar * q * layer.A**2   # = I_Gamma (docs/theory/coulomb-drag.md §5 table)
    raise ValueError(weight)


# --------------------------------------------------------------------------------------------------
# brute-force static polarization Pi(q, 0) at T = 0 (Lindhard sum, intraband + interband)
# --------------------------------------------------------------------------------------------------
def brute_force_static_pi(layer, q):
    """Pi(q,0) = -chi(q,0) for q > 2 k_F (where every energy denominator is nonzero), by a 2-D quad.

    Symmetrising the Lindhard sum (k -> -k-q) and dropping the vanishing valence-valence PV term:
      Pi = 2 int_{k<kF} d^2k/(2pi)^2 F_{++}/(E_{k+q}-E_k) + 2 int_{k>kF} d^2k/(2pi)^2 F_{+-}/(E_k+E_{k+q})
    (the second term only for Dirac: filled valence band minus the Pauli-blocked part).
    """
    kF = layer.kF
    if q <= 2 * kF:
        raise ValueError("brute_force_static_pi needs q > 2 k_F (no principal values)")

    def geom(k, phi):
        kq_cos = k * q * math.cos(phi)
        kq = math.sqrt(k * k + q * q + 2 * kq_cos)
        return kq_cos, kq

    def intra(phi, k):
        kq_cos, kq = geom(k, phi)
        E, E2 = layer.energy(k), layer.energy(kq)
        return k * _overlap_cc(layer, k, kq_cos, E, E2) / (E2 - E)

    # factor: g * 2 (symmetrisation) * 2 (phi in [0, pi] only) / (2 pi)^2
    pref = layer.g * 4 / (4 * math.pi**2)
    val, _ = integrate.dblquad(intra, 0.0, kF, 0.0, math.pi, epsabs=0, epsrel=1e-10)
    total = pref * val
    if isinstance(layer, Dirac):
        A, M = layer.A, layer.M

        def inter(phi, s):           # k = kF / s, dk = kF / s^2 ds
            k = kF / s
            kq_cos, kq = geom(k, phi)
            E, E2 = layer.energy(k), layer.energy(kq)
            F_pm = 0.5 * (1.0 - (A**2 * (k * k + kq_cos) + M**2) / (E * E2))
            return k * F_pm / (E + E2) * kF / s**2

        val2, _ = integrate.dblquad(inter, 1e-9, 1.0, 0.0, math.pi, epsabs=0, epsrel=1e-10)
        total += pref * val2
    return total


# --------------------------------------------------------------------------------------------------
# closed-form T = 0 kernels, transcribed from docs/theory/coulomb-drag.md (§4 Stern, (4.1) at T = 0, (4.2) at T = 0; §5 R; §7 I_H at T = 0)
# --------------------------------------------------------------------------------------------------
def stern_minus_im_chi(layer, q, omega):
    x = q / layer.kF
    nm_ = omega / (q * layer.vF) - x / 2
    np_ = omega / (q * layer.vF) + x / 2
    val = (math.sqrt(1 - nm_**2) if nm_**2 < 1 else 0.0) - (math.sqrt(1 - np_**2) if np_**2 < 1 else 0.0)
    return layer.nu / x * val


def dirac_T0_kernels(layer, q, omega):
    """(-Im chi, I_Gamma) from docs/theory/coulomb-drag.md §4; g = 1."""
    A, M, mu = layer.A, layer.M, layer.mu
    Q, W = A * q, hbar * omega
    D = Q * Q - W * W
    if D <= 0:
        return 0.0, 0.0
    a = Q * math.sqrt(1 + 4 * M * M / D)
    Emin = 0.5 * (a - W)
    E1, E2 = max(Emin, mu - W), mu
    if E1 >= E2:
        return 0.0, 0.0
    u1, u2 = 2 * E1 + W, 2 * E2 + W

    def G(u):
        r = max(u / a, 1.0)
        return 0.5 * u * math.sqrt(max(u * u - a * a, 0.0)) + (0.5 * a * a - Q * Q) * math.acosh(r)

    chi = (G(u2) - G(u1)) / (8 * math.pi * A * A * math.sqrt(D))
    b = math.sqrt(a * a - W * W)

    def H(s):
        return 2 * s - 2 * D / b * math.atan(s / b)

    s1, s2 = math.sqrt(max(u1 * u1 - a * a, 0.0)), math.sqrt(max(u2 * u2 - a * a, 0.0))
    IG = math.sqrt(D) * (H(s2) - H(s1))
    return layer.g * chi, IG


def rectification_T0(layer, q, omega):
    """R = Gamma^par / sigma (docs/theory/coulomb-drag.md §5), T = 0 kernels; units A s / m ... (whatever makes D2 ohm)."""
    if isinstance(layer, Parabolic):
        return 2 * hbar * q * stern_minus_im_chi(layer, q, omega) / (layer.n * e)
    assert layer.g == 1, "reference Dirac rectification written for one cone"
    _, IG = dirac_T0_kernels(layer, q, omega)
    I_sigma = (layer.mu**2 - layer.M**2) / layer.mu
    return hbar * IG / (e * q * layer.A**2 * I_sigma)


def hall_rectification_T0(layer, q, omega, tau):
    """R^H (docs/theory/coulomb-drag.md §5 table) with I_H at T = 0: I_H = Omega_mu 4 pi A^2 (-Im chi); magnitude."""
    chi, _ = dirac_T0_kernels(layer, q, omega)
    mu, A, M = layer.mu, layer.A, layer.M
    Omega_mu = A * A * abs(M) / (2 * mu**3)
    I_H = Omega_mu * 4 * math.pi * A * A * chi
    I_sigma = (mu**2 - M**2) / mu
    return 2 * hbar**2 * q * I_H / (e * tau * A * A * I_sigma)


def static_pi_closed(layer, q):
    """Pi(q, 0) at T = 0 (docs/theory/coulomb-drag.md §4): 2DEG Stern; massive Dirac intra+inter (g = 1)."""
    x = q / layer.kF
    if isinstance(layer, Parabolic):
        return layer.nu if x <= 2 else layer.nu * (1 - math.sqrt(1 - 4 / x**2))
    A, M, mu = layer.A, layer.M, layer.mu
    Q, KF = A * q, A * layer.kF
    if Q <= 2 * KF:
        return layer.g * mu / (2 * math.pi * A * A)
    val = (mu - mu / (2 * Q) * math.sqrt(Q * Q - 4 * KF * KF)
           + (Q * Q - 4 * M * M) / (4 * Q) * math.acos(2 * mu / math.sqrt(Q * Q + 4 * M * M)))
    return layer.g * val / (2 * math.pi * A * A)


def screened_U(active, passive, d, eps_r, q):
    """Static RPA interlayer interaction U(q) (docs/theory/coulomb-drag.md §3), J m^2."""
    V = e**2 / (2 * eps0 * eps_r * q)
    Pa, Pp = static_pi_closed(active, q), static_pi_closed(passive, q)
    ex = math.exp(-q * d)
    return V * ex / ((1 + V * Pa) * (1 + V * Pp) - V * V * ex * ex * Pa * Pp)


# --------------------------------------------------------------------------------------------------
# rho_D^xx (D2) and rho_D^yx (H1) by nested quad in SI variables, T = 0 kernels
# --------------------------------------------------------------------------------------------------
def _q_grid(active, passive, d, T):
    kF2 = 2 * min(active.kF, passive.kF)
    kF2_hi = 2 * max(active.kF, passive.kF)
    q_max = 30.0 / d
    # beyond 2 k_F the T = 0 support reaches only 2 k_F + O(W / hbar v_F); W < 80 k_B T
    tail = kF2_hi + 4 * 80 * k_B * T / (hbar * min(active.vF, passive.vF))
    q_max = min(q_max, tail)
    pts = sorted({p for p in (0.3 / d, 1 / d, 3 / d, 10 / d, kF2, kF2_hi) if 0 < p < q_max})
    return q_max, pts


def _rho_integral(active, passive, d, eps_r, T, weight_fn, epsrel):
    kT = k_B * T
    y_max = 40.0            # y = hbar omega / (2 k_B T); y^2/sinh^2 y < 1e-32 beyond
    q_max, q_pts = _q_grid(active, passive, d, T)

    def inner(q):
        U = screened_U(active, passive, d, eps_r, q)

        def f(y):
            omega = 2 * kT * y / hbar
            return weight_fn(q, omega) / math.sinh(y) ** 2

        # kinks of the kernels inside the thermal window (2DEG: nu_+ = 1; Dirac: W = Q, E_min = mu - W)
        pts = []
        for lay in (active, passive):
            if isinstance(lay, Parabolic):
                edges = (q * lay.vF * abs(1 - q / (2 * lay.kF)), q * lay.vF * (1 + q / (2 * lay.kF)))
            else:
                edges = (lay.A * q,)
            for edge in edges:
                yy = edge / (2 * kT)
                if 0 < yy < y_max:
                    pts.append(yy)
        val, _ = integrate.quad(f, 0.0, y_max, points=sorted(pts) or None, epsabs=0, epsrel=epsrel, limit=200)
        return q * U * U * val * 2 * kT / hbar        # d omega = (2 k_B T / hbar) dy

    val, _ = integrate.quad(inner, 0.0, q_max, points=q_pts, epsabs=0, epsrel=epsrel, limit=400)
    return val / (32 * math.pi**2 * kT)


def rho_xx(active, passive, d, eps_r, T, *, epsrel=1e-7):
    """rho_D^xx (Eq. (2.2)) in ohm with the T = 0 kernels and static RPA, by nested quad."""
    return _rho_integral(active, passive, d, eps_r, T,
                         lambda q, w: rectification_T0(active, q, w) * rectification_T0(passive, q, w), epsrel)


def rho_yx(active, passive, d, eps_r, T, tau, *, epsrel=1e-7):
    """rho_D^yx (Eq. (7.1)) in ohm, sign of docs/theory/coulomb-drag.md §7 (negative for M_p > 0), T = 0 kernels."""
    sign = -math.copysign(1.0, passive.M) if passive.M != 0 else 0.0
    val = _rho_integral(active, passive, d, eps_r, T,
                        lambda q, w: rectification_T0(active, q, w) * hall_rectification_T0(passive, q, w, tau),
                        epsrel)
    return sign * val


# --------------------------------------------------------------------------------------------------
# closed forms and 1-D formulas of docs/theory/coulomb-drag.md §6
# --------------------------------------------------------------------------------------------------
def t2_coefficient(active, passive, d, eps_r, *, cut=1e-9):
    """C2 of docs/theory/coulomb-drag.md §6 (ohm/K^2) by quad; the 2 k_F log is cut at 2 k_F (1 - cut)."""
    kF = min(active.kF, passive.kF)

    def K(layer, q):
        z = (q / (2 * layer.kF)) ** 2
        if isinstance(layer, Parabolic):
            return 1 / math.sqrt(1 - z)
        beta2 = (layer.A * layer.kF / layer.mu) ** 2
        return (1 - z * beta2) / math.sqrt(1 - z)

    def f(q):
        U = screened_U(active, passive, d, eps_r, q)
        return q * active.nu * passive.nu * U * U * K(active, q) * K(passive, q)

    q_hi = 2 * kF * (1 - cut)
    pts = [p for p in (1 / d, 3 / d, 10 / d) if p < q_hi]
    val, _ = integrate.quad(f, 0.0, q_hi, points=pts, epsabs=0, epsrel=1e-11, limit=400)
    pref = (hbar / e**2) * k_B**2 / (6 * (active.n * hbar * active.vF) * (passive.n * hbar * passive.vF))
    return pref * val


def rho_asymptotic(active, passive, d, eps_r, T):
    """Universal Fermi-liquid large-d form, docs/theory/coulomb-drag.md §6 first line (equals the 2DEG form for a 2DEG)."""
    return (ZETA3 * hbar * (k_B * T) ** 2
            / (16 * e**2 * (active.n * hbar * active.vF) * (passive.n * hbar * passive.vF)
               * q_TF(active, eps_r) * q_TF(passive, eps_r) * d**4))


def rho_asymptotic_2deg(active, passive, d, eps_r, T):
    """docs/theory/coulomb-drag.md §6: (hbar/e^2)(pi^2 zeta3/16)(k_B T)^2/(E_Fa E_Fp k_Fa d k_Fp d q_TFa d q_TFp d)."""
    return (hbar / e**2) * (math.pi**2 * ZETA3 / 16) * (k_B * T) ** 2 / (
        active.mu * passive.mu * active.kF * d * passive.kF * d * q_TF(active, eps_r) * d * q_TF(passive, eps_r) * d)


def rho_asymptotic_dirac(active, passive, d, eps_r, T):
    """docs/theory/coulomb-drag.md §6 second line, one cone per layer: (hbar/e^2) pi^2 zeta3 (k_BT)^2/(E_ca E_cp (k_Fa d)^2 (k_Fp d)^2)."""
    Eca = e**2 * active.kF / (4 * math.pi * eps0 * eps_r)
    Ecp = e**2 * passive.kF / (4 * math.pi * eps0 * eps_r)
    return (hbar / e**2) * math.pi**2 * ZETA3 * (k_B * T) ** 2 / (
        Eca * Ecp * (active.kF * d) ** 2 * (passive.kF * d) ** 2)


def large_d_correction_constant():
    """C of docs/theory/coulomb-drag.md §6: rho/rho_asym ~ 1 - C/(q_TF d); C = 4 int x^4/(sinh^2 x (1-e^-2x)) / int x^3/sinh^2 x."""
    num, _ = integrate.quad(lambda x: x**4 / (math.sinh(x) ** 2 * -math.expm1(-2 * x)), 0, 60, epsrel=1e-12)
    den, _ = integrate.quad(lambda x: x**3 / math.sinh(x) ** 2, 0, 60, epsrel=1e-12)
    return 4 * num / den


def weak_screening_J(c):
    """J(c) = int_0^inf x e^{-2x}/(x+c)^2 dx (docs/theory/coulomb-drag.md §6)."""
    val, _ = integrate.quad(lambda x: x * math.exp(-2 * x) / (x + c) ** 2, 0, np.inf, points=None,
                            epsabs=0, epsrel=1e-12, limit=200)
    return val


def rho_weak_screening(active, passive, d, eps_r, T):
    """docs/theory/coulomb-drag.md §6: (hbar/e^2)(k_BT)^2 q_a q_p J((q_a+q_p)d)/(6 (n_a hbar v_a)(n_p hbar v_p))."""
    qa, qp = q_TF(active, eps_r), q_TF(passive, eps_r)
    return (hbar / e**2) * (k_B * T) ** 2 * qa * qp * weak_screening_J((qa + qp) * d) / (
        6 * (active.n * hbar * active.vF) * (passive.n * hbar * passive.vF))


# --------------------------------------------------------------------------------------------------
# parameter sets used by the self-check
# --------------------------------------------------------------------------------------------------
A_PAPER = 4.1 * _c.eV * 1e-10     # 4.1 eV A in J m
N_PAPER = 1e12 * 1e4


def paper_layer(M_meV=10.0, n=N_PAPER):
    return Dirac(n=n, A=A_PAPER, M=M_meV * meV)


def gaas_layer():
    return Parabolic(n=1.5e11 * 1e4, m_eff=0.067, g=2)


def self_check():
    """Print the reference against the tabulated values of an earlier independent calculation (docs/theory/coulomb-drag.md §4, §6, §7)."""
    import time
    t0 = time.perf_counter()
    L = paper_layer()
    print("C_large_d =", large_d_correction_constant(), "(reference 7.60)")
    for d_nm, target in ((10, 4.627e-5), (20, 1.1603e-5), (40, 2.0974e-6)):
        print(f"C2 d={d_nm} nm:", t2_coefficient(L, L, d_nm * nm, 20.0), "reference", target)
    for c, Jt in ((0.04, 1.371), (0.02, 1.902), (0.01, 2.491)):
        print("J", c, weak_screening_J(c), Jt)
    # static Pi (docs/theory/coulomb-drag.md §6)
    L40 = Dirac(n=(0.5e9) ** 2 / (4 * math.pi), A=A_PAPER, M=40 * meV)
    for x, t in ((2.2, 1.0127), (3, 1.2292), (5, 1.9470)):
        q = x * L40.kF
        print("Pi/nu", x, brute_force_static_pi(L40, q) / L40.nu, static_pi_closed(L40, q) / L40.nu, t)
    # kernels (docs/theory/coulomb-drag.md §6)
    L30 = Dirac(n=(0.5e9) ** 2 / (4 * math.pi), A=A_PAPER, M=30 * meV)
    for x, r in ((0.2, 0.3), (0.6, 0.5), (1.4, 0.2), (0.1, 0.8)):
        q = x * L30.kF
        w = r * L30.A * q / hbar
        chi0, IG0 = dirac_T0_kernels(L30, q, w)
        print("(4.1) at T = 0/brute", x, r, chi0 / brute_force_kernel(L30, q, w), IG0 / brute_force_kernel(L30, q, w, weight="gamma"))
    t1 = time.perf_counter()
    for d_nm, T, target in ((10, 0.5, 1.1565e-5), (20, 1.0, 1.1584e-5), (40, 5.0, 5.0110e-5)):
        r = rho_xx(L, L, d_nm * nm, 20.0, T)
        ry = rho_yx(L, L, d_nm * nm, 20.0, T, 0.1e-12)
        print(f"rho_xx d={d_nm} T={T}: {r:.5e} reference {target:.5e}  ratio {r/target:.5f}  yx/xx {ry/r:.5e}")
    G = gaas_layer()
    for T, target in ((1.0, 3.750e-5),):
        r = rho_xx(G, G, 80 * nm, 12.9, T)
        print("GaAs 80 nm (reference value uses finite-T kernels; T = 0 kernels differ by ~kT/E_F)", T, r, target, r / target, "asym", rho_asymptotic(G, G, 80 * nm, 12.9, T),
              rho_asymptotic_2deg(G, G, 80 * nm, 12.9, T))
    print("rho time", time.perf_counter() - t1, "total", time.perf_counter() - t0)


if __name__ == "__main__":
    self_check()
