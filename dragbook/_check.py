"""Input checks shared by the physics modules (DESIGN rule 11).

Each check returns its argument as float or float64 ndarray, or raises ValueError naming the parameter,
its value and the allowed range. A string, None, a bool or a complex number where a real number is meant
is refused by name as well (never numpy's "could not convert" without a name). Valid input outside a
model's assumptions is not an error: :func:`validity` warns with :class:`ValidityWarning`.
"""

import numbers
import warnings

import numpy as np

__all__ = ["positive", "nonnegative", "finite", "in_range", "scalar", "integer", "flag", "validity", "real", "result",
           "ValidityWarning"]


class ValidityWarning(UserWarning):
    """The inputs are valid, but outside the assumptions of the model that computes the answer (for example
    a B^2 expansion used where omega_c tau is not small): the number returned should not be trusted."""


def validity(message, stacklevel=3):
    """Warn with :class:`ValidityWarning` at the caller of the public function (shown once per call site)."""
    warnings.warn(message, ValidityWarning, stacklevel=stacklevel)


def _as_float(name, value):
    if value is None or isinstance(value, (str, bytes, bool, np.bool_)):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    try:
        arr = np.asarray(value)
        if np.iscomplexobj(arr):
            raise ValueError(f"{name} must be real, got {value!r}")
        arr = arr.astype(float)
    except (TypeError, ValueError) as err:
        if str(err).startswith(name):
            raise
        raise ValueError(f"{name} must be a real number or an array of them, got {value!r}") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return arr


def _fail(name, value, bad, allowed, unit):
    shown = value if np.ndim(value) == 0 else np.asarray(value)[bad].ravel()[0]
    raise ValueError(f"{name} must be {allowed}, got {float(shown):g} {unit}".rstrip())


def finite(name, value):
    """``value`` as float64, or ValueError if any entry is NaN or infinite."""
    arr = _as_float(name, value)
    return arr if arr.ndim else float(arr)


def positive(name, value, unit=""):
    """``value`` > 0 elementwise, or ValueError naming ``name``."""
    arr = _as_float(name, value)
    bad = ~(arr > 0)
    if np.any(bad):
        _fail(name, value, bad, "> 0", unit)
    return arr if arr.ndim else float(arr)


def nonnegative(name, value, unit=""):
    """``value`` >= 0 elementwise, or ValueError naming ``name``."""
    arr = _as_float(name, value)
    bad = ~(arr >= 0)
    if np.any(bad):
        _fail(name, value, bad, ">= 0", unit)
    return arr if arr.ndim else float(arr)


def in_range(name, value, low, high, unit="", *, closed=(True, True)):
    """``low <= value <= high`` (ends open where ``closed`` says), or ValueError naming ``name``."""
    arr = _as_float(name, value)
    ok_low = arr >= low if closed[0] else arr > low
    ok_high = arr <= high if closed[1] else arr < high
    bad = ~(ok_low & ok_high)
    if np.any(bad):
        lo, hi = ("[" if closed[0] else "("), ("]" if closed[1] else ")")
        _fail(name, value, bad, f"in {lo}{low:g}, {high:g}{hi}", unit)
    return arr if arr.ndim else float(arr)


def scalar(name, value, note=""):
    """``value`` (already checked) as a float, or ValueError naming ``name`` if it is an array; ``note`` says
    what may be an array instead, e.g. "(eF may be an array)"."""
    if np.ndim(value):
        raise ValueError(f"{name} must be a scalar {note}, got shape {np.shape(value)}".replace("  ", " "))
    return float(value)


def integer(name, value, low, high):
    """An int ``low <= value <= high`` (a grid size, a count), or ValueError naming ``name``: bools, floats
    with a fraction, strings and arrays are refused, and the upper bound keeps a grid within memory and time."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer in [{low}, {high}], got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be an integer in [{low}, {high}], got {value}")
    return int(value)


def flag(name, value):
    """A real bool (True/False, numpy bools included), or ValueError naming ``name``: "yes", 1 and NaN are
    refused, so that a typo cannot switch an option silently."""
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def real(check, name, value, *args, **kwargs):
    """``check(name, value, *args, **kwargs)`` for a parameter that must be one number (not an array): a float,
    or ValueError naming ``name``."""
    return scalar(name, check(name, value, *args, **kwargs))


def result(value, names):
    """``value`` if every number in it is finite, else ValueError saying that the inputs ``names`` (a string)
    are beyond the range the computation can represent (an overflow, never a silent NaN/inf)."""
    parts = value.values() if isinstance(value, dict) else (value,)
    if not all(np.all(np.isfinite(np.asarray(v, dtype=float))) for v in parts):
        raise ValueError(f"{names} out of range: the result overflows the floating-point range")
    return value
