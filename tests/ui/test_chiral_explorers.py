"""Explorers of notebook 04: every control changes what is plotted, and as the physics says.

Explorers are driven by setting control values (observers run synchronously, no browser); the plotted
columns are compared with :mod:`dragbook.chiral` called directly and with the closed forms of docs/theory/chiral-anomaly.md.
"""

import math

import numpy as np
import pytest

from dragbook import chiral, units
from dragbook.ui.chiral import (AnomalyFractionExplorer, MagnetoconductanceExplorer, NodeSeparationExplorer,
                                WeylBandExplorer, make_solver)
from plotted import assert_control_changes_plot

MOVES = {
    WeylBandExplorer: {"mu_meV": 40.0, "b_meV": 150.0, "Delta_meV": 30.0},
    MagnetoconductanceExplorer: {"B_T": 0.5, "alpha_deg": 60.0, "mu_meV": 10.0, "r": 0.1, "tau_tr_ps": 0.5,
                                 "scheme": "paper", "ahe": True},
    AnomalyFractionExplorer: {"r": 0.3, "T_over_mu": 0.05, "B_T": 0.5, "mu_meV": 10.0, "tau_tr_ps": 0.5},
    NodeSeparationExplorer: {"T_over_mu": 0.03, "Delta_over_mu": 1.0},
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


def test_band_explorer_shows_nodes_charges_and_merging():
    """Nodes at ±k_0 on E = 0; separated pockets carry Q = ±1; above mu_L = b - Delta one pocket with Q = 0."""
    ex = WeylBandExplorer()
    k0 = chiral.node_wavevector(3e5, 100 * units.meV, 0.0) * 1e-9
    assert ex.node_source.data["kz"] == pytest.approx([-k0, k0], rel=1e-12)
    assert ex.label_source.data["text"] == ["Q = +1", "Q = -1"]
    i = np.argmin(abs(np.asarray(ex.band_source.data["kz"]) - k0))
    assert ex.band_source.data["c_minus"][i] < 2.0                  # the t = - gap closes at the node (meV)
    ex.controls["Delta_meV"].value = 50.0
    ex.controls["mu_meV"].value = 60.0                              # above b - Delta = 50 meV
    assert ex.label_source.data["text"] == ["Q = 0"]
    assert ex.fermi.location == 60.0
    ex.controls["Delta_meV"].value = 120.0                          # Delta > b is not a Weyl semimetal:
    assert ex.controls["Delta_meV"].value == 99.0                   # the slider stops one step below b
    assert ex.status.value == "" and ex.label_source.data["text"] == ["Q = 0"]
    ex.controls["b_meV"].value = 40.0                               # lowering b pulls Delta below it
    assert ex.controls["Delta_meV"].value == 39.0 and ex.status.value == ""
    assert ex.node_source.data["kz"][1] == pytest.approx(chiral.node_wavevector(3e5, 40 * units.meV, 39 * units.meV)
                                                         * 1e-9, rel=1e-12)


def test_band_explorer_keeps_charges_of_overlapping_spheres_at_delta_zero():
    """Default Delta = 0, mu = 120 meV > b: the two Weyl spheres overlap but stay two pockets of charge +1 and -1,
    with arrows radial from each node (out of the Q = -1 node's... into the Q = +1 node: Omega = -Q q/2q^3)."""
    ex = WeylBandExplorer()
    ex.controls["mu_meV"].value = 120.0
    assert ex.label_source.data["text"] == ["Q = +1", "Q = -1"]
    assert len(ex.fs_source.data["xs"]) == 2
    k0 = chiral.node_wavevector(3e5, 100 * units.meV, 0.0) * 1e-9
    d = ex.arrow_source.data
    x0, z0, x1, z1 = (np.asarray(d[c]) for c in ("x0", "z0", "x1", "z1"))
    n = ex.n_arrows
    for i, (node, Q) in enumerate(((-k0, 1), (k0, -1))):
        sl = slice(i * n, (i + 1) * n)
        radial = np.stack([x0[sl], z0[sl] - node], -1)
        step = np.stack([x1[sl] - x0[sl], z1[sl] - z0[sl]], -1)
        assert np.all(-Q * np.einsum("ij,ij->i", radial, step) > 0)


def test_berry_arrows_point_along_the_curvature_on_the_fermi_surface():
    ex = WeylBandExplorer()
    d = ex.arrow_source.data
    x0, z0 = np.asarray(d["x0"]) / 1e-9, np.asarray(d["z0"]) / 1e-9
    om = chiral.berry_curvature(x0, 0.0, z0, -1, 3e5, 100 * units.meV, 0.0)
    direction = np.stack([np.asarray(d["x1"]) - d["x0"], np.asarray(d["z1"]) - d["z0"]])
    cos = (direction[0] * om[0] + direction[1] * om[2]) / (np.hypot(*direction) * np.hypot(om[0], om[2]))
    assert np.allclose(cos, 1.0)


def test_magnetoconductance_curve_is_the_solver_at_the_control_values():
    ex = MagnetoconductanceExplorer()
    ex.controls["mu_meV"].value = 15.0
    ex.controls["r"].value = 0.05
    ex.controls["alpha_deg"].value = 30.0
    ex.controls["scheme"].value = "paper-proper-inverse"
    s = make_solver(15.0, 0.05, 0.2)
    B = ex.field_source.data["B"]
    alpha = math.radians(30.0)
    sigma, _, rho = s.angle_response(B, alpha, "paper-proper-inverse")
    assert np.allclose(ex.field_source.data["sigma"], sigma / sigma[0] - 1, rtol=1e-12, atol=1e-15)
    assert np.allclose(ex.field_source.data["rho"], rho / rho[0] - 1, rtol=1e-12, atol=1e-15)


def test_parallel_fields_give_positive_b2_magnetoconductance_and_no_lorentz_term():
    """alpha = 0: Delta sigma = anomaly only, = Son-Spivak for the consistent scheme; rho falls (negative MR)."""
    ex = MagnetoconductanceExplorer()
    d = ex.field_source.data
    B = np.asarray(d["B"])
    assert np.allclose(d["lorentz"], 0.0)
    s = make_solver()
    ss = chiral.son_spivak_delta_sigma(B, 3e5, 20 * units.meV, s.tau_v) / s.sigma0[2, 2]
    assert np.allclose(d["sigma"], ss, rtol=1e-10, atol=1e-15)
    assert np.all(np.asarray(d["rho"])[1:] < 0)


def test_perpendicular_fields_show_only_the_lorentz_term_and_flat_rho():
    """alpha = 90 deg, consistent scheme: Delta sigma/sigma0 = -(omega_c tau_tr)^2, rho has no B^2 term."""
    ex = MagnetoconductanceExplorer()
    ex.controls["alpha_deg"].value = 90.0
    d = ex.field_source.data
    B = np.asarray(d["B"])
    wct = chiral.cyclotron_frequency(B, 3e5, 20 * units.meV) * 0.2 * units.ps
    assert np.allclose(d["sigma"], -wct**2, rtol=1e-9, atol=1e-15)
    small = B <= 0.2
    assert np.all(np.abs(np.asarray(d["rho"])[small]) < 2 * wct[small] ** 4 + 1e-15)


def test_sign_change_angle_marker_follows_the_closed_form():
    """tan^2 alpha_c = (3/4) F R / [(mu tau_tr/hbar)^2 + c'] (docs/theory/chiral-anomaly.md §8 plus the paper's E-perp-B term):
    F = 1, c' = 0 (consistent); F = 2/5 and C' = -1/5 per pair with tau_q = (2/3 + r) tau_tr, i.e.
    c' = (3/4)(1/5)(2/3 + r) (paper). The plotted angle curve changes sign there."""
    ex = MagnetoconductanceExplorer()
    r = 0.01
    R = (2 / 3 + r) / (2 * r)
    y2 = (20 * units.meV * 0.2 * units.ps / units.hbar) ** 2
    for scheme, F, c in (("consistent", 1.0, 0.0), ("paper", 0.4, 0.75 * 0.2 * (2 / 3 + r))):
        ex.controls["scheme"].value = scheme
        expected = math.degrees(math.atan(math.sqrt(0.75 * F * R / (y2 + c))))
        assert ex.alpha_c.location == pytest.approx(expected, rel=1e-9)
        a = np.asarray(ex.angle_source.data["alpha"])
        sig = np.asarray(ex.angle_source.data["sigma"])
        flip = a[np.nonzero(np.diff(np.sign(sig)))[0][0]]
        assert flip <= ex.alpha_c.location <= flip + 1.0


def test_fraction_curves_are_the_scheme_table():
    """consistent 1, paper 2/5, proper inverse (2/3)[1 - (4/5) r/(1+r)] at T = 0; x Sommerfeld at T > 0."""
    ex = AnomalyFractionExplorer()
    r = ex.ratios
    d = ex.source.data
    assert np.allclose(d["f_consistent"], 1.0, atol=1e-9)
    assert np.allclose(d["f_paper"], 0.4, atol=1e-9)
    assert np.allclose(d["f_paper-proper-inverse"], 2 / 3 * (1 - 0.8 * r / (1 + r)), atol=1e-9)
    ex.controls["T_over_mu"].value = 0.05
    assert np.allclose(ex.source.data["f_paper"], 0.4 * chiral.sommerfeld_factor(0.05), rtol=1e-12)
    assert ex.marker.data["f"][1] == pytest.approx(chiral.anomaly_fraction(0.01, "paper", 0.05), rel=1e-12)


def test_relative_anomaly_follows_the_scaling_law():
    """Delta sigma/sigma0 = (3/4)(hbar omega_c/mu)^2 F tau_v/tau_tr, tau_v/tau_tr = (2/3 + r)/(2r) (docs/theory/chiral-anomaly.md §8)."""
    ex = AnomalyFractionExplorer()
    ex.controls["B_T"].value = 0.3
    ex.controls["mu_meV"].value = 30.0
    r = ex.ratios
    x = units.hbar * chiral.cyclotron_frequency(0.3, 3e5, 30 * units.meV) / (30 * units.meV)
    expected = 0.75 * x**2 * (2 / 3 + r) / (2 * r)
    assert np.allclose(ex.source.data["d_consistent"], expected, rtol=1e-10)
    wct = chiral.cyclotron_frequency(0.3, 3e5, 30 * units.meV) * 0.2 * units.ps
    assert np.allclose(ex.source.data["lorentz"], wct**2, rtol=1e-12)


def test_node_separation_explorer_reproduces_fig3_and_the_block_sum():
    """docs/theory/chiral-anomaly.md §9: t = - rises from 0.205 to 0.41; with both blocks 0.41 for every k_0 (Delta = 0)."""
    ex = NodeSeparationExplorer()
    d = ex.source.data
    minus, both = np.asarray(d["minus"]), np.asarray(d["both"])
    assert minus[0] == pytest.approx(0.2053, abs=2e-3) and minus[-1] == pytest.approx(0.4105, abs=2e-3)
    assert np.all(np.diff(minus) > -1e-3)
    assert np.allclose(both, 0.4104, atol=1e-3)
    ex.controls["Delta_over_mu"].value = 2.0
    k0 = ex.separations[-1]
    Delta = 2.0 * units.meV
    b = math.hypot(k0 * units.meV, Delta)
    T = 0.05 * units.meV / units.k_B
    assert ex.source.data["both"][-1] == pytest.approx(chiral.paper_coefficient(b, Delta, units.meV, T), rel=1e-12)
