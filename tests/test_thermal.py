"""Thermal factors: normalization sum rules and limits (closed forms)."""

import numpy as np
import pytest
from scipy import integrate

from dragbook import thermal, units


@pytest.mark.parametrize("T", [0.3, 5.0, 300.0])
def test_fermi_window_integrates_to_one(T):
    """-df/dE is normalized: its integral over all energies is 1 (f goes from 1 to 0)."""
    mu = 100 * units.meV
    kT = units.k_B * T
    val, _ = integrate.quad(lambda E: thermal.fermi_window(E, mu, T), mu - 60 * kT, mu + 60 * kT, points=[mu])
    assert val == pytest.approx(1.0, rel=1e-8)


def test_fermi_is_half_at_mu_and_does_not_overflow():
    """f(mu) = 1/2; deep below/above mu, f is exactly 1 and 0 without overflow warnings."""
    mu = 50 * units.meV
    assert thermal.fermi(mu, mu, 1.0) == 0.5
    assert thermal.fermi(mu - 1 * units.eV, mu, 0.01) == 1.0
    assert thermal.fermi(mu + 1 * units.eV, mu, 0.01) == 0.0


def test_drag_weight_integral_is_pi_squared_over_six():
    """int_0^inf y^2/sinh^2 y dy = pi^2/6 (the origin of the T^2 law's zeta-free prefactor)."""
    T = 4.0
    scale = 2 * units.k_B * T / units.hbar   # omega = scale * y
    val, _ = integrate.quad(lambda y: thermal.drag_weight(scale * y, T), 0, 60)
    assert val == pytest.approx(np.pi**2 / 6, rel=1e-9)


def test_drag_weight_is_even_and_tends_to_one():
    """The boson weight is even in omega and -> 1 as omega -> 0."""
    T = 2.0
    w = np.array([1e9, 1e12, 1e13])
    assert np.allclose(thermal.drag_weight(w, T), thermal.drag_weight(-w, T))
    assert thermal.drag_weight(0.0, T) == 1.0


@pytest.mark.parametrize("func", [thermal.fermi, thermal.fermi_window])
def test_rejects_nonpositive_temperature(func):
    """T <= 0 is outside the formulas: ValueError naming T."""
    with pytest.raises(ValueError, match="T must be > 0"):
        func(0.0, 0.0, -1.0)
