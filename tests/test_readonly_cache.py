"""A course hub's shared, read-only install (dragbook._numba_cache): root installs the wheel and runs ``dragbook
warmup``; a student who cannot write there loads that cache without compiling anything, from a writable home
or, with a single warning, from none at all, and a kernel the shared cache lacks compiles instead of failing.
Run as an unprivileged user on the wheel in a fresh virtual environment (install_env)."""

import hashlib
import json
import math
import pathlib
import shutil
import subprocess

import pytest

from install_env import REPO, as_student, clean_env, installed, read_only, student_dir

pytestmark = pytest.mark.install

#: Builds notebook 01's first explorer (its kernels run while it builds), then counts the kernels numba
#: compiled rather than loaded and the CacheWarnings raised. Prints JSON. The time is the process's CPU time:
#: on a loaded CI machine wall time measures the neighbours (on an idle one the two are close); compiling the
#: kernels this explorer needs instead of loading them costs about 19 s of CPU (1.5 s loading them).
FIRST_EXPLORER = """
import time
start = time.process_time()
import json, sys, warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from dragbook.ui.drag import DragTemperatureExplorer
    DragTemperatureExplorer()
    seconds = time.process_time() - start
    from dragbook import cli
    compiled = sum(sum(kernel.stats.cache_misses.values()) for name in cli.PHYSICS_MODULES if name in sys.modules
                   for kernel in cli._kernels(sys.modules[name]).values())
print(json.dumps({"seconds": seconds, "compiled": compiled,
                  "cache_warnings": [str(w.message) for w in caught if type(w.message).__name__ == "CacheWarning"]}))
"""

#: One small kernel when nothing is cached: it must compile and give the right number instead of failing to
#: save. Bloch-Gruneisen resistivity far above T_BG: rho/rho_BG -> (pi/16)(1 + 3a^2) T/T_BG, corrections
#: O((T_BG/T)^2), 1e-4 at T = 20 T_BG (C. Xiao et al., "Theory of phonon side jump contribution in
#: anomalous Hall transport"; dragbook.phonon.resistivity_bg_limits).
ONE_KERNEL = """
import json, warnings
import numpy as np
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from dragbook import phonon
    value = float(phonon.resistivity_bg(np.array([20.0]), 0.5)[0])
print(json.dumps({"value": value, "cache_warnings": sum(type(w.message).__name__ == "CacheWarning" for w in caught)}))
"""


def _seed(cache_dir):
    """Copy the cache `make test` has just warmed for this tree into ``cache_dir``: its entries fit the wheel's
    byte-identical sources (numba keys them by a hash of the source, not its path), so root's warmup below
    loads them instead of compiling everything twice more. An empty cache only makes that warmup slower."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    for entry in (REPO / "dragbook" / "__pycache__").glob("*.nb[ic]"):
        shutil.copy2(entry, cache_dir / entry.name)


@pytest.fixture(scope="module")
def shared():
    """The wheel's install, warmed by root in site-packages and in a --cache-dir, then made read-only."""
    env = installed()
    hub = env.base / "hub-cache"
    _seed(env.package / "__pycache__")
    # numba's sub-folder of NUMBA_CACHE_DIR for a module's folder: its name and the SHA-1 of its path
    _seed(hub / f"dragbook_{hashlib.sha1(str(env.package).encode()).hexdigest()}")
    for args in ([], ["--cache-dir", hub]):
        subprocess.run([env.bin / "dragbook", "warmup", *args], check=True, capture_output=True,
                       env=clean_env(env.base, PATH=f"{env.bin}:/usr/bin:/bin"))
    assert list((env.package / "__pycache__").glob("*.nbi")), "root's warmup wrote no cache beside the package"
    read_only(env.base / "venv")
    read_only(env.base / "hub-cache")
    return env


def _run(env, code, home, **extra):
    done = as_student([env.python, "-c", code], clean_env(home, **extra), cwd=home)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_student_with_a_home_loads_the_shared_cache(shared):
    home = student_dir(shared.base / "student-home", writable=True)
    result = _run(shared, FIRST_EXPLORER, home)
    assert result["compiled"] == 0 and not result["cache_warnings"], result
    assert result["seconds"] < 3.0, result
    assert list(home.glob(".cache/numba/*/*.nbi")), "the per-user cache holds no links to the shared one"


def test_student_reads_a_hub_cache_dir(shared):
    home = student_dir(shared.base / "student-home-hub", writable=True)
    result = _run(shared, FIRST_EXPLORER, home, NUMBA_CACHE_DIR=shared.base / "hub-cache")
    assert result["compiled"] == 0 and not result["cache_warnings"], result


def test_student_without_a_writable_home_runs_with_one_warning(shared):
    home = student_dir(shared.base / "nobody-home", writable=False)
    result = _run(shared, FIRST_EXPLORER, home)
    assert result["compiled"] == 0, result
    assert len(result["cache_warnings"]) == 1 and "no writable numba cache" in result["cache_warnings"][0], result
    warm = as_student([shared.bin / "dragbook", "warmup"], clean_env(home, PATH=f"{shared.bin}:/usr/bin:/bin"),
                      cwd=home)
    assert warm.returncode == 0 and "warm-up done" in warm.stdout, warm.stderr[-3000:]


def test_nothing_cached_nothing_writable_compiles_for_the_session(shared):
    home = student_dir(shared.base / "nobody-home-2", writable=False)
    empty = student_dir(shared.base / "empty-cache", writable=False)
    result = _run(shared, ONE_KERNEL, home, NUMBA_CACHE_DIR=empty)
    assert result["value"] == pytest.approx(math.pi / 16 * (1 + 3 * 0.5**2) * 20.0, rel=1e-3)
    assert result["cache_warnings"] == 1, result
    assert not list(pathlib.Path(empty).iterdir())
