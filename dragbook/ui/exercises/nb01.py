"""Exercises of notebook 01 (defined as the notebook is rewritten)."""

EXERCISES = ()
