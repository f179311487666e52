"""Re-pin the stack from pyproject.toml (``make pins``): two files, one resolution.

* ``binder/requirements.txt``: what Binder and a course hub run, pyproject's dependencies and its ``binder``
  extra (the Notebook 7 front end matching the pinned jupyterlab, Voila), nothing test-only;
* ``tests/requirements.txt``: ``-r ../binder/requirements.txt`` plus the ``test`` extra resolved on top of exactly
  those pins, what ``make test`` (CI) installs. So CI tests what Binder runs.

Pins are resolved by pip for the oldest Python that pyproject accepts (``requires-python``, e.g. 3.11 means
3.11.0), from wheels, so they install on every Python pyproject accepts: a newer release of a dependency that
needs, say, 3.11.5 (soupsieve 4) is not picked. Then, in a scratch virtual environment, the Binder pins are
installed over the server packages repo2docker puts in its base environment and ``pip check`` must pass (the
base environment's ``notebook`` must not be left behind by the pinned ``jupyterlab``).

Usage: ``python tools/pins.py [--no-check]``, from the repository root.
"""

import json
import pathlib
import subprocess
import sys
import tempfile
import tomllib

REPO = pathlib.Path(__file__).resolve().parents[1]
RUNTIME, TEST = REPO / "binder" / "requirements.txt", REPO / "tests" / "requirements.txt"
#: repo2docker's base server environment for Python 3.11 (buildpacks/conda/environment.py-3.11.yml, conda-forge;
#: the same packages from PyPI here), with the notebook release measured on mybinder.org.
REPO2DOCKER_BASE = ["ipywidgets==8.*", "jupyter-offlinenotebook==0.3.*", "jupyter-resource-usage==1.*",
                    "jupyter_server==2.*", "jupyterhub==5.*", "jupyterlab==4.*", "notebook==7.4.7"]


def oldest_python(project):
    spec = project["requires-python"].strip()
    if not spec.startswith(">="):
        raise SystemExit(f"requires-python {spec!r}: expected '>=X.Y'")
    return spec[2:]


def resolve(requirements, python, constraints=None):
    """``{name: version}`` of everything pip would install for ``requirements`` on ``python``."""
    cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet", "--report", "-",
           "--only-binary=:all:", "--python-version", python, *requirements]
    if constraints:
        cmd += ["-c", str(constraints)]
    report = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    return {item["metadata"]["name"]: item["metadata"]["version"] for item in report["install"]}


def write(path, header, pins, first=()):
    ordered = sorted(pins.items(), key=lambda pin: pin[0].lower())
    lines = [*header, *first, *(f"{name}=={version}" for name, version in ordered)]
    path.write_text("\n".join(lines) + "\n")


def check_with_repo2docker_base(python_exe):
    """Install the base environment, then the Binder pins over it, then ``pip check``."""
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([python_exe, "-m", "venv", scratch], check=True)
        pip = [f"{scratch}/bin/python", "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, *REPO2DOCKER_BASE], check=True)
        subprocess.run([*pip, "-r", str(RUNTIME)], check=True)
        subprocess.run([f"{scratch}/bin/python", "-m", "pip", "check"], check=True)
    print("pip check passed: Binder pins over repo2docker's base environment")


def main(argv):
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    python = oldest_python(project)
    extras = project["optional-dependencies"]
    runtime = resolve([*project["dependencies"], *extras["binder"]], python)
    write(RUNTIME, ["# Exact pins of what Binder and a course hub run: pyproject's dependencies and its binder extra,",
                    f"# resolved for Python {python} (requires-python). Written by `make pins`; CI installs these",
                    "# plus tests/requirements.txt."], runtime)
    everything = resolve([*project["dependencies"], *extras["binder"], *extras["test"]], python, RUNTIME)
    test_only = {name: v for name, v in everything.items() if name not in runtime}
    write(TEST, ["# The test extra, resolved on top of exactly the Binder pins: what `make test` (CI) installs.",
                 "# Written by `make pins`."], test_only, first=["-r ../binder/requirements.txt"])
    print(f"{RUNTIME.relative_to(REPO)}: {len(runtime)} pins; {TEST.relative_to(REPO)}: {len(test_only)} more")
    if "--no-check" not in argv:
        check_with_repo2docker_base(sys.executable)


if __name__ == "__main__":
    main(sys.argv[1:])
