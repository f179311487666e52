"""Independent slow references for the phonon side-jump tests (docs/theory/phonon-side-jump.md §5, §12).

Written on purpose differently from ``dragbook.phonon``:

* a brute-force Boltzmann solve on a discretised Fermi circle: the conduction-band spinors
  come from ``numpy.linalg.eigh`` of the Hamiltonian (paper Eq. (16)), the overlaps from those spinors, and
  the coordinate shift from the gauge-invariant definition (paper Eq. (3)) by central finite differences
  of the Berry connection and of the phase of the matrix element; the linearised equations (2b) and (11)
  are solved with a pseudo-inverse (zero mode of particle conservation) and the Hall current is Eq. (8)
  summed directly. No relaxation time, no closed form for tau_tr/tau_sj, no delta r formula;
* angular integrals by ``scipy.integrate.quad`` in the scattering angle phi itself (paper (B4)), with the
  Bose weight written as (y/2)^2/sinh^2(y/2) and the energy-resolved weight from the left side of paper (B2)
  in Fermi and Bose functions.

Units of the solver: hbar = v = eF = e = 1, Delta = a. Nothing here is imported from ``dragbook``.
"""

import math

import numpy as np
from scipy import integrate
from scipy.special import expit

SIGMA = (np.array([[0, 1], [1, 0]], complex), np.array([[0, -1j], [1j, 0]]), np.array([[1, 0], [0, -1]], complex))
FD_STEP = 1e-5      # central differences: error ~ 1e-10 relative, round-off ~ 1e-11


def conduction_spinors(kx, ky, a):
    """Upper-band eigenvectors of kx sx + ky sy + a sz, gauge fixed by a real positive first component."""
    kx, ky = np.broadcast_arrays(np.asarray(kx, float), np.asarray(ky, float))
    h = kx[..., None, None] * SIGMA[0] + ky[..., None, None] * SIGMA[1] + a * SIGMA[2]
    _, vecs = np.linalg.eigh(h)
    u = vecs[..., :, 1]
    phase = np.conj(u[..., 0]) / np.abs(u[..., 0])
    return u * phase[..., None]


def berry_connection(kx, ky, a, h=FD_STEP):
    """A = i<u|grad u> = -Im<u|grad u> (real), by central differences: array (..., 2)."""
    u = conduction_spinors(kx, ky, a)
    out = []
    for dx, dy in ((h, 0.0), (0.0, h)):
        du = (conduction_spinors(kx + dx, ky + dy, a) - conduction_spinors(kx - dx, ky - dy, a)) / (2 * h)
        out.append(-np.imag(np.sum(np.conj(u) * du, axis=-1)))
    return np.stack(out, axis=-1)


def coordinate_shift(k, kp, a, h=FD_STEP):
    """delta r_{k'k} of paper Eq. (3) for k -> k': A_k' - A_k - (d_k + d_k') arg<u_k'|u_k> (rows of k, kp).

    The plane-wave part of V depends on k' - k only, so its phase drops out of (d_k + d_k').
    """
    k, kp = np.atleast_2d(k), np.atleast_2d(kp)
    A, Ap = berry_connection(k[:, 0], k[:, 1], a, h), berry_connection(kp[:, 0], kp[:, 1], a, h)
    grad = []
    for shift in (np.array([h, 0.0]), np.array([0.0, h])):
        def ov(s):
            u = conduction_spinors((k + s)[:, 0], (k + s)[:, 1], a)
            up = conduction_spinors((kp + s)[:, 0], (kp + s)[:, 1], a)
            return np.sum(np.conj(up) * u, axis=-1)
        grad.append(np.angle(ov(shift) / ov(-shift)) / (2 * h))
    return Ap - A - np.stack(grad, axis=-1)


def bose_weight(y):
    """(y/2)^2/sinh^2(y/2), 1 at y = 0: the weight of paper (B5)."""
    y = np.asarray(y, float)
    with np.errstate(over="ignore"):
        s = np.sinh(0.5 * y)
        return np.where(y < 1e-8, 1.0, (0.5 * y) ** 2 / np.where(y < 1e-8, 1.0, s) ** 2)


def fermi(x):
    """1/(e^x + 1), relative accuracy kept in both tails (expit)."""
    return expit(-np.asarray(x, float))


def bose(y):
    return 1.0 / np.expm1(y)


def resolved_weight(x, y):
    """(y/2) times the left side of paper (B2) at energy x = (eps - mu)/k_BT: the Pauli-weighted rate."""
    n = bose(y)
    left = (fermi(-x - y) * n + fermi(-x + y) * (n + 1)) / fermi(-x)      # 1 - f(x) = f(-x), no cancellation
    return 0.5 * y * left


class FermiCircle:
    """Discretised Fermi circle of the massive Dirac model at a = Delta/eF, N points."""

    def __init__(self, a, n_phi=360):
        self.a, self.n = a, n_phi
        self.phi = 2 * np.pi * np.arange(n_phi) / n_phi
        self.dphi = 2 * np.pi / n_phi
        self.kF = math.sqrt(1 - a * a)
        self.vF = self.kF                              # v^2 k_F/eF with v = eF = 1
        self.k = self.kF * np.stack([np.cos(self.phi), np.sin(self.phi)], axis=-1)
        u = conduction_spinors(self.k[:, 0], self.k[:, 1], a)
        self.overlap = np.abs(np.conj(u) @ u.T) ** 2           # [j, i] = |<u_j|u_i>|^2
        i, j = np.meshgrid(np.arange(n_phi), np.arange(n_phi))  # [j, i]
        shift = coordinate_shift(self.k[i.ravel()], self.k[j.ravel()], a)
        self.shift = shift.reshape(n_phi, n_phi, 2)             # [j, i] = delta r for i -> j
        self.angle = self.phi[j] - self.phi[i]                  # scattering angle of i -> j
        self.dos = self.kF / ((2 * np.pi) ** 2 * self.vF)       # sum_k (-df/de) X -> dos sum_i X_i dphi

    def phonon_weight(self, t):
        """W/(lambda^2 k_B T) = G(sin(|phi|/2)/t) for every pair (paper (B5))."""
        return bose_weight(np.abs(np.sin(0.5 * self.angle)) / t)

    def delta_weight(self):
        return np.ones_like(self.angle)

    def gaussian_weight(self, kF_xi):
        return np.exp(-kF_xi**2 * (1 - np.cos(self.angle)))

    def unblocked_phonon_weight(self, t):
        """Absorption N plus emission N + 1, times y/2, with no Pauli factor: the static-impurity Eqs. (4), (7)
        applied to phonons. (2 N + 1) y/2 with N the Bose function, y = sin(|phi|/2)/t."""
        y = np.maximum(np.abs(np.sin(0.5 * self.angle)) / t, 1e-12)
        return 0.5 * y * (2 * bose(y) + 1)

    def solve(self, weight, weight_sj=None):
        """Hall conductivity (e^2/h, both halves) and sigma_xx (arbitrary units) for a pair weight W[j, i].

        Rate i -> j: (2 pi/hbar) dos |<u_j|u_i>|^2 W dphi, diagonal removed. Eq. (2b) for g^n with E = x,
        Eq. (12) for v^sj, Eq. (11) for g^a, Eq. (8) for the current. ``weight_sj`` (default: ``weight``) is the
        weight used in (11) and (12) only: the unblocked one gives the theory without the Pauli factor there.
        """
        def rates(w):
            r = 2 * np.pi * self.dos * w * self.dphi * self.overlap
            np.fill_diagonal(r, 0.0)
            return r

        def inverse(r):
            return np.linalg.pinv(np.diag(r.sum(axis=0)) - r.T)   # (L g)_i = sum_j r[j, i] (g_i - g_j)

        rate = rates(weight)
        rate_sj = rate if weight_sj is None else rates(weight_sj)
        v0 = self.vF * np.stack([np.cos(self.phi), np.sin(self.phi)], axis=-1)
        gn = inverse(rate) @ v0[:, 0]                           # (2b)
        # (12): v^sj_i = sum_j P w_{ji} delta r_{ji}
        vsj = np.einsum("ji,jic->ic", rate_sj, self.shift)
        ga = -inverse(rate_sj) @ vsj[:, 0]                      # (11)
        fs = self.dos * self.dphi
        j1 = fs * np.sum(gn * vsj[:, 1])                        # (8), side-jump velocity term
        j2 = fs * np.sum(ga * v0[:, 1])                         # (8), anomalous distribution term
        sxx = fs * np.sum(gn * v0[:, 0])
        return 2 * np.pi * j1, 2 * np.pi * j2, sxx              # e^2/hbar -> e^2/h


def quad_integrals(t, a):
    """(I_sj, I_tr) of docs/theory/phonon-side-jump.md §5 as integrals over phi in [0, 2 pi] (paper (B4)), adaptive quad."""
    def w(phi):
        return bose_weight(abs(math.sin(phi / 2)) / t) * (1 - math.cos(phi))

    def ov(phi):
        return 1 - (1 - a * a) * math.sin(phi / 2) ** 2

    pts = [min(2 * t, 1.0)] if t < 0.5 else None
    opts = dict(epsabs=0, epsrel=1e-13, limit=400)
    # symmetric about pi: twice the half range, with a breakpoint at the thermal width
    i_sj = 2 * integrate.quad(w, 0, math.pi, points=pts, **opts)[0]
    i_tr = 2 * integrate.quad(lambda p: ov(p) * w(p), 0, math.pi, points=pts, **opts)[0]
    return i_sj, i_tr


def energy_resolved_ratio(t, a):
    """R_ER = int dx f(1-f) I_sj(x)/I_tr(x), weight y B2(x, y)/2 from paper (B2) as printed (theory page §4)."""
    def integrals(x):
        def w(phi):
            y = max(math.sin(phi / 2) / t, 1e-12)
            return resolved_weight(x, y) * (1 - math.cos(phi))

        def ov(phi):
            return 1 - (1 - a * a) * math.sin(phi / 2) ** 2
        opts = dict(epsabs=0, epsrel=1e-11, limit=400, points=[min(2 * t * (1 + abs(x) / 10), 1.0)])
        return (integrate.quad(w, 0, math.pi, **opts)[0],
                integrate.quad(lambda p: ov(p) * w(p), 0, math.pi, **opts)[0])

    def integrand(x):
        s, r = integrals(x)
        return fermi(x) * (1 - fermi(x)) * s / r

    return 2 * integrate.quad(integrand, 0, 36, epsabs=0, epsrel=1e-9, limit=200)[0]
