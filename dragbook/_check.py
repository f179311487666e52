"""Input checks shared by the physics modules (DESIGN rule 11).

Each check returns its argument as float or float64 ndarray, or raises ValueError naming the parameter,
its value and the allowed range.
"""

import numpy as np

__all__ = ["positive", "nonnegative", "finite", "in_range", "scalar"]


def _as_float(name, value):
    arr = np.asarray(value, dtype=float)
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
