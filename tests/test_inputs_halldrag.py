"""Bad input to dragbook.halldrag (issue 19): every public function answers with finite numbers or an error naming
a parameter, within a time bound; the issue's examples; one test per ValidityWarning."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from _inputs import BAD_OBJECTS, BAD_SCALARS, BAD_SIZES, check_call, check_with
from dragbook import ValidityWarning, halldrag, units

meV, nm, ps = units.meV, units.nm, units.ps
#: Fig. 2 of Messica and Gutman (2024): the explorers' defaults (dragbook/ui/halldrag.py PAPER)
PAPER = dict(eF_a=60 * meV, v_a=1.9e5, tau_a=2 * ps, dk=4.7 / nm, tilt=0.3, W=15 * nm, n_p=1e11 * units.per_cm2,
             m_eff_p=0.067, tau_p=20 * ps, d=40 * nm, eps_r=12.0, g_p=2, dos_tilt=False)


def paper(**changes):
    return halldrag.WeylMetalBilayer(**{**PAPER, **changes})


BL = paper()
K = np.array([1.0, 0.2, 0.3])
K2 = np.array([0.1, 1.0, -0.4])
K3 = np.array([0.3, -0.2, 1.0])
OPTIONS = dict(regime="all", screening="strong", hall_friction=True, anomalous=True, b_par=-3.0, b_perp=-2.0,
               swap=False)

#: function -> (valid keyword arguments, kind of each: "x" number, "n" integer, "f" flag, "o" object, "c" choice)
CALLS = {
    halldrag.WeylMetalBilayer: (PAPER, "xxxxxxxxxxxnf"),
    halldrag.drag_frictions: (dict(bilayer=BL, T=5.0, regime="all", screening="strong"), "oxcc"),
    halldrag.drag_components: (dict(bilayer=BL, T=5.0, **OPTIONS), "oxccffxxf"),
    halldrag.drag_conductivity: (dict(bilayer=BL, T=5.0, **OPTIONS), "oxccffxxf"),
    halldrag.drag_resistivity: (dict(bilayer=BL, T=5.0, **OPTIONS), "oxccffxxf"),
    halldrag.boost_velocity: (dict(bilayer=BL, energy=60 * meV), "ox"),
    halldrag.weyl_spinor: (dict(k=K, n=1, xi=-1), "onn"),
    halldrag.overlap_squared: (dict(k=K, n=1, k2=K2, n2=1, xi=1), "onon n".replace(" ", "")),
    halldrag.bloch_phase: (dict(k1=K, n1=1, k2=K2, n2=-1, k3=K3, n3=1, xi=1), "ononon n".replace(" ", "")),
    halldrag.side_jump: (dict(k=K, n=1, k2=K2, n2=1, xi=1), "ononn"),
    halldrag.mean_spinor: (dict(tilt=0.3, xi=1, n=1), "xnn"),
    halldrag.q_functions: (dict(z=0.7, paper_text=False), "xf"),
    halldrag.phase_space_weight: (dict(w=0.3, z=0.7, paper_text=True), "xxf"),
    halldrag.friction_functions: (dict(tau_hat=0.1, z=1.3, regime="all", screening="rpa", K_a=80.0, K_p=8.0,
                                       K_F=3.0), "xxccxxx"),
    halldrag.normal_bilayer: (dict(n_a=3e15, n_p=1e15, tau_a=1e-12, tau_p=1e-12, B_a=0.2, B_p=0.1, eta=1e-20,
                                   d=40 * nm, m_a=0.067, m_p=0.067), "xxxxxxxxxx"),
}
BAD = {"x": BAD_SCALARS, "n": st.one_of(BAD_SIZES, BAD_SCALARS), "f": BAD_SCALARS,
       "o": st.one_of(BAD_OBJECTS, BAD_SCALARS), "c": st.one_of(BAD_OBJECTS, BAD_SCALARS, st.just("ALL"))}


@pytest.mark.parametrize("func", list(CALLS), ids=lambda f: f.__name__)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_bad_input_gives_finite_numbers_or_an_error_naming_a_parameter(func, data):
    kwargs, kinds = CALLS[func]
    names = list(kwargs)
    assert len(kinds) == len(names)
    i = data.draw(st.integers(0, len(names) - 1), label="argument")
    bad = data.draw(BAD[kinds[i]], label=names[i])
    check_with(func, kwargs, names[i], bad)


@settings(max_examples=30, deadline=None)
@given(method=st.sampled_from(["tau_hat", "friction_scale", "validity"]), bad=BAD_SCALARS)
def test_bilayer_methods_check_the_temperature(method, bad):
    check_call(lambda: getattr(BL, method)(bad), ["T"])


def test_valid_defaults_are_finite():
    for func, (kwargs, _) in CALLS.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ValidityWarning)
            assert check_call(lambda: func(**kwargs), list(kwargs)) == "finite", func.__name__


# --- the examples ---

@pytest.mark.parametrize("func", [halldrag.drag_frictions, halldrag.drag_components, halldrag.drag_conductivity,
                                  halldrag.drag_resistivity, halldrag.boost_velocity])
@pytest.mark.parametrize("wrong", [None, "bilayer", {"d": 1e-8}, 1.0])
def test_a_wrong_bilayer_is_named(func, wrong):
    """A wrong object for `bilayer` gave an AttributeError in every halldrag function."""
    with pytest.raises(TypeError, match="^bilayer must be a WeylMetalBilayer"):
        func(wrong, 5.0)


@pytest.mark.parametrize("flag", ["hall_friction", "anomalous", "swap"])
@pytest.mark.parametrize("bad", ["yes", float("nan"), 1, None])
def test_flags_accept_only_booleans(flag, bad):
    with pytest.raises(ValueError, match=f"^{flag} must be True or False"):
        halldrag.drag_components(BL, 5.0, **{flag: bad})
    with pytest.raises(ValueError, match="^dos_tilt must be True or False"):
        paper(dos_tilt=bad)
    with pytest.raises(ValueError, match="^paper_text must be True or False"):
        halldrag.q_functions(0.7, paper_text=bad)


def test_tiny_temperature_names_T_with_its_range():
    """drag_resistivity(bl, 1e-300) named "tau_hat", a parameter the caller never passed."""
    with pytest.raises(ValueError, match=r"^T must be in \[.* K for this bilayer .*, got 1e-300 K"):
        halldrag.drag_resistivity(BL, 1e-300)
    with pytest.raises(ValueError, match=r"^T must be in"):
        halldrag.drag_conductivity(BL, np.array([5.0, 1e30]))


@pytest.mark.parametrize("changes,names", [(dict(n_a=1e-300), "n_a"), (dict(tau_p=1e-300), "tau_p"),
                                           (dict(eta=1e300), "eta"), (dict(n_p=1e300, n_a=1e-300), "n_a")])
def test_normal_bilayer_extremes_are_refused_by_name(changes, names):
    """Extreme magnitudes gave NaN in normal_bilayer: now finite or a ValueError naming the parameters."""
    kwargs = {**CALLS[halldrag.normal_bilayer][0], **changes}
    assert check_call(lambda: halldrag.normal_bilayer(**kwargs), [names]) in ("finite", "refused")


def test_normal_bilayer_wide_but_valid_magnitudes_stay_exact():
    """Far from the paper but representable: rho^D_xx = eta/(e^2 n_a n_p d) still holds (theory §2)."""
    n_a, n_p, eta, d = 1e13, 1e17, 1e-25, 1e-6
    out = halldrag.normal_bilayer(n_a, n_p, 1e-9, 1e-14, 5.0, -3.0, eta, d)
    assert out["rho_D"][0, 0] == pytest.approx(eta / (units.e**2 * n_a * n_p * d), rel=1e-8, abs=0)


def test_extreme_bilayers_are_refused_by_name():
    with pytest.raises(ValueError, match="out of the floating-point range"):
        paper(eF_a=1e300)
    with pytest.raises(ValueError, match="^v_a must be within a factor 1e6"):
        paper(v_a=1e-3)
    with pytest.raises(ValueError, match=r"^g_p must be an integer in \[1, 16\]"):
        paper(g_p="2")


# --- validity warnings ---

def test_paper_parameters_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        halldrag.drag_components(paper(), np.geomspace(0.5, 30.0, 5))
        halldrag.drag_components(paper(), 1.0, regime="low")
        halldrag.drag_components(paper(), 35.0, regime="high")


def test_warns_above_the_passive_fermi_energy():
    """eF^p = 41 K at n_p = 1e11 cm^-2: the degenerate-metal formulas do not hold at 100 K."""
    with pytest.warns(ValidityWarning, match=r"k_B T = 100 K exceeds eF_p = 41\.\d K"):
        halldrag.drag_conductivity(BL, 100.0)


def test_warns_above_the_wsm_fermi_energy():
    with pytest.warns(ValidityWarning, match=r"exceeds eF_a = "):
        halldrag.drag_frictions(paper(eF_a=5 * meV, tau_a=20 * ps), 100.0)


def test_warns_for_a_poor_metal():
    """eF tau/hbar = 0.9: the expansion in hbar/(eF tau) fails."""
    with pytest.warns(ValidityWarning, match=r"eF_a tau_a/hbar = 0.9\d* is not >> 1"):
        halldrag.drag_frictions(paper(tau_a=0.01 * ps), 5.0)


def test_warns_for_weak_screening_only_with_strong_screening():
    weak = paper(eps_r=400.0)          # kappa_p d = 0.25
    with pytest.warns(ValidityWarning, match=r"kappa_p d = 0.2\d* is not >> 1"):
        halldrag.drag_frictions(weak, 5.0)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always", ValidityWarning)
        halldrag.drag_frictions(weak, 5.0, screening="rpa")
    assert not any("kappa" in str(w.message) for w in record)


def test_warns_for_a_dilute_metal_far_away():
    with pytest.warns(ValidityWarning, match=r"k_F\^p d = 1.\d* is not >> 1"):
        halldrag.drag_frictions(paper(n_p=0.2e11 * units.per_cm2, d=30 * nm), 1.0)


def test_warns_when_d_exceeds_a_mean_free_path():
    with pytest.warns(ValidityWarning, match=r"d = .* exceeds a mean free path"):
        halldrag.drag_frictions(paper(tau_a=0.1 * ps, d=60 * nm), 1.0)


def test_warns_when_an_asymptotic_regime_is_used_outside_it():
    """T_d = 26 K for the paper's bilayer: "low" needs T << T_d, "high" T >> T_d."""
    with pytest.warns(ValidityWarning, match=r"regime='low' needs T << T_d = 26\.\d K"):
        halldrag.drag_frictions(BL, 30.0, regime="low")
    with pytest.warns(ValidityWarning, match=r"regime='high' needs T >> T_d"):
        halldrag.drag_frictions(BL, 3.0, regime="high")
