"""Benchmark rows of notebook 03 (anomalous Hall effect): each explorer's slowest control, plus the kernels.

Rows: the QWZ Berry-curvature map with its live FHS Chern number (slider ``u``), the Weyl panel (the
``Delta_b`` slider; ``nz`` recomputes the staircase and acts on release), the massive-Dirac mechanisms at
finite temperature (``T_K``, each update a thermal average of 481 + 61 Fermi levels), the torque
panel (``alpha``), one FHS Chern number
on the default 64 x 64 grid, and the closed-form total against the slow Kubo-Streda ladder of the tests.
"""

import pathlib
import sys

from timing import explorer_row, median_time

HERE = pathlib.Path(__file__).resolve().parent


def rows():
    from dragbook import ahe
    from dragbook.ui import ahe as ui

    yield explorer_row(ui.QWZBerryExplorer, "u", (-1.0, 1.0), 0.05)
    yield explorer_row(ui.WeylHallExplorer, "Delta_b", (0.2, 0.5), 0.05)
    yield explorer_row(ui.WeylHallExplorer, "nz", (24, 30))
    yield explorer_row(ui.DiracHallExplorer, "T_K", (20.0, 40.0), 0.05)
    yield explorer_row(ui.SpinTorqueExplorer, "alpha", (0.05, 0.01), 0.05)
    yield "qwz_chern_number(u, nk=64) (FHS, numba)", median_time(lambda: ahe.qwz_chern_number(-1.0, 64)), "< 50 ms"
    sys.path.insert(0, str(HERE.parent / "tests"))
    import reference_ahe as ref
    fast = median_time(lambda: ahe.massive_dirac_hall(2.0, 1.0))
    slow = median_time(lambda: ref.sigma_nc_ladder(2.0, 1.0, 0.0125), repeats=3)
    yield "massive_dirac_hall at one eF (closed form)", fast, f"{fast * 1e6:.0f} µs"
    yield "Kubo-Streda ladder at one eF and alpha (tests/reference_ahe.py)", slow, f"{slow / fast:.0f}x slower"
