"""Physics tests of dragbook.dynamic_rpa (docs/theory/coulomb-drag.md §3, §4, §8): dynamic RPA screening.

Expected values are closed forms written here from the theory page or the textbooks (Stern's T = 0 response, the
thermal Thomas-Fermi compressibility, the f-sum rule, Kramers-Kronig, the small-q plasmon dispersions), an
independent k-space Lindhard integral (angular integral exact, radial integral by scipy.integrate.quad, its
own mu(T)), a nested adaptive scipy.integrate.quad of the drag integral, and limits (dynamic -> static at
T << T_F; the plasmon enhancement of Flensberg & Hu, PRB 52, 14796 (1995), at T ~ 0.2-0.5 T_F). No number
produced by dragbook is pasted back.
"""

import functools
import math

import numpy as np
import pytest
from scipy import constants as c
from scipy import integrate
from scipy.special import expit

import reference_dirac_chi as ref_dirac
from conftest import GAAS
from dragbook import drag, dynamic_rpa, units

hbar, e, k_B, eps0, m_e = c.hbar, c.e, c.k, c.epsilon_0, c.m_e
pytestmark = pytest.mark.filterwarnings("ignore::scipy.integrate.IntegrationWarning")   # references at epsrel 1e-11
D_FH = 37.5e-9        # Flensberg & Hu's (and Gramila et al.'s) GaAs bilayer: 200 A wells, 375 A apart

# --- tolerances of this module, each with the reason for its size --- #
TOL_ALGEBRA = 1e-12       # the same T = 0 closed form written two ways (round-off only)
TOL_QUAD = 1e-7           # adaptive scipy quadratures (f-sum, Kramers-Kronig, Lindhard) converged to ~1e-9,
                          # the Maldague integral to ~1e-9 (8 nodes vs 32 differ by 1e-9)
TOL_DRAG_KERNEL = 1e-6    # drag.py's finite-T -Im chi uses 6 Gauss nodes per thermal panel (~1e-7)
TOL_SOMMERFELD = 2e-4     # Maldague at T = 0.005 T_F vs T = 0: corrections O((T/T_F)^2) away from the edges
TOL_PLASMON = 1e-3        # small-q plasmon laws at q d = 1e-3: corrections O(qd/2) and O(q/q_TF)
TOL_REFERENCE = 1e-5      # fixed-grid drag (self-converged ~1e-7) vs nested adaptive quad at epsrel 1e-6
# low-T dynamic vs static drag: the leading dynamic correction is ~2<(omega/q v_F)^2> ~ 8 <y^2>
# (k_BT d/hbar v_F)^2 ln(...) ~ 2e-3 at 0.2 K for the Flensberg-Hu bilayer (hbar v_F/(k_B d) = 34 K)
TOL_LOW_T = 5e-3
# Flensberg-Hu's d^-3 is the plasmon-dominated law; the particle-hole part (d^-4) and q d ~ 1 corrections remain
TOL_D_EXPONENT = 0.3


@functools.cache
def gaas_layer(n=GAAS.n):
    return drag.ParabolicLayer(n, GAAS.m_eff, g=GAAS.g)


def gaas_bilayer(d=D_FH, n_a=GAAS.n, n_p=GAAS.n):
    return drag.Bilayer(gaas_layer(n_a), gaas_layer(n_p), d, GAAS.eps_r)


def fermi_data(layer):
    m = layer.m_eff * m_e
    kF = math.sqrt(4 * math.pi * layer.density / layer.g)
    EF = (hbar * kF) ** 2 / (2 * m)
    nu = layer.g * m / (2 * math.pi * hbar**2)
    return m, kF, EF, hbar * kF / m, nu


def mu_of_T(layer, T):
    """docs/theory/coulomb-drag.md §4: mu = E_F + k_BT ln(1 - exp(-E_F/k_BT)) at fixed density (2DEG)."""
    EF = fermi_data(layer)[2]
    return EF + k_B * T * math.log(-math.expm1(-EF / (k_B * T)))


def stern_spec(layer, q, omega):
    """docs/theory/coulomb-drag.md §4 as printed (nu_-+ = omega/(q v_F) -+ q/2k_F), omega > 0."""
    m, kF, EF, vF, nu = fermi_data(layer)
    x = q / kF
    nm, np_ = omega / (q * vF) - x / 2, omega / (q * vF) + x / 2
    root = lambda v: math.sqrt(max(1 - v * v, 0.0))
    outer = lambda v: math.copysign(math.sqrt(v * v - 1), v) if v * v > 1 else 0.0
    im = -(nu / x) * (root(nm) - root(np_))
    re = -nu * (1 - (outer(np_) - outer(nm)) / x)
    return complex(re, im)


def lindhard_k_space(layer, q, omega, T):
    """Independent finite-T Lindhard response: g int d^2k/(2pi)^2 f_k [1/(hw + e_k - e_k+q + i0)
    + 1/(-hw + e_k - e_k-q - i0)], angular integral exact (2 pi sgn A/sqrt(A^2 - B^2) or -+2 pi i/sqrt(B^2 - A^2)),
    radial integral by quad split at the square-root points |A| = B."""
    m, kF, EF, vF, nu = fermi_data(layer)
    cc = hbar**2 / (2 * m)
    mu, kT = mu_of_T(layer, T), k_B * T
    A1, A2 = hbar * omega - cc * q * q, -hbar * omega - cc * q * q

    def ang(A, B, sign):              # sign = +1 for +i0, -1 for -i0
        if abs(A) > B:
            return complex(2 * math.pi * math.copysign(1.0, A) / math.sqrt(A * A - B * B), 0.0)
        return complex(0.0, -sign * 2 * math.pi / math.sqrt(B * B - A * A))

    def integrand(k, part):
        B = 2 * cc * k * q
        val = k * expit(-(cc * k * k - mu) / kT) * (ang(A1, B, 1) + ang(A2, B, -1))
        return val.real if part == 0 else val.imag

    k_max = math.sqrt((max(mu, 0) + 60 * kT) / cc)
    cuts = sorted({0.0, k_max} | {abs(A) / (2 * cc * q) for A in (A1, A2) if abs(A) / (2 * cc * q) < k_max})
    total = [0.0, 0.0]
    for part in (0, 1):
        for a, b in zip(cuts[:-1], cuts[1:]):
            total[part] += integrate.quad(integrand, a, b, args=(part,), epsabs=0, epsrel=1e-11, limit=200)[0]
    return layer.g / (4 * math.pi**2) * complex(*total)


POINTS = [(0.5, 0.3), (1.0, 1.2), (2.5, 0.5), (0.3, 1.5), (1.5, 2.0)]    # (q/k_F, omega/(q v_F))


# ============================== chi: T = 0 ============================== #

@pytest.mark.parametrize("x, s", POINTS + [(0.2, 5.0), (3.0, 0.2), (1.99, 0.01)])
def test_zero_T_chi_is_the_spec_stern_closed_form(x, s):
    layer = gaas_layer()
    m, kF, EF, vF, nu = fermi_data(layer)
    q, w = x * kF, s * x * kF * vF
    got = dynamic_rpa.density_response(layer, q, w, 0.0)
    want = stern_spec(layer, q, w)
    assert abs(got - want) <= TOL_ALGEBRA * nu
    assert dynamic_rpa.density_response(layer, q, -w, 0.0) == pytest.approx(got.conjugate(), rel=1e-15)


@pytest.mark.parametrize("x", [0.1, 1.0, 1.9, 2.2, 3.0, 5.0])
def test_static_limit_is_thomas_fermi_below_2kF_and_drag_static_polarization_above(x):
    layer = gaas_layer()
    m, kF, EF, vF, nu = fermi_data(layer)
    chi = dynamic_rpa.density_response(layer, x * kF, 0.0, 0.0)
    assert chi.imag == 0.0
    assert -chi.real == pytest.approx(layer.static_polarization(x * kF), rel=TOL_ALGEBRA, abs=0)
    if x <= 2:
        assert -chi.real == pytest.approx(nu, rel=TOL_ALGEBRA, abs=0)      # Thomas-Fermi, docs/theory/coulomb-drag.md §3


@pytest.mark.parametrize("T_over_TF", [0.1, 0.3, 1.0])
def test_finite_T_static_long_wavelength_limit_is_thermal_compressibility(T_over_TF):
    """Pi(q -> 0, 0; T) = dn/dmu = nu/(1 + exp(-mu/k_BT)) at fixed density (n = nu k_BT ln(1 + e^{mu/k_BT}))."""
    layer = gaas_layer()
    m, kF, EF, vF, nu = fermi_data(layer)
    T = T_over_TF * EF / k_B
    chi = dynamic_rpa.density_response(layer, 1e-3 * kF, 0.0, T)
    assert -chi.real == pytest.approx(nu / (1 + math.exp(-mu_of_T(layer, T) / (k_B * T))), rel=TOL_QUAD, abs=0)


# ============================== sum rules and causality ============================== #

def _edges(layer, q):
    m, kF, EF, vF, nu = fermi_data(layer)
    x = q / kF
    return [abs(1 - x / 2) * q * vF, (1 + x / 2) * q * vF]     # nu_+ = 1 (or nu_- = -1) and nu_- = 1


def _omega_top(layer, q, T):
    """Where Im chi is zero (T = 0) or below e^-60 of its bulk (E_- = mu + 60 k_BT)."""
    m, kF, EF, vF, nu = fermi_data(layer)
    if T == 0:
        return _edges(layer, q)[1]
    kappa = math.sqrt(2 * m * (mu_of_T(layer, T) + 60 * k_B * T)) / hbar
    return (kappa + q / 2) * hbar * q / m


def _im_chi(layer, q, T):
    return lambda w: dynamic_rpa.density_response(layer, q, w, T).imag


@pytest.mark.parametrize("T_over_TF", [0.0, 0.3])
@pytest.mark.parametrize("x", [0.5, 1.5, 3.0])
def test_f_sum_rule(x, T_over_TF):
    """int_0^inf d omega omega Im chi(q, omega) = -pi n q^2/(2m) at any T (particle conservation)."""
    layer = gaas_layer()
    m, kF, EF, vF, nu = fermi_data(layer)
    q, T = x * kF, T_over_TF * EF / k_B
    im = _im_chi(layer, q, T)
    top = _omega_top(layer, q, T)
    val = integrate.quad(lambda w: w * im(w), 0, top, points=[p for p in _edges(layer, q) if p < top],
                         epsabs=0, epsrel=1e-11, limit=400)[0]
    assert val == pytest.approx(-math.pi * layer.density * q**2 / (2 * m), rel=TOL_QUAD, abs=0)


def _kramers_kronig_re(layer, q, omega, T):
    """Re chi(omega) = (1/pi)[P int_0^W Im chi(w')/(w' - omega) dw' + int_0^W Im chi(w')/(w' + omega) dw']
    (Im chi odd), principal value by QUADPACK's Cauchy weight on the panel holding omega."""
    im = _im_chi(layer, q, T)
    top = _omega_top(layer, q, T)
    cuts = sorted({0.0, top} | {p for p in _edges(layer, q) if p < top})
    total = integrate.quad(lambda w: im(w) / (w + omega), 0, top, points=cuts[1:-1], epsabs=0, epsrel=1e-11,
                           limit=400)[0]
    for a, b in zip(cuts[:-1], cuts[1:]):
        if a < omega < b:
            total += integrate.quad(im, a, b, weight="cauchy", wvar=omega, epsabs=0, epsrel=1e-11, limit=400)[0]
        else:
            total += integrate.quad(lambda w: im(w) / (w - omega), a, b, epsabs=0, epsrel=1e-11, limit=400)[0]
    return total / math.pi


@pytest.mark.parametrize("T_over_TF", [0.0, 0.3])
@pytest.mark.parametrize("x, s", [(0.5, 0.3), (0.5, 1.7), (1.5, 0.6), (0.3, 4.0), (2.5, 0.4)])
def test_re_chi_is_kramers_kronig_transform_of_im_chi(x, s, T_over_TF):
    layer = gaas_layer()
    m, kF, EF, vF, nu = fermi_data(layer)
    q, T = x * kF, T_over_TF * EF / k_B
    omega = s * q * vF
    got = dynamic_rpa.density_response(layer, q, omega, T).real
    assert got == pytest.approx(_kramers_kronig_re(layer, q, omega, T), abs=TOL_QUAD * nu)


@pytest.mark.parametrize("T_over_TF", [0.0, 0.3])
def test_compressibility_sum_rule(T_over_TF):
    """Re chi(q, 0) = (2/pi) int_0^inf Im chi(q, w)/w dw (Kramers-Kronig at omega = 0)."""
    layer = gaas_layer()
    m, kF, EF, vF, nu = fermi_data(layer)
    q, T = 0.7 * kF, T_over_TF * EF / k_B
    im = _im_chi(layer, q, T)
    top = _omega_top(layer, q, T)
    val = 2 / math.pi * integrate.quad(lambda w: im(w) / w, 0, top, points=[p for p in _edges(layer, q) if p < top],
                                       epsabs=0, epsrel=1e-11, limit=400)[0]
    assert dynamic_rpa.density_response(layer, q, 0.0, T).real == pytest.approx(val, abs=TOL_QUAD * nu)


# ============================== chi: finite T ============================== #

@pytest.mark.parametrize("T_over_TF", [0.05, 0.3, 1.0])
@pytest.mark.parametrize("x, s", POINTS)
def test_finite_T_chi_equals_k_space_lindhard_integral(x, s, T_over_TF):
    layer = gaas_layer()
    m, kF, EF, vF, nu = fermi_data(layer)
    q, T = x * kF, T_over_TF * EF / k_B
    omega = s * q * vF
    got = dynamic_rpa.density_response(layer, q, omega, T)
    want = lindhard_k_space(layer, q, omega, T)
    assert abs(got - want) <= TOL_QUAD * nu


@pytest.mark.parametrize("T_over_TF", [0.05, 0.3])
def test_finite_T_im_chi_equals_drag_finite_T_kernel(T_over_TF):
    """Maldague's Im chi equals drag.py's independent finite-T -Im chi (docs/theory/coulomb-drag.md §4, E = E_0 + t^2 integral)."""
    layer = gaas_layer()
    m, kF, EF, vF, nu = fermi_data(layer)
    T = T_over_TF * EF / k_B
    x, s = np.array(POINTS).T
    q, w = x * kF, s * x * kF * vF
    got = dynamic_rpa.density_response(layer, q, w, T).imag
    np.testing.assert_allclose(-got, layer.minus_im_chi(q, w, T), rtol=0, atol=TOL_DRAG_KERNEL * nu)


@pytest.mark.parametrize("x, s", [(0.5, 0.3), (1.0, 1.2), (2.5, 0.5), (0.3, 3.0)])
def test_low_T_chi_tends_to_zero_T_closed_form(x, s):
    layer = gaas_layer()
    m, kF, EF, vF, nu = fermi_data(layer)
    q, w = x * kF, s * x * kF * vF
    cold = dynamic_rpa.density_response(layer, q, w, 0.005 * EF / k_B)
    assert abs(cold - stern_spec(layer, q, w)) <= TOL_SOMMERFELD * nu


# ============================== screening and plasmons ============================== #

def test_screened_interaction_static_limit_and_symmetry():
    """U(q, 0; T = 0) is the static-RPA U of docs/theory/coulomb-drag.md §3 (Thomas-Fermi for q < 2k_F); U(-omega) = U(omega)*."""
    b = gaas_bilayer(n_p=2 * GAAS.n)
    q = 0.3 * b.active.k_F
    V = e**2 / (2 * eps0 * GAAS.eps_r * q)
    qa, qp = b.active.q_TF(GAAS.eps_r), b.passive.q_TF(GAAS.eps_r)
    eps = (1 + qa / q) * (1 + qp / q) - math.exp(-2 * q * b.d) * qa * qp / q**2
    assert dynamic_rpa.screened_interaction(b, q, 0.0, 0.0) == pytest.approx(V * math.exp(-q * b.d) / eps,
                                                                               rel=TOL_ALGEBRA, abs=0)
    w = 0.4 * q * b.active.v_F
    u = dynamic_rpa.screened_interaction(b, q, w, 5.0)
    assert dynamic_rpa.screened_interaction(b, q, -w, 5.0) == pytest.approx(u.conjugate(), rel=1e-15, abs=0)
    assert abs(u) < abs(dynamic_rpa.screened_interaction(b, q, 0.0, 5.0))     # Landau damping weakens U


@pytest.mark.parametrize("s", [0.3, 0.9, 1.6, 3.0])
def test_screened_interaction_at_finite_omega_is_the_rpa_formula_with_complex_pi(s):
    """docs/theory/coulomb-drag.md §3 assembled here from the module's (independently tested) chi of each layer: U = V e^{-qd}/eps,
    eps = (1 + V Pi_a)(1 + V Pi_p) - V^2 e^{-2qd} Pi_a Pi_p, Pi_l = -chi_l complex (unequal layers, 0.3 T_F,
    inside and above the continuum): checks the signs of Im Pi and the cross term at omega != 0."""
    b = gaas_bilayer(n_p=2 * GAAS.n)
    m, kF, EF, vF, nu = fermi_data(b.active)
    T, q = 0.3 * EF / k_B, 0.5 * kF
    w = s * q * vF
    pa = -dynamic_rpa.density_response(b.active, q, w, T)
    pp = -dynamic_rpa.density_response(b.passive, q, w, T)
    V = e**2 / (2 * eps0 * GAAS.eps_r * q)
    eps = (1 + V * pa) * (1 + V * pp) - V**2 * math.exp(-2 * q * b.d) * pa * pp
    assert dynamic_rpa.screened_interaction(b, q, w, T) == pytest.approx(V * math.exp(-q * b.d) / eps,
                                                                           rel=TOL_ALGEBRA, abs=0)


def test_zero_T_plasmons_follow_the_small_q_bilayer_laws():
    """q d = 1e-3: acoustic omega_- = v_F q (1 + q_TF d)/sqrt(1 + 2 q_TF d) (Stern Re chi, V(1 - e^-qd) -> e^2 d/2eps);
    optical omega_+^2 = e^2 n q (1 + e^-qd)/(2 eps0 eps_r m) (Re chi -> n q^2/m omega^2)."""
    b = gaas_bilayer()
    m, kF, EF, vF, nu = fermi_data(b.active)
    q, d = 1e-3 / D_FH, D_FH
    q_tf = e**2 * nu / (2 * eps0 * GAAS.eps_r)
    roots = dynamic_rpa.plasmon_frequencies(b, q, 0.0)
    assert roots.size == 2
    acoustic = vF * q * (1 + q_tf * d) / math.sqrt(1 + 2 * q_tf * d)
    optical = math.sqrt(e**2 * b.active.density * q * (1 + math.exp(-q * d)) / (2 * eps0 * GAAS.eps_r * m))
    assert roots[0] == pytest.approx(acoustic, rel=TOL_PLASMON)
    assert roots[1] == pytest.approx(optical, rel=TOL_PLASMON)
    for w in roots:                                           # true poles at T = 0: eps = 0, U diverges
        assert abs(dynamic_rpa.screened_interaction(b, q, w * (1 + 1e-9), 0.0)) > 1e6 * abs(
            dynamic_rpa.screened_interaction(b, q, 0.0, 0.0))


# ============================== drag ============================== #

def _reference_rho_dynamic(b, T, epsrel):
    """Nested adaptive quad of the dynamic (D2) integrand, rho = (hbar/e^2)(alpha_0^2/4) int dx int dy f(x, y)
    (x = q/k_F, y = hbar omega/2k_BT, alpha_0 = e^2/(4 pi eps0 eps_r hbar v_F)): y inner on [0, 20]
    (y^2/sinh^2 y < 1e-14 beyond) with the plasmon roots (plasmon_frequencies) and the T = 0 continuum edges
    as break points, x outer to 40/(k_F d) (e^-80). The integrand is the module's scalar kernel, called
    directly (the public drag_integrand, checked against it here, costs 0.3 ms a call in argument handling)."""
    m, kF, EF, vF, nu = fermi_data(b.active)
    la, lp, t, same, g0, dd, k0, e0 = dynamic_rpa._bilayer_vectors(b, T)
    buf = np.empty(dynamic_rpa._MALDAGUE_OFFSETS.size + 4 * dynamic_rpa._EDGE_LEVELS + 4)
    f = lambda y, x: dynamic_rpa._dynamic_integrand_point(x, y, t, la, lp, same, g0, dd, dynamic_rpa._GM,
                                                          dynamic_rpa._WM, dynamic_rpa._MALDAGUE_OFFSETS, buf)
    alpha0 = e**2 / (4 * math.pi * eps0 * b.eps_r * hbar * vF)
    pref = hbar / e**2 * alpha0**2 / 4
    jac = kF * 2 * k_B * T / hbar                                  # dq d omega = jac dx dy
    q, w = 0.4 * kF, 1.3 * 2 * k_B * T / hbar
    assert dynamic_rpa.drag_integrand(b, T, q, w) == pytest.approx(pref / jac * f(1.3, 0.4), rel=1e-12, abs=0)
    y_of = 1 / (2 * k_B * T)

    def inner(x):
        q = x * kF
        pts = list(dynamic_rpa.plasmon_frequencies(b, q, T, omega_max=20 / (y_of * hbar), n_scan=100))
        pts = sorted(p * hbar * y_of for p in pts + _edges(b.active, q) if 0 < p * hbar * y_of < 20)
        return integrate.quad(f, 0, 20, args=(x,), points=pts, epsabs=0, epsrel=0.1 * epsrel, limit=400)[0]

    return pref * integrate.quad(inner, 0, 40 / (kF * b.d), points=[2.0], epsabs=0, epsrel=epsrel, limit=200)[0]


@pytest.mark.parametrize("T_over_TF", [0.1, 0.3, 0.5])
def test_dynamic_drag_quadrature_matches_scipy_reference(T_over_TF):
    """Fixed panels with plasmon refinement vs adaptive quad: continuum (0.1 T_F) and plasmon (0.3, 0.5 T_F) regimes."""
    b = gaas_bilayer()
    T = T_over_TF * fermi_data(b.active)[2] / k_B
    assert drag.rho_drag(b, T, screening="dynamic") == pytest.approx(_reference_rho_dynamic(b, T, 1e-6),
                                                                     rel=TOL_REFERENCE, abs=0)


def test_dynamic_equals_static_drag_at_low_T_with_T2_correction():
    b = gaas_bilayer()
    T = np.array([0.1, 0.2])
    dyn = drag.rho_drag(b, T, screening="dynamic")
    stat = drag.rho_drag(b, T, screening="static", kernel="exact")
    dev = 1 - dyn / stat
    assert np.all(np.abs(dev) < TOL_LOW_T)
    assert np.all(dev > 0)                    # Im Pi only adds to |eps|: Landau damping weakens |U|^2
    # leading correction ~ (k_BT d/hbar v_F)^2 up to a logarithm: local exponent between 1.5 and 2
    assert 1.5 < math.log(dev[1] / dev[0]) / math.log(2) <= 2.0
    assert drag.rho_drag(b, 0.2) == pytest.approx(dyn[1], rel=TOL_LOW_T, abs=0)    # default path (fast kernel)


def test_plasmon_enhancement_of_drag_at_a_fraction_of_T_F():
    """Flensberg & Hu (PRL 73, 3572; PRB 52, 14796): thermally excited plasmons enhance the drag over static
    screening from T ~ 0.2 T_F, growing toward T_F/2 (their GaAs bilayer, d = 375 A)."""
    b = gaas_bilayer()
    TF = fermi_data(b.active)[2] / k_B
    T = np.array([0.1, 0.3, 0.4, 0.5]) * TF
    ratio = drag.rho_drag(b, T, screening="dynamic") / drag.rho_drag(b, T, screening="static")
    # below the plasmon regime Landau damping (Im Pi) only adds to |eps|: dynamic < static (measured 0.70)
    assert ratio[0] < 1
    # plasmon regime: measured 1.9, 4.2, 7.4; the floor 1.5 separates it clearly from the damping regime
    assert np.all(ratio[1:] > 1.5)
    assert np.all(np.diff(ratio) > 0)


def test_scaled_drag_rate_has_plasmon_upturn_and_peak_below_T_F():
    """Flensberg & Hu: rho_D/T^2 (their scaled drag rate) turns up sharply at T ~ 0.2 T_F (acoustic plasmon) and
    peaks near T_F/2; with static screening it only decreases there. Broad windows: their layers have 200 A
    wells (form factors), ours zero thickness."""
    b = gaas_bilayer()
    TF = fermi_data(b.active)[2] / k_B
    tt = np.array([0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.65, 0.8, 1.0])
    scaled = drag.rho_drag(b, tt * TF, screening="dynamic") / tt**2
    assert 0.05 < tt[np.argmin(scaled)] < 0.2
    assert 0.4 < tt[np.argmax(scaled)] < 0.9
    static = drag.rho_drag(b, tt[3:] * TF, kernel="exact") / tt[3:] ** 2
    assert np.all(np.diff(static) < 0)


def test_plasmon_dominated_drag_falls_as_d_to_minus_3():
    """Flensberg & Hu: plasmon-dominated drag ~ d^-3, against ~ d^-4 from the static particle-hole continuum
    (docs/theory/coulomb-drag.md §6)."""
    layer = gaas_layer()
    T = 0.5 * fermi_data(layer)[2] / k_B
    d1, d2 = D_FH, 50e-9
    rho = [drag.rho_drag(drag.Bilayer(layer, layer, d, GAAS.eps_r), T, screening="dynamic") for d in (d1, d2)]
    static = [drag.rho_drag(drag.Bilayer(layer, layer, d, GAAS.eps_r), T, kernel="exact") for d in (d1, d2)]
    slope = lambda r: math.log(r[1] / r[0]) / math.log(d2 / d1)
    assert slope(rho) == pytest.approx(-3.0, abs=TOL_D_EXPONENT)
    assert slope(static) < -3.0 - 2 * TOL_D_EXPONENT


def test_plasmon_pole_dominates_the_dynamic_integrand():
    """At T = 0.4 T_F the dynamic integrand at the (finite-T) acoustic plasmon exceeds the statically screened
    one by far: the enhancement comes from the poles of U, not from the continuum."""
    b = gaas_bilayer()
    kF, EF, vF = b.active.k_F, fermi_data(b.active)[2], b.active.v_F
    T = 0.4 * EF / k_B
    q = 0.3 * kF
    wp = dynamic_rpa.plasmon_frequencies(b, q, T, omega_max=40 * k_B * T / hbar)
    assert wp.size >= 1
    w = np.linspace(0.9, 1.1, 201)[:, None] * wp[None, :]
    dyn = dynamic_rpa.drag_integrand(b, T, q, w).max()
    assert dyn > 5 * drag.drag_integrand(b, T, q, w).max()


def test_dynamic_drag_is_symmetric_under_layer_exchange():
    a, p = gaas_layer(GAAS.n), gaas_layer(2 * GAAS.n)
    T = np.array([3.0, 20.0])
    ab = drag.rho_drag(drag.Bilayer(a, p, D_FH, GAAS.eps_r), T, screening="dynamic")
    ba = drag.rho_drag(drag.Bilayer(p, a, D_FH, GAAS.eps_r), T, screening="dynamic")
    np.testing.assert_allclose(ab, ba, rtol=1e-6)      # same physics, reductions with different k_0: quadrature


def test_dynamic_drag_returns_the_shape_of_T():
    b = gaas_bilayer()
    assert isinstance(drag.rho_drag(b, 5.0, screening="dynamic"), float)
    assert drag.rho_drag(b, np.array([[1.0, 5.0]]), screening="dynamic").shape == (1, 2)


# ============================== massive Dirac layers ============================== #
# One cone of H = A sigma.(k x z) + M sigma_z (g cones multiply), conduction band doped, valence band full,
# holes neglected (docs/theory/coulomb-drag.md §4). References in tests/reference_dirac_chi.py (k-space Lindhard Im chi, the
# undoped interband absorption, Hwang & Das Sarma's graphene chi, the reference's static Pi).

A_GR = hbar * 1e6             # graphene-like Dirac velocity 1e6 m/s
N_GR = 1e11 * units.per_cm2   # 1e11 cm^-2: A k_F = 37 meV for g = 4
TOL_DIRAC_QUAD = 1e-8         # the energy integral of the Fermi-circle response (1/sqrt edges mapped away, 8 nodes
                              # per half panel) vs closed forms / k-space quad at epsrel 1e-11: measured ~1e-10
TOL_DRAG_DIRAC = 3e-6         # drag.py's finite-T Dirac -Im chi (6 Gauss nodes per thermal panel, ~1e-6)
TOL_KK_DIRAC = 1e-6           # QUADPACK's principal value over the Dirac Im chi (interband steps, thermally smoothed
                              # edges, the 1/omega tail): its own error estimates reach ~1e-7 nu at 0.3 T_F
# graphene at 4 K, d = 20 nm: 8 <y^2> (k_BT d/hbar v_F)^2 ln(...) ~ 13 * 1.1e-4 * ln ~ 6e-3
TOL_LOW_T_DIRAC = 1e-2
TOL_HEAVY = 3e-3              # heavy-mass limit: corrections O((mu - M)/M) = 1e-3 and O(Q^2/(M mu)) (interband)


def dirac_layer(M_over_AkF=0.0, n=N_GR, g=4):
    kF = math.sqrt(4 * math.pi * n / g)
    return drag.DiracLayer(n, A_GR, M_over_AkF * A_GR * kF, g=g)


def dirac_T(layer, T_over_TF):
    """T with T_F measured from the band edge, (mu - |M|)/k_B."""
    return T_over_TF * (layer.mu - abs(layer.M)) / k_B


def _dirac_args(layer, T):
    mu = layer.mu if T == 0 else layer.chemical_potential(T)
    return A_GR, abs(layer.M), layer.g, mu, T


# (q/k_F, W/mu): intraband only; intra + Pauli-blocked interband; interband only; q > 2k_F
DIRAC_POINTS = [(0.5, 0.3), (0.5, 1.6), (1.0, 1.8), (0.3, 2.5), (2.5, 2.0), (1.0, 3.5)]


@pytest.mark.parametrize("T_over_TF", [0.0, 0.3])
@pytest.mark.parametrize("M_over_AkF", [0.0, 0.5])
def test_dirac_im_chi_equals_k_space_lindhard_sum(M_over_AkF, T_over_TF):
    """Im chi, intra- and interband, equals the k-space Lindhard sum (independent variables and quadrature)."""
    layer = dirac_layer(M_over_AkF)
    T = dirac_T(layer, T_over_TF)
    for x, s in DIRAC_POINTS:
        q, W = x * layer.k_F, s * layer.mu
        got = dynamic_rpa.density_response(layer, q, W / hbar, T).imag
        assert got == pytest.approx(ref_dirac.im_chi_k_space(*_dirac_args(layer, T), q, W),
                                    abs=TOL_DIRAC_QUAD * layer.dos)


@pytest.mark.parametrize("T_over_TF", [0.0, 0.05, 0.3])
@pytest.mark.parametrize("M_over_AkF", [0.0, 0.5, 2.0])
def test_dirac_im_chi_below_interband_threshold_is_drag_intraband_kernel(M_over_AkF, T_over_TF):
    """Where W < sqrt(Q^2 + 4M^2) only intraband absorption exists: Im chi = -drag's ((4.1) at T = 0)/(K1) -Im chi."""
    layer = dirac_layer(M_over_AkF)
    T = dirac_T(layer, T_over_TF)
    x = np.array([0.2, 0.7, 1.5, 1.99, 2.3, 3.0])
    s = np.array([0.5, 0.9, 0.3, 0.05, 0.95, 0.7])               # W/Q
    q = x * layer.k_F
    W = s * A_GR * q
    assert np.all(W**2 < (A_GR * q) ** 2 + 4 * layer.M**2)
    got = -dynamic_rpa.density_response(layer, q, W / hbar, T).imag
    tol = (TOL_DIRAC_QUAD if T == 0 else TOL_DRAG_DIRAC) * layer.dos
    np.testing.assert_allclose(got, layer.minus_im_chi(q, W / hbar, T), rtol=0, atol=tol)


@pytest.mark.parametrize("M_over_AkF", [0.0, 0.5])
def test_dirac_interband_absorption_of_the_empty_band_is_its_closed_form(M_over_AkF):
    """Above the threshold and above 2 mu + Q (every final state empty, no Pauli blocking, no intraband), the
    T = 0 Im chi is the undoped interband closed form; below W^2 = Q^2 + 4M^2 (and above Q) it vanishes."""
    layer = dirac_layer(M_over_AkF)
    M = abs(layer.M)
    for x in (0.3, 1.0, 2.5):
        q = x * layer.k_F
        Q = A_GR * q
        for W in (2 * layer.mu + Q + 0.1 * layer.mu, 3 * layer.mu + 2 * Q):
            got = dynamic_rpa.density_response(layer, q, W / hbar, 0.0).imag
            assert got == pytest.approx(ref_dirac.undoped_im_chi(A_GR, M, layer.g, q, W), rel=TOL_DIRAC_QUAD)
        if M > 0:
            W = math.sqrt(Q * Q + 2 * M * M)                         # between Q and the threshold
            assert dynamic_rpa.density_response(layer, q, W / hbar, 0.0).imag == 0.0


@pytest.mark.parametrize("M_over_AkF", [0.0, 0.5, 2.0])
@pytest.mark.parametrize("x", [0.3, 1.0, 1.9, 2.1, 3.0, 5.0])
def test_dirac_static_limit_is_the_spec_static_polarization(x, M_over_AkF):
    """omega -> 0: Re chi -> -Pi(q, 0) of docs/theory/coulomb-drag.md §4 (Thomas-Fermi below 2k_F, interband above), Im chi -> 0."""
    layer = dirac_layer(M_over_AkF)
    q = x * layer.k_F
    want = ref_dirac.static_pi(A_GR, abs(layer.M), layer.g, layer.mu, q)
    assert want == pytest.approx(layer.static_polarization(q), rel=TOL_ALGEBRA)   # the reference formula in drag
    chi = dynamic_rpa.density_response(layer, q, 0.0, 0.0)
    assert chi.imag == 0.0
    assert -chi.real == pytest.approx(want, rel=TOL_DIRAC_QUAD)
    slow = dynamic_rpa.density_response(layer, q, 1e-7 * layer.mu / hbar, 0.0)   # continuity at omega -> 0
    assert abs(slow + want) < 1e-5 * want


@pytest.mark.parametrize("x", [0.2, 1.0, 4.0])
def test_dirac_response_with_mu_in_the_gap_is_the_undoped_static_polarization(x):
    """mu' in the gap (the Maldague weight below |M|): chi is the undoped response; static, docs/theory/coulomb-drag.md §4's Pi_0."""
    layer = dirac_layer(1.0)
    k0, e0 = layer._own_scales()
    lay = layer._reduced(k0, e0)
    lay[dynamic_rpa._MU] = 0.5 * lay[dynamic_rpa._MASS]              # mu in the gap, T = 0
    buf = np.empty(dynamic_rpa._MALDAGUE_OFFSETS.size + 4 * dynamic_rpa._EDGE_LEVELS + 4)
    re, im = dynamic_rpa._layer_chi(lay, x, 0.0, 0.0, dynamic_rpa._GM, dynamic_rpa._WM,
                                    dynamic_rpa._MALDAGUE_OFFSETS, buf)
    want = ref_dirac.undoped_static_pi(A_GR, layer.M, layer.g, x * layer.k_F)
    assert im == 0.0
    assert -re * k0**2 / e0 == pytest.approx(want, rel=TOL_DIRAC_QUAD)


@pytest.mark.parametrize("x, s", [(0.5, 0.3), (0.5, 0.9), (1.0, 1.3), (0.5, 2.3), (2.5, 1.5), (1.5, 4.0), (3.0, 0.5)])
def test_graphene_limit_is_the_hwang_das_sarma_closed_form(x, s):
    """M = 0, T = 0: the complex chi of doped graphene (Hwang & Das Sarma 2007; Wunsch et al. 2006), all regions."""
    layer = dirac_layer(0.0)
    q, W = x * layer.k_F, s * layer.mu
    got = dynamic_rpa.density_response(layer, q, W / hbar, 0.0)
    want = ref_dirac.graphene_chi(A_GR, layer.g, layer.mu, q, W)
    assert abs(got - want) <= TOL_DIRAC_QUAD * layer.dos


@pytest.mark.parametrize("T_over_TF", [0.0, 0.3])
@pytest.mark.parametrize("x, s", [(0.5, 0.3), (1.5, 0.6), (0.3, 4.0), (2.5, 0.4)])
def test_heavy_mass_dirac_response_is_the_2deg_with_m_equal_M_over_A2(x, s, T_over_TF):
    """M >> A k_F (M = 1 eV, mu - M = 1 meV): E = M + A^2k^2/2M, so chi -> Stern's (Maldague's) 2DEG with
    m = hbar^2 M/A^2 (docs/theory/coulomb-drag.md §4); the interband part is O(Q^2/(M mu)) smaller."""
    M, depth, g = units.eV, 1e-3 * units.eV, 1
    kF = math.sqrt((M + depth) ** 2 - M**2) / A_GR
    n = g * kF**2 / (4 * math.pi)
    dirac = drag.DiracLayer(n, A_GR, M, g=g)
    twodeg = drag.ParabolicLayer(n, hbar**2 * M / A_GR**2 / m_e, g=g)
    T = T_over_TF * depth / k_B
    q = x * kF
    w = s * q * twodeg.v_F
    got = dynamic_rpa.density_response(dirac, q, w, T)
    assert abs(got - dynamic_rpa.density_response(twodeg, q, w, T)) <= TOL_HEAVY * twodeg.dos


def _dirac_edges_omega(layer, q):
    """The T = 0 non-analytic points of chi(q, .) in omega: intraband (E(k_F + q) - mu, |mu - E(|k_F - q|)|, Aq)
    and interband (sqrt(Q^2 + 4M^2), mu + E(k_F -+ q))."""
    E = lambda k: math.hypot(A_GR * k, layer.M)
    kF, mu = layer.k_F, layer.mu
    pts = [E(kF + q) - mu, abs(mu - E(abs(kF - q))), A_GR * q, math.hypot(A_GR * q, 2 * layer.M),
           mu + E(kF + q), mu + E(abs(kF - q))]
    return sorted({p / hbar for p in pts if p > 0})


@pytest.mark.parametrize("T_over_TF", [0.0, 0.3])
@pytest.mark.parametrize("x, s", [(0.5, 0.3), (0.5, 1.7), (1.5, 0.6), (0.4, 3.0)])
def test_dirac_re_chi_is_kramers_kronig_transform_of_im_chi(x, s, T_over_TF):
    """Re chi(omega) = (2/pi) P int_0^inf Im chi(w') w'/(w'^2 - omega^2) dw' (chi -> 0 as omega -> inf; the
    interband Im chi ~ 1/omega tail integrated to infinity), principal value by QUADPACK's Cauchy weight."""
    layer = dirac_layer(0.5)
    T = dirac_T(layer, T_over_TF)
    q = x * layer.k_F
    omega = s * layer.mu / hbar
    im = lambda w: dynamic_rpa.density_response(layer, q, w, T).imag
    cuts = [0.0] + [p for p in _dirac_edges_omega(layer, q)] + [20 * layer.mu / hbar]
    cuts = sorted(set(cuts + [omega * (1 - 0.2), omega * (1 + 0.2)]))
    kw = dict(epsabs=0, epsrel=1e-10, limit=400)
    top = cuts[-1]                   # tail w > top as u = top/w in (0, 1]: Im chi ~ 1/w, integrand ~ 1/w^2
    total = integrate.quad(lambda u: im(top / u) * 2 * (top / u) / ((top / u) ** 2 - omega**2) * top / u**2,
                           0, 1, **kw)[0]
    for a, b in zip(cuts[:-1], cuts[1:]):
        total += integrate.quad(lambda w: im(w) / (w + omega), a, b, **kw)[0]
        if a < omega < b:
            total += integrate.quad(im, a, b, weight="cauchy", wvar=omega, **kw)[0]
        else:
            total += integrate.quad(lambda w: im(w) / (w - omega), a, b, **kw)[0]
    got = dynamic_rpa.density_response(layer, q, omega, T).real
    assert got == pytest.approx(total / math.pi, abs=TOL_KK_DIRAC * layer.dos)


# ------------------------------ Dirac drag ------------------------------ #

def dirac_bilayer(M_over_AkF=0.0, n=N_GR, d=20e-9, eps_r=4.0):
    layer = dirac_layer(M_over_AkF, n)
    return drag.Bilayer(layer, layer, d, eps_r)


def test_dirac_dynamic_equals_static_drag_at_low_T_with_T2_correction():
    """Graphene (g = 4, 1e11 cm^-2, d = 20 nm, eps_r = 4; hbar v_F/(k_B d) = 380 K): at T << T_F the integrand
    lives at hbar omega ~ k_BT << A q, where Re chi = -nu exactly (Hwang-Das Sarma region 1A), so only
    Im Pi (Landau damping) adds to |eps|: a small positive deficit ~ (k_BT d/hbar v_F)^2 up to a logarithm."""
    b = dirac_bilayer()
    T = np.array([2.0, 4.0])
    dyn = drag.rho_drag(b, T, screening="dynamic")
    dev = 1 - dyn / drag.rho_drag(b, T, kernel="exact")
    assert np.all(np.abs(dev) < TOL_LOW_T_DIRAC)
    assert np.all(dev > 0)
    # T^2 ln(T*/T): local exponent 2 - 1/ln(T*/T), here between 1.3 and 2
    assert 1.3 < math.log(dev[1] / dev[0]) / math.log(2) <= 2.0
    massive = dirac_bilayer(1.0)                     # Re chi is no longer exactly -nu: only the size is asserted
    ratio = drag.rho_drag(massive, T, screening="dynamic") / drag.rho_drag(massive, T, kernel="exact")
    assert np.all(np.abs(1 - ratio) < TOL_LOW_T_DIRAC)


def test_gapped_dirac_drag_gains_from_its_damped_plasmon_and_graphene_does_not():
    """n = 1e10 cm^-2, g = 4, d = 30 nm, eps_r = 4, both screenings at finite T. Gapped (M = A k_F = 12 meV,
    graphene on hBN scale): the acoustic plasmon sits below W = Aq, inside the thermally broadened intraband
    continuum, where the rectification is finite: its drag grows against static screening from 0.3 to 0.5 T_F
    (the Flensberg-Hu mechanism, here only just compensating the extra Landau-damping screening: ~0.97-1.01).
    Graphene (M = 0): every intraband transition has W < Aq and the plasmons lie above Aq, where R_l = 0
    (interband absorption is not in the rectification, docs/theory/coulomb-drag.md §4), while Im Pi ~ (Q - W)^{-1/2} at the edge
    damps |U|^2: dynamic < static, falling with T, and well below the gapped ratio."""
    tt = np.array([0.3, 0.5])
    ratio = {}
    for m in (0.0, 1.0):
        b = dirac_bilayer(m, n=1e10 * units.per_cm2, d=30e-9)
        T = dirac_T(b.active, tt)
        ratio[m] = drag.rho_drag(b, T, screening="dynamic") / drag.rho_drag(b, T, kernel="exact")
        q = 0.5 * b.active.k_F
        roots = dynamic_rpa.plasmon_frequencies(b, q, T[0])
        assert roots.size >= 1
        below = roots[roots < A_GR * q / hbar]
        if m == 0.0:
            assert below.size == 0                                   # plasmons above the intraband edge
            assert np.all(dynamic_rpa.drag_integrand(b, T[0], q, roots) == 0.0)
        else:
            assert below.size >= 1                                   # the acoustic plasmon is Landau damped
            assert dynamic_rpa.drag_integrand(b, T[0], q, below).min() > 0.0
    assert ratio[1.0][0] < ratio[1.0][1]
    assert ratio[0.0][1] < ratio[0.0][0] < 1.0
    assert np.all(ratio[1.0] > ratio[0.0] + 0.1)


def _reference_rho_dirac(b, T, epsrel):
    """Nested adaptive quad of the dynamic (D2) integrand of a Dirac bilayer (as _reference_rho_dynamic), y break
    points at the plasmon roots and the T = 0 edges E(k_F + q) - mu, |mu - E(|k_F - q|)|, Aq."""
    la, lp, t, same, g0, dd, k0, e0 = dynamic_rpa._bilayer_vectors(b, T)
    buf = np.empty(dynamic_rpa._MALDAGUE_OFFSETS.size + 4 * dynamic_rpa._EDGE_LEVELS + 4)
    f = lambda y, x: dynamic_rpa._dynamic_integrand_point(x, y, t, la, lp, same, g0, dd, dynamic_rpa._GM,
                                                          dynamic_rpa._WM, dynamic_rpa._MALDAGUE_OFFSETS, buf)
    layer = b.active
    alpha0 = e**2 / (4 * math.pi * eps0 * b.eps_r * hbar * layer.v_F)
    pref = hbar / e**2 * alpha0**2 / 4
    jac = layer.k_F * 2 * k_B * T / hbar
    assert dynamic_rpa.drag_integrand(b, T, 0.4 * layer.k_F, 0.5 * jac / layer.k_F) == pytest.approx(
        pref / jac * f(0.5, 0.4), rel=1e-12, abs=0)
    y_of = 1 / (2 * k_B * T)
    E = lambda k: math.hypot(A_GR * k, layer.M)

    def inner(x):
        q = x * layer.k_F
        pts = list(dynamic_rpa.plasmon_frequencies(b, q, T, omega_max=20 / (y_of * hbar), n_scan=100) * hbar)
        pts += [E(layer.k_F + q) - layer.mu, abs(layer.mu - E(abs(layer.k_F - q))), A_GR * q]
        pts = sorted(p * y_of for p in pts if 0 < p * y_of < 20)
        return integrate.quad(f, 0, 20, args=(x,), points=pts, epsabs=0, epsrel=0.1 * epsrel, limit=400)[0]

    return pref * integrate.quad(inner, 0, 40 / (layer.k_F * b.d), points=[2.0], epsabs=0, epsrel=epsrel,
                                 limit=200)[0]


def test_dirac_dynamic_drag_quadrature_matches_scipy_reference():
    """Fixed panels with plasmon refinement vs adaptive quad, gapped Dirac bilayer in its plasmon regime."""
    b = dirac_bilayer(1.0, n=1e10 * units.per_cm2, d=30e-9)
    T = dirac_T(b.active, 0.5)
    assert drag.rho_drag(b, T, screening="dynamic") == pytest.approx(_reference_rho_dirac(b, T, 1e-6),
                                                                     rel=TOL_REFERENCE, abs=0)


def test_mixed_2deg_dirac_dynamic_drag_is_symmetric_under_layer_exchange():
    a, p = gaas_layer(), dirac_layer(0.5, n=GAAS.n)
    T = np.array([5.0, 30.0])
    ab = drag.rho_drag(drag.Bilayer(a, p, D_FH, GAAS.eps_r), T, screening="dynamic")
    ba = drag.rho_drag(drag.Bilayer(p, a, D_FH, GAAS.eps_r), T, screening="dynamic")
    np.testing.assert_allclose(ab, ba, rtol=1e-6)      # same physics, reductions with different k_0: quadrature


# ============================== bad input ============================== #

def _dirac_bilayer():
    A = 4.1 * units.eV_angstrom
    layer = drag.DiracLayer(1e16, A, 10 * units.meV)
    return drag.Bilayer(layer, layer, 10 * units.nm, 20.0)


@pytest.mark.parametrize("name, call", [
    ("screening", lambda: drag.rho_hall_drag(_dirac_bilayer(), 5.0, 1e-13, screening="dynamic")),
    ("screening", lambda: drag.drag_resistivities(_dirac_bilayer(), 5.0, 1e-13, screening="dynamic")),
    ("screening", lambda: drag.rho_drag(gaas_bilayer(), 5.0, screening="plasmon")),
    ("kernel", lambda: drag.rho_drag(gaas_bilayer(), 5.0, screening="dynamic", kernel="fast")),
    ("kernel", lambda: drag.rho_drag(_dirac_bilayer(), 5.0, screening="dynamic", kernel="fast")),
    ("T", lambda: drag.rho_drag(gaas_bilayer(), -1.0, screening="dynamic")),
    ("T", lambda: drag.rho_drag(_dirac_bilayer(), 0.0, screening="dynamic")),
    ("layer", lambda: dynamic_rpa.density_response(_dirac_bilayer(), 1e8, 1e12)),
    ("bilayer", lambda: dynamic_rpa.screened_interaction(gaas_layer(), 1e8, 1e12)),
    ("q", lambda: dynamic_rpa.density_response(gaas_layer(), 0.0, 1e12)),
    ("q", lambda: dynamic_rpa.density_response(_dirac_bilayer().active, -1e8, 1e12)),
    ("omega", lambda: dynamic_rpa.density_response(gaas_layer(), 1e8, math.nan)),
    ("omega", lambda: dynamic_rpa.density_response(_dirac_bilayer().active, 1e8, math.inf)),
    ("T", lambda: dynamic_rpa.density_response(gaas_layer(), 1e8, 1e12, -2.0)),
    ("T", lambda: dynamic_rpa.density_response(_dirac_bilayer().active, 1e8, 1e12, -2.0)),
    ("omega_max", lambda: dynamic_rpa.plasmon_frequencies(gaas_bilayer(), 1e7, 1.0, omega_max=-1.0)),
    ("omega_max", lambda: dynamic_rpa.plasmon_frequencies(_dirac_bilayer(), 1e8, 1.0, omega_max=-1.0)),
])
def test_bad_input_raises_value_error_naming_parameter(name, call):
    with pytest.raises(ValueError, match=name):
        call()


def test_hall_drag_error_says_dynamic_screening_is_for_rho_drag_only():
    with pytest.raises(ValueError, match="rho_drag only"):
        drag.rho_hall_drag(_dirac_bilayer(), 5.0, 1e-13, screening="dynamic")
