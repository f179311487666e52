"""Benchmark rows for the dynamic-RPA option of notebook 01 (dragbook.dynamic_rpa; spec coulomb-drag.md §6.8).

No explorer uses it yet; the rows time what one would wait for: a rho_D(T) curve with screening="dynamic"
for the GaAs bilayer of Flensberg & Hu (n = 1.5e11 cm^-2, d = 37.5 nm), against the static exact path.
"""

import numpy as np

from timing import median_time


def _bilayer():
    from dragbook import drag, units

    layer = drag.ParabolicLayer(1.5e11 * units.per_cm2, 0.067)
    return drag.Bilayer(layer, layer, 37.5 * units.nm, 12.9)


def rows():
    from dragbook import drag

    b = _bilayer()
    T = np.linspace(1.0, 31.0, 20)                     # 0.016 - 0.5 T_F
    yield ("rho_D(T), 20 temperatures, dynamic RPA (GaAs, d = 37.5 nm)",
           median_time(lambda: drag.rho_drag(b, T, screening="dynamic"), repeats=3), "slow mode: on release")
    yield ("rho_D(T), 20 temperatures, static RPA, exact kernels (same bilayer)",
           median_time(lambda: drag.rho_drag(b, T, kernel="exact"), repeats=3), "for comparison")
    yield ("rho_D at T = 0.3 T_F, dynamic RPA (plasmon regime)",
           median_time(lambda: drag.rho_drag(b, 18.7, screening="dynamic")), "slow mode: on release")
