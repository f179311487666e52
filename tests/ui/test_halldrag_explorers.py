"""Explorers of notebook 02: every control changes what is plotted, and as the physics says.

Explorers are driven by setting control values (observers run synchronously, no browser); the plotted
columns are compared with :mod:`dragbook.halldrag` called directly and with the physics' laws.
"""

import math

import numpy as np
import pytest

from dragbook import halldrag, units
from dragbook.ui.halldrag import (MODELS, ForceBalanceExplorer, HallDragTemperatureExplorer, PaperFigure2Explorer,
                                  QFunctionExplorer, WeylForceDiagramExplorer, make_bilayer)
from plotted import assert_control_changes_plot

# A value to move each control to, per explorer (within the control's range).
MOVES = {
    ForceBalanceExplorer: {"B_a_T": -0.5, "B_p_T": 0.6, "n_a_1e11cm2": 10.0, "n_p_1e11cm2": 3.0, "tau_a_ps": 5.0,
                           "tau_p_ps": 0.3, "eta_1e20": 10.0, "exaggerate": 10.0},
    WeylForceDiagramExplorer: {"T_K": 50.0, "tilt": 0.5, "dk_nm": 1.0, "tau_ps": 5.0, "exaggerate": 100.0,
                               "hall_friction": False, "anomalous": False},
    HallDragTemperatureExplorer: {"model": list(MODELS)[3], "d_nm": 80.0, "n_p_1e11cm2": 3.0, "dk_nm": 2.0,
                                  "tilt": 0.5, "tau_ps": 5.0, "eF_meV": 100.0, "b_par": -6.0, "b_perp": 0.0,
                                  "hall_friction": False, "anomalous": False, "swap": True},
    PaperFigure2Explorer: {"b_par": -6.0, "loglog": True},
    QFunctionExplorer: {"z": 3.0, "paper_text": True},
}


@pytest.fixture(scope="module")
def explorers():
    return {cls: cls() for cls in MOVES}


@pytest.mark.parametrize("cls,name", [(c, n) for c, moves in MOVES.items() for n in moves])
def test_every_control_changes_the_plot(explorers, cls, name):
    assert_control_changes_plot(explorers[cls], name, MOVES[cls][name])


# --- force-balance toy ---

def test_toy_rho_xy_is_zero_while_sigma_xy_is_not():
    """theory §2: for every B_p on the grid rho^D_xy/rho^D_xx = 0 (round-off) and sigma^D_xy/sigma^D_xx =
    tan(theta_a + theta_p) (Eq. 9, to O(eta))."""
    ex = ForceBalanceExplorer()
    ex.controls["B_a_T"].value = 0.3
    ex.controls["tau_a_ps"].value = 2.0
    d = ex.source.data
    assert np.max(np.abs(d["rho_ratio"])) < 1e-12
    assert np.max(np.abs(d["sigma_ratio"])) > 0.1
    assert np.allclose(d["sigma_ratio"], d["sum_angles"], rtol=1e-3)
    assert np.allclose(d["rho_xx"], d["formula"], rtol=1e-10)     # rho_xx = eta/(e^2 n_a n_p d), any B


def test_toy_marker_is_the_physics_at_the_chosen_fields():
    ex = ForceBalanceExplorer()
    ex.controls["B_p_T"].value = -0.4
    v = ex.values
    out = halldrag.normal_bilayer(v["n_a_1e11cm2"] * 1e15, v["n_p_1e11cm2"] * 1e15, v["tau_a_ps"] * 1e-12,
                                  v["tau_p_ps"] * 1e-12, v["B_a_T"], -0.4, v["eta_1e20"] * 1e-20, ex.d,
                                  ex.m_eff, ex.m_eff)
    s = out["sigma_D"]
    assert ex.marker.data["y"][0] == pytest.approx(s[0, 1] / s[0, 0], rel=1e-12)
    assert ex.marker.data["y"][1] == pytest.approx(0.0, abs=1e-12)


def test_toy_open_circuit_field_is_antiparallel_to_the_current():
    """Vector diagram: -E^p (j^p = 0) is along j^a (x), i.e. E^p is antiparallel, whatever the exaggeration;
    j^p (E^p = 0) is rotated."""
    ex = ForceBalanceExplorer()
    ex.controls["exaggerate"].value = 100.0
    ys = ex.arrows.data["ys"]
    assert abs(ys[2][1]) < 1e-9 and abs(ys[0][1]) == 0.0
    assert abs(ys[3][1]) > 0.1


# --- WSM force diagram (Fig. 1) ---

def test_force_diagram_angles_are_the_hall_ratios():
    """At low T: u^a at -3C/(2 eF tau) (Eq. 147), j^p (shorted) at -C/(eF tau) (Eq. 37), -E^p at rho_xy/rho_xx
    relative to j^a (Eq. 50); with eta_H and the anomalous current off, -E^p is parallel to j^a (force balance)."""
    ex = WeylForceDiagramExplorer()
    ex.controls["T_K"].value = 0.5
    b = make_bilayer()
    c = b.tilt / b.eF_tau
    mrad = dict(zip(ex.angles.data["label"], ex.angles.data["mrad"]))
    assert mrad["u^a (boost)"] == pytest.approx(-1e3 * math.atan(1.5 * c), rel=1e-9)
    ratio_s = halldrag.drag_components(b, 0.5)["sxy_sxx"]
    assert mrad["j^p (E^p = 0)"] == pytest.approx(-1e3 * math.atan(ratio_s), rel=1e-12)
    assert mrad["j^p (E^p = 0)"] == pytest.approx(-1e3 * c, rel=2e-3)     # R(T) - 1 ~ (T/T_d)^2 ln at 0.5 K
    h = b.hall_ratios()["total"]
    ratio = halldrag.drag_components(b, 0.5)["rxy_rxx"]
    assert mrad["−E^p (j^p = 0)"] - mrad["j^a"] == pytest.approx(-1e3 * ratio, rel=2e-2)   # to O(h^2)
    ex.controls["hall_friction"].value = False
    ex.controls["anomalous"].value = False
    mrad = dict(zip(ex.angles.data["label"], ex.angles.data["mrad"]))
    # what is left is the b_par != b_perp residue h_reg (b_perp - b_par) Phi_1/Phi_0 ~ 5e-6 rad at 0.5 K
    rest = halldrag.drag_components(b, 0.5, hall_friction=False, anomalous=False)["rxy_rxx"]
    assert mrad["−E^p (j^p = 0)"] - mrad["j^a"] == pytest.approx(-1e3 * rest, rel=2e-2)
    assert abs(rest) < 1e-3 * abs(ratio)
    assert mrad["F^{p,a}"] == pytest.approx(mrad["u^a (boost)"], rel=1e-12)     # no Hall friction: F || u


# --- temperature explorer ---

def test_temperature_curves_are_the_physics_at_the_control_values():
    ex = HallDragTemperatureExplorer()
    ex.controls["d_nm"].value = 60.0
    ex.controls["n_p_1e11cm2"].value = 2.0
    ex.controls["hall_friction"].value = False
    b = make_bilayer(d_nm=60.0, n_p_1e11cm2=2.0)
    c = halldrag.drag_components(b, ex.temperatures, hall_friction=False)
    d = ex.source.data
    assert np.allclose(d["sxx"], c["sigma_xx"], rtol=1e-12, atol=0)
    assert np.allclose(d["rxy"], np.abs(c["rho_xy"]), rtol=1e-12, atol=0)
    assert np.allclose(d["sxy_sxx"], c["sxy_sxx"], rtol=1e-12, atol=0)


def test_temperature_explorer_goes_from_T2_to_linear():
    """theory §6: the local exponent of sigma_xx goes 2 -> 1 (within 0.05 at the ends of 0.3-300 K, d = 120 nm)."""
    ex = HallDragTemperatureExplorer()
    ex.controls["d_nm"].value = 120.0
    e = ex.source.data["exponent"]
    assert e[0] == pytest.approx(2.0, abs=0.05) and e[-1] == pytest.approx(1.0, abs=0.05)


def test_switching_mechanisms_off_cancels_rho_xy():
    """theory §6: no Hall friction, no anomalous current, b_par = b_perp: rho_xy = 0 on the whole curve;
    sigma_xy stays, 3/2 of its value with the Hall friction at low T."""
    ex = HallDragTemperatureExplorer()
    sxy_on = np.array(ex.source.data["sxy"])
    ex.controls["hall_friction"].value = False
    assert ex.source.data["sxy"][0] == pytest.approx(1.5 * sxy_on[0], rel=1e-3, abs=0)
    ex.controls["anomalous"].value = False
    ex.controls["b_perp"].value = ex.controls["b_par"].value
    assert np.all(np.asarray(ex.source.data["rxy_rxx"]) == 0.0)
    assert np.all(np.asarray(ex.source.data["sxy"]) > 0)


def test_dk_moves_rho_xy_only_and_swap_flips_the_hall_ratios():
    ex = HallDragTemperatureExplorer()
    s0, r0 = np.array(ex.source.data["sxy"]), np.array(ex.source.data["rxy_rxx"])
    ex.controls["dk_nm"].value = 0.0
    assert np.array_equal(ex.source.data["sxy"], s0)
    low_T_ratio = ex.source.data["rxy_rxx"][0]
    b = make_bilayer(dk_nm=0.0)
    assert low_T_ratio == pytest.approx(-b.tilt / b.eF_tau, rel=2e-3)      # Eq. 50 at dk = 0
    ex.controls["swap"].value = True
    assert np.allclose(ex.source.data["rxy_rxx"], -np.asarray(halldrag.drag_components(
        b, ex.temperatures)["rxy_rxx"]), rtol=1e-12)
    assert r0[0] < 0


def test_model_dropdown_selects_the_asymptotes():
    """The low-T model is the dashed T^2 line; the high-T model the dashed linear one."""
    ex = HallDragTemperatureExplorer()
    for name, key in ((list(MODELS)[1], "sxx_low"), (list(MODELS)[2], "sxx_high")):
        ex.controls["model"].value = name
        assert np.allclose(ex.source.data["sxx"], ex.source.data[key], rtol=1e-12)


def test_sliders_act_on_release_only_with_the_slow_rpa_model():
    ex = HallDragTemperatureExplorer()
    assert ex.controls["d_nm"].continuous_update
    ex.controls["model"].value = list(MODELS)[3]
    assert not ex.controls["d_nm"].continuous_update and not ex.controls["tilt"].continuous_update
    c = halldrag.drag_components(make_bilayer(), ex.temperatures, screening="rpa")
    assert np.allclose(ex.source.data["sxx"], c["sigma_xx"], rtol=1e-12)


def test_markers_sit_at_T_d_and_eF_p():
    ex = HallDragTemperatureExplorer()
    ex.controls["d_nm"].value = 120.0
    b = make_bilayer(d_nm=120.0)
    t_d, e_f = next(iter(ex.markers.values()))
    assert t_d.location == pytest.approx(b.T_d) and e_f.location == pytest.approx(b.eF_p / units.k_B)
    assert "T_d" in ex.info.text


# --- Fig. 2 ---

def test_figure_2_curves_are_the_unified_model_and_scale_with_d():
    """Panels (a)-(f): sigma_xx from halldrag; low-T ratio d = 40 : 120 of about 81 (T^2 d^-4, theory §5)."""
    ex = PaperFigure2Explorer()
    src40, src120 = ex.sources[40.0, 1.0], ex.sources[120.0, 1.0]
    c = halldrag.drag_components(make_bilayer(d_nm=40.0), ex.temperatures)
    assert np.allclose(src40.data["sxx"], c["sigma_xx"], rtol=1e-12)
    assert np.asarray(src40.data["sxx"])[0] / np.asarray(src120.data["sxx"])[0] == pytest.approx(81, rel=0.05)
    assert np.all(np.asarray(src40.data["rxy"]) < 0)          # Eq. 50: rho_xy < 0


def test_figure_2_b_par_minus_6_makes_sigma_xx_non_monotonic_at_high_density():
    """with b_par = -6 the z > 1 curves reach a maximum and turn down; with -3 they only rise."""
    ex = PaperFigure2Explorer()
    assert np.all(np.diff(ex.sources[40.0, 10.0].data["sxx"]) > 0)
    ex.controls["b_par"].value = -6.0
    s = np.asarray(ex.sources[40.0, 10.0].data["sxx"])
    assert 0 < np.argmax(s) < s.size - 1


def test_figure_2_loglog_switches_the_visible_panels():
    ex = PaperFigure2Explorer()
    assert all(f.visible == (k[2] == "linear") for k, f in ex.figs.items())
    ex.controls["loglog"].value = True
    assert all(f.visible == (k[2] == "log") for k, f in ex.figs.items())


# --- Q-functions ---

def test_q_explorer_shows_cusp_and_limits():
    """Fig. 5: minimum at z = 1 on the grid, printed-equation z -> 0 limits pi/4, pi/16; paper-text 3pi/16."""
    ex = QFunctionExplorer()
    d = ex.source.data
    for key in ("Q1", "Q2", "Q3"):
        assert d["z"][np.argmin(d[key])] == pytest.approx(1.0)
    assert d["Q1"][0] == pytest.approx(math.pi / 4, rel=1e-3)
    ex.controls["paper_text"].value = True
    assert ex.source.data["Q1"][0] == pytest.approx(3 * math.pi / 16, rel=1e-3)


def test_q_explorer_point_and_integrand_follow_z():
    """The marker is Q_i(z); G vanishes beyond min(1, z) (both layers absorb only there)."""
    ex = QFunctionExplorer()
    ex.controls["z"].value = 0.4
    assert ex.point.data["Q"] == pytest.approx(list(halldrag.q_functions(0.4)), rel=1e-12)
    w, g = np.asarray(ex.weight.data["w"]), np.asarray(ex.weight.data["G"])
    assert np.all(g[w >= 0.4] == 0) and np.all(g[w < 0.39] > 0)
    assert ex.edge.location == pytest.approx(0.4)


# --- every control of the two physics explorers against halldrag called directly ---

def _expected_temperature_curves(ex):
    """drag_components at the explorer's control values, built here from the controls (not ex.bilayer())."""
    v = ex.values
    regime, screening = MODELS[v["model"]]
    b = make_bilayer(d_nm=v["d_nm"], n_p_1e11cm2=v["n_p_1e11cm2"], dk_nm=v["dk_nm"], tilt=v["tilt"],
                     tau_ps=v["tau_ps"], eF_meV=v["eF_meV"])
    return b, halldrag.drag_components(b, ex.temperatures, regime=regime, screening=screening,
                                       hall_friction=v["hall_friction"], anomalous=v["anomalous"],
                                       b_par=v["b_par"], b_perp=v["b_perp"], swap=v["swap"])


@pytest.mark.parametrize("name", list(MOVES[HallDragTemperatureExplorer]))
def test_temperature_explorer_each_control_gives_the_physics(name):
    """Move one control; the plotted sigma_xx, |sigma_xy|, rho_xx, |rho_xy| and both Hall ratios equal
    halldrag.drag_components at the new values (round-off only: the same function, 1e-12)."""
    ex = HallDragTemperatureExplorer()
    ex.controls[name].value = MOVES[HallDragTemperatureExplorer][name]
    b, c = _expected_temperature_curves(ex)
    d = ex.source.data
    for col, key in (("sxx", "sigma_xx"), ("sxy", "sigma_xy"), ("rxx", "rho_xx"), ("rxy", "rho_xy")):
        assert np.allclose(d[col], np.abs(c[key]), rtol=1e-12, atol=0), (name, col)
    assert np.allclose(d["sxy_sxx"], c["sxy_sxx"], rtol=1e-12, atol=0)
    assert np.allclose(d["rxy_rxx"], c["rxy_rxx"], rtol=1e-12, atol=0)
    t_d, _ = next(iter(ex.markers.values()))
    assert t_d.location == pytest.approx(b.T_d, rel=1e-12)


@pytest.mark.parametrize("name", list(MOVES[WeylForceDiagramExplorer]))
def test_force_diagram_each_control_gives_the_physics(name):
    """Move one control; the bar angles are the physics: u^a at -atan(3C hbar/(2 eF tau)) (Eq. 147, independent of
    T), j^p at -atan(sigma_xy/sigma_xx), -E^p at -atan of the Hall ratio of rho^D j^a, with j^a = (1, -h)
    (h: the WSM Hall ratio with or without the anomalous part)."""
    ex = WeylForceDiagramExplorer()
    ex.controls[name].value = MOVES[WeylForceDiagramExplorer][name]
    v = ex.values
    b = make_bilayer(dk_nm=v["dk_nm"], tilt=v["tilt"], tau_ps=v["tau_ps"])
    opts = dict(hall_friction=v["hall_friction"], anomalous=v["anomalous"])
    c = halldrag.drag_components(b, v["T_K"], **opts)
    h = b.hall_ratios()
    mrad = dict(zip(ex.angles.data["label"], ex.angles.data["mrad"]))
    assert mrad["E^a"] == 0.0
    assert mrad["u^a (boost)"] == pytest.approx(-1e3 * math.atan(1.5 * b.tilt / b.eF_tau), rel=1e-12)
    assert mrad["j^p (E^p = 0)"] == pytest.approx(-1e3 * math.atan(c["sxy_sxx"]), rel=1e-12)
    hj = h["reg"] + (h["anom"] if v["anomalous"] else 0.0)
    assert mrad["j^a"] == pytest.approx(-1e3 * math.atan(hj), rel=1e-12)
    # -E^p = rho^D j^a with rho^D = [[rxx, rxy], [-rxy, rxx]], j^a = (1, -hj)
    ex_, ey_ = c["rho_xx"] + c["rho_xy"] * (-hj), -c["rho_xy"] - c["rho_xx"] * hj
    assert mrad["−E^p (j^p = 0)"] == pytest.approx(1e3 * math.atan2(ey_, ex_), rel=1e-12)


# --- log axes never drop a point silently (issue 19) ---

def test_force_balance_marks_negative_drag_conductivity():
    """sigma^D_xx = (force balance) turns negative at strong B_p (about 0.75 T at the defaults): the log axis
    draws |sigma^D_xx| for every field and marks the negative ones (open circles) instead of dropping them."""
    ex = ForceBalanceExplorer()
    v = ex.values
    s = halldrag.normal_bilayer(v["n_a_1e11cm2"] * 1e15, v["n_p_1e11cm2"] * 1e15, v["tau_a_ps"] * 1e-12,
                                v["tau_p_ps"] * 1e-12, v["B_a_T"], ex.fields, v["eta_1e20"] * 1e-20, ex.d,
                                ex.m_eff, ex.m_eff)["sigma_D"][:, 0, 0] * 1e6
    d = ex.source.data
    negative = s < 0
    assert negative.any() and not negative.all()
    assert ex.fields[negative].min() == pytest.approx(0.75, abs=0.03)
    assert np.allclose(d["sigma_xx_uS"], np.abs(s), rtol=1e-12, atol=0)           # every field drawn
    assert np.allclose(np.asarray(d["sigma_xx_neg_uS"])[negative], -s[negative], rtol=1e-12, atol=0)
    assert np.all(np.isnan(np.asarray(d["sigma_xx_neg_uS"])[~negative]))


def test_temperature_explorer_marks_signs_and_says_zeros():
    ex = HallDragTemperatureExplorer()
    ex.controls["tilt"].value = 0.0
    c = halldrag.drag_components(make_bilayer(tilt=0.0), ex.temperatures)
    assert np.all(c["sigma_xy"] == 0) and np.all(c["rho_xy"] < 0)    # C = 0: only the anomalous (Delta_k) part
    d = ex.source.data
    assert np.allclose(d["rxy_neg"], -c["rho_xy"], rtol=1e-12, atol=0)    # negative rho_xy marked, not dropped
    assert "σ_xy = 0" in ex.info.text and "ρ_xy" not in ex.info.text.split("= 0")[0]
    ex.controls["anomalous"].value = False                             # now rho_xy = 0 too
    assert "σ_xy and ρ_xy = 0" in ex.info.text
    ex.controls["tilt"].value = 0.3
    ex.controls["anomalous"].value = True
    assert "= 0</b>" not in ex.info.text
    assert np.all(np.isnan(np.asarray(ex.source.data["sxy_neg"])))    # sigma_xy > 0 at C > 0: nothing marked


def test_temperature_explorer_shows_validity_warnings():
    """The grid reaches 300 K, above eF^p = 41 K of the paper's passive layer: said in the status line."""
    ex = HallDragTemperatureExplorer()
    assert "Warning:" in ex.info.text and "exceeds eF_p" in ex.info.text
