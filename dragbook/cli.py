"""The ``dragbook`` command: ``dragbook lab``, ``dragbook notebooks``, ``dragbook warmup``, ``dragbook info``,
``dragbook solutions``, ``dragbook site``.

``notebooks`` copies the notebooks shipped in the package into a folder of your own; ``lab`` opens JupyterLab
on them (in a source checkout: on the repository's ``notebooks/``). ``warmup`` compiles every numba kernel
of the physics modules into the on-disk cache, so the first slider move in a notebook does not wait for
compilation (Binder's postBuild runs it with NUMBA_CPU_NAME=generic; docs/deploy.md for a shared hub).
"""

import argparse
import hashlib
import importlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

__all__ = ["main", "PHYSICS_MODULES", "notebook_source", "copy_notebooks"]

#: Where ``dragbook notebooks`` and ``dragbook lab`` put the student's copies by default (relative to the
#: current folder).
DEFAULT_DIR = "dragbook-notebooks"

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


def warmup(out=sys.stdout, cache_dir=None):
    """Compile (or load from the cache) every kernel; print what was compiled and how long it took.

    ``cache_dir``: write the cache there instead of beside the modules (numba's ``NUMBA_CACHE_DIR``; a hub
    then exports ``NUMBA_CACHE_DIR`` with that path for its users, who read it, see docs/deploy.md). Only
    before any physics module is imported in this process: numba locates a kernel's cache when it is defined.
    """
    if cache_dir is not None:
        loaded = [name for name in PHYSICS_MODULES if name in sys.modules]
        if loaded:
            raise RuntimeError(f"warmup(cache_dir=...) after {', '.join(loaded)} was imported: their kernels "
                               "already have a cache location; run `dragbook warmup --cache-dir` in a new process")
        import numba

        pathlib.Path(cache_dir).mkdir(parents=True, exist_ok=True)
        numba.config.CACHE_DIR = str(pathlib.Path(cache_dir).resolve())
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
    from dragbook import _numba_cache, _quadrature

    cache = _quadrature.sort_unique._cache   # where this process loads and saves dragbook's kernels
    mode = "read-only" if isinstance(cache._impl.locator, _numba_cache._ReadOnlyLocator) else "writable"
    print(f"numba cache: {cache.cache_path} ({mode}); NUMBA_CPU_NAME={os.environ.get('NUMBA_CPU_NAME', '(host CPU)')}",
          file=out)
    bokehjs = pathlib.Path(bokeh.__file__).parent / "server" / "static" / "js" / "bokeh.min.js"
    print(f"BokehJS for inline loading: {'found' if bokehjs.is_file() else 'MISSING'} ({bokehjs})", file=out)
    extensions = _labextensions()
    for pkg, found in extensions.items():
        print(f"JupyterLab extension {LAB_EXTENSIONS[pkg]}: {'installed' if found else 'MISSING'}", file=out)
    return not problems and bokehjs.is_file() and all(extensions.values())


def notebook_source():
    """``(folder, in_checkout)``: the notebooks of this dragbook, never those of another project.

    An installed package holds them in ``dragbook/notebooks/`` (the wheel build copies them there); a source
    checkout (``pip install -e .``, or ``PYTHONPATH``) has them in the repository's ``notebooks/`` beside the
    package, their only copy in git."""
    package = pathlib.Path(__file__).resolve().parent
    if (package / "notebooks").is_dir():
        return package / "notebooks", False
    if (package.parent / "pyproject.toml").is_file() and (package.parent / "notebooks").is_dir():
        return package.parent / "notebooks", True
    raise FileNotFoundError(f"no notebooks beside {package}: reinstall dragbook from a wheel or a checkout")


def _sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_notebooks(directory, force=False, out=sys.stdout):
    """Copy the notebooks into ``directory`` and return it. A copy the student has changed is kept unless
    ``force``; one still as copied (``directory/.dragbook-notebooks.json`` records what was written) is
    updated to this release."""
    source, _ = notebook_source()
    directory = pathlib.Path(directory).expanduser()
    directory.mkdir(parents=True, exist_ok=True)
    record = directory / ".dragbook-notebooks.json"
    written = json.loads(record.read_text()) if record.is_file() else {}
    files = (p for p in sorted(source.rglob("*")) if p.is_file() and not any(
        part.startswith(".") or part == "__pycache__" for part in p.relative_to(source).parts))
    for path in files:   # the notebooks, and anything they need beside them (figures)
        name = path.relative_to(source).as_posix()
        target = directory / name
        if target.exists() and not force:
            current = _sha256(target)
            if current == _sha256(path):
                continue
            if current != written.get(name):
                print(f"kept your edited {target} (dragbook notebooks --force replaces it)", file=out)
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        written[name] = _sha256(target)
        print(f"copied {target}", file=out)
    record.write_text(json.dumps(written, indent=1) + "\n")
    return directory


def lab(directory, extra):
    """Replace this process by JupyterLab on the notebooks: the repository's own in a source checkout, else
    copies in ``directory`` (made or completed first). Replacing, not a child: stopping ``dragbook lab``
    (Ctrl-C, a signal) stops the server."""
    source, in_checkout = notebook_source()
    root = source if in_checkout and directory is None else copy_notebooks(directory or DEFAULT_DIR)
    cmd = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={pathlib.Path(root).resolve()}", *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        cmd.append("--allow-root")   # containers and Binder-like images often run as root
    sys.stdout.flush()
    if os.name != "posix":   # no exec on Windows: a child, which Ctrl-C reaches through the console
        return subprocess.call(cmd)
    os.execv(sys.executable, cmd)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="dragbook", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    lab_parser = sub.add_parser("lab", help="open JupyterLab on the notebooks (other arguments go to jupyter lab)")
    lab_parser.add_argument("--dir", help=f"folder of your copies of the notebooks (default: ./{DEFAULT_DIR}; "
                            "in a source checkout: its notebooks/)")
    copy_parser = sub.add_parser("notebooks", help="copy the notebooks into a folder of your own")
    copy_parser.add_argument("dir", nargs="?", default=DEFAULT_DIR, help=f"target folder (default: ./{DEFAULT_DIR})")
    copy_parser.add_argument("--force", action="store_true", help="replace copies you have edited")
    warm_parser = sub.add_parser("warmup", help="compile and cache every numba kernel")
    warm_parser.add_argument("--cache-dir", help="write the cache there (for NUMBA_CACHE_DIR of a shared install)")
    sub.add_parser("info", help="versions, numba cache, JupyterLab extensions")
    sol = sub.add_parser("solutions", help="the full solution of every exercise (Markdown), for lecturers")
    sol.add_argument("notebook", nargs="?", help="only this notebook's exercises, e.g. 01")
    site_parser = sub.add_parser("site", help="build the static edition: every notebook as HTML, offline")
    site_parser.add_argument("dir", nargs="?", default="site", help="output folder (default: ./site)")
    args, extra = parser.parse_known_args(argv)
    if args.command == "lab":
        return lab(args.dir, extra)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "notebooks":
        copy_notebooks(args.dir, args.force)
        return 0
    if args.command == "warmup":
        warmup(cache_dir=args.cache_dir)
        return 0
    if args.command == "solutions":
        from dragbook.ui.exercises import solutions_markdown

        try:
            print(solutions_markdown(args.notebook))
        except ValueError as err:
            parser.error(str(err))
        return 0
    if args.command == "site":
        from dragbook.ui import site

        folder, _ = notebook_source()
        site.build(args.dir, sorted(folder.glob("*.ipynb")))
        print(f"static edition in {pathlib.Path(args.dir).resolve()}/index.html")
        return 0
    return 0 if info() else 1


if __name__ == "__main__":
    sys.exit(main())
