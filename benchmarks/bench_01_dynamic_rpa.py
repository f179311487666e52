"""Benchmark rows for the dynamic-RPA option of notebook 01 (dragbook.dynamic_rpa).

No explorer uses it yet; the rows time what one would wait for: a rho_D(T) curve with screening="dynamic"
for the GaAs bilayer of Flensberg & Hu (n = 1.5e11 cm^-2, d = 37.5 nm), against the static exact path, and
one temperature of a gapped Dirac bilayer (intra- and interband chi).
"""

import numpy as np

from timing import median_time


def _bilayer():
    from dragbook import drag, units

    layer = drag.ParabolicLayer(1.5e11 * units.per_cm2, 0.067)
    return drag.Bilayer(layer, layer, 37.5 * units.nm, 12.9)


def _dirac_bilayer():
    import math

    from dragbook import drag, units

    n, A = 1e10 * units.per_cm2, 1e6 * units.hbar
    layer = drag.DiracLayer(n, A, A * math.sqrt(math.pi * n), g=4)
    return drag.Bilayer(layer, layer, 30 * units.nm, 4.0)


def rows():
    from dragbook import drag, units

    b = _bilayer()
    T = np.linspace(1.0, 31.0, 20)                     # 0.016 - 0.5 T_F
    yield ("rho_D(T), 20 temperatures, dynamic RPA (GaAs, d = 37.5 nm)",
           median_time(lambda: drag.rho_drag(b, T, screening="dynamic"), repeats=3), "slow mode: on release")
    yield ("rho_D(T), 20 temperatures, static RPA, exact kernels (same bilayer)",
           median_time(lambda: drag.rho_drag(b, T, kernel="exact"), repeats=3), "for comparison")
    yield ("rho_D at T = 0.3 T_F, dynamic RPA (plasmon regime)",
           median_time(lambda: drag.rho_drag(b, 18.7, screening="dynamic")), "slow mode: on release")
    g = _dirac_bilayer()
    T = 0.3 * (g.active.mu - abs(g.active.M)) / units.k_B
    yield ("rho_D at T = 0.3 T_F, dynamic RPA, gapped Dirac (g = 4, 1e10 cm^-2, M = A k_F, d = 30 nm)",
           median_time(lambda: drag.rho_drag(g, T, screening="dynamic")), "slow mode: on release")
