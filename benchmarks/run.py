"""Time what a student waits for, and print a Markdown table of medians (DESIGN rule 9).

Run with ``make benchmark`` (or ``python benchmarks/run.py``) after ``dragbook warmup``. Rows here are
notebooks 00-01; every ``benchmarks/bench_*.py`` adds the rows of its notebook through ``rows()``, which
yields ``(label, seconds, target)``. Rows:

* each explorer's ``update()`` after a control change (target: under 50 ms for slider-driven ones),
* one rho_D(T) curve of 60 temperatures at the paper's parameters (target: under 100 ms),
* the numba quadrature against a ``scipy.integrate`` reference at equal accuracy (the speed-up),
* import plus first call in a fresh process with a warm numba cache (target: under 2 s).
"""

import importlib
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import time

import numpy as np

from timing import REPEATS, explorer_row, median_time

HERE = pathlib.Path(__file__).resolve().parent


#: Slider temperatures (K) not yet visited, one per timed move (the explorers keep what they computed).
FIRST_VISITS = (10.0, 20.0, 2.0, 3.0, 7.0, 15.0)


def explorer_rows():
    from dragbook.ui import drag as ui_drag
    from dragbook.ui.start import ThermalWindowExplorer

    cases = [   # live sliders with their 50 ms target; None: the control acts on release
        (ThermalWindowExplorer, "T_K", (5.0, 20.0), 0.05),
        (ui_drag.DragTemperatureExplorer, "d_nm", (10.0, 20.0), 0.05),
        (ui_drag.DragTemperatureExplorer, "eps_r", (20.0, 10.0), 0.05),
        (ui_drag.DragTemperatureExplorer, "n_p_cm2", (1.0, 2.0), 0.05),
        (ui_drag.DragIntegrandExplorer, "T_K", (5.0, 10.0), 0.05),
        (ui_drag.HallDragMassExplorer, "d_nm", (10.0, 20.0), 0.05),
        (ui_drag.HallDragMassExplorer, "tau_ps", (0.1, 1.0), 0.05),
        (ui_drag.HallDragScalingExplorer, "tau_ps", (0.1, 1.0), 0.05),
        (ui_drag.HallDragScalingExplorer, "M_p_meV", (10.0, 20.0), 0.05),
    ]
    for cls, name, values, target in cases:
        yield explorer_row(cls, name, values, target)
    for cls in (ui_drag.HallDragMassExplorer, ui_drag.HallDragScalingExplorer):
        yield explorer_row(cls, "T_K", FIRST_VISITS, None, idle_done=False)
        yield explorer_row(cls, "T_K", (10.0, 20.0, 2.0, 5.0), 0.05, idle_done=True)
    every_T = f"after display: profiles at all {len(ui_drag.HALL_T_K)} slider temperatures"
    yield from idle_rows(ui_drag.HallDragMassExplorer, every_T)
    yield from idle_rows(ui_drag.HallDragScalingExplorer, every_T)
    yield from idle_rows(ui_drag.HallDragScalingExplorer, "after `M_p_meV` rests: finite-T panels, then all "
                         "temperatures", ("M_p_meV", 20.0))
    yield from idle_rows(ui_drag.DragTemperatureExplorer, "after `n_p_cm2` rests: the finite-T curve",
                         ("n_p_cm2", 2.0))


def idle_rows(cls, what, move=None):
    """The explorer's idle work (dragbook.ui.idle) after it is built, or after ``move`` = (control, value),
    stepped here as the kernel's event loop would: its total, and the 99th percentile of its steps, what a
    control change waits for at worst while it runs (the maximum is the machine's noise: one step in a thousand
    pauses 0.1 s, the same step repeated takes its usual 15 ms)."""
    explorer, durations = cls(), []
    if move is not None:
        explorer.idle.finish()
        explorer.controls[move[0]].value = move[1]
    while explorer.idle.pending:
        start = time.perf_counter()
        explorer.idle.step()
        durations.append(time.perf_counter() - start)
    name = cls.__name__
    yield f"{name}: idle work {what}", sum(durations), "while idle"
    yield (f"{name}: one step of that idle work, 99th percentile of {len(durations)} (what a control change "
           "waits for at most)", float(np.percentile(durations, 99)), "< 50 ms")


def curve_row():
    from dragbook import drag
    from dragbook.ui.drag import make_bilayer

    b = make_bilayer()
    T = np.geomspace(0.5, 80.0, 60)
    yield "rho_D(T), 60 temperatures, paper parameters", median_time(lambda: drag.rho_drag(b, T)), "< 100 ms"


def reference_row():
    """The numba fast path against the scipy.integrate reference (tests/reference_drag.py), both at 1e-4.

    Paper parameters, T = 5 K: the same T = 0 kernels, one by fixed Gauss-Legendre grids in numba, the
    other by nested adaptive quad in SI variables at epsrel = 1e-4.
    """
    sys.path.insert(0, str(HERE.parent / "tests"))
    import reference_drag as ref

    from dragbook import drag
    from dragbook.ui.drag import make_bilayer

    b, layer = make_bilayer(), ref.paper_layer()
    fast = median_time(lambda: drag.rho_drag(b, 5.0, kernel="fast"))
    slow = median_time(lambda: ref.rho_xx(layer, layer, 10 * ref.nm, 20.0, 5.0, epsrel=1e-4), repeats=3)
    agree = abs(drag.rho_drag(b, 5.0, kernel="fast") / ref.rho_xx(layer, layer, 10 * ref.nm, 20.0, 5.0) - 1)
    yield "rho_D at one T: numba kernel (fast path)", fast, f"agrees with reference to {agree:.0e}"
    yield "rho_D at one T: scipy.integrate reference, epsrel 1e-4", slow, f"speed-up {slow / fast:.0f}x"


def import_row():
    code = ("import time; t = time.perf_counter(); from dragbook import drag; from dragbook.ui.drag import "
            "make_bilayer; drag.rho_drag(make_bilayer(), 5.0); print(time.perf_counter() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                 text=True).stdout) for _ in range(3)]
    yield "import + first rho_D call, warm cache, new process", statistics.median(runs), "< 2 s"


def notebook_rows():
    """The rows of every ``benchmarks/bench_*.py``, in file-name order (one module per notebook)."""
    for path in sorted(HERE.glob("bench_*.py")):
        yield from importlib.import_module(path.stem).rows()


def main():
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; medians of {REPEATS} runs.\n")
    print("| what | median | target |\n|---|---|---|")
    for rows in (explorer_rows(), curve_row(), reference_row(), import_row(), notebook_rows()):
        for label, seconds, target in rows or ():
            print(f"| {label} | {seconds * 1e3:.1f} ms | {target} |")


if __name__ == "__main__":
    main()
