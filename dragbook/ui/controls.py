"""Control factories shared by the explorers: sliders in teaching units, and the local exponent they plot.

Every explorer names its controls with their unit (``d_nm``, ``T_K``) and builds them here, so that all
notebooks look and behave alike (readout format, log scale for quantities spanning decades).
"""

import numpy as np
import ipywidgets as widgets

__all__ = ["log_slider", "slider", "choice_slider", "local_exponent"]


def log_slider(description, value, low, high, step=0.01, fmt=".3g", **kw):
    """A base-10 FloatLogSlider from ``low`` to ``high`` (``step`` in decades)."""
    return widgets.FloatLogSlider(value=value, base=10, min=np.log10(low), max=np.log10(high), step=step,
                                  description=description, readout_format=fmt, **kw)


def slider(description, value, low, high, step, **kw):
    """A linear FloatSlider from ``low`` to ``high``."""
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=description, **kw)


def choice_slider(description, value, options, fmt="g", **kw):
    """A SelectionSlider over the numbers ``options`` (shown with ``fmt``), for a control whose values are
    precomputed."""
    return widgets.SelectionSlider(options=[(format(v, fmt), v) for v in options], value=value,
                                   description=description, **kw)


def local_exponent(x, y):
    """d ln y / d ln x on a grid (second-order differences); ``x`` and ``y`` positive."""
    return np.gradient(np.log(y), np.log(x))
