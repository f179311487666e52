"""Every notebook, run in JupyterLab in headless Chromium (DESIGN.md, rule 8).

For each ``notebooks/*.ipynb`` (or ``$DRAGBOOK_NOTEBOOK_DIR/*.ipynb``) and each laptop screen of
``SCREENS`` (1280 x 800 with the file browser open, 1024 x 800 with the sidebar closed) the ``executed``
fixture opens the notebook in JupyterLab, runs all cells and waits until they are done; then

- ``test_runs_without_errors``: no "Error displaying widget", no "Click to show javascript error", no
  Python error output or traceback, no javascript error on the page console;
- ``test_every_figure_has_a_canvas``: every BokehModel view on the page has drawn a bokeh canvas;
- ``test_slider_changes_plot``: moving the first slider with the keyboard changes the pixels of the
  plot next to it;
- ``test_everything_fits_its_output_area``: no bokeh canvas and no control reaches past the right edge of
  its output area (which clips it) or of the notebook's visible width, and no plot is narrower than
  ``MIN_PLOT_WIDTH``;
- ``test_every_control_takes_keyboard_focus``: every slider handle, dropdown, checkbox and button of the
  controls is in the tab order.

Screenshots go to ``$DRAGBOOK_BROWSER_ARTIFACTS/<notebook>-<screen>/`` (default: a temp dir printed at the start).
Run with ``pytest -m browser tests/browser -s`` to see the artifacts path and the timings.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]


def notebook_names() -> list[str]:
    """Every ``*.ipynb`` in $DRAGBOOK_NOTEBOOK_DIR or <repo>/notebooks (same rule as conftest.py)."""
    env = os.environ.get("DRAGBOOK_NOTEBOOK_DIR", "").strip()
    d = Path(env).expanduser().resolve() if env else REPO / "notebooks"
    return sorted(p.name for p in d.glob("*.ipynb") if not p.name.startswith(".")) if d.is_dir() else []


NOTEBOOKS = notebook_names()

#: The screens every notebook must fit: name -> (viewport width, height, JupyterLab's left sidebar open).
#: 1280 x 800 with the file browser open and 1024 x 800 with it closed leave the notebook about the same
#: width (~900 px of output area), the common laptop case.
SCREENS = {"1280x800": (1280, 800, True), "1024x800": (1024, 800, False)}
MIN_PLOT_WIDTH = 290  # px, no bokeh plot narrower (the explorers' MIN_WIDTH is 300)

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on screen; a restored one may be hidden

KERNEL_TIMEOUT = float(os.environ.get("DRAGBOOK_BROWSER_KERNEL_TIMEOUT", 90))  # s to an idle kernel
RUN_TIMEOUT = float(os.environ.get("DRAGBOOK_BROWSER_RUN_TIMEOUT", 150))  # s for "Run All Cells"
QUIET_SECONDS = 3.0  # no [*] prompt and an idle kernel this long = all cells done
RENDER_TIMEOUT = 20.0  # s for widgets and bokeh canvases to appear once the cells are done
SLIDER_TIMEOUT = 12.0  # s for the plot to change after the slider moved
SLIDER_KEY_PRESSES = 3
# Two screenshots differ when more than max(NOISE_PIXELS, NOISE_FRACTION * area) pixels differ by more
# than PIXEL_THRESHOLD in some channel. Measured: a slider step changes 1200-11000 pixels of a plot;
# re-layout noise is 0-14 pixels.
PIXEL_THRESHOLD = 40
NOISE_PIXELS = 50
NOISE_FRACTION = 5e-4

# Texts that mean a widget or its javascript failed, wherever they appear in an output.
WIDGET_ERROR_TEXTS = ("Error displaying widget", "Click to show javascript error")

# Console errors that do not mean the notebook is broken. Each entry: (regex on the message text,
# regex on the resource URL or None, why it is harmless). Keep this list short and justified.
BENIGN_CONSOLE_ERRORS = [
    (
        r"Failed to load resource",
        r"/favicon\.ico($|\?)",
        "the browser asks for /favicon.ico; JupyterLab serves its favicons under /static",
    ),
]


# --------------------------------------------------------------------------------------------------
# page helpers (JavaScript run in the page)

JS_KERNEL_STATE = """() => {
  const app = window.jupyterapp;
  const w = app && app.shell.currentWidget;
  const sc = w && w.sessionContext;
  const k = sc && sc.session && sc.session.kernel;
  return {app: !!app, path: w && w.context ? w.context.path : null,
          kernel: k ? k.status : null, connection: k ? k.connectionStatus : null,
          kernelName: k ? k.name : null};
}"""

JS_PROMPTS = """(panel) => {
  const root = document.querySelector(panel);
  if (!root) return null;
  const prompts = [...root.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
    .map(e => e.textContent.trim());
  return {busy: prompts.filter(p => p.includes('*')).length,
          done: prompts.filter(p => /\\[\\d+\\]/.test(p)).length,
          total: prompts.length};
}"""

# Visible text of every output (script bodies excluded: BokehJS's inline loader is a script).
JS_OUTPUT_TEXTS = """(panel) => {
  const out = [];
  for (const el of document.querySelectorAll(panel + ' .jp-OutputArea-output')) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const tag = n.parentNode && n.parentNode.nodeName;
      if (tag !== 'SCRIPT' && tag !== 'STYLE') text += n.textContent;
    }
    out.push({mime: el.getAttribute('data-mime-type'), text: text});
  }
  return out;
}"""

# Error outputs in the notebook model (independent of what is rendered).
JS_MODEL_ERRORS = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.model) return null;
  const errors = [];
  const cells = w.model.cells;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    for (const o of cell.toJSON().outputs || []) {
      if (o.output_type === 'error') errors.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
    }
  }
  return errors;
}"""

# BokehModel widget models and views, from the ipywidgets manager of the notebook.
JS_BOKEH_WIDGETS = """async () => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.content) return null;
  let manager = null;
  const visit = async (widget) => {
    if (manager || !widget) return;
    if (widget._manager && widget._manager.promise) { manager = await widget._manager.promise; return; }
    for (const child of (widget.widgets || [])) await visit(child);
  };
  for (const cell of w.content.widgets) { if (cell.outputArea) await visit(cell.outputArea); }
  if (!manager || !manager._models) return null;
  let models = 0, views = 0;
  for (const promise of Object.values(manager._models)) {
    let m;
    try { m = await promise; } catch (e) { continue; }
    if (m.get('_model_name') === 'BokehModel') { models += 1; views += Object.keys(m.views || {}).length; }
  }
  return {models, views};
}"""

# Each bokeh root (BokehModel view or bokeh.io.show output) and whether it drew a canvas.
JS_BOKEH_ROOTS = """(panel) => {
  const canvases = (node) => {
    const found = [];
    const walk = (n) => {
      if (n.nodeName === 'CANVAS') found.push(n);
      if (n.shadowRoot) walk(n.shadowRoot);
      for (const c of n.children || []) walk(c);
    };
    walk(node);
    return found;
  };
  return [...document.querySelectorAll(panel + ' [data-root-id]')].map(root => {
    const cs = canvases(root);
    return {id: root.getAttribute('data-root-id'), canvases: cs.length,
            drawn: cs.filter(c => c.width > 0 && c.height > 0).length};
  });
}"""


# Bokeh canvases and ipywidgets controls past the right edge of their output area or of the notebook's
# visible width, and the width of every plot canvas (whole notebook in view: else cells are not laid out).
JS_OVERRUNS = """(panel) => {
  const root = document.querySelector(panel);
  const scroller = root.querySelector('.jp-WindowedPanel-outer') || root.querySelector('.jp-Notebook');
  const view = scroller.getBoundingClientRect();
  const visibleRight = view.left + scroller.clientWidth;
  const cells = [...root.querySelectorAll('.jp-Cell')];
  const overruns = [], widths = [];
  for (const area of root.querySelectorAll('.jp-OutputArea-output')) {
    const box = area.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const right = Math.min(box.right, visibleRight);
    const cell = cells.findIndex(c => c.contains(area));
    const walk = (n) => {
      const canvas = n.nodeName === 'CANVAS';
      const control = !canvas && n.classList && n.classList.contains('jupyter-widgets')
                      && !n.classList.contains('widget-box');
      if (canvas || control) {
        const r = n.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) {
          const what = canvas ? 'bokeh canvas'
            : ([...n.classList].find(c => c.startsWith('widget-') && c !== 'widget-inline-hbox') || n.className);
          // a plot's canvas; bokeh's legends draw each entry's glyph on a 20 px canvas of its own
          if (canvas && r.height > 60) widths.push({cell, width: Math.round(r.width)});
          if (r.right > right + 1 || r.left < box.left - 1)
            overruns.push({cell, what, left: Math.round(r.left - box.left), width: Math.round(r.width),
                           room: Math.round(right - box.left), by: Math.round(r.right - right)});
        }
      }
      if (n.shadowRoot) for (const c of n.shadowRoot.children) walk(c);
      for (const c of n.children || []) walk(c);
    };
    walk(area);
  }
  return {overruns, widths, room: Math.round(visibleRight - view.left)};
}"""

# Controls a keyboard user must reach with Tab: each must be focusable (tabIndex >= 0).
JS_UNFOCUSABLE = """(panel) => {
  const root = document.querySelector(panel);
  const cells = [...root.querySelectorAll('.jp-Cell')];
  const sel = '.jp-OutputArea-output .widget-slider .noUi-handle, .jp-OutputArea-output .widget-dropdown select,'
            + ' .jp-OutputArea-output .widget-checkbox input, .jp-OutputArea-output .widget-toggle-buttons button,'
            + ' .jp-OutputArea-output .widget-button';
  const all = [...root.querySelectorAll(sel)];
  const disabled = (e) => e.disabled || e.closest('[disabled]') || e.getAttribute('aria-disabled') === 'true';
  return {count: all.length, bad: all.filter(e => !disabled(e) && (!(e.tabIndex >= 0) || e.closest('[inert]')))
    .map(e => ({cell: cells.findIndex(c => c.contains(e)), what: e.className || e.nodeName}))};
}"""


# --------------------------------------------------------------------------------------------------
# running a notebook


@dataclass
class Executed:
    name: str
    page: object
    url: str
    artifacts: Path
    console: list = field(default_factory=list)  # (text, url)
    timings: dict = field(default_factory=dict)
    dialogs: list = field(default_factory=list)  # titles of dialogs accepted
    source: str = ""

    def console_errors(self, start: int = 0) -> list[str]:
        bad = []
        for text, url in self.console[start:]:
            if any(
                re.search(t, text) and (u is None or re.search(u, url or ""))
                for t, u, _ in BENIGN_CONSOLE_ERRORS
            ):
                continue
            bad.append(f"{text}  [{url}]" if url else text)
        return bad


def _accept_kernel_dialog(page, accepted: list | None = None) -> str | None:
    """Accept a "Select Kernel" dialog; return the title of any other dialog left on screen."""
    dialog = page.locator(".jp-Dialog")
    if dialog.count() == 0:
        return None
    title = dialog.first.locator(".jp-Dialog-header").inner_text(timeout=2000).strip()
    if "kernel" in title.lower() and "select" in title.lower():
        dialog.first.locator(".jp-Dialog-button.jp-mod-accept").click()
        page.wait_for_timeout(300)
        if accepted is not None:
            accepted.append(title)
        return None
    return title


def _wait_for_kernel(page, name: str, accepted: list) -> None:
    deadline = time.monotonic() + KERNEL_TIMEOUT
    state = None
    while time.monotonic() < deadline:
        other = _accept_kernel_dialog(page, accepted)
        if other:
            pytest.fail(f"{name}: unexpected dialog {other!r} while waiting for the kernel")
        state = page.evaluate(JS_KERNEL_STATE)
        if not state["app"]:
            pytest.fail("window.jupyterapp missing: was JupyterLab started with expose_app_in_browser?")
        if state["path"] == name and state["kernel"] == "idle" and state["connection"] == "connected":
            return
        page.wait_for_timeout(250)
    pytest.fail(f"{name}: no idle kernel after {KERNEL_TIMEOUT:.0f} s (last state {state})")


def _run_all_and_wait(page, name: str) -> None:
    # The command behind Run > Run All Cells. Not awaited here: its promise resolves only when all
    # cells have run, and the wait below also reports progress and dialogs.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    deadline = time.monotonic() + RUN_TIMEOUT
    quiet_since = None
    prompts = None
    while time.monotonic() < deadline:
        other = _accept_kernel_dialog(page)
        if other:
            pytest.fail(f"{name}: dialog {other!r} appeared while running the cells")
        prompts = page.evaluate(JS_PROMPTS, PANEL)
        kernel = page.evaluate(JS_KERNEL_STATE)["kernel"]
        started = prompts and (prompts["done"] > 0 or prompts["total"] == 0)  # not before the 1st cell
        quiet = started and prompts["busy"] == 0 and kernel == "idle"
        if quiet:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since >= QUIET_SECONDS:
                return
        else:
            quiet_since = None
        page.wait_for_timeout(250)
    pytest.fail(f"{name}: cells still running after {RUN_TIMEOUT:.0f} s (prompts {prompts})")


def _wait_for_widgets(page) -> None:
    """Wait until no widget output still says "Loading widget..." and every bokeh root has a canvas."""
    deadline = time.monotonic() + RENDER_TIMEOUT
    while time.monotonic() < deadline:
        texts = page.evaluate(JS_OUTPUT_TEXTS, PANEL)
        roots = page.evaluate(JS_BOKEH_ROOTS, PANEL)
        loading = any("Loading widget..." in o["text"] for o in texts)
        undrawn = [r["id"] for r in roots if r["drawn"] == 0]
        if not loading and not undrawn:
            return
        if undrawn and time.monotonic() > deadline - RENDER_TIMEOUT / 2:
            # Cells far off screen may be skipped by the browser (content-visibility): bring one in.
            page.evaluate(
                '([panel, id]) => { const r = document.querySelector(`${panel} [data-root-id="${id}"]`);'
                " const t = r && (r.firstElementChild || r.parentElement); if (t) t.scrollIntoView(); }",
                [PANEL, undrawn[0]],
            )
        page.wait_for_timeout(250)


@contextlib.contextmanager
def _whole_notebook_in_view(page):
    """Grow the viewport to the notebook's height (same width), so that every cell is laid out."""
    size = page.viewport_size
    height = page.evaluate(
        """(panel) => {
          const s = document.querySelector(panel + ' .jp-WindowedPanel-outer')
                 || document.querySelector(panel + ' .jp-Notebook');
          if (s) s.scrollTop = 0;
          return s ? s.scrollHeight - s.clientHeight + window.innerHeight : window.innerHeight;
        }""",
        PANEL,
    )
    page.set_viewport_size({"width": size["width"], "height": int(min(max(height, size["height"]), 32000))})
    try:
        page.wait_for_timeout(1500)  # bokeh re-lays out on resize
        yield
    finally:
        page.set_viewport_size(size)
        page.wait_for_timeout(500)


def _screenshot_whole_notebook(page, path: Path) -> None:
    """One tall screenshot of the whole notebook."""
    with _whole_notebook_in_view(page):
        page.screenshot(path=str(path), full_page=True)


def _set_sidebar(page, open_: bool) -> None:
    """Show JupyterLab's file browser in the left sidebar, or collapse the sidebar; the right one closed."""
    page.evaluate(
        """(open) => { const shell = window.jupyterapp.shell;
          if (open) shell.activateById('filebrowser'); else shell.collapseLeft();
          shell.collapseRight(); }""",
        open_,
    )
    page.wait_for_timeout(500)


@pytest.fixture(
    scope="module",
    params=[(nb, screen) for nb in NOTEBOOKS for screen in SCREENS],
    ids=[f"{nb}-{screen}" for nb in NOTEBOOKS for screen in SCREENS],
)
def executed(request, browser, lab_server, artifacts_dir):
    name, screen = request.param
    width, height, sidebar = SCREENS[screen]
    out = artifacts_dir / f"{Path(name).stem}-{screen}"
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(30_000)
    run = Executed(name=name, page=page, url=f"{lab_server.url}/lab/tree/{name}?reset", artifacts=out)
    run.source = (lab_server.root / name).read_text(errors="replace")

    def on_console(msg):
        if msg.type != "error":
            return
        text = msg.text
        # console.error("Could not create a view ...", error): the Error argument is not in msg.text.
        try:
            for arg in msg.args[1:]:
                detail = arg.evaluate("a => a instanceof Error ? `${a.name}: ${a.message}` : ''")
                if detail and detail not in text:
                    text += f" | {detail}"
        except Exception:  # the page navigated or closed meanwhile
            pass
        run.console.append((text, (msg.location or {}).get("url", "")))

    page.on("console", on_console)
    page.on("pageerror", lambda exc: run.console.append((f"pageerror: {exc}", "")))

    t0 = time.monotonic()
    try:
        page.goto(run.url, wait_until="domcontentloaded")
        page.wait_for_selector(f"{PANEL} .jp-Cell", timeout=60_000)
        _wait_for_kernel(page, name, run.dialogs)
        _set_sidebar(page, sidebar)
        run.timings["open+kernel"] = time.monotonic() - t0
        t1 = time.monotonic()
        _run_all_and_wait(page, name)
        run.timings["run all"] = time.monotonic() - t1
        t2 = time.monotonic()
        _wait_for_widgets(page)
        run.timings["render"] = time.monotonic() - t2
        _screenshot_whole_notebook(page, out / "notebook.png")  # also scrolls back to the top
        page.screenshot(path=str(out / "top.png"))
    except BaseException:
        try:
            page.screenshot(path=str(out / "failure.png"), full_page=True)
        except Exception:
            pass
        _write_console_log(run)
        context.close()
        raise
    accepted = f" (accepted dialog: {', '.join(run.dialogs)})" if run.dialogs else ""
    summary = f"{name} at {screen}: " + ", ".join(f"{k} {v:.1f} s" for k, v in run.timings.items()) + accepted
    print(f"\n[browser] {summary}")
    with open(artifacts_dir / "timings.txt", "a") as f:
        f.write(summary + "\n")
    yield run
    _write_console_log(run)
    context.close()


def _write_console_log(run: Executed) -> None:
    lines = [f"{url}\t{text}" for text, url in run.console]
    (run.artifacts / "console-errors.txt").write_text("\n".join(lines) + ("\n" if lines else ""))


# --------------------------------------------------------------------------------------------------
# the checks


def _error_widget_detail(widget) -> str:
    """The message and first stack line behind a "Click to show javascript error" view."""
    try:
        if "icon-error" in (widget.get_attribute("class") or ""):
            widget.click()  # the view then shows "<message>\n<stack>" instead of the icon
        text = widget.inner_text(timeout=5000)
    except Exception as exc:  # noqa: BLE001 (diagnostics only)
        return f"(could not read it: {exc.__class__.__name__})"
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("[Open Browser")]
    return " | ".join(lines[:3])[:500]


def _error_report(run: Executed, console_start: int = 0) -> list[str]:
    page = run.page
    problems = []
    texts = page.evaluate(JS_OUTPUT_TEXTS, PANEL)
    for o in texts:
        for marker in WIDGET_ERROR_TEXTS:
            if marker in o["text"]:
                problems.append(f"output shows {marker!r}: {' '.join(o['text'].split())[:300]!r}")
        if o["mime"] == "application/vnd.jupyter.stderr" and re.search(r"Traceback|Error", o["text"]):
            problems.append(f"Python error output: {o['text'].strip()[-600:]}")
    error_widgets = page.locator(f"{PANEL} .jupyter-widgets-error-widget")
    for i in range(error_widgets.count()):
        problems.append(f"widget javascript error: {_error_widget_detail(error_widgets.nth(i))}")
    for err in page.evaluate(JS_MODEL_ERRORS) or []:
        msg = f"error output in the notebook: {err}"
        if not any(err.split(": ", 1)[-1][:80] in p for p in problems):
            problems.append(msg)
    for err in run.console_errors(console_start):
        problems.append(f"console error: {err[:500]}")
    return problems


def test_runs_without_errors(executed):
    problems = _error_report(executed)
    if problems:
        pytest.fail(
            f"{executed.name} (screenshots in {executed.artifacts}):\n" + "\n".join(problems), pytrace=False
        )


def _has_figures(run: Executed, bokeh) -> bool:
    if bokeh and bokeh["models"] > 0:
        return True
    return bool(re.search(r"BokehModel|Explorer\(|figure\(", run.source))


def test_every_figure_has_a_canvas(executed):
    page = executed.page
    bokeh = page.evaluate(JS_BOKEH_WIDGETS)
    roots = page.evaluate(JS_BOKEH_ROOTS, PANEL)
    drawn = [r for r in roots if r["drawn"] > 0]
    problems = []
    if bokeh is not None and len(drawn) < bokeh["views"]:
        problems.append(
            f"{bokeh['views']} BokehModel view(s) on the page but only {len(drawn)} drew a canvas "
            f"(roots: {roots})"
        )
    if len(drawn) < len(roots):
        problems.append(f"bokeh roots without a canvas: {[r for r in roots if not r['drawn']]}")
    if _has_figures(executed, bokeh) and not drawn:
        problems.append("the notebook builds bokeh figures but no bokeh canvas is on the page")
    # Keep a picture of every plot for a human to look at.
    for i, _ in enumerate(roots):
        target = page.locator(f"{PANEL} [data-root-id] >> nth={i}").locator(":scope > *").first
        try:
            target.screenshot(path=str(executed.artifacts / f"plot-{i:02d}.png"), timeout=10_000)
        except Exception:
            pass
    if problems:
        pytest.fail(f"{executed.name}:\n" + "\n".join(problems), pytrace=False)


def _plot_targets(page, slider):
    """The bokeh plots in the slider's cell (else the first plot of the notebook), as locators."""
    cell = slider.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' jp-Cell ')][1]")
    roots = cell.locator("[data-root-id]")
    if roots.count() == 0:
        roots = page.locator(f"{PANEL} [data-root-id]")
    return [roots.nth(i).locator(":scope > *").first for i in range(roots.count())]


def _slider_value(slider, handle) -> str:
    """What the slider shows: its readout (e.g. 10**x for a log slider) and the handle's aria value."""
    readout = slider.locator(".widget-readout")
    shown = readout.first.inner_text().strip() if readout.count() else ""
    return (
        f"{shown} (aria {handle.get_attribute('aria-valuenow')})"
        if shown
        else str(handle.get_attribute("aria-valuenow"))
    )


def _differs(a: bytes, b: bytes) -> bool:
    """Whether two PNG screenshots differ by more than anti-aliasing noise.

    Re-laying out a plot can move a few edge pixels (seen: 14 of 530k in a legend); a changed curve
    moves over a thousand. Pillow comes with bokeh; without it any byte difference counts.
    """
    if a == b:
        return False
    try:
        import numpy as np
        from PIL import Image
    except ImportError:
        return True
    x = np.asarray(Image.open(io.BytesIO(a)).convert("RGB"), dtype=np.int16)
    y = np.asarray(Image.open(io.BytesIO(b)).convert("RGB"), dtype=np.int16)
    if x.shape != y.shape:
        return True
    changed = int((np.abs(x - y).max(axis=2) > PIXEL_THRESHOLD).sum())
    return changed > max(NOISE_PIXELS, NOISE_FRACTION * x.shape[0] * x.shape[1])


def _shots(targets) -> list[bytes]:
    return [t.screenshot(animations="disabled", timeout=10_000) for t in targets]


def test_slider_changes_plot(executed):
    page = executed.page
    sliders = page.locator(f"{PANEL} .widget-slider")
    if sliders.count() == 0:
        pytest.skip(f"{executed.name} has no slider")
    slider = sliders.first
    handle = slider.locator(".noUi-handle").first
    targets = _plot_targets(page, slider)
    if not targets:
        pytest.fail(f"{executed.name} has a slider but no bokeh plot", pytrace=False)
    console_start = len(executed.console)
    known = set(_error_report(executed))  # reported by test_runs_without_errors already

    handle.scroll_into_view_if_needed()
    before = _shots(targets)
    value_before = _slider_value(slider, handle)
    handle.click()
    for key in ("ArrowRight", "ArrowLeft"):  # ArrowLeft if the slider starts at its maximum
        for _ in range(SLIDER_KEY_PRESSES):
            page.keyboard.press(key)
            page.wait_for_timeout(100)
        value_after = _slider_value(slider, handle)
        if value_after != value_before:
            break
    if value_after == value_before:
        pytest.fail(
            f"{executed.name}: the first slider does not move with the arrow keys "
            f"(value stays {value_before})",
            pytrace=False,
        )

    deadline = time.monotonic() + SLIDER_TIMEOUT
    changed = False
    while time.monotonic() < deadline and not changed:
        page.wait_for_timeout(1000)
        after = _shots(targets)
        changed = any(_differs(a, b) for a, b in zip(after, before))
    out = executed.artifacts
    for i, (b, a) in enumerate(zip(before, after)):
        (out / f"slider-plot{i}-before.png").write_bytes(b)
        (out / f"slider-plot{i}-after.png").write_bytes(a)
    page.screenshot(path=str(out / "after-slider.png"))

    # Round trip: back to the first value, the plot must look as it did at first. If it does not,
    # the first render did not show the controls' state (typically: data assigned to a source after
    # its BokehModel was built, which no browser view receives).
    restored = None
    if changed:
        handle.focus()
        for _ in range(SLIDER_KEY_PRESSES):
            page.keyboard.press("ArrowLeft" if key == "ArrowRight" else "ArrowRight")
            page.wait_for_timeout(100)
        value_back = _slider_value(slider, handle)
        if value_back == value_before:
            deadline = time.monotonic() + SLIDER_TIMEOUT
            restored = False
            while time.monotonic() < deadline and not restored:
                page.wait_for_timeout(1000)
                back = _shots(targets)
                restored = not any(_differs(a, b) for a, b in zip(back, before))
            for i, b in enumerate(back):
                (out / f"slider-plot{i}-back.png").write_bytes(b)

    problems = [p for p in _error_report(executed, console_start) if p not in known]
    if not changed:
        problems.insert(
            0,
            f"slider {value_before} -> {value_after}: none of the {len(targets)} plot(s) changed "
            f"within {SLIDER_TIMEOUT:.0f} s",
        )
    if restored is False:
        problems.append(
            f"slider {value_before} -> {value_after} -> {value_before}: the plot does not return to its "
            "first render (compare slider-plot*-before/-back.png), so the first render did not show the "
            "controls' state; e.g. source data assigned after BokehModel(...) was built never reaches "
            "the browser: compute before building the BokehModel"
        )
    if problems:
        pytest.fail(f"{executed.name} (screenshots in {out}):\n" + "\n".join(problems), pytrace=False)


def test_everything_fits_its_output_area(executed):
    """Issue: on a laptop no figure or control is cut off by its output area, and no plot is too narrow."""
    page = executed.page
    with _whole_notebook_in_view(page):
        found = page.evaluate(JS_OVERRUNS, PANEL)
        roots = page.evaluate(JS_BOKEH_ROOTS, PANEL)
    problems = [
        f"cell {o['cell']}: {o['what']} {o['width']} px wide at {o['left']} px reaches {o['by']} px past "
        f"the {o['room']} px the output area shows"
        for o in found["overruns"]
    ]
    problems += [
        f"cell {w['cell']}: a plot only {w['width']} px wide (at least {MIN_PLOT_WIDTH})"
        for w in found["widths"]
        if w["width"] < MIN_PLOT_WIDTH
    ]
    problems = list(dict.fromkeys(problems))  # a plot draws on several stacked canvases: one line each
    if roots and not found["widths"]:
        problems.append("bokeh roots on the page but no canvas measured: the check saw nothing")
    if problems:
        pytest.fail(
            f"{executed.name} ({found['room']} px of notebook; screenshots in {executed.artifacts}):\n"
            + "\n".join(problems),
            pytrace=False,
        )


def test_every_control_takes_keyboard_focus(executed):
    """Issue: every control can be reached by keyboard (its arrows move it: test_slider_changes_plot)."""
    found = executed.page.evaluate(JS_UNFOCUSABLE, PANEL)
    if found["bad"]:
        pytest.fail(f"{executed.name}: controls not in the tab order: {found['bad']}", pytrace=False)


def test_exercise_text_box_gives_feedback(executed):
    """Every ``ask(id)`` box of the notebook answers in the browser: a wrong answer gets "Not yet" and offers the
    solution button, the package's answer gets "Right" (issue: exercises also work without editing code)."""
    from dragbook.ui.exercises import EXERCISES

    page = executed.page
    asked = re.findall(r'^\s*"?ask\(\\?"([0-9]{2}\.[a-z0-9-]+)\\?"\)', executed.source, flags=re.M)
    boxes = page.locator(f"{PANEL} .jp-Cell:has(input[placeholder^='your answer'])")
    assert boxes.count() == len(asked), f"{len(asked)} ask() cells but {boxes.count()} answer boxes"
    for i, exercise_id in enumerate(asked):
        box = boxes.nth(i)
        box.scroll_into_view_if_needed()
        text = box.locator("input[placeholder^='your answer']")
        answer = EXERCISES[exercise_id].answer()
        for typed, expected in (("1e9", "Not yet"), (repr(float(answer)), "Right")):
            text.fill(typed)
            box.get_by_role("button", name="Check").click()
            page.wait_for_function("([cell, word]) => cell.innerText.includes(word)", arg=[box.element_handle(), expected],
                                   timeout=10_000)
        assert box.get_by_role("button", name="Show solution").is_visible()
