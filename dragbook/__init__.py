"""dragbook: interactive notebooks on quantum transport in topological and Dirac materials.

The physics modules import without ipywidgets or bokeh; the interactive layer lives in :mod:`dragbook.ui`.
"""

from importlib.metadata import PackageNotFoundError, version

from . import units
from ._check import ValidityWarning

try:
    __version__ = version("dragbook")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

__all__ = ["units", "ValidityWarning", "__version__"]
