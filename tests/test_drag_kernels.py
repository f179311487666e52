"""Internal checks of the dragbook.drag kernels and quadrature (the public API is tested in test_drag.py).

References are written differently from the kernels: scipy.integrate in SI variables, sum rules, limits and
identities of docs/theory/coulomb-drag.md (§4, §8), never numbers taken from the code's own output.
"""

import math

import numpy as np
import pytest
from scipy import integrate

from dragbook import drag, units
from dragbook._quadrature import gauss_legendre

A_TI = 4.1 * units.eV_angstrom
KF_37 = 0.5 / units.nm                       # docs/theory/coulomb-drag.md §6 kernel test point: k_F = 0.5 nm^-1, A = 4.1 eV A
N_37 = KF_37**2 / (4 * math.pi)


def dirac(n=N_37, M=30 * units.meV, A=A_TI, g=1):
    return drag.DiracLayer(n, A, M, g)


def gaas(n=1.5e11 * units.per_cm2):
    return drag.ParabolicLayer(n, 0.067)


def paper_bilayer(d_nm=10.0):
    layer = drag.DiracLayer(1e12 * units.per_cm2, A_TI, 10 * units.meV)
    return drag.Bilayer(layer, layer, d_nm * units.nm, 20.0)


SAMPLES_37 = [(0.2, 0.3), (0.6, 0.5), (1.4, 0.2), (0.1, 0.8)]     # (q/k_F, omega/(v q)), docs/theory/coulomb-drag.md §6


def _q_omega(layer, x, nu):
    q = x * layer.k_F
    return q, nu * layer.A * q / units.hbar if isinstance(layer, drag.DiracLayer) else nu * layer.v_F * q


@pytest.mark.parametrize("x, nu", SAMPLES_37)
def test_dirac_finite_T_kernel_tends_to_closed_form(x, nu):
    """docs/theory/coulomb-drag.md §6: (K1) at T -> 0 equals ((4.1) at T = 0) (reference: about 1e-3 at 0.05 K)."""
    layer = dirac()
    q, w = _q_omega(layer, x, nu)
    assert layer.minus_im_chi(q, w, T=0.05) == pytest.approx(layer.minus_im_chi(q, w), rel=1e-3)


@pytest.mark.parametrize("x, nu", [(0.2, 0.3), (0.6, 0.5), (1.4, 0.2), (2.2, 1.5)])
def test_parabolic_finite_T_kernel_tends_to_stern(x, nu):
    """docs/theory/coulomb-drag.md §4: the t-integral form at T -> 0 equals Stern's closed form."""
    layer = gaas()
    q, w = _q_omega(layer, x, nu)
    assert layer.minus_im_chi(q, w, T=0.01) == pytest.approx(layer.minus_im_chi(q, w), rel=1e-3)


@pytest.mark.parametrize("layer", [dirac(), gaas()], ids=["dirac", "2deg"])
@pytest.mark.parametrize("x, nu", SAMPLES_37)
def test_finite_T_kernel_obeys_maldague_identity(layer, x, nu):
    """Finite-T -Im chi is the thermal average over mu' of the T = 0 one (Maldague 1978; docs/theory/coulomb-drag.md §4),
    mu(T) from the fixed-density condition; reference by scipy quad over mu' in SI."""
    T = 60.0 if isinstance(layer, drag.DiracLayer) else 10.0
    kT = units.k_B * T
    mu = layer.chemical_potential(T)
    q, w = _q_omega(layer, x, nu)
    scale = layer.minus_im_chi(q, w)

    def at_mu(mu_prime):           # a layer of the same kind whose T = 0 chemical potential is mu_prime
        if isinstance(layer, drag.DiracLayer):
            if mu_prime <= abs(layer.M):
                return 0.0
            n = (mu_prime**2 - layer.M**2) / layer.A**2 / (4 * math.pi)
            other = drag.DiracLayer(n, layer.A, layer.M)
        else:
            if mu_prime <= 0:
                return 0.0
            n = mu_prime * layer.dos
            other = drag.ParabolicLayer(n, layer.m_eff, layer.g)
        return other.minus_im_chi(q, w) / scale

    weight = lambda mp: at_mu(mp) / (4 * kT * math.cosh((mp - mu) / (2 * kT)) ** 2)
    ref = integrate.quad(weight, mu - 40 * kT, mu + 40 * kT, points=[mu], limit=400, epsrel=1e-9)[0]
    assert layer.minus_im_chi(q, w, T=T) / scale == pytest.approx(ref, rel=1e-5)


@pytest.mark.parametrize("T", [0.0, 20.0])
def test_parabolic_minus_im_chi_obeys_f_sum_rule(T):
    """f-sum rule: int_0^inf d omega omega (-Im chi) = pi n q^2/(2m), at T = 0 and T > 0."""
    layer = gaas()
    m = layer.m_eff * units.m_e
    for x in (0.3, 1.0, 2.5):
        q = x * layer.k_F
        w_max = (layer.v_F * q + units.hbar * q**2 / (2 * m)) * (1 + 0.5 * (T > 0))
        f = lambda w: w * layer.minus_im_chi(q, w, T=T)
        val = integrate.quad(f, 0, w_max, limit=400, epsrel=1e-8)[0]
        if T > 0:
            val += integrate.quad(f, w_max, 10 * w_max, limit=400, epsrel=1e-8)[0]
        assert val == pytest.approx(math.pi * layer.density * q**2 / (2 * m), rel=1e-4)


@pytest.mark.parametrize("T", [0.0, 30.0])
@pytest.mark.parametrize("layer", [dirac(), gaas()], ids=["dirac", "2deg"])
def test_minus_im_chi_is_odd_in_omega(layer, T):
    """docs/theory/coulomb-drag.md §2 / §6: Im chi(q, -omega) = -Im chi(q, omega); zero at omega = 0."""
    q = 0.7 * layer.k_F
    w = np.array([0.05, 0.3, 0.9]) * layer.v_F * q
    np.testing.assert_allclose(layer.minus_im_chi(q, -w, T=T), -layer.minus_im_chi(q, w, T=T), rtol=1e-12)
    assert layer.minus_im_chi(q, 0.0, T=T) == 0.0


def test_dirac_massless_limit_is_graphene_form():
    """docs/theory/coulomb-drag.md §4: for M = 0, ((4.1) at T = 0) equals Q^2/(16 pi A^2 sqrt(Q^2 - W^2)) [F((2mu+W)/Q) - F((2mu-W)/Q)]."""
    layer = dirac(M=0.0)
    F = lambda z: z * math.sqrt(z * z - 1) - math.acosh(z)
    for x, nu in ((0.3, 0.2), (1.2, 0.4)):
        q, w = _q_omega(layer, x, nu)
        Q, W, mu = layer.A * q, units.hbar * w, layer.mu
        ref = Q**2 / (16 * math.pi * layer.A**2 * math.sqrt(Q * Q - W * W)) * (F((2 * mu + W) / Q) - F((2 * mu - W) / Q))
        assert layer.minus_im_chi(q, w) == pytest.approx(ref, rel=1e-10)


def test_dirac_heavy_mass_limit_is_2deg():
    """docs/theory/coulomb-drag.md §6: M >> A k_F gives a g = 1 2DEG with m = hbar^2 M/A^2 (measured from the band edge)."""
    M = 1 * units.eV
    heavy = dirac(n=1e11 * units.per_cm2, M=M)
    m_eff = units.hbar**2 * M / heavy.A**2 / units.m_e
    parabolic = drag.ParabolicLayer(heavy.density, m_eff, g=1)
    for x, nu in ((0.3, 0.2), (1.0, 0.5), (1.8, 0.1)):
        q = x * heavy.k_F
        w = nu * parabolic.v_F * q
        assert heavy.minus_im_chi(q, w) == pytest.approx(parabolic.minus_im_chi(q, w), rel=1e-2)


@pytest.mark.parametrize("ratio, expected", [(1.9, 1.0000), (2.2, 1.0127), (3.0, 1.2292), (5.0, 1.9470)])
def test_dirac_static_polarization_matches_k_sum(ratio, expected):
    """docs/theory/coulomb-drag.md §6: Pi(q,0)/nu from a brute-force intra+interband k-sum (M = 40 meV, k_F = 0.5 nm^-1)."""
    layer = dirac(M=40 * units.meV)
    assert layer.static_polarization(ratio * layer.k_F) / layer.dos == pytest.approx(expected, abs=5e-4)


def test_rho_drag_is_symmetric_under_layer_exchange():
    """docs/theory/coulomb-drag.md §6: rho_xx(a <-> p) = rho_xx for unlike layers (2DEG and Dirac, different densities)."""
    a, p = gaas(3e11 * units.per_cm2), dirac(n=2e12 * units.per_cm2, M=20 * units.meV)
    T = np.array([0.5, 5.0, 40.0])
    for kernel in ("fast", "exact"):
        ap = drag.rho_drag(drag.Bilayer(a, p, 15 * units.nm, 10.0), T, kernel=kernel)
        pa = drag.rho_drag(drag.Bilayer(p, a, 15 * units.nm, 10.0), T, kernel=kernel)
        np.testing.assert_allclose(ap, pa, rtol=1e-9)


@pytest.mark.slow
def test_drag_integrand_integrates_to_rho_drag():
    """Composite Gauss-Legendre of rho_drag against scipy's adaptive quadrature of drag_integrand."""
    bilayer = paper_bilayer(20.0)
    T = 10.0
    layer = bilayer.active
    w_T = 2 * units.k_B * T / units.hbar                      # omega = w_T y
    q_max = 2 * layer.k_F + 60 * units.k_B * T / (units.hbar * layer.v_F)
    inner = lambda q: integrate.quad(lambda y: drag.drag_integrand(bilayer, T, q, w_T * y), 0, 25,
                                     limit=200, epsrel=1e-6)[0] * w_T
    ref = integrate.quad(inner, 0, q_max, points=[2 * layer.k_F], limit=200, epsrel=1e-5)[0]
    assert drag.rho_drag(bilayer, T) == pytest.approx(ref, rel=1e-4, abs=0)


@pytest.fixture
def fine_quadrature(monkeypatch):
    """Self-convergence reference: 16 nodes in every composite rule, the thermal window widened to +-40 k_BT
    on finer panels, and the continuum edges graded all the way down to their thermal width."""
    for name, n in (("Q", 16), ("Y", 16), ("YT", 16), ("E", 16)):
        x, w = gauss_legendre(n)
        monkeypatch.setattr(drag, f"_G{name}", x)
        monkeypatch.setattr(drag, f"_W{name}", w)
    monkeypatch.setattr(drag, "_THERMAL_OFFSETS", np.array([-40.0, -10.0, -3.0, 0.0, 3.0, 10.0, 40.0]))
    monkeypatch.setattr(drag, "_Y_FLOOR", 0.0)


CONVERGENCE_CASES = {
    "paper_d10": (paper_bilayer(10.0), [0.5, 5.0, 80.0]),
    "paper_d40": (paper_bilayer(40.0), [0.5, 5.0, 80.0]),
    "gaas_d80": (drag.Bilayer(gaas(), gaas(), 80 * units.nm, 12.9), [0.1, 0.5, 5.0]),
    "weak_screening": (drag.Bilayer(dirac(M=0.0), dirac(M=0.0), 100 * units.nm, 5000.0), [0.05, 1.0]),
    # nondegenerate layers, T = 2.4 and 12 T_F: the continuum's width is the thermal velocity times q
    "hot_2deg": (drag.Bilayer(gaas(1e10 * units.per_cm2), gaas(1e10 * units.per_cm2), 200 * units.nm, 20.0),
                 [10.0, 50.0]),
    # mu(T) in the gap at 100 K: screened by the thermal compressibility, not by the undoped Pi ~ q^2
    "hot_heavy_dirac": (drag.Bilayer(dirac(n=5e10 * units.per_cm2, M=100 * units.meV),
                                     dirac(n=5e10 * units.per_cm2, M=100 * units.meV), 200 * units.nm, 20.0),
                        [30.0, 100.0]),
}


@pytest.mark.parametrize("case", CONVERGENCE_CASES)
def test_quadrature_is_converged(case, request):
    """docs/theory/coulomb-drag.md §8: the production grid agrees with a doubled grid to 1e-4 (rho_xx and rho_yx; both kernels, but
    above T_F only the exact one, which kernel="auto" uses there)."""
    bilayer, T = CONVERGENCE_CASES[case]
    kernels = ("exact",) if case.startswith("hot") else ("fast", "exact")
    hall = isinstance(bilayer.passive, drag.DiracLayer) and bilayer.passive.M != 0
    coarse = [drag.rho_drag(bilayer, T, kernel=k) for k in kernels]
    coarse_h = [drag.rho_hall_drag(bilayer, T, units.ps, kernel=k) for k in kernels] if hall else []
    request.getfixturevalue("fine_quadrature")
    np.testing.assert_allclose(coarse, [drag.rho_drag(bilayer, T, kernel=k) for k in kernels], rtol=1e-4)
    if hall:
        np.testing.assert_allclose(
            coarse_h, [drag.rho_hall_drag(bilayer, T, units.ps, kernel=k) for k in kernels], rtol=1e-4)


def test_dirac_chemical_potential_follows_sommerfeld():
    """docs/theory/coulomb-drag.md §4: mu(T) = E_F - (pi^2/6)(k_BT)^2 nu'/nu + O(T^4); nu ∝ E for a Dirac cone."""
    layer = dirac(n=1e12 * units.per_cm2, M=10 * units.meV)
    T = 20.0
    shift = layer.chemical_potential(T) - layer.mu
    assert shift == pytest.approx(-(math.pi**2 / 6) * (units.k_B * T) ** 2 / layer.mu, rel=1e-3, abs=0)


def test_drag_resistivities_is_rho_drag_and_rho_hall_drag_in_one_pass():
    """drag_resistivities returns exactly what the two separate calls return (same grid, one pass)."""
    A, n = 4.1 * units.eV_angstrom, 1e12 * units.per_cm2
    bilayer = drag.Bilayer(drag.DiracLayer(n, A, 10 * units.meV), drag.DiracLayer(2 * n, A, 30 * units.meV),
                           20 * units.nm, 20.0)
    T, tau = np.array([2.0, 30.0]), 0.1 * units.ps
    xx, yx = drag.drag_resistivities(bilayer, T, tau)
    assert np.array_equal(xx, drag.rho_drag(bilayer, T))
    assert np.array_equal(yx, drag.rho_hall_drag(bilayer, T, tau))


CURVE_CASES = {
    "paper_d10": paper_bilayer(10.0),
    "heavy_mass_low_density": drag.Bilayer(dirac(n=1e11 * units.per_cm2, M=100 * units.meV),
                                           dirac(n=1e11 * units.per_cm2, M=100 * units.meV), 10 * units.nm, 20.0),
    "gaas_d30": drag.Bilayer(gaas(), gaas(), 30 * units.nm, 12.9),
}


@pytest.fixture
def count_exact_temperatures(monkeypatch):
    """Counts the temperatures that reach the finite-T kernels (wrapping drag._profile_kernel)."""
    seen = []
    original = drag._profile_kernel

    def counting(ts, exact, *args):
        seen.append(int(np.count_nonzero(exact)))
        return original(ts, exact, *args)

    monkeypatch.setattr(drag, "_profile_kernel", counting)
    return seen


@pytest.mark.parametrize("case", CURVE_CASES)
def test_curve_interpolation_in_ln_T_matches_pointwise_evaluation(case, count_exact_temperatures):
    """A 40-point curve (interpolated from Chebyshev nodes in ln T on the finite-T stretches) equals the same
    temperatures computed one by one, to 3e-5: well inside the quadrature's 1e-4 (docs/theory/coulomb-drag.md §8)."""
    bilayer = CURVE_CASES[case]
    T = np.geomspace(0.5, 100.0, 40)
    hall = isinstance(bilayer.passive, drag.DiracLayer)
    curve = drag.drag_resistivities(bilayer, T, units.ps) if hall else (drag.rho_drag(bilayer, T),)
    n_exact_curve = sum(count_exact_temperatures)
    pointwise = [np.array([float(f) for f in (drag.drag_resistivities(bilayer, t, units.ps) if hall
                                              else (drag.rho_drag(bilayer, t),))]) for t in T]
    np.testing.assert_allclose(np.array(curve).T, np.array(pointwise), rtol=3e-5, atol=0)
    n_hot = int(np.count_nonzero(drag._exact_flags(bilayer, T, "auto")))
    if case == "paper_d10":   # smooth in ln T: the interpolant passes its checks and saves evaluations
        assert n_exact_curve < n_hot


def test_curve_falls_back_to_direct_evaluation_when_checks_fail(monkeypatch):
    """With an unreachable check tolerance every finite-T temperature is computed directly: bit-identical."""
    bilayer = paper_bilayer(10.0)
    T = np.geomspace(5.0, 80.0, 30)
    monkeypatch.setattr(drag, "_CURVE_TOL", 0.0)
    direct = drag.rho_drag(bilayer, T)
    monkeypatch.setattr(drag, "_CURVE_NODES", 10**6)      # never interpolate
    assert np.array_equal(direct, drag.rho_drag(bilayer, T))


PROFILE_CASES = {   # bilayer, d range (nm), eps_r range, temperatures (fast and exact kernels)
    "dirac_unequal_masses": (drag.Bilayer(dirac(n=1e12 * units.per_cm2, M=10 * units.meV),
                                          dirac(n=1e12 * units.per_cm2, M=40 * units.meV), 10 * units.nm, 20.0),
                             (2.0, 200.0), (1.0, 100.0), [0.5, 5.0, 40.0]),
    "gaas_unequal_densities": (drag.Bilayer(gaas(), gaas(2e11 * units.per_cm2), 30 * units.nm, 12.9),
                               (10.0, 300.0), (5.0, 50.0), [0.2, 2.0, 10.0]),
}


@pytest.mark.parametrize("case", PROFILE_CASES)
def test_profile_serves_every_d_and_eps_r_of_its_ranges(case):
    """One DragProfile, whose q grid serves the whole (d, eps_r) ranges, equals rho_drag and rho_hall_drag of
    the bilayer built at the ends and the middle of both ranges to 1e-4: two different grids, both converged
    (docs/theory/coulomb-drag.md §8), and d, eps_r entering only through the Coulomb weight (docs/theory/coulomb-drag.md §8)."""
    bilayer, (d_lo, d_hi), (e_lo, e_hi), T = PROFILE_CASES[case]
    profile = drag.DragProfile(bilayer, T, d_range=(d_lo * units.nm, d_hi * units.nm), eps_r_range=(e_lo, e_hi))
    hall = isinstance(bilayer.passive, drag.DiracLayer)
    for d_nm in (d_lo, math.sqrt(d_lo * d_hi), d_hi):
        for eps_r in (e_lo, math.sqrt(e_lo * e_hi), e_hi):
            own = drag.Bilayer(bilayer.active, bilayer.passive, d_nm * units.nm, eps_r)
            if hall:
                np.testing.assert_allclose(profile.drag_resistivities(units.ps, d_nm * units.nm, eps_r),
                                           drag.drag_resistivities(own, T, units.ps), rtol=1e-4, atol=0)
            else:
                np.testing.assert_allclose(profile.rho_drag(d_nm * units.nm, eps_r), drag.rho_drag(own, T),
                                           rtol=1e-4, atol=0)


def test_profile_computes_frequency_integrals_once(count_exact_temperatures):
    """After the first evaluation, new d and eps_r values reuse the stored q-node integrals: no kernel call."""
    calls = count_exact_temperatures          # one entry per _profile_kernel call
    T = np.geomspace(0.5, 80.0, 40)
    profile = drag.DragProfile(paper_bilayer(), T, d_range=(5 * units.nm, 50 * units.nm), eps_r_range=(5, 50))
    first = profile.rho_drag()
    n_calls = len(calls)
    for d_nm, eps_r in ((5.0, 50.0), (50.0, 5.0), (10.0, 20.0)):
        profile.rho_drag(d_nm * units.nm, eps_r)
    assert len(calls) == n_calls
    assert np.array_equal(profile.rho_drag(10 * units.nm, 20.0), first)


def test_profile_computed_in_steps_is_the_profile_computed_at_once(monkeypatch):
    """compute_steps (idle work in the explorers) computes one temperature per kernel call, including the
    Chebyshev nodes of an interpolated finite-T stretch, and then gives what compute() gives; afterwards the
    profile is computed and a new d calls no kernel."""
    sizes = []                                    # temperatures per _profile_kernel call
    original = drag._profile_kernel
    monkeypatch.setattr(drag, "_profile_kernel", lambda ts, *args: sizes.append(ts.size) or original(ts, *args))
    T = np.geomspace(0.5, 80.0, 40)
    ranges = {"d_range": (5 * units.nm, 50 * units.nm), "eps_r_range": (5, 50)}
    stepped = drag.DragProfile(paper_bilayer(), T, **ranges)
    assert not stepped.computed
    steps = sum(1 for _ in stepped.compute_steps())
    assert stepped.computed and sizes == [1] * steps
    assert steps < T.size                         # the finite-T stretch costs its nodes, not its members
    sizes.clear()
    rho = stepped.rho_drag(20 * units.nm, 10.0)
    assert not sizes
    at_once = drag.DragProfile(paper_bilayer(), T, **ranges).compute()
    np.testing.assert_allclose(rho, at_once.rho_drag(20 * units.nm, 10.0), rtol=1e-13)


def test_profile_rejects_values_outside_its_ranges():
    profile = drag.DragProfile(paper_bilayer(), 5.0, d_range=(5 * units.nm, 50 * units.nm))
    with pytest.raises(ValueError, match="d must be in"):
        profile.rho_drag(d=60 * units.nm)
    with pytest.raises(ValueError, match="eps_r must be in"):
        profile.rho_drag(eps_r=21.0)          # eps_r_range defaults to the bilayer's 20
    with pytest.raises(ValueError, match="d must be in"):      # the bilayer's own d outside the range
        drag.DragProfile(paper_bilayer(10.0), 5.0, d_range=(20 * units.nm, 50 * units.nm)).rho_drag()
    with pytest.raises(ValueError, match="d_range must be"):
        drag.DragProfile(paper_bilayer(), 5.0, d_range=(50 * units.nm, 5 * units.nm))
    with pytest.raises(ValueError, match="eps_r_range must be > 0"):
        drag.DragProfile(paper_bilayer(), 5.0, eps_r_range=(-1.0, 5.0))
