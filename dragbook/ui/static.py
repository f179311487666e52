"""The interactive layer in the static edition (``dragbook site``): no kernel behind the page.

With ``DRAGBOOK_STATIC=1`` in the kernel's environment, :func:`dragbook.ui.notebook.setup_notebook` puts no
BokehJS into the output (the site loads it once per page), an explorer shows as a standalone bokeh document of
its default state, with its story control (``Explorer.story``) as a slider over precomputed frames that needs
no kernel, and an exercise shows its hints with the solution folded away.
"""

import html
import os

from bokeh.embed import components
from bokeh.layouts import column

__all__ = ["STATIC_ENV", "active", "explorer_html", "exercise_html"]

STATIC_ENV = "DRAGBOOK_STATIC"


def active():
    """True when the notebook is being executed for the static edition."""
    return os.environ.get(STATIC_ENV, "") not in ("", "0")


def explorer_html(explorer):
    """``explorer`` as HTML (a bokeh div and script); its ``story`` control, if any, as a kernel-free slider."""
    from .family import detach, static_layout

    if explorer.story:
        layout, _ = static_layout(explorer, explorer.story)
    else:
        detach(explorer)
        layout = column(explorer._plot_panel())
    note = ("<p class='dragbook-static-note'><i>Static view: the other controls need a running notebook "
            "(links at the top of the page).</i></p>")
    script, div = components(layout)
    return note + div + script


def exercise_html(exercise):
    """The hints of ``exercise`` and its solution, folded."""
    hints = "".join(f"<li>{html.escape(h)}</li>" for h in exercise.hints)
    solution = html.escape(exercise.solution_text()).replace("\n", "<br>")
    return (f"<details><summary>Hints</summary><ul>{hints}</ul></details>"
            f"<details><summary>Solution</summary><p>{solution}</p></details>")
