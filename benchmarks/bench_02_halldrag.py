"""Benchmark rows of notebook 02 (Hall drag, WSM / normal metal): one row per explorer at its slowest control,
the unified-model curve, and the numba quadrature against the scipy reference of tests/test_halldrag.py."""

import pathlib
import sys

import numpy as np

from timing import explorer_row, median_time

HERE = pathlib.Path(__file__).resolve().parent
BUDGET = 0.05      # s, slider latency budget


class _RPATemperatureExplorer:
    """The temperature explorer with the full-RPA model selected (its slowest setting)."""

    def __new__(cls):
        from dragbook.ui.halldrag import MODELS, HallDragTemperatureExplorer

        ex = HallDragTemperatureExplorer()
        ex.controls["model"].value = list(MODELS)[3]
        return ex


def rows():
    from dragbook.ui import halldrag as ui

    cases = [
        (ui.ForceBalanceExplorer, "B_p_T", (0.1, 0.3), BUDGET),
        (ui.WeylForceDiagramExplorer, "T_K", (5.0, 50.0), BUDGET),
        (ui.HallDragTemperatureExplorer, "d_nm", (40.0, 60.0), BUDGET),
        (ui.PaperFigure2Explorer, "b_par", (-3.0, -6.0), None),
        (ui.QFunctionExplorer, "z", (0.72, 2.0), BUDGET),
    ]
    for cls, name, values, target in cases:
        yield explorer_row(cls, name, values, target)
    label, t, target = explorer_row(_RPATemperatureExplorer, "d_nm", (40.0, 60.0), None)   # sliders on release
    yield "HallDragTemperatureExplorer (full RPA model): move `d_nm`", t, target

    from dragbook import halldrag
    b = ui.make_bilayer()
    T = np.geomspace(0.5, 100.0, 60)
    yield ("drag_components, 60 temperatures, unified model (Level B)",
           median_time(lambda: halldrag.drag_components(b, T)), "< 100 ms")
    yield ("drag_components, 60 temperatures, full RPA (Level C)",
           median_time(lambda: halldrag.drag_components(b, T, screening="rpa")), "< 200 ms")

    sys.path.insert(0, str(HERE.parent / "tests"))
    import test_halldrag as ref

    fast = median_time(lambda: halldrag.friction_functions(0.1, 0.5))
    slow = median_time(lambda: ref.ref_phi(0, 0.1, 0.5), repeats=3)
    agree = abs(halldrag.friction_functions(0.1, 0.5)[0] / ref.ref_phi(0, 0.1, 0.5) - 1)
    yield "Phi_0 and Phi_1 at one T: numba kernel", fast, f"agrees with reference to {agree:.0e}"
    yield "Phi_0 at one T: nested scipy.quad reference (epsrel 1e-10)", slow, f"speed-up {slow / fast:.0f}x"
