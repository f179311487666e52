"""Execute notebooks and keep outputs only on their golden cells (tag ``nbval-check-output``).

Usage: ``python tools/refresh_notebooks.py notebooks/01-coulomb-drag.ipynb [...]``

nbval compares the stored outputs of a cell with a fresh run; a cell without stored outputs is not
compared. So the golden cells keep their outputs (the notebook's headline numbers at fixed precision)
and every other cell is stripped, as are execution counts elsewhere and the saved widget state.
Run it after a deliberate change of a headline number, and review the diff.
"""

import sys

import nbformat
from nbclient import NotebookClient

GOLDEN = "nbval-check-output"


def refresh(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "notebooks"}}).execute()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)   # timestamps: noise in every diff
        if GOLDEN in cell.metadata.get("tags", []):
            continue
        cell.outputs = []
        cell.execution_count = None
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


if __name__ == "__main__":
    for p in sys.argv[1:]:
        refresh(p)
        print(f"refreshed {p}")
