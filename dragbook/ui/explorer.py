"""The Explorer base class (DESIGN.md rule 5): named controls, fresh bokeh figures, a synchronous update.

A subclass provides

* ``_make_controls()`` -> dict of stable name -> ipywidget (names carry teaching units: ``d_nm``),
* ``_make_figures()`` -> list of bokeh figures, built new for every instance, storing the
  ColumnDataSources it needs on ``self``; they are laid out in one BokehModel, so they may share sources,
* ``update()`` -> recompute from the control values and assign only the columns that changed.

Tests drive an explorer without a browser by setting ``ex.controls[name].value``; observers run
synchronously and the sources change at once.

Layout, done here once for every explorer: the explorer lays itself out for the width its output area
gets (a laptop at 1280 px with the file browser open leaves about 900 px). Controls flow in a wrapping
ipywidgets row. Figures flow in one wrapping bokeh row (one bokeh document, so sources stay shared): each
stretches from ``MIN_WIDTH`` (or the width its title needs) to the width it was built with, and moves to
the next line when the line has no room for it. Glyphs drawn without a colour take the shared palette's first
colour, and every text of a figure is at least ``MIN_FONT_PX`` high.
"""

import html
import re
import warnings

import ipywidgets as widgets
from bokeh.layouts import row
from bokeh.models import GlyphRenderer, Plot
from jupyter_bokeh.widgets import BokehModel

from .._check import ValidityWarning
from .controls import PALETTE

__all__ = ["Explorer", "MIN_WIDTH", "MIN_FONT_PX"]

MIN_WIDTH = 300          # px, the narrowest a figure gets: below it tick labels crowd
GAP = 10                 # px between figures
MIN_FONT_PX = 11         # px, the smallest text of a figure (axis labels, ticks, legends, titles)
_BOKEH_COLOR = "#1f77b4"  # what bokeh.plotting gives a glyph drawn without a colour
_CHAR_EM = 0.48          # mean advance of a title character (bold sans), in em: 6.2 px at 13 px
_TITLE_MARGIN = 60       # px of a figure beside its title: the y axis to its left, the toolbar's edge
_FONT_PROPS = ("axis_label_text_font_size", "major_label_text_font_size", "label_text_font_size",
               "title_text_font_size", "text_font_size")


class Explorer:
    """Base of every interactive panel. ``SomeExplorer()`` builds, computes once and displays itself."""

    #: The control that tells the explorer's story: in the static edition it becomes a slider over
    #: precomputed frames (:mod:`dragbook.ui.family`); None shows the default state only.
    story = None

    #: At most this many figures side by side, however wide the page (fewer where it is narrower).
    figures_per_row = 2

    def __init__(self):
        self.controls = self._make_controls()
        self.status = widgets.HTML()
        for control in self.controls.values():
            control.style.description_width = "initial"   # whole descriptions such as "n_a (1e12/cm²)"
            if isinstance(control, widgets.Checkbox):
                control.layout.width = "auto"                 # its text, not 300 px cut to "swap active/pa…"
            control.observe(self._on_change, names="value")
        self.figures = self._make_figures()
        # Compute before wrapping the figures: BokehModel serializes the data it is given, and a patch sent
        # before the browser has a view is lost, so the first render would show the placeholder data.
        self.show_validity(self._updated())
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

    def _updated(self):
        """Run update(); return the messages of the ValidityWarnings it raised (each time, not once per site)."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ValidityWarning)
            self.update()
        return list(dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, ValidityWarning)))

    def redraw(self):
        """Recompute from the current controls and say in the status line what the physics refused or warned
        about (what a control change does; idle work calls it when a refined curve is ready)."""
        try:
            notes = self._updated()
        except ValueError as err:  # an input the physics rejects: say so, keep the last good plot
            self.show_error(err)
        else:
            self.show_validity(notes)

    def _on_change(self, change):
        self.redraw()

    def show_error(self, err):
        """Say what went wrong in the status line under the plots (red)."""
        self.status.value = f"<span style='color:#b00'>{html.escape(str(err))}</span>"

    def show_validity(self, notes):
        """Show the model's validity warnings in the status line (amber), or clear it when there are none."""
        self.status.value = "".join(f"<div style='color:#a36200'>Outside the model's assumptions: "
                                    f"{html.escape(note)}</div>" for note in notes)

    def _control_panel(self):
        """The controls in a row that wraps onto new lines where the output area is narrow."""
        return widgets.HBox(list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap"))

    def _plot_panel(self):
        """All figures in one bokeh row (one document: they may share ColumnDataSources) that wraps: each
        figure stretches from MIN_WIDTH (wider if its title needs it) to the width it was built with; a figure
        without room on its line moves down."""
        for item in self.figures:
            _readable(item)
            width = item.width or MIN_WIDTH
            item.update(sizing_mode="stretch_width", max_width=width,
                        min_width=min(width, max(MIN_WIDTH, _title_width(item))))
        widest = max((f.max_width for f in self.figures if isinstance(f, Plot)), default=MIN_WIDTH)
        return row(*self.figures, sizing_mode="stretch_width", spacing=GAP, styles={"flex-wrap": "wrap"},
                   max_width=self.figures_per_row * (widest + GAP) - GAP)

    def _repr_mimebundle_(self, **kwargs):
        from . import static

        if static.active():
            return {"text/html": static.explorer_html(self)}
        return self.widget._repr_mimebundle_(**kwargs)


def _readable(item):
    """Glyphs without a colour of their own take PALETTE[0]; texts smaller than MIN_FONT_PX grow to it."""
    for renderer in item.select({"type": GlyphRenderer}):
        for glyph in (renderer.glyph, renderer.nonselection_glyph, renderer.muted_glyph):
            for name in ("line_color", "fill_color"):
                if getattr(glyph, name, None) == _BOKEH_COLOR:
                    setattr(glyph, name, PALETTE[0])
    for model in item.references():
        for name in _FONT_PROPS:
            size = getattr(model, name, None) if name in model.properties() else None
            if isinstance(size, str) and _px(size) < MIN_FONT_PX:
                setattr(model, name, f"{MIN_FONT_PX}px")


def _title_width(item):
    """Width (px) a figure needs to show its title whole (an estimate from its length; 0 without one)."""
    title = getattr(item, "title", None)
    if title is None or not getattr(title, "text", ""):
        return 0
    return round(len(title.text) * _CHAR_EM * _px(title.text_font_size) + _TITLE_MARGIN)


def _px(size):
    """A CSS font size such as "9pt" or "13px" in px (1 pt = 4/3 px); other units count as large."""
    match = re.fullmatch(r"\s*([\d.]+)\s*(px|pt)\s*", size)
    if not match:
        return float("inf")
    value = float(match.group(1))
    return value * 4 / 3 if match.group(2) == "pt" else value
