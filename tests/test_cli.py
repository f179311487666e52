"""The dragbook command: warmup fills the numba cache for every kernel the public API uses; info reports the stack."""

import io
import subprocess
import sys

from dragbook import cli

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
from dragbook import dynamic_rpa
for T in (0.0, 5.0):
    dynamic_rpa.density_response(gaas.active, np.array([1e8]), np.array([1e12]), T)
    dynamic_rpa.screened_interaction(gaas, np.array([1e8]), np.array([1e12]), T)
    dynamic_rpa.plasmon_frequencies(gaas, 1e7, T)
drag.rho_drag(gaas, np.array([1.0, 5.0]), screening="dynamic")
dynamic_rpa.drag_integrand(gaas, 5.0, np.array([1e7]), np.array([1e12]))
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
