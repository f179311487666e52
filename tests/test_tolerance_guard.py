"""The tolerance guard (tests/_tolerance_guard.py) catches comparisons that cannot fail, and only those."""

import os
import textwrap
from pathlib import Path

import numpy as np
import pytest
from _tolerance_guard import approx_is_vacuous, close_is_vacuous


@pytest.mark.parametrize("b, rtol, atol", [
    (-1e-21, 1e-5, 1e-8),                       # np.allclose(1e-21, -1e-21): a drag integrand, default atol
    (np.array([1e-22, -3e-22j]), 1e-5, 1e-8),   # a Hamiltonian in joules, complex
    (5.0, 0.5, 0.0),                            # rtol of one half
    (np.array([1e-9, 0.0]), 1e-5, 1e-8),        # the zero carries no scale; the nonzero one is unresolved
])
def test_close_vacuous(b, rtol, atol):
    assert close_is_vacuous(b, rtol, atol)


@pytest.mark.parametrize("b, rtol, atol", [
    (-1e-21, 1e-5, 0.0),
    (np.array([1.0, 1e-21]), 1e-5, 1e-8),       # one element resolved: the comparison can fail
    (0.0, 1e-5, 1e-8),                          # zero expected: an absolute tolerance is the only kind
    (np.zeros(3), 0.0, 1e-30),
    (1e-21, 0.4, 0.0),
])
def test_close_meaningful(b, rtol, atol):
    assert not close_is_vacuous(b, rtol, atol)


@pytest.mark.parametrize("expected, rel, abs_", [
    (1e-38, 1e-3, None),                        # rel alone keeps abs=1e-12: a screened interaction
    (1e-13, None, None),                        # defaults
    ({"x": 1e-21, "y": -2e-21}, 1e-6, None),
    ([1e-20, 3e-21 + 1e-21j], 1e-2, None),
    (np.array([2.0, -4.0]), None, 2.0),         # abs alone: tolerance = abs >= |b|/2
    (1.0, 0.5, 0.0),
])
def test_approx_vacuous(expected, rel, abs_):
    assert approx_is_vacuous(expected, rel, abs_)


@pytest.mark.parametrize("expected, rel, abs_", [
    (1e-38, 1e-3, 0.0),
    (1e-38, None, 1e-41),
    (0.0, None, 1e-12),                         # zero expected: absolute tolerance fine
    ({"x": 0.0, "y": 1.0}, 1e-3, None),
    ([1e-21, 1.0], 1e-3, None),
    (np.array([1.5, np.nan]), None, None),
    ("text", None, None),
])
def test_approx_meaningful(expected, rel, abs_):
    assert not approx_is_vacuous(expected, rel, abs_)


def test_guard_fails_a_test_end_to_end(pytester, monkeypatch):
    """In a pytest session with the guard registered, vacuous comparisons fail their test, whichever of
    the four functions makes them and however they are imported; meaningful ones and calls from outside
    the guarded directory pass."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]))
    pytester.makeconftest(f"""
        import _tolerance_guard
        def pytest_configure(config):
            _tolerance_guard.register(config, root={str(pytester.path / "guarded")!r})
    """)
    pytester.mkpydir("outside")
    (pytester.path / "outside" / "helper.py").write_text("import numpy as np\n"
                                                         "def compare():\n"
                                                         "    return np.allclose(1e-21, -1e-21)\n")
    guarded = pytester.mkdir("guarded")
    (guarded / "test_cases.py").write_text(textwrap.dedent("""
        import numpy as np
        import pytest
        from numpy.testing import assert_allclose
        from pytest import approx
        from outside.helper import compare

        def test_allclose():
            assert np.allclose(1e-21, -1e-21)

        def test_isclose():
            assert np.isclose(3e-22 + 1e-22j, 3e-22 + 1e-22j, rtol=1e-9)

        def test_approx_rel_only():
            assert 0.0 == approx(1e-38, rel=1e-3)

        def test_assert_allclose_atol():
            assert_allclose([1e-21], [2e-21], atol=1e-9)

        def test_two_in_one():
            assert np.allclose(1e-21, 1e-21)
            assert pytest.approx(1e-30) == 1e-30

        def test_meaningful():
            assert 1e-38 == approx(1e-38, rel=1e-3, abs=0)
            assert np.allclose([1e-21], [1e-21], atol=0)
            assert np.isclose(1e-30, 0.0, atol=1e-12)
            assert_allclose(1e-21, 1e-21, rtol=1e-9)
            assert 0.0 == approx(0.0, abs=1e-30)

        def test_outside_is_not_checked():
            assert compare()
    """))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", str(guarded))
    result.assert_outcomes(passed=2, failed=5)
    result.stdout.fnmatch_lines([
        "*test_cases.py:9: np.allclose (rtol=1e-05, atol=1e-08*admits an error of half*",
        "*test_cases.py:12: np.isclose*",
        "*test_cases.py:15: pytest.approx (rel=0.001, abs=None*",
        "*test_cases.py:18: np.testing.assert_allclose (rtol=1e-07, atol=1e-09*",
        "*test_cases.py:21: np.allclose*",
        "*test_cases.py:22: pytest.approx*",
    ])
