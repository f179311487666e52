"""Exercises of the notebooks, by id: ``check("01.t-exponent", my_answer)``.

Each notebook's exercises are defined in the module ``nbNN`` beside this file; the expected answers are
computed by the physics package when asked, never stored. In a notebook::

    my_answer = None      # the student's value
    check("01.t-exponent", my_answer)

or, with a text box and a Check button (Voila, Notebook 7): ``ask("01.t-exponent")``. A lecturer's
solutions: ``solution(id)``, or ``dragbook solutions [NOTEBOOK]`` in a terminal.
"""

from ._core import KINDS, Choice, Exercise, Mistake, Number, Result, parse_answer
from . import nb00, nb01, nb02, nb03, nb04, nb05

__all__ = ["EXERCISES", "check", "solution", "ask", "solutions_markdown",
           "Exercise", "Number", "Choice", "Mistake", "Result", "KINDS"]

#: Every exercise, by id, in notebook order.
EXERCISES = {ex.id: ex for module in (nb00, nb01, nb02, nb03, nb04, nb05) for ex in module.EXERCISES}


def _get(exercise_id):
    try:
        return EXERCISES[exercise_id]
    except KeyError:
        raise ValueError(f"exercise_id {exercise_id!r} is not an exercise; known: {', '.join(EXERCISES)}") from None


def check(exercise_id, answer):
    """Check ``answer`` to the exercise ``exercise_id``; return a :class:`Result` (shown as its feedback).
    In the static edition (no kernel behind the page) it shows the hints and the solution, folded."""
    from .. import static

    if static.active():
        return _Html(static.exercise_html(_get(exercise_id)))
    return _get(exercise_id).check(answer)


class _Html(str):
    def _repr_html_(self):
        return self


class _Solution(str):
    def _repr_markdown_(self):
        return self


def solution(exercise_id):
    """The full solution of ``exercise_id``, with the answer computed by the package (shown as Markdown)."""
    return _Solution(_get(exercise_id).solution_text())


def solutions_markdown(notebook=None):
    """Every solution (of one notebook ``"01"``, or all) as Markdown, for the lecturer's page."""
    lines = []
    for ex in EXERCISES.values():
        if notebook is not None and ex.notebook != notebook:
            continue
        lines += [f"### `{ex.id}`: {ex.title} ({ex.kind}, ~{ex.minutes} min)", "", ex.question, "",
                  "**Solution.** " + ex.solution_text(), ""]
    if not lines:
        raise ValueError(f"notebook {notebook!r} has no exercises; notebooks with exercises: "
                         f"{', '.join(sorted({ex.notebook for ex in EXERCISES.values()}))}")
    return "\n".join(lines)


def ask(exercise_id):
    """A text box with a Check button for ``exercise_id``; a Solution button appears after one attempt."""
    from .. import static
    from .box import AnswerBox

    if static.active():
        return _Html("")
    return AnswerBox(_get(exercise_id))

