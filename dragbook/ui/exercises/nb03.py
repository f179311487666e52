"""Exercises of notebook 03 (defined as the notebook is rewritten)."""

EXERCISES = ()
