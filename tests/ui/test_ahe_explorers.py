"""Explorers of notebook 03: every control changes what is plotted, and as the physics says.

Explorers are driven by setting control values (observers run synchronously, no browser); the plotted
columns are compared with :mod:`dragbook.ahe` called directly, and with the physics' trends.
"""

import math

import numpy as np
import pytest

from dragbook import ahe, units
from dragbook.ui.ahe import DiracHallExplorer, QWZBerryExplorer, SpinTorqueExplorer, WeylHallExplorer
from plotted import assert_control_changes_plot

# A value to move each control to, per explorer (within the control's range).
MOVES = {
    QWZBerryExplorer: {"u": 1.0, "nk": 12},
    WeylHallExplorer: {"k0_pi": 0.6, "nz": 9, "b_meV": 60.0, "Delta_b": 0.2, "mu_b": 0.8, "vF_1e5": 5.0},
    # at T = 0 only eF/M matters: |M| acts through k_B T/|M|, so T moves first
    SpinTorqueExplorer: {"M_meV": 10.0, "alpha": 0.01, "vF_1e5": 3.0, "eF_M": 3.0, "angle_deg": 45.0},
    DiracHallExplorer: {"T_K": 40.0, "M_meV": 10.0, "M_sign": -1, "alpha": 0.01, "g": -0.2, "eF_M": 4.0},
}


@pytest.fixture(scope="module")
def explorers():
    return {cls: cls() for cls in MOVES}


@pytest.mark.parametrize("cls,name", [(c, n) for c, moves in MOVES.items() for n in moves])
def test_every_control_changes_the_plot(explorers, cls, name):
    assert_control_changes_plot(explorers[cls], name, MOVES[cls][name])


def test_every_control_is_exercised():
    for cls, moves in MOVES.items():
        assert set(cls().controls) == set(moves), cls.__name__


def test_qwz_map_is_the_curvature_and_chern_number_is_live():
    ex = QWZBerryExplorer()
    for u, C in ((-1.0, 1), (1.0, -1), (2.6, 0), (-0.4, 1)):
        ex.controls["u"].value = u
        assert ex.chern == C == ahe.qwz_chern_number(u, ex.controls["nk"].value)
        assert f"C = {C:+d}" in ex.map_figure.title.text
        om = ex.image.data["image"][0]
        assert np.allclose(om, ahe.qwz_berry_curvature(ex.k[None, :], ex.k[:, None], u))
        # the map integrates to C (curvature is smooth away from gap closings)
        assert om.sum() * (2 * np.pi / ex.n_map) ** 2 / (2 * np.pi) == pytest.approx(C, abs=0.02)
        assert ex.marker.data["C"] == [C]
    ex.controls["u"].value = 0.0                                 # the gap closes at X and Y
    assert ex.chern is None and "undefined" in ex.map_figure.title.text and not ex.status.value
    # a grid too coarse for the gap is refused on screen, not counted wrong (u = 1.9 on 5 x 5 would give 0)
    ex.controls["u"].value = 1.9
    ex.controls["nk"].value = 6
    assert ex.chern is None and "too coarse" in ex.map_figure.title.text
    ex.controls["nk"].value = ahe.qwz_min_grid(1.9)
    assert ex.chern == -1
    assert np.all(np.isfinite(ex.image.data["image"][0]))
    # the phase diagram is +1, -1, 0 by region
    C = np.array(ex.phase.data["C"])
    u = np.array(ex.phase.data["u"])
    assert np.all(C[(u > -2) & (u < 0)] == 1) and np.all(C[(u > 0) & (u < 2)] == -1)
    assert np.all(C[np.abs(u) > 2] == 0)


def test_weyl_panels_follow_node_separation_and_fermi_level():
    ex = WeylHallExplorer()
    ex.controls["nz"].value = 30
    k0 = np.array(ex.lattice.data["k0_pi"]) * np.pi
    sig = np.array(ex.lattice.data["sigma"])
    assert np.allclose(sig, -ahe.weyl_lattice_hall(k0, 30, 24), rtol=0, atol=1e-15)    # sigma_xy = -sigma_yx
    assert np.all(np.abs(sig - k0 / np.pi) <= 1 / 30 + 1e-12)    # staircase around sigma_xy = +k0/pi
    ex.controls["k0_pi"].value = 0.5
    assert ex.lattice_marker.data["sigma"][0] == pytest.approx(0.5, abs=1 / 30)
    # continuum: Delta = 0 -> plateau at every mu; the plotted numbers are the physics in S/cm
    ex.controls["Delta_b"].value = 0.0
    sig = np.array(ex.continuum.data["sigma"])
    plateau = np.array(ex.continuum.data["plateau"])
    assert np.allclose(sig, plateau, rtol=1e-9)
    b, v = ex.controls["b_meV"].value * units.meV, ex.controls["vF_1e5"].value * 1e5
    assert plateau[0] == pytest.approx(-units.e**2 * b / (units.hbar * v) / (2 * math.pi**2 * units.hbar) / 100)
    ex.controls["Delta_b"].value = 0.5
    mu = np.array(ex.continuum.data["mu_b"]) * b
    assert np.allclose(ex.continuum.data["sigma"], ahe.weyl_continuum_hall(mu, b, 0.5 * b, v) / 100)
    assert ex.lifshitz.location == pytest.approx(0.5) and ex.upper.location == pytest.approx(1.5)
    # doubling b doubles k0 and the plateau
    p1 = ex.continuum.data["plateau"][0]
    ex.controls["b_meV"].value = 2 * ex.controls["b_meV"].value
    assert ex.continuum.data["plateau"][0] == pytest.approx(2 * p1, rel=1e-12)


def test_dirac_parts_are_the_physics_and_scaling_plot_has_plateau_and_slope_one():
    ex = DiracHallExplorer()
    ex.controls["alpha"].value = 0.02
    ex.controls["g"].value = 0.1
    M = ex.mass()
    c = ahe.hall_conductivities(ex.x_grid * abs(M), M, 0.02, 0.1, 0.0)
    for col, name in (("intrinsic", "intrinsic"), ("side_jump", "side_jump"), ("skew", "skew"),
                      ("skew3", "skew_third_order"), ("total", "total")):
        assert np.allclose(ex.parts.data[col], -getattr(c, name), rtol=1e-12, atol=0), col   # sigma_xy
    # alpha moves sigma_xx and third-order skew but not the Gaussian curves
    gauss = np.array(ex.parts.data["total_nc"])
    sk3 = np.array(ex.parts.data["skew3"])
    ex.controls["alpha"].value = 0.2
    assert np.allclose(ex.parts.data["total_nc"], gauss)
    assert np.allclose(np.array(ex.parts.data["skew3"]) * 10, sk3)
    # the invalid strip next to the band edge widens with disorder (|eF| - |M| = 3 hbar/tau_tr)
    assert ex.invalid[1].right == pytest.approx(ahe.validity_edge(1.0, 0.2))
    assert ex.invalid[0].left == -ex.invalid[1].right and ex.invalid[1].right > 1.5
    # M > 0, eF > 0: sigma_xy < 0 in this model (sigma_yx = +a/2 > 0 intrinsic)
    assert ex.parts.data["intrinsic"][-1] < 0
    # the third-order Born term is marked where |g| |eF|/|M| > 1 (g = 0.1: beyond |eF| = 10|M|, off the plot)
    assert ex.born[1].left == ex.born[1].right == ex.x_grid[-1]
    ex.controls["g"].value = 0.25
    assert ex.born[1].left == pytest.approx(4.0) and ex.born[0].right == pytest.approx(-4.0)
    # the Born shading has a colour no Hall curve uses (the third-order curve is purple)
    curve_colors = {r.glyph.line_color for r in ex.figures[0].renderers}
    assert ex.born[0].fill_color not in curve_colors | {ex.invalid[0].fill_color}
    ex.controls["g"].value = 0.1
    # flipping M flips every Hall curve
    ex.controls["M_sign"].value = -1
    assert np.allclose(ex.parts.data["total_nc"], -gauss)
    # scaling plot: Gaussian part flat, third-order skew slope exactly 1 in log-log
    sxx = np.array(ex.scaling.data["sigma_xx"])
    assert np.allclose(ex.scaling.data["gaussian"], ex.scaling.data["gaussian"][0])
    slope = np.gradient(np.log(ex.scaling.data["skew3"]), np.log(sxx))
    assert np.allclose(slope, 1.0)
    assert sxx[0] == pytest.approx(ahe.sigma_xx(2.0 * abs(M), M, ex.alpha_grid[0]))
    # disorder only within the slider's range, and alpha > 0.1 shaded (sigma_xx below its value at 0.1)
    assert ex.alpha_grid[-1] == pytest.approx(10 ** ex.controls["alpha"].max, rel=1e-12)
    assert ex.poor_disorder.right == pytest.approx(ahe.sigma_xx(2.0 * abs(M), M, 0.1), rel=1e-12)
    # g = 0: no third-order skew, the log line shows a gap (NaN), not a zero
    ex.controls["g"].value = 0.0
    assert np.all(np.isnan(ex.scaling.data["skew3"]))
    # temperature smooths the band-edge kink: the in-gap plateau is eroded at 100 K for |M| = 5 meV
    ex.controls["M_meV"].value = 5.0
    ex.controls["T_K"].value = 100.0
    x = ex.x_grid
    assert np.abs(np.array(ex.parts.data["intrinsic"])[np.abs(x) < 0.5]).max() < 0.5 - 1e-3


def test_torque_panels_are_the_physics_and_spin_is_current_rotated():
    ex = SpinTorqueExplorer()
    v = ex.values
    M, vF = v["M_meV"] * units.meV, v["vF_1e5"] * 1e5
    for i in (10, 300, 400):                                   # a hole, an electron and a gap-free point
        x = ex.x_grid[i]
        t = ahe.spin_orbit_torque(x * M, M, v["alpha"], [ex.E_field, 0.0], vF)
        assert ex.torque.data["field_like"][i] == pytest.approx(t["field_like"][0] / ex.nJ, rel=1e-12)
        assert ex.torque.data["damping_like"][i] == pytest.approx(t["damping_like"][1] / ex.nJ, rel=1e-12)
    gap = np.abs(ex.x_grid) < 1
    assert np.all(np.array(ex.torque.data["field_like"])[gap] == 0)       # no Fermi surface: no Edelstein
    dl = np.array(ex.torque.data["damping_like"])
    ex.controls["alpha"].value = 0.005                          # Gaussian damping-like torque: disorder independent
    assert np.allclose(ex.torque.data["damping_like"], dl)
    # arrows: <sigma> is j rotated by -90 degrees, whatever the field direction
    ex.controls["angle_deg"].value = 120.0
    d = ex.arrows.data
    j = np.array([d["x1"][1], d["y1"][1]])
    s = np.array([d["x1"][2], d["y1"][2]])
    assert np.allclose(s, [j[1], -j[0]])
    assert np.allclose([d["x1"][0], d["y1"][0]], [math.cos(math.radians(120)), math.sin(math.radians(120))])
