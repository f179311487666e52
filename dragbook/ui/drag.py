"""Explorers of notebook 01 (Coulomb drag): rho_D(T), the (q, omega) integrand, and anomalous Hall drag.

Controls carry teaching units in their names (``d_nm``, ``n_a_cm2``, ``M_p_meV``); conversion to SI
happens here, and all physics is :mod:`dragbook.drag`. Defaults are the parameters of the paper, H. Liu,
W. E. Liu, D. Culcer, arXiv:1610.05866 (Figs. 2-3): A = 4.1 eV A, eps_r = 20, n = 1e12 cm^-2, M = 10 meV, d = 10 nm, tau = 0.1 ps, T = 5 K.
"""

import functools
import math

import numpy as np
import ipywidgets as widgets
from bokeh.models import ColorBar, ColumnDataSource, LinearColorMapper, Span
from bokeh.palettes import Viridis256
from bokeh.plotting import figure

from .. import drag, units
from .controls import (BLACK, BLUE, DASHES, GREEN, GREY, ORANGE, VERMILLION, WHITE, choice_slider,
                       local_exponent, log_slider, slider)
from .explorer import Explorer
from .idle import IdleWork

__all__ = ["DragTemperatureExplorer", "DragIntegrandExplorer", "HallDragMassExplorer",
           "HallDragScalingExplorer", "make_bilayer", "PAPER"]

#: Paper 001's parameters (Figs. 2-3), in the controls' teaching units.
PAPER = {"A_eVA": 4.1, "eps_r": 20.0, "n_cm2": 1.0, "M_meV": 10.0, "d_nm": 10.0, "tau_ps": 0.1, "T_K": 5.0}

MODELS = ("massive Dirac (TI surface)", "2DEG")

#: Slider ranges of d (nm) and eps_r. One drag.DragProfile serves each whole range: its frequency integrals
#: are computed once per layers and T, so the d and eps_r sliders cost a sum over q nodes and act live.
D_NM, EPS_R = (2.0, 200.0), (1.0, 100.0)

#: Temperatures of the Hall-drag explorers' T sliders, K. Each needs new finite-T integrals for every curve
#: (about a second for Fig. 2), so the explorers compute them while the kernel is idle (ui/idle.py), nearest
#: to the slider first; the slider acts on release until all are done, then live.
HALL_T_K = (0.5, 1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0, 20.0, 30.0, 50.0)


def _profile(bilayer, T, d_nm=D_NM, eps_r=EPS_R, kernel="auto"):
    """A drag.DragProfile of ``bilayer`` at T for the slider ranges (nm, eps_r); the ends are widened by 1e-6
    so that a slider's rounded end value (10**log10(200) = 200.00000000000003) lies inside."""
    pad = 1 + 1e-6
    return drag.DragProfile(bilayer, T, d_range=(d_nm[0] * units.nm / pad, d_nm[1] * units.nm * pad),
                            eps_r_range=(eps_r[0] / pad, eps_r[1] * pad), kernel=kernel)


def make_bilayer(model="massive Dirac (TI surface)", n_a_cm2=1.0, n_p_cm2=1.0, d_nm=10.0, eps_r=20.0,
                 A_eVA=4.1, M_a_meV=10.0, M_p_meV=10.0, m_eff=0.067):
    """A :class:`dragbook.drag.Bilayer` from teaching units (densities in 1e12 cm^-2)."""
    def layer(n_cm2, M_meV):
        n = n_cm2 * 1e12 * units.per_cm2
        if model == "2DEG":
            return drag.ParabolicLayer(n, m_eff)
        return drag.DiracLayer(n, A_eVA * units.eV_angstrom, M_meV * units.meV)
    return drag.Bilayer(layer(n_a_cm2, M_a_meV), layer(n_p_cm2, M_p_meV), d_nm * units.nm, eps_r)


def _nearest_first(values, value):
    """``values`` ordered by their distance from ``value`` on a log scale."""
    return sorted(values, key=lambda v: abs(math.log(v / value)))


def _every_other(n):
    """Indices 0, 2, 4, ... and n - 1 of a grid of n points: where a T = 0 preview is computed."""
    return np.unique(np.r_[0:n:2, n - 1])


def _log_interp(x, xp, yp):
    """yp (> 0, at xp) at x, linear in log-log: a preview between its points (the curves are near power laws)."""
    return np.exp(np.interp(np.log(x), np.log(xp), np.log(yp)))


def _fade(lines, preview):
    """Draw ``lines`` faint while they show a T = 0 preview, solid once they show the finite-T result."""
    for line in lines:
        line.glyph.line_alpha = 0.35 if preview else 1.0


#: s without a change of a previewed control before its finite-T profiles are computed (a debounce).
PAUSE = 0.3


def _precompute_temperatures(explorer, steps, delay=0.0):
    """Run ``steps`` (computing drag profiles) while idle; the T_K slider acts on release until they are done."""
    control = explorer.controls["T_K"]
    control.continuous_update = False
    explorer.idle.start(steps, done=lambda: setattr(control, "continuous_update", True), delay=delay,
                        failed=explorer.show_error)


def fermi_temperature(bilayer):
    """The lower of the layers' Fermi temperatures (mu - |M|)/k_B, K, measured from the band edge."""
    return min(bilayer.active.fermi_depth, bilayer.passive.fermi_depth) / units.k_B


class DragTemperatureExplorer(Explorer):
    """rho_D(T) with its Fermi-liquid asymptote and exact T^2 line, the local exponent d ln rho/d ln T, and a
    dash-dotted line at the lower Fermi temperature (beyond it a layer is nondegenerate and screens weakly).

    The asymptote is docs/theory/coulomb-drag.md Eq. (6.2), the T^2 coefficient Eq. (6.1).

    d and eps_r re-weight kept frequency integrals (drag.DragProfile). New layers are drawn at once, faint,
    with the T = 0 kernels (docs/theory/coulomb-drag.md §8: 1e-3 below 0.01 T_F, but a factor of several off above T_F),
    and the finite-T curve replaces them once the sliders rest (``idle``: one temperature per step, begun
    PAUSE s after the last change).
    """

    story = "d_nm"   # precomputed for the static edition (dragbook.ui.family)

    temperatures = np.geomspace(0.3, 100.0, 40)   # K
    _preview = _every_other(temperatures.size)    # indices of the preview's temperatures
    figures_per_row = 3                           # the hidden one of log/linear takes no room

    def __init__(self):
        self._profile = functools.lru_cache(maxsize=16)(self._layer_profile)
        self.idle, self._refining = IdleWork(), None     # the finite-T profile being computed while idle
        super().__init__()

    def _make_controls(self):
        return {
            "model": widgets.Dropdown(options=MODELS, value=MODELS[0], description="layers"),
            "n_a_cm2": log_slider("n_a (1e12/cm²)", 1.0, 0.05, 10.0),
            "n_p_cm2": log_slider("n_p (1e12/cm²)", 1.0, 0.05, 10.0),
            "d_nm": log_slider("d (nm)", PAPER["d_nm"], *D_NM),
            "eps_r": log_slider("ε_r", PAPER["eps_r"], *EPS_R),
            "M_meV": slider("M (meV)", PAPER["M_meV"], 0.0, 300.0, 1.0),
            "A_eVA": slider("A (eV Å)", PAPER["A_eVA"], 1.0, 10.0, 0.1),
            "m_eff": log_slider("m*/m_e (2DEG)", 0.067, 0.02, 1.0, disabled=True),
            "loglog": widgets.Checkbox(value=True, description="log-log axes"),
        }

    def _make_figures(self):
        T = self.temperatures
        zeros = np.zeros_like(T)
        self.source = ColumnDataSource({"T": T, "rho": zeros, "asymptote": zeros, "t2": zeros,
                                        "exponent": zeros})
        self.fermi_markers = []        # at the lower T_F: above it a layer is nondegenerate and screens weakly
        self.rho_lines = []            # faint while they show the T = 0 kernels' preview
        self.log_figure = self._rho_figure("log")
        self.linear_figure = self._rho_figure("linear")
        exponent = figure(height=300, width=380, x_axis_type="log", title="local exponent d ln ρ / d ln T",
                          x_axis_label="T (K)", y_range=(0, 2.5))
        exponent.line("T", "exponent", source=self.source, line_width=2)
        exponent.add_layout(Span(location=2, dimension="width", line_dash="dashed", line_color=GREY))
        return [self.log_figure, self.linear_figure, exponent]

    def _rho_figure(self, axis):
        fig = figure(height=300, width=440, x_axis_type=axis, y_axis_type=axis, x_axis_label="T (K)",
                     y_axis_label="ρ_D (Ω)", title=self._title(axis, preview=False))
        rho = fig.line("T", "rho", source=self.source, line_width=3, legend_label="ρ_D (static RPA)")
        self.rho_lines.append(rho)
        fig.line("T", "t2", source=self.source, line_dash="dashed", color=BLACK, legend_label="C₂T² (exact)")
        fig.line("T", "asymptote", source=self.source, line_dash="dotted", color=VERMILLION, line_width=2,
                 legend_label="large-d asymptote")
        fig.legend.location = "top_left"
        marker = Span(location=1.0, dimension="height", line_dash="dotdash", line_color=GREY)
        fig.add_layout(marker)
        self.fermi_markers.append(marker)
        return fig

    def bilayer(self):
        v = self.values
        return make_bilayer(v["model"], v["n_a_cm2"], v["n_p_cm2"], v["d_nm"], v["eps_r"], v["A_eVA"],
                            v["M_meV"], v["M_meV"], v["m_eff"])

    @staticmethod
    def _title(axis, preview):
        note = ": T = 0 kernels, finite T follows" if preview else ""
        return f"drag resistivity ({axis} axes){note}"

    def _layer_profile(self, kernel, model, n_a_cm2, n_p_cm2, A_eVA, M_meV, m_eff):
        """The drag.DragProfile of these layers over the d, eps_r slider ranges: kernel "auto" at the
        temperatures, "fast" (the preview) at every other one and the last."""
        T = self.temperatures if kernel == "auto" else self.temperatures[self._preview]
        return _profile(make_bilayer(model, n_a_cm2, n_p_cm2, PAPER["d_nm"], PAPER["eps_r"], A_eVA, M_meV, M_meV,
                                     m_eff), T, kernel=kernel)

    def _rho(self, layers, d, eps_r):
        """(rho_D at the temperatures, ohm; whether it is the preview). The finite-T profile of ``layers``
        if computed (always while building); else the T = 0 kernels, interpolated in log-log between their
        temperatures, and the finite-T profile scheduled as idle work (unless it is) that redraws when done."""
        exact = self._profile("auto", *layers)
        if exact.computed or self.building:
            return exact.rho_drag(d, eps_r), False
        if not (self.idle.pending and self._refining is exact):
            self._refining = exact
            self.idle.start(exact.compute_steps(), done=self.redraw, delay=PAUSE,
                            failed=self.show_error)
        preview = self._profile("fast", *layers).rho_drag(d, eps_r)
        return _log_interp(self.temperatures, self.temperatures[self._preview], preview), True

    def update(self):
        v = self.values
        dirac = v["model"] != "2DEG"
        for name in ("M_meV", "A_eVA"):
            self.controls[name].disabled = not dirac
        self.controls["m_eff"].disabled = dirac
        self.log_figure.visible, self.linear_figure.visible = v["loglog"], not v["loglog"]
        bilayer = self.bilayer()
        T = self.temperatures
        used = (v["A_eVA"], v["M_meV"], None) if dirac else (None, None, v["m_eff"])   # what the model depends on
        rho, preview = self._rho((v["model"], v["n_a_cm2"], v["n_p_cm2"], *used), bilayer.d, bilayer.eps_r)
        for fig, axis in ((self.log_figure, "log"), (self.linear_figure, "linear")):
            fig.title.text = self._title(axis, preview)
        _fade(self.rho_lines, preview)
        for marker in self.fermi_markers:
            marker.location = fermi_temperature(bilayer)
        self.source.data.update(rho=rho, asymptote=drag.rho_drag_asymptotic(bilayer, T),
                                t2=drag.t2_coefficient(bilayer) * T**2, exponent=local_exponent(T, rho))


class DragIntegrandExplorer(Explorer):
    """The integrand of rho_D over (q/k_F, hbar omega/k_B T): where the drag comes from.

    The integrand of docs/theory/coulomb-drag.md Eq. (2.2), q|U|^2 R_a R_p / sinh^2, with the markers q = 1/d and q = 2k_F.
    """

    nq, nw = 160, 120
    figures_per_row = 1

    def _make_controls(self):
        return {
            "T_K": log_slider("T (K)", PAPER["T_K"], 0.5, 100.0),
            "d_nm": log_slider("d (nm)", PAPER["d_nm"], 2.0, 200.0),
            "n_cm2": log_slider("n (1e12/cm²)", 1.0, 0.05, 10.0),
            "eps_r": log_slider("ε_r", PAPER["eps_r"], 1.0, 100.0),
        }

    def _make_figures(self):
        self.image = ColumnDataSource({"image": [np.zeros((self.nw, self.nq))]})
        self.markers = ColumnDataSource({"x": [1.0, 2.0], "label": ["q = 1/d", "q = 2k_F"]})
        self.mapper = LinearColorMapper(palette=Viridis256, low=0, high=1)
        fig = figure(height=360, width=620, x_range=(0, 2.5), y_range=(0, 10),
                     x_axis_label="q / k_F", y_axis_label="ħω / k_B T",
                     title="drag integrand (normalised to its maximum)")
        fig.image(image="image", x=0, y=0, dw=2.5, dh=10, color_mapper=self.mapper, source=self.image)
        fig.scatter("x", 9.5, source=self.markers, marker="inverted_triangle", size=12, color=WHITE)
        fig.text("x", 8.6, text="label", source=self.markers, text_color=WHITE, text_font_size="9pt",
                 text_align="center")
        fig.add_layout(ColorBar(color_mapper=self.mapper), "right")
        return [fig]

    def update(self):
        v = self.values
        bilayer = make_bilayer(n_a_cm2=v["n_cm2"], n_p_cm2=v["n_cm2"], d_nm=v["d_nm"], eps_r=v["eps_r"])
        k_F = bilayer.passive.k_F
        x = (np.arange(self.nq) + 0.5) * 2.5 / self.nq
        y = (np.arange(self.nw) + 0.5) * 10.0 / self.nw
        q = x[None, :] * k_F
        omega = y[:, None] * units.k_B * v["T_K"] / units.hbar
        values = drag.drag_integrand(bilayer, v["T_K"], q, omega)
        self.image.data["image"] = [values / values.max()]
        self.markers.data["x"] = [1.0 / (k_F * v["d_nm"] * units.nm), 2.0]


class HallDragMassExplorer(Explorer):
    """Anomalous Hall drag -rho_D^yx versus the passive-layer mass M_p (paper Fig. 2) at four densities.

    Marks each curve's peak and A k_F (where the peak sits in strong screening, docs/theory/coulomb-drag.md §10),
    and compares -rho^yx/rho^xx with the closed form hbar M_p/(2 tau_p mu_p^2) (theory page Eq. (7.2)). The
    active-layer mass M_a changes every profile: its slider acts on release, drawing at once, faint, the T = 0
    kernels at every other M_p, and the idle work (``idle``) computes the finite-T profiles of the slider temperature
    (then redraws) and of every other slider temperature, after which T moves live.
    """

    masses_meV = np.geomspace(1.0, 600.0, 30)
    densities_cm2 = (0.1, 0.3, 1.0, 3.0)              # 1e12 cm^-2: the reconstruction of the paper's Fig. 2
    colors = (BLUE, VERMILLION, GREEN, ORANGE)

    def __init__(self):
        self._tables = {}                              # (M_a, kernel) -> {T_K: {density: [DragProfile per M_p]}}
        self.idle = IdleWork()
        self._idle_mass = None                         # M_a of the idle work
        super().__init__()

    def _make_controls(self):
        # d, eps_r and tau re-weight stored frequency integrals (drag.DragProfile) and act live. T needs new
        # finite-T integrals for all 120 bilayers (~1 s, benchmarks/run.py): on release until precomputed.
        # M_a changes all 120 bilayers: on release, a T = 0 preview of 60 of them (~0.2 s), then the finite-T
        # profiles while idle.
        return {
            "d_nm": log_slider("d (nm)", PAPER["d_nm"], *D_NM),
            "T_K": choice_slider("T (K)", PAPER["T_K"], HALL_T_K, continuous_update=False),
            "eps_r": log_slider("ε_r", PAPER["eps_r"], *EPS_R),
            "tau_ps": log_slider("τ_p (ps)", PAPER["tau_ps"], 0.01, 10.0),
            "M_a_meV": slider("M_a (meV)", PAPER["M_meV"], 0.0, 300.0, 1.0, continuous_update=False),
        }

    def _masses(self, kernel):
        """The M_p computed: all, or every other for the T = 0 preview ("fast")."""
        return self.masses_meV if kernel == "auto" else self.masses_meV[_every_other(self.masses_meV.size)]

    def _profiles(self, T_K, M_a_meV, kernel="auto"):
        """{density: [drag.DragProfile per M_p of :meth:`_masses`]} at T_K over the d and eps_r slider ranges
        (kept for the last four M_a and kernels)."""
        if (M_a_meV, kernel) not in self._tables:
            if len(self._tables) == 4:
                del self._tables[next(iter(self._tables))]
            self._tables[M_a_meV, kernel] = {}
        table = self._tables[M_a_meV, kernel]
        if T_K not in table:
            table[T_K] = {n: [_profile(make_bilayer(n_a_cm2=n, n_p_cm2=n, M_a_meV=M_a_meV, M_p_meV=M), T_K,
                                       kernel=kernel)
                              for M in self._masses(kernel)] for n in self.densities_cm2}
        return table[T_K]

    def _computed(self, T_K, M_a_meV):
        return all(p.computed for profiles in self._profiles(T_K, M_a_meV).values() for p in profiles)

    def _precompute(self, M_a_meV):
        """Steps for ``idle``: one profile each, the slider temperatures nearest to the current one first;
        redraws once the shown one is complete."""
        for T_K in _nearest_first(HALL_T_K, self.controls["T_K"].value):
            for profiles in self._profiles(T_K, M_a_meV).values():
                for profile in profiles:
                    profile.compute()
                    yield
            if T_K == self.controls["T_K"].value:
                self.redraw()

    def _make_figures(self):
        M = self.masses_meV
        hall = figure(height=330, width=470, x_axis_type="log", y_axis_type="log", x_axis_label="M_p (meV)",
                      y_axis_label="−ρ_D^yx (Ω)", title="anomalous Hall drag (paper Fig. 2); ▼ = peak, ● = A k_F")
        ratio = figure(height=330, width=470, x_axis_type="log", y_axis_type="log", x_axis_label="M_p (meV)",
                       y_axis_label="−ρ^yx / ρ^xx", title="Hall ratio: lines numerics, dots ħM_p/(2τ_p μ_p²)")
        self.sources, self.peaks, self.lines = {}, {}, []   # lines: faint while they show the T = 0 preview
        for n, color, dash in zip(self.densities_cm2, self.colors, DASHES):
            src = ColumnDataSource({"M_p": M, "rho_yx": np.ones_like(M), "ratio": np.ones_like(M),
                                    "formula": np.ones_like(M)})
            peak = ColumnDataSource({"M": [1.0, 1.0], "rho": [1.0, 1.0], "marker": ["inverted_triangle", "circle"]})
            label = f"n = {n:g}e12 cm⁻²"
            self.lines.append(hall.line("M_p", "rho_yx", source=src, color=color, line_width=2, line_dash=dash,
                                        legend_label=label))
            hall.scatter("M", "rho", source=peak, marker="marker", color=color, size=10)
            self.lines.append(ratio.line("M_p", "ratio", source=src, color=color, line_width=2, line_dash=dash,
                                         legend_label=label))
            ratio.scatter("M_p", "formula", source=src, color=color, size=4)
            self.sources[n], self.peaks[n] = src, peak
        self._mu = {n: np.array([make_bilayer(n_a_cm2=n, n_p_cm2=n, M_p_meV=M).passive.mu for M in self.masses_meV])
                    for n in self.densities_cm2}            # passive mu_p(M_p), J; independent of M_a
        for fig in (hall, ratio):   # curves rise from the lower left: keep the legend out of their way
            fig.legend.location, fig.legend.label_text_font_size = "top_left", "9pt"
        return [hall, ratio]

    def update(self):
        v = self.values
        tau = v["tau_ps"] * units.ps
        d = v["d_nm"] * units.nm
        M_a = v["M_a_meV"]
        if M_a != self._idle_mass:                          # new M_a: its finite-T profiles while idle
            self._idle_mass = M_a
            _precompute_temperatures(self, self._precompute(M_a), delay=0.0 if self.building else PAUSE)
        preview = not self.building and self.idle.pending and not self._computed(v["T_K"], M_a)
        kernel = "fast" if preview else "auto"
        masses = self._masses(kernel)
        _fade(self.lines, preview)
        for n, profiles in self._profiles(v["T_K"], M_a, kernel).items():
            rho_xx, rho_yx = np.array([p.drag_resistivities(tau, d, v["eps_r"]) for p in profiles]).T
            rho_yx, ratio = _log_interp(self.masses_meV, masses, -rho_yx), _log_interp(self.masses_meV, masses,
                                                                                        -rho_yx / rho_xx)
            self.sources[n].data.update(rho_yx=rho_yx, ratio=ratio,
                                        formula=units.hbar * self.masses_meV * units.meV / (2 * tau * self._mu[n]**2))
            ak_f = profiles[0].bilayer.passive.k_F * PAPER["A_eVA"] * units.eV_angstrom / units.meV
            i = np.argmax(rho_yx)
            self.peaks[n].data.update(M=[self.masses_meV[i], ak_f],
                                      rho=[rho_yx[i], np.interp(np.log(ak_f), np.log(self.masses_meV), rho_yx)])


class HallDragScalingExplorer(Explorer):
    """-rho_D^yx versus density, temperature and distance (paper Fig. 3 a-c) for the paper's d and k_F
    sets.

    Panels (a) and (c) at the slider temperature. A new M_p or M_a (the active layer's mass) is drawn at once,
    faint, with the T = 0 kernels (exact as T -> 0, docs/theory/coulomb-drag.md §8); once it rests, the idle
    work (``idle``) computes the finite-T profiles, panel (b) and the slider temperature first and redraws,
    then every other slider temperature, after which T moves live.
    """

    densities_cm2 = np.geomspace(0.25, 6.0, 14)      # 1e12 cm^-2
    temperatures = np.geomspace(0.5, 80.0, 16)        # K
    distances_nm = np.geomspace(5.0, 80.0, 12)
    panel_d_nm = (10.0, 20.0, 40.0)
    panel_k_F = (0.4, 0.5, 0.6)                       # nm^-1
    colors = (BLUE, VERMILLION, GREEN)
    figures_per_row = 3

    def __init__(self):
        self._tables = {}                   # ((M_p, M_a), kernel) -> {T_K or "T": profiles}, the last eight
        self.idle = IdleWork()
        self._idle_mass = None              # (M_p, M_a) of the idle work
        super().__init__()

    def _make_controls(self):
        # tau rescales stored results (rho_yx ∝ 1/tau); M_p and M_a preview with the T = 0 kernels: all live.
        # T needs new finite-T integrals (benchmarks/run.py): on release until precomputed for these masses.
        return {
            "T_K": choice_slider("T (K), a & c", PAPER["T_K"], HALL_T_K, continuous_update=False),
            "M_p_meV": slider("M_p (meV)", PAPER["M_meV"], 1.0, 300.0, 1.0),
            "tau_ps": log_slider("τ_p (ps)", PAPER["tau_ps"], 0.01, 10.0),
            "M_a_meV": slider("M_a (meV)", PAPER["M_meV"], 0.0, 300.0, 1.0),
        }

    @staticmethod
    def _bilayer(n_cm2, masses):
        """The bilayer of density n_cm2 (1e12 cm^-2) in both layers, masses = (M_p, M_a) in meV."""
        return make_bilayer(n_a_cm2=n_cm2, n_p_cm2=n_cm2, M_p_meV=masses[0], M_a_meV=masses[1])

    def _grids(self, kernel):
        """The densities of panel (a) and temperatures of panel (b) computed: all, or every other for the
        T = 0 preview ("fast")."""
        n, T = self.densities_cm2, self.temperatures
        return (n, T) if kernel == "auto" else (n[_every_other(n.size)], T[_every_other(T.size)])

    def _profiles(self, T_K, masses, kernel="auto"):
        """drag.DragProfile per curve family (kept per masses = (M_p, M_a) and kernel): one per density of :meth:`_grids`
        (panel a) and per k_F (panel c) over their distances at T_K, one over the temperatures of
        :meth:`_grids` (panel b, independent of T_K); the curves of one panel differ only in d."""
        if (masses, kernel) not in self._tables:
            if len(self._tables) == 8:
                del self._tables[next(iter(self._tables))]
            self._tables[masses, kernel] = {}
        table = self._tables[masses, kernel]
        panel_d = min(self.panel_d_nm), max(self.panel_d_nm)
        profile = lambda n, T, d_nm: _profile(self._bilayer(n, masses), T, d_nm, (PAPER["eps_r"],) * 2, kernel)
        densities, temperatures = self._grids(kernel)
        if "T" not in table:
            table["T"] = profile(1.0, temperatures, panel_d)
        if T_K not in table:
            k_F_densities = [(k_F / units.nm) ** 2 / (4 * np.pi) / (1e12 * units.per_cm2)   # n = k_F^2/4pi, g = 1
                             for k_F in self.panel_k_F]
            distances = self.distances_nm[0], self.distances_nm[-1]
            table[T_K] = {"n": [profile(n, T_K, panel_d) for n in densities],
                          "d": [profile(n, T_K, distances) for n in k_F_densities]}
        return table[T_K]["n"], table["T"], table[T_K]["d"]

    def _computed(self, T_K, masses):
        by_n, by_T, by_d = self._profiles(T_K, masses)
        return all(p.computed for p in by_n + [by_T] + by_d)

    def _precompute(self, masses):
        """Steps for ``idle``: panel (b) one temperature each, then panels (a) and (c) one profile each, the
        slider temperatures nearest to the current one first; redraws once the shown one is complete."""
        yield from self._profiles(self.controls["T_K"].value, masses)[1].compute_steps()
        for T_K in _nearest_first(HALL_T_K, self.controls["T_K"].value):
            by_n, _, by_d = self._profiles(T_K, masses)
            for profile in by_n + by_d:
                profile.compute()
                yield
            if T_K == self.controls["T_K"].value:
                self.redraw()

    def _make_figures(self):
        self.sources, self.lines = {}, []          # lines: faint while they show the T = 0 kernels' preview
        figs = []
        axes = (("n", "n (10¹² cm⁻²)", "(a) vs density", self.densities_cm2, self.panel_d_nm, "d = {:g} nm",
                 "top_right"),
                ("T", "T (K)", "(b) vs temperature, n = 10¹² cm⁻²", self.temperatures, self.panel_d_nm,
                 "d = {:g} nm", "top_left"),
                ("d", "d (nm)", "(c) vs distance", self.distances_nm, self.panel_k_F, "k_F = {:g} nm⁻¹",
                 "top_right"))
        for key, label, title, grid, curves, legend, corner in axes:
            fig = figure(height=300, width=320, x_axis_type="log", y_axis_type="log", x_axis_label=label,
                         y_axis_label="−ρ_D^yx (Ω)", title=title)
            for value, color, dash in zip(curves, self.colors, DASHES):
                src = ColumnDataSource({"x": grid, "y": np.ones_like(grid)})
                self.lines.append(fig.line("x", "y", source=src, color=color, line_width=2, line_dash=dash,
                                           legend_label=legend.format(value)))
                self.sources[key, value] = src
            fig.legend.location, fig.legend.label_text_font_size = corner, "9pt"
            figs.append(fig)
        return figs

    def update(self):
        v = self.values
        tau, mass = v["tau_ps"] * units.ps, (v["M_p_meV"], v["M_a_meV"])
        if mass != self._idle_mass:                         # new M_p or M_a: its finite-T profiles while idle
            self._idle_mass = mass
            _precompute_temperatures(self, self._precompute(mass), delay=PAUSE)
        preview = not self.building and self.idle.pending and not self._computed(v["T_K"], mass)
        kernel = "fast" if preview else "auto"
        by_n, by_T, by_d = self._profiles(v["T_K"], mass, kernel)
        densities, temperatures = self._grids(kernel)
        _fade(self.lines, preview)
        hall = lambda profile, d_nm: -profile.drag_resistivities(tau, d_nm * units.nm)[1]
        for d in self.panel_d_nm:
            y_n = np.array([hall(p, d) for p in by_n])
            self.sources["n", d].data["y"] = _log_interp(self.densities_cm2, densities, y_n)
            self.sources["T", d].data["y"] = _log_interp(self.temperatures, temperatures, hall(by_T, d))
        for k_F, profile in zip(self.panel_k_F, by_d):
            self.sources["d", k_F].data["y"] = np.array([hall(profile, d) for d in self.distances_nm])
