"""The shared input checks: every refusal names the parameter, its value and the allowed range."""

import warnings

import numpy as np
import pytest

from dragbook import _check
from dragbook._check import ValidityWarning


@pytest.mark.parametrize("bad", [None, "1.0", b"1", True, np.bool_(False), 1 + 2j, [1, "a"], {"a": 1}, object()])
def test_non_numbers_are_refused_by_name(bad):
    with pytest.raises(ValueError, match=r"^T must be (a )?real"):
        _check.positive("T", bad, "K")


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf, [1.0, np.nan]])
def test_non_finite_is_refused_by_name(bad):
    with pytest.raises(ValueError, match="^d must be finite"):
        _check.positive("d", bad, "m")


def test_ranges_name_parameter_value_and_range():
    with pytest.raises(ValueError, match=r"^T must be >= 0, got -1 K$"):
        _check.nonnegative("T", -1.0, "K")
    with pytest.raises(ValueError, match=r"^a must be in \[0, 1\), got 1$"):
        _check.in_range("a", [0.5, 1.0], 0.0, 1.0, closed=(True, False))
    assert _check.positive("n", 3) == 3.0 and isinstance(_check.positive("n", 3), float)
    assert _check.positive("n", np.array([1, 2])).dtype == np.float64


@pytest.mark.parametrize("bad", [True, 2.5, "10", None, np.array([3]), 0, 10**7])
def test_grid_sizes_are_bounded_integers(bad):
    with pytest.raises(ValueError, match=r"^nk must be an integer in \[1, 4096\]"):
        _check.integer("nk", bad, 1, 4096)


def test_grid_size_accepts_numpy_integers():
    assert _check.integer("nk", np.int64(64), 1, 4096) == 64


@pytest.mark.parametrize("bad", ["yes", 1, 0, np.nan, None])
def test_flags_accept_only_booleans(bad):
    with pytest.raises(ValueError, match="^swap must be True or False"):
        _check.flag("swap", bad)
    assert _check.flag("swap", np.True_) is True


def test_validity_warning_points_at_the_callers_call_site():
    def public():
        _check.validity("outside the model")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        public()
    assert caught[0].category is ValidityWarning and issubclass(ValidityWarning, UserWarning)
    assert caught[0].filename == __file__
