"""Explorers of notebook 02 (Hall drag, WSM / normal metal): the force-balance toy, the drag tensors versus T,
the paper's Fig. 2 and the phase-space functions Q_i(z) (Fig. 5).

Controls carry teaching units in their names (``d_nm``, ``n_p_1e11cm2``, ``dk_nm``, ``B_a_T``); conversion to
SI happens here and all physics is :mod:`dragbook.halldrag`. Defaults are the parameters of Fig. 2 of
Messica and Gutman, arXiv:2407.03023 (2024) (docs/theory/hall-drag.md §1): eF = 60 meV, v = 1.9e5 m/s,
tau = 2 ps, dk = 4.7 nm^-1, C = 0.3, W = 15 nm, m = 0.067 m_e, tau_p = 20 ps, eps_r = 12, d = 40 nm, n_p = 1e11 cm^-2.
"""

import math
import warnings

import numpy as np
import ipywidgets as widgets
from bokeh.models import ColumnDataSource, Div, Span
from bokeh.plotting import figure

from .. import ValidityWarning, halldrag, units
from .controls import (BLACK, BLUE, DASHES, GREEN, GREY, ORANGE, PURPLE, SKY, VERMILLION, local_exponent,
                       log_slider, slider)
from .explorer import Explorer

__all__ = ["ForceBalanceExplorer", "WeylForceDiagramExplorer", "HallDragTemperatureExplorer", "PaperFigure2Explorer", "QFunctionExplorer",
           "make_bilayer", "PAPER", "MODELS"]

#: The paper's Fig. 2 parameters (docs/theory/hall-drag.md §1), in the controls' teaching units.
PAPER = {"eF_meV": 60.0, "v_a": 1.9e5, "tau_ps": 2.0, "dk_nm": 4.7, "tilt": 0.3, "W_nm": 15.0, "m_eff_p": 0.067,
         "tau_p_ps": 20.0, "eps_r": 12.0, "d_nm": 40.0, "n_p_1e11cm2": 1.0}

#: Model choice of the temperature explorer -> (regime, screening) of halldrag.drag_components.
MODELS = {"all-T, strong screening (Level B)": ("all", "strong"),
          "low-T analytic (Eqs. 31-37, 49-50)": ("low", "strong"),
          "high-T analytic (Eqs. 41-46, 51)": ("high", "strong"),
          "all-T, full RPA (Level C)": ("all", "rpa")}


def make_bilayer(d_nm=PAPER["d_nm"], n_p_1e11cm2=PAPER["n_p_1e11cm2"], dk_nm=PAPER["dk_nm"], tilt=PAPER["tilt"],
                 tau_ps=PAPER["tau_ps"], eF_meV=PAPER["eF_meV"]):
    """A :class:`dragbook.halldrag.WeylMetalBilayer` from teaching units, the rest at the paper's values."""
    return halldrag.WeylMetalBilayer(
        eF_a=eF_meV * units.meV, v_a=PAPER["v_a"], tau_a=tau_ps * units.ps, dk=dk_nm / units.nm, tilt=tilt,
        W=PAPER["W_nm"] * units.nm, n_p=n_p_1e11cm2 * 1e11 * units.per_cm2, m_eff_p=PAPER["m_eff_p"],
        tau_p=PAPER["tau_p_ps"] * units.ps, d=d_nm * units.nm, eps_r=PAPER["eps_r"])


def _signed_log(values):
    """(|v|, |v| where v < 0 and NaN elsewhere): a log axis draws |v| as a line and marks the negative points
    with open circles, so a negative value is shown with its sign instead of being dropped; zeros (no point on
    a log axis) are found by the caller and said in words."""
    v = np.asarray(values, dtype=float)
    return np.abs(v), np.where(v < 0, -v, np.nan)


def _arrow_columns(vectors):
    """Segments from the origin, with a short head, for a vector diagram: dict of xs, ys (lists)."""
    xs, ys = [], []
    for x, y in vectors:
        r = math.hypot(x, y) or 1.0
        ux, uy = x / r, y / r
        hx, hy = 0.12 * r, 0.06 * r
        xs.append([0.0, x, x - hx * ux + hy * uy, x, x - hx * ux - hy * uy])
        ys.append([0.0, y, y - hx * uy - hy * ux, y, y - hx * uy + hy * ux])
    return xs, ys


class ForceBalanceExplorer(Explorer):
    """Two normal metals in fields B_a, B_p (paper Sec. II.1, docs/theory/hall-drag.md §2): rho^D_xy = 0 while
    sigma^D_xy != 0.

    Left: the Hall ratios versus B_p at the chosen B_a: the drag conductivity's Hall angle is the sum of the
    layers' (the Drude model gives tan(theta_a + theta_p) exactly; paper Eq. 9 is its small-angle form), the
    drag resistivity's is exactly zero (force balance). Right: the vector diagram for a
    current j^a along x with the passive layer open (j^p = 0): E^p is antiparallel to j^a (the diagram draws
    -E^p, along j^a); and shorted (E^p = 0): j^p is rotated by theta_a + theta_p. Angles multiplied by the
    exaggeration factor.
    """

    story = "B_p_T"   # precomputed for the static edition (dragbook.ui.family)

    fields = np.linspace(-1.0, 1.0, 81)     # B_p grid, T
    figures_per_row = 3
    m_eff = 0.067                           # both layers, GaAs
    d = 40 * units.nm

    def _make_controls(self):
        return {
            "B_a_T": slider("B_a (T)", 0.2, -1.0, 1.0, 0.01),
            "B_p_T": slider("B_p (T)", 0.1, -1.0, 1.0, 0.01),
            "n_a_1e11cm2": log_slider("n_a (1e11/cm²)", 3.0, 0.3, 30.0),
            "n_p_1e11cm2": log_slider("n_p (1e11/cm²)", 1.0, 0.3, 30.0),
            "tau_a_ps": log_slider("τ_a (ps)", 1.0, 0.05, 20.0),
            "tau_p_ps": log_slider("τ_p (ps)", 1.0, 0.05, 20.0),
            "eta_1e20": log_slider("η (1e-20 Pa s)", 1.0, 0.01, 100.0),
            "exaggerate": log_slider("angle ×", 1.0, 1.0, 1000.0, step=0.05),
        }

    def _make_figures(self):
        B = self.fields
        zeros = np.zeros_like(B)
        self.source = ColumnDataSource({"B_p": B, "sigma_ratio": zeros, "sum_angles": zeros, "rho_ratio": zeros,
                                        "rho_xx": zeros + 1, "sigma_xx_uS": zeros + 1, "sigma_xx_neg_uS": zeros + 1,
                                        "formula": zeros + 1})
        self.marker = ColumnDataSource({"B_p": [0.0, 0.0], "y": [0.0, 0.0]})
        ratios = figure(height=320, width=440, x_axis_label="B_p (T)", y_axis_label="Hall ratio",
                        title="drag Hall ratios vs B_p (at the chosen B_a)")
        ratios.line("B_p", "sigma_ratio", source=self.source, line_width=3, legend_label="σ^D_xy/σ^D_xx")
        ratios.scatter("B_p", "sum_angles", source=self.source, size=4, color=BLACK,
                       legend_label="tan(θ_a + θ_p), Eq. 9")
        ratios.line("B_p", "rho_ratio", source=self.source, line_width=3, color=VERMILLION,
                    legend_label="ρ^D_xy/ρ^D_xx (≡ 0)")
        ratios.scatter("B_p", "y", source=self.marker, size=10, color=ORANGE)
        ratios.legend.location, ratios.legend.label_text_font_size = "top_left", "9pt"
        self.arrows = ColumnDataSource({"xs": [[0, 1]] * 4, "ys": [[0, 0]] * 4,
                                        "color": [BLACK, BLUE, VERMILLION, GREEN],
                                        "dash": ["solid", "solid", "dashed", "dotted"],
                                        "label": ["j^a", "E^a", "−E^p (j^p = 0)", "j^p (E^p = 0)"]})
        diagram = figure(height=320, width=380, x_range=(-1.3, 1.3), y_range=(-1.3, 1.3), match_aspect=True,
                         title="vectors (unit length), angles × exaggeration")
        diagram.multi_line("xs", "ys", source=self.arrows, color="color", line_dash="dash", line_width=3,
                           legend_field="label")
        diagram.legend.location, diagram.legend.label_text_font_size = "bottom_left", "9pt"
        mags = figure(height=320, width=440, x_axis_label="B_p (T)", y_axis_type="log",
                      title="ρ^D_xx (Ω, flat: no magnetodrag) and |σ^D_xx| (μS)")
        mags.line("B_p", "rho_xx", source=self.source, line_width=3, color=VERMILLION, legend_label="ρ^D_xx")
        mags.scatter("B_p", "formula", source=self.source, size=4, color=BLACK, legend_label="η/(e²n_a n_p d)")
        mags.line("B_p", "sigma_xx_uS", source=self.source, line_width=3, legend_label="|σ^D_xx| (μS)")
        mags.scatter("B_p", "sigma_xx_neg_uS", source=self.source, size=7, fill_color="white",
                     legend_label="○: σ^D_xx < 0")
        mags.legend.location, mags.legend.label_text_font_size = "bottom_left", "9pt"
        return [ratios, diagram, mags]

    def _solve(self, B_p):
        v = self.values
        return halldrag.normal_bilayer(
            n_a=v["n_a_1e11cm2"] * 1e11 * units.per_cm2, n_p=v["n_p_1e11cm2"] * 1e11 * units.per_cm2,
            tau_a=v["tau_a_ps"] * units.ps, tau_p=v["tau_p_ps"] * units.ps, B_a=v["B_a_T"], B_p=B_p,
            eta=v["eta_1e20"] * 1e-20, d=self.d, m_a=self.m_eff, m_p=self.m_eff)

    def update(self):
        v = self.values
        out = self._solve(self.fields)
        s, r = out["sigma_D"], out["rho_D"]
        theta = sum(np.arctan2(out[k][:, 0, 1], out[k][:, 0, 0]) for k in ("sigma_a", "sigma_p"))
        n_a, n_p = v["n_a_1e11cm2"] * 1e11 * units.per_cm2, v["n_p_1e11cm2"] * 1e11 * units.per_cm2
        formula = v["eta_1e20"] * 1e-20 / (units.e**2 * n_a * n_p * self.d) * np.ones_like(self.fields)
        pos, neg = _signed_log(s[:, 0, 0] * 1e6)    # sigma^D_xx changes sign at strong fields: marked
        self.source.data.update(sigma_ratio=s[:, 0, 1] / s[:, 0, 0], sum_angles=np.tan(theta),
                                rho_ratio=r[:, 0, 1] / r[:, 0, 0], rho_xx=r[:, 0, 0], sigma_xx_uS=pos,
                                sigma_xx_neg_uS=neg, formula=formula)
        now = self._solve(v["B_p_T"])
        s, r = now["sigma_D"], now["rho_D"]
        self.marker.data.update(B_p=[v["B_p_T"]] * 2, y=[s[0, 1] / s[0, 0], r[0, 1] / r[0, 0]])
        # j^a along x: E^a = rho_a j^a (isolated layer, O(eta^0)); -E^p = rho^D j^a; j^p(E^p = 0) = sigma^D E^a
        ja = np.array([1.0, 0.0])
        ea = np.linalg.solve(now["sigma_a"], ja)
        minus_ep = r @ ja
        jp = s @ ea
        k = v["exaggerate"]
        vecs = []
        for vec in (ja, ea, minus_ep, jp):
            angle = k * math.atan2(vec[1], vec[0])
            vecs.append((math.cos(angle), math.sin(angle)))
        xs, ys = _arrow_columns(vecs)
        self.arrows.data.update(xs=xs, ys=ys)


class WeylForceDiagramExplorer(Explorer):
    """Paper Fig. 1 made computable: the directions of E^a, the boost u^a, the WSM current j^a, the
    drag force F^{p,a} = (eta_par + eta_H eps) u^a/d, the shorted passive current j^p and the open-circuit field
    -E^p, for E^a along x. The angles are ~1e-3 rad: the exaggeration factor multiplies them."""

    story = "T_K"   # precomputed for the static edition (dragbook.ui.family)

    def _make_controls(self):
        return {
            "T_K": log_slider("T (K)", 5.0, 0.3, 300.0),
            "tilt": slider("tilt C", PAPER["tilt"], 0.0, 0.6, 0.01),
            "dk_nm": slider("Δk (1/nm)", PAPER["dk_nm"], 0.0, 6.0, 0.1),
            "tau_ps": log_slider("τ_a (ps)", PAPER["tau_ps"], 0.5, 10.0),
            "exaggerate": log_slider("angle ×", 20.0, 1.0, 1000.0, step=0.05),
            "hall_friction": widgets.Checkbox(value=True, description="Hall friction η_H"),
            "anomalous": widgets.Checkbox(value=True, description="anomalous WSM current"),
        }

    labels = ("E^a", "u^a (boost)", "j^a", "F^{p,a}", "j^p (E^p = 0)", "−E^p (j^p = 0)")
    colors = (BLACK, BLUE, SKY, GREEN, ORANGE, VERMILLION)
    dashes = ("solid", "dashed", "solid", "dotted", "dashed", "dotdash")

    def _make_figures(self):
        n = len(self.labels)
        self.arrows = ColumnDataSource({"xs": [[0, 1]] * n, "ys": [[0, 0]] * n, "color": list(self.colors),
                                        "dash": list(self.dashes), "label": list(self.labels)})
        self.angles = ColumnDataSource({"label": list(self.labels), "mrad": [0.0] * n, "color": list(self.colors)})
        diagram = figure(height=340, width=420, x_range=(-0.2, 1.3), y_range=(-1.0, 0.5), match_aspect=True,
                         title="directions (unit length), angles × exaggeration")
        diagram.multi_line("xs", "ys", source=self.arrows, color="color", line_dash="dash", line_width=3,
                           legend_field="label")
        diagram.legend.location, diagram.legend.label_text_font_size = "bottom_left", "9pt"
        bars = figure(height=340, width=420, y_range=list(self.labels), x_axis_label="angle from E^a (mrad)",
                      title="true angles (mrad, counter-clockwise > 0)")
        bars.hbar(y="label", right="mrad", height=0.6, color="color", source=self.angles)
        return [diagram, bars]

    def update(self):
        v = self.values
        b = make_bilayer(dk_nm=v["dk_nm"], tilt=v["tilt"], tau_ps=v["tau_ps"])
        opts = dict(hall_friction=v["hall_friction"], anomalous=v["anomalous"])
        f = halldrag.drag_frictions(b, v["T_K"])
        h = b.hall_ratios()
        eta_h = f["eta_H"] if v["hall_friction"] else 0.0
        h_j = h["reg"] + (h["anom"] if v["anomalous"] else 0.0)
        # E^a = x: u = (1, -h_reg) (Eq. 28), j^a = (1, -h) (sigma_yx = -sigma_xy), F = (eta I + eta_H eps) u
        u = np.array([1.0, -h["reg"]])
        ja = np.array([1.0, -h_j])
        F = np.array([f["eta_par"] * u[0] + eta_h * u[1], f["eta_par"] * u[1] - eta_h * u[0]])
        sig = halldrag.drag_conductivity(b, v["T_K"], **opts)
        rho = halldrag.drag_resistivity(b, v["T_K"], **opts)
        vecs = [np.array([1.0, 0.0]), u, ja, F, sig @ np.array([1.0, 0.0]), rho @ ja]
        angles = [math.atan2(w[1], w[0]) for w in vecs]
        k = v["exaggerate"]
        xs, ys = _arrow_columns([(math.cos(k * t), math.sin(k * t)) for t in angles])
        self.arrows.data.update(xs=xs, ys=ys)
        self.angles.data["mrad"] = [1e3 * t for t in angles]


class HallDragTemperatureExplorer(Explorer):
    """sigma^D and rho^D (xx and xy) versus T from the T^2 to the linear regime, each mechanism switchable.

    Log-log curves with the dashed low- and high-T asymptotes, T_d and eF^p markers, the local
    exponent (2 -> 1), and the Hall ratios sigma_xy/sigma_xx and rho_xy/rho_xx with their parts.
    """

    temperatures = np.geomspace(0.3, 300.0, 40)   # K
    figures_per_row = 2

    def _make_controls(self):
        return {
            "model": widgets.Dropdown(options=list(MODELS), value=list(MODELS)[0], description="model"),
            "d_nm": log_slider("d (nm)", PAPER["d_nm"], 20.0, 200.0),
            "n_p_1e11cm2": log_slider("n_p (1e11/cm²)", PAPER["n_p_1e11cm2"], 0.5, 20.0),
            "dk_nm": slider("Δk (1/nm)", PAPER["dk_nm"], 0.0, 6.0, 0.1),
            "tilt": slider("tilt C", PAPER["tilt"], 0.0, 0.6, 0.01),
            "tau_ps": log_slider("τ_a (ps)", PAPER["tau_ps"], 0.5, 10.0),
            "eF_meV": slider("ε_F^a (meV)", PAPER["eF_meV"], 20.0, 150.0, 1.0),
            "b_par": slider("b_∥", -3.0, -8.0, 2.0, 0.1),
            "b_perp": slider("b_⊥", -2.0, -8.0, 2.0, 0.1),
            "hall_friction": widgets.Checkbox(value=True, description="Hall friction η_H"),
            "anomalous": widgets.Checkbox(value=True, description="anomalous WSM current"),
            "swap": widgets.Checkbox(value=False, description="swap active/passive, reverse M (Onsager)"),
        }

    def _make_figures(self):
        T = self.temperatures
        ones = np.ones_like(T)
        self.source = ColumnDataSource({k: ones for k in (
            "T", "sxx", "sxy", "sxy_neg", "rxx", "rxy", "rxy_neg", "sxx_low", "sxx_high", "rxx_low", "rxx_high",
            "exponent", "sxy_sxx", "rxy_rxx", "rxy_H", "rxy_reg", "rxy_anom", "sxy_par", "sxy_H")})
        self.source.data["T"] = T
        self.markers = {}
        sig = figure(height=300, width=440, x_axis_type="log", y_axis_type="log", x_axis_label="T (K)",
                     y_axis_label="σ^D (S)", title="drag conductivity: |σ_xx|, |σ_xy| (dashed: asymptotes)")
        sig.line("T", "sxx", source=self.source, line_width=3, legend_label="σ_xx")
        sig.line("T", "sxy", source=self.source, line_width=3, color=VERMILLION, legend_label="|σ_xy|")
        sig.scatter("T", "sxy_neg", source=self.source, size=7, color=VERMILLION, fill_color="white",
                    legend_label="○: σ_xy < 0")
        sig.line("T", "sxx_low", source=self.source, line_dash="dashed", color=GREY, legend_label="T² / linear")
        sig.line("T", "sxx_high", source=self.source, line_dash="dashed", color=GREY)
        rho = figure(height=300, width=440, x_axis_type="log", y_axis_type="log", x_axis_label="T (K)",
                     y_axis_label="ρ^D (Ω)", title="drag resistivity: ρ_xx, |ρ_xy|")
        rho.line("T", "rxx", source=self.source, line_width=3, legend_label="ρ_xx")
        rho.line("T", "rxy", source=self.source, line_width=3, color=VERMILLION, legend_label="|ρ_xy|")
        rho.scatter("T", "rxy_neg", source=self.source, size=7, color=VERMILLION, fill_color="white",
                    legend_label="○: ρ_xy < 0")
        rho.line("T", "rxx_low", source=self.source, line_dash="dashed", color=GREY)
        rho.line("T", "rxx_high", source=self.source, line_dash="dashed", color=GREY)
        expo = figure(height=260, width=440, x_axis_type="log", x_axis_label="T (K)", y_range=(-0.5, 2.5),
                      title="local exponent d ln σ_xx / d ln T")
        expo.line("T", "exponent", source=self.source, line_width=2)
        for y in (1, 2):
            expo.add_layout(Span(location=y, dimension="width", line_dash="dashed", line_color=GREY))
        ratio = figure(height=260, width=440, x_axis_type="log", x_axis_label="T (K)", y_axis_label="ratio",
                       title="Hall ratios and the parts of ρ_xy/ρ_xx")
        ratio.line("T", "sxy_sxx", source=self.source, line_width=3, legend_label="σ_xy/σ_xx")
        ratio.line("T", "rxy_rxx", source=self.source, line_width=3, color=VERMILLION, legend_label="ρ_xy/ρ_xx")
        ratio.line("T", "rxy_H", source=self.source, line_dash="dotted", color=GREEN, legend_label="η_H part")
        ratio.line("T", "rxy_anom", source=self.source, line_dash="dashed", color=PURPLE,
                   legend_label="anomalous part")
        ratio.line("T", "rxy_reg", source=self.source, line_dash="dotdash", color=BLACK,
                   legend_label="regular − parallel")
        for fig in (sig, rho, ratio):
            fig.legend.location, fig.legend.label_text_font_size = "top_left", "8pt"
        for fig in (sig, rho, expo, ratio):
            t_d = Span(location=10.0, dimension="height", line_color=ORANGE, line_dash="dashed")
            e_f = Span(location=40.0, dimension="height", line_color=GREY, line_dash="dotted")
            fig.add_layout(t_d)
            fig.add_layout(e_f)
            self.markers[fig] = (t_d, e_f)
        self.info = Div(text="", width=880)
        return [sig, rho, expo, ratio, self.info]

    def bilayer(self):
        v = self.values
        return make_bilayer(v["d_nm"], v["n_p_1e11cm2"], v["dk_nm"], v["tilt"], v["tau_ps"], v["eF_meV"])

    def options(self):
        """Keyword options of halldrag.drag_components at the control values."""
        v = self.values
        regime, screening = MODELS[v["model"]]
        return dict(regime=regime, screening=screening, hall_friction=v["hall_friction"],
                    anomalous=v["anomalous"], b_par=v["b_par"], b_perp=v["b_perp"], swap=v["swap"])

    def update(self):
        b = self.bilayer()
        opts = self.options()
        # the full-RPA model takes ~2-3x the 50 ms budget (benchmarks/bench_02_halldrag.py): act on release then
        for control in self.controls.values():
            if isinstance(control, (widgets.FloatSlider, widgets.FloatLogSlider)):
                control.continuous_update = opts["screening"] != "rpa"
        T = self.temperatures
        with warnings.catch_warnings(record=True) as caught:     # shown in the status line below
            warnings.simplefilter("always", ValidityWarning)
            c = halldrag.drag_components(b, T, **opts)
        with warnings.catch_warnings():     # the asymptotes are drawn outside their regimes on purpose
            warnings.simplefilter("ignore", ValidityWarning)
            lim = {r: halldrag.drag_components(b, T, **{**opts, "regime": r, "screening": "strong"})
                   for r in ("low", "high")}
        sxy, sxy_neg = _signed_log(c["sigma_xy"])
        rxy, rxy_neg = _signed_log(c["rho_xy"])
        zero = [name for name, col in (("σ_xy", c["sigma_xy"]), ("ρ_xy", c["rho_xy"])) if np.any(col == 0)]
        self.source.data.update(
            sxx=np.abs(c["sigma_xx"]), sxy=sxy, sxy_neg=sxy_neg, rxx=np.abs(c["rho_xx"]), rxy=rxy, rxy_neg=rxy_neg,
            sxx_low=lim["low"]["sigma_xx"], sxx_high=np.abs(lim["high"]["sigma_xx"]),
            rxx_low=lim["low"]["rho_xx"], rxx_high=np.abs(lim["high"]["rho_xx"]),
            exponent=local_exponent(T, np.abs(c["sigma_xx"])), sxy_sxx=c["sxy_sxx"], rxy_rxx=c["rxy_rxx"],
            rxy_H=c["rho_xy_H"] / c["rho_xx"], rxy_reg=c["rho_xy_reg"] / c["rho_xx"],
            rxy_anom=c["rho_xy_anom"] / c["rho_xx"], sxy_par=c["sigma_xy_par"], sxy_H=c["sigma_xy_H"])
        for t_d, e_f in self.markers.values():
            t_d.location, e_f.location = b.T_d, b.eF_p / units.k_B
        val = b.validity()
        flags = [f"{name} = {val[key]:.3g} (should be ≫ 1)" for key, name in
                 (("eF_tau", "ε_Fτ/ħ"), ("kappa_p_d", "κ_p d"), ("kF_p_d", "k_F^p d")) if val[key] < 3]
        self.info.text = (f"z = v_p/v_a = {b.z:.3f}; T_d = {b.T_d:.1f} K (orange), ε_F^p = "
                          f"{b.eF_p / units.k_B:.0f} K (gray, T ≪ ε_F^p assumed); "
                          f"low-T σ_xy/σ_xx = Cħ/(ε_Fτ) = {b.tilt / b.eF_tau:.4g}. "
                          + (f"<b>{' and '.join(zero)} = 0</b> (at C = 0 the Hall friction and the regular Hall "
                             "current vanish): no point on the log axis. " if zero else "")
                          + ("<b>Validity:</b> " + "; ".join(flags) if flags else "")
                          + "".join(f"<br><b>Warning:</b> {w.message}" for w in caught
                                    if issubclass(w.category, ValidityWarning)))


class PaperFigure2Explorer(Explorer):
    """Paper Fig. 2: sigma^D_xx, sigma^D_xy and rho^D_xy versus T at d = 40 nm (a-c) and 120 nm (d-f) for three
    densities (1, 3, 10 x 1e11 cm^-2: the paper's legend is not in its text). Unified model; b_par shows the
    forward-scattering mechanism the paper invokes for the maximum of sigma_xx (docs/theory/hall-drag.md §7)."""

    temperatures = np.geomspace(0.5, 100.0, 36)
    densities = (1.0, 3.0, 10.0)            # 1e11 cm^-2
    distances = (40.0, 120.0)
    colors = (BLUE, VERMILLION, GREEN)
    figures_per_row = 3

    def _make_controls(self):
        slow = {"continuous_update": False}     # 6 curves of the unified model: ~100 ms (benchmark)
        return {
            "b_par": slider("b_∥", -3.0, -8.0, 2.0, 0.1, **slow),
            "loglog": widgets.Checkbox(value=False, description="log-log axes"),
        }

    def _make_figures(self):
        T = self.temperatures
        self.sources = {}
        self.figs = {}
        figs = []
        for d, letters in zip(self.distances, ("abc", "def")):
            for key, letter, label in (("sxx", letters[0], "σ^D_xx (S)"), ("sxy", letters[1], "σ^D_xy (S)"),
                                       ("rxy", letters[2], "ρ^D_xy (Ω)")):
                for axis in ("linear", "log"):
                    fig = figure(height=250, width=300, x_axis_type=axis, y_axis_type=axis, x_axis_label="T (K)",
                                 y_axis_label=label if axis == "linear" else "|" + label.split(" ")[0] + "|",
                                 title=f"({letter}) d = {d:g} nm")
                    self.figs[d, key, axis] = fig
                    if axis == "log":
                        fig.visible = False
                for n, color, dash in zip(self.densities, self.colors, DASHES):
                    if (d, n) not in self.sources:
                        self.sources[d, n] = ColumnDataSource({"T": T, "sxx": T * 0, "sxy": T * 0, "rxy": T * 0,
                                                               "abs_sxx": T, "abs_sxy": T, "abs_rxy": T})
                    src = self.sources[d, n]
                    self.figs[d, key, "linear"].line("T", key, source=src, color=color, line_width=2, line_dash=dash,
                                                     legend_label=f"{n:g}e11 cm⁻²")
                    self.figs[d, key, "log"].line("T", "abs_" + key, source=src, color=color, line_width=2,
                                                  line_dash=dash)
                self.figs[d, key, "linear"].legend.label_text_font_size = "8pt"
                self.figs[d, key, "linear"].legend.location = "top_left"
                figs += [self.figs[d, key, "linear"], self.figs[d, key, "log"]]
        # lay out: row 1 linear a-c (log twins hidden), row 2 d-f
        order = [self.figs[d, k, a] for d in self.distances for a in ("linear", "log") for k in ("sxx", "sxy", "rxy")]
        return order

    def update(self):
        v = self.values
        for fig_key, fig in self.figs.items():
            fig.visible = (fig_key[2] == "log") == v["loglog"]
        for (d, n), src in self.sources.items():
            b = make_bilayer(d_nm=d, n_p_1e11cm2=n)
            c = halldrag.drag_components(b, self.temperatures, b_par=v["b_par"])
            src.data.update(sxx=c["sigma_xx"], sxy=c["sigma_xy"], rxy=c["rho_xy"], abs_sxx=np.abs(c["sigma_xx"]),
                            abs_sxy=np.abs(c["sigma_xy"]), abs_rxy=np.abs(c["rho_xy"]))


class QFunctionExplorer(Explorer):
    """Paper Fig. 5: Q1, Q2, Q3 versus z = v_p/v_a (Eqs. 130-132) with the cusp at z = 1, and the integrand
    G(w, z) at the chosen z: the phase space w = omega/(v_a q) < min(1, z) where both layers absorb."""

    grid = np.geomspace(1e-2, 1e2, 161)
    w_grid = np.linspace(0.0, 0.999, 200)

    def _make_controls(self):
        return {
            "z": log_slider("z = v_p/v_a", 0.72, 0.01, 100.0),
            "paper_text": widgets.Checkbox(value=False, description="paper-text integrand (3π/16, π/32 at z→0)"),
        }

    def _make_figures(self):
        zeros = np.zeros_like(self.grid)
        self.source = ColumnDataSource({"z": self.grid, "Q1": zeros, "Q2": zeros, "Q3": zeros})
        self.point = ColumnDataSource({"z": [1.0] * 3, "Q": [0.0] * 3, "color": [BLUE, VERMILLION, GREEN]})
        qfig = figure(height=320, width=440, x_axis_type="log", x_axis_label="z = v_p / v_a", y_range=(0, 0.9),
                      title="Q-functions (Fig. 5); dotted: z → ∞ limits 4/5, 36/175, 104/175")
        for key, color, dash in (("Q1", BLUE, "solid"), ("Q2", VERMILLION, "dashed"), ("Q3", GREEN, "dotdash")):
            qfig.line("z", key, source=self.source, color=color, line_width=3, line_dash=dash, legend_label=key)
        for y, color in ((0.8, BLUE), (36 / 175, VERMILLION), (104 / 175, GREEN)):
            qfig.add_layout(Span(location=y, dimension="width", line_dash="dotted", line_color=color))
        qfig.scatter("z", "Q", source=self.point, color="color", size=10)
        qfig.legend.location, qfig.legend.label_text_font_size = "bottom_left", "9pt"
        self.weight = ColumnDataSource({"w": self.w_grid, "G": self.w_grid * 0, "w2G": self.w_grid * 0})
        gfig = figure(height=320, width=440, x_axis_label="ω / (v_a q)", y_range=(0, 1.05),
                      title="integrand G (solid) and ω̃²G (dashed) at the chosen z")
        gfig.line("w", "G", source=self.weight, line_width=3)
        gfig.line("w", "w2G", source=self.weight, line_width=2, line_dash="dashed")
        self.edge = Span(location=1.0, dimension="height", line_color=ORANGE, line_dash="dashed")
        gfig.add_layout(self.edge)
        return [qfig, gfig]

    def update(self):
        v = self.values
        q1, q2, q3 = halldrag.q_functions(self.grid, paper_text=v["paper_text"])
        self.source.data.update(Q1=q1, Q2=q2, Q3=q3)
        self.point.data.update(z=[v["z"]] * 3, Q=list(halldrag.q_functions(v["z"], paper_text=v["paper_text"])))
        g = halldrag.phase_space_weight(self.w_grid, v["z"], paper_text=v["paper_text"])
        self.weight.data.update(G=g, w2G=self.w_grid**2 * g)
        self.edge.location = min(1.0, v["z"])
