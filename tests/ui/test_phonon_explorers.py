"""Explorers of notebook 05: every control changes what is plotted, and as the physics says.

Explorers are driven by setting control values (observers run synchronously, no browser); the plotted
columns are compared with :mod:`dragbook.phonon` called directly, and with the physics' trends
(docs/theory/phonon-side-jump.md, "theory §n").
"""

import math

import numpy as np
import pytest

from dragbook import phonon
from dragbook.ui.phonon import (AngularWeightExplorer, PaperFigure1Explorer, ResistivityExplorer,
                                SideJumpTemperatureExplorer)
from plotted import assert_control_changes_plot

# A value to move each control to, per explorer (within the control's range). Controls whose effect needs
# another control first (eta and kF_xi need impurities) are set up in PREPARE.
MOVES = {
    PaperFigure1Explorer: {"a": 0.3, "kernel": "energy-resolved (B2)"},
    SideJumpTemperatureExplorer: {"a": 0.3, "T_BG_K": 200.0, "impurity": "δ-correlated (short range)",
                                  "eta": 1e-2, "kF_xi": 2.0, "kernel": "energy-resolved (B2)"},
    AngularWeightExplorer: {"t": 0.05, "a": 0.2},
    ResistivityExplorer: {"a": 0.8, "residual": True, "eta": 1e-2},
}
PREPARE = {
    (SideJumpTemperatureExplorer, "eta"): {"impurity": "δ-correlated (short range)"},
    (SideJumpTemperatureExplorer, "kF_xi"): {"impurity": "Gaussian, range ξ"},
    (ResistivityExplorer, "eta"): {"residual": True},
}


@pytest.mark.parametrize("cls,name", [(c, n) for c, moves in MOVES.items() for n in moves])
def test_every_control_changes_the_plot(cls, name):
    ex = cls()
    for other, value in PREPARE.get((cls, name), {}).items():
        ex.controls[other].value = value
    assert_control_changes_plot(ex, name, MOVES[cls][name])


def test_every_control_is_exercised():
    """MOVES (plus show_intrinsic, a visibility toggle tested below) covers every control of every explorer."""
    separately = {SideJumpTemperatureExplorer: {"show_intrinsic"}}
    for cls, moves in MOVES.items():
        assert set(cls().controls) == set(moves) | separately.get(cls, set()), cls.__name__


def test_show_intrinsic_toggles_the_intrinsic_line():
    ex = SideJumpTemperatureExplorer()
    assert ex.intrinsic_line.visible
    ex.controls["show_intrinsic"].value = False
    assert not ex.intrinsic_line.visible


def test_paper_figure_is_eq_18_with_plateaus_3_16_and_3_7_and_midpoint_near_0_15():
    """Paper Fig. 1: defaults a = 0.5; curve = phonon.side_jump_conductivity; plateaus 3/16, 3/7; midpoint ~0.1485."""
    ex = PaperFigure1Explorer()
    t = np.array(ex.source.data["t"])
    assert np.allclose(ex.source.data["sigma"], phonon.side_jump_conductivity(t, 0.5), rtol=1e-12)
    assert ex.source.data["low"][0] == pytest.approx(3 / 16) and ex.source.data["high"][0] == pytest.approx(3 / 7)
    assert ex.midpoint.data["t"][0] == pytest.approx(0.1485, abs=2e-3)      # linear interpolation on a 0.01 grid
    ex.controls["a"].value = 0.75
    assert np.allclose(ex.source.data["sigma"], phonon.side_jump_conductivity(t, 0.75), rtol=1e-12)
    assert ex.midpoint.data["t"][0] == pytest.approx(0.1268, abs=2e-3)      # theory §6: smaller for larger a
    tl = np.array(ex.inset.data["t"])
    assert np.allclose(ex.inset.data["rho"], phonon.resistivity_bg(tl, 0.75), rtol=1e-12)


def test_energy_resolved_kernel_is_what_is_plotted():
    ex = PaperFigure1Explorer()
    ex.controls["kernel"].value = "energy-resolved (B2)"
    t = np.array(ex.source.data["t"])
    assert np.allclose(ex.source.data["sigma"], phonon.side_jump_conductivity(t, 0.5, kernel="energy_resolved"))


def test_T_BG_slider_shifts_the_crossover_in_kelvin_only():
    """theory §11: sigma_sj depends on T/T_BG only; the T axis scales with T_BG, the curve does not."""
    ex = SideJumpTemperatureExplorer()
    sigma = np.array(ex.source.data["phonon"])
    ex.controls["T_BG_K"].value = 200.0
    assert np.allclose(ex.source.data["T"], ex.t_grid * 200.0)
    assert np.allclose(ex.source.data["phonon"], sigma, rtol=1e-14)
    assert ex.tbg_marker.location == pytest.approx(200.0)


def test_impurity_mixing_is_matthiessen_and_the_clean_sample_dips():
    """theory §9: delta impurities at eta = 1e-3: the plotted mixture is side_jump_mixed, 3/7 at both ends, a dip."""
    ex = SideJumpTemperatureExplorer()
    assert ex.controls["eta"].disabled and not ex.mixed_line.visible
    ex.controls["impurity"].value = "δ-correlated (short range)"
    ex.controls["eta"].value = 1e-3
    assert not ex.controls["eta"].disabled and ex.mixed_line.visible and ex.controls["kF_xi"].disabled
    t = ex.t_grid
    mixed = np.array(ex.source.data["mixed"])
    assert np.allclose(mixed, phonon.side_jump_mixed(t, 0.5, 1e-3), rtol=1e-12)
    assert mixed[0] == pytest.approx(3 / 7, abs=2e-3) and mixed[-1] == pytest.approx(3 / 7, abs=1e-3)
    assert mixed.min() < 0.31
    assert np.allclose(ex.source.data["rho_total"], phonon.resistivity_bg(t, 0.5) + 1e-3, rtol=1e-12)
    ex.controls["impurity"].value = "smooth (long range)"
    assert np.all(np.diff(ex.source.data["mixed"]) > 0)              # monotonic with smooth impurities
    ex.controls["impurity"].value = "Gaussian, range ξ"
    ex.controls["kF_xi"].value = 2.0
    assert np.allclose(ex.source.data["mixed"], phonon.side_jump_mixed(t, 0.5, 1e-3, impurity="gaussian", kF_xi=2.0))


def test_intrinsic_line_is_half_a():
    ex = SideJumpTemperatureExplorer()
    ex.controls["a"].value = 0.3
    assert np.allclose(ex.source.data["intrinsic"], 0.15)
    assert np.allclose(ex.source.data["phonon"], phonon.side_jump_conductivity(ex.t_grid, 0.3), rtol=1e-12)


def test_angular_weight_collapses_to_small_angles_at_low_T():
    """theory §6: the half width of the weight shrinks ~ t as T drops; at high T back-scattering
    is suppressed only by the overlap (the transport weight vanishes at phi = pi for a -> 0)."""
    ex = AngularWeightExplorer()

    def half_width():
        phi, w = np.array(ex.weights.data["phi"]), np.array(ex.weights.data["sj"])
        return np.abs(phi[np.argmax(w)])
    ex.controls["t"].value = 0.05
    narrow = half_width()
    ex.controls["t"].value = 0.01
    assert half_width() < narrow < 0.6
    assert ex.marker.data["R"][0] == pytest.approx(phonon.tau_ratio(ex.controls["t"].value, 0.5), rel=1e-12)
    ex.controls["t"].value = 5.0
    ex.controls["a"].value = 0.01
    phi, tr = np.array(ex.weights.data["phi"]), np.array(ex.weights.data["tr"])
    assert tr[np.argmin(np.abs(np.abs(phi) - math.pi))] < 1e-3
    assert np.allclose(ex.weights.data["overlap"], phonon.overlap(phi, 0.01))
    assert np.allclose(ex.curve.data["R"], phonon.tau_ratio(ex.t_grid, 0.01), rtol=1e-12)


def test_resistivity_exponent_runs_from_4_to_1_and_crosses_2_5_near_0_22():
    """theory §7: local exponent 4 -> 1, marker where it passes 2.5 (0.22 at a = 0.5)."""
    ex = ResistivityExplorer()
    p = np.array(ex.source.data["exponent"])
    assert p[1] == pytest.approx(4.0, abs=0.01) and p[-2] == pytest.approx(1.0, abs=0.01)
    assert ex.crossing.data["t"][0] == pytest.approx(0.22, abs=0.005)
    assert np.allclose(ex.source.data["rho"], phonon.resistivity_bg(ex.t_grid, 0.5), rtol=1e-12)
    ex.controls["residual"].value = True
    ex.controls["eta"].value = 1e-2
    assert np.allclose(ex.source.data["rho"], phonon.resistivity_bg(ex.t_grid, 0.5) + 1e-2, rtol=1e-12)
    assert ex.source.data["exponent"][1] == pytest.approx(0.0, abs=1e-3)      # residual resistivity: flat
