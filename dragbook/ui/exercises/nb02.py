"""Exercises of notebook 02 (defined as the notebook is rewritten)."""

EXERCISES = ()
