"""Shared pieces of the property tests of bad input (DESIGN rule 11): strategies of values a user might pass
by mistake, and the one outcome allowed for each call: finite numbers, or a ValueError/TypeError that names a
parameter, within a time bound."""

from __future__ import annotations

import time
import warnings

import numpy as np
from hypothesis import strategies as st

#: A call on bad input must answer (a result or an error) within this many seconds.
TIME_BOUND = 5.0

#: Values of the wrong kind or out of any physical range, for a parameter meant to be a real number.
BAD_SCALARS = st.sampled_from([float("nan"), float("inf"), -float("inf"), 0.0, -1.0, -1e300, 1e300, 1e-300,
                               "1.0", "abc", None, True, False, 1 + 1j, [1.0, 2.0], np.array([1.0, np.nan]),
                               np.ones((2, 2)), object()])

#: Grid sizes a user might try: zero, negative, non-integers, strings, huge.
BAD_SIZES = st.sampled_from([0, -3, 2.5, "10", None, True, 10**7, 10**12, float("nan")])

#: Anything at all where an object of a given type is expected.
BAD_OBJECTS = st.sampled_from([None, 1.0, "bilayer", [1, 2], object(), {"d": 1e-8}])


def _finite(value):
    """True if every number in ``value`` (a float, array, tuple or NamedTuple/dataclass of them) is finite."""
    if isinstance(value, (bool, str)) or value is None:
        return True
    if isinstance(value, (int, float, complex, np.number)):
        return bool(np.isfinite(value))
    if isinstance(value, np.ndarray):
        return value.dtype.kind not in "fc" or bool(np.all(np.isfinite(value)))
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, (tuple, list)):
        return all(_finite(v) for v in value)
    if hasattr(value, "__dict__"):
        return all(_finite(v) for k, v in vars(value).items() if not k.startswith("_"))
    return True


def check_call(call, names):
    """Run ``call()``; it must return finite numbers, or raise ValueError/TypeError whose message names one of
    ``names`` (the parameters of the function), within TIME_BOUND seconds. Return the outcome."""
    start = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")          # validity warnings are allowed, and tested on their own
            result = call()
    except (ValueError, TypeError) as err:
        message = str(err)
        assert any(name in message for name in names), f"error names no parameter of {names}: {message!r}"
        outcome = "refused"
    else:
        assert _finite(result), f"silent NaN/inf: {result!r}"
        outcome = "finite"
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_BOUND, f"took {elapsed:.1f} s (bound {TIME_BOUND} s)"
    return outcome


def check_with(func, kwargs, name, bad):
    """:func:`check_call` of ``func(**kwargs)`` with the argument ``name`` replaced by ``bad``; the error must
    name one of the function's parameters (the keys of ``kwargs``)."""
    return check_call(lambda: func(**{**kwargs, name: bad}), list(kwargs))
