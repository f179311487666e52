"""What an explorer shows, read from its bokeh figures, for the ui tests of every notebook.

``plotted(ex)`` collects every numeric column of every ColumnDataSource the explorer's figures draw, the
locations of their Spans, their titles and which figures are visible; ``assert_control_changes_plot`` moves
one control and requires that something of that changed (and that the explorer reports no error).
"""

import numpy as np
from bokeh.models import ColumnDataSource, Span


def _numeric(column):
    """A column as one flat float array, or None for text columns (labels, colours, markers)."""
    try:
        parts = [np.asarray(x, dtype=float).ravel() for x in column]
    except (TypeError, ValueError):
        return None
    return np.nan_to_num(np.concatenate(parts) if parts else np.empty(0), nan=-7.0)


def plotted(ex):
    """(numeric columns, span locations, titles or Div texts, visibilities) of everything the figures show."""
    sources, spans = [], []
    for fig in ex.figures:
        sources += [s for s in fig.select({"type": ColumnDataSource}) if s not in sources]
        spans += [s for s in fig.select({"type": Span}) if s not in spans]
    columns = [col for s in sources for _, v in sorted(s.data.items()) if (col := _numeric(v)) is not None]
    texts = [getattr(getattr(f, "title", None), "text", None) or getattr(f, "text", "") for f in ex.figures]
    return columns, [float(s.location or 0.0) for s in spans], texts, [f.visible for f in ex.figures]


def _same(before, after):
    cols_b, spans_b, titles_b, vis_b = before
    cols_a, spans_a, titles_a, vis_a = after
    same = lambda a, b: np.allclose(a, b, rtol=1e-9, atol=0)   # plotted SI values can be ~1e-8 (ohm, S)
    same_cols = len(cols_b) == len(cols_a) and all(a.shape == b.shape and same(a, b)
                                                   for a, b in zip(cols_b, cols_a))
    return same_cols and same(spans_b, spans_a) and titles_b == titles_a and vis_b == vis_a


def assert_control_changes_plot(ex, name, value):
    """Set ``ex.controls[name].value = value``: no error in the status line (a validity warning may show: the
    value can lie outside the model's assumptions), and the plot changed."""
    before = plotted(ex)
    ex.controls[name].value = value
    assert "#b00" not in ex.status.value, ex.status.value
    assert not _same(before, plotted(ex)), f"{type(ex).__name__}: moving {name} to {value!r} changed nothing"
