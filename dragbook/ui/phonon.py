"""Explorers of notebook 05 (phonon side jump): the paper's Fig. 1, sigma_sj(T) with impurities, the angular
weight of phonon scattering, and the Bloch-Gruneisen resistivity with its local exponent.

Controls carry their units in their names (``T_BG_K``); ``a`` is Delta/eF, ``t`` is T/T_BG and ``eta`` is
the residual resistivity rho_0/rho_BG. All physics is :mod:`dragbook.phonon`. Defaults are the paper's
parameters: eF = 2 Delta (a = 0.5), Debye LA phonons, the thermally averaged kernel (B3); T_BG = 80 K is
the illustrative material of notebook 05, section 6 (the paper works in units of T_BG only). The paper is
C. Xiao et al., arXiv:1906.04977 (2019); "theory §n" is a section of docs/theory/phonon-side-jump.md.
"""

import numpy as np
import ipywidgets as widgets
from bokeh.models import ColumnDataSource, Range1d, Span
from bokeh.plotting import figure

from .. import phonon
from .controls import BLACK, GREEN, GREY, VERMILLION, local_exponent, log_slider, slider
from .explorer import Explorer

__all__ = ["PaperFigure1Explorer", "SideJumpTemperatureExplorer", "AngularWeightExplorer",
           "ResistivityExplorer", "PAPER", "KERNEL_LABELS", "IMPURITY_LABELS"]

#: The paper's parameters (Fig. 1) and notebook 05's illustrative T_BG, in the controls' units.
PAPER = {"a": 0.5, "T_BG_K": 80.0, "t": 0.2}

#: Dropdown label -> phonon kernel variant (theory §4).
KERNEL_LABELS = {"paper (B3, thermal average)": "thermal_average", "energy-resolved (B2)": "energy_resolved"}
#: Dropdown label -> impurity kind of phonon.impurity_ratio (theory §9); "none": phonons alone.
IMPURITY_LABELS = {"none": None, "δ-correlated (short range)": "delta", "smooth (long range)": "smooth",
                   "Gaussian, range ξ": "gaussian"}


def _a_slider(value=PAPER["a"]):
    return slider("a = Δ/ε_F", value, 0.01, 0.99, 0.01)


def _kernel_dropdown():
    return widgets.Dropdown(options=list(KERNEL_LABELS), value=list(KERNEL_LABELS)[0], description="kernel")


def _plateaus(a):
    """(low, high) plateaus of sigma_sj in e^2/h: T << T_BG and T >> T_BG (paper Eq. (21))."""
    low, high = phonon.side_jump_conductivity(np.array([0.0, 1e6]), a)
    return float(low), float(high)


class PaperFigure1Explorer(Explorer):
    """The paper's Fig. 1: sigma_sj versus T/T_BG (linear axis) with its plateaus, and the inset rho/rho_BG.

    Theory §6, §7: a = 0.5 gives 3/16 -> 3/7 e^2/h with midpoint 0.1485 T_BG.
    """

    story = "a"   # precomputed for the static edition (dragbook.ui.family)

    t_grid = np.linspace(0.0, 1.5, 151)
    t_log = np.geomspace(0.02, 3.0, 80)

    def _make_controls(self):
        return {"a": _a_slider(), "kernel": _kernel_dropdown()}

    def _make_figures(self):
        t, tl = self.t_grid, self.t_log
        self.source = ColumnDataSource({"t": t, "sigma": np.zeros_like(t), "low": np.zeros_like(t),
                                        "high": np.zeros_like(t)})
        self.inset = ColumnDataSource({"t": tl, "rho": np.ones_like(tl), "t4": np.ones_like(tl),
                                       "lin": np.ones_like(tl)})
        self.midpoint = ColumnDataSource({"t": [0.15], "sigma": [0.3]})
        main = figure(height=330, width=470, x_axis_label="T / T_BG", y_axis_label="σ_sj (e²/h)",
                      title="phonon side jump (paper Fig. 1)", x_range=(0, 1.5))
        main.line("t", "sigma", source=self.source, line_width=3, legend_label="σ_sj(T)")
        main.line("t", "low", source=self.source, line_dash="dashed", color=GREY, legend_label="T ≪ T_BG: smooth impurities")
        main.line("t", "high", source=self.source, line_dash="dotted", color=BLACK, line_width=2,
                  legend_label="T ≫ T_BG: δ impurities")
        main.scatter("t", "sigma", source=self.midpoint, size=9, color=VERMILLION, legend_label="midpoint")
        main.add_layout(Span(location=0.5, dimension="height", line_dash="dotdash", line_color=GREY))
        main.legend.location = "bottom_right"
        main.legend.label_text_font_size = "9pt"
        inset = figure(height=330, width=380, x_axis_type="log", y_axis_type="log", x_axis_label="T / T_BG",
                       y_axis_label="ρ / ρ_BG", title="inset: Bloch-Grüneisen resistivity")
        inset.line("t", "rho", source=self.inset, line_width=3, legend_label="ρ(T)")
        inset.line("t", "t4", source=self.inset, line_dash="dashed", color=GREY, legend_label="(4π⁴/15) t⁴")
        inset.line("t", "lin", source=self.inset, line_dash="dotted", color=BLACK, legend_label="(π/16)(1+3a²) t")
        inset.y_range = Range1d(1e-6, 10)
        inset.legend.location = "top_left"
        inset.legend.label_text_font_size = "9pt"
        return [main, inset]

    def update(self):
        v = self.values
        a, kernel = v["a"], KERNEL_LABELS[v["kernel"]]
        low, high = _plateaus(a)
        t = self.t_grid
        sigma = phonon.side_jump_conductivity(t, a, kernel=kernel)
        self.source.data.update(sigma=sigma, low=np.full_like(t, low), high=np.full_like(t, high))
        mid = 0.5 * (low + high)
        i = min(max(int(np.searchsorted(sigma, mid)), 1), t.size - 1)
        t_mid = np.interp(mid, sigma[i - 1:i + 1], t[i - 1:i + 1])
        self.midpoint.data.update(t=[t_mid], sigma=[mid])
        tl = self.t_log
        t4, lin = phonon.resistivity_bg_limits(tl, a)
        self.inset.data.update(rho=phonon.resistivity_bg(tl, a), t4=t4, lin=lin)


class SideJumpTemperatureExplorer(Explorer):
    """sigma_sj(T) in kelvin on a log axis, alone and mixed with impurities (Matthiessen), with sigma_in.

    Theory §9 for the mixing, §11 for the kelvin axis. Right: rho_0 + rho_ph(T).
    """

    t_grid = np.geomspace(1e-3, 10.0, 160)

    def _make_controls(self):
        return {
            "a": _a_slider(),
            "T_BG_K": log_slider("T_BG (K)", PAPER["T_BG_K"], 5.0, 500.0),
            "impurity": widgets.Dropdown(options=list(IMPURITY_LABELS), value="none", description="impurities"),
            "eta": log_slider("ρ₀/ρ_BG", 1e-3, 1e-5, 1.0, step=0.05),
            "kF_xi": slider("k_F ξ (Gaussian)", 1.0, 0.0, 10.0, 0.1),
            "kernel": _kernel_dropdown(),
            "show_intrinsic": widgets.Checkbox(value=True, description="show σ_in"),
        }

    def _make_figures(self):
        t = self.t_grid
        z = np.zeros_like(t)
        self.source = ColumnDataSource({"T": t * PAPER["T_BG_K"], "phonon": z, "mixed": z, "low": z, "high": z,
                                        "imp": z, "intrinsic": z, "rho_total": z + 1, "rho_ph": z + 1,
                                        "rho_0": z + 1})
        sigma = figure(height=340, width=500, x_axis_type="log", x_axis_label="T (K)", y_axis_label="σ (e²/h)",
                       title="side-jump Hall conductivity", y_range=(0, 0.55))
        sigma.line("T", "phonon", source=self.source, line_width=3, legend_label="σ_sj, phonons alone")
        self.mixed_line = sigma.line("T", "mixed", source=self.source, line_width=3, color=VERMILLION,
                                     legend_label="σ_sj, phonons + impurities")
        sigma.line("T", "low", source=self.source, line_dash="dashed", color=GREY, legend_label="plateaus")
        sigma.line("T", "high", source=self.source, line_dash="dashed", color=GREY)
        self.intrinsic_line = sigma.line("T", "intrinsic", source=self.source, line_dash="dotted", color=GREEN,
                                         line_width=2, legend_label="σ_in (intrinsic)")
        self.tbg_marker = Span(location=PAPER["T_BG_K"], dimension="height", line_dash="dotdash",
                               line_color=GREY)
        sigma.add_layout(self.tbg_marker)
        sigma.legend.location = "top_left"
        sigma.legend.label_text_font_size = "9pt"
        rho = figure(height=340, width=400, x_axis_type="log", y_axis_type="log", x_axis_label="T (K)",
                     y_axis_label="ρ / ρ_BG", title="resistivity: ρ₀ + ρ_ph(T) (Matthiessen)",
                     y_range=(1e-7, 10))
        rho.line("T", "rho_ph", source=self.source, line_width=2, legend_label="ρ_ph")
        self.rho_total_line = rho.line("T", "rho_total", source=self.source, line_width=3, color=VERMILLION,
                                       legend_label="ρ₀ + ρ_ph")
        rho.legend.location = "top_left"
        rho.legend.label_text_font_size = "9pt"
        return [sigma, rho]

    def update(self):
        v = self.values
        a, kernel, kind = v["a"], KERNEL_LABELS[v["kernel"]], IMPURITY_LABELS[v["impurity"]]
        self.controls["eta"].disabled = kind is None
        self.controls["kF_xi"].disabled = kind != "gaussian"
        t = self.t_grid
        low, high = _plateaus(a)
        phonons = phonon.side_jump_conductivity(t, a, kernel=kernel)
        rho_ph = phonon.resistivity_bg(t, a)
        if kind is None:
            mixed, eta = phonons, 0.0
        else:
            eta = v["eta"]
            mixed = phonon.side_jump_mixed(t, a, eta, impurity=kind, kF_xi=v["kF_xi"], kernel=kernel)
        self.mixed_line.visible = self.rho_total_line.visible = kind is not None
        self.intrinsic_line.visible = v["show_intrinsic"]
        self.tbg_marker.location = v["T_BG_K"]
        self.source.data.update(T=t * v["T_BG_K"], phonon=phonons, mixed=mixed, low=np.full_like(t, low),
                                high=np.full_like(t, high), intrinsic=np.full_like(t, phonon.intrinsic_conductivity(a)),
                                rho_ph=rho_ph, rho_total=rho_ph + eta)


class AngularWeightExplorer(Explorer):
    """Where on the Fermi circle phonons scatter at T/T_BG = t: the two integrands of paper (B4).

    Left: G(y)(1 - cos phi) (the side-jump rate, no overlap) and |<u'|u>|^2 G(y)(1 - cos phi) (the transport
    rate), normalised to the first one's maximum, y = sin(phi/2)/t. Right: R(t) = tau_tr/tau_sj with the
    current t marked (theory §6).
    """

    phi = np.linspace(-np.pi, np.pi, 361)
    t_grid = np.geomspace(1e-3, 10.0, 120)

    def _make_controls(self):
        return {"t": log_slider("T / T_BG", PAPER["t"], 1e-3, 10.0, step=0.02), "a": _a_slider()}

    def _make_figures(self):
        phi, tg = self.phi, self.t_grid
        self.weights = ColumnDataSource({"phi": phi, "sj": np.zeros_like(phi), "tr": np.zeros_like(phi),
                                         "overlap": np.zeros_like(phi)})
        self.curve = ColumnDataSource({"t": tg, "R": np.ones_like(tg)})
        self.marker = ColumnDataSource({"t": [PAPER["t"]], "R": [1.0]})
        w = figure(height=330, width=470, x_axis_label="scattering angle φ (rad)", y_axis_label="weight (normalised)",
                   title="angular weight of phonon scattering", x_range=(-np.pi, np.pi), y_range=(0, 1.1))
        w.line("phi", "sj", source=self.weights, line_width=3, legend_label="G(1−cos φ)  → 1/τ_sj")
        w.line("phi", "tr", source=self.weights, line_width=2, color=VERMILLION,
               legend_label="|⟨u'|u⟩|² G(1−cos φ)  → 1/τ_tr")
        w.line("phi", "overlap", source=self.weights, line_dash="dashed", color=GREY, legend_label="|⟨u'|u⟩|²")
        w.legend.location = "top_left"
        w.legend.label_text_font_size = "9pt"
        r = figure(height=330, width=380, x_axis_type="log", x_axis_label="T / T_BG", y_axis_label="τ_tr / τ_sj",
                   title="R = τ_tr/τ_sj: ratio of the areas", y_range=(0.9, 4.1))
        r.line("t", "R", source=self.curve, line_width=3)
        r.scatter("t", "R", source=self.marker, size=10, color=VERMILLION)
        return [w, r]

    def update(self):
        v = self.values
        t, a = v["t"], v["a"]
        sj, tr = phonon.angular_weights(self.phi, t, a)
        peak = sj.max()
        self.weights.data.update(sj=sj / peak, tr=tr / peak, overlap=phonon.overlap(self.phi, a))
        self.curve.data["R"] = phonon.tau_ratio(self.t_grid, a)
        self.marker.data.update(t=[t], R=[phonon.tau_ratio(t, a)])


class ResistivityExplorer(Explorer):
    """rho/rho_BG from T^4 to T (theory §7) and its local exponent d ln rho/d ln T, optionally with rho_0.

    The exponent passes 2.5 near t = 0.22 at a = 0.5, where sigma_sj crosses over (theory §7).
    """

    story = "a"   # precomputed for the static edition (dragbook.ui.family)

    t_grid = np.geomspace(1e-3, 10.0, 160)

    def _make_controls(self):
        return {"a": _a_slider(),
                "residual": widgets.Checkbox(value=False, description="add ρ₀"),
                "eta": log_slider("ρ₀/ρ_BG", 1e-4, 1e-7, 1e-1, step=0.05)}

    def _make_figures(self):
        t = self.t_grid
        self.source = ColumnDataSource({"t": t, "rho": np.ones_like(t), "t4": np.ones_like(t), "lin": np.ones_like(t),
                                        "exponent": np.ones_like(t)})
        self.crossing = ColumnDataSource({"t": [0.22], "p": [2.5]})
        rho = figure(height=330, width=440, x_axis_type="log", y_axis_type="log", x_axis_label="T / T_BG",
                     y_axis_label="ρ / ρ_BG", title="phonon-limited resistivity", y_range=(1e-12, 10))
        rho.line("t", "rho", source=self.source, line_width=3, legend_label="ρ")
        rho.line("t", "t4", source=self.source, line_dash="dashed", color=GREY, legend_label="(4π⁴/15) t⁴")
        rho.line("t", "lin", source=self.source, line_dash="dotted", color=BLACK, legend_label="(π/16)(1+3a²) t")
        rho.legend.location = "top_left"
        rho.legend.label_text_font_size = "9pt"
        p = figure(height=330, width=400, x_axis_type="log", x_axis_label="T / T_BG", y_range=(0, 4.3),
                   title="local exponent d ln ρ / d ln T")
        p.line("t", "exponent", source=self.source, line_width=3)
        p.scatter("t", "p", source=self.crossing, size=9, color=VERMILLION)
        for level in (1.0, 2.5, 4.0):
            p.add_layout(Span(location=level, dimension="width", line_dash="dashed", line_color=GREY))
        return [rho, p]

    def update(self):
        v = self.values
        self.controls["eta"].disabled = not v["residual"]
        t, a = self.t_grid, v["a"]
        rho = phonon.resistivity_bg(t, a) + (v["eta"] if v["residual"] else 0.0)
        t4, lin = phonon.resistivity_bg_limits(t, a)
        p = local_exponent(t, rho)
        self.source.data.update(rho=rho, t4=t4, lin=lin, exponent=p)
        i = int(np.argmax(p))                      # p falls from its maximum through 2.5 (if it reaches it)
        below = np.nonzero(p[i:] < 2.5)[0]
        if p[i] > 2.5 and below.size:
            k = i + below[0]
            self.crossing.data.update(t=[float(np.exp(np.interp(2.5, [p[k], p[k - 1]],
                                                                 np.log([t[k], t[k - 1]]))))], p=[2.5])
        else:
            self.crossing.data.update(t=[], p=[])
