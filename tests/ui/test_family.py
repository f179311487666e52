"""Curve families: each frame is what the explorer draws at that control value (checked against the physics
module called directly), only what changes is stored, and the static layout embeds with its switch."""

import numpy as np
import pytest
from bokeh.embed import components
from bokeh.models import CustomJS, Slider

from dragbook import phonon
from dragbook.ui.family import CurveFamily, control_values, static_layout
from dragbook.ui.phonon import ResistivityExplorer
from dragbook.ui.controls import choice_slider, log_slider, slider


@pytest.fixture(scope="module")
def family():
    ex = ResistivityExplorer()
    return ex, CurveFamily(ex, "a", values=[0.1, 0.5, 0.9])


def test_each_frame_is_the_physics_at_its_value(family):
    ex, fam = family
    main = fam.models.index(ex.source)
    col = {k[2]: j for j, k in enumerate(fam.keys) if k[0] == main}
    t = ex.source.data["t"]
    for value, frame in zip(fam.values, fam.frames):
        # frames hold float32 (what a plot needs): 1e-6 relative
        np.testing.assert_allclose(frame[col["rho"]], phonon.resistivity_bg(t, value), rtol=1e-6, atol=0)
    assert not np.allclose(fam.frames[0][col["rho"]], fam.frames[2][col["rho"]], rtol=1e-3, atol=0)


def test_only_what_changes_is_stored_and_the_explorer_is_restored(family):
    ex, fam = family
    assert all(k[1] == "data" for k in fam.keys)
    main = fam.models.index(ex.source)
    assert {k[2] for k in fam.keys if k[0] == main} == {"rho", "lin", "exponent"}, "t and t4 do not change with a"
    assert ex.controls["a"].value == 0.5 and fam.values[fam.start] == 0.5


def test_static_layout_embeds_with_a_slider_that_switches_frames():
    ex = ResistivityExplorer()
    layout, fam = static_layout(ex, "a", values=[0.2, 0.5])
    sliders = [m for m in layout.references() if isinstance(m, Slider)]
    assert len(sliders) == 1 and sliders[0].end == 1 and sliders[0].value == fam.start
    assert isinstance(sliders[0].js_property_callbacks["change:value"][0], CustomJS)
    script, div = components(layout)
    assert "data-root-id" in div and "frames" in script


def test_control_values():
    assert control_values(slider("x", 0.5, 0.0, 1.0, 0.25)) == pytest.approx([0, 0.25, 0.5, 0.75, 1.0], abs=1e-15)
    logs = control_values(log_slider("T", 10.0, 1.0, 100.0), max_frames=5)
    assert logs == pytest.approx([1, 10 ** 0.5, 10, 10 ** 1.5, 100], rel=1e-12)
    assert control_values(choice_slider("T", 5.0, [1.0, 5.0, 50.0])) == [1.0, 5.0, 50.0]
    assert 0.33 in control_values(slider("x", 0.33, 0.0, 1.0, 0.25))
    with pytest.raises(ValueError, match="name must be one of"):
        CurveFamily(ResistivityExplorer(), "T_K")
