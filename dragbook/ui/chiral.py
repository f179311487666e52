"""Explorers of notebook 04 (chiral anomaly): magnetoconductance versus B and angle, the Son-Spivak fraction
versus the intervalley ratio r for the three schemes, and the paper's Fig. 3 coefficient versus node separation.

Controls carry teaching units in their names (``B_T``, ``mu_meV``, ``tau_tr_ps``); conversion to SI happens
here, and all physics is :mod:`dragbook.chiral`. Defaults are the example of
docs/theory/chiral-anomaly.md §8: v_F = 3e5 m/s, b = 100 meV, Delta = 0 (isotropic cones), mu = 20 meV, tau_tr = 0.2 ps,
r = 0.01, B = 0.2 T; Fig. 3 uses the paper's mu = 0.1, T = 0.005 (T/mu = 0.05), Delta = 0.
"""

import warnings

import numpy as np
import ipywidgets as widgets
from bokeh.models import BoxAnnotation, ColumnDataSource, Span
from bokeh.plotting import figure

from .. import chiral, units
from .._check import ValidityWarning
from .controls import BLACK, BLUE, DASHES, GREEN, GREY, ORANGE, PURPLE, VERMILLION, log_slider, slider
from .explorer import Explorer

__all__ = ["WeylBandExplorer", "MagnetoconductanceExplorer", "AnomalyFractionExplorer", "NodeSeparationExplorer", "make_solver",
           "DEFAULTS", "SCHEME_COLORS"]

#: The example parameters (docs/theory/chiral-anomaly.md §8), in the controls' teaching units.
DEFAULTS = {"v_F": 3e5, "b_meV": 100.0, "mu_meV": 20.0, "tau_tr_ps": 0.2, "r": 0.01, "B_T": 0.2}
SCHEME_COLORS = {"consistent": BLUE, "paper": VERMILLION, "paper-proper-inverse": ORANGE}


def make_solver(mu_meV=DEFAULTS["mu_meV"], r=DEFAULTS["r"], tau_tr_ps=DEFAULTS["tau_tr_ps"]):
    """A :class:`dragbook.chiral.FermiSurfaceSolver` for isotropic cones (Delta = 0, b = 100 meV) from teaching units.

    ``tau_tr_ps`` is the transport time; for isotropic cones tau_tr = 1/((2/3) Gamma_a + Gamma_e), so
    tau_q = 1/Gamma_a = tau_tr (2/3 + r) (docs/theory/chiral-anomaly.md §2).
    """
    tau_tr = tau_tr_ps * units.ps
    return chiral.FermiSurfaceSolver(mu_meV * units.meV, DEFAULTS["v_F"], DEFAULTS["b_meV"] * units.meV, 0.0,
                                     tau_tr * (2 / 3 + r), r)


def _unit(alpha):
    return np.stack([np.sin(alpha), np.zeros_like(alpha), np.cos(alpha)], -1)


class WeylBandExplorer(Explorer):
    """Bands E(k_z) at k_perp = 0 of both blocks (Eq. 70) with the Fermi level, and the Fermi surface in the
    (k_x, k_z) plane with Berry-curvature arrows and each pocket's charge Q (docs/theory/chiral-anomaly.md §1).

    The arrows show the direction of (Omega_x, Omega_z) on the Fermi surface: out of one node, into the other.
    For Delta > 0, raising mu above b - Delta merges the pockets into one of charge 0; at Delta = 0 the two
    spheres (tau_z sectors) only overlap above mu = b and keep their charges -1 and +1.
    """

    story = "mu_meV"   # precomputed for the static edition (dragbook.ui.family)

    n_kz = 201
    n_arrows = 12

    def _make_controls(self):
        controls = {
            "mu_meV": slider("μ (meV)", DEFAULTS["mu_meV"], 2.0, 200.0, 1.0),
            "b_meV": slider("b (meV)", DEFAULTS["b_meV"], 20.0, 200.0, 1.0),
            "Delta_meV": slider("Δ (meV)", 0.0, 0.0, DEFAULTS["b_meV"] - 1.0, 1.0),
        }
        # the model needs Delta < b (a Weyl semimetal): Delta's range follows b, one step below it (lowering b
        # pulls Delta down with it before the plot updates)
        controls["b_meV"].observe(lambda change: setattr(controls["Delta_meV"], "max", change["new"] - 1.0), "value")
        return controls

    def _make_figures(self):
        z = np.zeros(self.n_kz)
        self.band_source = ColumnDataSource({"kz": z, "c_minus": z, "v_minus": z, "c_plus": z, "v_plus": z})
        self.node_source = ColumnDataSource({"kz": [0.0, 0.0], "E": [0.0, 0.0]})
        self.fs_source = ColumnDataSource({"xs": [], "zs": [], "color": [], "dash": []})
        self.arrow_source = ColumnDataSource({"x0": [], "z0": [], "x1": [], "z1": []})
        self.label_source = ColumnDataSource({"x": [], "z": [], "text": []})
        bands = figure(height=320, width=450, x_axis_label="k_z (1/nm)", y_axis_label="E (meV)",
                       title="bands at k_⊥ = 0 (Eq. 70); dashed: Fermi level")
        for name, color, dash, label in (("c_minus", BLUE, "solid", "t = −"), ("v_minus", BLUE, "solid", None),
                                         ("c_plus", GREEN, "dotdash", "t = +"), ("v_plus", GREEN, "dotdash", None)):
            kw = {"legend_label": label} if label else {}
            bands.line("kz", name, source=self.band_source, color=color, line_dash=dash, line_width=2, **kw)
        bands.scatter("kz", "E", source=self.node_source, size=9, color=BLACK)
        self.fermi = Span(location=0.0, dimension="width", line_dash="dashed", line_color=VERMILLION)
        bands.add_layout(self.fermi)
        bands.legend.location, bands.legend.label_text_font_size = "top_center", "9pt"
        fs = figure(height=320, width=450, x_axis_label="k_x (1/nm)", y_axis_label="k_z (1/nm)", match_aspect=True,
                    title="Fermi surface (k_y = 0), Berry-curvature direction, charge Q")
        fs.multi_line("xs", "zs", source=self.fs_source, color="color", line_dash="dash", line_width=2)
        fs.segment("x0", "z0", "x1", "z1", source=self.arrow_source, color=ORANGE, line_width=2)
        fs.scatter("x1", "z1", source=self.arrow_source, color=ORANGE, size=4)
        fs.text("x", "z", text="text", source=self.label_source, text_align="center", text_baseline="middle",
                text_font_size="10pt")
        return [bands, fs]

    @staticmethod
    def _mass(kz, pocket, v_F, b, Delta):
        """The mass of a pocket's block, or b + Q hbar v_F k_z for a Delta = 0 sphere spanning both (t = 0)."""
        if pocket.t:
            return chiral.mass(kz, pocket.t, v_F, b, Delta)
        return b + round(pocket.charge) * units.hbar * v_F * kz

    def update(self):
        v = self.values
        v_F, mu, b, Delta = DEFAULTS["v_F"], v["mu_meV"] * units.meV, v["b_meV"] * units.meV, v["Delta_meV"] * units.meV
        found = chiral.pockets(mu, v_F, b, Delta)          # checks b > Delta
        k0 = chiral.node_wavevector(v_F, b, Delta)
        hv, nm = units.hbar * v_F, 1e-9
        k_max = max(2.0 * k0, (b + mu) / hv)
        kz = np.linspace(-k_max, k_max, self.n_kz)
        m = {t: chiral.mass(kz, t, v_F, b, Delta) / units.meV for t in (1, -1)}
        self.band_source.data.update(kz=kz * nm, c_minus=np.abs(m[-1]), v_minus=-np.abs(m[-1]),
                                     c_plus=np.abs(m[1]), v_plus=-np.abs(m[1]))
        self.node_source.data.update(kz=[-k0 * nm, k0 * nm], E=[0.0, 0.0])
        self.fermi.location = v["mu_meV"]
        xs, zs, colors, arrows, labels = [], [], [], {"x0": [], "z0": [], "x1": [], "z1": []}, {"x": [], "z": [], "text": []}
        for p in found:
            q = np.linspace(p.kz_lo, p.kz_hi, 81)
            kp = np.sqrt(np.clip(mu**2 - self._mass(q, p, v_F, b, Delta) ** 2, 0, None)) / hv
            xs.append(np.concatenate([kp, -kp[::-1]]) * nm)
            zs.append(np.concatenate([q, q[::-1]]) * nm)
            colors.append({-1: BLUE, 1: GREEN, 0: PURPLE}[p.t])
            size = 0.25 * (p.kz_hi - p.kz_lo)
            th = np.linspace(0, 2 * np.pi, self.n_arrows, endpoint=False)
            qa = 0.5 * (p.kz_lo + p.kz_hi) + 0.5 * (p.kz_hi - p.kz_lo) * np.cos(th) * 0.999
            ka = np.sign(np.sin(th)) * np.sqrt(np.clip(mu**2 - self._mass(qa, p, v_F, b, Delta) ** 2, 0, None)) / hv
            # a Delta = 0 sphere (t = 0) lies in block t = Q sgn(k_z) at each point
            blocks = np.full(qa.shape, p.t) if p.t else np.where(qa * p.charge >= 0, 1, -1)
            om = np.stack([chiral.berry_curvature(x, 0.0, z, int(t), v_F, b, Delta) for x, z, t in zip(ka, qa, blocks)], -1)
            norm = np.hypot(om[0], om[2])
            norm[norm == 0] = 1.0
            arrows["x0"] += list(ka * nm)
            arrows["z0"] += list(qa * nm)
            arrows["x1"] += list((ka + size * om[0] / norm) * nm)
            arrows["z1"] += list((qa + size * om[2] / norm) * nm)
            labels["x"].append(0.0)
            labels["z"].append(0.5 * (p.kz_lo + p.kz_hi) * nm)
            labels["text"].append(f"Q = {round(p.charge):+d}" if round(p.charge) else "Q = 0")
        self.fs_source.data = {"xs": xs, "zs": zs, "color": colors,
                               "dash": ["solid" if c == BLUE else "dotdash" for c in colors]}
        self.arrow_source.data = arrows
        self.label_source.data = labels


class MagnetoconductanceExplorer(Explorer):
    """Delta sigma_EE/sigma0 and Delta rho_EE/rho0 versus B for E at an angle alpha to B, and versus alpha.

    The anomaly (E.B, cos^2 alpha) competes with the Lorentz term (transverse, sin^2 alpha); the B^2
    coefficient of sigma_EE changes sign at alpha_c (docs/theory/chiral-anomaly.md §8). B is along the node axis; the B^2 tensors
    are computed once per (mu, r, tau_tr) and the B and alpha sliders only rescale (docs/theory/chiral-anomaly.md §3).
    Shaded: outside the semiclassical low-field regime (omega_c tau_tr > 0.3 or hbar omega_c/mu > 0.1).
    """

    story = "B_T"   # precomputed for the static edition (dragbook.ui.family)

    fields_T = np.linspace(0.0, 1.0, 61)
    angles_deg = np.linspace(0.0, 90.0, 91)

    def _make_controls(self):
        return {
            "B_T": slider("B (T)", DEFAULTS["B_T"], 0.01, 1.0, 0.01),
            "alpha_deg": slider("angle α(E, B) (°)", 0.0, 0.0, 90.0, 1.0),
            "mu_meV": log_slider("μ (meV)", DEFAULTS["mu_meV"], 2.0, 80.0),
            "r": log_slider("r = Γ_e/Γ_a", DEFAULTS["r"], 1e-3, 10.0),
            "tau_tr_ps": log_slider("τ_tr (ps)", DEFAULTS["tau_tr_ps"], 0.05, 1.0),
            "scheme": widgets.Dropdown(options=chiral.SCHEMES, value="consistent", description="scheme"),
            "ahe": widgets.Checkbox(value=False, description="include the intrinsic AHE in ρ"),
        }

    def _make_figures(self):
        B, a = self.fields_T, self.angles_deg
        zB, za = np.zeros_like(B), np.zeros_like(a)
        self.field_source = ColumnDataSource({"B": B, "sigma": zB, "anomaly": zB, "lorentz": zB, "rho": zB})
        self.angle_source = ColumnDataSource({"alpha": a, "sigma": za, "hall": za, "rho": za})
        self.marker = ColumnDataSource({"B": [0.0], "sigma": [0.0], "rho": [0.0]})
        vs_b = figure(height=320, width=470, x_axis_label="B (T)", y_axis_label="relative change",
                      title="E at angle α to B: Δσ_EE/σ₀ (solid), Δρ_EE/ρ₀ (dashed)")
        vs_b.line("B", "sigma", source=self.field_source, line_width=3, legend_label="Δσ/σ₀ total")
        vs_b.line("B", "anomaly", source=self.field_source, color=GREEN, line_dash="dotted", line_width=2,
                  legend_label="anomaly part")
        vs_b.line("B", "lorentz", source=self.field_source, color=GREY, line_dash="dotdash", line_width=2,
                  legend_label="Lorentz part")
        vs_b.line("B", "rho", source=self.field_source, color=VERMILLION, line_dash="dashed", line_width=2,
                  legend_label="Δρ/ρ₀")
        vs_b.scatter("B", "sigma", source=self.marker, size=9)
        vs_b.scatter("B", "rho", source=self.marker, size=9, color=VERMILLION)
        self.invalid = BoxAnnotation(left=1.0, fill_alpha=0.12, fill_color=GREY)
        vs_b.add_layout(self.invalid)
        vs_b.legend.location, vs_b.legend.label_text_font_size = "top_left", "9pt"
        vs_a = figure(height=320, width=470, x_axis_label="α (degrees)", y_axis_label="relative change at B",
                      title="angle law at the chosen B; dashed line: sign change α_c")
        vs_a.line("alpha", "sigma", source=self.angle_source, line_width=3, legend_label="Δσ_EE/σ₀")
        vs_a.line("alpha", "hall", source=self.angle_source, color=PURPLE, line_width=2,
                  legend_label="planar Hall σ_⊥E/σ₀")
        vs_a.line("alpha", "rho", source=self.angle_source, color=VERMILLION, line_dash="dashed", line_width=2,
                  legend_label="Δρ_EE/ρ₀")
        self.alpha_c = Span(location=90.0, dimension="height", line_dash="dashed", line_color=BLACK)
        self.alpha_now = Span(location=0.0, dimension="height", line_color=GREY, line_alpha=0.5)
        vs_a.add_layout(self.alpha_c)
        vs_a.add_layout(self.alpha_now)
        vs_a.add_layout(Span(location=0.0, dimension="width", line_color=GREY, line_alpha=0.4))
        vs_a.legend.location, vs_a.legend.label_text_font_size = "top_right", "9pt"
        self._key, self.solver = None, None
        return [vs_b, vs_a]

    def sign_change_angle(self, scheme=None):
        """alpha_c (degrees) where the B^2 coefficient of sigma_EE vanishes, or 90 if it keeps its sign."""
        scheme = scheme or self.values["scheme"]
        s2 = self.solver.sigma2_lorentz + self.solver.sigma2_anomaly(scheme)
        par, perp = s2[2, 2], s2[0, 0]
        if par * perp >= 0:
            return 90.0
        return float(np.degrees(np.arctan(np.sqrt(-par / perp))))

    def update(self):
        v = self.values
        key = (v["mu_meV"], v["r"], v["tau_tr_ps"])
        if key != self._key:
            self.solver, self._key = make_solver(*key), key
        s, scheme, ahe = self.solver, v["scheme"], v["ahe"]
        alpha = np.radians(v["alpha_deg"])
        e = _unit(alpha)
        s0 = e @ s.sigma0 @ e
        B = self.fields_T
        with warnings.catch_warnings():      # the curve runs to 1 T on purpose; the shading marks where it fails
            warnings.simplefilter("ignore", ValidityWarning)
            sigma, _, rho = s.angle_response(B, alpha, scheme, ahe)
        rho0 = s.angle_response(0.0, alpha, scheme, ahe)[2]
        self.field_source.data.update(sigma=sigma / s0 - 1, rho=rho / rho0 - 1,
                                      anomaly=B**2 * (e @ s.sigma2_anomaly(scheme) @ e) / s0,
                                      lorentz=B**2 * (e @ s.sigma2_lorentz @ e) / s0)
        i = np.argmin(abs(B - v["B_T"]))
        self.marker.data.update(B=[B[i]], sigma=[sigma[i] / s0 - 1], rho=[rho[i] / rho0 - 1])
        a = np.radians(self.angles_deg)
        sig_a, hall_a, rho_a = s.angle_response(v["B_T"], a, scheme, ahe)
        s0_a = np.einsum("...i,ij,...j->...", _unit(a), s.sigma0, _unit(a))
        rho0_a = s.angle_response(0.0, a, scheme, ahe)[2]
        self.angle_source.data.update(sigma=sig_a / s0_a - 1, hall=hall_a / s0_a, rho=rho_a / rho0_a - 1)
        self.alpha_c.location = self.sign_change_angle(scheme)
        self.alpha_now.location = v["alpha_deg"]
        mu, tau = v["mu_meV"] * units.meV, v["tau_tr_ps"] * units.ps
        b_valid = min(0.3 / tau, 0.1 * mu / units.hbar) * mu / (units.e * DEFAULTS["v_F"] ** 2)  # omega_c = e B v^2/mu
        self.invalid.left = float(min(b_valid, 1.0))


class AnomalyFractionExplorer(Explorer):
    """The anomaly coefficient as a fraction of Son-Spivak versus r = Gamma_e/Gamma_a, three schemes (docs/theory/chiral-anomaly.md §6),
    and Delta sigma_CA/sigma0 versus r at a fixed B against the transverse Lorentz term (docs/theory/chiral-anomaly.md §8).

    The T = 0 fractions on the r grid come from the solver once, at construction; T/mu multiplies them by the
    Sommerfeld factor and B, mu, tau_tr only rescale (Delta sigma/sigma0 = (3/4)(hbar omega_c/mu)^2 F tau_v/tau_tr).
    """

    ratios = np.geomspace(1e-3, 10.0, 41)

    def _make_controls(self):
        return {
            "r": log_slider("r = Γ_e/Γ_a (marker)", DEFAULTS["r"], 1e-3, 10.0),
            "T_over_mu": slider("k_BT/μ", 0.0, 0.0, chiral.T_OVER_MU_MAX, 0.005),
            "B_T": slider("B (T)", DEFAULTS["B_T"], 0.01, 1.0, 0.01),
            "mu_meV": log_slider("μ (meV)", DEFAULTS["mu_meV"], 2.0, 80.0),
            "tau_tr_ps": log_slider("τ_tr (ps)", DEFAULTS["tau_tr_ps"], 0.05, 1.0),
        }

    def _make_figures(self):
        r = self.ratios
        self.fraction0 = {}
        for x in r:
            solver = make_solver(r=x)
            for scheme in chiral.SCHEMES:
                self.fraction0.setdefault(scheme, []).append(solver.fraction(scheme))
        self.fraction0 = {k: np.array(v) for k, v in self.fraction0.items()}
        cols = {"r": r, "lorentz": np.zeros_like(r)}
        for scheme in chiral.SCHEMES:
            cols["f_" + scheme] = np.zeros_like(r)
            cols["d_" + scheme] = np.ones_like(r)
        self.source = ColumnDataSource(cols)
        self.marker = ColumnDataSource({"r": [1.0] * 3, "f": [1.0] * 3, "d": [1.0] * 3,
                                        "color": list(SCHEME_COLORS.values())})
        frac = figure(height=320, width=470, x_axis_type="log", x_axis_label="r = Γ_e / Γ_a",
                      y_axis_label="fraction of Son–Spivak", y_range=(0, 1.15),
                      title="B² anomaly coefficient / Son–Spivak at T = 0 (same τ_v)")
        size = figure(height=320, width=470, x_axis_type="log", y_axis_type="log", x_axis_label="r = Γ_e / Γ_a",
                      y_axis_label="|Δσ| / σ₀ at B", title="anomaly Δσ_zz/σ₀ vs transverse Lorentz |Δσ_xx|/σ₀")
        for (scheme, color), dash in zip(SCHEME_COLORS.items(), DASHES):
            for fig, col in ((frac, "f_"), (size, "d_")):
                fig.line("r", col + scheme, source=self.source, color=color, line_dash=dash, line_width=3,
                         legend_label=scheme)
        size.line("r", "lorentz", source=self.source, color=GREY, line_dash="dashed", line_width=2,
                  legend_label="Lorentz (E ⊥ B)")
        frac.scatter("r", "f", source=self.marker, color="color", size=9)
        size.scatter("r", "d", source=self.marker, color="color", size=9)
        frac.legend.location, size.legend.location = "bottom_left", "top_right"
        frac.legend.label_text_font_size = size.legend.label_text_font_size = "9pt"
        return [frac, size]

    def relative_anomaly(self, fraction, r):
        """Delta sigma_CA/sigma0 = F x Son-Spivak / Drude at the control values (docs/theory/chiral-anomaly.md §8)."""
        v = self.values
        mu, tau_tr = v["mu_meV"] * units.meV, v["tau_tr_ps"] * units.ps
        tau_v = tau_tr * (2 / 3 + r) / (2 * r)
        ss = chiral.son_spivak_delta_sigma(v["B_T"], DEFAULTS["v_F"], mu, tau_v)
        return fraction * ss / chiral.drude_conductivity(mu, DEFAULTS["v_F"], tau_tr)

    def update(self):
        v = self.values
        factor = chiral.sommerfeld_factor(v["T_over_mu"])
        r = self.ratios
        cols = {}
        for scheme in chiral.SCHEMES:
            f = self.fraction0[scheme] * factor
            cols["f_" + scheme], cols["d_" + scheme] = f, self.relative_anomaly(f, r)
        mu, tau_tr = v["mu_meV"] * units.meV, v["tau_tr_ps"] * units.ps
        wct = chiral.cyclotron_frequency(v["B_T"], DEFAULTS["v_F"], mu) * tau_tr
        cols["lorentz"] = np.full_like(r, wct**2)
        self.source.data.update(cols)
        fr = [chiral.anomaly_fraction(v["r"], scheme, v["T_over_mu"]) for scheme in chiral.SCHEMES]
        self.marker.data.update(r=[v["r"]] * 3, f=fr, d=[self.relative_anomaly(f, v["r"]) for f in fr])


class NodeSeparationExplorer(Explorer):
    """The paper's Fig. 3: C(b, Delta, T) of Eq. (111) versus v_F k_0/mu, block t = - alone (as in the paper),
    block t = + and their sum (docs/theory/chiral-anomaly.md §9). Dotted: the T = 0 spherical-cap closed form of block t = -.
    """

    separations = np.linspace(0.0, 2.0, 41)        # v_F k_0 / mu

    def _make_controls(self):
        return {
            "T_over_mu": slider("k_BT/μ", 0.05, 0.005, chiral.T_OVER_MU_MAX, 0.005),
            "Delta_over_mu": slider("Δ/μ", 0.0, 0.0, 3.0, 0.1),
        }

    def _make_figures(self):
        x = self.separations
        z = np.zeros_like(x)
        k = np.minimum(x, 1.0)
        self.source = ColumnDataSource({"k0": x, "minus": z, "plus": z, "both": z,
                                        "cap": 0.4 * (0.5 + 1.25 * k**3 - 0.75 * k**5)})
        fig = figure(height=330, width=560, x_axis_label="v_F k₀ / μ  (node half-separation)",
                     y_axis_label="𝒞(b, Δ, T)", y_range=(0, 0.5), title="paper Fig. 3: 𝒞 of Eq. (111)")
        fig.line("k0", "minus", source=self.source, line_width=3, color=VERMILLION,
                 legend_label="block t = − only (paper)")
        fig.line("k0", "plus", source=self.source, line_width=2, color=GREEN, line_dash="dashed",
                 legend_label="block t = +")
        fig.line("k0", "both", source=self.source, line_width=3, color=BLUE, legend_label="both blocks")
        fig.line("k0", "cap", source=self.source, line_dash="dotted", color=BLACK,
                 legend_label="T = 0 cap formula, Δ = 0")
        fig.legend.location, fig.legend.label_text_font_size = "bottom_right", "9pt"
        return [fig]

    def update(self):
        v = self.values
        mu = units.meV
        T = v["T_over_mu"] * mu / units.k_B
        Delta = v["Delta_over_mu"] * mu
        b = np.sqrt((self.separations * mu) ** 2 + Delta**2)
        minus = np.array([chiral.paper_coefficient(bb, Delta, mu, T, "-") for bb in b])
        plus = np.array([chiral.paper_coefficient(bb, Delta, mu, T, "+") for bb in b])
        self.source.data.update(minus=minus, plus=plus, both=minus + plus)
