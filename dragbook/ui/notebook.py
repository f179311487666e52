"""Notebook set-up: BokehJS inline on the page and a version check with a one-line fix.

Every notebook calls :func:`setup_notebook` in its first cell. ``jupyter_bokeh.BokehModel`` draws with the
BokehJS already on the page (``window.Bokeh``); without it a plot shows "Click to show javascript error".
Loading it inline means nothing is fetched from a CDN, so the notebooks work offline.
"""

from importlib.metadata import PackageNotFoundError, version

from packaging.specifiers import SpecifierSet
from packaging.version import Version

__all__ = ["setup_notebook", "version_report", "REQUIRED"]

# The ranges the front-end pieces must fall in to work together (jupyter_bokeh 4 needs bokeh 3,
# ipywidgets 8 and JupyterLab 4). They mirror pyproject.toml.
REQUIRED = {
    "bokeh": ">=3.4,<4",
    "jupyter_bokeh": ">=4.0.5,<5",
    "ipywidgets": ">=8.1,<9",
    "jupyterlab_widgets": ">=3,<4",
    "jupyterlab": ">=4.1,<5",
}


def _installed(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def version_report():
    """Return ``(versions, problems)``: installed versions and the packages outside :data:`REQUIRED`."""
    versions = {name: _installed(name) for name in REQUIRED}
    problems = [
        name for name, found in versions.items()
        if found is None or Version(found) not in SpecifierSet(REQUIRED[name])
    ]
    return versions, problems


def setup_notebook(quiet=False):
    """Load BokehJS inline and check the versions of the front-end stack.

    Prints one line with the versions, and on a mismatch one line with the ``pip install`` that fixes it
    (:func:`version_report` gives the same information as data).
    """
    from bokeh.io import output_notebook
    from bokeh.resources import INLINE

    from . import static

    if not static.active():          # the static edition loads BokehJS once per page, not in every output
        output_notebook(resources=INLINE, hide_banner=True)
    versions, problems = version_report()
    if not quiet:
        import dragbook

        shown = ", ".join(f"{k} {v or 'missing'}" for k, v in versions.items())
        print(f"dragbook {dragbook.__version__}: {shown}")
    if problems:
        pins = " ".join(f"'{name}{REQUIRED[name]}'" for name in problems)
        print(f"Version mismatch in {', '.join(problems)}. Fix: pip install {pins}  (then restart the kernel "
              "and reload the page)")
