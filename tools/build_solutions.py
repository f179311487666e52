"""Write docs/solutions.md from the exercises in the package (the same text as `dragbook solutions`)."""

from pathlib import Path

from dragbook.ui.exercises import solutions_markdown

HEADER = """# Solutions of the exercises

Generated from `dragbook.ui.exercises` by `python tools/build_solutions.py` (the same text as
`dragbook solutions`); the answers are computed by the package, so they cannot drift from the checks.
The teaching guide is [teaching.md](teaching.md).

"""

if __name__ == "__main__":
    out = Path(__file__).resolve().parents[1] / "docs" / "solutions.md"
    out.write_text(HEADER + solutions_markdown() + "\n")
    print(f"wrote {out}")
