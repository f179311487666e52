"""Physics tests of dragbook.ahe against the derivations of docs/theory/anomalous-hall.md (§2-12).

Expected values are closed forms and rationals written here from the theory page, analytic limits, symmetries,
values derived independently of the package (theory §9, §5), or independent slow references in
tests/reference_ahe.py (Kubo-Streda ladder, Kubo-formula curvature, scipy Fermi-sea integrals, numpy FHS).
No number printed by dragbook is pasted back.
"""

import math

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

import reference_ahe as ref
from dragbook import ahe, units

# tolerances, by reason
EXACT = 1e-12          # closed-form arithmetic
TABLE = 1e-6           # the table's decimals are written to 6 places
QUAD = 1e-9            # fixed Gauss-Legendre quadratures of the module (thermal, Weyl k_z)
SEA = 1e-8             # scipy quad of the Fermi sea vs closed form (theory §2)
CIRCLE = 1e-8          # Fermi-circle trapezoid (spectral) + centred finite difference, step 1e-5 k_F
LADDER = 2e-4          # Richardson extrapolation of the Kubo ladder in alpha (O(alpha^2) left; theory §12)


def a_x(r):
    """a = M/|eF| and x = (1 - a^2)/(1 + 3a^2) for eF/M = r (M > 0)."""
    a = 1 / abs(r)
    return a, (1 - a * a) / (1 + 3 * a * a)


# ---------------------------------------------------------------- the table of values, every row -- #
# eF/M, int, beta (= sj), sk,G, total nc, sigma_xx * alpha, sk3 * u0^4/(c3 M) = x^2
TABLE_32 = [
    (1.0, 0.5, 0.0, 0.0, 0.5, 0.0, 0.0),
    (1.2, 0.416667, 0.082583, 0.012276, 0.594108, 0.198198, 0.009821),
    (1.5, 1 / 3, 10 / 63, 25 / 441, 104 / 147, 10 / 21, 0.056689),
    (2.0, 1 / 4, 3 / 14, 27 / 196, 40 / 49, 6 / 7, 9 / 49),
    (3.0, 1 / 6, 2 / 9, 2 / 9, 5 / 6, 4 / 3, 4 / 9),
    (5.0, 0.1, 0.171429, 0.220408, 0.663265, 1.714286, 0.734694),
    (10.0, 0.05, 0.096117, 0.138576, 0.380809, 1.922330, 0.923838),
]


@pytest.mark.parametrize("row", TABLE_32, ids=[f"eF={r[0]}M" for r in TABLE_32])
def test_table_of_values(row):
    r, s_int, s_beta, s_skg, s_tot, sxx_alpha, sk3_x2 = row
    M, alpha, g = 1.3 * units.meV, 0.07, 0.11
    h = ahe.massive_dirac_hall(r * M, M)
    c = ahe.hall_conductivities(r * M, M, alpha, g)
    tol = dict(rel=TABLE, abs=TABLE)
    assert h.intrinsic == pytest.approx(s_int, **tol)
    assert c.extrinsic_velocity == pytest.approx(s_beta, **tol)
    assert c.anomalous_distribution == pytest.approx(s_beta, **tol)      # "doubling", Eqs. 78 and 82
    assert h.side_jump == pytest.approx(2 * s_beta, **tol)
    assert h.skew == pytest.approx(s_skg, **tol)
    assert h.total == pytest.approx(s_tot, **tol)
    assert c.total_nc == pytest.approx(s_tot, **tol)
    assert c.sigma_xx * alpha == pytest.approx(sxx_alpha, **tol)
    # sk3 = (c3 M/u0^4) x^2 with c3/u0^4 = g/(alpha |M|)
    assert c.skew_third_order / (g / alpha) == pytest.approx(sk3_x2, **tol)


def test_worked_example_and_maximum_of_the_total():
    """eF = 2M: sigma_xy = -0.8163, alpha = 0.1: sigma_xx = 8.571, c3/u0^4 = 100/M: sk3 = 18.37 (theory §9);
    the nc total peaks at eF/|M| = sqrt(3 + 2 sqrt 3) with 0.84749 (root of -t^4 + 6t^2 + 3 = 0)."""
    M = 1.0
    c = ahe.hall_conductivities(2.0, M, 0.1, g=100 * 0.1)          # g = alpha |M| c3/u0^4
    assert ahe.conductivity_tensor(c.sigma_xx, c.total_nc)[0, 1] == pytest.approx(-40 / 49, rel=EXACT)
    assert c.sigma_xx == pytest.approx(60 / 7, rel=EXACT)
    assert c.skew_third_order == pytest.approx(900 / 49, rel=EXACT)
    res = minimize_scalar(lambda r: -ahe.massive_dirac_hall(r, 1.0).total, bounds=(1.5, 4), method="bounded",
                          options={"xatol": 1e-10})
    assert res.x == pytest.approx(math.sqrt(3 + 2 * math.sqrt(3)), rel=1e-6)
    t = res.x
    assert -t**4 + 6 * t**2 + 3 == pytest.approx(0, abs=1e-5)
    assert -res.fun == pytest.approx(4 * t * (t**2 + 1) / (t**2 + 3) ** 2, rel=EXACT)
    assert -res.fun == pytest.approx(0.84749, abs=1e-5)


def test_sum_rule_on_random_a():
    """int + beta + sj + sk,G = 4a(1 + a^2)/(1 + 3a^2)^2 = a(1/2 + 2x + 3x^2/2) (theory §9)."""
    rng = np.random.default_rng(3)
    r = rng.uniform(1.0001, 50, 200) * rng.choice([-1, 1], 200)
    M = rng.choice([-1, 1]) * 0.7
    h = ahe.massive_dirac_hall(r * abs(M), M)
    a = M / (np.abs(r) * abs(M))
    assert np.allclose(h.intrinsic + h.side_jump + h.skew, 4 * a * (1 + a**2) / (1 + 3 * a**2) ** 2, rtol=EXACT)
    assert np.allclose(h.total, 4 * a * (1 + a**2) / (1 + 3 * a**2) ** 2, rtol=EXACT)


# ---------------------------------------------------------------- limits -------------------------- #

def test_gap_gives_half_quantum_alone_and_band_edge_is_continuous():
    M = 2.0
    gap = ahe.hall_conductivities(np.array([-2.0, -1.0, 0.0, 0.5, 1.999, 2.0]), M, 0.05, 0.1)
    assert np.all(gap.intrinsic == 0.5) and np.all(gap.total == 0.5)
    for name in ("extrinsic_velocity", "anomalous_distribution", "skew", "skew_third_order", "sigma_xx"):
        assert np.all(getattr(gap, name) == 0.0), name
    assert ahe.massive_dirac_hall(0.3, -M).total == -0.5
    # just above the edge: extrinsic terms vanish linearly in (|eF| - |M|), total -> 1/2
    d = np.array([1e-6, 2e-6])
    c = ahe.hall_conductivities(M + d * M, M, 0.05, 0.1)
    assert c.total_nc[0] == pytest.approx(0.5, abs=5e-6)
    for name in ("side_jump", "sigma_xx"):                 # linear: doubling the distance doubles the term
        v = getattr(c, name)
        assert v[1] / v[0] == pytest.approx(2.0, rel=1e-5), name
    for name in ("skew", "skew_third_order"):              # x^2: quadratic
        v = getattr(c, name)
        assert v[1] / v[0] == pytest.approx(4.0, rel=1e-5), name


def test_high_density_ratios_1_2_2_3():
    """|eF| >> |M|: int : beta : sj : sk,G -> 1 : 2 : 2 : 3 in units M/2|eF|; total -> 8 x intrinsic."""
    M = 1.0
    for eF in (1e4, -1e4):
        c = ahe.hall_conductivities(eF, M, 0.05)
        unit = M / (2 * abs(eF))
        ratios = np.array([c.intrinsic, c.extrinsic_velocity, c.anomalous_distribution, c.skew]) / unit
        assert np.allclose(ratios, [1, 2, 2, 3], rtol=1e-7)
        assert c.total_nc / c.intrinsic == pytest.approx(8.0, rel=1e-7)


def test_parity_in_M_and_eF():
    """All Hall terms odd in M (sigma_xx even); Gaussian terms and sigma_xx even in eF, sk,3 odd (theory §2, §8)."""
    eF = np.array([1.3, 2.0, 4.5, 9.0])
    M, alpha, g = 1.0, 0.03, 0.2
    for T in (0.0, 3.0):
        scale = units.meV
        p = ahe.hall_conductivities(eF * scale, M * scale, alpha, g, T)
        mM = ahe.hall_conductivities(eF * scale, -M * scale, alpha, g, T)
        mE = ahe.hall_conductivities(-eF * scale, M * scale, alpha, g, T)
        for name in ("intrinsic", "extrinsic_velocity", "anomalous_distribution", "skew", "skew_third_order"):
            assert np.allclose(getattr(mM, name), -getattr(p, name), rtol=EXACT, atol=0), name
        assert np.allclose(mM.sigma_xx, p.sigma_xx, rtol=EXACT)
        for name in ("intrinsic", "extrinsic_velocity", "anomalous_distribution", "skew", "total_nc", "sigma_xx"):
            assert np.allclose(getattr(mE, name), getattr(p, name), rtol=1e-10), name
        assert np.allclose(mE.skew_third_order, -p.skew_third_order, rtol=1e-10)


def test_M_to_zero_is_linear_and_disorder_scaling():
    """M -> 0: Hall terms -> 0 linearly, sigma_xx -> 2/alpha; alpha -> 0: Gaussian terms fixed, sigma_xx and
    sk,3 scale as 1/alpha, their ratio (the skew Hall angle) independent of alpha (theory §8)."""
    small = ahe.hall_conductivities(1.0, 1e-6, 0.05)
    smaller = ahe.hall_conductivities(1.0, 5e-7, 0.05)
    assert smaller.total_nc / small.total_nc == pytest.approx(0.5, rel=1e-9)
    assert ahe.sigma_xx(1.0, 0.0, 0.05) == pytest.approx(2 / 0.05, rel=EXACT)
    assert ahe.massive_dirac_hall(1.0, 0.0).total == 0.0
    c1, c2 = (ahe.hall_conductivities(2.5, 1.0, al, 0.1) for al in (0.1, 0.001))
    assert c1.total_nc == c2.total_nc
    assert c2.sigma_xx / c1.sigma_xx == pytest.approx(100, rel=EXACT)
    assert c2.skew_third_order / c1.skew_third_order == pytest.approx(100, rel=EXACT)
    a, x = a_x(2.5)
    assert c1.skew_third_order / c1.sigma_xx == pytest.approx(0.1 / 2 * x, rel=EXACT)   # (g/2)(1-a^2)/(1+3a^2)


def test_scattering_rates_and_validity_edge():
    """hbar/tau = alpha|eF|/2, hbar/tau_tr = alpha|eF|(1 + 3a^2)/4 (theory §6; equals the Fermi-circle
    Boltzmann value), tau_qp = tau/(1 + a^2); the validity edge solves |eF| - |M| = 3 hbar/tau_tr."""
    tau, tau_tr, tau_qp = ahe.scattering_rates(np.array([-2.0, 0.5, 2.0]), 1.0, 0.1)
    assert np.allclose(tau, [0.1, 0, 0.1]) and np.allclose(tau_tr, [0.0875, 0, 0.0875])
    assert np.allclose(tau_qp, [0.125, 0, 0.125])
    fc = ahe.fermi_circle_transport(3.0, 1.0, 0.1, n_theta=32)
    assert fc.hbar_over_tau_tr * 3.0 == pytest.approx(ahe.scattering_rates(3.0, 1.0, 0.1)[1], rel=1e-10)
    edge = ahe.validity_edge(-2.0, 0.05)
    assert edge - 2.0 == pytest.approx(3 * ahe.scattering_rates(edge, -2.0, 0.05)[1], rel=1e-12)
    assert ahe.validity_edge(1.0, 2.0) == math.inf and ahe.validity_edge(0.0, 0.1) == 0.0


# ---------------------------------------------------------------- intrinsic: Fermi sea, finite T --- #

@pytest.mark.parametrize("mu", [0.0, 0.5, 0.999, 1.5, 2.0, -2.0, 4.0])
def test_intrinsic_equals_fermi_sea_integral_at_T0(mu):
    """Theory §2: 0.5 in the gap, 1/3 at 1.5, 1/4 at +-2, 1/8 at 4 (M = 1)."""
    assert ahe.intrinsic_hall(mu, 1.0) == pytest.approx(ref.fermi_sea_intrinsic(mu, 1.0, 0.0), abs=SEA)


@pytest.mark.parametrize("mu", [0.0, 0.9, 1.0, 1.4, 3.0, -2.0])
def test_finite_T_smearing_equals_fermi_sea_with_fermi_functions(mu):
    """sigma(mu, T) = int(-f') sigma_T=0 (the module) against the Fermi sea with Fermi functions (scipy)."""
    M = 10 * units.meV
    T = 0.2 * M / units.k_B
    expected = ref.fermi_sea_intrinsic(mu, 1.0, 0.2)                 # energies in units of M
    assert ahe.intrinsic_hall(mu * M, M, T) == pytest.approx(expected, abs=SEA)


def test_T_to_zero_and_gap_plateau_erosion():
    M = 10 * units.meV
    mu = np.array([0.0, 0.5, 1.5, 2.0, 5.0]) * M
    assert np.allclose(ahe.intrinsic_hall(mu, M, 1e-3), ahe.intrinsic_hall(mu, M), atol=1e-6)
    # in the gap at k_B T << |M| the plateau is eroded only by exp(-|M|/k_B T)-small thermal carriers
    T = 0.05 * M / units.k_B
    assert ahe.intrinsic_hall(0.0, M, T) == pytest.approx(0.5, abs=1e-6)
    assert ahe.intrinsic_hall(0.0, M, 5 * T) < 0.5 - 1e-4
    c = ahe.hall_conductivities(0.0, M, 0.05, 0.1, T=5 * T)
    assert c.sigma_xx > 0 and c.skew_third_order == pytest.approx(0.0, abs=1e-12)   # odd in eF, mu = 0


@pytest.mark.parametrize("mu", [2.0, 0.5, -1.5])
def test_intrinsic_equals_fermi_sea_sum_on_a_k_grid(mu):
    """Issue 4: intrinsic versus the Fermi-sea integral on a k grid (band, gap and holes; k_B T = 0.1 M): the
    curvature comes from plaquette products of numpy eigenvectors, not from Eq. (73). The grid error is
    O(dk^2): halving dk divides it by 4, and Richardson on 301 and 601 points removes it (O(dk^4) left)."""
    M, t = 1.0, 0.1
    L = abs(mu) + 45 * t + 0.5
    coarse, fine = (ref.fermi_sea_grid(mu, M, t, L, n) for n in (301, 601))
    expected = ahe.intrinsic_hall(mu * units.meV, M * units.meV, t * units.meV / units.k_B)
    assert (4 * fine - coarse) / 3 == pytest.approx(expected, abs=SEA)
    if abs(mu) > M:                                   # in the gap the thermal part is too small to test the rate
        assert (coarse - expected) / (fine - expected) == pytest.approx(4.0, rel=1e-2)


@pytest.mark.parametrize("eF", [1.2, 2.0, 5.0])
def test_intrinsic_equals_fermi_surface_wilson_loop(eF):
    """Haldane's Fermi-surface form (theory §2): sigma = sgn(M)/2 + phi_B/2 pi with the Berry phase
    phi_B = -arg prod <u_j|u_j+1> of the conduction-band Fermi circle (counter-clockwise, numpy eigh)."""
    M, n = 1.0, 400
    kF = math.sqrt(eF**2 - M**2)
    th = 2 * np.pi * np.arange(n) / n
    H = ref.dirac_hamiltonian(M)
    u = np.array([np.linalg.eigh(H(kF * math.cos(t), kF * math.sin(t)))[1][:, 1] for t in th])
    links = np.einsum("ji,ji->j", u.conj(), np.roll(u, -1, 0))
    phi_B = -np.angle(np.prod(links))
    got = 0.5 + (phi_B % (2 * np.pi) - 2 * np.pi) / (2 * np.pi)      # phi_B in (-2 pi, 0]: expected -pi(1 - a)
    assert ahe.intrinsic_hall(eF, M) == pytest.approx(got, abs=1e-5)          # O(1/n^2) Wilson loop


def test_berry_curvature_closed_form_against_kubo_formula():
    """Burgos Atencia et al. Eq. (73) vs the Kubo sum-over-states curvature (M = 0.7; theory §2)."""
    M = 0.7
    v = 1.0 / units.hbar                     # hbar v_F = 1 J m: k in 1/m and energies in J coincide
    for kx, ky in [(0.3, 0.1), (1.0, -0.5), (0.05, 0.02)]:
        for band, idx in ((-1, 0), (1, 1)):
            expected = ref.kubo_curvature(ref.dirac_hamiltonian(M), kx, ky, idx)
            assert ahe.berry_curvature_dirac(kx, ky, M, v, band) == pytest.approx(expected, rel=1e-7)
    assert ahe.berry_curvature_dirac(0.3, 0.1, 0.0, v) == 0.0


def test_berry_curvature_grid_is_gauge_invariant_plaquette_curvature():
    """berry_curvature_grid (FHS plaquettes from numerical spinors) vs the closed form at plaquette centres:
    massive Dirac patch (open grid) and QWZ Brillouin zone (periodic), both bands; flux sums to C."""
    M, n, L = 0.7, 41, 1.2
    k = np.linspace(-L, L, n)
    dk = k[1] - k[0]
    KX, KY = np.meshgrid(k, k, indexing="ij")
    H = KX[..., None, None] * ref.sy - KY[..., None, None] * ref.sx + M * ref.sz + 0.3 * ref.s0
    om = ahe.berry_curvature_grid(H, dk, dk, band=-1, periodic=False)
    kc = k[:-1] + dk / 2
    exact = M / (2 * (kc[:, None] ** 2 + kc[None, :] ** 2 + M**2) ** 1.5)
    assert np.allclose(om, exact, rtol=2e-3)                               # O(dk^2) plaquette error
    assert np.allclose(ahe.berry_curvature_grid(H, dk, dk, band=1, periodic=False), -om, rtol=1e-10)
    nk, u = 120, -1.0
    kk = 2 * np.pi * np.arange(nk) / nk
    KX, KY = np.meshgrid(kk, kk, indexing="ij")
    Hq = (np.sin(KX)[..., None, None] * ref.sx + np.sin(KY)[..., None, None] * ref.sy
          + (u + np.cos(KX) + np.cos(KY))[..., None, None] * ref.sz)
    dq = 2 * np.pi / nk
    omq = ahe.berry_curvature_grid(Hq, dq, dq)
    kc = kk + dq / 2
    assert np.allclose(omq, ahe.qwz_berry_curvature(kc[:, None], kc[None, :], u), rtol=2e-3, atol=1e-3)
    assert omq.sum() * dq * dq / (2 * np.pi) == pytest.approx(1.0, abs=1e-10)


def test_dirac_flux_is_half_a_quantum():
    """(1/2 pi) int d^2k Omega^- = sgn(M)/2 for one cone (theory §2), radial integral of Eq. (73)."""
    from scipy import integrate
    v = 2e5
    M = 5 * units.meV
    kM = M / (units.hbar * v)
    f = lambda s: kM**2 * s * ahe.berry_curvature_dirac(s * kM, 0.0, M, v, -1)     # k = s k_M
    flux = integrate.quad(f, 0, np.inf, epsabs=0, epsrel=1e-12)[0]
    assert flux == pytest.approx(0.5, rel=1e-9)
    assert integrate.quad(lambda k: k * ahe.berry_curvature_dirac(k, 0.0, -M, v, -1), 0, 50 * kM)[0] < 0


# ---------------------------------------------------------------- sign convention ----------------- #

def test_sign_convention_sigma_xy_is_minus_sigma_yx():
    """The module's sigma_yx = +(e^2/hbar) sum Omega f (Fermi sea, reference) is positive for M, eF > 0; the
    tensor has sigma_xy = -sigma_yx, which is Ado's Eq. (12a) sigma_xy^int = -(e^2/h) m/2eps (theory §1)."""
    eF, M = 2.0, 1.0
    s_yx = ahe.intrinsic_hall(eF, M)
    assert s_yx > 0 and s_yx == pytest.approx(ref.fermi_sea_intrinsic(eF, M, 0.0), abs=SEA)
    t = ahe.conductivity_tensor(7.0, s_yx)
    assert t[1, 0] == s_yx and t[0, 1] == -s_yx and t[0, 0] == t[1, 1] == 7.0
    assert t[0, 1] == pytest.approx(-M / (2 * eF), rel=EXACT)
    j = t @ np.array([1.0, 0.0])                     # E along x: Hall current along +y for sigma_yx > 0
    assert j[1] == s_yx


def test_xy_view_gives_sigma_xy_of_every_hall_field_and_keeps_the_rest():
    """``.xy`` is the tensor element sigma_xy = j_x/E_y: for E along y the current along x. At eF = 2M the
    non-crossing total is sigma_xy = -40/49 (theory §9) and the intrinsic part -a/2 = -1/4 (theory §2)."""
    h = ahe.massive_dirac_hall(2.0, 1.0).xy
    assert h.intrinsic == pytest.approx(-1 / 4, rel=EXACT) and h.total == pytest.approx(-40 / 49, rel=EXACT)
    c = ahe.hall_conductivities(2.0, 1.0, 0.1, 0.1)
    j_x = (ahe.conductivity_tensor(c.sigma_xx, c.total) @ np.array([0.0, 1.0]))[0]
    assert c.xy.total == j_x and c.xy.sigma_xx == c.sigma_xx
    for name in c._hall_fields:
        assert getattr(c.xy, name) == -getattr(c, name)
    fc = ahe.fermi_circle_transport(2.0, 1.0, 0.1, 0.1, n_theta=16)
    assert fc.xy.skew_third_order == -fc.skew_third_order and fc.xy.sigma_xx == fc.sigma_xx
    assert fc.xy.side_jump_velocity == fc.side_jump_velocity


# ---------------------------------------------------------------- Fermi circle (numerical spinors) - #

@pytest.mark.parametrize("eF", [2.0, -2.0, 3.0, 1.2])
def test_fermi_circle_reproduces_closed_forms(eF):
    """Boltzmann equation solved on the Fermi circle (numerical spinors, random gauge, coordinate shifts from
    link products) against the closed forms: v^sj = Eq. (77) (1/tau) xi (1 - xi^2)/k_F, 1/tau_tr =
    (1 + 3 xi^2)/2 tau (Eq. 76), sigma^beta = sigma^sj = a x (Eqs. 78, 82), sigma_xx = 2x/alpha,
    sigma^sk,3 = sgn(eF)(c3 M/u0^4) x^2 (theory §7-8: 0.0216506351 and 18.367347 at eF = 2, M = 1,
    alpha = 0.1, c3 = 1)."""
    M, alpha, c3 = 1.0, 0.1, 1.0
    g = c3 * alpha * abs(M) / alpha**2               # c3/u0^4 = g/(alpha |M|), u0^2 = alpha
    fc = ahe.fermi_circle_transport(eF, M, alpha, g, n_theta=96)
    a, x = a_x(eF / M)
    xi = a
    kF = math.sqrt(eF**2 - M**2)
    inv_tau = alpha * abs(eF) / 2
    band = math.copysign(1, eF)
    assert fc.side_jump_velocity == pytest.approx(band * inv_tau * xi * (1 - xi**2) / kF, rel=CIRCLE)
    assert abs(fc.side_jump_velocity_radial) < 1e-10
    assert fc.hbar_over_tau_tr * abs(eF) == pytest.approx(inv_tau * (1 + 3 * xi**2) / 2, rel=CIRCLE)
    assert fc.extrinsic_velocity == pytest.approx(a * x, rel=CIRCLE)
    assert fc.anomalous_distribution == pytest.approx(a * x, rel=CIRCLE)
    assert fc.sigma_xx == pytest.approx(2 * x / alpha, rel=CIRCLE)
    assert fc.skew_third_order == pytest.approx(band * c3 * M / alpha**2 * x**2, rel=CIRCLE)
    if eF == 2.0:
        assert fc.side_jump_velocity == pytest.approx(0.0216506351, rel=1e-9)
        assert fc.skew_third_order == pytest.approx(18.367347, rel=1e-7)


def test_fermi_circle_is_gauge_invariant():
    a = ahe.fermi_circle_transport(2.0, 1.0, 0.1, 0.3, n_theta=48, seed=1)
    b = ahe.fermi_circle_transport(2.0, 1.0, 0.1, 0.3, n_theta=48, seed=99)
    assert np.allclose(a, b, rtol=1e-9, atol=1e-10)     # atol: roundoff 1e-16 / finite-difference step 1e-5


# ---------------------------------------------------------------- Kubo-Streda ladder -------------- #

def _richardson(eps, M):
    s0 = ref.sigma_nc_ladder(eps, M, 0.05)
    s1 = ref.sigma_nc_ladder(eps, M, 0.0125)
    return s1 + (s1 - s0) / 3, s0, s1


@pytest.mark.parametrize("eps", [2.0, -2.0, 1.5, 3.0])
def test_total_against_noncrossing_kubo_streda_ladder(eps):
    """The semiclassical total int + beta + sj + sk,G equals the alpha -> 0 limit of the independent
    non-crossing Kubo-Streda ladder (theory §12; 40/49 at eF = 2M)."""
    extrapolated, s0, s1 = _richardson(eps, 1.0)
    total = ahe.massive_dirac_hall(eps, 1.0).total
    assert extrapolated == pytest.approx(total, abs=LADDER)
    assert abs(s1 - total) < abs(s0 - total)               # converges as alpha -> 0
    if abs(eps) == 2.0:
        assert total == pytest.approx(40 / 49, rel=EXACT)


# ---------------------------------------------------------------- spin density and torque ---------- #

def test_spin_density_identity_and_paper_terms():
    """<sigma> = -z x j/(e v_F) (the module) equals the paper's sum of Eqs. (90), (96), (99), (101), (103);
    torque T = M z x <sigma> = M j/(e v_F) (theory §11)."""
    eF, M, alpha, v = 40 * units.meV, 15 * units.meV, 0.04, 4.5e5
    E = np.array([1e4, -3e3])
    s = ahe.spin_density(eF, M, alpha, E, v)
    terms = ahe.spin_density_terms(eF, M, alpha, E, v)
    assert np.allclose(s, sum(terms.values()), rtol=1e-12, atol=0)
    c = ahe.hall_conductivities(eF, M, alpha)
    j = ahe.conductivity_tensor(c.sigma_xx, c.total) @ E * units.e2_h
    zxj = np.array([-j[1], j[0]])
    assert np.allclose(s, -zxj / (units.e * v), rtol=1e-12, atol=0)
    tq = ahe.spin_orbit_torque(eF, M, alpha, E, v)
    assert np.allclose(tq["total"], M * j / (units.e * v), rtol=1e-12, atol=0)
    assert np.allclose(tq["total"], M * np.array([-s[1], s[0]]), rtol=1e-12, atol=0)   # M z x <sigma>


def test_spin_density_symmetries_and_scalings():
    """E along x: <sigma_x> = sigma_yx E/(e v) flips with M, <sigma_y> = -sigma_xx E/(e v) does not;
    field-like torque ~ 1/alpha, damping-like independent of alpha (Gaussian); gap: sgn(M) eE/(4 pi hbar v)."""
    eF, M, v, E = 40 * units.meV, 15 * units.meV, 4.5e5, np.array([1e4, 0.0])
    s = ahe.spin_density(eF, M, 0.04, E, v)
    sm = ahe.spin_density(eF, -M, 0.04, E, v)
    assert sm[0] == pytest.approx(-s[0], rel=EXACT) and sm[1] == pytest.approx(s[1], rel=EXACT)
    t1, t2 = (ahe.spin_orbit_torque(eF, M, al, E, v) for al in (0.04, 0.004))
    assert np.allclose(t2["field_like"], 10 * t1["field_like"], rtol=EXACT, atol=0)     # torques ~1e-8 (SI)
    assert np.allclose(t2["damping_like"], t1["damping_like"], rtol=EXACT, atol=0)
    gap = ahe.spin_density(5 * units.meV, M, 0.04, E, v)
    assert gap[0] == pytest.approx(units.e * E[0] / (4 * math.pi * units.hbar * v), rel=1e-12)   # theory §11: in the gap
    assert gap[1] == 0.0
    # units: 4.84e12 m^-2 per unit of sigma/(e^2/h) at E = 1e4 V/m, v = 5e5 m/s
    assert units.e2_h * 1e4 / (units.e * 5e5) == pytest.approx(4.84e12, rel=1e-3)


# ---------------------------------------------------------------- lattices ------------------------- #

@pytest.mark.parametrize("u,C", [(-3.0, 0), (-1.5, 1), (-1.0, 1), (-0.5, 1), (0.5, -1), (1.0, -1), (1.5, -1),
                                 (3.0, 0), (-2.5, 0), (2.2, 0)])
def test_qwz_chern_numbers_by_region(u, C):
    assert ahe.qwz_chern_number(u) == C
    assert ahe.qwz_chern_number(u, nk=ahe.qwz_min_grid(u)) == C
    assert ref.chern_fhs_numpy(u, 60) == pytest.approx(C, abs=1e-8)
    assert isinstance(ahe.qwz_chern_number(u), int)


def test_weyl_lattice_hall_is_minus_k0_over_pi():
    """Stacked QWZ: sigma_yx = (e^2/h)(1/2pi) int dkz C(kz) = -(e^2/h) k0/pi per lattice constant (theory §5:
    exact on 60 midpoint slices for k0 = pi/3); a staircase within 1/nz otherwise."""
    assert ahe.weyl_lattice_hall(math.pi / 3, nz=60) == pytest.approx(-1 / 3, abs=1e-12)
    k0 = np.array([0.2, 0.7, 1.3, 2.1, 2.9])
    vals = ahe.weyl_lattice_hall(k0, nz=40)
    assert np.all(np.abs(vals + k0 / np.pi) <= 1 / 40 + 1e-12)
    assert ahe.weyl_lattice_hall(0.0) == 0.0


@pytest.mark.parametrize("u,nk,right", [(1.9, 5, -1), (-0.05, 5, 1)])
def test_qwz_chern_number_refuses_a_grid_too_coarse_for_the_gap(u, nk, right):
    """FHS counts wrong when the grid does not resolve the gap (the review's cases: 0 instead of -1 at u = 1.9,
    -1 instead of +1 at u = -0.05, on 5 x 5); the function raises instead, and its own grid counts right."""
    assert round(ref.chern_fhs_numpy(u, nk)) != right          # the raw FHS count on this grid is wrong
    with pytest.raises(ValueError, match=r"^nk must be >= "):
        ahe.qwz_chern_number(u, nk)
    assert ahe.qwz_chern_number(u) == right
    assert ahe.qwz_chern_number(u, ahe.qwz_min_grid(u)) == right


def test_qwz_min_grid_is_sufficient_on_a_sweep():
    """Every grid at or above qwz_min_grid(u) = ceil(5/gap) counts the right integer (theory §4),
    across all four phases and close to every transition; every coarser grid is refused."""
    us = np.concatenate([np.linspace(-3.3, 3.3, 67) + 0.0137,
                         [g + s * d for g in (-2.0, 0.0, 2.0) for s in (-1, 1) for d in (0.02, 0.07, 0.3)]])
    for u in us:
        right = 1 if -2 < u < 0 else (-1 if 0 < u < 2 else 0)
        need = ahe.qwz_min_grid(u)
        assert need == max(4, math.ceil(5 / min(abs(u + 2), abs(u), abs(u - 2))))
        for nk in {need, need + 1, need + 7, 2 * need}:
            assert ahe.qwz_chern_number(u, nk) == right, (u, nk)
        if need > 4:
            with pytest.raises(ValueError, match=r"^nk must"):
                ahe.qwz_chern_number(u, need - 1)
        assert ahe.qwz_chern_number(u) == right


def test_qwz_gap_is_the_minimum_of_d_over_the_zone():
    """The criterion uses min_k |d(k)| = min(|u+2|, |u|, |u-2|): check on a fine grid."""
    k = np.linspace(-np.pi, np.pi, 401)
    KX, KY = np.meshgrid(k, k)
    for u in (-3.1, -1.7, -1.0, -0.3, 0.2, 1.0, 1.55, 2.4):
        d = np.sqrt(np.sin(KX) ** 2 + np.sin(KY) ** 2 + (u + np.cos(KX) + np.cos(KY)) ** 2)
        assert d.min() == pytest.approx(ahe.qwz_gap(u), rel=1e-9)


def test_qwz_chern_number_refuses_to_guess_at_the_closing():
    with pytest.raises(ValueError, match=r"^u must"):
        ahe.qwz_chern_number(2.0 - 1e-3)                     # would need nk > 1024


@pytest.mark.parametrize("nk", [4, 8, 24])
def test_weyl_lattice_slices_are_exact_even_next_to_the_nodes(nk):
    """Slice by slice, C(kz) = -1 between the nodes and 0 outside; the sum must be exact on every slice, also
    for slices a hair away from a node (gap 1e-4, unresolvable on nk = 4) and for k0 near pi."""
    for nz in (7, 40, 80):
        kz = -np.pi + 2 * np.pi * (np.arange(nz) + 0.5) / nz
        for k0 in (0.3, 1.1, 2.6, 3.1, kz[nz // 2 + 2] + 1e-4, kz[nz // 2 + 1] - 1e-4):
            exact = -np.count_nonzero(np.abs(kz) < k0) / nz
            assert ahe.weyl_lattice_hall(k0, nz, nk) == pytest.approx(exact, abs=1e-12), (k0, nz)


def test_weyl_continuum_plateau_and_fermi_level_dependence():
    """Theory §5: Delta = 0 plateau -e^2 k0/(2 pi^2 hbar) for every mu; Delta = 0.5 b ratio
    table; k0 = 0.1/A gives 123.3 S/cm."""
    b, v = 100 * units.meV, 3e5
    k0 = b / (units.hbar * v)
    plateau = -units.e**2 * k0 / (2 * math.pi**2 * units.hbar)
    mu = np.array([0.0, 0.1, 0.5, 0.99, 1.5, 3.0]) * b
    assert np.allclose(ahe.weyl_continuum_hall(mu, b, 0.0, v) / plateau, 1.0, rtol=1e-10)
    D = 0.5 * b
    k0 = math.sqrt(b**2 - D**2) / (units.hbar * v)
    plateau = -units.e**2 * k0 / (2 * math.pi**2 * units.hbar)
    table = {0.1: 0.99925, 0.3: 0.99253, 0.45: 0.97940, 0.6: 0.94977, 0.9: 0.95589, 1.2: 1.00385, 1.6: 1.08384}
    got = ahe.weyl_continuum_hall(np.array(list(table)) * b, b, D, v) / plateau
    assert np.allclose(got, list(table.values()), atol=1e-5)                  # 5 printed digits
    # units: |sigma_xy| = e^2 k0/(2 pi^2 hbar) with k0 = 0.1 / A
    vk = 0.1 / units.angstrom * units.hbar * v
    assert abs(ahe.weyl_continuum_hall(0.0, vk, 0.0, v)) / 100 == pytest.approx(123.3, rel=1e-3)
    assert (ahe.weyl_continuum_hall(0.4 * b, b, D, v) == ahe.weyl_continuum_hall(-0.4 * b, b, D, v))


def test_weyl_continuum_against_fermi_sea_double_integral():
    """Independent: -(e^2/hbar) int dkz/2pi int k dk/2pi (v^2 m_t/2 eps^3) theta(eps - |mu|) summed over t,
    minus the vacuum (mu = 0) part, by scipy quad, at Delta = 0.5 b, mu = 0.6 b (hbar = v = b = 1)."""
    from scipy import integrate
    D, mu = 0.5, 0.6

    def slice_sum(q):                      # sum_t int_{eps_t > mu} k dk m/(2 eps^3) - the mu = 0 value
        out = 0.0
        for t in (-1, 1):
            m = 1 + t * math.hypot(q, D)
            kmin = math.sqrt(max(mu**2 - m**2, 0.0))
            inner = integrate.quad(lambda k: k * m / (2 * (k * k + m * m) ** 1.5), kmin, np.inf, epsabs=1e-13)[0]
            out += inner - 0.5 * math.copysign(1, m)
        return out

    q0 = math.sqrt(1 - D**2)
    q_hi = math.sqrt((1 + mu) ** 2 - D**2)             # beyond it |m_-| > mu: the slice sum vanishes
    rest = 2 * integrate.quad(slice_sum, 0, 3.0, points=[q0, q_hi], limit=200)[0]
    # sigma = -(e^2/hbar)(1/4pi^2)[sum_t int dq sgn(m_t)/2 + rest], sum_t sgn/2 integrates to 2 q0
    expected = -(2 * q0 + rest) / (4 * math.pi**2)
    got = ahe.weyl_continuum_hall(mu * units.meV, units.meV, D * units.meV, units.meV / units.hbar)
    got /= units.e**2 / units.hbar                        # b/(hbar v) = 1 per metre: sigma in e^2/hbar
    assert got == pytest.approx(expected, rel=1e-7)


# ---------------------------------------------------------------- bad input ------------------------ #

@pytest.mark.parametrize("call,name", [
    (lambda: ahe.massive_dirac_hall(np.nan, 1.0), "eF"),
    (lambda: ahe.massive_dirac_hall(1.0, np.inf), "M"),
    (lambda: ahe.massive_dirac_hall(1.0, [1.0, 2.0]), "M"),
    (lambda: ahe.hall_conductivities(2.0, 1.0, 0.0), "alpha"),
    (lambda: ahe.hall_conductivities(2.0, 1.0, 0.1, T=-1.0), "T"),
    (lambda: ahe.hall_conductivities(2.0, 1.0, 0.1, g=np.nan), "g"),
    (lambda: ahe.sigma_xx(2.0, 1.0, -0.1), "alpha"),
    (lambda: ahe.qwz_chern_number(0.0), "u"),
    (lambda: ahe.qwz_chern_number(-1.0, nk=2), "nk"),
    (lambda: ahe.qwz_chern_number(-1.0, nk=10.5), "nk"),
    (lambda: ahe.weyl_lattice_hall(4.0), "k0"),
    (lambda: ahe.weyl_lattice_hall(1.0, nz=1), "nz"),
    (lambda: ahe.weyl_continuum_hall(0.0, 1.0, 2.0, 3e5), "b"),
    (lambda: ahe.weyl_continuum_hall(0.0, 1.0, -0.1, 3e5), "Delta"),
    (lambda: ahe.weyl_continuum_hall(0.0, 1.0, 0.1, 0.0), "v_F"),
    (lambda: ahe.fermi_circle_transport(0.5, 1.0, 0.1), "eF"),
    (lambda: ahe.fermi_circle_transport(2.0, 0.0, 0.1, g=0.1), "M"),
    (lambda: ahe.berry_curvature_dirac(0.1, 0.1, 1.0, -1.0), "v_F"),
    (lambda: ahe.berry_curvature_dirac(0.1, 0.1, 1.0, 1.0, band=0), "band"),
    (lambda: ahe.berry_curvature_grid(np.zeros((3, 3, 2)), 1.0, 1.0), "H"),
    (lambda: ahe.berry_curvature_grid(np.tile(ref.sy @ ref.sx, (3, 3, 1, 1)), 1.0, 1.0), "H"),
    (lambda: ahe.spin_density(2.0, 1.0, 0.1, np.array([1.0, 0.0, 0.0]), 3e5), "E"),
    (lambda: ahe.spin_density_terms(0.5, 1.0, 0.1, np.array([1.0, 0.0]), 3e5), "eF"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, name):
    # anchored: the message must start with the parameter's name (a bare match=name would accept "M" anywhere)
    with pytest.raises(ValueError, match=rf"^{name} must"):
        call()
