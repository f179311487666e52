"""Benchmark rows of notebook 04 (chiral anomaly): each explorer's slowest control, the solver build, Fig. 3.

The magnetoconductance explorer rebuilds the Fermi-surface solver (kernel harmonics, two small dense
inverses, all B^2 tensors) when mu, r or tau_tr move; B, the angle and the scheme only rescale the cached
tensors. The fraction explorer solves its r grid once at construction. Target: 50 ms per slider move.
"""

from timing import explorer_row, median_time


def rows():
    from dragbook import chiral, units
    from dragbook.ui import chiral as ui

    cases = [
        (ui.WeylBandExplorer, "mu_meV", (20.0, 30.0), 0.05),
        (ui.MagnetoconductanceExplorer, "mu_meV", (20.0, 30.0), 0.05),
        (ui.MagnetoconductanceExplorer, "B_T", (0.2, 0.4), 0.05),
        (ui.AnomalyFractionExplorer, "r", (0.01, 0.1), 0.05),
        (ui.NodeSeparationExplorer, "T_over_mu", (0.03, 0.05), 0.05),
    ]
    for cls, name, values, target in cases:
        yield explorer_row(cls, name, values, target)
    build = lambda: chiral.FermiSurfaceSolver(20 * units.meV, 3e5, 100 * units.meV, 0.0, 1e-13, 0.01)
    yield "FermiSurfaceSolver build (2 x 24 rings, all B^2 tensors)", median_time(build), "< 50 ms"
    mu, T = units.meV, 0.05 * units.meV / units.k_B
    yield ("paper_coefficient, Fig. 3 point at T/mu = 0.05 (both blocks)",
           median_time(lambda: chiral.paper_coefficient(0.5 * mu, 0.0, mu, T)), "< 5 ms")
