"""Tolerance guard: a test fails if one of its comparisons cannot fail.

``pytest.approx`` keeps ``abs=1e-12`` next to any ``rel``; ``np.isclose``/``np.allclose`` keep
``atol=1e-8``. Against SI values of 1e-21 (a drag integrand) or 1e-38 (a screened interaction) such a
tolerance accepts anything, a wrong sign or zero included. While the tests run, this plugin wraps
``pytest.approx``, ``np.isclose``, ``np.allclose`` and ``np.testing.assert_allclose``. Each call made
from a file under the guarded directory (``tests/``, with ``ui/`` and ``browser/``) has its tolerance
checked against its expected value ``b`` (approx: the expected value; isclose/allclose: the second
argument; assert_allclose: ``desired``):

- isclose, allclose, assert_allclose: ``tol = atol + rtol*|b|``;
- approx: ``tol = max(rel*|b|, abs)`` with pytest's defaults ``rel=1e-6``, ``abs=1e-12``, or ``abs``
  alone when only ``abs`` is given.

The comparison is vacuous when ``b`` has a finite nonzero element and ``tol >= |b|/2`` for every one of
them: it accepts an error of half or more of everything it was meant to check. Exactly-zero
expectations carry no scale, so an absolute tolerance against zero passes. The vacuous calls of a test
(setup included) are collected, and the test fails after its body with each one's file:line. Calls from
the package or from numpy and pytest themselves are not checked. ``-p no:tolerance_guard`` turns it off.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
import threading
from collections.abc import Mapping

import numpy as np
import numpy.testing
import pytest

HALF = 0.5  # a tolerance >= HALF*|b| for every nonzero b admits an error of half the expected value

_APPROX_REL, _APPROX_ABS = 1e-6, 1e-12  # pytest.approx's defaults


def _magnitudes(expected) -> np.ndarray:
    """|b| of the finite numeric elements of an approx/isclose expectation (dict values, sequences,
    arrays, real or complex scalars); empty if there are none."""
    if isinstance(expected, Mapping):
        parts = [_magnitudes(v) for v in expected.values()]
        return np.concatenate(parts) if parts else np.empty(0)
    if isinstance(expected, (str, bytes, bool, np.bool_)) or expected is None:
        return np.empty(0)
    if isinstance(expected, (list, tuple)) and not isinstance(expected, np.ndarray):
        parts = [_magnitudes(v) for v in expected]
        return np.concatenate(parts) if parts else np.empty(0)
    try:
        b = np.abs(np.asarray(expected, dtype=complex)).ravel()
    except (TypeError, ValueError):
        return np.empty(0)
    return b[np.isfinite(b)]


def vacuous(b, tol) -> bool:
    """True if ``b`` has a finite nonzero element and ``tol >= |b|/2`` at every one (``tol``
    broadcasts against ``b``)."""
    mag = np.asarray(b, dtype=float)
    tol = np.broadcast_to(np.asarray(tol, dtype=float), mag.shape)
    nonzero = mag > 0
    return bool(nonzero.any() and np.all(tol[nonzero] >= HALF * mag[nonzero]))


def approx_is_vacuous(expected, rel=None, abs=None) -> bool:
    """Is ``pytest.approx(expected, rel=rel, abs=abs)`` vacuous (see the module docstring)?"""
    mag = _magnitudes(expected)
    a = _APPROX_ABS if abs is None else float(abs)
    if rel is None and abs is not None:
        return vacuous(mag, a)
    r = _APPROX_REL if rel is None else float(rel)
    return vacuous(mag, np.maximum(r * mag, a))


def close_is_vacuous(b, rtol, atol) -> bool:
    """Is ``np.isclose(a, b, rtol, atol)`` (or allclose, assert_allclose with desired=b) vacuous?"""
    mag = _magnitudes(b)
    return vacuous(mag, atol + rtol * mag)


class Guard:
    """Wraps the four comparisons while installed; collects vacuous calls made under ``root``."""

    def __init__(self, root: str):
        self.root = os.path.realpath(root) + os.sep
        self.found: list[str] = []
        self._lock = threading.Lock()
        self._saved: list[tuple[object, str, object]] = []

    @functools.lru_cache(maxsize=None)
    def _guarded(self, filename: str) -> bool:
        path = os.path.realpath(filename)
        return path.startswith(self.root) and path != os.path.realpath(__file__)

    def _record(self, what: str, detail: str) -> None:
        caller = sys._getframe(2)
        if not self._guarded(caller.f_code.co_filename):
            return
        chain = []                        # the call, then the test code that called it (helpers in tests/)
        frame = caller
        while frame is not None and self._guarded(frame.f_code.co_filename):
            link = f"{os.path.relpath(frame.f_code.co_filename)}:{frame.f_lineno}"
            if not chain or chain[-1] != link:    # a comprehension is a frame of its own on the same line
                chain.append(link)
            frame = frame.f_back
        where = " <- ".join(chain)
        with self._lock:
            self.found.append(f"{where}: {what} {detail} admits an error of half or more of every "
                              "nonzero expected value; pass a tolerance meaningful for its magnitude")

    def _wrap_approx(self, original):
        @functools.wraps(original)
        def approx(expected, rel=None, abs=None, nan_ok=False):
            if approx_is_vacuous(expected, rel, abs):
                self._record("pytest.approx", f"(rel={rel}, abs={abs}, max |expected| = "
                             f"{_magnitudes(expected).max():.3g})")
            return original(expected, rel=rel, abs=abs, nan_ok=nan_ok)
        return approx

    def _wrap_close(self, original, name: str, b_name: str):
        signature = inspect.signature(original)

        @functools.wraps(original)
        def close(*args, **kwargs):
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError:
                return original(*args, **kwargs)  # let the original report the bad call
            bound.apply_defaults()
            p = bound.arguments
            b = p[b_name]
            try:
                bad = close_is_vacuous(b, float(p["rtol"]), float(p["atol"]))
            except (TypeError, ValueError):
                bad = False
            if bad:
                self._record(name, f"(rtol={p['rtol']}, atol={p['atol']}, max |{b_name}| = "
                             f"{_magnitudes(b).max():.3g})")
            return original(*args, **kwargs)
        return close

    def install(self) -> None:
        targets = [
            (pytest, "approx", self._wrap_approx),
            (np, "isclose", lambda f: self._wrap_close(f, "np.isclose", "b")),
            (np, "allclose", lambda f: self._wrap_close(f, "np.allclose", "b")),
            (numpy.testing, "assert_allclose",
             lambda f: self._wrap_close(f, "np.testing.assert_allclose", "desired")),
        ]
        for owner, name, wrap in targets:
            original = getattr(owner, name)
            self._saved.append((owner, name, original))
            setattr(owner, name, wrap(original))

    def uninstall(self) -> None:
        while self._saved:
            owner, name, original = self._saved.pop()
            setattr(owner, name, original)

    def take(self) -> list[str]:
        with self._lock:
            found, self.found = self.found, []
        return found


class Plugin:
    """pytest hooks: install the guard for the session, fail a test that made a vacuous comparison."""

    def __init__(self, root: str):
        self.guard = Guard(root)

    def pytest_configure(self, config):
        self.guard.install()

    def pytest_unconfigure(self, config):
        self.guard.uninstall()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item):
        self.guard.take()  # calls outside any test (collection, another test's teardown) are not its own
        return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item):
        try:
            result = yield
        except BaseException as exc:
            self._fail(exc)
            raise
        self._fail(None)
        return result

    def _fail(self, cause):
        found = self.guard.take()
        if found:
            raise pytest.fail.Exception(
                "vacuous comparison(s):\n  " + "\n  ".join(found), pytrace=False) from cause


def register(config, root: str) -> None:
    """Register the guard for comparisons made from files under ``root``."""
    config.pluginmanager.register(Plugin(root), "tolerance_guard")
