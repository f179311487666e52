"""SI constants and teaching multipliers.

Every public function of dragbook takes and returns SI (temperature in kelvin). Multiply by these
names to write a quantity in the units of the papers: ``d = 10 * units.nm``, ``M = 10 * units.meV``,
``n = 1e12 * units.per_cm2``; divide by them to read it back: ``rho / units.h_e2``.

Constants are CODATA 2018, exact where SI defines them, from :mod:`scipy.constants`.
"""

import math

from scipy import constants as _c

__all__ = [
    "hbar", "h", "e", "k_B", "m_e", "epsilon_0", "zeta3",
    "meV", "eV", "nm", "angstrom", "per_cm2", "ps", "eV_angstrom",
    "e2_h", "h_e2", "hbar_e2",
]

# --- constants (SI) ---
hbar = _c.hbar            # J s
h = _c.h                  # J s
e = _c.e                  # C, elementary charge (carriers have charge -e)
k_B = _c.k                # J/K
m_e = _c.m_e              # kg
epsilon_0 = _c.epsilon_0  # F/m
zeta3 = 1.2020569031595942  # Riemann zeta(3), in the drag asymptotes

# --- multipliers: value_in_SI = number * multiplier ---
meV = 1e-3 * _c.eV        # J
eV = _c.eV                # J
nm = 1e-9                 # m
angstrom = 1e-10          # m
per_cm2 = 1e4             # m^-2 per cm^-2
ps = 1e-12                # s
eV_angstrom = eV * angstrom  # J m, for a Dirac velocity written as A = hbar v in eV A

# --- conductance and resistance quanta ---
e2_h = e**2 / h           # S, conductance quantum e^2/h
h_e2 = h / e**2           # ohm, von Klitzing constant
hbar_e2 = hbar / e**2     # ohm

# Conversions checked at import against independently known values (CODATA 2018, written out).
assert math.isclose(h_e2, 25812.80745, rel_tol=1e-9)
assert math.isclose(hbar_e2, 4108.236, rel_tol=1e-6)
assert math.isclose(e**2 / (4 * math.pi * epsilon_0) / (eV * nm), 1.439964548, rel_tol=1e-9)
assert math.isclose(k_B / eV, 8.617333262e-5, rel_tol=1e-9)
assert math.isclose(1e12 * per_cm2, 1e16)
assert math.isclose(4.1 * eV_angstrom / hbar, 6.229e5, rel_tol=1e-3)  # A = 4.1 eV A -> v = 6.229e5 m/s
