"""Bad input to every public function of dragbook.thermal (issue 19): finite numbers or a ValueError/TypeError
naming a parameter, within a time bound (tests/_inputs.py)."""

import numpy as np
import pytest
from hypothesis import given, settings

from dragbook import thermal, units

from _inputs import BAD_SCALARS, check_with

CALLS = {
    "fermi": (thermal.fermi, dict(E=1 * units.meV, mu=0.0, T=10.0)),
    "fermi_window": (thermal.fermi_window, dict(E=1 * units.meV, mu=0.0, T=10.0)),
    "drag_weight": (thermal.drag_weight, dict(omega=1e12, T=10.0)),
}
CASES = [(call, name) for call, (_, kwargs) in CALLS.items() for name in kwargs]


@pytest.mark.parametrize("call, name", CASES, ids=[f"{c}-{n}" for c, n in CASES])
@settings(max_examples=30, deadline=None)
@given(bad=BAD_SCALARS)
def test_one_bad_argument_gives_finite_numbers_or_an_error_naming_a_parameter(call, name, bad):
    func, kwargs = CALLS[call]
    check_with(func, kwargs, name, bad)


@pytest.mark.parametrize("func", [thermal.fermi, thermal.fermi_window])
def test_nan_is_refused_by_name_not_passed_through(func):
    """The issue: the thermal functions passed NaN through."""
    for name, args in (("E", (np.nan, 0.0, 10.0)), ("mu", (0.0, np.nan, 10.0)), ("T", (0.0, 0.0, np.nan))):
        with pytest.raises(ValueError, match=f"^{name} must be finite"):
            func(*args)


def test_extreme_magnitudes_give_the_limits():
    """f -> 0 or 1 and -df/dE -> 0 far from mu; the drag weight -> 0 at hbar omega >> k_BT (no overflow)."""
    assert thermal.fermi(1e300, -1e300, 1e-9) == 0.0 and thermal.fermi(-1e300, 1e300, 1e-9) == 1.0
    assert thermal.fermi_window(1e300, -1e300, 1e-9) == pytest.approx(0.0, abs=1e-250)
    assert thermal.drag_weight(1e300, 1e-9) == 0.0 and thermal.drag_weight(1e-300, 1e9) == 1.0


def test_temperature_range_is_stated():
    with pytest.raises(ValueError, match=r"^T must be in \[1e-09, 1e\+09\], got 1e-300 K"):
        thermal.fermi_window(0.0, 0.0, 1e-300)


def test_shapes_that_do_not_broadcast_are_refused_by_name():
    with pytest.raises(ValueError, match="E, mu and T must broadcast"):
        thermal.fermi(np.ones(3), np.ones(2), 10.0)
