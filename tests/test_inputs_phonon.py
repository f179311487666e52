"""Bad input to dragbook.phonon (issue 19): every public function, the SI class and its methods either return
finite numbers or raise ValueError/TypeError naming a parameter, within a time bound; the quasi-elastic and
degeneracy validity warnings of PhononDiracMetal; the paper's parameters and the notebook's material not warning."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _inputs import BAD_OBJECTS, BAD_SCALARS, check_call
from dragbook import ValidityWarning, phonon, units

meV = units.meV
SETTINGS = settings(max_examples=30, deadline=None)
#: notebook 05's illustrative material (section 6): c_s/v_F = 0.046, T_BG = 80 K
METAL = dict(v=5e5, Delta=50 * meV, eF=100 * meV, c_s=2e4, D=10 * units.eV, rho_m=7.6e-7, g=1)
T_GRID = np.array([0.0, 0.05, 0.2, 3.0])

FUNCTIONS = {   # the paper's a = 0.5; t on both sides of 1 (the two quadrature branches)
    phonon.tau_ratio: dict(T_over_TBG=T_GRID, a=0.5, kernel="energy_resolved"),
    phonon.side_jump_conductivity: dict(T_over_TBG=0.2, a=0.5, kernel="thermal_average"),
    phonon.side_jump_halves: dict(T_over_TBG=T_GRID[1:], a=0.5, pauli_factor=False),
    phonon.resistivity_bg: dict(T_over_TBG=T_GRID, a=0.5),
    phonon.resistivity_bg_limits: dict(T_over_TBG=T_GRID, a=0.5),
    phonon.intrinsic_conductivity: dict(a=0.5),
    phonon.angular_weights: dict(phi=np.linspace(-math.pi, math.pi, 7), T_over_TBG=0.2, a=0.5),
    phonon.overlap: dict(phi=1.0, a=0.5),
    phonon.impurity_ratio: dict(a=0.5, kind="gaussian", kF_xi=1.0),
    phonon.side_jump_mixed: dict(T_over_TBG=T_GRID, a=0.5, eta=1e-3, impurity="gaussian", kF_xi=1.0,
                                 kernel="thermal_average"),
    phonon.PhononDiracMetal: METAL,
}
CHOICES = {"kernel", "kind", "impurity", "pauli_factor", "g"}
METHODS = {"relaxation_rates": "T", "resistivity": "T", "side_jump_conductivity": "T"}
CASES = [(f, name) for f, kw in FUNCTIONS.items() for name in kw]


def test_every_public_callable_is_covered():
    constants = {"KERNELS", "IMPURITIES", "CS_OVER_VF_MAX", "KT_OVER_EF_MAX"}
    assert set(phonon.__all__) - constants == {f.__name__ for f in FUNCTIONS} | {"warmup"}


@pytest.mark.parametrize("func,name", CASES, ids=[f"{f.__name__}-{n}" for f, n in CASES])
@SETTINGS
@given(data=st.data())
def test_bad_argument_gives_finite_numbers_or_an_error_naming_a_parameter(func, name, data):
    bad = st.one_of(BAD_OBJECTS, BAD_SCALARS) if name in CHOICES else BAD_SCALARS
    kwargs = dict(FUNCTIONS[func], **{name: data.draw(bad, label=name)})
    if func is phonon.side_jump_halves and name == "T_over_TBG" and np.all(kwargs[name] == 0):
        kwargs["pauli_factor"] = True       # without the factor sigma(1) diverges at t = 0: inf, documented
    check_call(lambda: func(**kwargs), list(kwargs))


@pytest.mark.parametrize("method", sorted(METHODS))
@SETTINGS
@given(bad=BAD_SCALARS)
def test_bad_temperature_to_a_metal_method(method, bad):
    metal = phonon.PhononDiracMetal(**METAL)
    check_call(lambda: getattr(metal, method)(bad), ["T"])


# --- the examples ---
@pytest.mark.parametrize("c_s", [5e5, 1e6, 4.4e5])
def test_sound_faster_than_the_electrons_is_refused(c_s):
    """c_s >= v (and c_s >= v_F = v sqrt(1 - a^2) = 4.33e5 m/s here): no quasi-elastic scattering."""
    with pytest.raises(ValueError, match=r"c_s must be < v_F = .* m/s .*got"):
        phonon.PhononDiracMetal(**dict(METAL, c_s=c_s))


def test_sound_not_slow_compared_with_the_electrons_warns():
    v_F = 5e5 * math.sqrt(1 - 0.25)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        phonon.PhononDiracMetal(**dict(METAL, c_s=0.099 * v_F))
    with pytest.warns(ValidityWarning, match=r"c_s/v_F = 0\.101? is not small") as record:
        phonon.PhononDiracMetal(**dict(METAL, c_s=0.101 * v_F))
    assert record[0].filename == __file__


def test_non_degenerate_electrons_warn():
    """k_B T/eF > 0.3: T above 0.3 eF/k_B = 348 K for eF = 100 meV."""
    metal = phonon.PhononDiracMetal(**METAL)
    T_max = phonon.KT_OVER_EF_MAX * metal.eF / units.k_B
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        metal.resistivity(np.array([1.0, 0.99 * T_max]))
    for method in METHODS:
        with pytest.warns(ValidityWarning, match=r"k_B T/eF = 0\.303 is not small"):
            getattr(metal, method)(np.array([1.0, 1.01 * T_max]))


def test_paper_and_notebook_parameters_do_not_warn():
    """Notebook 05's material at the temperatures it prints (up to 300 K, k_B T/eF = 0.26), and the reduced
    functions at the large t the notebook and the explorers use for the high-T plateau."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        metal = phonon.PhononDiracMetal(**METAL)
        for T in (8.0, 20.0, 80.0, 300.0):
            metal.relaxation_rates(T), metal.resistivity(T), metal.side_jump_conductivity(T)
        phonon.side_jump_conductivity(np.array([0.0, 1e6]), 0.5)
        phonon.side_jump_conductivity(300, 0.5)
        phonon.side_jump_mixed(np.geomspace(1e-3, 10, 5), 0.5, 1e-3)


def test_reduced_temperature_of_300_is_the_plateau_by_design():
    """``side_jump_conductivity(300, 0.5)`` is t = 300 (T/T_BG, reduced): the high-T plateau 3/7 (paper Eq. 21) to
    O(1/t^2); kelvin belong to PhononDiracMetal, where 300 K at T_BG = 80 K is t = 3.7, below the plateau."""
    assert phonon.side_jump_conductivity(300, 0.5) == pytest.approx(3 / 7, rel=1e-5)
    metal = phonon.PhononDiracMetal(**METAL)
    in_kelvin = metal.side_jump_conductivity(300.0) / units.e2_h
    assert in_kelvin == pytest.approx(phonon.side_jump_conductivity(300.0 / metal.T_BG, 0.5), rel=1e-14)
    assert in_kelvin < 3 / 7


@pytest.mark.parametrize("t", [1e-300, 1e-30, 1e-6])
def test_angular_weights_stay_finite_at_tiny_t(t):
    """The issue's NaN: G(y) = y^2 e^-y/(1 - e^-y)^2 at y = sin(phi/2)/t -> inf gave inf * 0. G -> 0 there;
    at phi = 0 the weight is 0 as well (1 - cos phi = 0)."""
    phi = np.array([-2.0, -1e-3, 0.0, 1e-3, 0.5, math.pi])
    sj, tr = phonon.angular_weights(phi, t, 0.5)
    assert np.all(np.isfinite(sj)) and np.all(np.isfinite(tr))
    y = np.abs(np.sin(phi / 2)) / t
    big = y > 800                                   # G(800) ~ 1e-342: exactly 0 in float64
    assert np.all(sj[big] == 0) and np.all(tr[big] == 0)
    assert np.all(sj >= 0) and np.all(tr <= sj)


def test_angular_weights_at_large_t_are_the_uniform_limit():
    """t -> infinity: G -> 1, the weights are (1 - cos phi) and overlap (1 - cos phi)."""
    phi = np.linspace(-3, 3, 7)
    sj, tr = phonon.angular_weights(phi, 1e300, 0.5)
    assert sj == pytest.approx(1 - np.cos(phi), rel=1e-12)
    assert tr == pytest.approx(phonon.overlap(phi, 0.5) * (1 - np.cos(phi)), rel=1e-12)


@pytest.mark.parametrize("bad", ["yes", 1, float("nan"), None])
def test_pauli_factor_must_be_a_bool(bad):
    with pytest.raises(ValueError, match="pauli_factor must be True or False"):
        phonon.side_jump_halves(0.2, 0.5, pauli_factor=bad)


def test_array_temperature_where_a_scalar_is_needed_is_refused_by_name():
    with pytest.raises(ValueError, match="T_over_TBG must be a scalar"):
        phonon.angular_weights(0.3, np.array([0.1, 0.2]), 0.5)


def test_explorer_defaults_do_not_warn():
    from dragbook.ui.phonon import (AngularWeightExplorer, PaperFigure1Explorer, ResistivityExplorer,
                                    SideJumpTemperatureExplorer)

    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        for cls in (PaperFigure1Explorer, SideJumpTemperatureExplorer, AngularWeightExplorer, ResistivityExplorer):
            cls()
