"""Explorers of notebook 03 (anomalous Hall effect): QWZ Berry curvature and Chern number, Weyl Hall
conductivity, and the massive-Dirac mechanisms with their disorder scaling.

Controls carry teaching units in their names (``M_meV``, ``T_K``, ``b_meV``); conversion to SI happens here,
and all physics is :mod:`dragbook.ahe`. Every Hall panel shows one convention, sigma_xy = j_x/E_y
(= -sigma_yx of :mod:`dragbook.ahe`, which follows Burgos Atencia et al. 2021). Defaults: M = 20 meV and
alpha = 0.05 (a magnetic topological-insulator surface; the paper has no numerical parameters), b = 100 meV
and v_F = 3e5 m/s for the Weyl continuum model (docs/theory/anomalous-hall.md).
"""

import math
import warnings

import numpy as np
import ipywidgets as widgets
from bokeh.models import Arrow, BoxAnnotation, ColorBar, ColumnDataSource, LinearColorMapper, Span, VeeHead
from bokeh.palettes import RdBu11
from bokeh.plotting import figure

from .. import ValidityWarning, ahe, units
from .controls import BLACK, BLUE, GREEN, GREY, ORANGE, PURPLE, VERMILLION, log_slider, slider
from .explorer import Explorer

__all__ = ["QWZBerryExplorer", "WeylHallExplorer", "DiracHallExplorer", "SpinTorqueExplorer", "chern_label"]

GAP_CLOSINGS = (-2.0, 0.0, 2.0)


def chern_label(u, nk):
    """(C, text) of the live Chern number: an integer; (None, 'undefined') where the QWZ gap closes; (None,
    'too coarse') where the nk grid does not resolve the gap (ahe.qwz_min_grid)."""
    if min(abs(u - g) for g in GAP_CLOSINGS) < 1e-9:
        return None, "C undefined (gap closed)"
    need = ahe.qwz_min_grid(u)
    if nk < need:
        return None, f"grid too coarse for this gap: FHS needs nk ≥ {need}"
    C = ahe.qwz_chern_number(u, nk)
    return C, f"C = {C:+d}"


class QWZBerryExplorer(Explorer):
    """Berry curvature of the lower QWZ band over the Brillouin zone, with the live FHS Chern number.

    C = +1 (-2 < u < 0), -1 (0 < u < 2), 0 (|u| > 2) (docs/theory/anomalous-hall.md §3); the curvature
    concentrates at the k point where the gap is smallest (Dirac mass u + 2 at Gamma, u at X and Y, u - 2 at
    M). The live count refuses a grid too coarse for the gap (§4). Right: C(u) with the current u.
    """

    story = "u"   # precomputed for the static edition (dragbook.ui.family)

    n_map = 100                                      # curvature map, plaquette-centre grid (never a node)
    u_grid = np.linspace(-3.5, 3.5, 141) + 0.025     # phase diagram, off the gap closings

    def _make_controls(self):
        return {
            "u": slider("u (QWZ mass)", -1.0, -3.5, 3.5, 0.05),
            "nk": widgets.IntSlider(value=32, min=4, max=96, step=2, description="FHS grid nk"),
        }

    def _make_figures(self):
        n = self.n_map
        self.k = -np.pi + (np.arange(n) + 0.5) * 2 * np.pi / n
        self.image = ColumnDataSource({"image": [np.zeros((n, n))]})
        self.mapper = LinearColorMapper(palette=RdBu11[::-1], low=-1, high=1)
        self.map_figure = figure(height=360, width=420, x_range=(-np.pi, np.pi), y_range=(-np.pi, np.pi),
                                 x_axis_label="k_x a", y_axis_label="k_y a", title="Ω⁻(k)")
        self.map_figure.image(image="image", x=-np.pi, y=-np.pi, dw=2 * np.pi, dh=2 * np.pi,
                              color_mapper=self.mapper, source=self.image)
        self.map_figure.add_layout(ColorBar(color_mapper=self.mapper, title="Ω⁻ / a²"), "right")
        C = np.array([ahe.qwz_chern_number(u) for u in self.u_grid], dtype=float)     # grids resolve each gap
        self.phase = ColumnDataSource({"u": self.u_grid, "C": C})
        self.marker = ColumnDataSource({"u": [0.0], "C": [0.0]})
        phase = figure(height=360, width=380, x_axis_label="u", y_axis_label="Chern number C of the lower band",
                       title="phase diagram: σ_xy = −C e²/h in the gap", y_range=(-1.5, 1.5))
        phase.line("u", "C", source=self.phase, line_width=2)
        phase.scatter("u", "C", source=self.marker, size=12, color=VERMILLION)
        for g in GAP_CLOSINGS:
            phase.add_layout(Span(location=g, dimension="height", line_dash="dotted", line_color=GREY))
        return [self.map_figure, phase]

    def update(self):
        v = self.values
        u, nk = v["u"], v["nk"]
        # image[row = k_y, column = k_x]
        om = ahe.qwz_berry_curvature(self.k[None, :], self.k[:, None], u)
        self.image.data["image"] = [om]
        scale = float(np.percentile(np.abs(om), 99.5)) or 1.0
        self.mapper.low, self.mapper.high = -scale, scale
        self.chern, text = chern_label(u, nk)
        flux = om.sum() * (2 * np.pi / self.n_map) ** 2 / (2 * np.pi)
        self.map_figure.title.text = f"Ω⁻(k), u = {u:+.2f}: {text} (FHS, {nk}×{nk}); ∫Ω/2π = {flux:+.3f}"
        self.marker.data.update(u=[u], C=[0.0 if self.chern is None else float(self.chern)])


class WeylHallExplorer(Explorer):
    """Hall conductivity of Weyl semimetals: set by the node separation, and how the Fermi level changes it.

    Left: stacked-QWZ lattice sigma_xy = -sigma_yx (e^2/h per lattice constant) from FHS Chern numbers of n_z
    slices, against +k0/pi (docs/theory/anomalous-hall.md §5). Right: the continuum two-node model of Sekine,
    Culcer and MacDonald, sigma_xy(mu) in S/cm for b, Delta, v_F, with the plateau -e^2 k0/2 pi^2 hbar and the
    band features mu = b - Delta (pockets merge) and b + Delta (second band). The two models have opposite
    signs (which slices are inverted differs); the magnitude (e^2/h)(2 k0)/2 pi is the same.
    """

    k0_grid = np.linspace(0.0, 0.99 * np.pi, 61)
    mu_grid = np.linspace(0.0, 2.0, 201)          # mu / b

    def _make_controls(self):
        return {
            "k0_pi": slider("k₀ (π/a), lattice", 1 / 3, 0.0, 0.99, 0.01),
            # a new n_z recomputes the whole staircase (61 k0 x n_z FHS grids, ~0.2 s): acts on release
            "nz": widgets.IntSlider(value=24, min=4, max=80, step=1, description="k_z slices n_z",
                                    continuous_update=False),
            "b_meV": slider("b (meV)", 100.0, 10.0, 200.0, 1.0),
            "Delta_b": slider("Δ / b", 0.5, 0.0, 0.95, 0.01),
            "mu_b": slider("μ / b", 0.3, 0.0, 2.0, 0.01),
            "vF_1e5": slider("v_F (10⁵ m/s)", 3.0, 1.0, 10.0, 0.1),
        }

    def _make_figures(self):
        self.lattice = ColumnDataSource({"k0_pi": self.k0_grid / np.pi, "sigma": np.zeros_like(self.k0_grid),
                                         "line": self.k0_grid / np.pi})
        self.lattice_marker = ColumnDataSource({"k0_pi": [0.0], "sigma": [0.0]})
        lat = figure(height=330, width=420, x_axis_label="k₀ (π/a): nodes at ±k₀",
                     y_axis_label="σ_xy (e²/h per lattice constant)", title="stacked-QWZ lattice")
        lat.line("k0_pi", "line", source=self.lattice, line_dash="dashed", color=BLACK, legend_label="k₀/π")
        lat.step("k0_pi", "sigma", source=self.lattice, mode="center", line_width=2, legend_label="Σ C(k_z)/n_z")
        lat.scatter("k0_pi", "sigma", source=self.lattice_marker, size=11, color=VERMILLION)
        lat.legend.location = "top_left"
        self.continuum = ColumnDataSource({"mu_b": self.mu_grid, "sigma": np.zeros_like(self.mu_grid),
                                           "plateau": np.zeros_like(self.mu_grid)})
        self.continuum_marker = ColumnDataSource({"mu_b": [0.0], "sigma": [0.0]})
        con = figure(height=330, width=460, x_axis_label="μ / b", y_axis_label="σ_xy (S/cm)",
                     title="continuum two-node model (Sekine et al.)")
        con.line("mu_b", "plateau", source=self.continuum, line_dash="dashed", color=BLACK,
                 legend_label="−e²k₀/2π²ħ")
        con.line("mu_b", "sigma", source=self.continuum, line_width=2, legend_label="σ_xy(μ)")
        con.scatter("mu_b", "sigma", source=self.continuum_marker, size=11, color=VERMILLION)
        self.lifshitz = Span(location=0.5, dimension="height", line_dash="dotted", line_color=GREY)
        self.upper = Span(location=1.5, dimension="height", line_dash="dotted", line_color=GREY)
        con.add_layout(self.lifshitz)
        con.add_layout(self.upper)
        con.legend.location = "bottom_left"
        self._nz_done = None
        return [lat, con]

    def update(self):
        v = self.values
        if v["nz"] != self._nz_done:                 # the staircase depends only on n_z
            self.lattice.data["sigma"] = -ahe.weyl_lattice_hall(self.k0_grid, v["nz"], 24)      # sigma_xy
            self._nz_done = v["nz"]
        k0 = v["k0_pi"] * np.pi
        self.lattice_marker.data.update(k0_pi=[v["k0_pi"]], sigma=[-ahe.weyl_lattice_hall(k0, v["nz"], 24)])
        b, D, vF = v["b_meV"] * units.meV, v["Delta_b"] * v["b_meV"] * units.meV, v["vF_1e5"] * 1e5
        to_S_cm = 1e-2
        sig = ahe.weyl_continuum_hall(self.mu_grid * b, b, D, vF) * to_S_cm
        k0c = math.sqrt(b**2 - D**2) / (units.hbar * vF)
        plateau = -units.e**2 * k0c / (2 * math.pi**2 * units.hbar) * to_S_cm
        self.continuum.data.update(sigma=sig, plateau=np.full_like(self.mu_grid, plateau))
        self.continuum_marker.data.update(mu_b=[v["mu_b"]],
                                          sigma=[ahe.weyl_continuum_hall(v["mu_b"] * b, b, D, vF) * to_S_cm])
        self.lifshitz.location, self.upper.location = 1 - v["Delta_b"], 1 + v["Delta_b"]


class DiracHallExplorer(Explorer):
    """The four Hall mechanisms of a massive Dirac cone versus eF/|M|, and the disorder-scaling plot.

    Left: sigma_xy = -sigma_yx (e^2/h) of intrinsic, side jump (beta + anomalous distribution), Gaussian skew,
    third-order skew, and the totals, for mu/|M| in [-6, 6] (docs/theory/anomalous-hall.md §6-9); grey: the
    gap, red: |eF| - |M| < 3 hbar/tau_tr, where the disorder expansion is not controlled; yellow:
    |g| |eF|/|M| > 1, where the third-order Born term is not the leading skew term (§8).
    Right: |sigma_xy| against sigma_xx in log-log as the disorder alpha sweeps over the slider's range at the
    chosen eF/|M|: the Gaussian terms give a plateau, third-order skew a slope 1; the dot is the current alpha,
    the shaded part alpha > 0.1 (hbar/eF tau > 0.05), where the expansion in disorder is poor.
    """

    x_grid = np.linspace(-6.0, 6.0, 481)          # eF / |M|
    alpha_grid = np.geomspace(1e-4, 0.3, 60)      # up to the slider's maximum; alpha << 1 is assumed
    alpha_good = 0.1                              # beyond it hbar/(eF tau) = alpha/2 > 0.05: shaded

    def _make_controls(self):
        return {
            # at T = 0 everything depends on eF/|M| only: |M| sets the scale of k_B T
            "M_meV": slider("|M| (meV), vs k_BT", 20.0, 1.0, 50.0, 0.5),
            "M_sign": widgets.ToggleButtons(options=[("M > 0", 1), ("M < 0", -1)], value=1,
                                            description="sign of M"),
            "T_K": slider("T (K)", 0.0, 0.0, 100.0, 1.0),
            "alpha": log_slider("α = u₀²/(ħv)²", 0.05, 1e-3, 0.3),
            "g": slider("g (impurity Born)", 0.05, -0.3, 0.3, 0.01),
            "eF_M": slider("ε_F/|M| (scaling plot)", 2.0, 1.1, 10.0, 0.1),
        }

    def _make_figures(self):
        x = self.x_grid
        z = np.zeros_like(x)
        self.parts = ColumnDataSource({"x": x, "intrinsic": z, "side_jump": z, "skew": z, "skew3": z,
                                       "total_nc": z, "total": z})
        parts = figure(height=360, width=480, x_axis_label="ε_F / |M|", y_axis_label="σ_xy (e²/h)",
                       title="Hall mechanisms (white-noise disorder, non-crossing)")
        for col, color, label, dash in (("intrinsic", BLUE, "intrinsic", "solid"),
                                        ("side_jump", GREEN, "side jump (β + anomalous distribution)", "dotdash"),
                                        ("skew", ORANGE, "Gaussian skew", "dotted"),
                                        ("skew3", PURPLE, "third-order skew", "solid"),
                                        ("total_nc", BLACK, "total, Gaussian", "dashed"),
                                        ("total", VERMILLION, "total", "solid")):
            parts.line("x", col, source=self.parts, color=color, line_width=2, line_dash=dash, legend_label=label)
        parts.add_layout(BoxAnnotation(left=-1, right=1, fill_alpha=0.1, fill_color=GREY))
        # where |eF| - |M| < 3 hbar/tau_tr the disorder terms are not controlled (theory page §6): red strips
        self.invalid = [BoxAnnotation(left=s * 1.0, right=s * 1.2, fill_alpha=0.12, fill_color=VERMILLION,
                                      line_alpha=0) for s in (-1, 1)]
        # where |g| |eF|/|M| > 1 the third-order Born term is not controlled (theory page §8): yellow, a colour
        # no curve uses (purple is the third-order curve itself)
        self.born = [BoxAnnotation(fill_alpha=0.15, fill_color="gold", line_alpha=0) for _ in (-1, 1)]
        for box in self.invalid + self.born:
            parts.add_layout(box)
        parts.legend.location, parts.legend.label_text_font_size = "top_left", "8pt"
        a = self.alpha_grid
        one = np.ones_like(a)
        self.scaling = ColumnDataSource({"alpha": a, "sigma_xx": one, "total": one, "gaussian": one, "skew3": one})
        self.scaling_marker = ColumnDataSource({"sigma_xx": [1.0], "total": [1.0]})
        sc = figure(height=360, width=440, x_axis_type="log", y_axis_type="log", x_axis_label="σ_xx (e²/h)",
                    y_axis_label="|σ_xy| (e²/h)", title="scaling plot: vary disorder α at fixed ε_F")
        # alpha > alpha_good lies at small sigma_xx (sigma_xx = 2x/alpha): shaded from the left edge
        self.poor_disorder = BoxAnnotation(right=1.0, fill_alpha=0.1, fill_color=GREY, line_alpha=0)
        sc.add_layout(self.poor_disorder)
        sc.line("sigma_xx", "total", source=self.scaling, color=VERMILLION, line_width=3, legend_label="|total|")
        sc.line("sigma_xx", "gaussian", source=self.scaling, color=BLACK, line_dash="dashed", line_width=2,
                legend_label="int + side jump + Gaussian skew")
        sc.line("sigma_xx", "skew3", source=self.scaling, color=PURPLE, line_dash="dotted", line_width=2,
                legend_label="|third-order skew| ∝ σ_xx")
        sc.scatter("sigma_xx", "total", source=self.scaling_marker, size=11, color=VERMILLION)
        sc.legend.location, sc.legend.label_text_font_size = "top_left", "8pt"
        return [parts, sc]

    def mass(self):
        """Signed M in J."""
        v = self.values
        return v["M_sign"] * v["M_meV"] * units.meV

    def update(self):
        # the model's ValidityWarnings (Born: |g| |eF|/|M| > 1) are drawn instead: the gold and red bands
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ValidityWarning)
            self._draw()

    def _draw(self):
        v = self.values
        M = self.mass()
        absM = abs(M)
        c = ahe.hall_conductivities(self.x_grid * absM, M, v["alpha"], v["g"], v["T_K"])
        # sigma_xy = -sigma_yx (the module returns the paper's sigma_yx)
        self.parts.data.update(intrinsic=-c.intrinsic, side_jump=-c.side_jump, skew=-c.skew,
                               skew3=-c.skew_third_order, total_nc=-c.total_nc, total=-c.total)
        edge = min(ahe.validity_edge(1.0, v["alpha"]), float(self.x_grid[-1]))
        (lo, hi) = self.invalid
        lo.left, lo.right, hi.left, hi.right = -edge, -1.0, 1.0, edge
        born = 1.0 / abs(v["g"]) if v["g"] else math.inf           # |g| |eF|/|M| = 1
        end = float(self.x_grid[-1])
        (blo, bhi) = self.born
        blo.left, blo.right = -end, -min(born, end)
        bhi.left, bhi.right = min(born, end), end
        eF = v["eF_M"] * absM
        rows = [ahe.hall_conductivities(eF, M, al, v["g"], v["T_K"]) for al in self.alpha_grid]
        self.scaling.data.update(sigma_xx=np.array([r.sigma_xx for r in rows]),
                                 total=_log_safe([r.total for r in rows]),
                                 gaussian=_log_safe([r.total_nc for r in rows]),
                                 skew3=_log_safe([r.skew_third_order for r in rows]))
        self.poor_disorder.right = float(ahe.sigma_xx(eF, M, self.alpha_good, v["T_K"]))
        now = ahe.hall_conductivities(eF, M, v["alpha"], v["g"], v["T_K"])
        self.scaling_marker.data.update(sigma_xx=[now.sigma_xx], total=_log_safe([now.total]))


def _log_safe(values):
    """|values|, with exact zeros as NaN (a gap in a log-axis line instead of an axis down to 1e-30)."""
    a = np.abs(np.asarray(values, dtype=float))
    return np.where(a > 0, a, np.nan)


class SpinTorqueExplorer(Explorer):
    """Spin density and spin-orbit torque of the magnetic TI surface (Burgos Atencia et al. 2021, Sec. VI.B;
    docs/theory/anomalous-hall.md §11).

    The exact identity <sigma> = -z x j/(e v_F) turns every current into a spin density, and the torque on
    m = z is T = M j/(e v_F): field-like from sigma_xx E (Edelstein, ~ tau), damping-like from the Hall
    current sigma_yx z x E = -sigma_xy z x E (the anomalous Hall conductivity, disorder independent).
    Left: both torques versus eF/|M| for E = 1e4 V/m; right: E, j and <sigma> in the plane at the chosen Fermi
    level and field direction.
    """

    x_grid = np.linspace(-6.0, 6.0, 481)
    E_field = 1e4                                     # V/m
    nJ = 1e-9

    def _make_controls(self):
        return {
            "M_meV": slider("M (meV)", 20.0, 1.0, 50.0, 0.5),
            "alpha": log_slider("α = u₀²/(ħv)²", 0.05, 1e-3, 0.3),
            "vF_1e5": slider("v_F (10⁵ m/s)", 5.0, 1.0, 10.0, 0.1),
            "eF_M": slider("ε_F/|M| (arrows)", 2.0, -6.0, 6.0, 0.05),
            "angle_deg": slider("E direction (°)", 0.0, 0.0, 360.0, 5.0),
        }

    def _make_figures(self):
        z = np.zeros_like(self.x_grid)
        self.torque = ColumnDataSource({"x": self.x_grid, "field_like": z, "damping_like": z})
        fl = figure(height=300, width=330, x_axis_label="ε_F / |M|", y_axis_label="T · Ê (nJ/m²)",
                    title="field-like torque (∝ σ_xx ∝ τ)")
        fl.line("x", "field_like", source=self.torque, line_width=2, color=BLUE)
        dl = figure(height=300, width=330, x_axis_label="ε_F / |M|", y_axis_label="T · (ẑ×Ê) (nJ/m²)",
                    title="damping-like torque (∝ −σ_xy)")
        dl.line("x", "damping_like", source=self.torque, line_width=2, color=VERMILLION)
        for f in (fl, dl):
            f.add_layout(BoxAnnotation(left=-1, right=1, fill_alpha=0.1, fill_color=GREY))
        self.arrows = ColumnDataSource({"x0": [0.0] * 3, "y0": [0.0] * 3, "x1": [1.0] * 3, "y1": [0.0] * 3,
                                        "color": [BLACK, VERMILLION, BLUE]})
        self.arrow_labels = ColumnDataSource({"x": [1.0] * 3, "y": [0.0] * 3, "text": ["E", "j", "⟨σ⟩"]})
        pl = figure(height=300, width=300, x_range=(-1.4, 1.4), y_range=(-1.4, 1.4), match_aspect=True,
                    title="directions in the plane (unit length)")
        pl.add_layout(Arrow(end=VeeHead(size=10), x_start="x0", y_start="y0", x_end="x1", y_end="y1",
                            line_color="color", line_width=3, source=self.arrows))
        pl.text("x", "y", text="text", source=self.arrow_labels, text_font_size="11pt")
        return [fl, dl, pl]

    figures_per_row = 3

    def update(self):
        v = self.values
        M = v["M_meV"] * units.meV
        vF = v["vF_1e5"] * 1e5
        # T = M j/(e v_F) (ahe.spin_orbit_torque), for all Fermi levels at once: E along x
        c = ahe.hall_conductivities(self.x_grid * M, M, v["alpha"])
        scale = M * units.e2_h * self.E_field / (units.e * vF) / self.nJ
        self.torque.data.update(field_like=scale * c.sigma_xx, damping_like=scale * c.total)
        phi = math.radians(v["angle_deg"])
        E = self.E_field * np.array([math.cos(phi), math.sin(phi)])
        c = ahe.hall_conductivities(v["eF_M"] * M, M, v["alpha"])
        j = ahe.conductivity_tensor(c.sigma_xx, c.total) @ E
        s = ahe.spin_density(v["eF_M"] * M, M, v["alpha"], E, vF)
        tips = [E / np.linalg.norm(E), j / np.linalg.norm(j), s / np.linalg.norm(s)]
        self.arrows.data.update(x1=[t[0] for t in tips], y1=[t[1] for t in tips])
        self.arrow_labels.data.update(x=[1.15 * t[0] for t in tips], y=[1.15 * t[1] for t in tips])
