"""Explorers of notebook 00 (start here): the thermal window that every transport notebook relies on."""

import numpy as np
import ipywidgets as widgets
from bokeh.models import ColumnDataSource
from bokeh.plotting import figure

from .. import thermal, units
from .controls import VERMILLION
from .explorer import Explorer

__all__ = ["ThermalWindowExplorer"]


class ThermalWindowExplorer(Explorer):
    """-df/dE versus energy and the drag weight (y/sinh y)^2 versus hbar omega, for a chosen temperature.

    Shows why only states within a few k_B T of the Fermi level carry current, and why a drag collision
    transfers at most a few k_B T of energy.
    """

    story = "T_K"   # precomputed for the static edition (dragbook.ui.family)

    energies_meV = np.linspace(-20.0, 20.0, 401)   # E - mu, meV

    def _make_controls(self):
        return {
            "T_K": widgets.FloatLogSlider(value=10.0, base=10, min=-1, max=np.log10(300), step=0.02,
                                          description="T (K)", readout_format=".3g"),
        }

    def _make_figures(self):
        self.source = ColumnDataSource({"E_meV": self.energies_meV, "window": np.zeros_like(self.energies_meV),
                                        "weight": np.zeros_like(self.energies_meV)})
        fermi = figure(height=260, width=420, title="Fermi window -df/dE",
                       x_axis_label="E - mu (meV)", y_axis_label="-df/dE (1/meV)")
        fermi.line("E_meV", "window", source=self.source, line_width=2)
        weight = figure(height=260, width=420, title="drag weight (y/sinh y)^2, y = hbar omega/2kT",
                        x_axis_label="hbar omega (meV)", y_axis_label="weight")
        weight.line("E_meV", "weight", source=self.source, line_width=2, color=VERMILLION)
        return [fermi, weight]

    def update(self):
        T = self.values["T_K"]
        E = self.energies_meV * units.meV
        self.source.data["window"] = thermal.fermi_window(E, 0.0, T) * units.meV
        self.source.data["weight"] = thermal.drag_weight(E / units.hbar, T)
