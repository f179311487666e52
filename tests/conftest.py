"""Shared fixtures: the paper's parameter sets (spec coulomb-drag.md §1.3) and named tolerances.

Parameter sets are plain SI numbers (no dragbook import at collection time), so that the ui and
browser tests can share this file without importing the physics.
"""

from pathlib import Path
from types import SimpleNamespace

import _tolerance_guard
import pytest
from scipy import constants as _c

pytest_plugins = ["pytester"]  # the tolerance guard's own test runs a small pytest session


def pytest_configure(config):
    """Fail any test whose approx/isclose/allclose/assert_allclose cannot fail (tests/_tolerance_guard.py)."""
    _tolerance_guard.register(config, root=str(Path(__file__).parent))


_meV = 1e-3 * _c.eV
_nm = 1e-9
_per_cm2 = 1e4

# --- the paper's parameters (Liu, Liu & Culcer; spec §1.3, §3.9) ---
PAPER = SimpleNamespace(
    A=4.1 * _c.eV * 1e-10,          # 4.1 eV A, in J m
    eps_r=20.0,
    tau=0.1e-12,                     # passive-layer transport time, s
    M=10 * _meV,                     # M_a = M_p = 10 meV
    n=1e12 * _per_cm2,               # m^-2
    d_nm=(10, 20, 40),
)

# --- GaAs 2DEG test case of spec §3.1 ---
GAAS = SimpleNamespace(m_eff=0.067, eps_r=12.9, n=1.5e11 * _per_cm2, g=2)

# --- tolerances, each named once, each with the reason for its size ---
TOL = SimpleNamespace(
    # spec §3.9: "about 1% for independent implementations (different grids)"
    independent=1e-2,
    # fast numba quadrature vs the nested-scipy reference with the same (T = 0) kernels; spec §6 says the
    # fixed grid reaches 1e-4, the reference is converged to ~1e-6
    reference=1e-3,
    # kernels vs brute-force k-space integrals; spec §3.7: "better than 0.1%"
    kernel=1e-3,
    # a closed form vs an exact k-space integral of the same T = 0 quantity (both converged to ~1e-12)
    closed_form=1e-8,
    # C2 from a 1-D quad vs the package's 1-D integral
    c2=1e-3,
    # rho(0.5 K)/T^2 vs C2: spec §2.8 gives 4.626 vs 4.627, 1.1597 vs 1.1603, 2.0953 vs 2.0974 (<= 1e-3)
    t2_at_half_kelvin=2e-3,
    # local exponents vs spec tables printed with 3 decimals (§3.4, §3.6 limits) or 2 decimals (§3.5, §3.6)
    exponent_3dec=0.01,
    exponent_2dec=0.02,
    # spec §3.1/§3.2 issue text: |ratio - 1| < 0.02 at d = 3 um
    asymptote=0.02,
    # spec §3.8 item 4: peak at A k_F within 5%
    peak=0.05,
    # spec (H2): rho_yx/rho_xx = -hbar M_p/(2 tau mu_p^2) [1 + O(k_BT/mu) + O((k_BT d/hbar v_F)^2)];
    # at T <= 1 K the spec's own numbers deviate by <= 3e-3 (d = 40 nm, 1 K)
    hall_ratio=5e-3,
    # spec §3.7.4: M >> A k_F Dirac -> g = 1 2DEG, "drag ratio 0.9998"; the leading correction is
    # (mu - M)/M ~ 1e-3
    heavy_mass=2e-3,
    # exact symmetries of the integrand (a <-> p, M_p -> -M_p, 1/tau): only round-off
    exact=1e-9,
    # weak-screening limit (spec §3.3): full numerics vs the J(c) formula agree to about 1%
    weak_screening=2e-2,
)


@pytest.fixture(scope="session")
def paper():
    """The paper's parameter set (SI)."""
    return PAPER


@pytest.fixture(scope="session")
def gaas():
    """GaAs 2DEG of spec §3.1 (SI)."""
    return GAAS


@pytest.fixture(scope="session")
def tol():
    """Named tolerances (see TOL in conftest.py for the reason behind each)."""
    return TOL


@pytest.fixture(scope="session")
def paper_bilayer():
    """Factory: Bilayer of two paper layers, d in nm; keyword overrides n, M_a, M_p, eps_r."""
    from dragbook import drag

    def make(d_nm=10, *, n=PAPER.n, n_p=None, M_a=PAPER.M, M_p=PAPER.M, eps_r=PAPER.eps_r, A=PAPER.A):
        active = drag.DiracLayer(n, A, M=M_a)
        passive = drag.DiracLayer(n if n_p is None else n_p, A, M=M_p)
        return drag.Bilayer(active, passive, d_nm * _nm, eps_r)

    return make


@pytest.fixture(scope="session")
def gaas_bilayer():
    """Factory: symmetric GaAs 2DEG bilayer of spec §3.1, d in nm; n overrides the density."""
    from dragbook import drag

    def make(d_nm, *, n=GAAS.n):
        layer = drag.ParabolicLayer(n, GAAS.m_eff, g=GAAS.g)
        return drag.Bilayer(layer, layer, d_nm * _nm, GAAS.eps_r)

    return make

