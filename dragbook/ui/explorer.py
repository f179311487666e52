"""The Explorer base class (DESIGN.md rule 5): named controls, fresh bokeh figures, a synchronous update.

A subclass provides

* ``_make_controls()`` -> dict of stable name -> ipywidget (names carry teaching units: ``d_nm``),
* ``_make_figures()`` -> list of bokeh figures, built new for every instance, storing the
  ColumnDataSources it needs on ``self``; they are laid out in one BokehModel, so they may share sources,
* ``update()`` -> recompute from the control values and assign only the columns that changed.

Tests drive an explorer without a browser by setting ``ex.controls[name].value``; observers run
synchronously and the sources change at once.
"""

import ipywidgets as widgets
from bokeh.layouts import column, row
from jupyter_bokeh.widgets import BokehModel

__all__ = ["Explorer"]


class Explorer:
    """Base of every interactive panel. ``SomeExplorer()`` builds, computes once and displays itself."""

    #: The control that tells the explorer's story: in the static edition it becomes a slider over
    #: precomputed frames (:mod:`dragbook.ui.family`); None shows the default state only.
    story = None

    #: Number of controls per row of the control panel, and of figures per row of the plot panel.
    controls_per_row = 3
    figures_per_row = 2

    def __init__(self):
        self.controls = self._make_controls()
        self.status = widgets.HTML()
        for control in self.controls.values():
            control.style.description_width = "initial"   # whole descriptions such as "n_a (1e12/cm²)"
            control.observe(self._on_change, names="value")
        self.figures = self._make_figures()
        # Compute before wrapping the figures: BokehModel serializes the data it is given, and a patch sent
        # before the browser has a view is lost, so the first render would show the placeholder data.
        self.update()
        self.widget = widgets.VBox([self._control_panel(), BokehModel(self._plot_panel()), self.status])

    # --- to implement ---
    def _make_controls(self):
        raise NotImplementedError

    def _make_figures(self):
        raise NotImplementedError

    def update(self):
        """Recompute from the current control values and push the changed columns to the plots."""
        raise NotImplementedError

    # --- shared machinery ---
    @property
    def building(self):
        """True during the first update, before the widget exists: what it computes is the first render, so
        it must be final (a preview would be serialized and never replaced in a browser not yet showing it)."""
        return not hasattr(self, "widget")

    @property
    def values(self):
        """Current control values, by control name."""
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, change):
        try:
            self.update()
        except ValueError as err:  # an input the physics rejects: say so, keep the last good plot
            self._show_error(err)
        else:
            self.status.value = ""

    def _show_error(self, err):
        """Say what went wrong in the status line under the plots (red)."""
        self.status.value = f"<span style='color:#b00'>{err}</span>"

    def _control_panel(self):
        items = list(self.controls.values())
        rows = [items[i:i + self.controls_per_row] for i in range(0, len(items), self.controls_per_row)]
        return widgets.VBox([widgets.HBox(row) for row in rows])

    def _plot_panel(self):
        # One bokeh document for all figures: they may share ColumnDataSources.
        n = self.figures_per_row
        return column(*(row(*self.figures[i:i + n]) for i in range(0, len(self.figures), n)))

    def _repr_mimebundle_(self, **kwargs):
        from . import static

        if static.active():
            return {"text/html": static.explorer_html(self)}
        return self.widget._repr_mimebundle_(**kwargs)
