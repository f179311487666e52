"""Exercises of notebook 05 (defined as the notebook is rewritten)."""

EXERCISES = ()
