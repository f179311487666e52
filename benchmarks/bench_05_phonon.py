"""Benchmark rows of notebook 05 (phonon side jump); collected by benchmarks/run.py through ``rows()``.

* each explorer's update after its slowest control (target: under 20 ms; every curve is a set of 1-D
  integrals): for the two explorers with a kernel menu, moved with the energy-resolved kernel (B2) selected,
  which costs about ten times the paper's (B3), and impurities on;
* one sigma_sj(T) curve of 200 temperatures, both kernels;
* the numba Gauss-Legendre path against adaptive scipy quad (tests/reference_phonon.py) at one point, and the
  brute-force Fermi-circle Boltzmann solve that the closed form replaces.
"""

import pathlib
import sys

import numpy as np

from timing import control_moves, explorer_row, median_time

HERE = pathlib.Path(__file__).resolve().parent
TARGET = 0.020


def explorer_rows():
    from dragbook.ui import phonon as ui

    fig1 = ui.PaperFigure1Explorer()
    fig1.controls["kernel"].value = "energy-resolved (B2)"
    yield ("PaperFigure1Explorer: move `a` (energy-resolved kernel)", control_moves(fig1, "a", (0.5, 0.3)),
           f"< {TARGET * 1e3:.0f} ms (slider)")
    temp = ui.SideJumpTemperatureExplorer()
    temp.controls["kernel"].value = "energy-resolved (B2)"
    temp.controls["impurity"].value = "Gaussian, range ξ"
    yield ("SideJumpTemperatureExplorer: move `a` (energy-resolved kernel, Gaussian impurities)",
           control_moves(temp, "a", (0.5, 0.3)), f"< {TARGET * 1e3:.0f} ms (slider)")
    yield explorer_row(ui.AngularWeightExplorer, "a", (0.5, 0.3), TARGET)
    yield explorer_row(ui.ResistivityExplorer, "a", (0.5, 0.3), TARGET)


def curve_rows():
    from dragbook import phonon

    t = np.geomspace(1e-3, 10.0, 200)
    for kernel in phonon.KERNELS:
        yield (f"sigma_sj(T), 200 temperatures, kernel {kernel}",
               median_time(lambda: phonon.side_jump_conductivity(t, 0.5, kernel=kernel)), "< 20 ms")


def reference_rows():
    sys.path.insert(0, str(HERE.parent / "tests"))
    import reference_phonon as ref

    from dragbook import phonon

    fast = median_time(lambda: phonon.tau_ratio(0.15, 0.5))
    slow = median_time(lambda: ref.quad_integrals(0.15, 0.5), repeats=3)
    i_sj, i_tr = ref.quad_integrals(0.15, 0.5)
    agree = abs(phonon.tau_ratio(0.15, 0.5) / (i_sj / i_tr) - 1)
    yield "R at one T: numba Gauss-Legendre", fast, f"agrees with scipy quad to {max(agree, 1e-16):.0e}"
    yield "R at one T: scipy quad (epsrel 1e-13)", slow, f"speed-up {slow / fast:.0f}x"
    circle = ref.FermiCircle(0.5, 360)
    w = circle.phonon_weight(0.15)
    yield ("sigma_sj at one T: brute-force Fermi-circle solve, N = 360 (after setup)",
           median_time(lambda: circle.solve(w), repeats=3), "validation only")


def rows():
    yield from explorer_rows()
    yield from curve_rows()
    yield from reference_rows()


if __name__ == "__main__":
    for label, seconds, target in rows():
        print(f"| {label} | {seconds * 1e3:.2f} ms | {target} |")
