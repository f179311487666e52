"""dragbook: interactive notebooks on quantum transport in topological and Dirac materials.

The physics modules import without ipywidgets or bokeh; the interactive layer lives in :mod:`dragbook.ui`.
Importing the package sets up numba's cache for a shared, read-only installation (:mod:`dragbook._numba_cache`)
before any kernel is defined.
"""

from importlib.metadata import PackageNotFoundError, version

from . import _numba_cache, units
from ._check import ValidityWarning

_numba_cache.install()

try:
    __version__ = version("dragbook")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

__all__ = ["units", "ValidityWarning", "__version__"]
