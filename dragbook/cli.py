"""The ``dragbook`` command: ``dragbook lab``, ``dragbook warmup``, ``dragbook info``, ``dragbook solutions``.

``warmup`` compiles every numba kernel of the physics modules into the on-disk cache, so the first slider
move in a notebook does not wait for compilation (Binder's postBuild runs it with NUMBA_CPU_NAME=generic).
"""

import argparse
import importlib
import os
import pathlib
import subprocess
import sys
import time

__all__ = ["main", "PHYSICS_MODULES"]

#: Physics modules, each with a ``warmup()`` that calls every one of its kernels once.
PHYSICS_MODULES = ("dragbook.drag", "dragbook.dynamic_rpa", "dragbook.halldrag", "dragbook.ahe", "dragbook.chiral",
                   "dragbook.phonon")

LAB_EXTENSIONS = {
    "ipywidgets": "@jupyter-widgets/jupyterlab-manager",
    "jupyter_bokeh": "@bokeh/jupyter_bokeh",
}


def _kernels(module):
    """The numba dispatchers defined in ``module``, by name."""
    from numba.core.registry import CPUDispatcher

    return {name: obj for name, obj in vars(module).items()
            if isinstance(obj, CPUDispatcher) and obj.__module__ == module.__name__}


def warmup(out=sys.stdout):
    """Compile (or load from the cache) every kernel; print what was compiled and how long it took."""
    total = time.perf_counter()
    for name in PHYSICS_MODULES:
        start = time.perf_counter()
        module = importlib.import_module(name)
        module.warmup()
        entry = {k: d for k, d in _kernels(module).items() if d.signatures}   # callees compile inline
        print(f"{name}: {len(entry)} entry kernels ready in {time.perf_counter() - start:.2f} s", file=out)
        for kname, kernel in sorted(entry.items()):
            hits, misses = sum(kernel.stats.cache_hits.values()), sum(kernel.stats.cache_misses.values())
            print(f"    {kname}: {len(kernel.signatures)} signature(s), "
                  f"{hits} loaded from cache, {misses} compiled", file=out)
    print(f"warm-up done in {time.perf_counter() - total:.2f} s "
          f"(NUMBA_CPU_NAME={os.environ.get('NUMBA_CPU_NAME', 'host')})", file=out)


def _labextensions():
    """Installed JupyterLab prebuilt extensions among those the notebooks need: name -> bool."""
    from jupyter_core.paths import jupyter_path

    dirs = [pathlib.Path(p) for p in jupyter_path("labextensions")]
    return {pkg: any((d / ext).is_dir() for d in dirs) for pkg, ext in LAB_EXTENSIONS.items()}


def info(out=sys.stdout):
    """Print versions, the numba cache location and the front-end pieces JupyterLab needs."""
    import bokeh
    import numba

    import dragbook
    from dragbook.ui.notebook import version_report

    versions, problems = version_report()
    print(f"dragbook {dragbook.__version__} (Python {sys.version.split()[0]}, numba {numba.__version__})", file=out)
    for name, found in versions.items():
        print(f"  {name:20s} {found or 'missing'}{'  <- out of range' if name in problems else ''}", file=out)
    cache = numba.config.CACHE_DIR or "__pycache__ beside each module (" + str(
        pathlib.Path(dragbook.__file__).parent / "__pycache__") + ")"
    print(f"numba cache: {cache}; NUMBA_CPU_NAME={os.environ.get('NUMBA_CPU_NAME', '(host CPU)')}", file=out)
    bokehjs = pathlib.Path(bokeh.__file__).parent / "server" / "static" / "js" / "bokeh.min.js"
    print(f"BokehJS for inline loading: {'found' if bokehjs.is_file() else 'MISSING'} ({bokehjs})", file=out)
    extensions = _labextensions()
    for pkg, found in extensions.items():
        print(f"JupyterLab extension {LAB_EXTENSIONS[pkg]}: {'installed' if found else 'MISSING'}", file=out)
    return not problems and bokehjs.is_file() and all(extensions.values())


def lab(extra):
    """Start JupyterLab on the notebooks folder of a source checkout (or the current folder)."""
    here = pathlib.Path.cwd()
    root = next((p / "notebooks" for p in (here, *here.parents) if (p / "notebooks").is_dir()), here)
    cmd = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}", *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        cmd.append("--allow-root")   # containers and Binder-like images often run as root
    return subprocess.call(cmd)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="dragbook", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("lab", help="open JupyterLab on the notebooks (extra arguments go to jupyter lab)")
    sub.add_parser("warmup", help="compile and cache every numba kernel")
    sub.add_parser("info", help="versions, numba cache, JupyterLab extensions")
    sol = sub.add_parser("solutions", help="the full solution of every exercise (Markdown), for lecturers")
    sol.add_argument("notebook", nargs="?", help="only this notebook's exercises, e.g. 01")
    args, extra = parser.parse_known_args(argv)
    if args.command == "lab":
        return lab(extra)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "warmup":
        warmup()
        return 0
    if args.command == "solutions":
        from dragbook.ui.exercises import solutions_markdown

        try:
            print(solutions_markdown(args.notebook))
        except ValueError as err:
            parser.error(str(err))
        return 0
    return 0 if info() else 1


if __name__ == "__main__":
    sys.exit(main())
