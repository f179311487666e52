"""DESIGN rule 1: the physics imports without ipywidgets or bokeh; the ui imports the physics, never the reverse."""

import subprocess
import sys

import pytest

PHYSICS = ["dragbook", "dragbook.units", "dragbook.thermal", "dragbook.drag", "dragbook.dynamic_rpa", "dragbook.halldrag",
           "dragbook.ahe", "dragbook.chiral", "dragbook.phonon"]


@pytest.mark.parametrize("module", PHYSICS)
def test_physics_module_imports_without_plotting_stack(module):
    code = (f"import sys, {module}; bad = [m for m in ('ipywidgets', 'bokeh', 'jupyter_bokeh') if m in sys.modules];"
            " print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.strip()
    assert out == "", f"{module} imported {out}"
