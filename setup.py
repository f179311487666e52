"""Ship the repository's ``notebooks/`` inside the package as ``dragbook/notebooks/``.

The notebooks stay where Binder, nbval and the browser tests find them (``notebooks/`` at the top of the
repository): that folder is their only copy in git. Building a wheel copies them into the built package, so a
``pip install`` user gets them (``dragbook notebooks DIR``). Everything else is declared in pyproject.toml.
"""

import pathlib
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithNotebooks(build_py):
    """build_py, plus ``notebooks/`` (what the notebooks need with them too, no checkpoints) copied to
    ``<build>/dragbook/notebooks/``."""

    def run(self):
        super().run()
        source = pathlib.Path(__file__).parent / "notebooks"
        shutil.copytree(source, pathlib.Path(self.build_lib, "dragbook", "notebooks"),
                        ignore=shutil.ignore_patterns(".*"), dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithNotebooks})
