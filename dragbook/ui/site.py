"""The static edition: every notebook executed and rendered to HTML that a browser shows with no kernel and
no network (``dragbook site DIR``, ``make site``).

Each notebook runs in a fresh kernel with ``DRAGBOOK_STATIC=1`` (see :mod:`dragbook.ui.static`): explorers
become standalone bokeh documents whose story slider switches precomputed frames, exercises show their hints
and solutions folded. nbconvert renders the page; BokehJS and MathJax are copied into ``DIR/static`` once
and loaded from there, and every reference to a CDN is removed. Each page links to its live version
(Binder) and to its neighbours.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

__all__ = ["build", "PAGE_BUDGET", "BINDER"]

#: Size budget of one page, bytes, without the shared ``static/`` folder (BokehJS, MathJax).
PAGE_BUDGET = 4_000_000

BINDER = "https://mybinder.org/v2/gh/dragbook/dragbook/main?urlpath=lab/tree/notebooks/"

_BOKEH_FILES = ("bokeh.min.js", "bokeh-widgets.min.js")
#: jupyter_server_mathjax ships the STIX-Web fonts only: MathJax must not look for its TeX fonts.
_MATHJAX_FONTS = ('<script type="text/x-mathjax-config">MathJax.Hub.Config({"HTML-CSS": {availableFonts: [], '
                  'webFont: "STIX-Web", imageFont: null, preferredFont: null}});</script>')
_MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"   # the configs jupyter_server_mathjax ships


def _copy_static(static):
    """BokehJS and MathJax into ``static``; return the script tags that load them."""
    import bokeh
    import jupyter_server_mathjax

    static.mkdir(parents=True, exist_ok=True)
    js = Path(bokeh.__file__).parent / "server" / "static" / "js"
    for name in _BOKEH_FILES:
        shutil.copy2(js / name, static / name)
    mathjax = static / "mathjax"
    if not mathjax.exists():
        shutil.copytree(Path(jupyter_server_mathjax.__file__).parent / "static", mathjax)
    return "".join(f'<script src="static/{name}"></script>' for name in _BOKEH_FILES)


def _execute(path, workdir, timeout):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
                   resources={"metadata": {"path": str(workdir)}}).execute()
    nb.metadata.pop("widgets", None)     # no widget state: nothing would render it without a kernel
    return nb


def _strip_remote(page):
    """Remove every script or stylesheet that a page would fetch from another host."""
    page = re.sub(r'<script[^>]+src="https?://[^"]*"[^>]*>\s*</script>', "", page)
    # nbconvert's renderer of Mermaid diagrams imports its library from a CDN; the notebooks have none
    page = re.sub(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>', "", page,
                  flags=re.S)
    return re.sub(r'<link[^>]+href="https?://[^"]*"[^>]*>', "", page)


def _nav(name, names):
    i = names.index(name)
    links = ['<a href="index.html">all notebooks</a>',
             f'<a href="{BINDER}{name}.ipynb">run it live on Binder</a>']
    if i > 0:
        links.insert(1, f'<a href="{names[i - 1]}.html">&larr; {names[i - 1]}</a>')
    if i + 1 < len(names):
        links.append(f'<a href="{names[i + 1]}.html">next: {names[i + 1]} &rarr;</a>')
    return ('<nav class="dragbook-nav" style="padding:8px 16px;border-bottom:1px solid #ccc;font-family:sans-serif">'
            + " · ".join(links) + "</nav>")


def _index(names, titles):
    items = "".join(f'<li><a href="{n}.html">{titles[n]}</a></li>' for n in names)
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>dragbook: static edition</title></head>"
            "<body style='font-family:sans-serif;max-width:760px;margin:2em auto'>"
            "<h1>dragbook: static edition</h1><p>The notebooks executed, with their figures; the main slider of "
            "each explorer works without a kernel. To move every control, run them live on Binder.</p>"
            f"<ol>{items}</ol></body></html>")


def build(out_dir, notebooks, timeout=900, log=print):
    """Execute ``notebooks`` (paths of .ipynb files, in reading order) and write the static edition to
    ``out_dir``; return the list of pages written."""
    from nbconvert import HTMLExporter

    from .static import STATIC_ENV

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    notebooks = [Path(p) for p in notebooks]
    if not notebooks:
        raise ValueError("notebooks must name at least one .ipynb file, got none")
    scripts = _copy_static(out / "static")
    names = [p.stem for p in notebooks]
    exporter = HTMLExporter(template_name="lab")
    exporter.mathjax_url = f"static/mathjax/MathJax.js?config={_MATHJAX_CONFIG}"
    pages, titles = [], {}
    previous = os.environ.get(STATIC_ENV)
    os.environ[STATIC_ENV] = "1"
    try:
        with tempfile.TemporaryDirectory() as work:
            for path in notebooks:
                log(f"executing {path.name} ...")
                shutil.copy2(path, Path(work) / path.name)
                nb = _execute(Path(work) / path.name, work, timeout)
                titles[path.stem] = next((line.lstrip("# ").strip() for c in nb.cells if c.cell_type == "markdown"
                                          for line in c.source.splitlines() if line.startswith("# ")), path.stem)
                body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": titles[path.stem]}})
                body = _strip_remote(body).replace("</head>", scripts + "</head>", 1)
                body = body.replace("<!-- Load mathjax -->", _MATHJAX_FONTS, 1)
                body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + _nav(path.stem, names), body, count=1)
                page = out / f"{path.stem}.html"
                page.write_text(body, encoding="utf-8")
                size = page.stat().st_size
                log(f"  wrote {page.name}: {size / 1e6:.2f} MB (budget {PAGE_BUDGET / 1e6:.0f} MB)")
                if size > PAGE_BUDGET:
                    raise ValueError(f"{page.name} is {size} bytes, over the page budget of {PAGE_BUDGET}")
                pages.append(page)
    finally:
        if previous is None:
            os.environ.pop(STATIC_ENV, None)
        else:
            os.environ[STATIC_ENV] = previous
    (out / "index.html").write_text(_index(names, titles), encoding="utf-8")
    return pages
