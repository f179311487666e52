"""Find a Chromium executable for the browser tests.

Order of preference:

1. the environment variable ``DRAGBOOK_CHROMIUM`` (a path or a command name);
2. ``chromium``, ``chromium-browser``, ``google-chrome`` (and ``google-chrome-stable``) on ``PATH``;
3. the Chromium that ``python -m playwright install chromium`` put in Playwright's registry.

Run as a script, ``python tests/browser/chromium.py`` prints the path found and exits 0, or prints a
hint on stderr and exits 1 (the Makefile uses this to decide whether to try
``python -m playwright install chromium``).
"""

from __future__ import annotations

import os
import shutil
import sys

#: Flags for a headless Chromium in a container or CI runner (DESIGN.md, rule 8).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

HOW_TO_GET_CHROMIUM = (
    "no Chromium found for the browser tests. Get one with `apt-get install chromium` "
    "(Debian/Ubuntu), or `python -m playwright install chromium`, or point DRAGBOOK_CHROMIUM "
    "at a Chromium/Chrome executable."
)


def _executable(candidate: str) -> str | None:
    """Return an absolute path if ``candidate`` is an executable file or a command on PATH."""
    if not candidate:
        return None
    if os.path.sep in candidate or candidate.startswith("."):
        path = os.path.abspath(os.path.expanduser(candidate))
        return path if os.path.isfile(path) and os.access(path, os.X_OK) else None
    return shutil.which(candidate)


def playwright_chromium() -> str | None:
    """The Chromium of Playwright's own registry, if it has been installed."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # no driver, or an event loop already running: not usable here
        return None
    return path if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


def find_chromium() -> str | None:
    """Return the path of a Chromium executable, or None."""
    env = os.environ.get("DRAGBOOK_CHROMIUM", "").strip()
    if env:
        # An explicit choice that does not work is an error, not something to silently replace.
        return _executable(env)
    for name in SYSTEM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return playwright_chromium()


def main() -> int:
    path = find_chromium()
    if path is None:
        env = os.environ.get("DRAGBOOK_CHROMIUM", "").strip()
        if env:
            print(f"DRAGBOOK_CHROMIUM={env!r} is not an executable", file=sys.stderr)
        print(HOW_TO_GET_CHROMIUM, file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
