"""Memory a student's session needs: the resident size (RSS) of a kernel after Run All of each notebook, and of
an idle JupyterLab server; prints a Markdown table and the hub memory limit it implies (docs/deploy.md).

Run with ``make benchmark-memory`` (or ``python benchmarks/memory.py [notebook ...]``) after ``dragbook warmup``:
each notebook runs top to bottom in a fresh kernel (nbclient), then its kernel's RSS is read (psutil) at once
and again after the explorers' idle work has had time to finish, with its peak (``VmHWM``, Linux). Not part of
``make test``: it measures, it asserts nothing. Not a ``bench_*.py`` module: those rows are times.
"""

import json
import pathlib
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import psutil
from nbclient import NotebookClient

REPO = pathlib.Path(__file__).resolve().parents[1]
MB = 2**20
#: Seconds the kernel is left alone after Run All, for the idle work of the explorers (dragbook.ui.idle) to run;
#: the longest (notebook 01's Hall explorers) takes about 10 s on two cores.
IDLE_S = 20.0


def peak_rss(pid):
    """Peak resident size of ``pid`` in bytes (Linux ``VmHWM``), or None elsewhere."""
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None


def notebook_rss(path):
    """``(after Run All, after the idle work, peak)`` in bytes for one notebook in a fresh kernel."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        kernel = psutil.Process(client.km.provisioner.process.pid)
        after_run = kernel.memory_info().rss
        time.sleep(IDLE_S)   # here, not in the kernel: its idle work runs while its event loop is free
        return after_run, kernel.memory_info().rss, peak_rss(kernel.pid)


def server_rss():
    """RSS of an idle JupyterLab server, no kernel running."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
                               "--ServerApp.token=", "--LabApp.news_url=None", "--allow-root",
                               f"--ServerApp.root_dir={REPO / 'notebooks'}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2) as reply:
                    json.load(reply)
                    break
            except OSError:
                time.sleep(0.5)
        time.sleep(2)
        return psutil.Process(server.pid).memory_info().rss
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(names):
    paths = [REPO / "notebooks" / n for n in names] or sorted((REPO / "notebooks").glob("*.ipynb"))
    print("| notebook | kernel RSS after Run All | after its idle work | peak while running |\n|---|---|---|---|")
    rows = []
    for path in paths:
        rows.append(notebook_rss(path))
        after, idle, peak = (x / MB if x else float("nan") for x in rows[-1])
        print(f"| `{path.stem}` | {after:.0f} MB | {idle:.0f} MB | {peak:.0f} MB |", flush=True)
    server = server_rss() / MB
    settled = [idle / MB for _, idle, _ in rows]
    peaks = [(peak or idle) / MB for _, idle, peak in rows]
    print(f"| JupyterLab server, idle | {server:.0f} MB | | |")
    print(f"\nAll {len(rows)} notebooks open at once: {server + sum(settled):.0f} MB. One notebook at a time "
          f"(kernels shut down on close): {server + max(peaks):.0f} MB at the worst peak; two at once: "
          f"{server + sum(sorted(peaks)[-2:]):.0f} MB.")


if __name__ == "__main__":
    main(sys.argv[1:])
