"""Control factories shared by the explorers: sliders in teaching units, the colours and dash patterns
of every plot, and the local exponent they plot.

Every explorer names its controls with their unit (``d_nm``, ``T_K``) and builds them here, so that all
notebooks look and behave alike (readout format, log scale for quantities spanning decades).

Colours come only from :data:`PALETTE`: the eight colours of Okabe & Ito, "Color Universal Design"
(2002/2008), told apart with every common colour-vision deficiency, plus a neutral grey for guides and
asymptotes. Where two curves are compared, they also differ by dash pattern or marker (:data:`DASHES`), so
that no reading depends on hue alone. Yellow is left out of curves: too faint on the white plot area.
"""

import numpy as np
import ipywidgets as widgets

__all__ = ["PALETTE", "BLACK", "ORANGE", "SKY", "GREEN", "BLUE", "VERMILLION", "PURPLE", "GREY", "WHITE",
           "DASHES",
           "log_slider", "slider", "choice_slider", "local_exponent"]

BLACK = "#000000"
ORANGE = "#E69F00"
SKY = "#56B4E9"           # sky blue
GREEN = "#009E73"         # bluish green
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"        # reddish purple
GREY = "#808080"          # guides, asymptotes, reference lines
WHITE = "#FFFFFF"         # marks drawn on a colour map
#: Every colour a line, arrow, marker or bar may take; BLUE first, the colour of a glyph drawn without one.
PALETTE = (BLUE, VERMILLION, GREEN, ORANGE, SKY, PURPLE, BLACK, GREY, WHITE)
#: Dash patterns, in the order given to curves compared in one figure.
DASHES = ("solid", "dashed", "dotted", "dotdash", "dashdot")


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
