"""ThermalWindowExplorer: the plotted curves follow the temperature slider as the physics says."""

import numpy as np

from dragbook import thermal, units
from dragbook.ui.start import ThermalWindowExplorer


def test_window_matches_physics_after_slider_move():
    """Setting T on the control recomputes -df/dE exactly as thermal.fermi_window gives it."""
    ex = ThermalWindowExplorer()
    ex.controls["T_K"].value = 30.0
    E = ex.source.data["E_meV"] * units.meV
    assert np.allclose(ex.source.data["window"], thermal.fermi_window(E, 0.0, 30.0) * units.meV)


def test_window_width_grows_linearly_with_temperature():
    """The full width at half maximum of -df/dE is 4 arccosh(sqrt 2) k_B T: linear in T."""
    ex = ThermalWindowExplorer()
    for T in (5.0, 10.0, 20.0):
        ex.controls["T_K"].value = T
        w = ex.source.data["window"]
        above = ex.source.data["E_meV"][w >= w.max() / 2]
        fwhm_theory = 4 * np.arccosh(np.sqrt(2)) * units.k_B * T / units.meV
        assert abs(above.max() - above.min() - fwhm_theory) < 0.2  # two grid steps of 0.1 meV


def test_explorer_builds_fresh_figures():
    """Two explorers do not share figures or sources (DESIGN rule 5)."""
    a, b = ThermalWindowExplorer(), ThermalWindowExplorer()
    assert a.figures[0] is not b.figures[0] and a.source is not b.source
