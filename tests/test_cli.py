"""The dragbook command: warmup fills the numba cache for every kernel the public API uses; info reports the stack."""

import hashlib
import io
import json
import pathlib
import subprocess
import sys

import pytest

from dragbook import cli

REPO = pathlib.Path(__file__).resolve().parents[1]

# Calls every public entry point of the physics modules, then counts kernels compiled from scratch.
PUBLIC_CALLS = """
import numpy as np
from dragbook import cli, drag, units
A, n = 4.1 * units.eV_angstrom, 1e12 * units.per_cm2
dirac = drag.Bilayer(drag.DiracLayer(n, A, 10 * units.meV), drag.DiracLayer(n, A, 20 * units.meV), 10 * units.nm, 20)
gaas = drag.Bilayer(drag.ParabolicLayer(1.5e15, 0.067), drag.ParabolicLayer(2e15, 0.067), 80 * units.nm, 12.9)
for b in (dirac, gaas):
    for kernel in ("fast", "exact"):
        drag.rho_drag(b, np.array([1.0, 5.0]), kernel=kernel)
        drag.drag_integrand(b, 5.0, np.array([1e7]), np.array([1e12]), kernel=kernel)
    drag.t2_coefficient(b)
    b.passive.minus_im_chi(np.array([1e8]), np.array([1e12]), 0.0)
    b.passive.minus_im_chi(np.array([1e8]), np.array([1e12]), 10.0)
    b.passive.static_polarization(np.array([1e8, 1e9]))
drag.rho_hall_drag(dirac, np.array([1.0, 5.0]), 1e-13, kernel="fast")
drag.rho_hall_drag(dirac, np.array([1.0, 5.0]), 1e-13, kernel="exact")
from dragbook import phonon
for kernel in phonon.KERNELS:
    phonon.tau_ratio(0.2, 0.5, kernel=kernel)
    phonon.side_jump_conductivity(np.array([0.0, 0.2, 3.0]), -0.5, kernel=kernel)
    for kind in phonon.IMPURITIES:
        phonon.side_jump_mixed(np.array([0.1, 2.0]), 0.5, 1e-3, impurity=kind, kF_xi=1.0, kernel=kernel)
phonon.resistivity_bg(np.array([0.1, 2.0]), 0.5)
phonon.PhononDiracMetal(5e5, 8e-21, 1.6e-20, 2e4, 1.6e-18, 7.6e-7).side_jump_conductivity(30.0)
from dragbook import chiral
solver = chiral.FermiSurfaceSolver(20 * units.meV, 3e5, 100 * units.meV, 0.0, 1e-13, 0.01)
solver.angle_response(np.array([0.1, 0.2]), 0.3, "paper")
chiral.anomaly_fraction(0.1, "paper-proper-inverse", 0.05)
chiral.paper_coefficient(0.05 * units.meV, 0, 0.1 * units.meV, 0.05, "+")
chiral.paper_coefficient(1 * units.meV, 0.3 * units.meV, 0.1 * units.meV, 0.0)
from dragbook import ahe
meV = units.meV
ahe.massive_dirac_hall(np.array([1.0, 2.0]), 1.0); ahe.massive_dirac_hall(2.0, 1.0)
ahe.hall_conductivities(3 * meV, meV, 0.1, 0.1, 5.0); ahe.hall_conductivities(np.array([3.0]) * meV, meV, 0.1)
ahe.intrinsic_hall(np.linspace(0, 1, 5), 0.3, 2.0); ahe.sigma_xx(2.0, 1.0, 0.1)
ahe.qwz_chern_number(1.0); ahe.qwz_chern_number(-1.0, nk=20)
ahe.weyl_lattice_hall(1.0); ahe.weyl_lattice_hall(np.array([1.0, 2.0]), 10, 10)
ahe.weyl_continuum_hall(0.1 * meV, meV, 0.2 * meV, 3e5)
ahe.fermi_circle_transport(-2.0, 1.0, 0.1, 0.0, 32)
ahe.spin_orbit_torque(2 * meV, meV, 0.1, [1e4, 0], 3e5)
H = np.zeros((4, 4, 2, 2), complex); H[..., 0, 0] = 1; H[..., 1, 1] = -1
ahe.berry_curvature_grid(H, 0.5, 0.5, periodic=False); ahe.berry_curvature_grid(H, 0.5, 0.5, band=1)
from dragbook import halldrag
wb = halldrag.WeylMetalBilayer(60 * units.meV, 1.9e5, 2e-12, 4.7e9, 0.3, 15e-9, 1e15, 0.067, 2e-11, 40e-9, 12.0)
for T in (5.0, np.array([1.0, 50.0])):
    halldrag.drag_conductivity(wb, T)
    halldrag.drag_resistivity(wb, T, screening="rpa")
halldrag.q_functions(np.array([0.5, 2.0]), paper_text=True)
from dragbook import dynamic_rpa
for T in (0.0, 5.0):
    dynamic_rpa.density_response(gaas.active, np.array([1e8]), np.array([1e12]), T)
    dynamic_rpa.screened_interaction(gaas, np.array([1e8]), np.array([1e12]), T)
    dynamic_rpa.plasmon_frequencies(gaas, 1e7, T)
drag.rho_drag(gaas, np.array([1.0, 5.0]), screening="dynamic")
dynamic_rpa.drag_integrand(gaas, 5.0, np.array([1e7]), np.array([1e12]))
for T in (0.0, 5.0):
    dynamic_rpa.density_response(dirac.active, np.array([1e8]), np.array([1e12]), T)
drag.rho_drag(dirac, np.array([5.0]), screening="dynamic")
dynamic_rpa.drag_integrand(dirac, 5.0, np.array([1e8]), np.array([1e12]))
import importlib
print(sum(sum(d.stats.cache_misses.values()) for m in cli.PHYSICS_MODULES
          for d in cli._kernels(importlib.import_module(m)).values()))
"""


def test_after_warmup_the_public_api_compiles_nothing():
    """dragbook warmup caches every kernel: a new process then loads all of them, compiling none."""
    subprocess.run([sys.executable, "-m", "dragbook.cli", "warmup"], check=True, capture_output=True)
    out = subprocess.run([sys.executable, "-c", PUBLIC_CALLS], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "0", "kernels compiled after warm-up: " + out.stdout


def test_warmup_reports_what_it_compiled():
    out = io.StringIO()
    cli.warmup(out)
    text = out.getvalue()
    assert "dragbook.drag:" in text and "signature(s)" in text and "warm-up done" in text


def test_info_reports_versions_and_frontend_pieces():
    out = io.StringIO()
    assert cli.info(out), out.getvalue()
    text = out.getvalue()
    assert "bokeh" in text and "numba cache" in text and "@bokeh/jupyter_bokeh: installed" in text


def test_notebooks_come_from_this_checkout():
    source, in_checkout = cli.notebook_source()
    assert in_checkout and source == REPO / "notebooks"


def test_notebooks_copy_keeps_a_students_edits(tmp_path):
    names = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    cli.copy_notebooks(tmp_path, out=io.StringIO())
    assert sorted(p.name for p in tmp_path.glob("*.ipynb")) == names
    edited = tmp_path / names[0]
    edited.write_text(edited.read_text() + " ")
    out = io.StringIO()
    cli.copy_notebooks(tmp_path, out=out)
    assert edited.read_text().endswith(" ") and f"kept your edited {edited}" in out.getvalue()
    assert "copied" not in out.getvalue()   # the unchanged copies are left alone too
    cli.copy_notebooks(tmp_path, force=True, out=io.StringIO())
    assert edited.read_bytes() == (REPO / "notebooks" / names[0]).read_bytes()


def test_notebooks_copy_updates_an_unedited_copy_of_an_older_release(tmp_path):
    """A copy still as dragbook wrote it (recorded by hash) follows the installed release; an edited one stays."""
    names = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    cli.copy_notebooks(tmp_path, out=io.StringIO())
    record = tmp_path / ".dragbook-notebooks.json"
    old = tmp_path / names[1]
    old.write_text('{"cells": []}')   # as an older release wrote it ...
    written = json.loads(record.read_text())
    written[names[1]] = hashlib.sha256(old.read_bytes()).hexdigest()
    record.write_text(json.dumps(written))
    cli.copy_notebooks(tmp_path, out=io.StringIO())
    assert old.read_bytes() == (REPO / "notebooks" / names[1]).read_bytes()


def test_warmup_cache_dir_needs_a_fresh_process(tmp_path):
    import dragbook.drag  # noqa: F401  (its kernels now have a cache location)

    with pytest.raises(RuntimeError, match="new process"):
        cli.warmup(io.StringIO(), cache_dir=tmp_path)
