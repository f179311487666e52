"""Bad input to dragbook.chiral (issue 19): every public function and method either returns finite numbers or
raises ValueError/TypeError naming a parameter, within a time bound; the issue's examples one by one; and the
validity warnings of the B^2 solver, with the paper's parameters not warning."""

import inspect
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _inputs import BAD_OBJECTS, BAD_SCALARS, BAD_SIZES, check_call
from dragbook import ValidityWarning, chiral, units

meV = units.meV
#: The notebook's example (docs/theory/chiral-anomaly.md §8): v_F = 3e5 m/s, b = 100 meV, mu = 20 meV,
#: tau_tr = 0.2 ps (tau_q = tau_tr (2/3 + r)), r = 0.01.
PAPER = dict(mu=20 * meV, v_F=3e5, b=100 * meV, Delta=0.0, tau_q=0.2e-12 * (2 / 3 + 0.01), r=0.01)
K = dict(kx=1e8, ky=-2e8, kz=5e8)
SETTINGS = settings(max_examples=30, deadline=None)


@pytest.fixture(scope="module")
def solver():
    return chiral.FermiSurfaceSolver(**PAPER)


def _model(**extra):
    return dict(v_F=PAPER["v_F"], b=PAPER["b"], Delta=40 * meV, **extra)


#: public function -> its valid arguments (the paper's parameters); sizes and choices get their own strategies
FUNCTIONS = {
    chiral.mass: dict(kz=5e8, t=-1, **_model()),
    chiral.bands: dict(**K, **_model()),
    chiral.hamiltonian: dict(**K, **_model()),
    chiral.berry_curvature: dict(**K, t=-1, band=1, **_model()),
    chiral.node_wavevector: _model(),
    chiral.pockets: dict(mu=20 * meV, n_kz=24, **_model()),
    chiral.FermiSurfaceSolver: dict(PAPER, n_kz=24, n_phi=48),
    chiral.son_spivak_delta_sigma: dict(B=0.2, v_F=3e5, mu=20 * meV, tau_v=20e-12),
    chiral.anomaly_fraction: dict(r=0.1, scheme="paper", T_over_mu=0.02),
    chiral.sommerfeld_factor: dict(T_over_mu=0.02),
    chiral.paper_coefficient: dict(b=0.5 * meV, Delta=0.0, mu=meV, T=0.02 * meV / units.k_B, block="both"),
    chiral.drude_conductivity: dict(mu=20 * meV, v_F=3e5, tau_tr=0.2e-12),
    chiral.cyclotron_frequency: dict(B=0.2, v_F=3e5, mu=20 * meV),
    chiral.ahe_conductivity: dict(mu=20 * meV, **_model()),
    chiral.chiral_magnetic_current: dict(B=1.0, mu_plus=meV, mu_minus=0.0),
    chiral.anomaly_drivings: dict(k=[1e8, -2e8, 6e8], E=[1.0, 2.0, 3.0], B=[0.1, 0.0, 1.0], **_model()),
    chiral.Pocket: dict(t=-1, kz_lo=1e8, kz_hi=2e8, charge=-1.0),
}
SIZES = {"n_kz", "n_phi"}
CHOICES = {"scheme", "block", "t", "band"}
METHODS = {   # FermiSurfaceSolver method -> valid arguments
    "conductivity": dict(B=0.2, scheme="consistent", ahe=False),
    "conductivity_field": dict(B_vec=[0.1, 0.0, 0.1], scheme="paper", ahe=True),
    "resistivity": dict(B=0.2, scheme="consistent", ahe=True),
    "angle_response": dict(B=0.2, alpha=0.3, scheme="paper-proper-inverse", ahe=False),
    "cme_current": dict(B=1.0, mu_plus=meV, mu_minus=0.0),
    "sigma2_anomaly": dict(scheme="paper"),
    "fraction": dict(scheme="paper"),
    "pumping": dict(scheme="paper"),
    "anomaly_terms": dict(scheme="consistent"),
}


def _bad_value(name):
    if name in SIZES:
        return BAD_SIZES
    if name in CHOICES or name == "ahe":
        return st.one_of(BAD_OBJECTS, BAD_SCALARS)
    return BAD_SCALARS


CASES = [(f, name) for f, kw in FUNCTIONS.items() for name in kw]
METHOD_CASES = [(m, name) for m, kw in METHODS.items() for name in kw]


def test_every_public_callable_is_covered():
    covered = {f.__name__ for f in FUNCTIONS} | {"pumping_fractions", "warmup"}
    constants = {"SCHEMES", "T_OVER_MU_MAX", "OMEGA_TAU_MAX", "HBAR_OMEGA_OVER_MU_MAX"}
    assert set(chiral.__all__) - constants == covered
    public = {n for n, m in inspect.getmembers(chiral.FermiSurfaceSolver, inspect.isfunction) if not n.startswith("_")}
    assert public - {"son_spivak", "valley_time", "rings"} == set(METHODS)     # the last three take no input


@pytest.mark.parametrize("func,name", CASES, ids=[f"{f.__name__}-{n}" for f, n in CASES])
@SETTINGS
@given(data=st.data())
def test_bad_argument_gives_finite_numbers_or_an_error_naming_a_parameter(func, name, data):
    kwargs = dict(FUNCTIONS[func], **{name: data.draw(_bad_value(name), label=name)})
    check_call(lambda: func(**kwargs), list(kwargs))


@pytest.mark.parametrize("method,name", METHOD_CASES, ids=[f"{m}-{n}" for m, n in METHOD_CASES])
@SETTINGS
@given(data=st.data())
def test_bad_argument_to_a_solver_method(solver, method, name, data):
    kwargs = dict(METHODS[method], **{name: data.draw(_bad_value(name), label=name)})
    check_call(lambda: getattr(solver, method)(**kwargs), list(kwargs))


@pytest.mark.parametrize("name", ["mu", "n_kz", "n_phi", "direction"])
@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_bad_argument_to_pumping_fractions(name, data):
    kwargs = dict(mu=5 * meV, direction=(0.0, 0.0, 1.0), n_kz=2, n_phi=2, **_model())
    kwargs[name] = data.draw(BAD_SIZES if name in SIZES else BAD_SCALARS, label=name)
    check_call(lambda: chiral.pumping_fractions(**kwargs), list(kwargs))


# --- the examples, as written ---
def test_huge_phi_grid_is_refused_at_once():
    with pytest.raises(ValueError, match=r"n_phi must be an integer in \[4, 512\], got 10000000"):
        chiral.FermiSurfaceSolver(20 * meV, 3e5, 100 * meV, 0.0, 1e-13, 0.01, n_phi=10**7)


def test_huge_pocket_grid_is_refused_at_once():
    with pytest.raises(ValueError, match=r"n_kz must be an integer in \[1, 1000\], got 10000000"):
        chiral.pockets(20 * meV, 3e5, 100 * meV, 0.0, n_kz=10**7)


@pytest.mark.parametrize("bad", ["48", None, np.array([48, 48])])
def test_non_integer_phi_grid_never_reaches_numba(bad):
    with pytest.raises(ValueError, match="n_phi must be an integer"):
        chiral.FermiSurfaceSolver(20 * meV, 3e5, 100 * meV, 0.0, 1e-13, 0.01, n_phi=bad)


def test_array_temperature_of_the_paper_coefficient_is_refused_by_name():
    with pytest.raises(ValueError, match="T must be a scalar"):
        chiral.paper_coefficient(0.5 * meV, 0.0, meV, np.array([1e-3, 2e-3]))


@pytest.mark.parametrize("call,name", [
    (lambda: chiral.mass(np.nan, -1, 3e5, 100 * meV, 0.0), "kz"),
    (lambda: chiral.mass(1e8, -1, 3e5, np.nan, 0.0), "b"),
    (lambda: chiral.bands(np.nan, 0.0, 1e8, 3e5, 100 * meV, 0.0), "kx"),
    (lambda: chiral.bands(0.0, 0.0, 1e8, np.nan, 100 * meV, 0.0), "v_F"),
    (lambda: chiral.hamiltonian(0.0, np.nan, 1e8, 3e5, 100 * meV, 0.0), "ky"),
    (lambda: chiral.hamiltonian(0.0, 0.0, 1e8, 3e5, 100 * meV, np.nan), "Delta"),
    (lambda: chiral.berry_curvature(0.0, 0.0, np.nan, -1, 3e5, 100 * meV, 0.0), "kz"),
    (lambda: chiral.berry_curvature(1e8, 0.0, 1e8, np.nan, 3e5, 100 * meV, 0.0), "t"),
])
def test_nan_is_refused_by_name(call, name):
    with pytest.raises(ValueError, match=rf"^{name} must be"):
        call()


@pytest.mark.parametrize("band", [2, 0, 0.5, True, "1"])
def test_band_must_be_plus_or_minus_one(band):
    with pytest.raises(ValueError, match=r"band must be \+1 or -1"):
        chiral.berry_curvature(1e8, 0.0, 1e8, -1, 3e5, 100 * meV, 0.0, band=band)


def test_lower_band_curvature_is_minus_the_upper():
    """The two bands of a 2x2 block carry opposite curvature (Berry curvatures of a complete set sum to 0)."""
    args = (1e8, -3e7, 2e8, -1, 3e5, 100 * meV, 40 * meV)
    up, down = chiral.berry_curvature(*args, band=1), chiral.berry_curvature(*args, band=-1)
    assert np.all(up != 0) and np.array_equal(down, -up)


def test_curvature_at_a_weyl_node_is_refused():
    k0 = chiral.node_wavevector(3e5, 100 * meV, 0.0)
    with pytest.raises(ValueError, match="Weyl nodes"):
        chiral.berry_curvature(0.0, 0.0, k0, -1, 3e5, 100 * meV, 0.0)


# --- validity warnings of the B^2 solver ---
def test_conductivity_far_outside_omega_c_tau_warns_and_flags_the_negative_sigma(solver):
    """The issue's example: 3 T at the paper's parameters gives omega_c tau_tr = 2.7 and sigma_xx < 0."""
    s = chiral.FermiSurfaceSolver(20 * meV, 3e5, 100 * meV, 0.0, 1e-13, 0.01)
    with pytest.warns(ValidityWarning) as record:
        sigma = s.conductivity(3.0)
    messages = " | ".join(str(w.message) for w in record)
    assert sigma[0, 0] < 0
    assert "omega_c tau_tr" in messages and "negative" in messages
    assert all(w.filename == __file__ for w in record)            # shown at the caller's line


def test_omega_c_tau_warning_threshold(solver):
    """omega_c tau_tr = B sqrt(-sigma2_xx/sigma0_xx) (docs/theory/chiral-anomaly.md §8) crosses 0.3 at B*."""
    wct = chiral.cyclotron_frequency(1.0, 3e5, 20 * meV) * solver.tau_tr
    b_star = chiral.OMEGA_TAU_MAX / wct
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        solver.conductivity(0.99 * b_star)
    with pytest.warns(ValidityWarning, match=r"omega_c tau_tr = 0\.303"):
        solver.conductivity(1.01 * b_star)
    with pytest.warns(ValidityWarning, match="omega_c tau_tr"):
        solver.resistivity(np.array([0.0, 1.01 * b_star]))
    with pytest.warns(ValidityWarning, match="omega_c tau_tr"):
        solver.angle_response(1.01 * b_star, 0.0)
    with pytest.warns(ValidityWarning, match="omega_c tau_tr"):
        solver.conductivity_field([1.01 * b_star, 0.0, 0.0])


def test_landau_quantisation_warning():
    """hbar omega_c/mu = hbar e B v_F^2/mu^2 = 0.15 > 0.1 with a short tau (1 fs), so that omega_c tau_tr stays
    small and only the quantum condition fails."""
    mu = 5 * meV
    B = 0.15 * mu**2 / (units.hbar * units.e * 3e5**2)
    s = chiral.FermiSurfaceSolver(mu, 3e5, 100 * meV, 0.0, 1e-15, 0.01)
    with pytest.warns(ValidityWarning, match=r"hbar omega_c/mu = 0\.15") as record:
        s.conductivity(B)
    assert not any("omega_c tau_tr" in str(w.message) for w in record)


def test_paper_parameters_do_not_warn(solver):
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        solver.conductivity(np.linspace(-0.2, 0.2, 5), "paper", ahe=True)
        solver.angle_response(0.2, np.linspace(0, np.pi, 5))
        chiral.pumping_fractions(5 * meV, 3e5, 100 * meV, 40 * meV, n_kz=2, n_phi=2)
        chiral.paper_coefficient(3 * meV, 0.0, meV, 0.05 * meV / units.k_B)


def test_explorer_defaults_do_not_warn_and_delta_stays_below_b():
    from dragbook.ui.chiral import MagnetoconductanceExplorer, WeylBandExplorer

    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        MagnetoconductanceExplorer()
        ex = WeylBandExplorer()
    for b in (20.0, 55.0, 200.0):
        ex.controls["b_meV"].value = b
        ex.controls["Delta_meV"].value = 1e3
        assert ex.controls["Delta_meV"].value < b and ex.status.value == ""
