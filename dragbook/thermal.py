"""Thermal factors shared by every transport calculation: the Fermi window and the drag phase-space weight.

Conventions: energies in J, temperature in K. The Fermi function is evaluated in its tanh form, which does
not overflow (docs/theory/coulomb-drag.md §2).

* ``fermi(E, mu, T)`` = 1/(exp((E - mu)/k_B T) + 1).
* ``fermi_window(E, mu, T)`` = -df/dE = 1/(4 k_B T cosh^2((E - mu)/2k_B T)), in 1/J; it integrates to 1.
  Only states within a few k_B T of mu carry current (Boltzmann equation, linear response).
* ``drag_weight(omega, T)`` = (hbar omega/2k_B T)^2 / sinh^2(hbar omega/2k_B T): the boson factor of the
  drag formula (docs/theory/coulomb-drag.md Eqs. (2.1)-(2.2); Liu, Liu & Culcer, arXiv:1610.05866, Eq. (9)),
  times y^2 so that it is finite at y -> 0.
  Energy transfers hbar omega beyond ~10 k_B T do not contribute; its integral over y = hbar omega/2k_B T
  from 0 to infinity is pi^2/6.

Inputs: E, mu and omega may be floats or arrays (they broadcast), finite; T is a float or an array that
broadcasts with them, 1e-9 K <= T <= 1e9 K (below, -df/dE in 1/J overflows near mu; above,
no transport model applies). Anything else raises ValueError naming the parameter.
"""

import numpy as np

from . import _check, units

__all__ = ["fermi", "fermi_window", "drag_weight"]

_T_MIN, _T_MAX = 1e-9, 1e9    # K, module docstring


def _temperature(T):
    return _check.in_range("T", _check.positive("T", T, "K"), _T_MIN, _T_MAX, "K")


def _broadcast(name, value, *others):
    """ValueError naming the parameters unless their shapes broadcast together."""
    try:
        np.broadcast_shapes(*(np.shape(v) for v in (value, *others)))
    except ValueError:
        raise ValueError(f"{name} must broadcast together, got shapes "
                         f"{', '.join(str(np.shape(v)) for v in (value, *others))}") from None


def fermi(E, mu, T):
    """Fermi-Dirac occupation (dimensionless) of energy ``E`` (J) at chemical potential ``mu`` (J), ``T`` (K)."""
    E, mu, T = _check.finite("E", E), _check.finite("mu", mu), _temperature(T)
    _broadcast("E, mu and T", E, mu, T)
    with np.errstate(over="ignore"):            # x = +-inf is exact enough: f is 0 or 1 there
        x = (np.asarray(E) - mu) / (2 * units.k_B * T)
    return 0.5 * (1.0 - np.tanh(x))


def fermi_window(E, mu, T):
    """-df/dE in 1/J at energy ``E`` (J), chemical potential ``mu`` (J), temperature ``T`` (K)."""
    E, mu, T = _check.finite("E", E), _check.finite("mu", mu), _temperature(T)
    _broadcast("E, mu and T", E, mu, T)
    with np.errstate(over="ignore"):            # x = +-inf is exact enough: f is 0 or 1 there
        x = (np.asarray(E) - mu) / (2 * units.k_B * T)
    return 1.0 / (4 * units.k_B * T * np.cosh(np.clip(x, -350, 350)) ** 2)


def drag_weight(omega, T):
    """y^2/sinh^2(y) with y = hbar omega / 2 k_B T (dimensionless, -> 1 at y = 0); ``omega`` in rad/s, ``T`` in K."""
    omega, T = _check.finite("omega", omega), _temperature(T)
    _broadcast("omega and T", omega, T)
    with np.errstate(over="ignore"):            # y = inf gives weight 0, as it should
        y = np.abs(np.asarray(omega)) * units.hbar / (2 * units.k_B * T)
    ys = np.clip(y, 1e-4, 350.0)
    return np.where(y < 1e-4, 1.0 - np.minimum(y, 1e-4) ** 2 / 3, np.where(y < 350.0, (ys / np.sinh(ys)) ** 2, 0.0))
