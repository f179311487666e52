"""Timing helper shared by the benchmark modules (DESIGN rule 9: medians, not timed tests)."""

import statistics
import time

import numpy as np

REPEATS = 5


def median_time(func, repeats=REPEATS):
    """Median wall time of ``func()`` in seconds, after one untimed call."""
    func()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def control_moves(explorer, name, values, repeats=REPEATS):
    """Median time of ``explorer.controls[name].value = v`` (its synchronous update).

    Two floats: every move goes to a new value between them (explorers keep results they may meet again, so a
    value seen before would time the cache); anything else (ints, options) is cycled.
    """
    if len(values) == 2 and all(isinstance(v, float) for v in values):
        values = np.linspace(*values, repeats + 1).tolist()
    state = iter(tuple(values) * (repeats + 1))
    return median_time(lambda: setattr(explorer.controls[name], "value", next(state)), repeats)


def explorer_row(cls, name, values, target_s=None, idle_done=None):
    """One table row for an explorer control: (label, median seconds, target text). For a control that the
    explorer's idle work (dragbook.ui.idle) prepares, ``idle_done`` False times it before that work has run,
    True after, as a student meets it a little later."""
    explorer = cls()
    if idle_done:
        explorer.idle.finish()
    t = control_moves(explorer, name, values)
    target = f"< {target_s * 1e3:.0f} ms (slider)" if target_s else "on release"
    when = {None: "", False: ", before the idle work", True: ", after the idle work"}[idle_done]
    return f"{cls.__name__}: move `{name}`{when}", t, target
