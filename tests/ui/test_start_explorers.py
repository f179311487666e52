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


def test_validity_warnings_and_errors_reach_the_status_line():
    """An explorer shows what the physics warns about (ValidityWarning) or refuses (ValueError) under its
    plots, and clears the line when the inputs are fine again."""
    import warnings

    from dragbook._check import validity
    from dragbook.ui.start import ThermalWindowExplorer

    class Warned(ThermalWindowExplorer):
        def update(self):
            super().update()
            if self.controls["T_K"].value > 100:
                validity("k_B T above the toy's Fermi energy")
            if self.controls["T_K"].value > 250:
                raise ValueError("T_K must be <= 250 K, got 260")

    ex = Warned()
    assert ex.status.value == ""
    with warnings.catch_warnings():
        warnings.simplefilter("error")            # the warning is caught by the explorer, not leaked
        ex.controls["T_K"].value = 150.0
    assert "Outside the model's assumptions" in ex.status.value and "Fermi energy" in ex.status.value
    ex.controls["T_K"].value = 260.0
    assert "must be &lt;= 250" in ex.status.value and "#b00" in ex.status.value
    ex.controls["T_K"].value = 10.0
    assert ex.status.value == ""
