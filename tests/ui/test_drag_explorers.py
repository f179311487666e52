"""Explorers of notebook 01: every control changes what is plotted, and as the physics says.

Explorers are driven by setting control values (observers run synchronously, no browser); the plotted
columns are compared with :mod:`dragbook.drag` called directly, and with the physics' trends.
"""

import numpy as np
import pytest

from dragbook import drag, units
from dragbook.ui.drag import (PAPER, DragIntegrandExplorer, DragTemperatureExplorer, HallDragMassExplorer,
                              HallDragScalingExplorer, make_bilayer)
from plotted import assert_control_changes_plot

# A value to move each control to, per explorer (within the control's range).
MOVES = {
    DragTemperatureExplorer: {"n_a_cm2": 2.0, "n_p_cm2": 0.5, "d_nm": 20.0, "eps_r": 5.0, "M_meV": 100.0,
                              "A_eVA": 3.0},
    DragIntegrandExplorer: {"T_K": 20.0, "d_nm": 40.0, "n_cm2": 2.0, "eps_r": 5.0},
    HallDragMassExplorer: {"d_nm": 20.0, "T_K": 10.0, "eps_r": 5.0, "tau_ps": 1.0, "M_a_meV": 100.0},
    HallDragScalingExplorer: {"T_K": 10.0, "M_p_meV": 50.0, "tau_ps": 1.0, "M_a_meV": 100.0},
}


@pytest.fixture(scope="module")
def explorers():
    return {cls: cls() for cls in MOVES}


@pytest.mark.parametrize("cls,name", [(c, n) for c, moves in MOVES.items() for n in moves])
def test_every_control_changes_the_plot(explorers, cls, name):
    assert_control_changes_plot(explorers[cls], name, MOVES[cls][name])


def test_temperature_curve_is_the_physics_at_the_control_values():
    """After moving d and n, the plotted rho_D(T) is drag.rho_drag of the same bilayer (to 1e-4: the explorer's
    q grid serves the whole d and eps_r slider ranges, drag.DragProfile, both converged to 1e-4, docs/theory/coulomb-drag.md §8),
    once the idle work has computed the finite-T profile; until then, faint, the T = 0 kernels' preview."""
    ex = DragTemperatureExplorer()
    ex.controls["d_nm"].value = 25.0
    ex.controls["n_p_cm2"].value = 2.0
    T = np.array(ex.source.data["T"])
    bilayer = make_bilayer(d_nm=25.0, n_p_cm2=2.0)
    coarse = ex._preview
    preview = np.array(ex.source.data["rho"])[coarse]
    np.testing.assert_allclose(preview, drag.rho_drag(bilayer, T[coarse], kernel="fast"), rtol=1e-4)
    assert "T = 0 kernels" in ex.log_figure.title.text and ex.rho_lines[0].glyph.line_alpha < 1
    ex.idle.finish()
    np.testing.assert_allclose(ex.source.data["rho"], drag.rho_drag(bilayer, T), rtol=1e-4)
    assert ex.log_figure.title.text == "drag resistivity (log axes)" and ex.rho_lines[0].glyph.line_alpha == 1


def test_preview_is_the_finite_T_curve_where_the_layers_are_degenerate():
    """The T = 0 kernels are the k_BT -> 0 limit (docs/theory/coulomb-drag.md §8): the preview matches the finite-T curve to 1e-3
    below 0.01 T_F, and for the paper's layers to 3% at 100 K (T = 0.064 T_F)."""
    ex = DragTemperatureExplorer()
    ex.controls["n_p_cm2"].value = 2.0
    preview = np.array(ex.source.data["rho"])
    ex.idle.finish()
    exact, T = np.array(ex.source.data["rho"]), ex.temperatures
    coarse = ex._preview                          # the preview's own temperatures (between them: log-log lines)
    cold = coarse[T[coarse] < 0.01 * ex.fermi_markers[0].location]
    assert cold.size > 5
    np.testing.assert_allclose(preview[cold], exact[cold], rtol=1e-3)
    np.testing.assert_allclose(preview, exact, rtol=0.03)


def test_a_layer_slider_still_moving_postpones_the_finite_T_curve():
    """Each layer change replaces the pending finite-T work (a debounce); a d change keeps it."""
    ex = DragTemperatureExplorer()
    ex.controls["n_p_cm2"].value = 2.0
    first = ex._refining
    ex.controls["d_nm"].value = 30.0
    assert ex._refining is first and ex.idle.pending
    ex.controls["n_p_cm2"].value = 3.0
    assert ex._refining is not first and not first.computed
    ex.idle.finish()
    assert ex._refining.computed and "T = 0" not in ex.log_figure.title.text


def test_temperature_explorer_shows_t2_law_at_low_T_and_falls_with_distance():
    """Local exponent -> 2 at the lowest T (docs/theory/coulomb-drag.md §6); the curve drops when d grows."""
    ex = DragTemperatureExplorer()
    assert ex.source.data["exponent"][1] == pytest.approx(2.0, abs=0.02)
    rho_10 = np.array(ex.source.data["rho"])
    ex.controls["d_nm"].value = 40.0
    assert np.all(np.array(ex.source.data["rho"]) < rho_10)


def test_fermi_temperature_marker_follows_the_shallower_layer():
    """The dash-dotted line sits at min over layers of (mu - |M|)/k_B: lowering n_p (or raising M) moves it
    down, as E_F - M = sqrt(A^2 k_F^2 + M^2) - M falls."""
    ex = DragTemperatureExplorer()
    ex.controls["n_p_cm2"].value = 0.1
    layer = make_bilayer(n_p_cm2=0.1).passive
    expected = (layer.mu - layer.M) / units.k_B
    assert [m.location for m in ex.fermi_markers] == [pytest.approx(expected, rel=1e-12)] * 2
    ex.controls["M_meV"].value = 200.0
    assert ex.fermi_markers[0].location < expected


def test_model_switch_to_2deg_disables_dirac_controls_and_uses_parabolic_layers():
    ex = DragTemperatureExplorer()
    ex.controls["model"].value = "2DEG"
    assert ex.controls["M_meV"].disabled and ex.controls["A_eVA"].disabled and not ex.controls["m_eff"].disabled
    assert isinstance(ex.bilayer().passive, drag.ParabolicLayer)
    ex.controls["m_eff"].value = 0.2
    ex.idle.finish()
    np.testing.assert_allclose(ex.source.data["rho"], drag.rho_drag(ex.bilayer(), ex.source.data["T"]), rtol=1e-4)


def test_loglog_toggle_switches_the_visible_figure():
    ex = DragTemperatureExplorer()
    assert ex.log_figure.visible and not ex.linear_figure.visible
    ex.controls["loglog"].value = False
    assert ex.linear_figure.visible and not ex.log_figure.visible


def test_integrand_marker_sits_at_inverse_distance():
    """The q = 1/d marker is at 1/(k_F d) in units of k_F; the map is normalised to its maximum."""
    ex = DragIntegrandExplorer()
    ex.controls["d_nm"].value = 20.0
    k_F = make_bilayer().passive.k_F
    assert ex.markers.data["x"][0] == pytest.approx(1 / (k_F * 20 * units.nm))
    assert np.max(ex.image.data["image"][0]) == pytest.approx(1.0)


def test_hall_ratio_follows_closed_form_at_small_mass():
    """docs/theory/coulomb-drag.md Eq. (7.2): -rho_yx/rho_xx = hbar M_p/(2 tau mu_p^2) at small M_p, T = 5 K (within 2%)."""
    ex = HallDragMassExplorer()
    src = ex.sources[1.0]
    assert np.allclose(src.data["ratio"][:5], src.data["formula"][:5], rtol=0.02)


def test_hall_drag_scales_as_inverse_tau():
    """rho_yx is proportional to 1/tau_p (docs/theory/coulomb-drag.md §7): ten times tau, a tenth of the Hall drag."""
    ex = HallDragMassExplorer()
    before = np.array(ex.sources[1.0].data["rho_yx"])
    ex.controls["tau_ps"].value = 1.0
    assert np.allclose(np.array(ex.sources[1.0].data["rho_yx"]), before / 10, rtol=1e-9)


def test_hall_peak_lies_above_AkF_in_weak_screening():
    """docs/theory/coulomb-drag.md §9: at the paper's weak screening the M_p peak sits above A k_F, by more at lower density."""
    ex = HallDragMassExplorer()
    ratios = [ex.peaks[n].data["M"][0] / ex.peaks[n].data["M"][1] for n in ex.densities_cm2]
    assert all(r > 1.2 for r in ratios)
    assert ratios[0] > ratios[-1]


def test_scaling_panels_are_nearly_quadratic_in_T_and_fall_with_density():
    """Fig. 3(b): exponent ~2 at low T; Fig. 3(a): the Hall drag falls with density."""
    ex = HallDragScalingExplorer()
    T, y = ex.temperatures, np.array(ex.sources["T", 10.0].data["y"])
    assert np.log(y[1] / y[0]) / np.log(T[1] / T[0]) == pytest.approx(2.0, abs=0.03)
    assert np.all(np.diff(ex.sources["n", 10.0].data["y"]) < 0)


REWEIGHT = {DragTemperatureExplorer: ("d_nm", "eps_r"), HallDragMassExplorer: ("d_nm", "eps_r", "tau_ps"),
            HallDragScalingExplorer: ("tau_ps",)}
PREVIEWED = {DragTemperatureExplorer: ("n_a_cm2", "n_p_cm2", "M_meV", "A_eVA", "m_eff"), HallDragMassExplorer: (),
             HallDragScalingExplorer: ("M_p_meV", "M_a_meV")}


@pytest.mark.parametrize("cls", REWEIGHT)
def test_live_controls_reweight_stored_integrals_and_the_others_act_on_release(cls, monkeypatch):
    """d and eps_r enter only the Coulomb weight and rho_yx is ∝ 1/tau (docs/theory/coulomb-drag.md §8, §7): those sliders move
    live and call no drag kernel (drag.DragProfile keeps the frequency integrals). The layer sliders of the
    rho_D(T) explorer are live too, with the T = 0 kernels' preview; every other slider, which needs new
    finite-T integrals, acts on release (the T sliders until their idle work is done)."""
    ex = cls()
    calls = []
    kernel = drag._profile_kernel
    monkeypatch.setattr(drag, "_profile_kernel", lambda *args: calls.append(1) or kernel(*args))
    for name in REWEIGHT[cls]:
        assert_control_changes_plot(ex, name, MOVES[cls][name])
    assert not calls
    sliders = {name: c for name, c in ex.controls.items() if hasattr(c, "continuous_update")}
    assert {name for name, c in sliders.items() if c.continuous_update} == set(REWEIGHT[cls] + PREVIEWED[cls])


@pytest.mark.parametrize("cls", [HallDragMassExplorer, HallDragScalingExplorer])
def test_temperature_slider_goes_live_once_its_temperatures_are_precomputed(cls, monkeypatch):
    """The idle work (run by the kernel's event loop; here at once by finish) computes the profiles of every
    slider temperature: T_K then moves live and calls no drag kernel."""
    ex = cls()
    assert ex.idle.pending and not ex.controls["T_K"].continuous_update
    ex.idle.finish()
    assert ex.controls["T_K"].continuous_update
    calls = []
    kernel = drag._profile_kernel
    monkeypatch.setattr(drag, "_profile_kernel", lambda *args: calls.append(1) or kernel(*args))
    for T in (20.0, 2.0):
        assert_control_changes_plot(ex, "T_K", T)
    assert not calls


def test_precomputed_hall_curve_is_the_physics_at_that_temperature():
    """A temperature taken from the precomputed table plots drag.drag_resistivities of the same bilayer
    (to 1e-4, the agreement of drag.DragProfile's slider-range q grid with rho_drag's, docs/theory/coulomb-drag.md §8)."""
    ex = HallDragMassExplorer()
    ex.idle.finish()
    ex.controls["T_K"].value = 20.0
    masses = ex.masses_meV[[0, 12, 29]]
    expected = [-drag.drag_resistivities(make_bilayer(n_a_cm2=0.3, n_p_cm2=0.3, M_p_meV=M), 20.0, 0.1 * units.ps)[1]
                for M in masses]
    np.testing.assert_allclose(np.array(ex.sources[0.3].data["rho_yx"])[[0, 12, 29]], expected, rtol=1e-4)


def test_new_hall_mass_sends_the_temperature_slider_back_to_release_until_recomputed():
    """M_p changes every profile: T_K acts on release again while the new temperatures are computed."""
    ex = HallDragScalingExplorer()
    ex.idle.finish()
    ex.controls["M_p_meV"].value = 50.0
    assert ex.idle.pending and not ex.controls["T_K"].continuous_update
    ex.idle.finish()
    assert ex.controls["T_K"].continuous_update


def test_new_hall_mass_is_previewed_faint_then_drawn_with_the_finite_T_kernels():
    """Moving M_p draws at once, faint, the T = 0 kernels on every other density (docs/theory/coulomb-drag.md §8 fast path); after
    the idle work the Fig. 3(a) curve is drag.drag_resistivities of the same bilayers at T = 5 K."""
    ex = HallDragScalingExplorer()
    ex.controls["M_p_meV"].value = 50.0
    assert ex.lines[0].glyph.line_alpha < 1
    n = ex.densities_cm2
    tau = PAPER["tau_ps"] * units.ps
    bilayer = lambda n_cm2: make_bilayer(n_a_cm2=n_cm2, n_p_cm2=n_cm2, M_p_meV=50.0, d_nm=10.0)
    preview = np.array(ex.sources["n", 10.0].data["y"])
    fast = [-drag.drag_resistivities(bilayer(x), 5.0, tau, kernel="fast")[1] for x in n[::2]]
    np.testing.assert_allclose(preview[::2], fast, rtol=1e-4)
    ex.idle.finish()
    assert ex.lines[0].glyph.line_alpha == 1
    exact = [-drag.drag_resistivities(bilayer(x), 5.0, tau)[1] for x in n[[0, 7, 13]]]
    np.testing.assert_allclose(np.array(ex.sources["n", 10.0].data["y"])[[0, 7, 13]], exact, rtol=1e-4)


def test_active_mass_changes_the_hall_drag_but_not_its_ratio():
    """M_a enters rho_xx (the active layer's rectification and screening) and rho_yx = ratio x rho_xx, but not
    the ratio hbar M_p/(2 tau_p mu_p^2) (docs/theory/coulomb-drag.md Eq. (7.2)). After moving M_a and the idle
    work, the Fig. 2 curves are drag.drag_resistivities of the same bilayers (to 1e-4, the DragProfile grid);
    before it, faint, the T = 0 kernels' preview on every other M_p."""
    ex = HallDragMassExplorer()
    ex.idle.finish()
    before = np.array(ex.sources[1.0].data["rho_yx"]), np.array(ex.sources[1.0].data["ratio"])
    ex.controls["M_a_meV"].value = 100.0
    assert ex.lines[0].glyph.line_alpha < 1 and ex.idle.pending and not ex.controls["T_K"].continuous_update
    tau, masses = 0.1 * units.ps, ex.masses_meV[[0, 10, 20]]
    bilayer = lambda M_p: make_bilayer(n_a_cm2=1.0, n_p_cm2=1.0, M_a_meV=100.0, M_p_meV=M_p)
    fast = [-drag.drag_resistivities(bilayer(M), 5.0, tau, kernel="fast")[1] for M in masses]
    np.testing.assert_allclose(np.array(ex.sources[1.0].data["rho_yx"])[[0, 10, 20]], fast, rtol=1e-4)
    ex.idle.finish()
    assert ex.lines[0].glyph.line_alpha == 1 and ex.controls["T_K"].continuous_update
    rho_yx, ratio = np.array(ex.sources[1.0].data["rho_yx"]), np.array(ex.sources[1.0].data["ratio"])
    exact = [-drag.drag_resistivities(bilayer(M), 5.0, tau)[1] for M in masses]
    np.testing.assert_allclose(rho_yx[[0, 10, 20]], exact, rtol=1e-4)
    assert np.all(rho_yx[:10] > 1.15 * before[0][:10])              # x1.24 at M_p = 10 meV (d = 10 nm)
    np.testing.assert_allclose(ratio[:10], before[1][:10], rtol=2e-3)


def test_scaling_panels_follow_the_active_mass():
    """The Fig. 3 panels after an M_a change are drag.drag_resistivities of bilayers with that M_a."""
    ex = HallDragScalingExplorer()
    ex.controls["M_a_meV"].value = 300.0
    assert ex.lines[0].glyph.line_alpha < 1
    ex.idle.finish()
    n, tau = ex.densities_cm2[[0, 7, 13]], PAPER["tau_ps"] * units.ps
    exact = [-drag.drag_resistivities(make_bilayer(n_a_cm2=x, n_p_cm2=x, M_a_meV=300.0, d_nm=20.0), 5.0, tau)[1]
             for x in n]
    np.testing.assert_allclose(np.array(ex.sources["n", 20.0].data["y"])[[0, 7, 13]], exact, rtol=1e-4)
    default = -drag.drag_resistivities(make_bilayer(n_a_cm2=n[1], n_p_cm2=n[1], d_nm=20.0), 5.0, tau)[1]
    assert exact[1] > 1.5 * default                                 # x1.85 at n = 1e12 cm^-2, d = 20 nm
