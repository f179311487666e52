"""Fixed-order Gauss-Legendre rules shared by the numba kernels (DESIGN.md rule 4).

Nodes and weights are built with NumPy at import and passed to the kernels as arrays; the kernels map
them onto their own panels with :func:`panel_sum`-style loops (``a + (b - a) (1 + x) / 2``).
"""

import numpy as np

__all__ = ["gauss_legendre", "composite"]


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
