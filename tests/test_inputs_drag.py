"""Bad input to every public function and class of dragbook.drag (issue 19): finite numbers or a ValueError/
TypeError naming a parameter, within a time bound (tests/_inputs.py); the issue's examples; one test per
validity warning, and none at the paper's parameters."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings

from dragbook import drag, units
from dragbook._check import ValidityWarning

from _inputs import BAD_OBJECTS, BAD_SCALARS, BAD_SIZES, check_with

meV, nm = units.meV, units.nm
A = 4.1 * units.eV_angstrom                       # the paper's TI surface (Liu, Liu & Culcer, arXiv:1610.05866)
DIRAC = drag.DiracLayer(1e16, A, 10 * meV)        # n = 1e12 cm^-2: T_F = (mu - M)/k_B = 1,575 K
GAAS = drag.ParabolicLayer(1.5e15, 0.067)
PAPER = drag.Bilayer(DIRAC, DIRAC, 10 * nm, 20.0)
PROFILE = drag.DragProfile(PAPER, 5.0, d_range=(5 * nm, 20 * nm), eps_r_range=(10.0, 40.0))
PROPERTY = settings(max_examples=30, deadline=None)

# name -> (callable, valid keyword arguments at the paper's parameters, the strategy of each argument)
CALLS = {
    "ParabolicLayer": (drag.ParabolicLayer, dict(density=1.5e15, m_eff=0.067, g=2)),
    "DiracLayer": (drag.DiracLayer, dict(density=1e16, A=A, M=10 * meV, g=1)),
    "Bilayer": (drag.Bilayer, dict(active=DIRAC, passive=GAAS, d=10 * nm, eps_r=20.0)),
    "DragProfile": (drag.DragProfile, dict(bilayer=PAPER, T=5.0, d_range=(5 * nm, 20 * nm),
                                           eps_r_range=(10.0, 40.0), kernel="fast")),
    "DragProfile.rho_drag": (PROFILE.rho_drag, dict(d=10 * nm, eps_r=20.0)),
    "DragProfile.drag_resistivities": (PROFILE.drag_resistivities, dict(tau=1e-13, d=10 * nm, eps_r=20.0)),
    "minus_im_chi": (DIRAC.minus_im_chi, dict(q=DIRAC.k_F, omega=1e13, T=5.0)),
    "static_polarization": (GAAS.static_polarization, dict(q=GAAS.k_F, T=5.0)),
    "chemical_potential": (DIRAC.chemical_potential, dict(T=5.0)),
    "q_TF": (GAAS.q_TF, dict(eps_r=12.9)),
    "rho_drag": (drag.rho_drag, dict(bilayer=PAPER, T=5.0, kernel="auto", screening="static")),
    "rho_hall_drag": (drag.rho_hall_drag, dict(bilayer=PAPER, T=5.0, tau=1e-13, kernel="auto")),
    "drag_resistivities": (drag.drag_resistivities, dict(bilayer=PAPER, T=5.0, tau=1e-13)),
    "rho_drag_asymptotic": (drag.rho_drag_asymptotic, dict(bilayer=PAPER, T=5.0)),
    "t2_coefficient": (drag.t2_coefficient, dict(bilayer=PAPER, T=5.0)),
    "drag_integrand": (drag.drag_integrand, dict(bilayer=PAPER, T=5.0, q=DIRAC.k_F, omega=1e12)),
}
OBJECTS = {"active", "passive", "bilayer"}
SIZES = {"g"}
CHOICES = {"kernel", "screening"}
CASES = [(call, name) for call, (_, kwargs) in CALLS.items() for name in kwargs]


@pytest.fixture(scope="module", autouse=True)
def _compiled():
    """Kernels compiled or loaded from the numba cache before any call is timed."""
    drag.warmup()


@pytest.mark.parametrize("call, name", CASES, ids=[f"{c}-{n}" for c, n in CASES])
@PROPERTY
@given(bad_scalar=BAD_SCALARS, bad_object=BAD_OBJECTS, bad_size=BAD_SIZES)
def test_one_bad_argument_gives_finite_numbers_or_an_error_naming_a_parameter(call, name, bad_scalar,
                                                                           bad_object, bad_size):
    func, kwargs = CALLS[call]
    bad = bad_object if name in OBJECTS else bad_size if name in SIZES else bad_scalar
    check_with(func, kwargs, name, bad)


@pytest.mark.parametrize("name", sorted(CHOICES))
@PROPERTY
@given(bad=BAD_SCALARS)
def test_a_bad_choice_is_refused_by_name(name, bad):
    with pytest.raises(ValueError, match=name):
        drag.rho_drag(PAPER, 5.0, **{name: bad})


# --- the examples, as written --- #

def test_dirac_bilayer_at_1e7_K_is_refused_by_name_not_a_numba_system_error():
    with pytest.raises(ValueError, match=r"^T must be in \[1e-06, 1e\+06\], got 1e\+07 K"):
        drag.rho_drag(PAPER, 1e7)


def test_deeply_nondegenerate_dirac_layer_is_computed_from_its_boltzmann_tail():
    """The cause of the SystemError: the finite-T window (+-18 k_BT around mu(T)) missed the band once mu(T)
    lay more than 18 k_BT below it, so I_sigma = 0 and the rectification divided by zero inside the parallel
    kernel. The window now also spans the Boltzmann tail above the band edge; at 1e6 K mu(T) of the paper's
    layer lies about 13.5 k_BT below the band (far outside the model: it warns) and the result is finite."""
    t = units.k_B * 1e6
    mu = DIRAC.chemical_potential(1e6)
    assert (abs(DIRAC.M) - mu) / t > 13
    with pytest.warns(ValidityWarning):
        rho = drag.rho_drag(PAPER, 1e6)
    assert np.isfinite(rho) and rho > 0


def test_a_wrong_object_for_bilayer_is_refused_by_name_in_every_drag_function():
    for call in (lambda b: drag.rho_drag(b, 5.0), lambda b: drag.rho_hall_drag(b, 5.0, 1e-13),
                 lambda b: drag.drag_resistivities(b, 5.0, 1e-13), lambda b: drag.rho_drag_asymptotic(b, 5.0),
                 lambda b: drag.t2_coefficient(b), lambda b: drag.drag_integrand(b, 5.0, 1e8, 1e12),
                 lambda b: drag.DragProfile(b, 5.0)):
        for bad in (None, DIRAC, "bilayer", {"d": 1e-8}):
            with pytest.raises(ValueError, match="^bilayer must be a dragbook.drag.Bilayer"):
                call(bad)


@pytest.mark.parametrize("q, omega", [(1e300, 1e12), (1e-300, 1e12), (DIRAC.k_F, 1e300), (DIRAC.k_F, 1e-300),
                                      (1e300, 1e300)])
def test_drag_integrand_is_finite_at_extreme_magnitudes(q, omega):
    """q d > 400 (e^{-2qd} underflows) and hbar omega > 700 k_BT (1/sinh^2 underflows) give the exact 0."""
    value = drag.drag_integrand(PAPER, 5.0, q, omega)
    assert np.isfinite(value) and value >= 0
    if q > 1e10 or omega > 1e20:
        assert value == 0.0


def test_static_polarization_of_a_2deg_at_tiny_q_is_its_density_of_states():
    """Pi(q -> 0, 0) = nu at T = 0 (Stern); q^2 underflowed to 0 and divided by zero before."""
    assert GAAS.static_polarization(1e-300) == pytest.approx(GAAS.dos, rel=1e-12)


@pytest.mark.parametrize("layer", [DIRAC, GAAS], ids=["Dirac", "2DEG"])
def test_layer_responses_refuse_wavevectors_beyond_1e6_k_F(layer):
    with pytest.raises(ValueError, match=r"^q must be in \(0, "):
        layer.static_polarization(1e300, T=5.0)
    with pytest.raises(ValueError, match=r"^q must be in \(0, "):
        layer.minus_im_chi(1e300, 1e300)


def test_degeneracy_must_be_an_integer_by_name():
    for bad in ("abc", 2.5, None, True, 0, 10**7):
        with pytest.raises(ValueError, match=r"^g must be an integer in \[1, 64\]"):
            drag.ParabolicLayer(1.5e15, 0.067, g=bad)
    assert drag.ParabolicLayer(1.5e15, 0.067, g=2.0).g == 2


# --- validity warnings: one test each, and none at the paper's parameters --- #

def test_rho_drag_warns_where_the_dirac_layer_is_far_from_degenerate():
    """T = 1e5 K for the paper's layer (T_F = 1,575 K): holes and interband absorption are omitted."""
    with pytest.warns(ValidityWarning, match="valence-band holes"):
        drag.rho_drag(PAPER, 1e5)


def test_rho_drag_of_a_nondegenerate_2deg_does_not_warn():
    """The exact kernels of a 2DEG assume no degeneracy (Fermi-Dirac with mu(T), Maldague's screening), so a
    2DEG at 3 T_F is inside the model (static screening there is the caller's choice, notebook 01 compares it)."""
    gaas = drag.Bilayer(GAAS, GAAS, 30 * nm, 12.9)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        drag.rho_drag(gaas, 3 * GAAS.mu / units.k_B)


def test_the_fast_kernel_warns_where_it_is_known_to_be_off():
    """kernel='fast' at 1000 K: the issue's 35 %; measured here against the exact kernel."""
    with pytest.warns(ValidityWarning, match="kernel='fast' at k_BT = 0.64"):
        fast = drag.rho_drag(PAPER, 1000.0, kernel="fast")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        exact = drag.rho_drag(PAPER, 1000.0, kernel="exact")
    assert abs(fast / exact - 1) > 0.2


def test_the_fast_kernel_is_within_1_percent_below_its_warning_threshold():
    """Below its warning threshold (0.04 E_F) kernel='fast' is within 1 % of the exact kernel (paper's bilayer)."""
    T = 0.9 * drag._FAST_VALID * DIRAC.fermi_depth / units.k_B
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        fast = drag.rho_drag(PAPER, T, kernel="fast")
    assert fast == pytest.approx(drag.rho_drag(PAPER, T, kernel="exact"), rel=0.01)


def test_rho_drag_warns_when_the_layers_are_closer_than_1_nm():
    with pytest.warns(ValidityWarning, match="d = 5e-11 m is below"):
        drag.rho_drag(drag.Bilayer(DIRAC, DIRAC, 0.05 * nm, 20.0), 5.0)


def test_rho_drag_warns_when_the_rpa_coupling_is_large():
    with pytest.warns(ValidityWarning, match="eps_r = 0.001 gives the coupling"):
        drag.rho_drag(drag.Bilayer(DIRAC, DIRAC, 10 * nm, 1e-3), 5.0)


def test_drag_profile_warns_at_the_d_and_eps_r_asked_for():
    profile = drag.DragProfile(PAPER, 5.0, d_range=(0.5 * nm, 20 * nm), eps_r_range=(1e-3, 40.0), kernel="fast")
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        profile.rho_drag()                                      # the bilayer's own d and eps_r: inside
    with pytest.warns(ValidityWarning, match="d = 5e-10 m"):
        profile.rho_drag(d=0.5 * nm)
    with pytest.warns(ValidityWarning, match="coupling"):
        profile.drag_resistivities(1e-13, eps_r=1e-3)


def test_the_paper_parameters_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        T = np.array([1.0, 5.0, 50.0])
        drag.rho_drag(PAPER, T)
        drag.drag_resistivities(PAPER, T, 1e-13)
        drag.drag_integrand(PAPER, 5.0, DIRAC.k_F, 1e12)
        drag.DragProfile(PAPER, T, d_range=(2 * nm, 200 * nm), eps_r_range=(1.0, 100.0)).rho_drag(2 * nm, 1.0)
        drag.rho_drag(drag.Bilayer(GAAS, GAAS, 30 * nm, 12.9), 2.0)


@pytest.mark.parametrize("name, call", [
    ("density", lambda v: drag.ParabolicLayer(v, 0.067)), ("m_eff", lambda v: drag.ParabolicLayer(1.5e15, v)),
    ("density", lambda v: drag.DiracLayer(v, A)), ("A", lambda v: drag.DiracLayer(1e16, v)),
    ("M", lambda v: drag.DiracLayer(1e16, A, v))])
def test_layer_parameters_beyond_their_stated_ranges_are_refused_by_name(name, call):
    """1e300 and 1e-300 made rho_drag divide by zero or overflow inside the kernels before."""
    for value in (1e300, 1e-300) if name != "M" else (1e300, -1e300):
        with pytest.raises(ValueError, match=rf"^{name} must be in \["):
            call(value)


@pytest.mark.parametrize("layer", [drag.DiracLayer(1e4, A, 10 * meV), drag.DiracLayer(1e20, A, -10 * units.eV),
                                   drag.DiracLayer(1e16, units.hbar * 1e3), drag.ParabolicLayer(1e4, 1e3),
                                   drag.ParabolicLayer(1e20, 1e-3)], ids=["n_min", "n_max_M_max", "A_min", "2deg_heavy",
                                                                          "2deg_light"])
def test_the_ends_of_the_layer_ranges_give_finite_drag(layer):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        rho = drag.rho_drag(drag.Bilayer(layer, layer, 10 * nm, 20.0), np.array([1e-6, 1.0, 300.0]))
    assert np.all(np.isfinite(rho)) and np.all(rho >= 0)
