"""Bad input to every public function of dragbook.dynamic_rpa (issue 19): finite numbers or a ValueError/
TypeError naming a parameter, within a time bound (tests/_inputs.py), and its validity warnings."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings

from dragbook import drag, dynamic_rpa, units
from dragbook._check import ValidityWarning

from _inputs import BAD_OBJECTS, BAD_SCALARS, BAD_SIZES, check_with

nm = units.nm
GAAS = drag.ParabolicLayer(1.5e15, 0.067)                       # Flensberg & Hu's GaAs layers
DIRAC = drag.DiracLayer(1e16, 4.1 * units.eV_angstrom, 10 * units.meV)
BILAYER = drag.Bilayer(GAAS, GAAS, 30 * nm, 12.9)
PROPERTY = settings(max_examples=30, deadline=None)

CALLS = {
    "density_response": (dynamic_rpa.density_response, dict(layer=DIRAC, q=DIRAC.k_F, omega=1e13, T=5.0)),
    "screened_interaction": (dynamic_rpa.screened_interaction, dict(bilayer=BILAYER, q=GAAS.k_F, omega=1e12, T=5.0)),
    "plasmon_frequencies": (dynamic_rpa.plasmon_frequencies, dict(bilayer=BILAYER, q=0.1 * GAAS.k_F, T=5.0,
                                                                  omega_max=1e14, n_scan=50)),
    "drag_integrand": (dynamic_rpa.drag_integrand, dict(bilayer=BILAYER, T=5.0, q=GAAS.k_F, omega=1e12)),
    "check_layers": (dynamic_rpa.check_layers, dict(bilayer=BILAYER)),
}
SLOW = {"rho_drag_dynamic": (dynamic_rpa.rho_drag_dynamic, dict(bilayer=BILAYER, T=5.0, kernel="exact"))}
OBJECTS, SIZES = {"layer", "bilayer"}, {"n_scan"}
CASES = [(call, name) for call, (_, kwargs) in CALLS.items() for name in kwargs]


@pytest.fixture(scope="module", autouse=True)
def _compiled():
    """Kernels compiled or loaded from the numba cache before any call is timed."""
    dynamic_rpa.warmup()


def _bad(name, bad_scalar, bad_object, bad_size):
    return bad_object if name in OBJECTS else bad_size if name in SIZES else bad_scalar


@pytest.mark.parametrize("call, name", CASES, ids=[f"{c}-{n}" for c, n in CASES])
@PROPERTY
@given(bad_scalar=BAD_SCALARS, bad_object=BAD_OBJECTS, bad_size=BAD_SIZES)
def test_one_bad_argument_gives_finite_numbers_or_an_error_naming_a_parameter(call, name, bad_scalar,
                                                                           bad_object, bad_size):
    func, kwargs = CALLS[call]
    check_with(func, kwargs, name, _bad(name, bad_scalar, bad_object, bad_size))


@pytest.mark.parametrize("name", ["bilayer", "T", "kernel"])
@settings(max_examples=20, deadline=None)
@given(bad_scalar=BAD_SCALARS, bad_object=BAD_OBJECTS)
def test_rho_drag_dynamic_bad_argument(name, bad_scalar, bad_object):
    func, kwargs = SLOW["rho_drag_dynamic"]
    bad = bad_object if name == "bilayer" else bad_scalar
    check_with(func, kwargs, name, bad)


@pytest.mark.parametrize("layer", [GAAS, DIRAC], ids=["2DEG", "Dirac"])
def test_density_response_is_finite_at_the_ends_of_its_range_and_refuses_beyond(layer):
    """q from 1e-6 to 1e6 k_F, |hbar omega| up to 1e6 hbar v_F k_F: finite (NaN before at omega = -1e300)."""
    k_F, w_top = layer.k_F, 1e6 * layer.v_F * layer.k_F
    for q in (1e-6 * k_F, k_F, 1e6 * k_F):
        for omega in (-w_top, -1e-300, 0.0, 1e12, w_top):
            for T in (0.0, 5.0):
                assert np.isfinite(dynamic_rpa.density_response(layer, q, omega, T))
    for q, omega, name in ((1e300, 1e12, "q"), (1e-300, 1e12, "q"), (k_F, -1e300, "omega")):
        with pytest.raises(ValueError, match=f"^{name} must be in \\["):
            dynamic_rpa.density_response(layer, q, omega)


def test_dynamic_drag_warns_where_the_dirac_layer_is_far_from_degenerate():
    bilayer = drag.Bilayer(DIRAC, DIRAC, 10 * nm, 20.0)
    with pytest.warns(ValidityWarning, match="valence-band holes"):
        dynamic_rpa.drag_integrand(bilayer, 1e4, DIRAC.k_F, 1e14)


def test_dynamic_drag_warns_when_the_layers_are_closer_than_1_nm():
    with pytest.warns(ValidityWarning, match="is below 1e-09 m"):
        dynamic_rpa.drag_integrand(drag.Bilayer(GAAS, GAAS, 0.05 * nm, 12.9), 5.0, GAAS.k_F, 1e12)


def test_dynamic_drag_at_flensberg_hu_parameters_does_not_warn():
    """Dynamic screening is the model for the plasmon regime: a GaAs bilayer at 0.3 T_F is inside it."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        dynamic_rpa.drag_integrand(BILAYER, 0.3 * GAAS.mu / units.k_B, GAAS.k_F, 1e12)
