"""Bad input to dragbook.ahe (issue 19): every public function answers with finite numbers or an error naming a
parameter, within a time bound; the issue's examples; one test per ValidityWarning."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from _inputs import BAD_OBJECTS, BAD_SCALARS, BAD_SIZES, check_call, check_with
from dragbook import ValidityWarning, ahe, units

meV = units.meV
# the ordinary parameters of the explorers (a magnetic TI surface; the paper has no numbers): |g| eF/|M| = 0.2
GOOD = dict(eF=40 * meV, M=20 * meV, alpha=0.05, g=0.1, T=0.0)
_H = np.zeros((3, 3, 2, 2), complex)
_H[..., 0, 0], _H[..., 1, 1], _H[..., 0, 1], _H[..., 1, 0] = 1.0, -1.0, 0.3, 0.3

#: function -> (valid keyword arguments, kind of each argument: "x" number, "n" grid size, "f" flag, "o" object)
CALLS = {
    ahe.massive_dirac_hall: (dict(eF=2.0, M=1.0), "xx"),
    ahe.hall_conductivities: (GOOD, "xxxxx"),
    ahe.intrinsic_hall: (dict(eF=40 * meV, M=20 * meV, T=10.0), "xxx"),
    ahe.sigma_xx: (dict(eF=40 * meV, M=20 * meV, alpha=0.05, T=10.0), "xxxx"),
    ahe.scattering_rates: (dict(eF=40 * meV, M=20 * meV, alpha=0.05), "xxx"),
    ahe.validity_edge: (dict(M=20 * meV, alpha=0.05, margin=3.0), "xxx"),
    ahe.conductivity_tensor: (dict(sigma_xx=10.0, sigma_yx=0.5), "xx"),
    ahe.berry_curvature_dirac: (dict(kx=1e8, ky=2e8, M=20 * meV, v_F=3e5, band=-1), "xxxxx"),
    ahe.qwz_berry_curvature: (dict(kx=0.3, ky=0.2, u=1.0, band=1), "xxxx"),
    ahe.berry_curvature_grid: (dict(H=_H, dkx=0.1, dky=0.1, band=-1, periodic=False), "oxxxf"),
    ahe.qwz_chern_number: (dict(u=1.0, nk=16), "xn"),
    ahe.qwz_gap: (dict(u=1.0), "x"),
    ahe.qwz_min_grid: (dict(u=1.0), "x"),
    ahe.fermi_circle_transport: (dict(eF=2.0, M=1.0, alpha=0.1, g=0.1, n_theta=16, seed=0), "xxxxnn"),
    ahe.spin_density: (dict(eF=40 * meV, M=20 * meV, alpha=0.05, E=[1e3, 0.0], v_F=3e5, g=0.1, T=0.0), "xxxoxxx"),
    ahe.spin_density_terms: (dict(eF=40 * meV, M=20 * meV, alpha=0.05, E=[1e3, 0.0], v_F=3e5), "xxxox"),
    ahe.spin_orbit_torque: (dict(eF=40 * meV, M=20 * meV, alpha=0.05, E=[1e3, 0.0], v_F=3e5, g=0.1, T=0.0),
                            "xxxoxxx"),
    ahe.weyl_lattice_hall: (dict(k0=1.0, nz=8, nk=12), "xnn"),
    ahe.weyl_continuum_hall: (dict(mu=30 * meV, b=100 * meV, Delta=20 * meV, v_F=3e5), "xxxx"),
}
BAD = {"x": BAD_SCALARS, "n": BAD_SIZES, "f": BAD_SCALARS, "o": st.one_of(BAD_OBJECTS, BAD_SCALARS)}


@pytest.mark.parametrize("func", list(CALLS), ids=lambda f: f.__name__)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_bad_input_gives_finite_numbers_or_an_error_naming_a_parameter(func, data):
    kwargs, kinds = CALLS[func]
    names = list(kwargs)
    i = data.draw(st.integers(0, len(names) - 1), label="argument")
    bad = data.draw(BAD[kinds[i]], label=names[i])
    check_with(func, kwargs, names[i], bad)


def test_valid_defaults_are_finite():
    for func, (kwargs, _) in CALLS.items():
        assert check_call(lambda: func(**kwargs), list(kwargs)) == "finite", func.__name__


# --- the examples ---

def test_weyl_lattice_grid_is_bounded():
    """ahe.weyl_lattice_hall(1.0, nz=10**7) hung: now refused at once, with the range."""
    with pytest.raises(ValueError, match=r"^nz must be an integer in \[2, 512\], got 10000000"):
        ahe.weyl_lattice_hall(1.0, nz=10**7)
    with pytest.raises(ValueError, match=r"^nk must be an integer in \[4, 128\]"):
        ahe.weyl_lattice_hall(1.0, nk=10**4)


def test_qwz_grid_is_bounded():
    """qwz_chern_number(1.0, nk=10**7) tried to allocate terabytes: refused with the range."""
    with pytest.raises(ValueError, match=r"^nk must be an integer in \[4, 2048\], got 10000000"):
        ahe.qwz_chern_number(1.0, nk=10**7)
    with pytest.raises(ValueError, match=r"^n_theta must be an integer in \[8, 512\]"):
        ahe.fermi_circle_transport(2.0, 1.0, 0.1, n_theta=10**6)


def test_qwz_far_from_and_near_a_gap_closing():
    """A huge mass is trivial (C = 0, no overflow in the spinors); a mass 1e-300 from a closing is refused
    (it would need a grid of 5e300 points), not counted on a wrapped-around integer grid."""
    assert ahe.qwz_chern_number(1e300) == 0 and ahe.qwz_chern_number(-1e300) == 0
    assert ahe.qwz_chern_number(-1.0) == 1 and ahe.qwz_chern_number(1.0) == -1
    for call in (ahe.qwz_min_grid, ahe.qwz_chern_number):
        with pytest.raises(ValueError, match="^u must be at least"):
            call(1e-300)


def test_massless_fermi_circle_is_the_massless_limit():
    """ahe.fermi_circle_transport(-2.0, 0.0, 0.1) divided by zero (the coordinate shift of a backscattering
    jump, whose Born weight vanishes for M = 0). The massless limit exists: every Hall term is odd in M and
    vanishes, sigma_xx = 2/alpha (theory §6, x = 1), the same as M -> 0."""
    fc = ahe.fermi_circle_transport(-2.0, 0.0, 0.1)
    assert fc.sigma_xx == pytest.approx(2 / 0.1, rel=1e-9)
    assert fc.hbar_over_tau_tr == pytest.approx(0.1 / 4, rel=1e-9)        # alpha |eF| (1 + 3a^2)/4, a = 0
    for name in ("extrinsic_velocity", "anomalous_distribution", "skew_third_order"):
        assert abs(getattr(fc, name)) < 1e-10, name
    small = ahe.fermi_circle_transport(-2.0, 1e-3, 0.1)                      # continuous at M -> 0
    assert small.sigma_xx == pytest.approx(fc.sigma_xx, rel=1e-5)
    assert abs(small.extrinsic_velocity) < 2e-3


def test_flags_and_bands_are_real_choices():
    for bad in ("yes", float("nan"), 1, None):
        with pytest.raises(ValueError, match="^periodic must be True or False"):
            ahe.berry_curvature_grid(_H, 0.1, 0.1, periodic=bad)
    for bad in (True, "1", np.array([1, -1]), 2):
        with pytest.raises(ValueError, match="^band must be -1"):
            ahe.berry_curvature_dirac(1e8, 0.0, 20 * meV, 3e5, band=bad)


def test_berry_curvature_without_overflow():
    """Omega = -band m/(2 (k^2 + m^2)^{3/2}), m = M/(hbar v_F): finite where (hbar v_F k)^2 would overflow, and
    equal to the closed form where it does not."""
    M, v, k = 20 * meV, 3e5, 1e8
    m = M / (units.hbar * v)
    expected = m / (2 * (k * k + m * m) ** 1.5)                  # valence band, Eq. 73 with lambda = hbar v r
    assert ahe.berry_curvature_dirac(k, 0.0, M, v) == pytest.approx(expected, rel=1e-12, abs=0)
    assert ahe.berry_curvature_dirac(1e300, 1e300, M, v) == 0.0
    with pytest.raises(ValueError, match="M, v_F, kx, ky out of range"):
        ahe.berry_curvature_dirac(0.0, 0.0, 1e-300, 1e300)


# --- validity warnings ---

def test_born_warning_for_strong_impurities():
    """The third-order skew term is the first of a Born series in g|eF|/|M| (theory §8)."""
    with pytest.warns(ValidityWarning, match=r"\|g\| \|eF\|/\|M\| = 3 > 1"):
        ahe.hall_conductivities(60 * meV, 20 * meV, 0.05, g=1.0)
    with pytest.warns(ValidityWarning, match=r"\|g\| \|eF\|/\|M\|"):
        ahe.fermi_circle_transport(2.0, 1.0, 0.1, g=0.8, n_theta=16)


def test_disorder_warning_when_alpha_is_not_small():
    with pytest.warns(ValidityWarning, match=r"alpha = 0.8 > 0.5"):
        ahe.sigma_xx(40 * meV, 20 * meV, 0.8)
    with pytest.raises(ValueError, match=r"^alpha must be in \(0, 100\]"):
        ahe.hall_conductivities(40 * meV, 20 * meV, 1e3)


def test_ordinary_parameters_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        ahe.hall_conductivities(np.linspace(-100, 100, 41) * meV, 20 * meV, 0.05, g=0.1, T=10.0)
        ahe.fermi_circle_transport(2.0, 1.0, 0.1, g=0.1, n_theta=16)
        ahe.spin_orbit_torque(40 * meV, 20 * meV, 0.05, [1e3, 0.0], 3e5, g=0.1)
        ahe.validity_edge(20 * meV, 0.05)


def test_overflowing_ratios_are_refused_by_name():
    with pytest.raises(ValueError, match="g/alpha must be finite"):
        ahe.hall_conductivities(40 * meV, 20 * meV, 1e-300, g=1e300)
    with pytest.raises(ValueError, match="E, v_F, alpha out of range"):
        ahe.spin_density(40 * meV, 20 * meV, 0.05, [1e300, 0.0], 1e-300)
    assert math.isinf(ahe.validity_edge(1.0, 50.0, margin=3.0))    # documented: no Fermi level is controlled
