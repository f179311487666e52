"""Fixtures for the browser tests: a JupyterLab server on a copy of the notebooks, and headless Chromium.

Environment variables:

- ``DRAGBOOK_CHROMIUM``: Chromium executable to use (see ``chromium.py`` for the search order).
- ``DRAGBOOK_REQUIRE_BROWSER=1``: fail, instead of skip, when Chromium or Playwright is missing (CI).
- ``DRAGBOOK_NOTEBOOK_DIR``: directory of the notebooks to test (default ``<repo>/notebooks``).
- ``DRAGBOOK_BROWSER_ARTIFACTS``: where screenshots and server logs go (default: a new temp dir).
- ``DRAGBOOK_BROWSER_HEADFUL=1``: show the browser window (debugging on a desktop).
- ``DRAGBOOK_LAB_THEME``: JupyterLab theme to run in, e.g. ``JupyterLab Dark`` (default: the light theme).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

from chromium import CHROMIUM_ARGS, HOW_TO_GET_CHROMIUM, find_chromium  # noqa: E402

SERVER_START_TIMEOUT = 90  # s, JupyterLab answering /api/status


def require_browser() -> bool:
    return os.environ.get("DRAGBOOK_REQUIRE_BROWSER", "") not in ("", "0", "false", "no")


def skip_or_fail(message: str):
    """Skip the browser tests, or fail them when DRAGBOOK_REQUIRE_BROWSER=1."""
    if require_browser():
        pytest.fail(f"{message} (DRAGBOOK_REQUIRE_BROWSER=1, so this is an error)", pytrace=False)
    pytest.skip(message)


def notebook_dir() -> Path:
    env = os.environ.get("DRAGBOOK_NOTEBOOK_DIR", "").strip()
    return Path(env).expanduser().resolve() if env else REPO / "notebooks"


def notebook_names() -> list[str]:
    """Every ``*.ipynb`` of the notebook directory (not recursive), sorted."""
    d = notebook_dir()
    if not d.is_dir():
        return []
    return sorted(p.name for p in d.glob("*.ipynb") if not p.name.startswith("."))


# --------------------------------------------------------------------------------------------------
# artifacts


_ARTIFACTS: list[Path] = []


def pytest_terminal_summary(terminalreporter):
    if _ARTIFACTS:
        terminalreporter.write_line(f"browser tests: screenshots and logs in {_ARTIFACTS[0]}")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    env = os.environ.get("DRAGBOOK_BROWSER_ARTIFACTS", "").strip()
    if env:
        path = Path(env).expanduser().resolve()
        path.mkdir(parents=True, exist_ok=True)
    else:
        path = Path(tempfile.mkdtemp(prefix="dragbook-browser-"))
    print(f"\n[browser tests] screenshots and logs in {path}")
    _ARTIFACTS.append(path)
    return path


# --------------------------------------------------------------------------------------------------
# JupyterLab server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5.0) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 (localhost only)
        return r.read()


def _post(url: str, timeout: float = 5.0) -> None:
    req = urllib.request.Request(url, data=b"", method="POST")
    with urllib.request.urlopen(req, timeout=timeout):  # noqa: S310 (localhost only)
        pass


def _pids_with_arg(marker: str) -> list[int]:
    """Pids of processes whose command line mentions ``marker`` (our private runtime dir)."""
    pids = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if marker in cmdline and int(entry.name) != os.getpid():
            pids.append(int(entry.name))
    return pids


class LabServer:
    def __init__(self, base: Path, notebooks: Path):
        self.base = base
        self.root = base / "notebooks"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = base / "jupyterlab.log"
        self.runtime_dir = base / "runtime"
        self.proc: subprocess.Popen | None = None
        shutil.copytree(notebooks, self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))

    def _env(self) -> dict[str, str]:
        base = self.base
        # A kernelspec "python3" that runs *this* Python, first on JUPYTER_PATH, so the kernel uses the
        # environment under test whatever kernelspecs the user has installed.
        data = base / "jupyter-data"
        spec = data / "kernels" / "python3"
        spec.mkdir(parents=True, exist_ok=True)
        (spec / "kernel.json").write_text(
            json.dumps(
                {
                    "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                    "display_name": "Python 3 (ipykernel)",
                    "language": "python",
                    "metadata": {"debugger": True},
                }
            )
        )
        env = dict(os.environ)
        for sub in ("config", "settings", "workspaces", "ipython"):
            (base / sub).mkdir(exist_ok=True)
        self.runtime_dir.mkdir(exist_ok=True)
        # No "Would you like to get notified about official Jupyter news?" toast over the plots.
        notification = base / "settings" / "@jupyterlab" / "apputils-extension"
        notification.mkdir(parents=True, exist_ok=True)
        (notification / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False})
        )
        theme = os.environ.get("DRAGBOOK_LAB_THEME", "").strip()
        if theme:  # e.g. to look at the figures in the dark theme
            (notification / "themes.jupyterlab-settings").write_text(json.dumps({"theme": theme}))
        env.update(
            JUPYTER_PATH=os.pathsep.join([str(data), *filter(None, [env.get("JUPYTER_PATH")])]),
            JUPYTER_CONFIG_DIR=str(base / "config"),  # no user server/lab config
            JUPYTER_RUNTIME_DIR=str(self.runtime_dir),
            JUPYTERLAB_SETTINGS_DIR=str(base / "settings"),  # no user lab settings
            JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
            IPYTHONDIR=str(base / "ipython"),  # no user IPython startup files
            # The notebooks import the checkout under test, whether or not it is installed.
            PYTHONPATH=os.pathsep.join([str(REPO), *filter(None, [env.get("PYTHONPATH")])]),
            PYTHONUNBUFFERED="1",
        )
        env.pop("JUPYTER_PREFER_ENV_PATH", None)
        return env

    def start(self) -> None:
        cmd = [
            sys.executable, "-m", "jupyter", "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            "--IdentityProvider.token=",
            "--PasswordIdentityProvider.hashed_password=",
            "--ServerApp.disable_check_xsrf=True",
            f"--ServerApp.root_dir={self.root}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            # window.jupyterapp: the test runs commands and reads the kernel status through it.
            "--LabApp.expose_app_in_browser=True",
        ]  # fmt: skip
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")  # containers and CI images often run as root
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            cmd,
            cwd=self.root,
            env=self._env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # own process group, killed as a whole at the end
        )
        log.close()
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                json.loads(_get(f"{self.url}/api/status", timeout=2))
                _get(f"{self.url}/lab", timeout=10)
                return
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {SERVER_START_TIMEOUT} s:\n{self.log_tail()}")

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        proc = self.proc
        if proc is None:
            return
        self.proc = None
        if proc.poll() is None:
            try:  # graceful: the server shuts its kernels down
                _post(f"{self.url}/api/shutdown", timeout=5)
                proc.wait(timeout=15)
            except (urllib.error.URLError, OSError, subprocess.TimeoutExpired):
                pass
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            if proc.poll() is not None:
                break
            try:
                os.killpg(proc.pid, sig)
                proc.wait(timeout=wait)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        # Kernels run in their own sessions; kill any the server left behind. They are found by our
        # private runtime dir (their connection file) on their command line.
        for pid in _pids_with_arg(str(self.runtime_dir)):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory, artifacts_dir):
    names = notebook_names()
    if not names:
        pytest.skip(f"no notebooks in {notebook_dir()}")
    server = LabServer(tmp_path_factory.mktemp("lab"), notebook_dir())
    try:
        server.start()
    except BaseException:
        shutil.copy(server.log_path, artifacts_dir / "jupyterlab.log")
        raise
    yield server
    server.stop()
    shutil.copy(server.log_path, artifacts_dir / "jupyterlab.log")


# --------------------------------------------------------------------------------------------------
# Chromium through Playwright


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = find_chromium()
    if path is None:
        env = os.environ.get("DRAGBOOK_CHROMIUM", "").strip()
        prefix = f"DRAGBOOK_CHROMIUM={env!r} is not an executable; " if env else ""
        skip_or_fail(prefix + HOW_TO_GET_CHROMIUM)
    return path


@pytest.fixture(scope="session")
def browser(chromium_executable):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright is not installed: pip install playwright (or the 'test' extra)")
    headless = os.environ.get("DRAGBOOK_BROWSER_HEADFUL", "") in ("", "0")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_executable, headless=headless, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
