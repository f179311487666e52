"""Independent references for the density response of a massive Dirac cone (tests/test_dynamic_rpa.py).

Written from the Lindhard sum and the literature, not from dragbook.dynamic_rpa (which integrates the
Fermi-circle response over energy):

* :func:`im_chi_k_space`: the k-space Lindhard form of Im chi (intraband c -> c and interband v -> c, valence
  band full, holes neglected), the angular delta function resolved at its two roots, the radial integral by
  scipy.integrate.quad on the kinematic k intervals (found by sampling and brentq) with k = k1 + (k2 - k1)
  (1 - cos phi)/2, which removes the 1/sin(theta_0) edges.
* :func:`undoped_im_chi`: the T = 0 interband absorption of the undoped cone, closed form.
* :func:`graphene_chi`: the complex T = 0 response of doped graphene (M = 0), Hwang & Das Sarma, PRB 75,
  205418 (2007), Eqs. (13)-(14) (equivalently Wunsch et al., New J. Phys. 8, 318 (2006)), by regions.
* :func:`static_pi`, :func:`undoped_static_pi`: docs/theory/coulomb-drag.md §4 as printed.

SI units throughout: A = hbar v in J m, M and mu in J, q in 1/m, W = hbar omega in J; chi in 1/(J m^2).
"""

import math

import numpy as np
from scipy import constants, integrate, optimize
from scipy.special import expit


def _fermi(e, mu, kT):
    return float(e < mu) if kT == 0 else float(expit(-(e - mu) / kT))


def _k_intervals(cos0, k_max, n=4000):
    """Sub-intervals of (0, k_max) where |cos theta_0(k)| < 1, ends refined by brentq."""
    ks = np.linspace(k_max * 1e-9, k_max, n)
    g = np.array([1 - cos0(k) ** 2 for k in ks])
    ends = []
    inside = g[0] > 0
    start = ks[0] if inside else None
    for i in range(1, n):
        if (g[i] > 0) != (g[i - 1] > 0):
            root = optimize.brentq(lambda k: 1 - cos0(k) ** 2, ks[i - 1], ks[i], xtol=1e-15 * k_max, rtol=1e-15)
            if g[i] > 0:
                start = root
            else:
                ends.append((start, root))
    if g[-1] > 0:
        ends.append((start, ks[-1]))
    return ends


def im_chi_k_space(A, M, g, mu, T, q, W):
    r"""Im chi(q, W > 0): -pi g sum_{s s'} int d^2k/(2pi)^2 F_{ss'} (n_s(k) - n_{s'}(k+q)) delta(W + E_s - E_s'),
    F_{+-+} = (1 +- (A^2 k.(k+q) + M^2)/(E E'))/2; per k the theta integral of the delta is
    2 E'/(A^2 k q sin theta_0)."""
    kT = constants.k * T
    e_of = lambda k: math.hypot(A * k, M)
    e_max = max(mu + 60 * kT, W)
    k_max = math.sqrt(max(e_max**2 - M**2, 0.0)) / A * 1.001
    total = 0.0
    for inter in (False, True):
        def target(k):                                   # E' of the final state
            return W - e_of(k) if inter else e_of(k) + W

        def cos0(k):
            et = target(k)
            if et < abs(M):
                return 2.0                               # no final state
            return ((et**2 - M**2) / A**2 - k * k - q * q) / (2 * k * q)

        def integrand(k):
            e, et = e_of(k), target(k)
            c = cos0(k)
            sin0 = math.sqrt(max(1 - c * c, 0.0))
            overlap = (A**2 * (k * k + k * q * c) + M**2) / (e * et)
            if inter:
                return 0.5 * (1 - overlap) * (1 - _fermi(et, mu, kT)) * et / sin0
            return 0.5 * (1 + overlap) * (_fermi(e, mu, kT) - _fermi(et, mu, kT)) * et / sin0

        for k1, k2 in _k_intervals(cos0, k_max):
            phi_of = lambda k: math.acos(min(1.0, max(-1.0, 1 - 2 * (k - k1) / (k2 - k1))))
            # Fermi steps (T = 0) as break points: E = mu, E + W = mu (intraband), W - E = mu (interband)
            energies = [W - mu] if inter else [mu, mu - W]
            breaks = sorted({0.0, math.pi} | {phi_of(math.sqrt(max(e * e - M * M, 0)) / A) for e in energies
                                               if e > abs(M) and k1 < math.sqrt(e * e - M * M) / A < k2})
            f = lambda phi: (integrand(k1 + 0.5 * (k2 - k1) * (1 - math.cos(phi)))
                             * 0.5 * (k2 - k1) * math.sin(phi))
            for a, b in zip(breaks[:-1], breaks[1:]):
                total += integrate.quad(f, a, b, epsabs=0, epsrel=1e-11, limit=200)[0]
    return -g / (2 * math.pi * A**2 * q) * total


def undoped_im_chi(A, M, g, q, W):
    """T = 0 interband Im chi of g undoped cones: -g Q^2 (W^2 - Q^2 + 4M^2)/(16 A^2 (W^2 - Q^2)^{3/2}) above
    the threshold W^2 = Q^2 + 4M^2, else 0 (Fermi golden rule with F_{-+}; M = 0: Wunsch et al.)."""
    Q = A * q
    s2 = W * W - Q * Q
    if s2 <= 4 * M * M:
        return 0.0
    return -g * Q * Q * (s2 + 4 * M * M) / (16 * A**2 * s2**1.5)


def graphene_chi(A, g, mu, q, W):
    """Complex T = 0 chi of doped graphene (M = 0), Hwang & Das Sarma PRB 75, 205418 Eqs. (13)-(14), by regions
    of (W, Q = Aq) against 2 mu: F(x) = x sqrt(x^2 - 1) - arccosh x, C(x) = x sqrt(1 - x^2) - arccos x."""
    F = lambda x: x * math.sqrt(x * x - 1) - math.acosh(x)
    C = lambda x: x * math.sqrt(1 - x * x) - math.acos(x)
    Q = A * q
    base = -mu / (2 * math.pi)
    if W > Q:
        b = Q * Q / (16 * math.pi * math.sqrt(W * W - Q * Q))
        if W + Q <= 2 * mu:
            val = base + b * (F((2 * mu + W) / Q) - F((2 * mu - W) / Q))
        elif W - Q <= 2 * mu:
            val = base + b * (F((2 * mu + W) / Q) + 1j * C((2 * mu - W) / Q))
        else:
            val = base + b * (F((2 * mu + W) / Q) - F((W - 2 * mu) / Q) - 1j * math.pi)
    else:
        b = Q * Q / (16 * math.pi * math.sqrt(Q * Q - W * W))
        if W + Q <= 2 * mu:
            val = base + 1j * b * (F((2 * mu - W) / Q) - F((2 * mu + W) / Q))
        elif Q - 2 * mu <= W:
            val = base + b * (C((2 * mu - W) / Q) - 1j * F((2 * mu + W) / Q))
        else:
            val = base + b * (C((2 * mu + W) / Q) + C((2 * mu - W) / Q))
    return g * val / A**2


def static_pi(A, M, g, mu, q):
    """docs/theory/coulomb-drag.md §4: Pi(q, 0) at T = 0, intra + interband, valence band full."""
    Q, KF = A * q, math.sqrt(mu * mu - M * M)
    if Q <= 2 * KF:
        return g * mu / (2 * math.pi * A**2)
    return g / (2 * math.pi * A**2) * (mu - mu / (2 * Q) * math.sqrt(Q * Q - 4 * KF * KF)
                                       + (Q * Q - 4 * M * M) / (4 * Q) * math.acos(2 * mu / math.hypot(Q, 2 * M)))


def undoped_static_pi(A, M, g, q):
    """docs/theory/coulomb-drag.md §4: Pi_0 = (1/4 pi)[M + ((q^2 - 4M^2)/2q) arctan(q/2M)] (A = 1), mu in the gap."""
    Q = A * q
    return g / (4 * math.pi * A**2) * (M + (Q * Q - 4 * M * M) / (2 * Q) * math.atan(Q / (2 * M)))
