"""Exercises of notebook 04 (defined as the notebook is rewritten)."""

EXERCISES = ()
