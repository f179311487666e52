r"""Chiral anomaly of a two-node Weyl metal: model, Fermi-surface Boltzmann solver, B^2 magnetoconductivity.

What it computes
----------------
* The two-node model of Sekine, Culcer and MacDonald [1], Sec. VI.A, Eq. (69), :math:`\mathcal H_0 = v_F\tau_z\mathbf k\cdot\boldsymbol\sigma
  + \Delta\tau_x + b\sigma_z`, block-diagonal (Eq. 70) in :math:`t = \pm` blocks
  :math:`\mathcal H_t = v_F(k_x\sigma_x + k_y\sigma_y) + m_t(k_z)\sigma_z`, :math:`m_t = b + t\sqrt{(\hbar v_Fk_z)^2 +
  \Delta^2}`: :func:`hamiltonian`, :func:`mass`, :func:`bands`, :func:`node_wavevector` (:math:`k_0 =
  \sqrt{b^2-\Delta^2}/\hbar v_F`), the Berry curvature :func:`berry_curvature` with the in-plane components
  corrected (the derivations are on this repository's theory page docs/theory/chiral-anomaly.md, cited
  below as "theory page": §1, :math:`\Omega^\pm_{x,y} = \mp m'v_F^2k_{x,y}/2\varepsilon^3`),
  and the Fermi-surface pockets with their Berry charges, :func:`pockets`.
* :class:`FermiSurfaceSolver`: the linearised Boltzmann equation on the discretised Fermi surfaces of the two
  separated pockets (grid of Gauss-Legendre :math:`k_z` rings times a uniform :math:`\varphi` grid), with the
  Born collision operator of scalar short-range disorder built from the 4-spinor overlaps
  :math:`|\langle\psi_k|\psi_{k'}\rangle|^2 = |\langle\chi_t(k_z)|\chi_t(k_z')\rangle|^2\,
  |\langle u_k|u_{k'}\rangle|^2` (theory page §2), optionally plus a phenomenological uniform intervalley rate.
  The particle-number zero mode is handled by a bordered system (theory page §3). Rates: intravalley
  :math:`\Gamma_a = 1/\tau_q`, intervalley :math:`\Gamma_e`, :math:`r = \Gamma_e/\Gamma_a`, valley time
  :math:`\tau_v = 1/2\Gamma_e`; the transport time comes out of the solve.
* The response to :math:`\mathbf E` and :math:`\mathbf B = B\hat z` (B along the node axis) to second order in B:
  Drude :math:`\sigma^{(0)}`, the Lorentz (orbital) Hall term :math:`\sigma^{(1)}B` and magnetoconductivity
  :math:`\sigma^{(2)}_{LF}B^2` from :math:`\phi = (K - L_B)^{-1}D_E`, :math:`L_B = (e/\hbar)(\mathbf v\times\mathbf B)\cdot
  \nabla_{\mathbf k} = -\omega_c\partial_\varphi` (theory page §3; signs under Conventions), and the anomaly tensor
  :math:`\sigma^{(2)}_{CA}B^2` in three schemes (theory page §6):

  - ``"consistent"``: chiral-kinetic source :math:`D = -(e^2/\hbar)(\mathbf E\cdot\mathbf B)(\mathbf v\cdot
    \boldsymbol\Omega)` (the paper's D_B(S_E) plus the omitted D_E(xi_B), theory page §4; the source is checked against
    :func:`anomaly_drivings`, computed from the model's density matrices),
    proper :math:`K^{-1}`, uniform CME current weight :math:`-(e^2/\hbar)\mathbf B(\mathbf v\cdot\boldsymbol\Omega)`.
    Equals Son-Spivak for isotropic cones at every r (the tau_v term; see "Not included" below).
  - ``"paper"``: the paper's printed scheme, Eqs. (106)-(111) and (121)-(122): driving
    :math:`-(e^2/\hbar)[(\mathbf E\cdot\mathbf B)(\mathbf v\cdot\boldsymbol\Omega) - (\mathbf E\cdot\mathbf v)
    (\mathbf B\cdot\boldsymbol\Omega)]` (2/3 of the pumping, theory page §4), the whole E.B-driven
    distribution multiplied by :math:`\tau_v` (Eq. 106, read as tau_v = tau^{12}/2, theory page §6) and the E-perp-B one by
    :math:`\tau_q` (Eq. 121), current weight of theory page §6,
    :math:`(e^2/\hbar)[\varepsilon\partial_{\mathbf k}(\mathbf B\cdot\boldsymbol\Omega)/\hbar
    - \mathbf B(\mathbf v\cdot\boldsymbol\Omega)]` (= 3cos^2 theta_B times the uniform one on a cone).
    Gives 2/5 of Son-Spivak for a pair at T = 0.
  - ``"paper-proper-inverse"``: the paper's driving and current weight with the proper :math:`K^{-1}`:
    :math:`(2/3)[1 - (4/5)r/(1+r)]` (theory page §6).

  The Lorentz term is computed with the proper :math:`K^{-1}` in every scheme (it is not where they differ).
* Closed forms: :func:`son_spivak_delta_sigma` (theory page §5), :func:`drude_conductivity` (§2),
  :func:`cyclotron_frequency`, :func:`ahe_conductivity` (T = 0 intrinsic AHE, paper Eq. 85; it is
  :func:`dragbook.ahe.weyl_continuum_hall`, one implementation for notebooks 03 and 04),
  :func:`chiral_magnetic_current` (Eq. 86), :func:`sommerfeld_factor` and :func:`paper_coefficient`, the
  paper's :math:`\mathcal C(b,\Delta,T)` of Eq. (111) per block (Fig. 3) from its reduced form (theory page §9).
* :func:`anomaly_drivings` and :func:`pumping_fractions`: the paper's driving D_B(S_E) and the omitted
  D_E(xi_B) from finite-difference density matrices of the 4x4 model, and their valley pumping (2/3 and 1).
* :func:`anomaly_fraction`: the anomaly coefficient of a pair of isotropic cones from the solver, as a
  fraction of Son-Spivak at T = 0 with the same valley time.

Reduction and reference scales
------------------------------
The solver works with :math:`\hbar = e = v_F = 1`, energies in units of :math:`\mu`, wavevectors in
:math:`\mu/\hbar v_F`, rates in :math:`\Gamma_a`. Conversions back to SI: :math:`\sigma^{(0)}` in
:math:`e^2\mu^2/(\hbar^3 v_F\Gamma_a)`, :math:`\sigma^{(1)}` and :math:`\sigma^{(2)}_{LF}` carry in addition
:math:`(ev_F^2/\mu\Gamma_a)^{1,2}` per tesla, :math:`\sigma^{(2)}_{CA}` is in :math:`e^4v_F^3/(\hbar\mu^2\Gamma_a)`
per tesla^2 (so Son-Spivak is :math:`\tilde\tau_v/4\pi^2`). On the Fermi surface of the conduction band of
block :math:`t = -`, :math:`\varepsilon = \mu`, :math:`k_\perp = \sqrt{1 - m^2}`, :math:`v_\perp = k_\perp`,
:math:`v_z = mm'`, :math:`\mathbf v\cdot\boldsymbol\Omega = -m'/2`, :math:`\Omega_z = -m/2`, and the DOS measure is
exact and uniform: :math:`\int d^3k\,\delta(\varepsilon-\mu)F = \int dk_z\,d\varphi\,(\mu/\hbar^2v_F^2)F`
(theory page §3).

Because the Born kernel depends on :math:`\varphi - \varphi'` only through :math:`\cos(\varphi-\varphi')` and
B is along the symmetry axis (the Lorentz operator is :math:`-\omega_c\partial_\varphi`, :math:`\omega_c =
eBv_F^2/\mu` on the whole Fermi surface), the collision operator is block-diagonal in the angular harmonics
:math:`e^{iM\varphi}` and every O(E B^2) quantity lives in M = 0 and |M| = 1: the numba kernel integrates the
overlap over the :math:`\varphi` grid into these two harmonics, and the solve is two small dense systems
(the M = 0 one bordered).

Conventions
-----------
SI at the boundary, T in kelvin, energies (b, Delta, mu) in J. Carriers have charge -e; Boltzmann form
:math:`\partial_tf + I(f) = (e/\hbar)(\mathbf E + \mathbf v\times\mathbf B)\cdot\nabla_{\mathbf k}f` (the
paper's Eq. 29). With :math:`f = f_0 + (-\partial_\varepsilon f_0)\phi` the steady equation is
:math:`(K + \omega_c\partial_\varphi)\phi = D`: the Lorentz term :math:`(e/\hbar)(\mathbf v\times\mathbf B)\cdot
\nabla_{\mathbf k} = -\omega_c\partial_\varphi` (azimuth :math:`\varphi` counterclockwise about B) moves to the left,
E drives :math:`D_E = -e\mathbf E\cdot\mathbf v` (Eq. 31), and the current is :math:`\mathbf j = -e\sum_{\mathbf k}
(-\partial_\varepsilon f_0)\,\dot{\mathbf r}\,\phi` with :math:`\dot{\mathbf r} = \mathbf v`, or the chiral-magnetic
velocity :math:`(e/\hbar)(\mathbf v\cdot\boldsymbol\Omega)\mathbf B` for the anomaly (theory page §3). The intrinsic
AHE (Eq. 85) is a Fermi-sea term outside this equation: the tensors leave it out unless ``ahe=True``;
:math:`\sigma_{ij} = j_i/E_j`; Berry curvature :math:`\Omega^+ = -s\hat q/2q^2` for the upper band of
:math:`s v\mathbf q\cdot\boldsymbol\sigma`. The node at :math:`+k_0` has :math:`m' < 0`, chirality
:math:`Q = -1` in the sense of Eq. (91) (:math:`\mathcal H^\nu = v_F(q_x\sigma_x + q_y\sigma_y + Q_\nu q_z\sigma_z)`)
and Berry flux :math:`-2\pi Q` out of its pocket; the node at :math:`-k_0` has Q = +1.
All B^2 results are even in the chirality. Not included (theory page §7): the B-linear normal
current of the E.B-pumped distribution (it vanishes for linear cones and is of order tau_q from band curvature
at Delta != 0), orbital-moment, phase-space-factor, D_E(rho_BB) and intrinsic (C'-type) B^2 terms of order tau_tr,
which compete with the anomaly once r >~ 0.1. B is along z (the node axis); for isotropic cones (Delta = 0)
the results hold for any direction of B. The solver needs separated pockets, 0 < mu < b - Delta, and T << mu
(finite T enters the anomaly only through the Sommerfeld factor of elastic, energy-independent rates).

Numerics
--------
24 Gauss-Legendre rings per pocket (exact for the polynomial harmonics of an isotropic cone; the fraction
table of theory page §6 is reproduced to 1e-6), 48 points in phi for the overlap harmonics (exact: the
overlap is a trigonometric polynomial of degree 1). :func:`paper_coefficient`: composite Gauss-Legendre in
the energy window :math:`|\varepsilon - \mu| < 40k_BT` (states below :math:`0.3\mu` are dropped, see
:func:`sommerfeld_factor`) times Gauss-Legendre in k_z on the analytic pocket intervals; agrees with the T -> 0 closed form and the
Sommerfeld series to better than 1e-4.

References
----------
.. [1] A. Sekine, D. Culcer, A. H. MacDonald, "Quantum kinetic theory of the chiral anomaly", Phys. Rev. B 96,
   235134 (2017), arXiv:1706.01200: Eqs. (69)-(73) model, (85) AHE, (86)-(95) CME, (96) Son-Spivak,
   (101)-(111) E||B, (114)-(115) Lorentz, (118)-(124) E perp B, Fig. 3.
.. [2] docs/theory/chiral-anomaly.md (this repository): the derivations, the corrected curvature, the three
   schemes and where the paper's printed formulas are wrong.
.. [3] D. T. Son, B. Z. Spivak, Phys. Rev. B 88, 104412 (2013).
"""

import math
from dataclasses import dataclass

import numpy as np
from numba import njit

from . import _check, _quadrature, units
from . import ahe as _ahe          # the continuum Weyl AHE lives there (notebook 03); no ui imports

__all__ = [
    "SCHEMES", "mass", "bands", "hamiltonian", "berry_curvature", "node_wavevector", "pockets", "Pocket",
    "FermiSurfaceSolver", "son_spivak_delta_sigma", "anomaly_fraction", "sommerfeld_factor",
    "paper_coefficient", "drude_conductivity", "cyclotron_frequency", "ahe_conductivity",
    "chiral_magnetic_current", "warmup", "anomaly_drivings", "pumping_fractions", "T_OVER_MU_MAX",
    "OMEGA_TAU_MAX", "HBAR_OMEGA_OVER_MU_MAX",
]

#: Driving schemes of the anomaly (docs/theory/chiral-anomaly.md §6).
SCHEMES = ("consistent", "paper", "paper-proper-inverse")

_N_KZ = 24        # Gauss-Legendre rings per pocket
_N_PHI = 48       # phi points for the overlap harmonics
_N_KZ_MAX, _N_PHI_MAX = 200, 512     # solver grid bounds: a few seconds at most
_N_KZ_POCKET_MAX = 1000              # Gauss-Legendre points of pockets(): leggauss is O(n^2) beyond
_N_PUMP_MAX = 48                     # pumping_fractions: n_kz n_phi calls of anomaly_drivings (~4 ms each)
_BT_MAX = 1e6                        # largest b/mu of the solver: the rings sit at k_z ~ b/mu ± 1 (reduced)
#: omega_c tau_tr above which the B^2 expansion is flagged (ValidityWarning): there the Lorentz B^2 term is
#: 9 % of sigma0 and the first neglected term (omega_c tau_tr)^4 sigma0 of the exact 1/(1 + (omega_c tau)^2) is
#: 10 % of the B^2 term kept; the explorers shade the same region.
OMEGA_TAU_MAX = 0.3
#: hbar omega_c/mu above which Landau quantisation is no longer a small correction (ValidityWarning).
HBAR_OMEGA_OVER_MU_MAX = 0.1
_E_CUT = 0.3      # states below 0.3 mu are dropped in the finite-T energy integrals (see sommerfeld_factor)
#: Largest k_B T/mu accepted by the finite-T functions: there the 0.3 mu cutoff changes the result by 1e-5.
T_OVER_MU_MAX = 0.05
_X_MAX = 40.0     # energy window |eps - mu| < 40 k_B T
_X_NODES, _X_WEIGHTS = _quadrature.composite(np.linspace(-_X_MAX, _X_MAX, 41), 8)
_KZ_NODES, _KZ_WEIGHTS = _quadrature.gauss_legendre(48)


# ----------------------------------------------------------------------------------------------------------
# Model (paper Eqs. 69-73)
# ----------------------------------------------------------------------------------------------------------
def _check_model(v_F, b, Delta):
    # the lower end keeps hbar v_F a normal float64 (no division by an underflowed 0)
    v_F = _check.scalar("v_F", _check.in_range("v_F", v_F, 1e-100, math.inf, "m/s"))
    b = _check.scalar("b", _check.positive("b", b, "J"))
    Delta = _check.scalar("Delta", _check.nonnegative("Delta", Delta, "J"))
    if not Delta < b:
        raise ValueError(f"Delta must be < b (Weyl semimetal, |b| > |Delta|), got Delta = {Delta:g} J, "
                         f"b = {b:g} J")
    return v_F, b, Delta


def _sign(name, value, what):
    """``value`` = +1 or -1 (an int, or a float equal to it) as an int, or ValueError naming ``name``."""
    if (isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating))
            or value not in (1, -1)):
        raise ValueError(f"{name} must be +1 or -1 ({what}), got {value!r}")
    return int(value)


def _finite_result(value, names):
    """``value`` if every entry is finite, else ValueError: the inputs ``names`` are beyond what float64 holds."""
    if not np.all(np.isfinite(value)):
        raise ValueError(f"the result overflows float64: {names} out of range (too large or too small)")
    return value


def _guarded(names, compute):
    """``compute()`` (SI arithmetic on checked inputs), or ValueError naming ``names`` if it overflows or
    divides by an underflowed zero."""
    try:
        with np.errstate(all="ignore"):
            value = compute()
    except (ZeroDivisionError, OverflowError):
        value = math.inf
    return _finite_result(value, names)


def _mass(kz, t, v_F, b, Delta):
    return b + t * np.hypot(units.hbar * v_F * kz, Delta)


def mass(kz, t, v_F, b, Delta):
    """m_t(k_z) = b + t sqrt((hbar v_F k_z)^2 + Delta^2) in J (paper Eq. 70); ``kz`` in 1/m (float or array),
    ``t`` = +1 or -1."""
    t = _sign("t", t, "block")
    v_F, b, Delta = _check_model(v_F, b, Delta)
    return _finite_result(_mass(_check.finite("kz", kz), t, v_F, b, Delta), "kz, b")


def bands(kx, ky, kz, v_F, b, Delta):
    """The four energies of Eq. (69), in J, sorted: (-eps_+, -eps_-, eps_-, eps_+) along the last axis.
    ``kx``, ``ky``, ``kz`` in 1/m, floats or arrays that broadcast."""
    v_F, b, Delta = _check_model(v_F, b, Delta)
    kx, ky, kz = (_check.finite(name, k) for name, k in (("kx", kx), ("ky", ky), ("kz", kz)))
    kp = units.hbar * v_F * np.hypot(kx, ky)
    eps = [np.hypot(kp, _mass(kz, t, v_F, b, Delta)) for t in (1, -1)]
    return _finite_result(np.stack(np.broadcast_arrays(-eps[0], -eps[1], eps[1], eps[0]), axis=-1), "kx, ky, kz, b")


def hamiltonian(kx, ky, kz, v_F, b, Delta):
    """The 4x4 Bloch Hamiltonian of Eq. (69), in J, basis tau (x) sigma (tau outer); ``kx``, ``ky``, ``kz``
    floats in 1/m."""
    v_F, b, Delta = _check_model(v_F, b, Delta)
    kx, ky, kz = (_check.scalar(name, _check.finite(name, k), "(one wavevector)")
                  for name, k in (("kx", kx), ("ky", ky), ("kz", kz)))
    return _hamiltonian(kx, ky, kz, v_F, b, Delta)


def _hamiltonian(kx, ky, kz, v_F, b, Delta):
    s0 = np.eye(2)
    sx = np.array([[0, 1], [1, 0]], complex)
    sy = np.array([[0, -1j], [1j, 0]])
    sz = np.diag([1.0, -1.0]).astype(complex)
    hv = units.hbar * v_F
    return (hv * np.kron(sz, kx * sx + ky * sy + kz * sz) + Delta * np.kron(sx, s0) + b * np.kron(s0, sz))


def berry_curvature(kx, ky, kz, t, v_F, b, Delta, band=1):
    """Berry curvature (m^2) of band ``band`` (+1 upper, -1 lower) of block t: corrected Eq. (73) (docs/theory/chiral-anomaly.md §1).

    Omega^±_{x,y} = ∓ m' v^2 k_{x,y} / (2 eps^3), Omega^±_z = ∓ v^2 m / (2 eps^3) with v = hbar v_F and
    m' = dm/dk_z (J m). ``kx``, ``ky``, ``kz`` in 1/m (floats or arrays that broadcast), ``t`` = ±1, ``band`` = ±1.
    Returns an array of shape (3, ...). At a band touching (a Weyl node) the curvature diverges: ValueError.
    """
    t, band = _sign("t", t, "block"), _sign("band", band, "upper or lower band")
    v_F, b, Delta = _check_model(v_F, b, Delta)
    kx, ky, kz = (np.asarray(_check.finite(name, k), dtype=float) for name, k in (("kx", kx), ("ky", ky), ("kz", kz)))
    hv = units.hbar * v_F
    m = _mass(kz, t, v_F, b, Delta)
    E = np.hypot(hv * kz, Delta)
    eps = np.hypot(hv * np.hypot(kx, ky), m)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # written with the bounded ratios hv k/eps, hv k_z/E, m/eps <= 1 so that only (hv/eps)^2 can overflow
        dm_hat = np.where(E > 0, t * hv * kz / np.where(E > 0, E, 1.0), 0.0)   # m'/hv; 0 on the kink at Delta = 0
        pre = -band * (hv / eps) ** 2 / 2
        out = np.stack(np.broadcast_arrays(pre * dm_hat * hv * kx / eps, pre * dm_hat * hv * ky / eps, pre * m / eps))
    if not np.all(np.isfinite(out)):
        raise ValueError("k must avoid the band touchings (Weyl nodes at k = (0, 0, ±k_0)), where the Berry "
                         "curvature diverges: kx, ky, kz too close to a node")
    return out


def node_wavevector(v_F, b, Delta):
    """k_0 = sqrt(b^2 - Delta^2)/(hbar v_F) in 1/m: the Weyl nodes sit at (0, 0, ±k_0) (paper Eq. 70)."""
    v_F, b, Delta = _check_model(v_F, b, Delta)
    return _finite_result(b * math.sqrt((1 - Delta / b) * (1 + Delta / b)) / (units.hbar * v_F), "b, v_F")


@dataclass(frozen=True)
class Pocket:
    """One Fermi-surface pocket: block ``t`` (+1, -1; 0 for a Delta = 0 Weyl sphere that spans both blocks,
    whose mass is b + charge hbar v_F k_z), k_z interval (1/m) and Berry charge (flux / 2 pi)."""
    t: int
    kz_lo: float
    kz_hi: float
    charge: float

    def __post_init__(self):
        if isinstance(self.t, (bool, np.bool_)) or self.t not in (-1, 0, 1):
            raise ValueError(f"t must be -1, 0 or +1, got {self.t!r}")
        lo = _check.scalar("kz_lo", _check.finite("kz_lo", self.kz_lo))
        hi = _check.scalar("kz_hi", _check.finite("kz_hi", self.kz_hi))
        if not lo <= hi:
            raise ValueError(f"kz_lo must be <= kz_hi, got kz_lo = {lo:g}, kz_hi = {hi:g} 1/m")
        _check.scalar("charge", _check.finite("charge", self.charge))


def _pocket_intervals(mu, b, Delta):
    """Connected Fermi-surface components in reduced units (hbar v_F = 1): list of (t, kz_lo, kz_hi).

    |m_t(k_z)| < mu with m_t = b + t E, E = sqrt(k_z^2 + Delta^2) (docs/theory/chiral-anomaly.md §1).
    """
    out = []
    lo, hi = max(b - mu, Delta), b + mu             # t = -: E in (b - mu, b + mu), E >= Delta
    k_hi = math.sqrt(hi**2 - Delta**2)
    if lo > Delta:                                  # two separated pockets
        k_lo = math.sqrt(lo**2 - Delta**2)
        out += [(-1, -k_hi, -k_lo), (-1, k_lo, k_hi)]
    else:                                           # merged at k_z = 0 (Lifshitz point mu_L = b - Delta)
        out.append((-1, -k_hi, k_hi))
    if mu - b > Delta:                              # t = +: E < mu - b
        k = math.sqrt((mu - b) ** 2 - Delta**2)
        out.append((1, -k, k))
    return out


def _reduced_mass(kz, t, b, Delta):
    """m, m', m'' of block t in reduced units (hbar v_F = 1)."""
    E = np.sqrt(kz**2 + Delta**2)
    return b + t * E, t * kz / E, t * Delta**2 / E**3


def pockets(mu, v_F, b, Delta, n_kz=_N_KZ):
    """Fermi-surface pockets at Fermi energy ``mu`` (J, > 0) with their Berry charges.

    The charge is the chirality Q_nu of Eqs. (86), (91): minus the flux of the conduction-band curvature out of
    the pocket over 2 pi, computed on the Fermi-surface grid as Q = -(1/2 pi) ∫ d^3k delta(eps - mu) v.Omega
    = (1/2 mu) ∫ dk_z m' (reduced units, docs/theory/chiral-anomaly.md §1): ±1 for separated pockets
    (Q = -1 at +k_0, where m' < 0), 0 for the single pocket of the merged t = - block (Delta > 0 and
    mu > b - Delta), which encloses both nodes.

    At Delta = 0 tau_z commutes with the Hamiltonian (and with scalar disorder), so the two Weyl spheres
    |k -+ k_0 z| = mu/(hbar v_F) are the tau_z = -+1 sectors, single cones of mass b -+ hbar v_F k_z: they only
    overlap for mu > b and never merge. They are returned as two pockets of charge -1 and +1 for every mu,
    with ``t = 0`` when a sphere reaches k_z = 0 and so spans both blocks t = ± (for mu < b they are the
    t = - pockets). ``n_kz``: Gauss-Legendre points per pocket for the charge, an integer in [1, 1000].
    """
    v_F, b, Delta = _check_model(v_F, b, Delta)
    mu = _check.scalar("mu", _check.positive("mu", mu, "J"))
    x, w = _quadrature.gauss_legendre(_check.integer("n_kz", n_kz, 1, _N_KZ_POCKET_MAX))
    hv = units.hbar * v_F
    m_red = mu / b                                                   # reduced with b = 1 here
    if Delta == 0:
        # tau_z sectors s = -+1: mass m = 1 + s k_z, m' = s, sphere k_z in (-s - mu, -s + mu) (units b/hbar v_F)
        found = [(s, -s - m_red, -s + m_red) for s in (1.0, -1.0)]
        intervals = [(-1 if m_red < 1 else 0, lo, hi, lambda kz, s=s: s + 0 * kz) for s, lo, hi in found]
    else:
        intervals = [(t, lo, hi, lambda kz, t=t: _reduced_mass(kz, t, 1.0, Delta / b)[1])
                     for t, lo, hi in _pocket_intervals(m_red, 1.0, Delta / b)]
    out = []
    for t, lo, hi, dmass in intervals:
        kz = lo + (hi - lo) * (1 + x) / 2
        # v.Omega = -v_F^2 m'/(2 eps^2), measure (mu/v^2) dk_z dphi: flux = -(pi/mu) ∫ dk_z m'
        flux = -math.pi / m_red * np.sum(w * (hi - lo) / 2 * dmass(kz))
        pocket = (lo * b / hv, hi * b / hv, -flux / (2 * math.pi))
        out.append(Pocket(t, *_finite_result(pocket, "mu, b (too far apart for float64)")))
    return out


# ----------------------------------------------------------------------------------------------------------
# The anomaly's driving terms from the model's density matrices (docs/theory/chiral-anomaly.md §4)
# ----------------------------------------------------------------------------------------------------------
_STENCIL = ((-2, 1 / 12), (-1, -2 / 3), (1, 2 / 3), (2, -1 / 12))     # fourth-order central first derivative
_FD_STEP = 5e-4                       # times the smallest band gap/(hbar v_F): the local scale of P_m(k)


def _projectors(k, Delta):
    """Energies (ascending) and band projectors P_m (shape (4, 4, 4)) of Eq. (69), reduced: hbar v_F = b = 1."""
    w, V = np.linalg.eigh(_hamiltonian(k[0], k[1], k[2], 1.0 / units.hbar, 1.0, Delta))
    return w, np.einsum("im,jm->mij", V, V.conj()), V


def anomaly_drivings(k, E, B, v_F, b, Delta):
    r"""Fermi-surface parts of Tr D_B(S_E) and Tr D_E(xi_B) at wavevector ``k``, from the model's density matrices.

    The paper's kinetic equation (Sekine, Culcer, MacDonald 2017, Eqs. 25-28) is driven by
    :math:`D_E(\rho) = (e/\hbar)\mathbf E\cdot\partial_{\mathbf k}\rho` and
    :math:`D_B(\rho) = (e/2\hbar^2)\{(\partial_{\mathbf k}\mathcal H\times\mathbf B)\cdot\partial_{\mathbf k}\rho\}`
    (in the k-independent orbital basis of Eq. 69 the covariant derivative is the plain one). Here, with
    band projectors :math:`P_m(\mathbf k)` and occupations :math:`f_m = f(\varepsilon_m)`:

    * :math:`S_E = P^{-1}D_E(\rho_0)`, :math:`[S_E]^{mm'} = -i\hbar[D_E(\rho_0)]^{mm'}/(\varepsilon_m - \varepsilon_{m'})`
      (Eq. 35 without the vertex part, which vanishes near the nodes, Eq. 100): the electric field's
      interband coherence. It is :math:`\sum_m f_mY_m` with :math:`Y_m = P^{-1}[(e/\hbar)\mathbf E\cdot\partial_{\mathbf k}P_m]`,
      and :math:`\partial_{\mathbf k}P_m` is taken by fourth-order central differences of the diagonalised
      4x4 Hamiltonian;
    * :math:`\xi_B = \sum_m (e/\hbar)f_m(\mathbf B\cdot\boldsymbol\Omega_m)P_m` (Eq. 43): the Berry-phase
      correction of the equilibrium density matrix in B, with :math:`\boldsymbol\Omega_m` from the projectors,
      :math:`\Omega_{m,c} = i\epsilon_{abc}\mathrm{Tr}(P_m\partial_aP_m\partial_bP_m)/2`.

    "Fermi-surface part" means the terms in which the k-derivative of D_B (or D_E) acts on the occupations,
    :math:`\partial_{\mathbf k}f_m = f'(\varepsilon_m)\hbar\mathbf v_m`. Both are linear in the f'_m; this function
    returns their coefficients per band, so that :math:`\mathrm{Tr}D|_{FS} = \sum_m f'(\varepsilon_m)X_m`.

    The identity to compare with (docs/theory/chiral-anomaly.md §4) is
    :math:`X^{B}_m = (e^2/\hbar)[(\mathbf E\cdot\mathbf B)(\mathbf v_m\cdot\boldsymbol\Omega_m) -
    (\mathbf E\cdot\mathbf v_m)(\mathbf B\cdot\boldsymbol\Omega_m)]` and
    :math:`X^{E}_m = (e^2/\hbar)(\mathbf E\cdot\mathbf v_m)(\mathbf B\cdot\boldsymbol\Omega_m)`: the paper's
    driving D_B(S_E) lacks the second term of the chiral-kinetic source
    :math:`(e^2/\hbar)(\mathbf E\cdot\mathbf B)(\mathbf v\cdot\boldsymbol\Omega)`, and D_E(xi_B), the term its
    expansion (Eq. 38) leaves out, supplies exactly that.

    Parameters
    ----------
    k : sequence of 3 floats
        Wavevector (1/m), away from band touchings.
    E, B : sequence of 3 floats
        Electric field (V/m) and magnetic field (T).
    v_F, b, Delta
        Model parameters (m/s, J, J), 0 <= Delta < b.

    Returns
    -------
    X_B, X_E : ndarray, shape (4,)
        Coefficients (J/s) of f'(eps_m) (1/J) in the Fermi-surface parts of Tr D_B(S_E) and Tr D_E(xi_B), per
        band in ascending energy: (-eps_+, -eps_-, eps_-, eps_+), i.e. (t, band) = (+, -), (-, -), (-, +), (+, +).
    velocity, curvature : ndarray, shape (4, 3)
        v_m (m/s) and Omega_m (m^2) from the same density matrices, for the comparison.

    Notes
    -----
    Steps of 5e-4 times the smallest band gap over hbar v_F (the scale on which the eigenvectors turn): the
    identity holds to ~1e-10 relative (tests/test_chiral.py).
    """
    v_F, b, Delta = _check_model(v_F, b, Delta)
    k, E, B = (np.asarray(_check.finite(name, x), dtype=float) for name, x in (("k", k), ("E", E), ("B", B)))
    for name, x in (("k", k), ("E", E), ("B", B)):
        if x.shape != (3,):
            raise ValueError(f"{name} must be a 3-vector, got shape {x.shape}")
    hv = units.hbar * v_F
    kr, d = k * hv / b, Delta / b
    w, P, V = _projectors(kr, d)
    if np.min(np.diff(w)) < 1e-6:
        raise ValueError(f"k must avoid band touchings (degenerate bands at k = {k} 1/m)")
    h = _FD_STEP * np.min(np.diff(w))
    dP = np.zeros((3, 4, 4, 4), complex)                     # d_a P_m, reduced
    for a in range(3):
        for step, c in _STENCIL:
            shifted = kr.copy()
            shifted[a] += step * h
            dP[a] += c / h * _projectors(shifted, d)[1]
    vel = [np.kron(np.diag([1.0, -1.0]), s) for s in (np.array([[0, 1], [1, 0]], complex),
                                                      np.array([[0, -1j], [1j, 0]]), np.diag([1.0, -1.0]))]
    v = np.array([[np.real(np.trace(P[m] @ vel[a])) for a in range(3)] for m in range(4)])
    omega = np.array([[np.real(1j * np.trace(P[m] @ (dP[(c + 1) % 3, m] @ dP[(c + 2) % 3, m]
                                                       - dP[(c + 2) % 3, m] @ dP[(c + 1) % 3, m])))
                       for c in range(3)] for m in range(4)])
    vel_x_B = [vel[(a + 1) % 3] * B[(a + 2) % 3] - vel[(a + 2) % 3] * B[(a + 1) % 3] for a in range(3)]
    gap = w[:, None] - w[None, :]
    np.fill_diagonal(gap, np.inf)                              # P^{-1} acts on the off-diagonal part only
    X_B = np.empty(4)
    for m in range(4):
        D = V.conj().T @ np.einsum("a,aij->ij", E, dP[:, m]) @ V            # E.d_k P_m in the band basis
        Y = V @ (-1j * D / gap) @ V.conj().T                                # Y_m = P^{-1}[E.d_k P_m]
        # (1/2) Tr{(dH x B)_a, d_a f_m Y_m} = f'_m sum_a v_{m,a} Tr[(dH x B)_a Y_m]
        X_B[m] = np.real(sum(v[m, a] * np.trace(vel_x_B[a] @ Y) for a in range(3)))
    X_E = (v @ E) * (omega @ B)                    # Tr D_E(xi_B)|_FS = sum_m f'_m (E.v_m)(B.Omega_m)
    # back to SI: v = v_F v_red, Omega = (hbar v_F/b)^2 Omega_red, X = (e^2/hbar) v_F (hbar v_F/b)^2 X_red
    scale = units.e**2 / units.hbar * v_F * (hv / b) ** 2
    return X_B * scale, X_E * scale, v * v_F, omega * (hv / b) ** 2


def pumping_fractions(mu, v_F, b, Delta, direction=(0.0, 0.0, 1.0), n_kz=16, n_phi=16):
    """Valley pumping rate of the paper's driving D_B(S_E), and of D_B(S_E) + D_E(xi_B), as fractions of the
    topological rate Q e^2 E.B/(4 pi^2 hbar^2), on the pocket around +k_0 at T = 0, E || B || ``direction``.

    The rate per volume is dN/dt = ∫ d^3k/(2 pi)^3 Tr D|_FS with f' = -delta(eps - mu) on the conduction band of
    block t = -, the drivings from :func:`anomaly_drivings` (density matrices, no closed form used), the
    Fermi-surface integral ∫ d^3k delta(eps - mu) F = ∫ dk_z dphi (mu/hbar^2 v_F^2) F by Gauss-Legendre rings in
    k_z times a uniform phi grid. The sum is 1 for any pocket (it is the Berry flux through it); the paper's
    part is exactly 2/3 in this model for every Delta, mu and direction (the map k_z -> m(k_z) makes each
    block an isotropic cone without changing it, docs/theory/chiral-anomaly.md §4). Needs a separated pocket, 0 < mu < b - Delta.
    ``n_kz``, ``n_phi``: integers in [1, 48] (the work grows as n_kz n_phi). Returns (paper, restored).
    """
    v_F, b, Delta = _check_model(v_F, b, Delta)
    mu = _check.scalar("mu", _check.in_range("mu", mu, 0.0, b - Delta, "J (separated pockets need 0 < mu < b - Delta)",
                                             closed=(False, False)))
    n_kz = _check.integer("n_kz", n_kz, 1, _N_PUMP_MAX)
    n_phi = _check.integer("n_phi", n_phi, 1, _N_PUMP_MAX)
    n = np.asarray(_check.finite("direction", direction), dtype=float)
    if n.shape != (3,) or not np.linalg.norm(n) > 0:
        raise ValueError(f"direction must be a nonzero 3-vector, got {direction!r}")
    n = n / np.linalg.norm(n)
    hv = units.hbar * v_F
    (_, lo, hi), = [iv for iv in _pocket_intervals(mu / b, 1.0, Delta / b) if iv[1] > 0]
    x, w = _quadrature.gauss_legendre(n_kz)
    paper = restored = 0.0
    for kz, wz in zip(lo + (hi - lo) * (1 + x) / 2, (hi - lo) / 2 * w):
        m = _reduced_mass(kz, -1, 1.0, Delta / b)[0]
        kp = math.sqrt(max((mu / b) ** 2 - m * m, 0.0))
        for phi in 2 * math.pi * np.arange(n_phi) / n_phi:
            k = np.array([kp * math.cos(phi), kp * math.sin(phi), kz]) * b / hv
            X_B, X_E = anomaly_drivings(k, n, n, v_F, b, Delta)[:2]
            weight = wz * (2 * math.pi / n_phi) * (mu / b) * (b / hv) ** 3 / b   # dk_z dphi mu/(hbar v)^2, SI
            paper += -weight * X_B[2] / (2 * math.pi) ** 3                      # f' = -delta(eps - mu)
            restored += -weight * (X_B[2] + X_E[2]) / (2 * math.pi) ** 3
    topological = -units.e**2 / (4 * math.pi**2 * units.hbar**2)                 # Q = -1 at +k_0, E.B = 1
    return paper / topological, restored / topological


# ----------------------------------------------------------------------------------------------------------
# Fermi-surface Boltzmann solver
# ----------------------------------------------------------------------------------------------------------
@njit(cache=True)
def _overlap_harmonics_kernel(m, kp, cb, sb, n_phi, A, C):
    """phi-harmonics of the 4-spinor overlap |<chi_p|chi_q>|^2 |<u_p(0)|u_q(phi)>|^2 on the phi grid.

    A[p, q] = <overlap>_phi (M = 0), C[p, q] = <overlap cos phi>_phi (M = 1). tau-overlap
    (1 + cos(beta_p - beta_q))/2 (docs/theory/chiral-anomaly.md §2), sigma-overlap (1 + n_p.n_q)/2 with n = (k_perp cos, k_perp sin, m)
    on eps = mu = 1 (Eq. 71). Uniform phi grid of n_phi points: exact for degree < n_phi - 1.
    """
    n = m.size
    for p in range(n):
        for q in range(n):
            tau = 0.5 * (1.0 + cb[p] * cb[q] + sb[p] * sb[q])
            a = 0.0
            c = 0.0
            for j in range(n_phi):
                phi = 2.0 * math.pi * j / n_phi
                ov = tau * 0.5 * (1.0 + m[p] * m[q] + kp[p] * kp[q] * math.cos(phi))
                a += ov
                c += ov * math.cos(phi)
            A[p, q] = a / n_phi
            C[p, q] = c / n_phi


class FermiSurfaceSolver:
    """Boltzmann solver on the two separated Fermi pockets of the model (docs/theory/chiral-anomaly.md §3); B along z.

    Parameters (SI): ``mu`` Fermi energy from the nodes (J, 0 < mu < b - Delta), ``v_F`` (m/s), ``b``,
    ``Delta`` (J), ``tau_q`` = 1/Gamma_a the intravalley out-scattering time (s), ``r`` a phenomenological
    intervalley rate Gamma_e,extra = r Gamma_a added to the Born intervalley rate (Delta/b)^2 Gamma_a
    (needed at Delta = 0, where scalar disorder cannot scatter between the nodes). Grid: ``n_kz`` Gauss-Legendre
    rings per pocket, an integer in [2, 200]; ``n_phi`` points of the uniform phi rule, an integer in [4, 512]
    (exact from 4 on for the overlap harmonics). ``b/mu`` is limited to 1e6 (the rings sit at reduced
    k_z ~ b/mu ± 1, resolved in float64).

    Everything B-independent is built at construction (kernel, its inverses, the coefficient tensors), so
    :meth:`conductivity` at any B and angle only rescales.
    """

    def __init__(self, mu, v_F, b, Delta=0.0, tau_q=1e-13, r=0.0, n_kz=_N_KZ, n_phi=_N_PHI):
        v_F, b, Delta = _check_model(v_F, b, Delta)
        mu = _check.scalar("mu", _check.in_range(
            "mu", mu, b / _BT_MAX, b - Delta, "J (separated pockets need 0 < mu < b - Delta; b/mu <= 1e6)",
            closed=(True, False)))
        self.tau_q = _check.scalar("tau_q", _check.positive("tau_q", tau_q, "s"))
        r = _check.scalar("r", _check.nonnegative("r", r))
        n_kz = _check.integer("n_kz", n_kz, 2, _N_KZ_MAX)
        n_phi = _check.integer("n_phi", n_phi, 4, _N_PHI_MAX)
        if Delta == 0 and r == 0:
            raise ValueError("r must be > 0 when Delta = 0 (no Born intervalley scattering: tau_v = infinity), got 0")
        self.mu, self.v_F, self.b, self.Delta, self.r_extra = mu, v_F, b, Delta, r
        bt, dt = b / mu, Delta / mu
        x, w = _quadrature.gauss_legendre(n_kz)
        (_, lo, hi), = [iv for iv in _pocket_intervals(1.0, bt, dt) if iv[1] > 0]
        kz1 = lo + (hi - lo) * (1 + x) / 2
        w1 = (hi - lo) / 2 * w
        kz = np.concatenate([-kz1[::-1], kz1])
        self.valley = np.concatenate([np.zeros(n_kz, int), np.ones(n_kz, int)])
        m, dm, _ = _reduced_mass(kz, -1, bt, dt)
        self.kz, self.m, self.dm = kz, m, dm
        self.kp = np.sqrt(np.clip(1.0 - m**2, 0.0, None))
        #: DOS weight of each ring (reduced; sums to 1/(2 pi^2) per isotropic pocket)
        self.n = np.concatenate([w1[::-1], w1]) / (4 * math.pi**2)
        E = np.sqrt(kz**2 + dt**2)
        A, C = np.empty((2 * n_kz,) * 2), np.empty((2 * n_kz,) * 2)
        _overlap_harmonics_kernel(m, self.kp, kz / E, dt / E, n_phi, A, C)
        same = self.valley[:, None] == self.valley[None, :]
        gamma_intra = (A * same) @ self.n
        c = 1.0 / (self.n @ gamma_intra / self.n.sum())          # FS-averaged intravalley rate = Gamma_a = 1
        A, C = c * A, c * C
        nu_valley = self.n[self.valley == 0].sum()
        A = A + (~same) * r / nu_valley                          # uniform phenomenological intervalley kernel
        self.gamma_out = A @ self.n
        gamma_inter = (A * ~same) @ self.n
        #: r = Gamma_e/Gamma_a with the FS-averaged intervalley rate (Born part plus the extra one), and
        #: its Born part alone, ~ (Delta/b)^2 (docs/theory/chiral-anomaly.md §2)
        self.r = float(self.n @ gamma_inter / self.n.sum())
        self.r_born = self.r - r
        N = 2 * n_kz
        K0 = np.diag(self.gamma_out) - A * self.n[None, :]
        K1 = np.diag(self.gamma_out) - C * self.n[None, :]
        bordered = np.zeros((N + 1, N + 1))
        bordered[:N, :N], bordered[:N, N], bordered[N, :N] = K0, 1.0, self.n
        self._K0b_inv = np.linalg.inv(bordered)
        self._K1_inv = np.linalg.inv(K1)
        self._build_tensors()
        if not all(0 < x < math.inf for x in self.units + (self.tau_v,)):
            raise ValueError("mu, v_F, tau_q, r out of range: an SI scale of the solver under- or overflows float64")

    # --- reduced solves ---
    def _solve0(self, D):
        """(K^{M=0})^{-1} D on the subspace of zero particle number (bordered system; needs n.D = 0)."""
        return (self._K0b_inv @ np.append(D, 0.0))[:-1]

    def _solve1(self, D):
        return self._K1_inv @ D

    # --- times (s) ---
    @property
    def Gamma_a(self):
        """Intravalley out-scattering rate 1/tau_q (1/s)."""
        return 1.0 / self.tau_q

    @property
    def Gamma_e(self):
        """Intervalley out-scattering rate (1/s), Fermi-surface average, = r Gamma_a."""
        return self.r / self.tau_q

    @property
    def tau_v(self):
        """Valley (imbalance) lifetime 1/(2 Gamma_e) in s (docs/theory/chiral-anomaly.md §2, §6)."""
        return self.tau_q / (2 * self.r)

    @property
    def tau_2(self):
        """l = 2 relaxation time 1/(Gamma_a + Gamma_e) in s."""
        return self.tau_q / (1 + self.r)

    @property
    def tau_tr(self):
        """Transport time along z from the solve: sigma0_zz / (e^2 sum n v_z^2), in s."""
        vz = self.m * self.dm
        return self.tau_q * float(self.n @ (vz * self._solve0(vz)) / (self.n @ vz**2))

    def valley_time(self):
        """Lifetime (s) of a uniform valley imbalance from the bordered solve (= tau_v for a uniform mode)."""
        odd = np.where(self.valley == 0, 1.0, -1.0)
        return self.tau_q * float(self.n @ (odd * self._solve0(odd)) / (self.n @ odd**2))

    # --- drivings and current weights (reduced, per unit E and B; docs/theory/chiral-anomaly.md §4, §6) ---
    def pumping(self, scheme="consistent"):
        """Valley pumping rate of the E.B-driving per valley, in units of e^2 E.B/(4 pi^2 hbar^2).

        "consistent": the full topological rate (= -charge); "paper" and "paper-proper-inverse": the
        paper's Eq. (67), 2/3 of it (docs/theory/chiral-anomaly.md §4). Returns an array (valley at -k_0, valley at +k_0).
        """
        D = self._terms(_scheme(scheme))[0]
        return np.array([4 * math.pi**2 * self.n[self.valley == v] @ D[self.valley == v] for v in (0, 1)])

    def _terms(self, scheme):
        """Reduced anomaly drivings and current weights (docs/theory/chiral-anomaly.md §4, §6), per unit E and B (B || z).

        Returns (D_z, D_x, J_z, J_x): M = 0 driving for E_z, cos(phi) amplitude of the driving for E_x, M = 0
        weight of j_z, cos(phi) amplitude of the weight of j_x. Drivings in phi units; j = sum n <X phi>_phi.
        """
        kp, m, dm = self.kp, self.m, self.dm
        if scheme == "consistent":
            zero = np.zeros_like(m)
            return dm / 2, zero, dm / 2, zero                # -(v.Omega) = m'/2; no E_x driving (E.B = 0)
        # -(E.B)(v.Omega - v_z Omega_z) and +(E_x v_x) B Omega_z; weight eps d(B.Omega) - B (v.Omega)
        return dm * kp**2 / 2, -kp * m / 2, 1.5 * m**2 * dm, 1.5 * m * kp

    def anomaly_terms(self, scheme="consistent"):
        """The anomaly drivings and current weights of ``scheme`` on the solver's rings, in SI, at phi = 0.

        (D_z, D_x, J_z, J_x) per unit E (V/m) and B (T): D in J/s (the source of phi for E along z and x),
        J in A m/(J T) per unit phi so that j_i = sum_rings n <J_i phi>_phi. Multiply by cos(phi) for D_x, J_x.
        Consistent: D_z = J_z = -(e^2/hbar)(v.Omega); paper: D_z = -(e^2/hbar)(v.Omega - v_z Omega_z),
        D_x = (e^2/hbar) v_x Omega_z, J = (e^2/hbar)[eps d_k(Omega_z)/hbar - z (v.Omega)] (docs/theory/chiral-anomaly.md §4, §6).
        """
        hv = units.hbar * self.v_F
        unit = units.e**2 / units.hbar * self.v_F * (hv / self.mu) ** 2
        return tuple(unit * x for x in self._terms(_scheme(scheme)))

    def rings(self):
        """The Fermi-surface rings: dict of k_z, k_perp (1/m), DOS weight n (1/(J m^3)) and valley (0: -k_0)."""
        k_unit = self.mu / (units.hbar * self.v_F)
        return {"kz": self.kz * k_unit, "kperp": self.kp * k_unit, "valley": self.valley.copy(),
                "n": self.n * self.mu**2 / (units.hbar * self.v_F) ** 3}

    def _build_tensors(self):
        n, kp, m, dm = self.n, self.kp, self.m, self.dm
        vz = m * dm
        # Drude and Lorentz (reduced: e = hbar = v_F = mu = Gamma_a = 1; omega_c per unit B). Eq. (31) drives
        # D_E = -E.v and j = -sum n v phi: the two signs cancel in sigma, so both are taken with +. For E along x,
        # (K + omega_c d_phi) phi = x0 cos(phi) gives phi = x0 cos + omega_c x1 sin - omega_c^2 x2 cos + ...
        # (x_{l+1} = K1^{-1} x_l): sigma_yx = +omega_c sum n kp x1/2 > 0 for electrons (module docstring).
        x0 = self._solve1(kp)
        s0_xx = 0.5 * n @ (kp * x0)
        s0_zz = n @ (vz * self._solve0(vz))
        s1_yx = 0.5 * n @ (kp * self._solve1(x0))
        s2_xx = -0.5 * n @ (kp * self._solve1(self._solve1(x0)))
        self._red = {"s0": np.diag([s0_xx, s0_xx, s0_zz]),
                     "s1": np.array([[0.0, -s1_yx, 0.0], [s1_yx, 0.0, 0.0], [0.0, 0.0, 0.0]]),
                     "s2": np.diag([s2_xx, s2_xx, 0.0])}
        tau_v = 1.0 / (2 * self.r)
        for scheme in SCHEMES:
            Dz, Dx, Jz, Jx = self._terms(scheme)
            relax0 = (lambda D: tau_v * D) if scheme == "paper" else self._solve0      # Eq. (106): x tau_v
            relax1 = (lambda D: 1.0 * D) if scheme == "paper" else self._solve1        # Eq. (121): x tau_q = 1
            zz = n @ (Jz * relax0(Dz))
            xx = 0.5 * n @ (Jx * relax1(Dx))
            self._red["ca", scheme] = np.diag([xx, xx, zz])

    # --- SI tensors ---
    @property
    def units(self):
        """SI units of the reduced tensors: (sigma0, omega_c tau_q per tesla, anomaly per tesla^2).

        e^2 mu^2/(hbar^3 v_F Gamma_a) (S/m), e v_F^2/(mu Gamma_a) (1/T), e^4 v_F^3/(hbar mu^2 Gamma_a) (S/m/T^2).
        """
        e, hbar, v, mu, tau = units.e, units.hbar, self.v_F, self.mu, self.tau_q
        return _guarded("mu, v_F, tau_q (SI scales beyond float64)", lambda: (
            e**2 / hbar * (mu / hbar) ** 2 * tau / v,                        # e^2 mu^2/(hbar^3 v_F Gamma_a)
            e * v / mu * v * tau,                                           # omega_c tau_q per tesla
            e**4 / hbar * (v / mu) ** 2 * v * tau))

    @property
    def sigma0(self):
        """Drude tensor (S/m), two pockets."""
        return self.units[0] * self._red["s0"]

    @property
    def sigma1(self):
        """Lorentz Hall tensor per tesla (S/m/T), B along z: sigma_yx = -sigma_xy > 0 for electrons."""
        s, w, _ = self.units
        return s * w * self._red["s1"]

    @property
    def sigma2_lorentz(self):
        """Orbital (Lorentz) B^2 tensor (S/m/T^2): -sigma0 (omega_c tau_tr)^2 transverse, exactly 0 along B."""
        s, w, _ = self.units
        return s * w**2 * self._red["s2"]

    def sigma2_anomaly(self, scheme="consistent"):
        """Anomaly B^2 tensor (S/m/T^2) of ``scheme``, B along z: diag(sigma_perp, sigma_perp, sigma_par)."""
        return _finite_result(self.units[2] * self._red["ca", _scheme(scheme)], "tau_q, r")

    def son_spivak(self):
        """Son-Spivak B^2 coefficient (S/m/T^2) with this solver's valley time tau_v."""
        return son_spivak_delta_sigma(1.0, self.v_F, self.mu, self.tau_v)

    def fraction(self, scheme="consistent"):
        """sigma^CA_zz / Son-Spivak, same tau_v."""
        return self.sigma2_anomaly(scheme)[2, 2] / self.son_spivak()

    def conductivity(self, B, scheme="consistent", ahe=False):
        """3x3 conductivity (S/m) at field B (T, along z), to second order in B; ``ahe`` adds the intrinsic AHE.

        ``ahe=False``: the Fermi-surface solve alone (Drude, Lorentz with its Hall part, anomaly). ``ahe=True``
        adds the intrinsic sigma_xy = -sigma_yx of :func:`ahe_conductivity` (Eq. 85; -e^2 k_0/(2 pi^2 hbar) at
        Delta = 0), B-independent and in the plane perpendicular to the node axis. Vectorised over B: returns
        shape B.shape + (3, 3).

        Valid for omega_c tau_tr << 1 and hbar omega_c << mu: a :class:`dragbook.ValidityWarning` says when
        omega_c tau_tr > :data:`OMEGA_TAU_MAX` = 0.3 (the B^2 Lorentz term exceeds 9 % of sigma0; beyond
        omega_c tau_tr = 1 it turns sigma_xx negative), when hbar omega_c/mu > :data:`HBAR_OMEGA_OVER_MU_MAX` = 0.1
        (Landau quantisation), and whenever a diagonal entry comes out negative.
        """
        return self._conductivity(B, scheme, ahe)

    def _conductivity(self, B, scheme, ahe):
        stacklevel = 4                           # the warning points at the caller of the public method
        B = np.asarray(_check.finite("B", B), dtype=float)
        scheme, ahe = _scheme(scheme), _check.flag("ahe", ahe)
        b_max = float(np.max(np.abs(B), initial=0.0))
        Bc = B[..., None, None]
        sigma = _finite_result(self.sigma0 + Bc * self.sigma1 + Bc**2 * (self.sigma2_lorentz
                                                                        + self.sigma2_anomaly(scheme)), "B")
        wt = b_max * math.sqrt(-self.sigma2_lorentz[0, 0] / self.sigma0[0, 0])          # omega_c tau_tr
        quantum = units.hbar * cyclotron_frequency(b_max, self.v_F, self.mu) / self.mu
        if wt > OMEGA_TAU_MAX:
            _check.validity(f"omega_c tau_tr = {wt:.3g} at |B| = {b_max:g} T is not small (> {OMEGA_TAU_MAX}): the "
                            "B^2 expansion of the conductivity does not hold there", stacklevel)
        if quantum > HBAR_OMEGA_OVER_MU_MAX:
            _check.validity(f"hbar omega_c/mu = {quantum:.3g} at |B| = {b_max:g} T is not small "
                            f"(> {HBAR_OMEGA_OVER_MU_MAX}): Landau quantisation, outside the semiclassical model",
                            stacklevel)
        if np.any(np.diagonal(sigma, axis1=-2, axis2=-1) < 0):
            _check.validity(f"a diagonal conductivity is negative at |B| = {b_max:g} T: the B^2 expansion has "
                            "failed (omega_c tau_tr or the anomaly term not small)", stacklevel)
        if ahe:
            s_xy = ahe_conductivity(self.mu, self.v_F, self.b, self.Delta)
            sigma = sigma + s_xy * np.array([[0, 1.0, 0], [-1.0, 0, 0], [0, 0, 0]])
        return sigma

    def conductivity_field(self, B_vec, scheme="consistent", ahe=False):
        """3x3 conductivity (S/m) for a field vector ``B_vec`` = (B_x, B_y, B_z) in T, to second order in B.

        Only for isotropic cones (Delta = 0): each cone is rotation invariant, so the B-dependent tensors for
        B along n are R sigma(B z) R^T with R z = n; the intrinsic AHE stays tied to the node axis z. This is
        the paper's E perp B geometry (E || z, B || x, Sec. VII.B) with no approximation.
        """
        B_vec = np.asarray(_check.finite("B_vec", B_vec), dtype=float)
        if B_vec.shape != (3,):
            raise ValueError(f"B_vec must be a 3-vector in T, got shape {B_vec.shape}")
        B = float(np.linalg.norm(B_vec))
        if not math.isfinite(B):
            raise ValueError(f"B_vec must have a finite length in T, got {B_vec}")
        if self.Delta != 0 and B > 0 and np.hypot(B_vec[0], B_vec[1]) > 1e-12 * B:
            raise ValueError(f"B_vec must be along z (the node axis) for Delta != 0 (uniaxial cones), got {B_vec} T")
        sigma = self._conductivity(B, scheme, False) - self.sigma0
        ahe = _check.flag("ahe", ahe)
        if B > 0:
            n = B_vec / B
            v, c = np.cross([0.0, 0.0, 1.0], n), n[2]
            if c < -1 + 1e-12:
                R = np.diag([1.0, -1.0, -1.0])
            else:
                vx = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
                R = np.eye(3) + vx + vx @ vx / (1 + c)
            sigma = R @ sigma @ R.T
        sigma = sigma + self.sigma0
        if ahe:
            sigma = sigma + ahe_conductivity(self.mu, self.v_F, self.b, self.Delta) * np.array(
                [[0, 1.0, 0], [-1.0, 0, 0], [0, 0, 0]])
        return sigma

    def resistivity(self, B, scheme="consistent", ahe=False):
        """3x3 resistivity (ohm m): inverse of :meth:`conductivity` (docs/theory/chiral-anomaly.md §8).

        Without the AHE, rho_xx = 1/sigma0 up to O(B^4) (the Lorentz Hall current compensates); with it
        (``ahe=True``, A = sigma_xy^AHE), rho_xx sigma0 (1 + a^2) = 1 + 2a w/(1 + a^2) + a^2 (3 - a^2) w^2/(1 + a^2)^2
        + O(w^3), a = A/sigma0, w = omega_c tau_tr: a term linear in B (Onsager: rho_xx(B, b) = rho_xx(-B, -b)).
        """
        return np.linalg.inv(self._conductivity(B, scheme, ahe))

    def angle_response(self, B, alpha, scheme="consistent", ahe=False):
        """(sigma_EE, sigma_perpE, rho_EE) for E = (sin alpha, 0, cos alpha), B along z; alpha in rad.

        sigma_EE = e.sigma.e, planar Hall sigma_perpE = e_perp.sigma.e with e_perp = (-cos alpha, 0, sin alpha),
        so that sigma_perpE = sin alpha cos alpha (sigma_par - sigma_perp) (docs/theory/chiral-anomaly.md §8), rho_EE = e.rho.e
        (``ahe`` as in :meth:`conductivity`). Vectorised over B and alpha (broadcast).
        """
        alpha = np.asarray(_check.finite("alpha", alpha), dtype=float)
        e_vec = np.stack([np.sin(alpha), np.zeros_like(alpha), np.cos(alpha)], -1)
        p_vec = np.stack([-np.cos(alpha), np.zeros_like(alpha), np.sin(alpha)], -1)
        sigma = self._conductivity(B, scheme, ahe)
        rho = np.linalg.inv(sigma)
        ee = lambda a, T, c: np.einsum("...i,...ij,...j->...", a, T, c)
        return ee(e_vec, sigma, e_vec), ee(p_vec, sigma, e_vec), ee(e_vec, rho, e_vec)

    def cme_current(self, B, mu_plus, mu_minus):
        """CME current density j_z (A/m^2) from node-resolved chemical potential shifts on the Fermi surface.

        Uniform shifts phi = mu_nu - mu on pocket nu (J; ``mu_plus`` on the Q = +1 node at -k_0) with the uniform CME
        weight j = -(e^2/hbar) B sum n (v.Omega) phi: Eq. (86), j = (e^2/4 pi^2 hbar^2) B sum_nu Q_nu mu_nu.
        """
        B = _check.finite("B", B)
        mu_plus = _check.scalar("mu_plus", _check.finite("mu_plus", mu_plus))
        mu_minus = _check.scalar("mu_minus", _check.finite("mu_minus", mu_minus))
        shift = np.where(self.valley == 0, mu_plus, mu_minus) - 0.5 * (mu_plus + mu_minus)
        # reduced: j = B sum n (m'/2) phi; SI factor e^2 v (hbar v/mu)^2/hbar * (mu^2/(hbar^3 v^3)) = e^2/hbar^2
        return _finite_result(units.e**2 / units.hbar**2 * B * float(self.n @ (self.dm / 2 * shift)),
                              "B, mu_plus, mu_minus")


def _scheme(scheme):
    if not isinstance(scheme, str) or scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {SCHEMES}, got {scheme!r}")
    return scheme


# ----------------------------------------------------------------------------------------------------------
# Closed forms and the paper's coefficient
# ----------------------------------------------------------------------------------------------------------
def son_spivak_delta_sigma(B, v_F, mu, tau_v):
    """Son-Spivak Delta sigma (S/m) = e^4 v^3 tau_v B^2 / (4 pi^2 hbar mu^2) for a pair of nodes (docs/theory/chiral-anomaly.md §5).

    ``B`` in T (any sign), ``v_F`` m/s, ``mu`` J (from the nodes), ``tau_v`` = per-node valley lifetime (s).
    """
    B = _check.finite("B", B)
    v_F = _check.positive("v_F", v_F, "m/s")
    mu = _check.positive("mu", mu, "J")
    tau_v = _check.positive("tau_v", tau_v, "s")
    return _guarded("B, v_F, mu, tau_v", lambda: units.e**4 / (4 * math.pi**2 * units.hbar) * (v_F / mu) ** 2 * v_F
                    * tau_v * np.square(B))


def drude_conductivity(mu, v_F, tau_tr):
    """Drude conductivity (S/m) of two isotropic nodes, 2 e^2 mu^2 tau_tr / (6 pi^2 hbar^3 v_F) (docs/theory/chiral-anomaly.md §2)."""
    mu = _check.positive("mu", mu, "J")
    v_F = _check.positive("v_F", v_F, "m/s")
    tau_tr = _check.positive("tau_tr", tau_tr, "s")
    return _guarded("mu, v_F, tau_tr", lambda: 2 * units.e**2 / (6 * math.pi**2 * units.hbar) * (mu / units.hbar) ** 2
                    * tau_tr / v_F)


def cyclotron_frequency(B, v_F, mu):
    """omega_c = e B v_F^2 / mu (rad/s) on the cone (paper, after Eq. 115)."""
    v_F = _check.positive("v_F", v_F, "m/s")
    mu = _check.positive("mu", mu, "J")
    B = _check.finite("B", B)
    return _guarded("B, v_F, mu", lambda: units.e * v_F / mu * v_F * np.abs(B))


def sommerfeld_factor(T_over_mu):
    """mu^2 ∫ d eps (-f0'(eps)) / eps^2: the finite-T factor of the anomaly coefficient (docs/theory §5).

    = 1 + pi^2 t^2 + (7 pi^4/3) t^4 + ... with t = k_B T/mu; 1 at T = 0. The integral diverges at the node
    (eps -> 0, where -f0' stays finite at T > 0 while 1/eps^2 does not), a failure of energy-independent
    rates, not physics: states below 0.3 mu are dropped, and ``T_over_mu`` is limited to
    :data:`T_OVER_MU_MAX` = 0.05, where that cutoff changes the result by 1e-5 (moving it to 0.2 mu: 0.8 % at 0.1, 14 % at 0.2).
    """
    t = _check.in_range("T_over_mu", T_over_mu, 0.0, T_OVER_MU_MAX * (1 + 1e-9),
                        "(k_B T/mu; above 0.05 the answer depends on the cutoff near the node)")
    t = _check.scalar("T_over_mu", t)
    if t == 0:
        return 1.0
    eps = 1.0 + t * _X_NODES
    keep = eps > _E_CUT
    window = 1.0 / (4 * np.cosh(_X_NODES / 2) ** 2)
    return float(np.sum((_X_WEIGHTS * window / eps**2)[keep]))


def anomaly_fraction(r, scheme="consistent", T_over_mu=0.0):
    """B^2 anomaly coefficient of a pair of isotropic cones from the solver, / Son-Spivak at T = 0 (same tau_v).

    ``r`` = Gamma_e/Gamma_a > 0 (intervalley/intravalley), ``scheme`` in :data:`SCHEMES`,
    ``T_over_mu`` = k_B T/mu in [0, 0.05]. At T = 0: 1 (consistent), 2/5 (paper, Eq. 106),
    (2/3)[1 - (4/5) r/(1+r)] (paper with proper inverse) (docs/theory/chiral-anomaly.md §6).
    The reference is Son-Spivak at T = 0, the paper's normalisation of its C (Eq. 111: C = 1 is Son-Spivak):
    at finite T every scheme is multiplied by the same :func:`sommerfeld_factor` (elastic, energy-independent
    rates: each energy shell relaxes on its own), so "consistent" gives 1.026 at T/mu = 0.05, Son-Spivak's
    own thermal enhancement, and the paper 0.4104. Divided by Son-Spivak at the same T, each fraction is its
    T = 0 value.
    """
    r = _check.scalar("r", _check.positive("r", r), "> 0")
    scheme = _scheme(scheme)
    factor = sommerfeld_factor(T_over_mu)
    mu = units.meV                                     # the fraction is scale free: any mu << b, v_F, tau
    solver = FermiSurfaceSolver(mu, 1e5, 10 * mu, 0.0, 1e-12, r)
    return solver.fraction(scheme) * factor


@njit(cache=True)
def _paper_coefficient_kernel(b, Delta, t_T, block, x_nodes, x_weights, z_nodes, z_weights):
    """C of Eq. (111) per block (reduced: mu = hbar = v_F = 1) via its reduced form (docs/theory/chiral-anomaly.md §9).

    C = (3/4) ∫ d eps (-f0'(eps)) ∫ dk_z (m')^2 m^2 (eps^2 - m^2) / eps^7 over |m_t(k_z)| < eps (k_z >= 0,
    doubled). T = 0 (t_T = 0): eps = 1 only.
    """
    total = 0.0
    n_eps = x_nodes.size if t_T > 0 else 1
    for i in range(n_eps):
        if t_T > 0:
            eps = 1.0 + t_T * x_nodes[i]
            weight = x_weights[i] / (4.0 * math.cosh(0.5 * x_nodes[i]) ** 2)
        else:
            eps, weight = 1.0, 1.0
        if eps <= 0.3:
            continue
        if block < 0:
            lo = max(b - eps, Delta)
            hi = b + eps
        else:
            lo = Delta
            hi = eps - b
            if hi <= Delta:
                continue
        k_lo = math.sqrt(max(lo * lo - Delta * Delta, 0.0))
        k_hi = math.sqrt(hi * hi - Delta * Delta)
        inner = 0.0
        for j in range(z_nodes.size):
            kz = k_lo + (k_hi - k_lo) * 0.5 * (1.0 + z_nodes[j])
            E = math.sqrt(kz * kz + Delta * Delta)
            m = b + block * E
            dm = block * kz / E if E > 0 else 1.0
            if abs(m) < eps:
                inner += z_weights[j] * dm * dm * m * m * (eps * eps - m * m) / eps**7
        total += weight * 2.0 * inner * 0.5 * (k_hi - k_lo)
    return 0.75 * total


def paper_coefficient(b, Delta, mu, T, block="both"):
    """The paper's C(b, Delta, T) of Eq. (111) (Fig. 3), per block "-" or "+", or "both" summed (docs/theory/chiral-anomaly.md §9).

    ``b``, ``Delta``, ``mu`` in J (only their ratios matter), ``T`` in K. The paper keeps only block t = -;
    for b < mu the t = + block also has a Fermi surface and the sum is 0.41 for every k_0 at Delta = 0.
    """
    b = _check.scalar("b", _check.nonnegative("b", b, "J"))
    Delta = _check.scalar("Delta", _check.nonnegative("Delta", Delta, "J"))
    mu = _check.scalar("mu", _check.positive("mu", mu, "J"))
    t = _check.in_range("T", T, 0.0, T_OVER_MU_MAX * (1 + 1e-9) * mu / units.k_B,
                        "K (needs k_B T <= 0.05 mu: above, the answer depends on the cutoff near the node)")
    t = _check.scalar("T", t) * units.k_B / mu
    if Delta > b:
        raise ValueError(f"Delta must be <= b, got Delta = {Delta:g} J, b = {b:g} J")
    _finite_result((b / mu, Delta / mu), "b, Delta, mu (ratios beyond float64)")
    if not isinstance(block, str) or block not in ("-", "+", "both"):
        raise ValueError(f"block must be '-', '+' or 'both', got {block!r}")
    blocks = {"-": (-1,), "+": (1,), "both": (-1, 1)}[block]
    return _finite_result(sum(_paper_coefficient_kernel(b / mu, Delta / mu, t, s, _X_NODES, _X_WEIGHTS, _KZ_NODES,
                                                        _KZ_WEIGHTS) for s in blocks), "b, Delta, mu")


def ahe_conductivity(mu, v_F, b, Delta):
    """Intrinsic anomalous Hall conductivity sigma_xy = j_x/E_y (S/m) at T = 0 (paper Eq. 85).

    sigma_xy = -(e^2/(8 pi^2 hbar)) [4 k_0 + sum_t ∫ dk_z (m_t/max(|m_t|, |mu|) - sgn m_t)]: the plateau
    -e^2 k_0/(2 pi^2 hbar) for Delta = 0 at every mu. The model is the same as notebook 03's continuum Weyl
    model, so this is :func:`dragbook.ahe.weyl_continuum_hall` (one implementation, the convention of Sekine et al.),
    with this module's argument order and model checks; ``mu`` a float (J, any sign: the result is even in mu).
    """
    v_F, b, Delta = _check_model(v_F, b, Delta)
    mu = _check.scalar("mu", _check.finite("mu", mu))
    return _finite_result(_ahe.weyl_continuum_hall(mu, b, Delta, v_F), "mu, b, v_F")


def chiral_magnetic_current(B, mu_plus, mu_minus):
    """CME j = (e^2/(4 pi^2 hbar^2)) B (mu_+ - mu_-) (A/m^2), Eq. (86) with Q_± = ±1; node energies in J."""
    B = _check.finite("B", B)
    shift = np.subtract(_check.finite("mu_plus", mu_plus), _check.finite("mu_minus", mu_minus))
    return _finite_result(units.e**2 / (4 * math.pi**2 * units.hbar) * B * (shift / units.hbar),
                          "B, mu_plus, mu_minus")


def warmup():
    """Compile (or load from the numba cache) every kernel once, with the argument types the API uses."""
    FermiSurfaceSolver(10 * units.meV, 3e5, 100 * units.meV, 20 * units.meV, 1e-13, 0.01)
    paper_coefficient(0.1 * units.meV, 0.0, units.meV, 0.05 * units.meV / units.k_B)
    paper_coefficient(0.1 * units.meV, 0.0, units.meV, 0.0)
