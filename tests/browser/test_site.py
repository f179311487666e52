"""The static edition (``dragbook site``) in headless Chromium, offline, with no kernel: every page loads with
no JavaScript error and no request beyond its folder, every bokeh figure has a canvas, each page's
precomputed story slider changes its plot, and each page stays within its size budget."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dragbook.ui import site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def edition(tmp_path_factory, notebook_paths):
    out = tmp_path_factory.mktemp("site")
    pages = site.build(out, notebook_paths, log=lambda *_: None)
    return out, pages


@pytest.fixture(scope="module")
def notebook_paths():
    env = os.environ.get("DRAGBOOK_NOTEBOOK_DIR", "").strip()
    folder = Path(env).resolve() if env else Path(__file__).resolve().parents[2] / "notebooks"
    return sorted(folder.glob("*.ipynb"))


def _open(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    remote, errors = [], []
    # MathJax probes for web fonts the offline copy does not ship and falls back to its STIX fonts: a missing
    # font is not an error; a missing script or stylesheet is
    page.on("requestfailed", lambda req: None if req.url.split("?")[0].endswith((".otf", ".woff", ".eot"))
            or req.url == "about:blank" else errors.append(f"missing {req.url}"))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else (remote.append(route.request.url), route.abort()))
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith(("Failed to load resource", "Access to font"))
            else None)
    page.goto(url)
    page.wait_for_function("() => window.Bokeh !== undefined && window.Bokeh.documents.length > 0", timeout=30_000)
    page.locator("canvas").first.wait_for(timeout=30_000)     # in bokeh's shadow DOM: a locator finds it
    page.wait_for_timeout(1500)
    return page, remote, errors


def test_every_page_is_within_budget_and_linked(edition, notebook_paths):
    out, pages = edition
    assert [p.stem for p in pages] == [p.stem for p in notebook_paths]
    index = (out / "index.html").read_text()
    for page in pages:
        assert page.stat().st_size <= site.PAGE_BUDGET
        text = page.read_text()
        assert f"{page.stem}.ipynb" in text and "mybinder.org" in text, "a link to the live version"
        assert f'href="{page.name}"' in index
        assert "https://cdn" not in text and "unpkg.com" not in text


def test_pages_render_offline_with_a_canvas_per_figure_and_a_working_story_slider(edition, browser):
    out, pages = edition
    for page_path in pages:
        page, remote, errors = _open(browser, page_path.as_uri())
        try:
            assert not remote, f"{page_path.name} fetched {remote}"
            assert not errors, f"{page_path.name}: {errors}"
            roots = page.locator("[data-root-id]").count()
            assert roots > 0, f"{page_path.name} shows no figure"
            assert page.locator("canvas").count() >= roots, f"{page_path.name}: a figure without a canvas"
            assert page.locator("mjx-container, .MathJax, .MathJax_Display").count() > 0 or page_path.stem == "index"
            sliders = page.locator(".noUi-handle")
            assert sliders.count() > 0, f"{page_path.name} has no precomputed story slider"
            handle = sliders.first
            handle.scroll_into_view_if_needed()
            box = handle.bounding_box()        # the figures sit below their story slider
            region = {"x": 0, "y": box["y"], "width": 1280, "height": min(700, 800 - box["y"])}
            before = page.screenshot(clip=region)
            handle.focus()
            for _ in range(3):
                page.keyboard.press("ArrowRight" if not _at_end(handle) else "ArrowLeft")
            page.wait_for_timeout(400)
            assert page.screenshot(clip=region) != before, f"{page_path.name}: the story slider did not change the plot"
        finally:
            page.close()


def _at_end(handle):
    now, top = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
    return now is not None and now == top
