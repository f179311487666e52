"""Independent slow references for tests/test_ahe.py (numpy/scipy only, no dragbook code).

* :func:`sigma_nc_ladder`: the non-crossing Kubo-Streda ladder (docs/theory/anomalous-hall.md §12) for
  H = k_x sigma_y - k_y sigma_x + M sigma_z (hbar = v_F = e = 1) with white-noise disorder alpha; Born
  self-energy with its sigma_z part, ladder rung G^A Gamma G^R (theory §12). Returns sigma_yx in
  e^2/h; sigma(alpha) = sigma(0) - c alpha + O(alpha^2), so Richardson in alpha gives the alpha -> 0 value.
* :func:`kubo_curvature`: Berry curvature of a band of any Hermitian H(k) by the Kubo (sum-over-states)
  formula with numpy.linalg.eigh, derivatives by central differences of H (theory §2).
* :func:`fermi_sea_intrinsic`: the Fermi-sea integral (Burgos Atencia et al. Eq. 72) of the closed-form curvature
  with Fermi functions, by scipy.integrate.quad in k.
* :func:`fermi_sea_grid`: the same Fermi sea summed on a uniform 2D k grid, with the curvature of each band
  from plaquette products of numpy eigenvectors (no closed form), relative to the filled valence band.
* :func:`chern_fhs_numpy`: the FHS recipe of theory §3-4 (numpy eigh, random eigenvector phases).
"""

import numpy as np
from scipy import integrate

s0 = np.eye(2, dtype=complex)
sx = np.array([[0, 1], [1, 0]], complex)
sy = np.array([[0, -1j], [1j, 0]])
sz = np.diag([1.0, -1.0]).astype(complex)
PAULI = np.array([s0, sx, sy, sz])


def sigma_nc_ladder(eps, M, alpha, nth=8, n_gl=96):
    """Non-crossing Kubo-Streda sigma_yx/(e^2/h) at Fermi energy eps in a band (theory §12)."""
    G0 = alpha * abs(eps) / 4
    Gz = alpha * M * np.sign(eps) / 4          # Born: Sigma^R = -i(G0 + Gz sigma_z)
    kF = np.sqrt(eps**2 - M**2)
    edges = sorted({0, max(kF - 60 * G0, 0), max(kF - 6 * G0, 0), kF, kF + 6 * G0, kF + 60 * G0,
                    kF + 2 * abs(eps) + 5, 20 * abs(eps), 400 * abs(eps)})
    x, w = np.polynomial.legendre.leggauss(n_gl)
    k = np.concatenate([0.5 * (b - a) * x + 0.5 * (b + a) for a, b in zip(edges[:-1], edges[1:])])
    wk = np.concatenate([0.5 * (b - a) * w for a, b in zip(edges[:-1], edges[1:])])
    th = 2 * np.pi * np.arange(nth) / nth
    K, T = np.meshgrid(k, th, indexing="ij")
    W = wk[:, None] * K / (2 * np.pi) / nth     # d^2k/(2 pi)^2
    kx, ky = K * np.cos(T), K * np.sin(T)
    A = ((eps + 1j * G0) * s0 - (M - 1j * Gz) * sz)[None, None] - (kx[..., None, None] * sy - ky[..., None, None] * sx)
    GR = np.linalg.inv(A)
    GA = np.conj(np.swapaxes(GR, -1, -2))
    Kab = 0.5 * np.einsum("aij,kljm,bmn,klni,kl->ab", PAULI, GA, PAULI, GR, W, optimize=True)
    vy = np.array([0, -1, 0, 0], complex)      # v_y = -sigma_x ; v_x = sigma_y
    Gy = np.linalg.solve(np.eye(4) - alpha * Kab, vy)
    Gym = np.einsum("a,aij->ij", Gy, PAULI)
    return np.einsum("ij,kljm,mn,klni,kl->", Gym, GR, sy, GA, W, optimize=True).real


def kubo_curvature(hamiltonian, kx, ky, band, h=1e-6):
    """Omega_n = -2 Im sum_{m != n} <n|dH/dkx|m><m|dH/dky|n>/(E_n - E_m)^2 at one k; band = index in eigh."""
    E, V = np.linalg.eigh(hamiltonian(kx, ky))
    dHx = (hamiltonian(kx + h, ky) - hamiltonian(kx - h, ky)) / (2 * h)
    dHy = (hamiltonian(kx, ky + h) - hamiltonian(kx, ky - h)) / (2 * h)
    X = V.conj().T @ dHx @ V
    Y = V.conj().T @ dHy @ V
    n = band
    return -2 * sum((X[n, m] * Y[m, n]).imag / (E[n] - E[m]) ** 2 for m in range(len(E)) if m != n)


def dirac_hamiltonian(M):
    return lambda kx, ky: kx * sy - ky * sx + M * sz


def fermi_sea_intrinsic(mu, M, t):
    """sigma_yx/(e^2/h) = int_0^inf k dk (M/2 lambda^3)[f(-lambda) - f(lambda)] at k_B T = t (t = 0: steps).

    (1/2pi) int d^2k sum_n Omega_n f_n with Omega^-+ = +-M/(2 lambda^3) (hbar = v = 1, Burgos Atencia et al. Eq. 72).
    """
    def occ(E):
        if t == 0:
            return 1.0 if E < mu else (0.5 if E == mu else 0.0)
        return 0.5 * (1 - np.tanh((E - mu) / (2 * t)))

    def integrand(k):
        lam = np.hypot(k, M)
        return k * M / (2 * lam**3) * (occ(-lam) - occ(lam))

    pts = [p for p in (np.sqrt(max(mu**2 - M**2, 0)),) if p > 0]
    kmax = abs(mu) + 60 * t + 10 * abs(M) + 10
    val = integrate.quad(integrand, 0, kmax, points=pts or None, limit=400, epsabs=1e-13, epsrel=1e-12)[0]
    # tail beyond kmax, where both bands are fully (lower) or not (upper) occupied: int k dk M/2 lam^3
    val += M / (2 * np.hypot(kmax, M)) * (occ(-np.hypot(kmax, M)) - occ(np.hypot(kmax, M)))
    return val


def fermi_sea_grid(mu, M, t, L, n):
    """sigma_yx/(e^2/h) = sgn(M)/2 + (1/2 pi) sum_plaquettes [Omega^+ f(eps^+) - Omega^- (1 - f(eps^-))] dk^2.

    The Fermi sea measured from the gap state (filled valence band, flux sgn(M)/2, checked separately by
    quadrature): thermal electrons and holes, which live in |k| < L when L exceeds |mu| + 40 k_B T. k grid
    of n x n points on [-L, L]^2 (hbar = v_F = 1), flux per plaquette -arg(U1 U2 U3 U4) counter-clockwise
    (A = i<u|grad u>, theory §4) from numpy eigenvectors of arbitrary phase; energies at the
    plaquette centres from eigvalsh. Error O(dk^2) (plaquette and midpoint rule); t = k_B T > 0.
    """
    k = np.linspace(-L, L, n)
    dk = k[1] - k[0]
    KX, KY = np.meshgrid(k, k, indexing="ij")
    _, V = np.linalg.eigh(dirac_hamiltonian(M)(KX[..., None, None], KY[..., None, None]))
    KX, KY = np.meshgrid(k[:-1] + dk / 2, k[:-1] + dk / 2, indexing="ij")
    Ec = np.linalg.eigvalsh(dirac_hamiltonian(M)(KX[..., None, None], KY[..., None, None]))
    f = lambda E: 0.5 * (1 - np.tanh((E - mu) / (2 * t)))
    ov = lambda a, b: np.einsum("ijk,ijk->ij", a.conj(), b)
    total = 0.0
    for band, weight in ((0, lambda E: f(E) - 1), (1, f)):
        u = V[..., :, band]
        loop = (ov(u[:-1, :-1], u[1:, :-1]) * ov(u[1:, :-1], u[1:, 1:]) * ov(u[1:, 1:], u[:-1, 1:])
                * ov(u[:-1, 1:], u[:-1, :-1]))
        total += np.sum(-np.angle(loop) * weight(Ec[..., band]))
    return 0.5 * np.sign(M) + total / (2 * np.pi)


def chern_fhs_numpy(u, N=60):
    """FHS (theory §4): lower-band QWZ Chern number, C = (1/2 pi) int Omega with A = i<u|grad u>."""
    k = 2 * np.pi * np.arange(N) / N
    KX, KY = np.meshgrid(k, k, indexing="ij")
    H = (np.sin(KX)[..., None, None] * sx + np.sin(KY)[..., None, None] * sy
         + (u + np.cos(KX) + np.cos(KY))[..., None, None] * sz)
    psi = np.linalg.eigh(H)[1][..., :, 0]
    ov = lambda a, b: np.einsum("ijk,ijk->ij", a.conj(), b)
    U1 = ov(psi, np.roll(psi, -1, 0))
    U2 = ov(psi, np.roll(psi, -1, 1))
    P = U1 * np.roll(U2, -1, 0) * np.conj(np.roll(U1, -1, 1)) * np.conj(U2)
    return -np.angle(P).sum() / (2 * np.pi)
