"""The exercises: every one is right with the package's answer and wrong with each listed mistake, its
feedback names the mistake, and the notebooks ask by id without holding an expected value."""

import json
import re
from pathlib import Path

import pytest

from dragbook.ui.exercises import EXERCISES, KINDS, ask, check, solution, solutions_markdown
from dragbook.ui.exercises._core import Exercise, Mistake, Number, Choice, parse_answer

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
IDS = list(EXERCISES)


def fresh(ex):
    """A copy with no attempts counted, so tests do not depend on each other's order."""
    return Exercise(**{**ex.__dict__, "attempts": 0})


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_package_answer_is_right(exercise_id):
    ex = fresh(EXERCISES[exercise_id])
    result = ex.check(ex.answer())
    assert result.correct and result.feedback == ex.why


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_listed_mistake_is_wrong_and_recognised_by_name(exercise_id):
    ex = fresh(EXERCISES[exercise_id])
    assert ex.mistakes, "every exercise lists its typical mistakes"
    for name, value in ex.wrong_answers.items():
        result = ex.check(value)
        assert not result.correct, f"{exercise_id}: the mistake {name!r} passes the check"
        assert result.mistake == name, f"{exercise_id}: {name!r} is recognised as {result.mistake!r}"


@pytest.mark.parametrize("exercise_id", IDS)
def test_none_asks_for_an_answer_and_counts_no_attempt(exercise_id):
    ex = fresh(EXERCISES[exercise_id])
    result = ex.check(None)
    assert not result.correct and "Fill in" in result.feedback and ex.attempts == 0


@pytest.mark.parametrize("exercise_id", IDS)
def test_well_formed(exercise_id):
    ex = EXERCISES[exercise_id]
    assert re.fullmatch(r"0[0-5]\.[a-z0-9-]+", ex.id) and ex.kind in KINDS and ex.minutes > 0
    assert ex.question and ex.why and ex.solution and ex.hints
    assert exercise_id in solutions_markdown(ex.notebook) and "Answer:" in solution(exercise_id)


@pytest.mark.parametrize("notebook", ["01", "02", "03", "04", "05"])
def test_each_notebook_has_four_exercises_with_a_derivation_and_a_prediction(notebook):
    kinds = [ex.kind for ex in EXERCISES.values() if ex.notebook == notebook]
    assert len(kinds) >= 4 and "derive" in kinds and "predict" in kinds, kinds


def test_feedback_steps_hints_then_solution_on_request():
    ex = Exercise(id="99.toy", kind="compute", title="toy", question="2 + 2?", answer=lambda: 4.0,
                  form=Number(rel=0.01), why="Four.", hints=("Count.", "Use fingers."), solution="2 + 2 = 4.",
                  mistakes=(Mistake("doubled", lambda: 8.0, "Off by a factor 2."),))
    assert ex.check(5.0).feedback.startswith("Hint: Count.")
    assert ex.check(5.0).feedback.startswith("Hint: Use fingers.")
    assert ex.check(7.95).mistake == "doubled"
    assert ex.check(4.02).correct and not ex.check(4.05).correct
    assert "Answer: 4." in ex.solution_text() and 'solution("99.toy")' in ex.check(3.0).feedback


def test_parts_and_choices():
    ex = Exercise(id="99.parts", kind="derive", title="t", question="q", answer=lambda: (2.0, "b"),
                  form=(Number(rel=0.01), Choice({"a": "up", "b": "down"})), why="w", hints=("h",),
                  solution="s", mistakes=(Mistake("sign", lambda: (-2.0, "b"), "sign!"),))
    assert ex.check((2.0, "B")).correct
    assert not ex.check((2.0, "a")).correct and "part(s) 1" in ex.check((2.0, "a")).feedback
    assert ex.check((-2.0, "b")).mistake == "sign"
    assert not ex.check(2.0).correct and "2 parts" in ex.check(2.0).feedback
    assert parse_answer(ex, "4/2; (b)") == (2.0, "b")


def test_text_parser_accepts_arithmetic_and_refuses_code():
    ex = EXERCISES["00.window-width"]
    assert parse_answer(ex, "4*1.5^2") == pytest.approx(9.0, rel=1e-15)
    assert parse_answer(ex, "3*pi/4") == pytest.approx(2.356194490192345, rel=1e-15)
    for bad in ("__import__('os')", "x", "1/0", ""):
        with pytest.raises(ValueError):
            parse_answer(ex, bad)


def test_text_box_gives_feedback_and_offers_the_solution_after_one_attempt():
    box = ask("00.window-width")
    box.exercise = fresh(box.exercise)
    assert box.solution_button.layout.display == "none"
    box.text.value = "1"
    assert not box.submit().correct and "Not yet" in box.feedback.value
    assert box.solution_button.layout.display == ""
    box.text.value = "4*0.8814"
    assert box.submit().correct and "Right" in box.feedback.value
    box.show_solution()
    assert "Solution" in box.feedback.value


def test_unknown_id_is_a_clear_error():
    with pytest.raises(ValueError, match="not an exercise"):
        check("01.no-such-thing", 1.0)


def _code_cells(path):
    return ["".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem[:2])
def test_notebook_exercise_cells_ask_by_id_and_hold_no_answer(path):
    cells = [c for c in _code_cells(path) if re.search(r"\b(check|ask)\(", c)]
    assert cells, f"{path.name} has no exercise cell"
    ids = [i for c in cells for i in re.findall(r"""\b(?:check|ask)\(\s*["']([^"']+)["']""", c)]
    assert set(ids) <= set(EXERCISES), set(ids) - set(EXERCISES)
    assert {i for i in EXERCISES if i.startswith(path.stem[:2] + ".")} <= set(ids), "every exercise is asked"
    for cell in cells:
        assert "why=" not in cell and "self_check" not in cell
        assert not re.search(r"\b(drag|halldrag|ahe|chiral|phonon|thermal)\.", cell), \
            "an exercise cell computes with the package: the expected value would sit in the student's cell"


def test_dragbook_solutions_prints_every_solution_and_refuses_an_unknown_notebook(capsys):
    from dragbook.cli import main

    assert main(["solutions"]) == 0
    out = capsys.readouterr().out
    assert all(f"`{i}`" in out for i in EXERCISES) and out.count("Answer:") == len(EXERCISES)
    with pytest.raises(SystemExit):
        main(["solutions", "07"])


DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_lecturers_solutions_page_is_generated_from_the_exercises():
    """docs/solutions.md is `dragbook solutions` output, so it cannot drift from the checks."""
    page = (DOCS / "solutions.md").read_text()
    assert solutions_markdown() in page, "regenerate: python tools/build_solutions.py"


def test_the_teaching_guide_names_every_exercise_and_gives_times():
    guide = (DOCS / "teaching.md").read_text()
    missing = [i for i in EXERCISES if f"`{i}`" not in guide]
    assert not missing, missing
    assert "45-minute" in guide and "90-minute" in guide and "min" in guide
