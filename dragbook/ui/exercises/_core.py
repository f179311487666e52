"""The machinery of the exercises: what an exercise is, how an answer is compared and what feedback it gets.

An :class:`Exercise` holds its question, its kind, how to compute the expected answer with the package
(``answer()``), how close an answer must be (an :class:`Number` or :class:`Choice` per part, its ``form``), the typical
mistakes it recognises by name (:class:`Mistake`), progressive hints, the explanation a right answer earns
and the full solution. The notebooks hold none of this: a student's cell holds the question's variable and
``check(id, value)``.

Feedback comes in steps: a wrong answer gets a hint (the next one at each try) or, when it matches a listed
mistake, that mistake's feedback; a right answer gets the *why*; the full solution only on request
(:func:`solution`, or the button of :func:`ask` after one attempt).
"""

from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass, field
from typing import Any, Callable

__all__ = ["Number", "Choice", "Mistake", "Exercise", "Result", "KINDS", "parse_answer"]

#: The kinds of exercise: compute a number with the package or by hand, read it off an explorer, derive a
#: result (checked by a number or a choice), predict before moving a slider (then check against it).
KINDS = ("compute", "read-plot", "derive", "predict")


@dataclass(frozen=True)
class Number:
    """A numeric answer, right within ``rel`` of the expected value (or within ``abs`` where it is 0)."""

    rel: float = 0.02
    abs: float = 0.0

    def matches(self, given, expected) -> bool:
        try:
            given = float(given)
        except (TypeError, ValueError):
            return False
        if not math.isfinite(given):
            return False
        return abs(given - expected) <= max(self.rel * abs(expected), self.abs)

    def describe(self, expected) -> str:
        return f"{expected:.4g}"

    def parse(self, text: str):
        return _evaluate(text)


@dataclass(frozen=True)
class Choice:
    """One of a few labelled options (``{"a": "grows as T^2", ...}``); the answer is the label."""

    options: dict

    def matches(self, given, expected) -> bool:
        return isinstance(given, str) and given.strip().lower() == str(expected).lower()

    def describe(self, expected) -> str:
        return f"({expected}) {self.options[expected]}"

    def parse(self, text: str):
        return text.strip().strip("()").lower()


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer, recognised by name: ``value()`` computes it (a sign, a factor 2 or pi, the
    wrong regime, the hint's round number, the placeholder), ``feedback`` says what probably went wrong."""

    name: str
    value: Callable[[], Any]
    feedback: str


@dataclass
class Result:
    """What :func:`check` returns: ``correct``, the feedback text, and the mistake recognised (if any)."""

    correct: bool
    feedback: str
    mistake: str | None = None

    def __bool__(self):
        return self.correct

    def __str__(self):
        return self.feedback

    def _repr_markdown_(self):
        return ("**Right.** " if self.correct else "**Not yet.** ") + self.feedback


@dataclass
class Exercise:
    """One exercise, by id ``"NN.slug"`` (NN: the notebook). ``form`` is a Number or Choice, or a tuple of
    them for an answer in parts (then ``answer()`` and every mistake's value are tuples too)."""

    id: str
    kind: str
    title: str
    question: str
    answer: Callable[[], Any]
    form: Any
    why: str
    hints: tuple
    solution: str
    mistakes: tuple = ()
    minutes: int = 5
    attempts: int = field(default=0, compare=False)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind of {self.id} must be one of {KINDS}, got {self.kind!r}")
        if not self.hints:
            raise ValueError(f"exercise {self.id} needs at least one hint")

    @property
    def notebook(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def parts(self) -> tuple:
        return self.form if isinstance(self.form, tuple) else (self.form,)

    @property
    def wrong_answers(self) -> dict:
        """The typical mistakes, by name, each with the wrong answer it produces."""
        return {m.name: m.value() for m in self.mistakes}

    def _split(self, value):
        if isinstance(self.form, tuple):
            if not isinstance(value, (tuple, list)) or len(value) != len(self.form):
                return None
            return tuple(value)
        return (value,)

    def _matches(self, given, target) -> list:
        given, target = self._split(given), self._split(target)
        if given is None:
            return [False] * len(self.parts)
        return [part.matches(g, t) for part, g, t in zip(self.parts, given, target)]

    def check(self, given) -> Result:
        """Compare ``given`` with ``answer()``; count the attempt; return the feedback of this step."""
        n = len(self.parts)
        if given is None or (isinstance(self.form, tuple) and isinstance(given, (tuple, list))
                             and any(g is None for g in given)):
            return Result(False, "Fill in your answer above, then run the cell again"
                          + (f" ({n} parts, as a tuple)." if n > 1 else "."))
        if self._split(given) is None:
            return Result(False, f"This exercise has {n} parts: answer with a tuple of {n} values.")
        self.attempts += 1
        right = self._matches(given, self.answer())
        if all(right):
            return Result(True, self.why)
        for mistake in self.mistakes:
            if all(self._matches(given, mistake.value())):
                return Result(False, mistake.feedback + self._more(), mistake.name)
        part = "" if n == 1 else "Right so far: part(s) " + (", ".join(
            str(i + 1) for i, ok in enumerate(right) if ok) or "none") + ". "
        hint = self.hints[min(self.attempts, len(self.hints)) - 1]
        return Result(False, part + "Hint: " + hint + self._more())

    def _more(self) -> str:
        return f' (`solution("{self.id}")` shows the full solution.)'

    def solution_text(self) -> str:
        """The full solution, with the expected answer computed by the package now."""
        values = self._split(self.answer())
        shown = ", ".join(part.describe(v) for part, v in zip(self.parts, values))
        return f"{self.solution}\n\nAnswer: {shown}."


# --- parsing a text-box answer: numbers and simple arithmetic, no names but pi ---------------------------

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
        ast.Pow: operator.pow, ast.USub: operator.neg, ast.UAdd: operator.pos}


def _evaluate(text: str) -> float:
    """``"2/3"``, ``"1.5e-3"``, ``"3*pi/4"``, ``"2^4"`` -> float; ValueError for anything else."""
    def ev(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.Name) and node.id == "pi":
            return math.pi
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](ev(node.operand))
        raise ValueError(f"not a number: {text!r}")
    try:
        return float(ev(ast.parse(text.replace("^", "**").replace("π", "pi"), mode="eval").body))
    except (SyntaxError, ZeroDivisionError, OverflowError) as err:
        raise ValueError(f"not a number: {text!r}") from err


def parse_answer(exercise: Exercise, text: str):
    """A text-box answer for ``exercise``: parts separated by ``;`` (or ``,`` when no part is a number with a
    decimal comma), each parsed by its part's form."""
    pieces = [p for p in (text.split(";") if ";" in text else text.split(",")) if p.strip()]
    if len(exercise.parts) == 1:
        return exercise.parts[0].parse(text)
    if len(pieces) != len(exercise.parts):
        raise ValueError(f"give {len(exercise.parts)} parts separated by ';'")
    return tuple(part.parse(p) for part, p in zip(exercise.parts, pieces))
