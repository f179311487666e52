"""Every explorer reads for every student (issue: laptop screens, colour vision): its lines, arrows,
markers, bars, guide lines and labels take their colours from the shared palette, its texts are at least
MIN_FONT_PX high, and its figures stretch from MIN_WIDTH in a wrapping row, so that none is cut off or
squeezed."""

import inspect

import pytest
from bokeh.colors import named
from bokeh.models import Annotation, ArrowHead, BoxAnnotation, GlyphRenderer, Plot

from dragbook.ui import ahe, chiral, drag, halldrag, phonon, start
from dragbook.ui.controls import PALETTE
from dragbook.ui.explorer import _FONT_PROPS, MIN_FONT_PX, MIN_WIDTH, Explorer, _px

EXPLORERS = sorted({cls for module in (ahe, chiral, drag, halldrag, phonon, start)
                    for _, cls in inspect.getmembers(module, inspect.isclass)
                    if issubclass(cls, Explorer) and cls is not Explorer}, key=lambda c: c.__name__)
COLOR_PROPS = ("line_color", "fill_color", "text_color", "color")


def _hex(color):
    """A colour as lower-case #rrggbb (named CSS colours converted)."""
    c = color.lower()
    return getattr(named, c).to_hex().lower() if hasattr(named, c) else c


def _colors(model, source):
    """(property, colour) of every colour ``model`` sets itself, a column's colours spelled out."""
    for name, value in model.properties_with_values(include_defaults=False).items():
        if name not in COLOR_PROPS or value is None:
            continue
        if isinstance(value, str) and source is not None and value in source.data:
            yield from ((f"{name} <- column {value!r}", c) for c in source.data[value])
        elif isinstance(value, str):
            yield name, value


@pytest.fixture(scope="module", params=EXPLORERS, ids=lambda c: c.__name__)
def explorer(request):
    return request.param()


def test_every_explorer_module_is_covered():
    assert len(EXPLORERS) >= 20, [c.__name__ for c in EXPLORERS]


def test_colors_come_from_the_palette(explorer):
    allowed = {c.lower() for c in PALETTE}
    bad = []
    for fig in explorer.figures:
        for r in fig.select({"type": GlyphRenderer}):
            for glyph in (r.glyph, r.nonselection_glyph, r.muted_glyph):
                bad += [(type(glyph).__name__, n, c) for n, c in _colors(glyph, r.data_source)
                        if _hex(c) not in allowed]
        marks = [m for m in fig.references() if isinstance(m, (Annotation, ArrowHead))
                 and not isinstance(m, BoxAnnotation)]   # shaded bands: faint neutral areas, not lines
        for a in marks:
            source = getattr(a, "source", None)
            bad += [(type(a).__name__, n, c) for n, c in _colors(a, source) if _hex(c) not in allowed]
    assert not bad, f"{type(explorer).__name__}: colours outside controls.PALETTE: {bad}"


def test_texts_are_readable(explorer):
    small = []
    for fig in explorer.figures:
        for model in fig.references():
            for name in _FONT_PROPS:
                size = getattr(model, name, None) if name in model.properties() else None
                if isinstance(size, str) and _px(size) < MIN_FONT_PX:
                    small.append((type(model).__name__, name, size))
    assert not small, f"{type(explorer).__name__}: texts under {MIN_FONT_PX} px: {small}"


def test_figures_stretch_and_wrap(explorer):
    panel = explorer.widget.children[1]._model            # the BokehModel's layout
    assert panel.styles.get("flex-wrap") == "wrap" and panel.sizing_mode == "stretch_width"
    for fig in explorer.figures:
        assert fig.sizing_mode == "stretch_width"
        if isinstance(fig, Plot):
            assert MIN_WIDTH <= fig.min_width <= fig.max_width, (type(explorer).__name__, fig.min_width)
    assert "wrap" in explorer.widget.children[0].layout.flex_flow


def test_curve_colors_stay_apart_for_red_green_blindness():
    """The palette's curve colours (all but the guides' grey and white) stay apart as a deuteranope sees
    them: simulation in linear sRGB after Vienot, Brettel & Mollon, Color Res. Appl. 24, 243 (1999). The
    old firebrick/green pair fails (distance 0.016), pure red/green too (0.069)."""
    import numpy as np

    from dragbook.ui.controls import GREY, WHITE

    def deuteranope(hex_color):
        rgb = np.array([int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)])
        lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
        return np.array([[0.29275, 0.70725, 0.0], [0.29275, 0.70725, 0.0], [-0.02234, 0.02234, 1.0]]) @ lin

    sims = [deuteranope(c) for c in PALETTE if c not in (GREY, WHITE)]
    closest = min(np.linalg.norm(a - b) for i, a in enumerate(sims) for b in sims[i + 1:])
    assert closest > 0.1
