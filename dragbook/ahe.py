r"""Anomalous Hall effect: Berry curvature, intrinsic, side jump and skew scattering of massive Dirac fermions;
lattice Chern numbers (Qi-Wu-Zhang) and the Hall conductivity of Weyl semimetals.

What it computes
----------------
* Berry curvature: of the 2D massive Dirac model :math:`H = \hbar v_F(k_x\sigma_y - k_y\sigma_x) + M\sigma_z`
  (Burgos Atencia et al. 2021 [1], Eq. (68), curvature Eq. (73)) in closed form (:func:`berry_curvature_dirac`), of
  the QWZ model
  from its d-vector (:func:`qwz_berry_curvature`), and of any 2x2 Bloch Hamiltonian given on a k grid, from
  gauge-invariant plaquette products (:func:`berry_curvature_grid`, Fukui-Hatsugai-Suzuki).
* Hall conductivities of one massive Dirac cone with white-noise disorder ([1], derivations in
  docs/theory/anomalous-hall.md [5] §2, §6-9): intrinsic (Fermi sea, Eq. 72/74), extrinsic interband velocity
  beta (Eqs. 77-78), anomalous distribution from the E-corrected collision integral (Eqs. 81-82), Gaussian
  skew (Eq. 85, theory §8), third-order (non-Gaussian) skew (theory §8, not in [1]) and sigma_xx (theory §6),
  at any Fermi level
  and temperature: :func:`massive_dirac_hall` (the fixed API), :func:`hall_conductivities`,
  :func:`intrinsic_hall`, :func:`sigma_xx`.
* The same extrinsic terms from a Boltzmann equation solved as a linear system on a discretised Fermi
  circle, built from numerical spinors in a random gauge (gauge-invariant coordinate shift and third-order
  skew rates, theory §7-8, §12): :func:`fermi_circle_transport`, an independent route to the
  closed forms. :func:`scattering_rates` and :func:`validity_edge` give hbar/tau, hbar/tau_tr and where the
  disorder expansion stops being controlled (|eF| - |M| < 3 hbar/tau_tr, theory §6).
* Spin density and spin-orbit torque of [1] Sec. VI.B (theory §11): :func:`spin_density` by the exact
  identity :math:`\langle\boldsymbol\sigma\rangle = -\hat z\times\mathbf j/(e v_F)`, the paper's term-by-term
  formulas (:func:`spin_density_terms`, Eqs. 90, 96, 99, 101, 103) and :func:`spin_orbit_torque`.
* Lattice models (theory §3-5): :func:`qwz_chern_number` (FHS, numba, on a grid that resolves the gap),
  :func:`weyl_lattice_hall` (stacked QWZ, per lattice constant) and the continuum two-node Weyl model of
  Sekine, Culcer and MacDonald [2] (theory §5): :func:`weyl_continuum_hall`.

Conventions (stated once, tested in ``tests/test_ahe.py``)
---------------------------------------------------------
Carriers have charge :math:`-e`. Berry connection :math:`\mathbf A = i\langle u|\nabla_k u\rangle`, curvature
:math:`\Omega = \partial_xA_y - \partial_yA_x`. The Hall quantity of [1] is
:math:`\sigma_{yx} = j_y/E_x = +(e^2/\hbar)\sum\Omega f`, positive for M, eF > 0; **sigma_xy = -sigma_yx**
(isotropic model, :func:`conductivity_tensor`); the result tuples have a ``.xy`` view with every Hall field
as sigma_xy. Sinitsyn/Ado and WannierBerri-type codes quote sigma_xy
(theory §1). [2] (continuum Weyl) quotes :math:`\sigma_{xy} = j_x/E_y`; :func:`weyl_continuum_hall`
returns that. One Dirac cone, no spin or valley degeneracy (sigma is real spin).

Reduction and units
-------------------
Conductivities of the 2D cone are returned in units of :math:`e^2/h` (multiply by ``units.e2_h`` for S).
The 2D Dirac results depend on energies only through :math:`a = M/|\varepsilon_F|` and on disorder through
:math:`\alpha = u_0^2/(\hbar v_F)^2` (:math:`\hbar/\tau = \alpha|\varepsilon_F|/2`) and the signed
impurity Born parameter :math:`g = V_0|M|/(\hbar v_F)^2` (third cumulant :math:`c_3 = n_iV_0^3`, so
:math:`c_3/u_0^4 = g/(\alpha|M|)`); with :math:`x = (1-a^2)/(1+3a^2)` (theory §1, §9):
int = a/2, beta = sj = a x, sk,G = (3/2) a x^2, nc total = 4a(1+a^2)/(1+3a^2)^2,
sk,3 = sgn(eF) sgn(M) (g/alpha) x^2, sigma_xx = 2x/alpha; in the gap (|eF| <= |M|) only int = sgn(M)/2.
Energies (eF, M, Delta, b) are in J at the public boundary (only their ratios matter at T = 0), T in kelvin,
v_F in m/s, E in V/m, wavevectors in 1/m (continuum) or in units of the inverse lattice constant (lattices).

Numerics
--------
Finite T: every term is averaged with :math:`-\partial f/\partial\varepsilon` (theory §10) by composite
16-point Gauss-Legendre on :math:`x = (\varepsilon-\mu)/k_BT \in [-40, 40]`, split at the band edges
:math:`\pm|M|` (where the T = 0 curves have kinks): relative accuracy better than 1e-9. FHS Chern numbers
are the right integers on a grid with nk >= 5/gap (theory §4), which qwz_chern_number chooses or
enforces. The Weyl continuum
integral over k_z is split at the nodes and at :math:`|m_t(k_z)| = |\mu|` (24-point Gauss-Legendre per
panel, 1e-10). The Fermi-circle kernels use N_theta uniform angles (trapezoid rule, spectrally accurate for
these periodic integrands) and a centred finite-difference step 1e-5 k_F for the coordinate shift.

References
----------
.. [1] R. Burgos Atencia, Q. Niu, D. Culcer, "Semiclassical equations of motion for disordered conductors:
   extrinsic interband velocity, corrected collision integral and spin-orbit torques", arXiv:2109.06214
   (2021): Eqs. (68)-(86) massive Dirac AHE, (87)-(105) spin density and torque.
.. [2] A. Sekine, D. Culcer, A. H. MacDonald, "Quantum kinetic theory of the chiral anomaly",
   arXiv:1706.01200 (2017), Sec. VI.B: Eqs. (69)-(70), (81)-(85).
.. [3] Y. Messica, D. B. Gutman, "Coulomb Hall drag induced by electron-electron skew scattering",
   arXiv:2407.03023 (2024), App. C: the Weyl-node AHE in the same semiclassical language.
.. [4] I. A. Ado, I. A. Dmitriev, P. M. Ostrovsky, M. Titov, "Anomalous Hall effect with massive Dirac
   fermions", EPL 111, 37004 (2015): crossed diagrams, beyond the non-crossing results here.
.. [5] docs/theory/anomalous-hall.md in the dragbook repository: derivations, the FHS grid criterion and the
   corrections to [1] and [2] (§13).
"""

import cmath
import math
import numbers
from typing import NamedTuple

import numpy as np
from numba import njit

from . import _check, units
from ._quadrature import gauss_legendre

__all__ = [
    "DiracHall", "DiracTransport", "FermiCircle",
    "massive_dirac_hall", "hall_conductivities", "intrinsic_hall", "sigma_xx", "conductivity_tensor",
    "scattering_rates", "validity_edge",
    "berry_curvature_dirac", "qwz_berry_curvature", "berry_curvature_grid", "qwz_chern_number",
    "qwz_gap", "qwz_min_grid",
    "fermi_circle_transport", "spin_density", "spin_density_terms", "spin_orbit_torque",
    "weyl_lattice_hall", "weyl_continuum_hall", "warmup",
]

# --- fixed quadrature (module docstring, Numerics) --- #
_GX, _GW = gauss_legendre(16)                 # per thermal panel
_GZ, _GZW = gauss_legendre(24)                # per k_z panel of the Weyl continuum integral
_THERMAL_BREAKS = np.array([-40.0, -20.0, -10.0, -5.0, -2.0, 0.0, 2.0, 5.0, 10.0, 20.0, 40.0])
# FHS on a lattice model whose d-vector has |d_i d| = 1 counts right when nk * gap >= 5 (the image of every
# plaquette on the Bloch sphere then lies in a cap of radius 2 pi/5 < pi/2; docs/theory/anomalous-hall.md §4)
_FHS_SAFETY = 5.0
_NK_MIN_SLICE = 10                   # Weyl slices: 5/nk <= 1/2, so a representative mass of each phase is resolved
_NK_MAX = 1024                       # largest automatic QWZ grid (1e6 k points)
_NK_LIMIT = 2048                     # largest QWZ grid asked for (4e6 k points, ~0.3 GB, ~1 s)
_NZ_LIMIT, _NK_SLICE_LIMIT = 512, 128   # Weyl lattice: nz slices of nk^2 points, <= 8e6 points per k0 (~1 s)
_NTHETA_LIMIT = 512                  # Fermi circle: O(N^3) triple sums, ~1 s at 512
_ALPHA_MAX = 100.0                   # alpha above it: hbar/tau > 50 |eF|, nothing left of a Fermi surface
_ALPHA_VALID = 0.5                   # alpha above it: hbar/tau > |eF|/4, disorder expansion not controlled

# columns of the Dirac part table (_dirac_parts)
_INT, _BETA, _SJ, _SKG, _XX, _SK3 = range(6)
_NPARTS = 6


def _as_sigma_xy(result):
    """The same result with every Hall field negated: sigma_xy = j_x/E_y = -sigma_yx (isotropic model)."""
    return result._replace(**{f: -getattr(result, f) for f in result._hall_fields})


class DiracHall(NamedTuple):
    """Hall conductivity sigma_yx of one massive Dirac cone, units e^2/h (convention of Burgos Atencia et al. 2021;
    sigma_xy = -sigma_yx).

    ``side_jump`` = extrinsic interband velocity + anomalous distribution (Eqs. 78 + 82), ``skew`` = Gaussian
    skew (Eq. 85), ``total`` = intrinsic + side_jump + skew = non-crossing result (Eq. 86). ``.xy``: the same
    result as sigma_xy = j_x/E_y.
    """
    intrinsic: object
    side_jump: object
    skew: object
    total: object
    _hall_fields = ("intrinsic", "side_jump", "skew", "total")
    xy = property(_as_sigma_xy)


class DiracTransport(NamedTuple):
    """All transport coefficients of one massive Dirac cone (units e^2/h; Hall ones are sigma_yx; ``.xy``: the
    same result with the Hall ones as sigma_xy = j_x/E_y, sigma_xx unchanged)."""
    intrinsic: object
    extrinsic_velocity: object
    anomalous_distribution: object
    side_jump: object
    skew: object
    skew_third_order: object
    total_nc: object
    total: object
    sigma_xx: object
    _hall_fields = ("intrinsic", "extrinsic_velocity", "anomalous_distribution", "side_jump", "skew",
                    "skew_third_order", "total_nc", "total")
    xy = property(_as_sigma_xy)


class FermiCircle(NamedTuple):
    """Fermi-circle (numerical spinor) results: velocities in units of v_F, rates in units of |eF|/hbar,
    conductivities in e^2/h (Hall ones sigma_yx; ``.xy``: the same result with them as sigma_xy = j_x/E_y)."""
    side_jump_velocity: float        # theta-hat component of v^sj, averaged over the circle
    side_jump_velocity_radial: float # k-hat component (zero for this model)
    hbar_over_tau_tr: float          # in units of |eF|
    extrinsic_velocity: float
    anomalous_distribution: float
    skew_third_order: float
    sigma_xx: float
    _hall_fields = ("extrinsic_velocity", "anomalous_distribution", "skew_third_order")
    xy = property(_as_sigma_xy)


# ===================================== kernels ===================================== #

@njit(cache=True)
def _dirac_parts(e, m, out):
    """T = 0 table of docs/theory/anomalous-hall.md §9 at energy e and mass m (same unit): out[_INT.._SK3] (sk3 per
    g/alpha,
    sigma_xx per 1/alpha). Gap and band edge (|e| <= |m|) give the half quantum alone."""
    for i in range(_NPARTS):
        out[i] = 0.0
    ae, am = abs(e), abs(m)
    sm = (m > 0) - (m < 0)
    if am > 0.0 and ae <= am:
        out[_INT] = 0.5 * sm
        return
    a = m / ae if ae > 0.0 else 0.0
    x = (1.0 - a * a) / (1.0 + 3.0 * a * a)
    out[_INT] = 0.5 * a
    out[_BETA] = a * x
    out[_SJ] = a * x
    out[_SKG] = 1.5 * a * x * x
    out[_XX] = 2.0 * x
    se = (e > 0) - (e < 0)
    out[_SK3] = se * sm * x * x


@njit(cache=True)
def _dirac_parts_kernel(mus, t, m, gx, gw, base, out):
    """Thermal average of the part table over -df/de (docs/theory/anomalous-hall.md §10); t = k_B T (same unit as
    mus, m), t = 0
    gives the T = 0 table. out has shape (mus.size, 6)."""
    row = np.empty(_NPARTS)
    brk = np.empty(base.size + 2)
    for i in range(mus.size):
        mu = mus[i]
        if t == 0.0:
            _dirac_parts(mu, m, row)
            for p in range(_NPARTS):
                out[i, p] = row[p]
            continue
        for p in range(_NPARTS):
            out[i, p] = 0.0
        nb = base.size
        for j in range(nb):
            brk[j] = base[j]
        for s in (-1.0, 1.0):            # kinks of the T = 0 curves at the band edges
            xk = (s * abs(m) - mu) / t
            if base[0] < xk < base[base.size - 1]:
                brk[nb] = xk
                nb += 1
        b = np.sort(brk[:nb])
        for j in range(nb - 1):
            lo, hi = b[j], b[j + 1]
            if hi <= lo:
                continue
            half = 0.5 * (hi - lo)
            for q in range(gx.size):
                x = lo + half * (1.0 + gx[q])
                ch = math.cosh(0.5 * x)
                wgt = half * gw[q] / (4.0 * ch * ch)
                _dirac_parts(mu + t * x, m, row)
                for p in range(_NPARTS):
                    out[i, p] += wgt * row[p]


@njit(cache=True)
def _lower_state(dx, dy, dz):
    """Normalised lower eigenvector of d.sigma in a gauge that is regular away from d || -z (or +z)."""
    big = max(abs(dx), abs(dy), abs(dz))
    if big > 0.0:                         # the state depends on d/|d| only: scale out, no overflow
        dx, dy, dz = dx / big, dy / big, dz / big
    r = math.sqrt(dx * dx + dy * dy + dz * dz)
    if dz >= 0.0:
        c0 = complex(dx, -dy)
        c1 = complex(-(r + dz), 0.0)
    else:
        c0 = complex(r - dz, 0.0)
        c1 = complex(-dx, -dy)
    nrm = math.sqrt(abs(c0) ** 2 + abs(c1) ** 2)
    if nrm == 0.0:                        # d = 0: degenerate point, any state (callers avoid it)
        return complex(1.0, 0.0), complex(0.0, 0.0)
    return c0 / nrm, c1 / nrm


@njit(cache=True)
def _band_state(dx, dy, dz, band):
    """Eigenvector of d.sigma for band = -1 (lower) or +1 (upper = lower state of -d.sigma)."""
    if band < 0:
        return _lower_state(dx, dy, dz)
    return _lower_state(-dx, -dy, -dz)


@njit(cache=True)
def _overlap(a0, a1, b0, b1):
    return a0.conjugate() * b0 + a1.conjugate() * b1


@njit(cache=True)
def _plaquette_flux_kernel(d, band, periodic, out):
    """FHS plaquette phases -arg(U1 U2 U1* U2*) = Omega * area (A = i<u|grad u>, docs/theory/anomalous-hall.md §4
    for the sign) of the
    band's state on a grid d[ix, iy, 0:3]; out has the grid shape (periodic) or one less per axis."""
    nx, ny = d.shape[0], d.shape[1]
    s0 = np.empty((nx, ny), dtype=np.complex128)
    s1 = np.empty((nx, ny), dtype=np.complex128)
    for i in range(nx):
        for j in range(ny):
            c0, c1 = _band_state(d[i, j, 0], d[i, j, 1], d[i, j, 2], band)
            s0[i, j] = c0
            s1[i, j] = c1
    mx, my = out.shape[0], out.shape[1]
    for i in range(mx):
        ip = (i + 1) % nx if periodic else i + 1
        for j in range(my):
            jp = (j + 1) % ny if periodic else j + 1
            u1 = _overlap(s0[i, j], s1[i, j], s0[ip, j], s1[ip, j])
            u2 = _overlap(s0[ip, j], s1[ip, j], s0[ip, jp], s1[ip, jp])
            u3 = _overlap(s0[ip, jp], s1[ip, jp], s0[i, jp], s1[i, jp])
            u4 = _overlap(s0[i, jp], s1[i, jp], s0[i, j], s1[i, j])
            out[i, j] = -cmath.phase(u1 * u2 * u3 * u4)


@njit(cache=True)
def _lattice_d(c, s, nk, d):
    """d-vector of H = sin kx sx + sin ky sy + (c + s (cos kx + cos ky)) sz on the nk x nk grid k = 2 pi j/nk:
    QWZ is (c, s) = (u, +1); a stacked-QWZ Weyl slice is (2 + cos k0 - cos kz, -1) (docs/theory/anomalous-hall.md
    §5)."""
    for i in range(nk):
        kx = 2.0 * math.pi * i / nk
        for j in range(nk):
            ky = 2.0 * math.pi * j / nk
            d[i, j, 0] = math.sin(kx)
            d[i, j, 1] = math.sin(ky)
            d[i, j, 2] = c + s * (math.cos(kx) + math.cos(ky))


@njit(cache=True)
def _chern_kernel(c, s, nk):
    """Lower-band Chern number (1/2 pi) sum of plaquette fluxes (float; an integer to rounding)."""
    d = np.empty((nk, nk, 3))
    _lattice_d(c, s, nk, d)
    flux = np.empty((nk, nk))
    _plaquette_flux_kernel(d, -1, True, flux)
    return flux.sum() / (2.0 * math.pi)


@njit(cache=True)
def _weyl_lattice_kernel(k0s, nz, nk, out):
    """(1/nz) sum_kz C(kz) for the stacked-QWZ Weyl model, midpoint k_z slices (docs/theory/anomalous-hall.md
    §5). A slice whose gap the nk grid does not resolve is counted at the nearest resolved mass c of the same
    gapped phase (C cannot change without closing the gap); the slice through the nodes counts -1/2."""
    nk = max(nk, _NK_MIN_SLICE)
    res = _FHS_SAFETY / nk                 # smallest gap the grid resolves (<= 1/2)
    for i in range(k0s.size):
        total = 0.0
        for j in range(nz):
            kz = -math.pi + 2.0 * math.pi * (j + 0.5) / nz
            c = 2.0 + math.cos(k0s[i]) - math.cos(kz)
            z = -2.0                       # the nearest gap closing of the slice model
            for zc in (0.0, 2.0):
                if abs(c - zc) < abs(c - z):
                    z = zc
            if abs(c - z) < 1e-12:
                total -= 0.5               # gapless slice: half of each neighbour
                continue
            if abs(c - z) < res:
                c = z + math.copysign(res, c - z)
            total += round(_chern_kernel(c, -1.0, nk))
        out[i] = total / nz


@njit(cache=True)
def _state_xy(kx, ky, m, band, gauge):
    c0, c1 = _band_state(-ky, kx, m, band)
    ph = cmath.exp(1j * gauge)
    return c0 * ph, c1 * ph


@njit(cache=True)
def _fermi_circle_kernel(e, m, nth, phases, step, overlap2, shift, triple):
    """Fermi-circle matrices at energy e (hbar = v_F = 1), states k_j at angles 2 pi j/nth
    (docs/theory/anomalous-hall.md §7-8, §12),
    from spinors carrying the random gauge ``phases``:

    overlap2[j, l] = |<u_j|u_l>|^2; shift[j, 0:2] = <|<u_l|u_j>|^2 dr_{k_l k_j}>_l, the coordinate shift of a
    jump k_j -> k_l from gauge-invariant link products (centred difference, ``step``), weighted by the Born
    overlap; triple[j, l] = <Im(<u_j|u_l><u_l|u_n><u_n|u_j>)>_n (third-order skew, k_j -> k_l).
    """
    band = 1 if e > 0 else -1
    kf = math.sqrt(e * e - m * m)
    s0 = np.empty(nth, dtype=np.complex128)
    s1 = np.empty(nth, dtype=np.complex128)
    kx = np.empty(nth)
    ky = np.empty(nth)
    for j in range(nth):
        th = 2.0 * math.pi * j / nth
        kx[j], ky[j] = kf * math.cos(th), kf * math.sin(th)
        s0[j], s1[j] = _state_xy(kx[j], ky[j], m, band, phases[j])
    for j in range(nth):
        for l in range(nth):
            overlap2[j, l] = abs(_overlap(s0[j], s1[j], s0[l], s1[l])) ** 2
    for j in range(nth):                       # k = k_j (initial), k' = k_l (final)
        shift[j, 0] = 0.0
        shift[j, 1] = 0.0
        for l in range(nth):
            ov = _overlap(s0[l], s1[l], s0[j], s1[j])          # <u_k'|u_k>
            for comp in range(2):
                ex, ey = (step, 0.0) if comp == 0 else (0.0, step)
                darg = 0.0
                for sgn in (1.0, -1.0):
                    # arg[<u_k|u_k+d><u_k'|u_k> / (<u_k'|u_k'+d><u_k'+d|u_k+d>)] = sgn step dr (gauge
                    # invariant: every state is once a bra and once a ket; docs/theory/anomalous-hall.md §12)
                    a0, a1 = _state_xy(kx[j] + sgn * ex, ky[j] + sgn * ey, m, band, 0.7)
                    b0, b1 = _state_xy(kx[l] + sgn * ex, ky[l] + sgn * ey, m, band, -1.3)
                    num = _overlap(s0[j], s1[j], a0, a1) * ov
                    den = _overlap(s0[l], s1[l], b0, b1) * _overlap(b0, b1, a0, a1)
                    if num != 0.0 and den != 0.0:     # else no jump: |<u_k'|u_k>|^2 = 0 (massless backscattering)
                        darg += sgn * cmath.phase(num / den)
                shift[j, comp] += overlap2[j, l] * darg / (2.0 * step) / nth
    for j in range(nth):
        for l in range(nth):
            ajl = _overlap(s0[j], s1[j], s0[l], s1[l])
            t = 0.0
            for n in range(nth):
                z = ajl * _overlap(s0[l], s1[l], s0[n], s1[n]) * _overlap(s0[n], s1[n], s0[j], s1[j])
                t += z.imag
            triple[j, l] = t / nth


@njit(cache=True)
def _weyl_continuum_kernel(mus, b, delta, gz, gzw, out):
    """Sum_t int_0^inf dq [m_t/max(|m_t|,|mu|) - sgn m_t] (q = hbar v k_z, energies in one unit), the
    compact-support remainder of docs/theory/anomalous-hall.md §5; m_t = b + t sqrt(q^2 + Delta^2)."""
    q0 = math.sqrt(b * b - delta * delta)
    for i in range(mus.size):
        amu = abs(mus[i])
        total = 0.0
        if amu > 0.0:
            for t in (-1.0, 1.0):
                # support of the integrand: |m_t| < |mu|, i.e. r = sqrt(q^2 + Delta^2) in (b - |mu|, b + |mu|)
                # for t = -1 (node at r = b), r < |mu| - b for t = +1
                if t < 0:
                    r_lo, r_hi = max(b - amu, delta), b + amu
                else:
                    r_lo, r_hi = delta, amu - b
                if r_hi <= r_lo:
                    continue
                q_lo = math.sqrt(max(r_lo * r_lo - delta * delta, 0.0))
                q_hi = math.sqrt(r_hi * r_hi - delta * delta)
                edges = (q_lo, q0, q_hi) if (t < 0 and q_lo < q0 < q_hi) else (q_lo, q_hi, q_hi)
                for p in range(2):
                    lo, hi = edges[p], edges[p + 1]
                    if hi <= lo:
                        continue
                    half = 0.5 * (hi - lo)
                    for n in range(gz.size):
                        q = lo + half * (1.0 + gz[n])
                        mt = b + t * math.sqrt(q * q + delta * delta)
                        sg = (mt > 0) - (mt < 0)
                        total += half * gzw[n] * (mt / max(abs(mt), amu) - sg)
        out[i] = 2.0 * total                                   # both signs of k_z


# ===================================== public API ===================================== #

def _energies(eF, M):
    eF = _check.finite("eF", eF)
    M = _check.scalar("M", _check.finite("M", M), "(one mass per call; eF may be an array)")
    return eF, M


def _alpha(alpha):
    """alpha in (0, 100]; a ValidityWarning above 0.5, where hbar/tau = alpha|eF|/2 > |eF|/4 (theory §6)."""
    alpha = _check.real(_check.in_range, "alpha", alpha, 0.0, _ALPHA_MAX, closed=(False, True))
    if alpha > _ALPHA_VALID:
        _check.validity(f"alpha = {alpha:g} > {_ALPHA_VALID:g}: hbar/tau = alpha|eF|/2 exceeds |eF|/4, outside the "
                        "expansion in disorder (alpha << 1) of Burgos Atencia et al. (2021)", stacklevel=4)
    return alpha


def _born(g, eF, M, alpha):
    """g (one number); a ValidityWarning where |g| |eF|/|M| > 1 in a band (the third-order skew term is
    the first of a Born series in V_0 |eF|/(hbar v_F)^2 = g|eF|/|M|, theory §8); refused if g/alpha overflows."""
    g = _check.real(_check.finite, "g", g)
    if not math.isfinite(g / alpha):
        raise ValueError(f"g/alpha must be finite (the third-order skew is (g/alpha) x^2), got g = {g:g}, "
                         f"alpha = {alpha:g}")
    ae = np.abs(np.asarray(eF, dtype=float))
    band = ae[ae > abs(M)]
    if g != 0.0 and M != 0.0 and band.size and abs(g) * band.max() / abs(M) > 1.0:
        _check.validity(f"|g| |eF|/|M| = {abs(g) * band.max() / abs(M):.3g} > 1 (g = {g:g}): the impurity is not "
                        "weak in the Born sense, the third-order skew term is not controlled", stacklevel=4)
    return g


def _parts(eF, M, T):
    """(shape, table) of the thermally averaged part table at eF (J or any unit if T = 0)."""
    eF, M = _energies(eF, M)
    T = _check.real(_check.nonnegative, "T", T, "K")
    arr = np.atleast_1d(np.asarray(eF, dtype=float)).ravel()
    out = np.empty((arr.size, _NPARTS))
    t = units.k_B * T if T > 0 else 0.0
    _dirac_parts_kernel(np.ascontiguousarray(arr), t, M, _GX, _GW, _THERMAL_BREAKS, out)
    return np.shape(eF), out


def _shaped(shape, col):
    return col.reshape(shape) if shape else float(col[0])


def massive_dirac_hall(eF, M):
    r"""Hall conductivity :math:`\sigma_{yx}` of one massive Dirac cone, T = 0, Gaussian white-noise disorder.

    Burgos Atencia et al. (2021) Eqs. (74), (78)+(82), (85), (86); table of docs/theory/anomalous-hall.md §9 with
    :math:`a = M/|\varepsilon_F|`,
    :math:`x = (1-a^2)/(1+3a^2)`: intrinsic a/2, side_jump 2ax, skew (3/2)ax^2, total
    :math:`4a(1+a^2)/(1+3a^2)^2`. In the gap (:math:`|\varepsilon_F| \le |M|`) the half quantum sgn(M)/2
    alone. All are independent of the disorder strength.

    Parameters
    ----------
    eF : float or array_like
        Fermi energy from the Dirac point, any energy unit (finite).
    M : float
        Exchange mass (half the gap, signed), same unit as `eF`.

    Returns
    -------
    DiracHall
        Fields ``intrinsic, side_jump, skew, total`` in units of :math:`e^2/h`, shaped like `eF`
        (sigma_yx; sigma_xy = -sigma_yx).
    """
    shape, p = _parts(eF, M, 0.0)
    sj = p[:, _BETA] + p[:, _SJ]
    return DiracHall(_shaped(shape, p[:, _INT]), _shaped(shape, sj), _shaped(shape, p[:, _SKG]),
                     _shaped(shape, p[:, _INT] + sj + p[:, _SKG]))


def hall_conductivities(eF, M, alpha, g=0.0, T=0.0):
    r"""Every transport coefficient of one massive Dirac cone at Fermi level `eF` and temperature `T`.

    docs/theory/anomalous-hall.md §9 (T = 0), averaged over :math:`-\partial f/\partial\varepsilon` at T > 0
    (docs/theory/anomalous-hall.md §10, elastic
    T-independent disorder). Non-Gaussian skew (docs/theory/anomalous-hall.md §8):
    :math:`\mathrm{sgn}(\varepsilon_F)\mathrm{sgn}(M)
    (g/\alpha)x^2`, controlled for |g| |eF|/|M| < ~1 (a ValidityWarning beyond);
    :math:`\sigma_{xx} = 2x/\alpha` (docs/theory/anomalous-hall.md §6). Hall
    conductivities are sigma_yx = -sigma_xy.

    Parameters
    ----------
    eF : float or array_like
        Fermi energy (chemical potential), J.
    M : float
        Exchange mass, J (signed).
    alpha : float
        Disorder strength :math:`u_0^2/(\hbar v_F)^2`, in (0, 100] (valid for alpha << 1, hbar/tau =
        alpha|eF|/2; a ValidityWarning above 0.5).
    g : float
        Signed impurity Born parameter :math:`V_0|M|/(\hbar v_F)^2` of the third cumulant.
    T : float
        Temperature, K, >= 0.

    Returns
    -------
    DiracTransport
        In units of :math:`e^2/h`: intrinsic, extrinsic_velocity, anomalous_distribution, side_jump (their
        sum), skew (Gaussian), skew_third_order, total_nc (Gaussian total, Eq. 86), total (+ third order),
        sigma_xx.
    """
    alpha = _alpha(alpha)
    eF, M = _energies(eF, M)
    g = _born(g, eF, M, alpha)
    shape, p = _parts(eF, M, T)
    sk3 = p[:, _SK3] * g / alpha
    nc = p[:, _INT] + p[:, _BETA] + p[:, _SJ] + p[:, _SKG]
    cols = (p[:, _INT], p[:, _BETA], p[:, _SJ], p[:, _BETA] + p[:, _SJ], p[:, _SKG], sk3, nc, nc + sk3,
            p[:, _XX] / alpha)
    return DiracTransport(*(_shaped(shape, c) for c in cols))


def intrinsic_hall(eF, M, T=0.0):
    r"""Intrinsic (Fermi-sea Berry curvature) :math:`\sigma_{yx}/(e^2/h)` of one massive Dirac cone.

    Paper 002 Eq. (72); T = 0: sgn(M)/2 in the gap, :math:`M/2|\varepsilon_F|` in a band (Eq. 74 with
    :math:`|\varepsilon_F|`, docs/theory/anomalous-hall.md §2); T > 0: :math:`\int
    d\varepsilon(-f')\sigma_{T=0}(\varepsilon)`.
    `eF`, `M` in J, `T` in K.
    """
    shape, p = _parts(eF, M, T)
    return _shaped(shape, p[:, _INT])


def sigma_xx(eF, M, alpha, T=0.0):
    r"""Longitudinal conductivity :math:`\sigma_{xx}/(e^2/h) = 2x/\alpha = (|\varepsilon_F|\tau/\hbar)x`
    (docs/theory/anomalous-hall.md §6, Burgos Atencia et al. 2021, Eq. 76 with :math:`\tau_{tr} = 2\tau/(1+3a^2)`);
    0 in the gap at T = 0. alpha in (0, 100] as in :func:`hall_conductivities`."""
    alpha = _alpha(alpha)
    shape, p = _parts(eF, M, T)
    return _shaped(shape, _check.result(p[:, _XX] / alpha, "alpha"))


def scattering_rates(eF, M, alpha):
    r"""Disorder broadenings at the Fermi level, in the energy unit of `eF` (docs/theory/anomalous-hall.md §6):
    :math:`\hbar/\tau = \alpha|\varepsilon_F|/2` (the bookkeeping rate :math:`\pi u_0^2\rho/\hbar`),
    :math:`\hbar/\tau_{tr} = \alpha|\varepsilon_F|(1+3a^2)/4` (Eq. 76) and the quasiparticle rate
    :math:`\hbar/\tau_{qp} = \alpha|\varepsilon_F|(1+a^2)/2`, as a tuple (tau, tau_tr, tau_qp); zero in the gap."""
    eF, M = _energies(eF, M)
    alpha = _alpha(alpha)
    ae = np.abs(eF)
    band = ae > abs(M)
    a2 = np.where(band, (M / np.where(band, ae, 1.0)) ** 2, 0.0)
    rates = [_check.result(np.where(band, alpha * ae * f, 0.0), "eF, alpha")
             for f in (0.5 * np.ones_like(a2), (1 + 3 * a2) / 4, (1 + a2) / 2)]
    return tuple(r if np.ndim(r) else float(r) for r in rates)


def validity_edge(M, alpha, margin=3.0):
    r"""The Fermi level :math:`|\varepsilon_F| > |M|` below which the disorder terms are not controlled:
    :math:`|\varepsilon_F| - |M| = \mathrm{margin}\cdot\hbar/\tau_{tr}` (docs/theory/anomalous-hall.md §6), same unit
    as `M`; the Born and Markov approximations need :math:`|\varepsilon_F| - |M| \gg \hbar/\tau`. `alpha` in
    (0, 100], `margin` in [0, 100]; inf when margin alpha/4 >= 1 (no Fermi level is controlled)."""
    M = abs(_check.real(_check.finite, "M", M))
    alpha = _alpha(alpha)
    margin = _check.real(_check.in_range, "margin", margin, 0.0, 100.0)
    if M == 0.0:
        return 0.0
    # t - 1 = margin alpha (t^2 + 3)/(4t) with t = |eF|/|M|: the root t > 1 of (1 - c) t^2 - t - 3c = 0
    c = margin * alpha / 4
    if c >= 1:
        return math.inf
    return _check.result(M * (1 + math.sqrt(1 + 12 * c * (1 - c))) / (2 * (1 - c)), "M, alpha, margin")


def conductivity_tensor(sigma_xx, sigma_yx):
    r"""The in-plane tensor :math:`[[\sigma_{xx}, \sigma_{xy}], [\sigma_{yx}, \sigma_{yy}]]` of the isotropic
    cone, :math:`\mathbf j = \sigma\mathbf E`: :math:`\sigma_{yy} = \sigma_{xx}` and
    **sigma_xy = -sigma_yx** (the module's one sign convention). Any units; scalars in, (2, 2) array out."""
    sxx = _check.real(_check.finite, "sigma_xx", sigma_xx)
    syx = _check.real(_check.finite, "sigma_yx", sigma_yx)
    return np.array([[sxx, -syx], [syx, sxx]])


def berry_curvature_dirac(kx, ky, M, v_F, band=-1):
    r"""Berry curvature of the massive Dirac bands, m^2: :math:`\Omega^\pm = \mp M\hbar^2v_F^2/(2\lambda_k^3)`,
    :math:`\lambda_k = \sqrt{\hbar^2v_F^2k^2 + M^2}` (Burgos Atencia et al. 2021, Eq. 73;
    docs/theory/anomalous-hall.md §2).

    `kx`, `ky` in 1/m (broadcast), `M` in J, `v_F` > 0 in m/s, `band` = -1 (valence) or +1 (conduction).
    Its flux (1/2 pi) int d^2k Omega^- = sgn(M)/2.
    """
    kx, ky = _check.finite("kx", kx), _check.finite("ky", ky)
    M = _check.real(_check.finite, "M", M)
    v_F = _check.real(_check.positive, "v_F", v_F, "m/s")
    band = _band(band)
    if M == 0.0:
        return np.zeros(np.broadcast(kx, ky).shape) if np.ndim(kx) or np.ndim(ky) else 0.0
    # = -band m/(2 r^3), m = M/(hbar v_F), r = |(kx, ky, m)|: no (hbar v_F k)^2 to overflow
    with np.errstate(all="ignore"):
        m = M / units.hbar / v_F
        r = np.hypot(np.hypot(kx, ky), m)
        out = -band * 0.5 * (m / r) / r / r
    return _check.result(out, "M, v_F, kx, ky")


def _band(band):
    if isinstance(band, (bool, np.bool_)) or not isinstance(band, numbers.Real) or band not in (-1, 1):
        raise ValueError(f"band must be -1 (lower) or +1 (upper), got {band!r}")
    return int(band)


def qwz_berry_curvature(kx, ky, u, band=-1):
    r"""Berry curvature of the QWZ model :math:`H = \sin k_x\sigma_x + \sin k_y\sigma_y + (u + \cos k_x +
    \cos k_y)\sigma_z` (lattice constant 1; docs/theory/anomalous-hall.md §3) from the d-vector form
    :math:`\Omega^\mp = \pm\tfrac12\hat d\cdot(\partial_x\hat d\times\partial_y\hat d)`
    (docs/theory/anomalous-hall.md §2), in units
    of the lattice constant squared. Where the gap closes (u in {-2, 0, 2}) it is a delta function: NaN if a
    k point falls exactly on the closing, sharply peaked near it."""
    kx, ky = np.asarray(_check.finite("kx", kx)), np.asarray(_check.finite("ky", ky))
    u = _check.real(_check.finite, "u", u)
    band = _band(band)
    cx, cy, sx, sy = np.cos(kx), np.cos(ky), np.sin(kx), np.sin(ky)
    dz = u + cx + cy
    triple = sx**2 * cy + sy**2 * cx + dz * cx * cy          # d . (d_x d x d_y d)
    r = np.sqrt(sx**2 + sy**2 + dz**2)
    with np.errstate(divide="ignore", invalid="ignore"):   # NaN exactly at a gap-closing k point (documented)
        return -band * 0.5 * triple / r**3


def berry_curvature_grid(H, dkx, dky, band=-1, periodic=True):
    r"""Berry curvature of a band of any 2x2 Bloch Hamiltonian sampled on a uniform k grid, gauge invariantly.

    Fukui-Hatsugai-Suzuki plaquette products of the numerically obtained eigenvectors (whose phases are
    arbitrary): :math:`\Omega\,\delta k_x\delta k_y = -\arg(U_1U_2U_3U_4)` around each counter-clockwise
    plaquette (A = i<u|grad u>; docs/theory/anomalous-hall.md §4). The count is right when the grid resolves the gap
    (docs/theory/anomalous-hall.md §4). The identity part of H does not matter.

    Parameters
    ----------
    H : array_like, shape (nx, ny, 2, 2)
        Hermitian matrices H(k_x[i], k_y[j]) on a grid of spacings `dkx`, `dky` (any consistent k unit).
    dkx, dky : float
        Grid spacings (> 0).
    band : {-1, +1}
        Lower or upper band.
    periodic : bool
        True for a grid covering the Brillouin zone (last row joins the first); False for a patch (the
        result then has shape (nx - 1, ny - 1)).

    Returns
    -------
    ndarray
        Omega at the plaquette centres k + (dkx, dky)/2, in the inverse square of the k unit. On a periodic
        grid, ``Omega.sum() * dkx * dky / (2 pi)`` is the (integer) Chern number.
    """
    try:
        H = np.asarray(H, dtype=complex)
    except (TypeError, ValueError):
        raise ValueError(f"H must be an array of complex 2x2 matrices, shape (nx, ny, 2, 2), got {H!r}") from None
    if H.ndim != 4 or H.shape[2:] != (2, 2) or min(H.shape[:2]) < 2:
        raise ValueError(f"H must have shape (nx, ny, 2, 2) with nx, ny >= 2, got {H.shape}")
    if not np.all(np.isfinite(H)):
        raise ValueError("H must be finite")
    if not np.allclose(H, np.conj(np.swapaxes(H, -1, -2)), atol=1e-12 * max(1.0, np.abs(H).max())):
        raise ValueError("H must be Hermitian at every k")
    dkx = _check.real(_check.positive, "dkx", dkx)
    dky = _check.real(_check.positive, "dky", dky)
    band = _band(band)
    periodic = _check.flag("periodic", periodic)
    d = np.empty(H.shape[:2] + (3,))
    d[..., 0] = H[..., 0, 1].real
    d[..., 1] = -H[..., 0, 1].imag
    d[..., 2] = 0.5 * (H[..., 0, 0] - H[..., 1, 1]).real
    shape = H.shape[:2] if periodic else (H.shape[0] - 1, H.shape[1] - 1)
    out = np.empty(shape)
    _plaquette_flux_kernel(np.ascontiguousarray(d), band, periodic, out)
    return _check.result(out / dkx / dky, "dkx, dky")


def qwz_gap(u):
    r"""Half the direct gap of the QWZ model, :math:`\min_{\mathbf k}|\mathbf d(\mathbf k)| = \min(|u+2|, |u|,
    |u-2|)` (the minimum lies at one of the four time-reversal-invariant momenta), lattice units."""
    u = _check.real(_check.finite, "u", u)
    return min(abs(u + 2.0), abs(u), abs(u - 2.0))


def qwz_min_grid(u):
    r"""Smallest FHS grid nk on which :func:`qwz_chern_number` is guaranteed to return the right integer at
    `u`: :math:`n_k \ge 5/\Delta` with :math:`\Delta` = :func:`qwz_gap` (docs/theory/anomalous-hall.md §4).
    A sufficient condition: coarser grids often count right too, but not always (u = 1.9 on 5 x 5 gives 0)."""
    gap = qwz_gap(u)
    if gap == 0.0:
        raise ValueError(f"u must avoid the gap closings -2, 0, 2 (Chern number undefined), got {u!r}")
    if gap < _FHS_SAFETY / 2**62:
        raise ValueError(f"u must be at least {_FHS_SAFETY / 2**62:.2g} from a gap closing (-2, 0, 2): the grid "
                         f"would need nk >= 5/{gap:.3g} points per direction, got u = {u!r}")
    return max(4, math.ceil(_FHS_SAFETY / gap))


def qwz_chern_number(u, nk=None):
    r"""Chern number of the lower QWZ band, :math:`C = (1/2\pi)\int_{BZ}\Omega^-`, by the Fukui-Hatsugai-Suzuki
    (FHS) lattice method on an nk x nk grid (numba): +1 for -2 < u < 0, -1 for 0 < u < 2, 0 for |u| > 2;
    sigma_yx = C e^2/h with the Fermi level in the gap (docs/theory/anomalous-hall.md §3-4).

    FHS returns an integer on any grid, but the right one only when the grid resolves the gap
    :math:`2\Delta`, :math:`\Delta = \min(|u+2|, |u|, |u-2|)`: this function never counts on a coarser grid
    than :func:`qwz_min_grid` (:math:`n_k \ge 5/\Delta`, a proven sufficient condition).

    Parameters
    ----------
    u : float
        QWZ mass parameter (finite, not -2, 0 or 2).
    nk : int or None
        None (default): the grid is chosen, max(16, qwz_min_grid(u)), up to 1024 points per direction.
        An integer in [4, 2048]: count on exactly this grid, or raise ValueError if it is too coarse for the
        gap (the upper bound keeps the grid within ~0.3 GB and ~1 s).

    Returns
    -------
    int

    Raises
    ------
    ValueError
        At a gap closing; if `nk` is below qwz_min_grid(u); if u is so close to a gap closing
        (:math:`\Delta < 5/1024 \approx 0.0049`) that the automatic grid would exceed 1024.
    """
    u = _check.real(_check.finite, "u", u)
    need = qwz_min_grid(u)
    if nk is None:
        if need > _NK_MAX:
            raise ValueError(f"u must be at least {_FHS_SAFETY / _NK_MAX:.2g} from a gap closing (-2, 0, 2) "
                             f"for an automatic grid (would need nk = {need} > {_NK_MAX}), got u = {u:g}")
        nk = max(16, need)
    else:
        nk = _check.integer("nk", nk, 4, _NK_LIMIT)
        if nk < need:
            raise ValueError(f"nk must be >= {need} to resolve the gap 2 x {qwz_gap(u):.3g} at u = {u:g} "
                             f"(nk >= 5/gap), got {nk}; nk=None chooses the grid")
    return int(round(_chern_kernel(u, 1.0, nk)))


def fermi_circle_transport(eF, M, alpha, g=0.0, n_theta=64, seed=0):
    r"""Extrinsic transport from a Boltzmann equation solved on the discretised Fermi circle, built from
    numerical spinors in a random gauge: an independent route to the closed forms of
    docs/theory/anomalous-hall.md §7-8 (the method is §12).

    On N_theta states k_j of the Fermi circle: Born rates :math:`w_{k'k} = (2\pi/\hbar)u_0^2|\langle u_{k'}|
    u_k\rangle|^2\delta(\varepsilon-\varepsilon')` (Burgos Atencia et al. 2021, Eq. 28), the side-jump velocity
    :math:`\mathbf v^{sj}_k = \sum_{k'}w_{k'k}\delta\mathbf r_{k'k}` with the gauge-invariant coordinate shift
    (docs/theory/anomalous-hall.md §7; equals the extrinsic velocity beta, Eq. 77), and the linear collision
    operator :math:`J_0`.
    Then, with :math:`n = \delta(\varepsilon-\varepsilon_F)\phi_k` and E along x, the linear systems
    :math:`J_0\phi^{(-1)} = -e\mathbf E\cdot\mathbf v` (Eq. 50) and :math:`J_0\phi^{(sj)} = e\mathbf E\cdot
    \mathbf v^{sj}` (Eqs. 37, 51: the E-corrected collision integral) are solved (least squares; J_0 has the
    constant zero mode), giving :math:`\sigma_{xx}`, :math:`\sigma^\beta = -(e/E)\sum\beta_y n^{(-1)}` (Eq. 78)
    and :math:`\sigma^{sj} = -(e/E)\sum v_y n^{(sj)}` (Eq. 82). Third-order skew: the antisymmetric rate
    :math:`w^{(3a)}_{k'\leftarrow k} = (2\pi)^2c_3\sum_{k''}\mathrm{Im}[\langle u_k|u_{k'}\rangle\langle
    u_{k'}|u_{k''}\rangle\langle u_{k''}|u_k\rangle]\delta\delta/\hbar` and, to leading order in c_3,
    :math:`\sigma^{sk,3} = \sigma_{xx}\tau_{tr}/\tau_\perp` (docs/theory/anomalous-hall.md §8). T = 0, one band. Hall
    conductivities are sigma_yx, as everywhere in this module.

    Parameters
    ----------
    eF, M : float
        Fermi energy and mass, same unit, |eF| > |M| (a Fermi surface is needed). M = 0 is the massless
        limit: every Hall term vanishes (they are odd in M) and sigma_xx = 2/alpha.
    alpha : float
        Disorder strength in (0, 100] (a ValidityWarning above 0.5).
    g : float
        Third-order Born parameter (needs M != 0 if g != 0; a ValidityWarning if |g| |eF|/|M| > 1).
    n_theta : int
        Points on the circle, in [8, 512] (the triple sums cost N^3).
    seed : int
        Seed of the random gauge phases, in [0, 2^63 - 1].

    Returns
    -------
    FermiCircle
    """
    eF, M = _energies(eF, M)
    eF = _check.scalar("eF", eF)
    if not abs(eF) > abs(M):
        raise ValueError(f"eF must lie in a band, |eF| > |M| = {abs(M):g}, got {eF:g}")
    alpha = _alpha(alpha)
    g = _born(g, eF, M, alpha)
    if g != 0.0 and M == 0.0:
        raise ValueError(f"M must be nonzero when g != 0 (g = V0|M|/(hbar v_F)^2 is defined relative to |M|), "
                         f"got M = {M:g} with g = {g:g}")
    n = _check.integer("n_theta", n_theta, 8, _NTHETA_LIMIT)
    seed = _check.integer("seed", seed, 0, 2**63 - 1)
    # reduce to |eF| = 1 (hbar = v_F = 1): u0^2 = alpha, c3 = alpha g/|m| (c3/u0^4 = g/(alpha |M|))
    e, m = math.copysign(1.0, eF), M / abs(eF)
    phases = np.random.default_rng(seed).uniform(0, 2 * np.pi, n)
    overlap2, shift, triple = np.empty((n, n)), np.empty((n, 2)), np.empty((n, n))
    _fermi_circle_kernel(e, m, n, phases, 1e-5 * math.sqrt(1 - m * m), overlap2, shift, triple)
    rho = 1.0 / (2 * math.pi)                             # DOS at |e| = 1
    band = math.copysign(1.0, e)
    theta = 2 * np.pi * np.arange(n) / n
    v = band * math.sqrt(1 - m * m) * np.stack([np.cos(theta), np.sin(theta)], 1)   # group velocities
    rate = 2 * np.pi * alpha * rho * overlap2 / n         # j -> l, sum over l = sum_k' (rho <.>)
    J0 = np.diag(rate.sum(1)) - rate.T                    # (J n)_j = sum_l (w_{l<-j} n_j - w_{j<-l} n_l)
    vsj = 2 * np.pi * alpha * rho * shift                 # v^sj_j = beta_j
    phi = np.linalg.lstsq(J0, -v[:, 0], rcond=None)[0]    # n^(-1), E = x, e = 1
    phi_sj = np.linalg.lstsq(J0, vsj[:, 0], rcond=None)[0]
    avg = lambda f: rho * f.mean()                        # sum_k delta(e - eF) f_k
    s_xx = -avg(v[:, 0] * phi)
    s_beta = -avg(vsj[:, 1] * phi)
    s_sj = -avg(v[:, 1] * phi_sj)
    inv_tau_tr = 1 / (2 * s_xx / (rho * (1 - m * m)))     # sigma_xx = rho v_g^2 tau_tr / 2
    c3 = alpha * g / abs(m) if g != 0.0 else 0.0
    skew_rate = (2 * np.pi) ** 2 * c3 * rho * triple * rho / n
    inv_tau_perp = (skew_rate[0] * np.sin(theta)).sum()   # rho <w^(3a)_{k'<-k} sin(theta' - theta)>, k = k_0
    s_sk3 = s_xx * inv_tau_perp / inv_tau_tr
    to_e2h = 2 * math.pi                                  # e^2/hbar -> e^2/h
    tangential = float(np.mean(vsj[:, 1] * np.cos(theta) - vsj[:, 0] * np.sin(theta)))
    radial = float(np.mean(vsj[:, 0] * np.cos(theta) + vsj[:, 1] * np.sin(theta)))
    return _check.result(FermiCircle(tangential, radial, float(inv_tau_tr), float(s_beta * to_e2h),
                                     float(s_sj * to_e2h), float(s_sk3 * to_e2h), float(s_xx * to_e2h)),
                         "alpha, g")


def _in_plane(name, E):
    E = np.asarray(_check.finite(name, E), dtype=float)
    if E.shape != (2,):
        raise ValueError(f"{name} must be an in-plane vector (E_x, E_y) in V/m, got shape {E.shape}")
    return E


def spin_density(eF, M, alpha, E, v_F, g=0.0, T=0.0):
    r"""Non-equilibrium spin polarisation :math:`\langle\boldsymbol\sigma\rangle` (m^-2) of the cone in field E.

    Exact identity of this model (docs/theory/anomalous-hall.md §11; velocity operator :math:`\hat v = -v_F\hat
    z\times\boldsymbol
    \sigma`): :math:`\langle\boldsymbol\sigma\rangle = -\hat z\times\mathbf j/(ev_F)`, with
    :math:`\mathbf j = \sigma\mathbf E` from :func:`hall_conductivities` (every mechanism, gap included).

    `eF`, `M` in J (scalars), `alpha` > 0, `E` = (E_x, E_y) in V/m, `v_F` > 0 in m/s, `g`, `T` (K) as in
    :func:`hall_conductivities`. Returns the (2,) array (<sigma_x>, <sigma_y>).
    """
    E = _in_plane("E", E)
    v_F = _check.real(_check.positive, "v_F", v_F, "m/s")
    if np.ndim(eF):
        raise ValueError(f"eF must be a scalar here, got shape {np.shape(eF)}")
    c = hall_conductivities(eF, M, alpha, g, T)
    with np.errstate(all="ignore"):
        j = conductivity_tensor(c.sigma_xx, c.total) @ E * units.e2_h       # A/m
        spin = np.array([j[1], -j[0]]) / (units.e * v_F)                   # -z x j = (j_y, -j_x)
    return _check.result(spin, "E, v_F, alpha")


def spin_density_terms(eF, M, alpha, E, v_F):
    r"""The paper's term-by-term spin density (m^-2), T = 0, Fermi level in a band (Burgos Atencia et al. 2021, Sec.
    VI.B).

    Edelstein Eq. (90) :math:`e\tau(\mathbf E\times\hat z)v_F\rho(1-\xi^2)/(1+3\xi^2)`; intrinsic Eq. (96)
    :math:`eM\hbar v_F\rho/(2\varepsilon_F^2)\mathbf E`; extrinsic velocity Eq. (99) and side jump Eq. (101)
    :math:`e\hbar v_F\rho(M/\varepsilon_F^2)x\,\mathbf E` each; Gaussian skew Eq. (103)
    :math:`e\hbar\rho v_F(M/\varepsilon_F^2)(3/2)x^2\mathbf E` (with :math:`|\varepsilon_F|`,
    docs/theory/anomalous-hall.md §2;
    :math:`\hbar/\tau = \alpha|\varepsilon_F|/2`, :math:`\rho = |\varepsilon_F|/2\pi\hbar^2v_F^2`).
    Returns a dict of (2,) arrays: edelstein, intrinsic, extrinsic_velocity, side_jump, skew.
    """
    E = _in_plane("E", E)
    eF, M = _energies(eF, M)
    eF = _check.scalar("eF", eF)
    if not abs(eF) > abs(M):
        raise ValueError(f"eF must lie in a band, |eF| > |M| = {abs(M):g}, got {eF:g}")
    alpha = _alpha(alpha)
    v_F = np.float64(_check.real(_check.positive, "v_F", v_F, "m/s"))
    hb, e = units.hbar, units.e
    ae = np.float64(abs(eF))                       # numpy floats: an overflow gives inf, refused below
    xi = M / ae
    x = (1 - xi**2) / (1 + 3 * xi**2)
    E_cross_z = np.array([E[1], -E[0]])
    with np.errstate(all="ignore"):
        rho = ae / (2 * np.pi * hb**2 * v_F**2)
        tau = 2 * hb / (alpha * ae)
        hall = e * hb * v_F * rho * M / ae**2
        out = {"edelstein": e * tau * v_F * rho * x * E_cross_z,
               "intrinsic": 0.5 * hall * E,
               "extrinsic_velocity": hall * x * E,
               "side_jump": hall * x * E,
               "skew": 1.5 * hall * x**2 * E}
    return _check.result(out, "eF, M, alpha, E, v_F")


def spin_orbit_torque(eF, M, alpha, E, v_F, g=0.0, T=0.0):
    r"""Spin-orbit torque density (J/m^2) on m = z: :math:`\mathbf T = M\,\hat m\times\langle\boldsymbol
    \sigma\rangle = M\mathbf j/(ev_F)` (Burgos Atencia et al. 2021, Sec. VI.B, with Eq. 105 corrected as in
    docs/theory/anomalous-hall.md §11 and §13).

    Returns a dict of (2,) arrays: ``field_like`` (from sigma_xx E, the Edelstein part, proportional to tau),
    ``damping_like`` (from sigma_yx z x E, disorder independent for the Gaussian terms) and ``total``.
    Arguments as in :func:`spin_density`.
    """
    E = _in_plane("E", E)
    v_F = _check.real(_check.positive, "v_F", v_F, "m/s")
    if np.ndim(eF):
        raise ValueError(f"eF must be a scalar here, got shape {np.shape(eF)}")
    c = hall_conductivities(eF, M, alpha, g, T)
    Mf = float(M)
    with np.errstate(all="ignore"):
        scale = np.float64(Mf) * units.e2_h / (units.e * v_F)
        field_like = scale * c.sigma_xx * E
        damping_like = scale * c.total * np.array([-E[1], E[0]])              # sigma_yx z x E
        total = field_like + damping_like
    out = {"field_like": field_like, "damping_like": damping_like, "total": total}
    return _check.result(out, "M, alpha, E, v_F")


def weyl_lattice_hall(k0, nz=60, nk=32):
    r"""Intrinsic Hall conductivity :math:`\sigma_{yx}` of the stacked-QWZ Weyl semimetal, in e^2/h per
    lattice constant, with the Fermi level at the nodes (docs/theory/anomalous-hall.md §5).

    :math:`H = \sin k_x\sigma_x + \sin k_y\sigma_y + (2 + \cos k_0 - \cos k_z - \cos k_x - \cos k_y)\sigma_z`
    has nodes at (0, 0, +-k0). Each of `nz` midpoint k_z slices is a 2D insulator of the form
    :math:`\sin k_x\sigma_x + \sin k_y\sigma_y + (c - \cos k_x - \cos k_y)\sigma_z`,
    :math:`c = 2 + \cos k_0 - \cos k_z`, whose FHS Chern number C(k_z) on an nk x nk grid is summed:
    :math:`\sigma_{yx} = (e^2/h)(1/2\pi)\int dk_z\,C(k_z) \to -(e^2/h)k_0/\pi`, i.e. (e^2/h) times the node
    separation over 2 pi; a staircase within 1/nz of the line. A slice whose gap the grid does not resolve
    (gap < 5/nk, next to a node) is counted at the nearest resolved c of the same gapped phase,
    where the Chern number is the same; a slice exactly through the nodes counts -1/2.

    Parameters
    ----------
    k0 : float or array_like
        Half node separation in units of 1/a, in [0, pi) (at pi new nodes appear at the zone boundary).
    nz : int
        Number of k_z slices, in [2, 512]. nk : int, FHS grid per slice, in [4, 128] (at least 10 is used);
        the bounds keep a call under ~1 s per k0.
    """
    k0 = _check.in_range("k0", k0, 0.0, math.pi, "1/a", closed=(True, False))
    nz = _check.integer("nz", nz, 2, _NZ_LIMIT)
    nk = _check.integer("nk", nk, 4, _NK_SLICE_LIMIT)
    arr = np.atleast_1d(np.asarray(k0, dtype=float)).ravel()
    out = np.empty(arr.size)
    _weyl_lattice_kernel(np.ascontiguousarray(arr), nz, nk, out)
    return out.reshape(np.shape(k0)) if np.ndim(k0) else float(out[0])


def weyl_continuum_hall(mu, b, Delta, v_F):
    r"""Intrinsic :math:`\sigma_{xy} = j_x/E_y` (S/m) of the continuum two-node Weyl model of Sekine, Culcer and
    MacDonald (2017).

    :math:`\mathcal H = v_F\tau_zk\cdot\sigma + \Delta\tau_x + b\sigma_z` (Eq. 69) block-diagonalises into 2D
    massive Dirac slices :math:`m_t(k_z) = b + t\sqrt{v_F^2k_z^2 + \Delta^2}` (Eq. 70), each giving
    :math:`-(e^2/4\pi\hbar)m_t/\max(|m_t|, |\mu|)`; hence (docs/theory/anomalous-hall.md §5; their Eqs. 81-85 with the
    v_F^2 of Eq. 81 restored, docs/theory/anomalous-hall.md §13)

    .. math:: \sigma_{xy}(\mu) = -\frac{e^2}{8\pi^2\hbar}\Big[4k_0 + \sum_t\int dk_z
              \Big(\frac{m_t}{\max(|m_t|,|\mu|)} - \mathrm{sgn}\,m_t\Big)\Big],\qquad
              k_0 = \frac{\sqrt{b^2-\Delta^2}}{\hbar v_F},

    the plateau :math:`-e^2k_0/(2\pi^2\hbar) = -(e^2/h)(2k_0)/2\pi` (Eq. 85) for every mu if Delta = 0.
    T = 0; the vertex (extrinsic) part vanishes near the nodes (paper App. C) and is not included.

    Parameters
    ----------
    mu : float or array_like
        Chemical potential from the nodes, J.
    b : float
        Exchange energy, J, > Delta (Weyl phase).
    Delta : float
        Dirac mass, J, >= 0.
    v_F : float
        Velocity, m/s, > 0.
    """
    mu = _check.finite("mu", mu)
    Delta = _check.real(_check.nonnegative, "Delta", Delta, "J")
    b = _check.real(_check.positive, "b", b, "J")
    if not b > Delta:
        raise ValueError(f"b must exceed Delta = {Delta:g} J (Weyl phase), got {b:g} J")
    v_F = _check.real(_check.positive, "v_F", v_F, "m/s")
    arr = np.atleast_1d(np.asarray(mu, dtype=float)).ravel()
    out = np.empty(arr.size)
    _weyl_continuum_kernel(np.ascontiguousarray(arr / b), 1.0, Delta / b, _GZ, _GZW, out)
    q0 = math.sqrt(1.0 - (Delta / b) ** 2)
    with np.errstate(all="ignore"):
        sig = -units.e**2 / (8 * math.pi**2 * units.hbar) * (4 * q0 + out) * (b / units.hbar / v_F)
    _check.result(sig, "mu, b, v_F")
    return sig.reshape(np.shape(mu)) if np.ndim(mu) else float(sig[0])


def warmup():
    """Compile (or load from the numba cache) every kernel once with the argument types of the public API."""
    meV = units.meV
    hall_conductivities(np.array([5.0, 40.0]) * meV, 20 * meV, 0.05, 0.1, T=0.0)
    hall_conductivities(np.array([5.0, 40.0]) * meV, 20 * meV, 0.05, 0.1, T=10.0)
    massive_dirac_hall(2.0, 1.0)
    qwz_chern_number(-1.0, 16)
    weyl_lattice_hall(np.array([0.5, 1.0]), 4, 8)
    weyl_continuum_hall(np.array([1.0, 30.0]) * meV, 100 * meV, 20 * meV, 3e5)
    fermi_circle_transport(2.0, 1.0, 0.1, 0.1, 16)
    k = np.linspace(-1, 1, 3)
    H = np.zeros((3, 3, 2, 2), complex)
    H[..., 0, 0], H[..., 1, 1] = 1.0, -1.0
    H[..., 0, 1], H[..., 1, 0] = k[:, None] + 0.1j, k[:, None] - 0.1j
    berry_curvature_grid(H, 1.0, 1.0, periodic=False)
    berry_curvature_grid(H, 1.0, 1.0, band=1, periodic=True)
