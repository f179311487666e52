"""dragbook as a pip user and a course hub get it: a wheel built from this tree, installed with the Binder pins in
a fresh virtual environment, and an unprivileged user to run it. Shared by test_install.py and
test_readonly_cache.py (built once per session).

The environment is made with the system's Python (``/usr/bin/python3``, or ``DRAGBOOK_INSTALL_PYTHON``): the
default Python of a CI machine may live in root's home, which another user cannot read. It is not made with
``--system-site-packages``: the tests must see what the wheel and its pinned dependencies provide, nothing else.
pip's download cache (the one `make test` has just filled) makes the install quick.
"""

import atexit
import functools
import os
import pathlib
import pwd
import shutil
import subprocess
import sys
import tempfile
from types import SimpleNamespace

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = os.environ.get("DRAGBOOK_INSTALL_PYTHON", "/usr/bin/python3")
STUDENT = "dragbook-student"
#: Skipped when copying the tree to build the wheel: local environments, caches, build leftovers.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv*", ".pins-venv", "build", "dist", "*.egg-info", "__pycache__",
                                    ".ipynb_checkpoints", ".pytest_cache", "browser-artifacts")


def _run(cmd, **kwargs):
    done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if done.returncode:
        raise AssertionError(f"{' '.join(map(str, cmd))} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


@functools.lru_cache(maxsize=None)
def installed():
    """The fresh environment: ``base`` (a folder every user can read), ``bin``, ``python``, ``package`` (the
    installed ``dragbook`` folder)."""
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        pytest.fail(f"no system Python at {SYSTEM_PYTHON} (set DRAGBOOK_INSTALL_PYTHON)")
    base = pathlib.Path(tempfile.mkdtemp(prefix="dragbook-install-"))
    atexit.register(_remove, base)
    base.chmod(0o755)
    shutil.copytree(REPO, base / "src", ignore=NOT_SOURCE)
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", base / "dist", base / "src"])
    (wheel,) = (base / "dist").glob("dragbook-*.whl")
    # pip's own settings (index, proxy) and cache kept; no PYTHONPATH: a checkout on it counts as installed
    own = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    _run([SYSTEM_PYTHON, "-m", "venv", base / "venv"], env=own)
    python = base / "venv" / "bin" / "python"
    _run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], env=own)   # Debian's pip 23.0 has
    # its own cache format: the current pip reuses the wheels `make test` has just downloaded
    _run([python, "-m", "pip", "install", "--quiet", "-r", REPO / "binder" / "requirements.txt", wheel], env=own)
    package = pathlib.Path(_run([python, "-c", "import dragbook; print(dragbook.__file__)"], cwd=base,
                                env=clean_env(base)).stdout.strip()).parent
    return SimpleNamespace(base=base, bin=base / "venv" / "bin", python=python, package=package, wheel=wheel)


def _remove(base):
    subprocess.run(["chmod", "-R", "u+w", base], check=False)
    shutil.rmtree(base, ignore_errors=True)


def clean_env(home, **extra):
    """An environment without this test run's PYTHONPATH, virtual environment or numba settings."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", **extra}
    return {k: str(v) for k, v in env.items()}


@functools.lru_cache(maxsize=None)
def student():
    """``(uid, gid)`` of an unprivileged user (created when running as root, as CI does), or None: not root,
    the tests then run as the current user, which owns nothing it could write in the shared install."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(STUDENT)
    except KeyError:
        _run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", STUDENT])
        entry = pwd.getpwnam(STUDENT)
    return entry.pw_uid, entry.pw_gid


def student_dir(path, writable):
    """Make ``path``: the student's own (writable) or someone else's that the student can only read."""
    path = pathlib.Path(path)
    path.mkdir(parents=True, exist_ok=True)
    if student() is not None and writable:
        os.chown(path, *student())
    path.chmod(0o755 if writable or student() is not None else 0o555)
    return path


def as_student(cmd, env, **kwargs):
    """Run ``cmd`` as the unprivileged user; returns the CompletedProcess (text)."""
    ids = student()
    user = {} if ids is None else {"user": ids[0], "group": ids[1], "extra_groups": []}
    return subprocess.run(cmd, env=env, capture_output=True, text=True, **user, **kwargs)


def read_only(path):
    """Nobody but root writes below ``path`` any more (a shared install)."""
    _run(["chmod", "-R", "a-w", path])
