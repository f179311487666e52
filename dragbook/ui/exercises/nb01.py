"""Exercises of notebook 01 (Coulomb drag, anomalous Hall drag). Formulas: docs/theory/coulomb-drag.md."""

import math

from scipy.optimize import minimize_scalar

from ... import drag, units
from ..drag import make_bilayer
from ._core import Choice, Exercise, Mistake, Number

_TAU = 0.1 * units.ps            # the paper's transport time


def _exponent():
    """d ln rho_D / d ln T between 25 and 50 K at d = 40 nm, the paper's layers."""
    rho_25, rho_50 = drag.rho_drag(make_bilayer(d_nm=40.0), [25.0, 50.0])
    return math.log(rho_50 / rho_25) / math.log(2.0)


_DISTANCE = {"a": "about 16, the textbook d^-4 law", "b": "between 4 and 8",
             "c": "between 1.5 and 4", "d": "less than 1.5"}


def _distance_choice():
    """Which option holds rho_D(20 nm)/rho_D(40 nm) at 5 K and the paper's parameters."""
    ratio = drag.rho_drag(make_bilayer(d_nm=20.0), 5.0) / drag.rho_drag(make_bilayer(d_nm=40.0), 5.0)
    return "a" if ratio > 12 else "b" if ratio >= 4 else "c" if ratio >= 1.5 else "d"


def _hall_ratio():
    """-rho_yx/rho_xx = hbar M_p/(2 tau_p mu_p^2) at the paper's parameters (theory page §7, Eq. (7.2))."""
    return units.hbar * 10.0 * units.meV / (2 * _TAU * make_bilayer().passive.mu ** 2)


def _strong_screening_peak():
    """M_p of the largest -rho_yx, in units of A k_F, computed in strong screening (eps_r = 1, d = 300 nm)."""
    hall = lambda M_p: drag.rho_hall_drag(make_bilayer(eps_r=1.0, d_nm=300.0, M_p_meV=M_p), 0.5, _TAU)
    peak = minimize_scalar(hall, bounds=(20.0, 600.0), method="bounded", options={"xatol": 0.3}).x
    passive = make_bilayer().passive
    return peak * units.meV / (4.1 * units.eV_angstrom * passive.k_F)


_MASS = {"a": "-rho_yx and the ratio -rho_yx/rho_xx both stay the same",
         "b": "-rho_yx grows by tens of percent; the ratio stays the same (within 1 %)",
         "c": "-rho_yx and the ratio both grow by tens of percent",
         "d": "-rho_yx falls"}


def _active_mass_choice():
    """What M_a = 10 -> 100 meV does to -rho_yx and to the Hall ratio (d = 10 nm, 5 K)."""
    (xx_10, yx_10), (xx_100, yx_100) = (drag.drag_resistivities(make_bilayer(M_a_meV=M), 5.0, _TAU)
                                        for M in (10.0, 100.0))
    change, ratio_change = yx_100 / yx_10, (yx_100 / xx_100) / (yx_10 / xx_10)
    if change < 1:
        return "d"
    if change < 1.05:
        return "a"
    return "b" if abs(ratio_change - 1) < 0.01 else "c"


EXERCISES = (
    Exercise(
        id="01.t-exponent",
        kind="read-plot",
        title="When the T^2 law ends",
        question=("In the drag-versus-temperature explorer, set d = 40 nm (other sliders at the paper's values), "
                  "read rho_D at T = 25 K and at T = 50 K, and give the exponent p of rho_D ~ T^p between them."),
        answer=_exponent,
        form=Number(rel=0.05),
        why=("p is well below 2: at d = 40 nm, hbar v_F/(k_B d) = 119 K, and at 25-50 K k_BT is no longer small "
             "against it. An energy transfer hbar omega ~ k_BT needs a momentum transfer q >~ omega/v_F = "
             "k_BT/(hbar v_F) (particle-hole pairs exist only for omega < v_F q); once that approaches 1/d, the "
             "factor e^{-2qd} cuts these transfers off, and the drag grows more slowly than T^2."),
        hints=("p = ln(rho(50 K)/rho(25 K)) / ln 2. Hover over the solid curve for the two values.",
               "Compare k_BT with hbar v_F/d = 119 K at d = 40 nm: is the Fermi-liquid condition still met?"),
        solution=("Reading the explorer at d = 40 nm gives rho_D(50 K)/rho_D(25 K) of about 2.7, so "
                  "p = ln 2.7 / ln 2 = 1.44. The T^2 law needs k_BT << hbar v_F/d (119 K here); at 25-50 K "
                  "thermal energy transfers need q >~ k_BT/(hbar v_F), which is no longer small against 1/d; "
                  "the screened interaction e^{-2qd} cuts them off, and the exponent falls toward 1. The right "
                  "panel shows the local exponent directly."),
        mistakes=(
            Mistake("Fermi-liquid 2", lambda: 2.0,
                    "2 is the low-temperature law. Does it still hold when k_BT is a quarter of hbar v_F/d?"),
            Mistake("the ratio, not the exponent", lambda: math.exp(_exponent() * math.log(2.0)),
                    "That is the ratio rho(50 K)/rho(25 K): the exponent is its logarithm divided by ln 2."),
            Mistake("no division by ln 2", lambda: _exponent() * math.log(2.0),
                    "You took ln of the ratio: divide by ln(50/25) = ln 2 to get the exponent."),
        ),
        minutes=8,
    ),
    Exercise(
        id="01.distance-ratio",
        kind="predict",
        title="Doubling the distance",
        question=("Before you move a slider: at T = 5 K and the paper's parameters (q_TF d = 1.25 at 20 nm, "
                  "2.5 at 40 nm), by what factor does rho_D drop when d goes from 20 nm to 40 nm? "
                  + "; ".join(f"({k}) {v}" for k, v in _DISTANCE.items())
                  + ". Answer with the letter, then check it with the explorer."),
        answer=_distance_choice,
        form=Choice(_DISTANCE),
        why=("The factor is 5.7: the local d-exponent is about -2.5, not -4. With q_TF d of order 1 the "
             "interaction is not yet screened to short range on the scale d, so the drag falls off more slowly "
             "than the strong-screening d^-4 law, which would give 16."),
        hints=("The d^-4 law needs q_TF d >> 1. Is that so here?",
               "Between the weak-screening (logarithmic) and strong-screening (d^-4) limits the local exponent "
               "lies between about -2 and -3. What factor does 2^2 to 2^3 give?"),
        solution=("The strong-screening law rho ~ d^-4 (docs/theory/coulomb-drag.md Eq. (6.2)) assumes q_TF d >> 1; here "
                  "q_TF d = 1.25-2.5, between weak screening (only a logarithmic d dependence) and strong "
                  "screening. The local exponent is about -2.5, so the factor is about 2^2.5 = 5.7: option (b)."),
        mistakes=(
            Mistake("textbook d^-4", lambda: "a",
                    "16 is the strong-screening d^-4 law; it needs q_TF d >> 1, and here q_TF d is 1.25-2.5."),
            Mistake("weak-screening logarithm", lambda: "c",
                    "Too small: that would need q_TF d << 1 (a logarithmic d dependence). Here q_TF d > 1."),
            Mistake("no d dependence", lambda: "d",
                    "The interlayer interaction carries e^{-qd}: doubling d cuts the drag substantially."),
        ),
        minutes=5,
    ),
    Exercise(
        id="01.hall-peak",
        kind="derive",
        title="Where the Hall drag peaks in strong screening",
        question=("In strong screening rho_xx does not depend on M_p (checked at eps_r = 1, d = 300 nm, "
                  "T = 0.5 K). Use the Hall ratio "
                  "rho_yx/rho_xx = -hbar M_p/(2 tau_p mu_p^2), mu_p^2 = A^2 k_F^2 + M_p^2, to find the passive "
                  "mass M_p* at which -rho_yx is largest, at fixed density. Give M_p*/(A k_F)."),
        answer=_strong_screening_peak,
        form=Number(rel=0.04),
        why=("-rho_yx is proportional to M_p/(A^2k_F^2 + M_p^2), largest at M_p = A k_F: below it the Berry "
             "curvature grows with M_p, above it the chirality (spin-momentum locking) fades. The full "
             "calculation at eps_r = 1, d = 300 nm puts the peak within 2 % of A k_F; in the paper's weak "
             "screening rho_xx itself grows with M_p and the peak moves to 2-4 A k_F."),
        hints=("Write -rho_yx = const x M/(a^2 + M^2) with a = A k_F, and set its derivative with respect to M "
               "to zero.",
               "d/dM [M/(a^2+M^2)] = (a^2 - M^2)/(a^2+M^2)^2."),
        solution=("With rho_xx independent of M_p, -rho_yx is proportional to f(M) = M/(a^2 + M^2), a = A k_F. "
                  "f'(M) = (a^2 - M^2)/(a^2 + M^2)^2 vanishes at M = a, so M_p* = A k_F and M_p*/(A k_F) = 1. "
                  "The package, at eps_r = 1 and d = 300 nm (q_TF d = 375) and T = 0.5 K, finds the peak of the "
                  "full rho_yx within a few percent of it."),
        mistakes=(
            Mistake("Berry curvature at the Fermi level", lambda: 1 / math.sqrt(2.0),
                    "That maximises the Fermi-level Berry curvature M/mu^3. The ratio carries M/mu^2: the "
                    "side step times the effective mass m* = hbar^2 mu/A^2."),
            Mistake("weak-screening peak", lambda: 2.1,
                    "That is where the peak sits in the paper's weak screening, where rho_xx grows with M_p. "
                    "The question assumes strong screening, rho_xx independent of M_p."),
        ),
        minutes=8,
    ),
    Exercise(
        id="01.hall-ratio",
        kind="compute",
        title="The size of the Hall drag",
        question=("At the paper's parameters (n = 1e12 cm^-2, so A k_F = 145.3 meV; M_p = 10 meV; tau_p = 0.1 ps, "
                  "hbar/tau_p = 6.58 meV) compute -rho_yx/rho_xx from the Hall ratio, by hand."),
        answer=_hall_ratio,
        form=Number(rel=0.015),
        why=("hbar M_p/(2 tau_p mu_p^2) = 6.58 x 10/(2 x 145.7^2) = 1.55e-3, the same at every T and d "
             "(to leading order; the full calculation at 5 K and d = 10 nm gives 1.57e-3). Small: the Hall drag is a "
             "side step of about Omega k_F ~ 0.1 nm per collision against a mean free path of 62 nm."),
        hints=("mu_p = sqrt((A k_F)^2 + M_p^2); use meV throughout, with hbar/tau_p = 6.58 meV.",
               "Check the factor 2 in the denominator."),
        solution=("mu_p = sqrt(145.34^2 + 10^2) meV = 145.69 meV. Then -rho_yx/rho_xx = (hbar/tau_p) M_p/(2 mu_p^2) "
                  "= 6.582 x 10/(2 x 21225) = 1.55e-3 (dimensionless)."),
        mistakes=(
            Mistake("sign", lambda: -_hall_ratio(),
                    "The question asks for -rho_yx/rho_xx, positive for M_p > 0."),
            Mistake("factor 2", lambda: 2 * _hall_ratio(),
                    "Off by a factor 2: the ratio has 2 mu_p^2 in its denominator. (About twice the value, and "
                    "of opposite sign, is the passive layer's own intrinsic Hall angle: see the notebook's last "
                    "section.)"),
            Mistake("without hbar/tau", lambda: 10.0 / (2 * (make_bilayer().passive.mu / units.meV) ** 2),
                    "You left out hbar/tau_p = 6.58 meV: M_p/(2 mu_p^2) alone has units of 1/meV."),
        ),
        minutes=5,
    ),
    Exercise(
        id="01.active-mass",
        kind="predict",
        title="Does the active layer's mass matter?",
        question=("Before you move the M_a slider of the Hall-drag explorer: at d = 10 nm and T = 5 K, what "
                  "happens when the active layer's mass M_a goes from 10 to 100 meV? "
                  + "; ".join(f"({k}) {v}" for k, v in _MASS.items())
                  + ". Answer with the letter, then check it with the explorer."),
        answer=_active_mass_choice,
        form=Choice(_MASS),
        why=("-rho_yx grows by 24 % while the ratio stays fixed: the ratio depends only on the passive layer, "
             "but rho_xx, and with it rho_yx, depends on the active layer's screening and rectification, which "
             "grow with M_a (its density of states mu_a/2 pi A^2 grows). 'Independent of M_a' holds for the "
             "ratio, not for rho_yx."),
        hints=("Which layer's quantities enter the Hall ratio hbar M_p/(2 tau_p mu_p^2)?",
               "rho_yx = ratio x rho_xx. Does rho_xx depend on the active layer?"),
        solution=("The Hall ratio contains only passive-layer quantities, so it does not change (to 0.1 %). "
                  "rho_xx depends on the active layer through its rectification function and its screening: a "
                  "larger M_a raises mu_a at fixed density, hence its density of states and its effective mass "
                  "m* = hbar^2 mu_a/A^2, and rho_xx grows by 24 % at these parameters. -rho_yx = ratio x rho_xx "
                  "grows with it: option (b)."),
        mistakes=(
            Mistake("independent of M_a", lambda: "a",
                    "The paper's 'independent of M_a' is true for the ratio only. rho_xx depends on the active "
                    "layer, and rho_yx is the ratio times rho_xx."),
            Mistake("the ratio changes", lambda: "c",
                    "The ratio hbar M_p/(2 tau_p mu_p^2) contains only passive-layer quantities."),
            Mistake("falls", lambda: "d",
                    "A heavier active layer has a larger density of states at fixed density: does it rectify "
                    "more or less?"),
        ),
        minutes=5,
    ),
)
