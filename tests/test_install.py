"""A pip user's dragbook: the wheel carries the notebooks, ``dragbook notebooks`` copies them without
overwriting a student's edits, notebook 00 runs from the copy, and ``dragbook lab`` serves this package's
notebooks only and stops when it is stopped. Run from a wheel in a fresh virtual environment (install_env)."""

import json
import signal
import socket
import subprocess
import time
import urllib.request
import zipfile

import pytest

from install_env import REPO, as_student, clean_env, installed, student, student_dir

pytestmark = pytest.mark.install

NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
#: Everything the wheel ships from notebooks/ (no checkpoints or other hidden files) and its top-level names.
SHIPPED = sorted(p.relative_to(REPO / "notebooks").as_posix() for p in (REPO / "notebooks").rglob("*")
                 if p.is_file() and not any(part.startswith(".") for part in p.relative_to(REPO / "notebooks").parts))
TOP_LEVEL = sorted({name.split("/")[0] for name in SHIPPED})


@pytest.fixture(scope="module")
def env():
    return installed()


@pytest.fixture(scope="module")
def home(env):
    return student_dir(env.base / "pip-user", writable=True)


def test_wheel_ships_the_notebooks_and_licences(env):
    names = zipfile.ZipFile(env.wheel).namelist()
    assert sorted(n[len("dragbook/notebooks/"):] for n in names if n.startswith("dragbook/notebooks/")) == SHIPPED
    assert {"LICENSE", "LICENSE-CONTENT"} <= {n.split("/")[-1] for n in names if "/licenses/" in n}
    assert not [n for n in names if n.endswith((".nbi", ".nbc", ".pyc"))]


def test_notebooks_are_copied_and_edits_kept(env, home):
    target = home / "course"
    run = lambda *args: as_student([env.bin / "dragbook", "notebooks", target, *args], clean_env(home), cwd=home)
    first = run()
    assert first.returncode == 0, first.stderr
    assert sorted(p.name for p in target.glob("*.ipynb")) == NOTEBOOKS
    edited = target / NOTEBOOKS[1]
    as_student(["sh", "-c", f"echo '# my notes' >> {edited}"], clean_env(home))
    again = run()
    assert again.returncode == 0 and "kept your edited" in again.stdout and "# my notes" in edited.read_text()
    forced = run("--force")
    assert forced.returncode == 0 and "# my notes" not in edited.read_text()
    assert edited.read_bytes() == (REPO / "notebooks" / NOTEBOOKS[1]).read_bytes()


def test_notebook_00_runs_from_the_copy(env, home):
    target = home / "run00"
    assert as_student([env.bin / "dragbook", "notebooks", target], clean_env(home)).returncode == 0
    done = as_student([env.bin / "jupyter", "nbconvert", "--to", "notebook", "--execute", "--output", "executed.ipynb",
                       target / "00-start-here.ipynb"], clean_env(home, PATH=f"{env.bin}:/usr/bin:/bin"), cwd=target,
                      timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    cells = json.loads((target / "executed.ipynb").read_text())["cells"]
    errors = [o for c in cells if c["cell_type"] == "code" for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _contents(port, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents", timeout=2) as reply:
                return sorted(item["name"] for item in json.load(reply)["content"])
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"no JupyterLab on port {port} after {timeout} s")


def test_lab_serves_this_package_and_stops_with_it(env, home):
    """Outside a checkout, below a folder that has a ``notebooks`` of its own, ``dragbook lab`` serves the
    copies of the package's notebooks; stopping it (SIGTERM, as a hub or ``kill`` does) stops the server."""
    elsewhere = student_dir(home / "project" / "work", writable=True)
    student_dir(elsewhere.parent / "notebooks", writable=True)
    (elsewhere.parent / "notebooks" / "someone-elses.ipynb").write_text("{}")
    port = _free_port()
    ids = {} if student() is None else {"user": student()[0], "group": student()[1], "extra_groups": []}
    lab = subprocess.Popen([env.bin / "dragbook", "lab", "--no-browser", f"--port={port}", "--ServerApp.token=",
                            "--ServerApp.password=", "--LabApp.news_url=None"],
                           env=clean_env(home, PATH=f"{env.bin}:/usr/bin:/bin"), cwd=elsewhere,
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **ids)
    try:
        assert _contents(port) == TOP_LEVEL
        assert sorted(p.name for p in (elsewhere / "dragbook-notebooks").glob("*.ipynb")) == NOTEBOOKS
        lab.send_signal(signal.SIGTERM)
        lab.wait(timeout=30)
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, "the JupyterLab server outlived dragbook lab"
    finally:
        lab.kill()
