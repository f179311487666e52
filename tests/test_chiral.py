"""Physics tests of dragbook.chiral against the paper (Sekine, Culcer, MacDonald 2017) and the derivations of
docs/theory/chiral-anomaly.md.

Expected values are closed forms written here (Sommerfeld series, spherical-cap integral, the scheme table
of the theory page §6, Drude and Lorentz laws), numbers from independent re-derivations (throw-away scripts
of the derivations' author, not dragbook output), exact symmetries, or independent references built here: the Berry
curvature from finite differences of the band projector of the 4x4 Hamiltonian, spinor overlaps from
numpy eigenvectors of Eq. (69), and a brute-force Boltzmann solve on an explicit (k_z, phi) grid with a
dense collision matrix. No number printed by dragbook is pasted back.
"""

import math

import numpy as np
import pytest

from dragbook import chiral, units

meV, hbar, e, k_B = units.meV, units.hbar, units.e, units.k_B
nm = 1e-9
V_F = 3e5
B_PAPER, MU = 100 * meV, 20 * meV          # b = 100 meV, mu = 20 meV (the notebook's defaults)


def approx(expected, rel=None, abs=0.0):
    """pytest.approx with no hidden absolute tolerance (SI numbers here are tiny or huge)."""
    return pytest.approx(expected, rel=rel, abs=abs)


def sommerfeld_series(t):
    """mu^2 ∫(-f')/eps^2 = 1 + pi^2 t^2 + (7 pi^4/3) t^4 + (31 pi^6/3) t^6 (moments of -f', docs/theory/chiral-anomaly.md §9)."""
    return 1 + math.pi**2 * t**2 + 7 * math.pi**4 / 3 * t**4 + 31 * math.pi**6 / 3 * t**6


# --------------------------------------------------------------------------------------------------------
# Model identities (theory page §1)
# --------------------------------------------------------------------------------------------------------
# test point, natural units hbar v_F = 1.3 meV nm, b = 0.7 meV, Delta = 0.3 meV, k in 1/nm
V_TEST = 1.3 * meV * nm / hbar
K_TEST = np.array([0.21, -0.13, 0.4]) / nm


def test_bands_are_the_eigenvalues_of_the_4x4_hamiltonian():
    rng = np.random.default_rng(1)
    for _ in range(5):
        k = rng.normal(size=3) / nm
        H = chiral.hamiltonian(*k, V_TEST, 0.7 * meV, 0.3 * meV)
        assert np.allclose(H, H.conj().T, rtol=0, atol=1e-14 * np.abs(H).max())   # H in joules, ~1e-22
        expected = np.linalg.eigvalsh(H)
        assert np.allclose(chiral.bands(*k, V_TEST, 0.7 * meV, 0.3 * meV), expected, rtol=0, atol=1e-12 * meV)


def _projector_curvature(k, band_index, h=1e-5 / nm):
    """Omega_a = i Tr(P [d_b P, d_c P]) of the 4x4 Eq. (69) band ``band_index`` (sorted), central differences."""
    def P(kk):
        w, U = np.linalg.eigh(chiral.hamiltonian(*kk, V_TEST, 0.7 * meV, 0.3 * meV))
        u = U[:, band_index]
        return np.outer(u, u.conj())
    dP = []
    for a in range(3):
        dk = np.zeros(3)
        dk[a] = h
        dP.append((P(k + dk) - P(k - dk)) / (2 * h))
    P0 = P(k)
    om = [1j * np.trace(P0 @ (dP[b] @ dP[c] - dP[c] @ dP[b])) for b, c in ((1, 2), (2, 0), (0, 1))]
    return np.real(om)


def test_berry_curvature_is_the_corrected_eq73():
    """docs/theory/chiral-anomaly.md §1: numerical curvature (5.2587, -3.2554, -2.2164) nm^2; the printed Eq. (73) fails."""
    # conduction band of block t = -: energy eps_-, index 2 of the sorted 4x4 spectrum
    numeric = _projector_curvature(K_TEST, 2)
    analytic = chiral.berry_curvature(*K_TEST, -1, V_TEST, 0.7 * meV, 0.3 * meV)
    assert analytic / nm**2 == approx(numeric / nm**2, rel=1e-6)     # finite-difference error ~1e-8
    assert analytic / nm**2 == approx([5.2587, -3.2554, -2.2164], abs=2e-4)
    # the printed in-plane form, -m' v^3 k_x / (2 eps^2) in these units, is off by more than a factor 2
    kz = K_TEST[2] * nm
    E = math.hypot(1.3 * kz, 0.3)
    m, dm = 0.7 - E, -1.3**2 * kz / E
    eps = math.sqrt(1.3**2 * (0.21**2 + 0.13**2) + m**2)
    printed_x = -dm * 1.3**3 * 0.21 / (2 * eps**2)
    assert printed_x == approx(2.298, abs=2e-3)
    assert abs(printed_x - analytic[0] / nm**2) > 2.0


def test_lower_band_curvature_is_opposite_and_t_plus_block_matches_projector():
    numeric = _projector_curvature(K_TEST, 3)      # upper band of t = + (energy eps_+)
    analytic = chiral.berry_curvature(*K_TEST, 1, V_TEST, 0.7 * meV, 0.3 * meV)
    assert analytic == approx(numeric, rel=1e-6)
    lower = chiral.berry_curvature(*K_TEST, -1, V_TEST, 0.7 * meV, 0.3 * meV, band=-1)
    assert lower == approx(-chiral.berry_curvature(*K_TEST, -1, V_TEST, 0.7 * meV, 0.3 * meV), rel=1e-14)


def test_node_wavevector_and_mass_zero_there():
    k0 = chiral.node_wavevector(V_F, B_PAPER, 0.3 * B_PAPER)
    assert k0 == approx(math.sqrt(1 - 0.09) * B_PAPER / (hbar * V_F), rel=1e-14)
    assert chiral.mass(k0, -1, V_F, B_PAPER, 0.3 * B_PAPER) == approx(0.0, abs=1e-12 * B_PAPER)


@pytest.mark.parametrize("Delta", [0.0, 0.3])
def test_separated_pockets_carry_opposite_unit_charges(Delta):
    """docs/theory/chiral-anomaly.md §1: Berry flux ±2 pi per separated pocket."""
    pk = chiral.pockets(0.2 * B_PAPER, V_F, B_PAPER, Delta * B_PAPER)
    assert len(pk) == 2
    assert [p.charge for p in pk] == approx([1.0, -1.0], abs=1e-12)
    k0 = chiral.node_wavevector(V_F, B_PAPER, Delta * B_PAPER)
    assert pk[1].kz_lo < k0 < pk[1].kz_hi


def test_overlapping_weyl_spheres_at_delta_zero_keep_their_charges():
    """Delta = 0: tau_z commutes with H, the spheres |k -+ k_0 z| = mu/hbar v_F overlap for mu > b but never merge;
    each is a single cone of chirality -+1 (the old code returned two pockets of charge 0 at mu = 1.2 b)."""
    mu = 1.2 * B_PAPER
    pk = chiral.pockets(mu, V_F, B_PAPER, 0.0)
    k0, radius = B_PAPER / (hbar * V_F), mu / (hbar * V_F)
    assert [round(p.charge) for p in pk] == [1, -1]
    assert [p.charge for p in pk] == approx([1.0, -1.0], abs=1e-12)
    assert [(p.kz_lo, p.kz_hi) for p in pk] == [approx((-k0 - radius, -k0 + radius), rel=1e-12),
                                                approx((k0 - radius, k0 + radius), rel=1e-12)]
    assert pk[0].kz_hi > pk[1].kz_lo                                  # they overlap
    for p in pk:                                                      # flux from the sector's own mass b + Q v k_z
        kz = np.linspace(p.kz_lo, p.kz_hi, 2001)
        dm = np.gradient(B_PAPER + round(p.charge) * hbar * V_F * kz, kz)
        assert -(-np.pi / mu * np.trapezoid(dm, kz)) / (2 * np.pi) == approx(p.charge, rel=1e-9)


def test_merged_pocket_has_zero_charge():
    """mu > mu_L = b - Delta: one t = - pocket through k_z = 0, Q = 0; t = + appears above b + Delta."""
    pk = chiral.pockets(0.6 * B_PAPER, V_F, B_PAPER, 0.5 * B_PAPER)
    assert len(pk) == 1 and pk[0].kz_lo == approx(-pk[0].kz_hi, rel=1e-14)
    assert pk[0].charge == approx(0.0, abs=1e-12)
    pk = chiral.pockets(1.7 * B_PAPER, V_F, B_PAPER, 0.5 * B_PAPER)
    assert [p.t for p in pk] == [-1, 1] and all(abs(p.charge) < 1e-12 for p in pk)


# --------------------------------------------------------------------------------------------------------
# Pumping and CME (theory page §4, §5)
# --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("Delta", [0.0, 0.5])
def test_paper_pumping_is_two_thirds_of_the_topological_rate(Delta):
    """docs/theory/chiral-anomaly.md §4 (any anisotropy); consistent scheme pumps Q e^2 E.B/(4 pi^2 hbar^2) per valley."""
    s = chiral.FermiSurfaceSolver(0.1 * B_PAPER, V_F, B_PAPER, Delta * B_PAPER, 1e-13, 0.01)
    full, paper = s.pumping("consistent"), s.pumping("paper")
    charges = [p.charge for p in chiral.pockets(0.1 * B_PAPER, V_F, B_PAPER, Delta * B_PAPER)]
    assert full == approx(charges, rel=1e-12)
    assert paper / full == approx([2 / 3, 2 / 3], rel=1e-12)
    assert s.pumping("paper-proper-inverse") == approx(paper, rel=1e-15)


def test_anomaly_drivings_and_weights_against_finite_differences():
    """docs/theory/chiral-anomaly.md §4: the solver's drivings and current weights on its rings (anisotropic, Delta = 0.4 b)
    equal (e^2/hbar) x {v.Omega, v_x Omega_x, v_x Omega_z, eps d_a Omega_z/hbar} with v = grad(eps)/hbar from
    central differences of the bands and d Omega from central differences of the curvature (h ~ 1e-6 k)."""
    b, Delta, mu = B_PAPER, 0.4 * B_PAPER, 0.2 * B_PAPER
    s = chiral.FermiSurfaceSolver(mu, V_F, b, Delta, 1e-13, 0.01)
    g = s.rings()
    kx, kz = g["kperp"], g["kz"]
    h = 1e-6 * np.max(abs(kz))
    eps = lambda x, z: chiral.bands(x, 0.0, z, V_F, b, Delta)[..., 2]       # conduction band of t = -
    assert eps(kx, kz) == approx(np.full_like(kz, mu), rel=1e-12)
    vx = (eps(kx + h, kz) - eps(kx - h, kz)) / (2 * h * hbar)
    vz = (eps(kx, kz + h) - eps(kx, kz - h)) / (2 * h * hbar)
    om = chiral.berry_curvature(kx, 0.0, kz, -1, V_F, b, Delta)
    d_x = (chiral.berry_curvature(kx + h, 0.0, kz, -1, V_F, b, Delta)[2]
           - chiral.berry_curvature(kx - h, 0.0, kz, -1, V_F, b, Delta)[2]) / (2 * h)
    d_z = (chiral.berry_curvature(kx, 0.0, kz + h, -1, V_F, b, Delta)[2]
           - chiral.berry_curvature(kx, 0.0, kz - h, -1, V_F, b, Delta)[2]) / (2 * h)
    c = e**2 / hbar
    v_om = vx * om[0] + vz * om[2]
    scale = np.max(abs(c * v_om))
    tol = dict(rel=1e-6, abs=1e-6 * scale)            # finite differences: ~1e-9 relative
    Dz, Dx, Jz, Jx = s.anomaly_terms("consistent")
    assert Dz == approx(-c * v_om, **tol) and Jz == approx(-c * v_om, **tol)
    assert np.all(Dx == 0) and np.all(Jx == 0)
    Dz, Dx, Jz, Jx = s.anomaly_terms("paper")
    assert Dz == approx(-c * vx * om[0], **tol)
    assert Dx == approx(c * vx * om[2], **tol)
    assert Jz == approx(c * (mu * d_z / hbar - v_om), **tol)
    assert Jx == approx(c * mu * d_x / hbar, **tol)
    # the DOS weights: each valley holds (k_hi - k_lo) mu/(4 pi^2 hbar^2 v^2) states per energy and volume
    p = chiral.pockets(mu, V_F, b, Delta)[1]
    assert g["n"][g["valley"] == 1].sum() == approx((p.kz_hi - p.kz_lo) * mu / (4 * math.pi**2 * (hbar * V_F) ** 2),
                                                    rel=1e-12)
    # and the paper's pumping is 2/3 of the topological one with these independent ingredients
    ring = g["valley"] == 1
    assert np.sum((g["n"] * vx * om[0])[ring]) / np.sum((g["n"] * v_om)[ring]) == approx(2 / 3, rel=1e-6)


@pytest.mark.parametrize("Delta", [0.0, 0.4])
def test_cme_from_the_fermi_surface_is_eq86_and_vanishes_at_equal_node_potentials(Delta):
    s = chiral.FermiSurfaceSolver(0.1 * B_PAPER, V_F, B_PAPER, Delta * B_PAPER, 1e-13, 0.01)
    assert s.cme_current(1.0, 0.3 * meV, 0.3 * meV) == approx(0.0, abs=1e-9)
    # example (docs/theory/chiral-anomaly.md §5): B = 1 T, mu_+ - mu_- = 1 meV => 9.367e6 A/m^2
    assert s.cme_current(1.0, 1 * meV, 0.0) == approx(9.367e6, rel=1e-4)
    assert chiral.chiral_magnetic_current(1.0, 1 * meV, 0.0) == approx(9.367e6, rel=1e-4)
    assert s.cme_current(-0.5, 0.0, 2 * meV) == approx(chiral.chiral_magnetic_current(-0.5, 0.0, 2 * meV),
                                                       rel=1e-12)


# --------------------------------------------------------------------------------------------------------
# The paper's coefficient C (Eq. 111, Fig. 3)
# --------------------------------------------------------------------------------------------------------
MU_FIG3, T_FIG3 = 0.1 * meV, 0.005 * meV / k_B      # paper Fig. 3: mu = 0.1, T = 0.005 (energy units)


def test_single_cone_coefficient_and_sommerfeld():
    """docs/theory/chiral-anomaly.md §9: C = 1/5 at T = 0; 0.2002 at T/mu = 0.01; 0.2052 at T/mu = 0.05 (paper 0.205)."""
    # b = Delta = 0: block t = - alone is one isotropic cone (paper, after Eq. 111)
    assert chiral.paper_coefficient(0.0, 0.0, MU_FIG3, 0.0, "-") == approx(0.2, rel=1e-12)
    for t, target in ((0.01, 0.2002), (0.05, 0.2052)):
        c = chiral.paper_coefficient(0.0, 0.0, MU_FIG3, t * MU_FIG3 / k_B, "-")
        assert c == approx(0.2 * sommerfeld_series(t), rel=3e-4)   # series truncated at t^6 and 0.3 mu cut
        assert c == approx(target, abs=1e-4)


def test_pair_coefficient():
    """docs/theory/chiral-anomaly.md §9: two separated isotropic cones, C = 0.4104 at T/mu = 0.05 (paper 0.41)."""
    c = chiral.paper_coefficient(3 * MU_FIG3, 0.0, MU_FIG3, T_FIG3)
    assert c == approx(0.4104, abs=1e-3)
    assert chiral.paper_coefficient(3 * MU_FIG3, 0.0, MU_FIG3, T_FIG3, "+") == 0.0


@pytest.mark.parametrize("kappa", [0.0, 0.2, 0.5, 0.8, 1.0, 1.5])
def test_fig3_t_minus_block_is_the_spherical_cap_closed_form(kappa):
    """T = 0: C_{t=-}(kappa) = (2/5)[1/2 + (5/4) kappa^3 - (3/4) kappa^5], kappa = min(v k_0/mu, 1)."""
    k = min(kappa, 1.0)
    expected = 0.4 * (0.5 + 1.25 * k**3 - 0.75 * k**5)
    assert chiral.paper_coefficient(kappa * MU_FIG3, 0.0, MU_FIG3, 0.0, "-") == approx(expected, rel=1e-10)


@pytest.mark.parametrize("k0,minus,plus", [(0.0, 0.2053, 0.2053), (0.02, 0.2097, 0.2007), (0.05, 0.2645, 0.1456),
                                           (0.08, 0.3707, 0.0393), (0.10, 0.4076, 0.0029), (0.12, 0.4105, 0.0)])
def test_fig3_reproduction_and_block_sum_independent_of_k0(k0, minus, plus):
    """docs/theory/chiral-anomaly.md §9 (± 0.002, the tolerance between independent reimplementations); sum 0.410 ± 0.001."""
    b = k0 * meV                                       # Delta = 0, v_F = 1: k_0 = b
    c_minus = chiral.paper_coefficient(b, 0.0, MU_FIG3, T_FIG3, "-")
    c_plus = chiral.paper_coefficient(b, 0.0, MU_FIG3, T_FIG3, "+")
    assert c_minus == approx(minus, abs=2e-3)
    assert c_plus == approx(plus, abs=1e-3)      # 0.0029 at k0 = 0.10: +-0.002 would admit 70 %; the sum's +-0.001
    assert c_minus + c_plus == approx(0.4104, abs=1e-3)
    assert chiral.paper_coefficient(b, 0.0, MU_FIG3, T_FIG3) == approx(c_minus + c_plus, rel=1e-14)


@pytest.mark.parametrize("Delta,target", [(0.0, 0.4105), (0.3, 0.3913), (0.5, 0.3547), (0.7, 0.2908)])
def test_anisotropy_follows_sqrt_one_minus_delta2_over_b2(Delta, target):
    """docs/theory/chiral-anomaly.md §9: C(b = 1, Delta, mu = 0.1, T = 0.005) ~ 0.4105 sqrt(1 - Delta^2) (band curvature: ~1%)."""
    c = chiral.paper_coefficient(1 * meV, Delta * meV, MU_FIG3, T_FIG3)
    assert c == approx(target, abs=2e-3)
    assert c == approx(0.4104 * math.sqrt(1 - Delta**2), rel=0.01)


def test_coefficient_depends_only_on_ratios():
    """docs/theory/chiral-anomaly.md §9: C independent of the energy scale at fixed T/mu, b/mu, Delta/mu."""
    c1 = chiral.paper_coefficient(2 * meV, 0.5 * meV, 0.2 * meV, 0.01 * meV / k_B)
    c2 = chiral.paper_coefficient(20 * meV, 5 * meV, 2 * meV, 0.1 * meV / k_B)
    assert c1 == approx(c2, rel=1e-12)


# --------------------------------------------------------------------------------------------------------
# Scattering, rates, the fraction table (theory page §2, §6)
# --------------------------------------------------------------------------------------------------------
def test_transport_time_is_three_halves_of_tau_q():
    """docs/theory/chiral-anomaly.md §2: tau_tr = 1/((2/3) Gamma_a + Gamma_e) -> (3/2) tau_q as Gamma_e -> 0."""
    for r in (1e-7, 0.1):
        s = chiral.FermiSurfaceSolver(MU, V_F, B_PAPER, 0.0, 1e-13, r)
        assert s.tau_tr / s.tau_q == approx(1 / (2 / 3 + r), rel=1e-10)
    assert chiral.FermiSurfaceSolver(MU, V_F, B_PAPER, 0.0, 1e-13, 1e-7).tau_tr / 1e-13 == approx(1.5, rel=1e-6)


def test_valley_block_eigenvalue_is_two_gamma_e():
    """docs/theory/chiral-anomaly.md §2: the valley mode relaxes at 2 Gamma_e (tau_v = 1/(2 Gamma_e))."""
    s = chiral.FermiSurfaceSolver(MU, V_F, B_PAPER, 0.0, 1e-13, 0.05)
    assert s.r == approx(0.05, rel=1e-12) and s.Gamma_e == approx(0.05 / 1e-13, rel=1e-12)
    assert s.valley_time() == approx(1e-13 / 0.1, rel=1e-10)
    assert s.tau_v == approx(1e-13 / 0.1, rel=1e-12)


def _fs_samples(mu, b, Delta, n, rng):
    """Fermi-surface points of the t = - conduction band with DOS-uniform weights: k_z uniform, phi uniform."""
    hv = hbar * V_F
    pts = []
    for p in chiral.pockets(mu, V_F, b, Delta):
        kz = rng.uniform(p.kz_lo, p.kz_hi, n)
        m = chiral.mass(kz, -1, V_F, b, Delta)
        kp = np.sqrt(mu**2 - m**2) / hv
        phi = rng.uniform(0, 2 * np.pi, n)
        pts.append(np.stack([kp * np.cos(phi), kp * np.sin(phi), kz], -1))
    return pts


def _spinor(k, mu, b, Delta):
    w, U = np.linalg.eigh(chiral.hamiltonian(*k, V_F, b, Delta))
    i = np.argmin(abs(w - mu))
    assert abs(w[i] - mu) < 1e-9 * mu
    return U[:, i]


@pytest.mark.parametrize("ratio,reference", [(0.2, 0.0404), (0.4, 0.1595), (0.6, 0.3590)])
def test_intervalley_over_intravalley_is_delta_over_b_squared(ratio, reference):
    """docs/theory/chiral-anomaly.md §2 (mu = 0.05 b): Born inter/intra = (Delta/b)^2 within 5 %; intra overlap 0.50.

    The reference averages |<psi|psi'>|^2 of 4x4 eigenvectors (numpy eigh of Eq. 69) over random pairs of
    Fermi-surface points (200 per pocket: sampling error ~3 %); the solver uses the closed-form overlap
    integrated on its grid.
    """
    b, Delta, mu = B_PAPER, ratio * B_PAPER, 0.05 * B_PAPER
    rng = np.random.default_rng(7)
    left, right = _fs_samples(mu, b, Delta, 200, rng)
    psi_l = np.array([_spinor(k, mu, b, Delta) for k in left])
    psi_r = np.array([_spinor(k, mu, b, Delta) for k in right])
    intra = np.mean(abs(psi_r.conj() @ psi_r.T) ** 2)
    inter = np.mean(abs(psi_l.conj() @ psi_r.T) ** 2)
    assert intra == approx(0.5, abs=0.03)
    s = chiral.FermiSurfaceSolver(mu, V_F, b, Delta, 1e-13, 0.0)
    assert s.r_born == approx(inter / intra, rel=0.05)
    assert s.r_born == approx(ratio**2, rel=0.05)
    assert s.r_born == approx(reference, rel=0.02)


R_TABLE = [0.001, 0.01, 0.1, 0.3, 1.0, 3.0]


@pytest.mark.parametrize("r", R_TABLE)
def test_fraction_table_for_the_three_schemes(r):
    """docs/theory/chiral-anomaly.md §6: consistent 1, paper 2/5, proper inverse (2/3)[1 - (4/5) r/(1+r)], to 1e-5."""
    assert chiral.anomaly_fraction(r, "consistent") == approx(1.0, abs=1e-5)
    assert chiral.anomaly_fraction(r, "paper") == approx(0.4, abs=1e-5)
    assert chiral.anomaly_fraction(r, "paper-proper-inverse") == approx(2 / 3 * (1 - 0.8 * r / (1 + r)), abs=1e-5)


def test_fraction_table_numbers_and_limits():
    got = [chiral.anomaly_fraction(r, "paper-proper-inverse") for r in R_TABLE]
    assert got == approx([0.66613, 0.66139, 0.61818, 0.54359, 0.40000, 0.26667], abs=1e-5)
    assert chiral.anomaly_fraction(1e-6, "paper-proper-inverse") == approx(2 / 3, abs=1e-5)


def test_paper_fraction_at_finite_temperature():
    """The paper's 0.4104 per pair at T/mu = 0.05 = (2/5) x Sommerfeld factor (docs/theory/chiral-anomaly.md §6)."""
    f = chiral.anomaly_fraction(0.1, "paper", T_over_mu=0.05)
    assert f == approx(0.4 * sommerfeld_series(0.05), rel=3e-4)
    assert f == approx(0.4104, abs=1e-3)
    assert chiral.sommerfeld_factor(0.0) == 1.0


def test_anomaly_scales_with_tau_v_over_mu_squared_and_v_cubed():
    """docs/theory/chiral-anomaly.md §9 in SI: the consistent coefficient equals Son-Spivak for every mu, v_F, tau."""
    for mu, v, tau, r in ((10 * meV, 3e5, 1e-13, 0.02), (30 * meV, 6e5, 5e-13, 0.3)):
        s = chiral.FermiSurfaceSolver(mu, v, 10 * mu, 0.0, tau, r)
        expected = e**4 * v**3 * (tau / (2 * r)) / (4 * math.pi**2 * hbar * mu**2)
        assert s.sigma2_anomaly("consistent")[2, 2] == approx(expected, rel=1e-10)


def _brute_force_fermi_surface(b=5.0, Delta=2.0, mu=1.0, nz=12, nphi=16):
    """Explicit (k_z, phi) grid on the two t = - pockets, reduced units (hbar = v_F = e = 1, Gamma_a = 1).

    Returns the grid (k, kz, kp, m, dm, phi, FS weight, valley), the conduction-band velocities from
    Hellmann-Feynman on numpy eigenvectors of Eq. (69), and a bordered dense solve of K phi = D (K from the
    spinor overlaps, normalised to a Fermi-surface averaged intravalley rate 1; zero total particle number).
    """
    x, w = np.polynomial.legendre.leggauss(nz)
    E_lo, E_hi = b - mu, b + mu
    k_lo, k_hi = math.sqrt(E_lo**2 - Delta**2), math.sqrt(E_hi**2 - Delta**2)
    kz1 = k_lo + (k_hi - k_lo) * (1 + x) / 2
    w1 = (k_hi - k_lo) / 2 * w
    phi = 2 * np.pi * np.arange(nphi) / nphi
    KZ = np.concatenate([-kz1[::-1], kz1])
    WZ = np.concatenate([w1[::-1], w1])
    kz, ph = np.repeat(KZ, nphi), np.tile(phi, 2 * nz)
    weight = np.repeat(WZ, nphi) * (2 * np.pi / nphi) / (2 * np.pi) ** 3
    valley = np.repeat([0] * nz + [1] * nz, nphi)
    m = b - np.sqrt(kz**2 + Delta**2)
    dm = -kz / np.sqrt(kz**2 + Delta**2)
    kp = np.sqrt(1 - m**2)
    k = np.stack([kp * np.cos(ph), kp * np.sin(ph), kz], -1)
    H = lambda kk: chiral.hamiltonian(*kk, 1.0 / hbar, b, Delta)       # hbar v_F = 1
    dH = [(H(np.eye(3)[a]) - H(np.zeros(3))) for a in range(3)]       # H is linear in k: dH/dk_a exactly
    psi = []
    for kk in k:
        w_, U = np.linalg.eigh(H(kk))
        psi.append(U[:, np.argmin(abs(w_ - mu))])
    psi = np.array(psi)
    v = np.real(np.einsum("ni,aij,nj->na", psi.conj(), np.array(dH), psi))
    W = abs(psi.conj() @ psi.T) ** 2
    same = valley[:, None] == valley[None, :]
    out_intra = (W * same) @ weight
    W = W / (weight @ out_intra / weight.sum())
    K = np.diag(W @ weight) - W * weight[None, :]
    N = K.shape[0]
    Kb = np.zeros((N + 1, N + 1))
    Kb[:N, :N], Kb[:N, N], Kb[N, :N] = K, 1.0, weight
    solve = lambda D: np.linalg.lstsq(Kb, np.append(D, 0.0), rcond=None)[0][:N]
    return {"k": k, "kz": kz, "kp": kp, "m": m, "dm": dm, "phi": ph, "weight": weight, "valley": valley,
            "v": v, "solve": solve, "nphi": nphi}


def test_solver_against_brute_force_grid_solve():
    """Independent reference: dense collision matrix on an explicit (k_z, phi) grid from 4x4 eigenvectors.

    Anisotropic pockets (Delta = 0.4 b, mu = 0.2 b, Born intervalley only): sigma0_zz, sigma0_xx and the
    consistent anomaly sigma_zz(B^2) of the harmonic solver equal a bordered dense solve (lstsq) on
    12 k_z rings x 16 phi points per pocket, in reduced units (hbar = v_F = mu = e = 1, Gamma_a = 1).
    """
    b, Delta, mu, nz = 5.0, 2.0, 1.0, 12
    g = _brute_force_fermi_surface(b, Delta, mu, nz)
    weight, solve, m, dm, kp = g["weight"], g["solve"], g["m"], g["dm"], g["kp"]
    vz, vx = m * dm, kp * np.cos(g["phi"])
    assert g["v"][:, 2] == approx(vz, rel=1e-10, abs=1e-12) and g["v"][:, 0] == approx(vx, rel=1e-10, abs=1e-12)
    s0_zz = weight @ (vz * solve(vz))
    s0_xx = weight @ (vx * solve(vx))
    vOm = -dm / 2
    ca_zz = weight @ (vOm * solve(vOm))
    s = chiral.FermiSurfaceSolver(mu * meV, V_F, b * meV, Delta * meV, 1e-13, 0.0, n_kz=nz)
    Gamma_a = 1 / 1e-13
    unit0 = e**2 * (mu * meV) ** 2 / (hbar**3 * V_F * Gamma_a)          # reduced -> SI, written out here
    unit_ca = e**4 * V_F**3 / (hbar * (mu * meV) ** 2 * Gamma_a)
    assert s.sigma0[2, 2] / unit0 == approx(s0_zz, rel=1e-8)
    assert s.sigma0[0, 0] / unit0 == approx(s0_xx, rel=1e-8)
    assert s.sigma2_anomaly("consistent")[2, 2] / unit_ca == approx(ca_zz, rel=1e-8)


def test_lorentz_hall_and_b2_terms_follow_eqs_29_and_31_on_the_brute_force_grid():
    """The solver's Lorentz tensors against the paper's Boltzmann equation taken literally on the explicit grid.

    Eq. (29) in a steady uniform state, I(f) = (e/hbar)(E + v x B).grad_k f, with f = f0 + (-f0') phi and
    Eq. (31) gives K phi - L phi = -e E.v with L = (e/hbar)(v x B).grad_k, built here from the Hellmann-Feynman
    velocities (np.cross) and a spectral phi derivative along each ring (v x B is tangent to the ring for
    B = z). Expanding in B, phi_{n+1} = K^{-1} L phi_n; the current is j = -e sum w v phi (charge -e). Then
    sigma_yx/sigma_xx per unit omega_c tau_q (positive for electrons) and the B^2 term of sigma_xx equal the
    solver's. Anisotropic pockets, reduced units.
    """
    b, Delta, mu, nz = 5.0, 2.0, 1.0, 12
    g = _brute_force_fermi_surface(b, Delta, mu, nz)
    weight, solve, v, ph, kp, nphi = g["weight"], g["solve"], g["v"], g["phi"], g["kp"], g["nphi"]
    t = np.cross(v, [0.0, 0.0, 1.0])                                     # v x B per unit B (B = z)
    e_phi = np.stack([-np.sin(ph), np.cos(ph), 0 * ph], -1)
    assert np.abs(t - np.sum(t * e_phi, 1)[:, None] * e_phi).max() < 1e-12   # tangent to the ring
    h, j = 2 * np.pi / nphi, np.arange(nphi)
    diff = j[:, None] - j[None, :]
    d_phi = np.where(diff != 0, 0.5 * (-1.0) ** diff / np.tan(np.where(diff != 0, diff, 1) * h / 2), 0.0)
    L = np.zeros((v.shape[0],) * 2)
    for ring in range(2 * nz):
        sl = slice(ring * nphi, (ring + 1) * nphi)
        L[sl, sl] = (np.sum(t[sl] * e_phi[sl], 1) / kp[sl])[:, None] * d_phi     # (v x B).grad_k on the ring
    current = lambda p: -(weight * p) @ v                                 # j = -e sum w v phi
    phi0 = solve(-v[:, 0])                                                # E = x: D_E = -e E.v (Eq. 31)
    phi1 = solve(L @ phi0)
    phi2 = solve(L @ phi1)
    s0_xx, s1_yx, s2_xx = current(phi0)[0], current(phi1)[1], current(phi2)[0]
    s = chiral.FermiSurfaceSolver(mu * meV, V_F, b * meV, Delta * meV, 1e-13, 0.0, n_kz=nz)
    wc_tau = chiral.cyclotron_frequency(1.0, V_F, mu * meV) * s.tau_q      # omega_c tau_q per tesla (L: unit B)
    assert s1_yx > 0
    assert s.sigma1[1, 0] / (s.sigma0[0, 0] * wc_tau) == approx(s1_yx / s0_xx, rel=1e-8)
    assert s.sigma2_lorentz[0, 0] / (s.sigma0[0, 0] * wc_tau**2) == approx(s2_xx / s0_xx, rel=1e-8)


# --------------------------------------------------------------------------------------------------------
# Lorentz term, angle law, symmetry in B (theory page §8)
# --------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def solver():
    return chiral.FermiSurfaceSolver(MU, V_F, B_PAPER, 0.0, 0.2e-12 / 1.5, 0.01)


def test_drude_matches_closed_form(solver):
    """docs/theory/chiral-anomaly.md §2: sigma0 = 2 e^2 mu^2 tau_tr/(6 pi^2 hbar^3 v_F), isotropic."""
    tau_tr = solver.tau_q / (2 / 3 + 0.01)
    assert np.diag(solver.sigma0) == approx([chiral.drude_conductivity(MU, V_F, tau_tr)] * 3, rel=1e-10)
    assert chiral.drude_conductivity(MU, V_F, 0.2e-12) == approx(5.060e3, rel=1e-3)   # the example of docs/theory/chiral-anomaly.md §8


def test_lorentz_term_zero_along_b_and_minus_sigma0_omega_tau_squared_across(solver):
    """docs/theory/chiral-anomaly.md §8: sigma^LF_zz(B_z^2) = 0 exactly; transverse -sigma0 (omega_c tau_tr)^2."""
    tau_tr = solver.tau_tr
    wc = chiral.cyclotron_frequency(1.0, V_F, MU)
    s2 = solver.sigma2_lorentz
    assert s2[2, 2] == 0.0
    assert s2[0, 0] == approx(-solver.sigma0[0, 0] * (wc * tau_tr) ** 2, rel=1e-10)
    assert solver.sigma1[1, 0] == approx(solver.sigma0[0, 0] * wc * tau_tr, rel=1e-10)   # Hall, electrons
    assert solver.sigma1[0, 1] == approx(-solver.sigma1[1, 0], rel=1e-15)


def test_transverse_resistivity_has_no_b2_term(solver):
    """docs/theory/chiral-anomaly.md §8: without the intrinsic AHE, rho across B stays 1/sigma0 up to O(B^4)
    although sigma drops as B^2.

    B is along the node axis here; for isotropic cones this is rho_zz(B_x) of the paper's geometry.
    """
    rho0 = 1 / solver.sigma0[0, 0]
    dev = []
    for B in (0.05, 0.1):
        rho = solver.resistivity(B, "consistent")
        x2 = (chiral.cyclotron_frequency(B, V_F, MU) * solver.tau_tr) ** 2
        assert solver.conductivity(B)[0, 0] == approx(solver.sigma0[0, 0] * (1 - x2), rel=1e-9)
        dev.append(rho[0, 0] / rho0 - 1)
        assert abs(dev[-1]) < 2 * x2**2
    assert dev[1] / dev[0] == approx(16.0, rel=0.05)          # O(B^4)


def test_transverse_resistivity_with_the_intrinsic_ahe(solver):
    """docs/theory/chiral-anomaly.md §8: with the AHE A = sigma_xy (Eq. 85) in the inversion, rho_xx across B gets
    a term linear in B and a B^2 term: rho_xx sigma0 (1 + a^2) = 1 + 2a w/(1 + a^2) + a^2(3 - a^2) w^2/(1 + a^2)^2,
    a = A/sigma0, w = omega_c tau_tr (2x2 inversion of sigma_xx = sigma0(1 - w^2), sigma_xy = A - sigma0 w).

    At the notebook's defaults a = -1.25: the AHE is not small, and rho_xx falls linearly for B > 0.
    """
    s0 = solver.sigma0[0, 0]
    A = -e**2 * chiral.node_wavevector(V_F, B_PAPER, 0.0) / (2 * math.pi**2 * hbar)       # plateau, Delta = 0
    a = A / s0
    assert a == approx(-1.5 * (B_PAPER / MU) * hbar / (MU * solver.tau_tr), rel=1e-9)
    for B in (0.005, 0.01):
        w = chiral.cyclotron_frequency(B, V_F, MU) * solver.tau_tr
        rp, rm = (solver.resistivity(x, "consistent", ahe=True)[0, 0] * s0 * (1 + a**2) for x in (B, -B))
        assert (rp - rm) / 2 == approx(2 * a * w / (1 + a**2), rel=4 * w**2)
        assert (rp + rm) / 2 - 1 == approx(a**2 * (3 - a**2) * w**2 / (1 + a**2) ** 2, rel=4 * w**2)
    assert solver.resistivity(0.0, ahe=True)[0, 0] == approx(s0 / (s0**2 + A**2), rel=1e-12)


def test_paper_geometry_e_along_z_b_along_x(solver):
    """docs/theory/chiral-anomaly.md §8 in the paper's E perp B geometry: sigma_zz(B_x) = sigma0 [1 - (omega_c tau_tr)^2],
    rho_zz(B_x) = 1/sigma0 to O(B^4); for B along z the field vector form equals the B ẑ tensors."""
    B = 0.1
    x2 = (chiral.cyclotron_frequency(B, V_F, MU) * solver.tau_tr) ** 2
    sigma = solver.conductivity_field([B, 0.0, 0.0])
    assert sigma[2, 2] == approx(solver.sigma0[2, 2] * (1 - x2), rel=1e-9)
    assert sigma[0, 0] - solver.sigma0[0, 0] == approx(B**2 * solver.sigma2_anomaly()[2, 2], rel=1e-9)  # E || B
    rho = np.linalg.inv(sigma)
    assert abs(rho[2, 2] * solver.sigma0[2, 2] - 1) < 2 * x2**2
    assert solver.conductivity_field([0.0, 0.0, -B], ahe=True) == approx(solver.conductivity(-B, ahe=True),
                                                                         rel=1e-12, abs=1e-9)
    with pytest.raises(ValueError, match="B_vec"):
        chiral.FermiSurfaceSolver(MU, V_F, B_PAPER, 0.3 * B_PAPER, 1e-13, 0.01).conductivity_field([B, 0, 0])


@pytest.mark.parametrize("scheme", chiral.SCHEMES)
def test_angle_law_and_planar_hall(solver, scheme):
    """docs/theory/chiral-anomaly.md §8: sigma_EE - sigma0 = cos^2 a sigma_par + sin^2 a sigma_perp; planar Hall ~ sin a cos a."""
    B = 0.3
    par = solver.conductivity(B, scheme)[2, 2] - solver.sigma0[2, 2]
    perp = solver.conductivity(B, scheme)[0, 0] - solver.sigma0[0, 0]
    alpha = np.linspace(0, np.pi, 13)
    s_ee, s_pe, _ = solver.angle_response(B, alpha, scheme)
    assert s_ee - solver.sigma0[0, 0] == approx(np.cos(alpha) ** 2 * par + np.sin(alpha) ** 2 * perp,
                                                rel=1e-9, abs=1e-9 * abs(par))
    assert s_pe == approx(np.sin(alpha) * np.cos(alpha) * (par - perp), rel=1e-9, abs=1e-9 * abs(par))


def test_sign_change_angle_of_the_b2_coefficient(solver):
    """docs/theory/chiral-anomaly.md §8: tan^2 alpha_c = (3/4) F R (hbar/mu tau_tr)^2 (consistent: F = 1, R = tau_v/tau_tr)."""
    R = solver.tau_v / solver.tau_tr
    tan2 = 0.75 * R * (hbar / (MU * solver.tau_tr)) ** 2
    alpha_c = math.atan(math.sqrt(tan2))
    for da, sign in ((-0.01, 1), (0.01, -1)):
        s_ee, _, _ = solver.angle_response(0.1, alpha_c + da)
        assert np.sign(s_ee - solver.sigma0[0, 0]) == sign


def test_paper_transverse_anomaly_term_c_prime(solver):
    """docs/theory/chiral-anomaly.md §8: the corrected Eq. (122) gives C' = -1/10 per cone, -0.2 per pair (tau_intra = tau_q)."""
    ref = chiral.son_spivak_delta_sigma(1.0, V_F, MU, solver.tau_q)
    assert solver.sigma2_anomaly("paper")[0, 0] / ref == approx(-0.2, rel=1e-10)
    # with the proper inverse the l = 2 driving relaxes with tau_2 = 1/(Gamma_a + Gamma_e)
    assert solver.sigma2_anomaly("paper-proper-inverse")[0, 0] / ref == approx(-0.2 / 1.01, rel=1e-10)
    assert solver.sigma2_anomaly("consistent")[0, 0] == 0.0


@pytest.mark.parametrize("scheme", chiral.SCHEMES)
def test_even_in_b_without_tilt(solver, scheme):
    """docs/theory/chiral-anomaly.md §8: diagonal sigma and rho even in B, Hall part odd (Onsager, no tilt).

    With the intrinsic AHE (set by b, which breaks time reversal) the resistivity obeys Onsager only with b
    reversed too: rho_xx(B, sigma_A) = rho_xx(-B, -sigma_A); sigma_xx stays even in B alone.
    """
    for ahe in (False, True):
        sp, sm = solver.conductivity(0.4, scheme, ahe), solver.conductivity(-0.4, scheme, ahe)
        assert np.diag(sp) == approx(np.diag(sm), rel=1e-12)
        assert sp - sm == approx(2 * 0.4 * solver.sigma1, rel=1e-12, abs=1e-9)
    rp, rm = solver.resistivity(0.4, scheme), solver.resistivity(-0.4, scheme)
    assert np.diag(rp) == approx(np.diag(rm), rel=1e-12)
    hall = chiral.ahe_conductivity(MU, V_F, B_PAPER, 0.0) * np.array([[0, 1.0, 0], [-1.0, 0, 0], [0, 0, 0]])
    r_b = np.linalg.inv(solver.conductivity(0.4, scheme) + hall)
    r_reversed = np.linalg.inv(solver.conductivity(-0.4, scheme) - hall)
    assert np.diag(r_b) == approx(np.diag(r_reversed), rel=1e-12)
    assert r_b == approx(r_reversed.T, rel=1e-12, abs=1e-18)


def test_longitudinal_magnetoconductance_is_positive_and_grows_as_b_squared(solver):
    """Negative longitudinal MR (docs/theory/chiral-anomaly.md §8): Delta sigma_zz > 0, exactly quadratic, Delta rho_zz < 0."""
    B = np.array([0.1, 0.2])
    s_ee, _, rho_ee = solver.angle_response(B, 0.0)
    ds = s_ee - solver.sigma0[2, 2]
    assert np.all(ds > 0) and ds[1] / ds[0] == approx(4.0, rel=1e-12)
    assert np.all(rho_ee < 1 / solver.sigma0[2, 2])


# --------------------------------------------------------------------------------------------------------
# AHE and Son-Spivak SI numbers
# --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("mu_over_b", [0.05, 0.3, 0.9, 1.5])
def test_ahe_plateau_at_delta_zero(mu_over_b):
    """docs/theory/chiral-anomaly.md §1: sigma_xy = -e^2 k_0/(2 pi^2 hbar) for every mu at Delta = 0."""
    k0 = chiral.node_wavevector(V_F, B_PAPER, 0.0)
    assert chiral.ahe_conductivity(mu_over_b * B_PAPER, V_F, B_PAPER, 0.0) == approx(
        -e**2 * k0 / (2 * math.pi**2 * hbar), rel=1e-10)


def test_ahe_at_delta_half_b_and_units():
    """docs/theory/chiral-anomaly.md §1: sigma_xy/plateau table at Delta = 0.5 b; k_0 = 0.1/A gives 123.3 S/cm."""
    table = {0.1: 0.99925, 0.3: 0.99253, 0.45: 0.97940, 0.6: 0.94977, 0.9: 0.95589, 1.2: 1.00385, 1.6: 1.08384}
    plateau = -e**2 * chiral.node_wavevector(V_F, B_PAPER, 0.5 * B_PAPER) / (2 * math.pi**2 * hbar)
    for x, ratio in table.items():
        assert chiral.ahe_conductivity(x * B_PAPER, V_F, B_PAPER, 0.5 * B_PAPER) / plateau == approx(ratio, abs=2e-4)
    b = 0.1e10 * hbar * V_F                                   # k_0 = 0.1 / Angstrom at Delta = 0
    assert -chiral.ahe_conductivity(0.1 * b, V_F, b, 0.0) / 100 == approx(123.3, rel=1e-3)


def test_son_spivak_si_numbers():
    """docs/theory/chiral-anomaly.md §8: v = 3e5 m/s, mu = 20 meV, tau_tr = 0.2 ps, tau_v = 20 ps."""
    tau_tr, tau_v = 0.2e-12, 20e-12
    sigma0 = chiral.drude_conductivity(MU, V_F, tau_tr)
    rows = {0.05: (0.045, 0.0074, 0.0041, -0.0020), 0.1: (0.090, 0.0148, 0.0164, -0.0081),
            0.2: (0.180, 0.0296, 0.0658, -0.0324), 0.5: (0.450, 0.0740, 0.4112, -0.2025)}
    r = (2 / 3) / (2 * tau_v / tau_tr - 1)                     # R = tau_v/tau_tr = (2/3 + r)/(2 r)
    s = chiral.FermiSurfaceSolver(MU, V_F, B_PAPER, 0.0, tau_tr * (2 / 3 + r), r)
    assert s.tau_tr == approx(tau_tr, rel=1e-10) and s.tau_v == approx(tau_v, rel=1e-10)
    for B, (wt, x, ss, lorentz) in rows.items():
        wc = chiral.cyclotron_frequency(B, V_F, MU)
        assert wc * tau_tr == approx(wt, abs=6e-4)
        assert hbar * wc / MU == approx(x, abs=6e-5)
        d = chiral.son_spivak_delta_sigma(B, V_F, MU, tau_v) / sigma0
        assert d == approx(0.75 * (hbar * wc / MU) ** 2 * tau_v / tau_tr, rel=1e-10)
        assert d == approx(ss, abs=6e-5 if ss < 0.1 else 6e-4)
        assert s.sigma2_anomaly("consistent")[2, 2] * B**2 / sigma0 == approx(d, rel=1e-9)
        assert s.sigma2_lorentz[0, 0] * B**2 / sigma0 == approx(lorentz, abs=6e-5 if abs(lorentz) < 0.1 else 6e-4)
    # pumping rate e^2 E B/(4 pi^2 hbar^2) at E = 1 V/m, B = 1 T
    assert e**2 / (4 * math.pi**2 * hbar**2) == approx(5.847e28, rel=1e-3)


# --------------------------------------------------------------------------------------------------------
# bad input
# --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("call,name", [
    (lambda: chiral.son_spivak_delta_sigma(1.0, -1.0, MU, 1e-12), "v_F"),
    (lambda: chiral.son_spivak_delta_sigma(1.0, V_F, 0.0, 1e-12), "mu"),
    (lambda: chiral.son_spivak_delta_sigma(1.0, V_F, MU, -1e-12), "tau_v"),
    (lambda: chiral.son_spivak_delta_sigma(np.nan, V_F, MU, 1e-12), "B"),
    (lambda: chiral.anomaly_fraction(0.0), "r"),
    (lambda: chiral.anomaly_fraction([0.1, 0.2]), "r"),
    (lambda: chiral.anomaly_fraction(0.1, scheme="both"), "scheme"),
    (lambda: chiral.anomaly_fraction(0.1, T_over_mu=-0.01), "T_over_mu"),
    (lambda: chiral.anomaly_fraction(0.1, T_over_mu=0.5), "T_over_mu"),
    (lambda: chiral.FermiSurfaceSolver(0.95 * B_PAPER, V_F, B_PAPER, 0.1 * B_PAPER, 1e-13, 0.1), "mu"),
    (lambda: chiral.FermiSurfaceSolver(MU, V_F, B_PAPER, 0.0, 1e-13, 0.0), "r"),
    (lambda: chiral.FermiSurfaceSolver(MU, V_F, B_PAPER, 0.0, 0.0, 0.1), "tau_q"),
    (lambda: chiral.FermiSurfaceSolver(MU, V_F, B_PAPER, 2 * B_PAPER, 1e-13, 0.1), "Delta"),
    (lambda: chiral.paper_coefficient(B_PAPER, 0.0, MU, -1.0), "T"),
    (lambda: chiral.paper_coefficient(B_PAPER, 0.0, MU, 1.0, block="x"), "block"),
    (lambda: chiral.mass(0.0, 2, V_F, B_PAPER, 0.0), "t"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, name):
    # anchored: the message must start with the parameter's name (a bare match=name would accept "M" anywhere)
    with pytest.raises(ValueError, match=rf"^{name} must"):
        call()


# --------------------------------------------------------------------------------------------------------
# The anomaly's driving terms from density matrices (docs/theory/chiral-anomaly.md §4)
# --------------------------------------------------------------------------------------------------------
def _velocity_fd(k, v_F, b, Delta, h=1e-6):
    """v_m = grad eps_m / hbar of the four sorted bands, by central differences of chiral.bands."""
    out = np.empty((4, 3))
    for a in range(3):
        dk = np.zeros(3)
        dk[a] = h * np.linalg.norm(k)
        out[:, a] = (chiral.bands(*(k + dk), v_F, b, Delta) - chiral.bands(*(k - dk), v_F, b, Delta)) / (2 * dk[a])
    return out / hbar


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fermi_surface_part_of_D_B_S_E_is_the_paper_pumping_density(seed):
    """On a random anisotropic cone (Delta = 0.4 b) the Fermi-surface part of Tr D_B(S_E), built from the
    density matrices of Eq. (69), equals (e^2/hbar)[(E.B)(v.Omega) - (E.v)(B.Omega)] per band, and that of
    Tr D_E(xi_B) equals (e^2/hbar)(E.v)(B.Omega), to 1e-9; v from differences of the bands, Omega the
    closed form of chiral.berry_curvature (independent of the projector derivatives used inside)."""
    rng = np.random.default_rng(seed)
    b, Delta = B_PAPER, 0.4 * B_PAPER
    k0 = chiral.node_wavevector(V_F, b, Delta)
    k = np.array([0.0, 0.0, k0]) + rng.normal(size=3) * 0.2 * MU / (hbar * V_F)
    E, B = rng.normal(size=3) * 1e3, rng.normal(size=3)
    X_B, X_E, vel, omega = chiral.anomaly_drivings(k, E, B, V_F, b, Delta)
    v = _velocity_fd(k, V_F, b, Delta)
    curv = np.array([chiral.berry_curvature(*k, t, V_F, b, Delta, band)
                     for t, band in ((1, -1), (-1, -1), (-1, 1), (1, 1))])
    paper = e**2 / hbar * ((E @ B) * np.einsum("mi,mi->m", v, curv) - (v @ E) * (curv @ B))
    omitted = e**2 / hbar * (v @ E) * (curv @ B)
    scale = max(np.max(np.abs(paper)), np.max(np.abs(omitted)))
    assert np.max(np.abs(X_B - paper)) < 1e-9 * scale
    assert np.max(np.abs(X_E - omitted)) < 1e-9 * scale
    # together: the chiral-kinetic source (e^2/hbar)(E.B)(v.Omega)
    assert np.max(np.abs(X_B + X_E - e**2 / hbar * (E @ B) * np.einsum("mi,mi->m", v, curv))) < 1e-9 * scale
    assert vel == approx(v, rel=1e-6) and omega == approx(curv, rel=1e-8)


@pytest.mark.parametrize("Delta,direction", [(0.0, (0, 0, 1)), (0.4, (0, 0, 1)), (0.4, (1.0, 0.5, 0.3))])
def test_paper_pumps_two_thirds_and_the_omitted_term_restores_the_full_anomaly(Delta, direction):
    """Valley pumping over the pocket at +k_0 from the density-matrix drivings: D_B(S_E) gives 2/3 of the
    topological rate, D_B(S_E) + D_E(xi_B) the full rate (a Berry flux), for an anisotropic cone and tilted E || B."""
    paper, restored = chiral.pumping_fractions(0.1 * B_PAPER, V_F, B_PAPER, Delta * B_PAPER, direction)
    assert paper == approx(2 / 3, abs=1e-8)
    assert restored == approx(1.0, abs=1e-8)


def test_solver_source_is_the_density_matrix_source():
    """The solver's E.B drivings on its rings (B || z, phi = 0) are minus the density-matrix coefficients:
    consistent = -(X_B + X_E), paper = -X_B, for the conduction band of block t = - (Delta = 0.4 b)."""
    b, Delta = B_PAPER, 0.4 * B_PAPER
    s = chiral.FermiSurfaceSolver(0.1 * b, V_F, b, Delta, 1e-13, 0.01)
    rings = s.rings()
    D_cons = s.anomaly_terms("consistent")[0]
    D_paper = s.anomaly_terms("paper")[0]
    z = np.array([0.0, 0.0, 1.0])
    for i in (0, 5, 30, 47):
        k = np.array([rings["kperp"][i], 0.0, rings["kz"][i]])
        X_B, X_E = chiral.anomaly_drivings(k, z, z, V_F, b, Delta)[:2]
        assert D_cons[i] == approx(-(X_B[2] + X_E[2]), rel=1e-8)
        assert D_paper[i] == approx(-X_B[2], rel=1e-8)


def test_anomaly_drivings_reject_bad_vectors():
    with pytest.raises(ValueError, match="E must be a 3-vector"):
        chiral.anomaly_drivings([1e8, 0, 1e8], [1, 0], [0, 0, 1], V_F, B_PAPER, 0.0)


# --------------------------------------------------------------------------------------------------------
# Finite temperature: which Son-Spivak, and where the answer is defined
# --------------------------------------------------------------------------------------------------------
def test_finite_T_fraction_is_relative_to_zero_T_son_spivak():
    """At T/mu = 0.05 every scheme carries the same thermal factor mu^2 ∫(-f')/eps^2 (Son-Spivak's own):
    consistent / factor = 1, paper / factor = 2/5; the factor is the Sommerfeld series to 1e-4."""
    factor = chiral.sommerfeld_factor(0.05)
    assert factor == approx(sommerfeld_series(0.05), rel=1e-4)
    assert chiral.anomaly_fraction(0.01, "consistent", 0.05) == approx(factor, rel=1e-5)
    assert chiral.anomaly_fraction(0.01, "paper", 0.05) / factor == approx(0.4, rel=1e-5)


def test_finite_T_factor_does_not_depend_on_the_cutoff_where_accepted():
    """At the largest accepted T/mu the 0.3 mu cutoff near the node matters below 1e-4 (a scipy integral with a
    0.1 mu cutoff as reference); above it (T/mu = 0.1: 1 %) the functions refuse."""
    from scipy.integrate import quad
    t = chiral.T_OVER_MU_MAX
    ref = quad(lambda x: 1 / (4 * t * np.cosh((x - 1) / (2 * t)) ** 2) / x**2, 0.1, 1 + 60 * t, points=[1],
               limit=400, epsabs=1e-13, epsrel=1e-12)[0]
    assert chiral.sommerfeld_factor(t) == approx(ref, rel=1e-4)
    for bad in (0.06, 0.1, 0.2):
        with pytest.raises(ValueError, match="T_over_mu"):
            chiral.sommerfeld_factor(bad)
        with pytest.raises(ValueError, match="T_over_mu"):
            chiral.anomaly_fraction(0.1, "consistent", bad)
        with pytest.raises(ValueError, match="T must be"):
            chiral.paper_coefficient(0.0, 0.0, MU_FIG3, bad * MU_FIG3 / k_B)
