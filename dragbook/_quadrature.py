"""Fixed-order Gauss-Legendre rules shared by the numba kernels (DESIGN.md rule 4), and their panel ends.

Nodes and weights are built with NumPy at import and passed to the kernels as arrays; the kernels map
them onto their own panels with :func:`panel_sum`-style loops (``a + (b - a) (1 + x) / 2``), whose ends
they collect in a buffer and order with :func:`sort_unique` (numba, inlined into the callers).
"""

import numpy as np
from numba import njit

__all__ = ["gauss_legendre", "composite", "sort_unique"]


@njit(cache=True)
def sort_unique(buf, n):
    """Insertion sort of buf[:n] in place (short panel-end lists), dropping repeated values; returns the new count."""
    for i in range(1, n):
        v = buf[i]
        j = i - 1
        while j >= 0 and buf[j] > v:
            buf[j + 1] = buf[j]
            j -= 1
        buf[j + 1] = v
    m = 1
    for i in range(1, n):
        if buf[i] > buf[m - 1]:
            buf[m] = buf[i]
            m += 1
    return m


def gauss_legendre(n):
    """Nodes and weights of the ``n``-point Gauss-Legendre rule on [-1, 1] (float64 arrays)."""
    x, w = np.polynomial.legendre.leggauss(n)
    return np.ascontiguousarray(x), np.ascontiguousarray(w)


def composite(breaks, n):
    """Composite ``n``-point Gauss-Legendre nodes and weights on the panels between sorted ``breaks``."""
    x, w = gauss_legendre(n)
    a, b = np.asarray(breaks[:-1], float), np.asarray(breaks[1:], float)
    half = 0.5 * (b - a)
    nodes = (a + half)[:, None] + half[:, None] * x[None, :]
    weights = half[:, None] * w[None, :]
    return nodes.ravel(), weights.ravel()
