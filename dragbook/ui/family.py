"""Curve families: an explorer's plots computed over the values of one control, switched in the browser.

A :class:`CurveFamily` sets the control to each of its values in turn, lets the explorer finish (its idle
work too, so every frame is the exact answer, never a preview), and records the bokeh properties that change:
the columns of every ColumnDataSource, and scalar properties such as a Span's location, a Label's text or a
line's alpha. A :class:`bokeh.models.CustomJS` callback then switches between the frames in the browser with
no kernel, so one family serves the static edition of a notebook (a standalone bokeh document) and a
story slider that answers in one frame.
"""

from __future__ import annotations

import numpy as np
import ipywidgets as widgets
from bokeh.core.has_props import HasProps
from bokeh.layouts import column
from bokeh.models import ColumnDataSource, CustomJS, Div, Slider

__all__ = ["CurveFamily", "control_values", "static_layout"]

#: At most this many frames per family: the size of a static page grows with it.
MAX_FRAMES = 25

_SKIP = {"name", "tags", "id", "js_property_callbacks", "js_event_callbacks", "subscribed_events", "syncable"}


def control_values(control, max_frames=MAX_FRAMES):
    """The values a slider offers, at most ``max_frames`` of them, its current value among them: all options of
    a SelectionSlider, else an even grid from min to max (in log10 for a FloatLogSlider)."""
    if isinstance(control, widgets.SelectionSlider):
        values = [v for _, v in control._options_full] if hasattr(control, "_options_full") else list(control.options)
        values = [v[1] if isinstance(v, tuple) else v for v in values]
        if len(values) > max_frames:
            values = [values[i] for i in np.linspace(0, len(values) - 1, max_frames).round().astype(int)]
    elif isinstance(control, widgets.FloatLogSlider):
        values = list(np.logspace(control.min, control.max, max_frames, base=control.base))
    elif isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
        count = min(max_frames, int(round((control.max - control.min) / control.step)) + 1)
        values = list(np.linspace(control.min, control.max, count))
        if isinstance(control, widgets.IntSlider):
            values = sorted({int(round(v)) for v in values})
    else:
        raise ValueError(f"control must be a slider to build a curve family, got {type(control).__name__}")
    if not any(np.isclose(v, control.value, rtol=1e-12, atol=0) for v in values):
        values = sorted(values + [control.value])
    return values


def _plain(value):
    """True for a value a frame can hold: numbers, strings, arrays, lists of those; not bokeh models."""
    if isinstance(value, HasProps):
        return False
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    return True


def _same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and a.dtype.kind == b.dtype.kind and bool(np.all((a == b) | (a != a) & (b != b)))
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True                                   # NaN: an unset range end, the same in both
    try:
        return bool(a == b)
    except ValueError:
        return False


def _compact(value):
    """Float arrays as float32: a plotted curve needs no more (1e-7 relative), and a page carries half."""
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value.astype(np.float32)
    return value


def _snapshot(models):
    """{(model index, property, column or None): value} of everything a frame may change."""
    state = {}
    for i, model in enumerate(models):
        if isinstance(model, ColumnDataSource):
            for col, values in model.data.items():
                state[(i, "data", col)] = np.array(values, copy=True) if isinstance(values, np.ndarray) else list(values)
            continue
        for prop, value in model.properties_with_values(include_defaults=False).items():
            if prop not in _SKIP and prop != "data" and _plain(value):
                state[(i, prop, None)] = value
    return state


class CurveFamily:
    """The frames of ``explorer`` over ``values`` of its control ``name`` (by default all the slider offers).

    ``keys`` lists what changes between frames as (model index, property, column); ``frames[k]`` holds their
    values at ``values[k]``. The explorer is left at the control's original value.
    """

    def __init__(self, explorer, name, values=None, max_frames=MAX_FRAMES):
        if name not in explorer.controls:
            raise ValueError(f"name must be one of the explorer's controls {sorted(explorer.controls)}, got {name!r}")
        control = explorer.controls[name]
        self.name, self.description = name, control.description
        self.values = list(values) if values is not None else control_values(control, max_frames)
        self.models = sorted({m for fig in explorer.figures for m in fig.references()}, key=lambda m: m.id)
        original = control.value
        snapshots = []
        try:
            for value in self.values:
                self._settle(explorer, control, value)
                snapshots.append(_snapshot(self.models))
        finally:
            self._settle(explorer, control, original)
        self.start = int(np.argmin([abs(np.log(v / original)) if v > 0 and original > 0 else abs(v - original)
                                    for v in self.values]))
        for s in snapshots:              # a property left at its default in a frame: the default is its value
            for key in {k for snap in snapshots for k in snap} - s.keys():
                i, prop, _ = key
                s[key] = self.models[i].lookup(prop).instance_default(self.models[i])
        first = snapshots[0]
        self.keys = [k for k in first if any(not _same(s[k], first[k]) for s in snapshots[1:])]
        self.frames = [[_compact(s[k]) for k in self.keys] for s in snapshots]

    @staticmethod
    def _settle(explorer, control, value):
        """Set ``control`` and let ``explorer`` finish any idle work, so the plots hold the exact answer."""
        if control.value != value:
            control.value = value
        idle = getattr(explorer, "idle", None)
        if idle is not None and idle.pending:
            idle.finish()

    @property
    def labels(self):
        return [f"{self.description} = {v:.3g}" if isinstance(v, (int, float, np.floating)) else
                f"{self.description} = {v}" for v in self.values]

    def nbytes(self):
        """Bytes of array data the frames hold (what a page carries for this family, before compression)."""
        return sum(np.asarray(v).nbytes if isinstance(v, np.ndarray) else 8 * np.size(v)
                   for frame in self.frames for v in frame)

    def switch(self, slider, label=None):
        """A CustomJS callback that shows frame ``slider.value`` (and its value in ``label``, a Div)."""
        models = sorted({self.models[i] for i, _, _ in self.keys}, key=lambda m: m.id)
        index = {m.id: j for j, m in enumerate(models)}
        keys = [[index[self.models[i].id], prop, col] for i, prop, col in self.keys]
        return CustomJS(args=dict(slider=slider, label=label, models=models, keys=keys, frames=self.frames,
                                  labels=self.labels), code=_SWITCH_JS)

    def slider(self):
        """A bokeh slider over the frames, with a Div naming the value, switching in the browser."""
        label = Div(text=self.labels[self.start])
        slider = Slider(start=0, end=len(self.values) - 1, step=1, value=self.start, show_value=False,
                        title=f"{self.description} (precomputed: {len(self.values)} values)", width=300)
        slider.js_on_change("value", self.switch(slider, label))
        return column(slider, label)


_SWITCH_JS = """
const k = slider.value;
const row = frames[k];
const data = new Map();
for (let j = 0; j < keys.length; j++) {
  const [m, prop, col] = keys[j];
  if (col === null) { models[m][prop] = row[j]; continue; }
  if (!data.has(m)) {
    const src = models[m].data;
    data.set(m, src instanceof Map ? new Map(src) : Object.assign({}, src));
  }
  const d = data.get(m);
  if (d instanceof Map) { d.set(col, row[j]); } else { d[col] = row[j]; }
}
for (const [m, d] of data) { models[m].data = d; }
if (label !== null) { label.text = labels[k]; }
"""


def static_layout(explorer, name, values=None, max_frames=MAX_FRAMES):
    """A standalone bokeh layout of ``explorer``'s figures with a slider over ``name`` that needs no kernel.

    The figures leave the explorer's live widget (a bokeh model lives in one document): export from an
    explorer built for it, not from one on screen.
    """
    family = CurveFamily(explorer, name, values, max_frames)
    detach(explorer)
    return column(family.slider(), explorer._plot_panel()), family


def detach(explorer):
    """Take ``explorer``'s figures out of the document of its live widget, so a new document can hold them."""
    for doc in {fig.document for fig in explorer.figures if fig.document is not None}:
        for root in list(doc.roots):
            doc.remove_root(root)
