"""Exercises of notebook 03 (anomalous Hall effect): Chern numbers from cones, the size of the Weyl Hall
conductivity, how the Fermi level moves it, the high-density limit of the disorder terms and the scaling plot.

Every expected answer is computed by :mod:`dragbook.ahe` when asked; Hall conductivities are in the notebook's
convention sigma_xy = j_x/E_y = -sigma_yx (the module returns sigma_yx)."""

import math

from ... import ahe, units
from ._core import Choice, Exercise, Mistake, Number

_U = 0.7                       # QWZ mass of 03.qwz-cones
_K0 = 0.1 / units.angstrom     # node half separation of 03.weyl-size, 1/m
_VF = 3e5                      # m/s (drops out)
_EF_M, _G = 3.0, 0.1           # scaling plot of 03.scaling-crossing


def _sgn(x):
    return (x > 0) - (x < 0)


def _qwz_cones():
    """(C at u = 0.7, the X and Y cones' part of it)."""
    C = ahe.qwz_chern_number(_U)
    gamma_and_m = (_sgn(_U + 2) + _sgn(_U - 2)) / 2
    return float(C), C - gamma_and_m


def _weyl_size():
    """|sigma_xy| in S/cm of the continuum model with Delta = 0 and b = hbar v_F k0."""
    b = units.hbar * _VF * _K0
    return abs(ahe.weyl_continuum_hall(0.0, b, 0.0, _VF)) / 100


def _weyl_moves():
    """Does the intrinsic |sigma_xy| at mu = 0.45 b stay on ('a'), fall below ('b') or rise above ('c') its
    mu = 0 plateau, for Delta = 0 and for Delta = b/2?"""
    b = 100 * units.meV

    def label(D):
        r = abs(ahe.weyl_continuum_hall(0.45 * b, b, D, _VF)) / abs(ahe.weyl_continuum_hall(0.0, b, D, _VF))
        return "a" if abs(r - 1) < 1e-6 else ("b" if r < 1 else "c")

    return label(0.0), label(0.5 * b)


def _high_density_ratio():
    """sigma_total / sigma_intrinsic (Gaussian, non-crossing) as a = M/eF -> 0 (a = 1e-6)."""
    h = ahe.massive_dirac_hall(1e6, 1.0)
    return h.total / h.intrinsic


def _crossing(eF_M=_EF_M, g=_G):
    """sigma_xx where |third-order skew| = |Gaussian total| at eF = eF_M |M| and g (alpha drops out)."""
    c = ahe.hall_conductivities(eF_M, 1.0, 1.0, g)       # at alpha = 1; sk3 and sigma_xx scale as 1/alpha
    alpha_star = abs(c.skew_third_order) / abs(c.total_nc)
    return c.sigma_xx / alpha_star


_WEYL_OPTIONS = {"a": "stays on the plateau", "b": "falls below the plateau", "c": "rises above the plateau"}

EXERCISES = (
    Exercise(
        id="03.qwz-cones",
        kind="derive",
        title="Count the cones",
        question=("Derive the Chern number C of the lower QWZ band at u = 0.7 as a sum of four half-integers, one "
                  "per Dirac cone (Gamma, X, Y, (pi, pi)), and give (C, the part of C from the X and Y cones "
                  "together)."),
        answer=_qwz_cones,
        form=(Number(rel=0, abs=0.01), Number(rel=0, abs=0.01)),
        why=("C = [sgn(u+2) - sgn(u) - sgn(u) + sgn(u-2)]/2 = [1 - 1 - 1 - 1]/2 = -1: the Gamma and (pi, pi) "
             "cones cancel "
             "(+1/2 and -1/2), X and Y add -1/2 each because their winding is opposite. At a transition only "
             "the cones whose mass changes sign change C: at u = 0 both X and Y do, so C jumps by 2, from +1 "
             "to -1."),
        hints=("Each cone contributes (winding) x sgn(mass)/2. Gamma and (pi, pi) have winding +1, X and Y "
               "winding -1.",
               "Masses at u = 0.7: Gamma u + 2 = 2.7, X and Y u = 0.7, (pi, pi) u - 2 = -1.3."),
        solution=("Near Gamma = (0,0): H = k_x s_x + k_y s_y + (u + 2) s_z, a Dirac cone of winding +1 and mass "
                  "u + 2; it contributes +sgn(u+2)/2. Near X = (pi,0): sin k_x = -q_x, so the winding is -1 and the "
                  "mass is u; contribution -sgn(u)/2, the same for Y. Near (pi,pi) the winding is +1 and the mass "
                  "u - 2: +sgn(u-2)/2. At u = 0.7: C = 1/2 - 1/2 - 1/2 - 1/2 = -1, of which X and Y give -1. The "
                  "explorer's phase diagram confirms C = -1 for 0 < u < 2 (and sigma_xy = -C e^2/h = +e^2/h)."),
        mistakes=(
            Mistake("same winding at X and Y", lambda: (1.0, 1.0),
                    "You gave X and Y the winding of Gamma. Expand sin k_x near k_x = pi: it is -q_x, so the "
                    "winding of the X and Y cones is opposite."),
            Mistake("X and Y as one cone", lambda: (-0.5, -0.5),
                    "X = (pi, 0) and Y = (0, pi) are two different cones: each contributes -sgn(u)/2."),
            Mistake("only the cone that closes at u = 0", lambda: (-1.0, -0.5),
                    "Both X and Y close at u = 0 and both contribute -sgn(u)/2."),
        ),
        minutes=8,
    ),
    Exercise(
        id="03.weyl-size",
        kind="compute",
        title="How big is the Hall conductivity of a Weyl semimetal?",
        question=("A Weyl semimetal has its nodes at +-k0 with k0 = 0.1 per angstrom. Compute |sigma_xy| = "
                  "e^2 k0/(2 pi^2 hbar) in S/cm."),
        answer=_weyl_size,
        form=Number(rel=0.01),
        why=("e^2 k0/(2 pi^2 hbar) = 2.434e-4 S x 1e9 /m / 19.74 = 1.233e4 S/m = 123 S/cm: independent of v_F, "
             "and (for linear cones) of the Fermi level. Measured Weyl ferromagnets show hundreds to ~1000 S/cm."),
        hints=("e^2/hbar = 2.434e-4 S, k0 = 1e9 per metre; the result is in S/m; 1 S/cm = 100 S/m.",),
        solution=("sigma = e^2 k0/(2 pi^2 hbar) = (e^2/h)(2 k0)/(2 pi): the 2D quantum e^2/h for each of the "
                  "2 k0 L_z/(2 pi) slices between the nodes, per length L_z. With e^2/hbar = 2.434e-4 S and "
                  "k0 = 0.1 per angstrom = 1e9 per metre: sigma = 2.434e-4 x 1e9/(2 pi^2) S/m = 1.233e4 S/m = "
                  "123.3 S/cm."),
        mistakes=(
            Mistake("h instead of hbar", lambda: _weyl_size() / (2 * math.pi),
                    "Off by 2 pi: the formula has hbar, not h (e^2/hbar = 2.434e-4 S)."),
            Mistake("S/m", lambda: _weyl_size() * 100, "That is S/m: divide by 100 for S/cm."),
            Mistake("node separation for k0", lambda: _weyl_size() * 2,
                    "Twice too large: k0 is half the node separation (nodes at +-k0)."),
        ),
        minutes=5,
    ),
    Exercise(
        id="03.weyl-fermi-level",
        kind="predict",
        title="Does the Weyl plateau survive a Fermi level away from the nodes?",
        question=("Before you move mu: in the continuum model, what does the intrinsic |sigma_xy| do at mu = 0.45 b, "
                  "compared with its value at mu = 0 (the plateau e^2 k0/2 pi^2 hbar): (a) stay on the plateau, "
                  "(b) fall below it, (c) rise above it? First for Delta = 0, then for Delta = 0.5 b. Answer with "
                  "two letters, then check with the right panel."),
        answer=_weyl_moves,
        form=(Choice(_WEYL_OPTIONS), Choice(_WEYL_OPTIONS)),
        why=("Filling moves each slice's contribution -(e^2/2h) m/max(|m|, |mu|) towards zero: slices between "
             "the nodes (both masses positive) lose |sigma_xy|, slices just outside (m_- < 0 < m_+) gain, each by "
             "the same function of |m_-|. How many slices there are per unit of mass decides. For Delta = 0, "
             "m_-(k_z) = b - hbar v_F |k_z| is linear: as many slices inside as outside, the plateau is exact at "
             "every mu (the Weyl Hall conductivity is set by the node separation, not by the Fermi surface). For "
             "Delta = b/2, m_- is concave: it changes more slowly just inside a node than just outside, so more "
             "inside slices are partly filled and |sigma_xy| falls (to 0.979 of the plateau at 0.45 b)."),
        hints=("A slice of mass m contributes -(e^2/2h) m/max(|m|, |mu|): filling moves it towards zero. Between "
               "the nodes both masses are positive; outside, m_- < 0 < m_+. Which slices lose |sigma_xy|, which "
               "gain?",
               "Count the partly filled slices (|m_-| < mu) just inside and just outside a node: per unit of mass "
               "there are dk_z/|dm_-/dk_z| of them. Is m_-(k_z) = b - sqrt(hbar^2 v_F^2 k_z^2 + Delta^2) straight or "
               "curved near the node, and which way?"),
        solution=("At mu = 0 the slices between the nodes carry -(e^2/2h)(1 + 1) each and those outside cancel "
                  "(m_- < 0 < m_+). At mu = 0.45 b only m_- slices with |m_-| < mu change (m_+ >= b + Delta > mu): "
                  "an inside slice of mass m loses (e^2/2h)(1 - m/mu), an outside slice of mass -m gains the same. "
                  "Near a node at k0, m_-(k0 + t) = m' t + m'' t^2/2 with m' < 0. For Delta = 0, m'' = 0: the "
                  "partly filled slices inside and outside pair up and cancel, the plateau stays (a); this holds "
                  "for every mu. For Delta = b/2, m'' < 0 (concave): inside, |m_-| grows more slowly with the "
                  "distance from the node, so there are more partly filled slices inside than outside and "
                  "|sigma_xy| falls (b): 0.979 of the plateau. (Further out, beyond b + Delta, the curve rises "
                  "above the plateau.) The right panel shows both; it is the intrinsic part, the disorder "
                  "correction is known to vanish only for mu close to the nodes."),
        mistakes=(
            Mistake("filling erodes it, as for one 2D cone", lambda: ("b", "b"),
                    "For one 2D cone filling does reduce |sigma_xy| (section 2). Here slices outside the nodes "
                    "gain what the slices inside lose: compare how many of each there are for Delta = 0."),
            Mistake("the Delta = 0 answer for every Delta", lambda: ("a", "a"),
                    "The cancellation needs as many partly filled slices inside the nodes as outside. For "
                    "Delta != 0, is m_-(k_z) still a straight line near the node?"),
            Mistake("curvature the wrong way round", lambda: ("a", "c"),
                    "m_-(k_z) = b - sqrt(hbar^2 v_F^2 k_z^2 + Delta^2) is concave: its slope is smaller just inside "
                    "a node than just outside. Where are more slices partly filled, and do those lose or gain?"),
        ),
        minutes=6,
    ),
    Exercise(
        id="03.high-density",
        kind="derive",
        title="How much of the Gaussian Hall effect is intrinsic, far from the band edge?",
        question=("From the table of section 5 (non-crossing approximation), derive the ratio sigma_total / "
                  "sigma_intrinsic of the four Gaussian terms in the limit |eF| >> |M| (a -> 0)."),
        answer=_high_density_ratio,
        form=Number(rel=0.01),
        why=("x -> 1, so the terms are a/2, a, a and (3/2) a: total 4a, eight times the intrinsic a/2. The "
             "disorder terms dominate far from the band edge in this approximation; crossed diagrams (Ado et al. "
             "2015) change exactly this limit."),
        hints=("As a -> 0, x = (1 - a^2)/(1 + 3a^2) -> 1.",
               "Add a/2 + a x + a x + (3/2) a x^2 at x = 1 and divide by a/2."),
        solution=("With x -> 1: intrinsic a/2, extrinsic velocity a, anomalous distribution a, Gaussian skew "
                  "(3/2) a, in the ratio 1 : 2 : 2 : 3. Total 4a; the ratio to a/2 is 8. The closed total "
                  "4a(1 + a^2)/(1 + 3a^2)^2 -> 4a agrees."),
        mistakes=(
            Mistake("one side-jump term", lambda: 6.0,
                    "You kept one of the two side-jump terms: the extrinsic velocity and the anomalous "
                    "distribution each give a x."),
            Mistake("divided by a", lambda: 4.0, "The intrinsic part is a/2, not a."),
            Mistake("skew without 3/2", lambda: 7.0, "The Gaussian skew term is (3/2) a x^2."),
        ),
        minutes=6,
    ),
    Exercise(
        id="03.scaling-crossing",
        kind="read-plot",
        title="Where does third-order skew take over?",
        question=("In the scaling plot, set eF/|M| = 3, g = 0.1, T = 0. Read off the sigma_xx (in e^2/h) at which "
                  "the dotted third-order-skew line crosses the dashed Gaussian line."),
        answer=_crossing,
        form=Number(rel=0.15),
        why=("At the crossing (g/alpha) x^2 = 4a(1+a^2)/(1+3a^2)^2 with a = 1/3, x = 2/3: alpha = 0.053, and "
             "sigma_xx = 2x/alpha = 25 e^2/h. Cleaner samples (larger sigma_xx) are dominated by skew scattering, "
             "dirtier ones by the disorder-independent terms."),
        hints=("Move the eF/|M| slider to 3 and g to 0.1; hover over the plot where the two lines meet.",
               "On a log axis, read the crossing between two labelled ticks and interpolate in the logarithm."),
        solution=("The third-order term is (g/alpha) x^2 and sigma_xx = 2x/alpha, so on the plot it is the line "
                  "(g x/2) sigma_xx. It meets the flat Gaussian total 4a(1+a^2)/(1+3a^2)^2 = 5/6 (a = 1/3) at "
                  "sigma_xx = 2 (5/6)/(g x) = 25 e^2/h (alpha = 0.053)."),
        mistakes=(
            Mistake("sigma_xx = x/alpha", lambda: _crossing() / 2,
                    "Half the value: sigma_xx = 2x/alpha in units of e^2/h."),
            Mistake("alpha instead of sigma_xx", lambda: ahe.sigma_xx(_EF_M, 1.0, 1.0) / _crossing(),   # 2x/sigma_xx
                    "That is the disorder alpha at the crossing; the axis is sigma_xx = 2x/alpha."),
            Mistake("g left at its default", lambda: _crossing(g=0.05),
                    "Twice too large: that is the crossing for g = 0.05, the slider's default. Set g = 0.1."),
            Mistake("eF/|M| left at its default", lambda: _crossing(eF_M=2.0),
                    "That is the crossing at eF/|M| = 2, the slider's default. Set eF/|M| = 3."),
        ),
        minutes=8,
    ),
)
