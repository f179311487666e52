"""Exercises of notebook 02 (Hall drag between a Weyl semimetal and a normal metal).

Expected answers are computed by :mod:`dragbook.halldrag` when asked; the derivations are in
docs/theory/hall-drag.md (§2 force balance, §5 drag tensors, §6 Q-functions).
"""

import math

from ... import halldrag, units
from ._core import Choice, Exercise, Mistake, Number

# Exercise 1: GaAs bilayer, carrier charge taken e > 0 (the paper's formulas hold for either sign), weak friction
_N_A, _N_P = 3e15, 1e15                 # m^-2
_TAU = 1e-12                            # s, both layers
_B_A, _B_P = 0.2, 0.1                   # T
_M = 0.067                              # electron masses
_ETA, _D = 1e-20, 40 * units.nm         # Pa s, m


def _tan_theta(B):
    """Hall angle tan(theta) = e B tau/m of one layer (charge taken e > 0; Eq. 3 of Messica & Gutman 2024)."""
    return units.e * B * _TAU / (_M * units.m_e)


def _drag_hall_ratio():
    s = halldrag.normal_bilayer(_N_A, _N_P, _TAU, _TAU, _B_A, _B_P, _ETA, _D, _M, _M)["sigma_D"]
    return float(s[0, 1] / s[0, 0])


def _bilayer(**kw):
    from ..halldrag import make_bilayer     # the paper's Fig. 2 parameters, in teaching units

    return make_bilayer(**kw)


def _low(quantity, **kw):
    return halldrag.drag_components(_bilayer(**kw), 1.0, regime="low")[quantity]


def _hall_ratios():
    return _bilayer().hall_ratios()


def _no_tilt_factor():
    at = lambda c: halldrag.drag_components(_bilayer(tilt=c), 0.3)["rxy_rxx"]   # noqa: E731
    return at(0.0) / at(0.3)


def _cusp_threshold():
    q1, q2, _ = halldrag.q_functions(1.0)
    return -q1 / q2


EXERCISES = (
    Exercise(
        id="02.drag-hall-angle",
        kind="compute",
        title="The drag Hall angle of two normal metals",
        question=("GaAs layers (m = 0.067 m_e), n_a = 3e11 cm^-2, n_p = 1e11 cm^-2, tau_a = tau_p = 1 ps, B_a = 0.2 T, "
                  "B_p = 0.1 T, weak friction. Take the carriers' charge e > 0 (tan theta_l = +e B_l tau_l/m; the "
                  "paper's formulas hold for either sign) and give sigma^D_xy/sigma^D_xx."),
        answer=_drag_hall_ratio,
        form=Number(rel=0.01),
        why=("tan(theta_a + theta_p) = 0.913, with tan(theta) = e B tau/m = 0.525 (0.2 T) and 0.262 (0.1 T): the angles "
             "add, the tangents do not. sigma^D = (eta/e^2 d n_a n_p) sigma^p sigma^a is a product of two rotations. The "
             "paper's Eq. 9 (a sum of tangents) is the small-angle form of this."),
        hints=("Each layer rotates the current by its own Hall angle: theta_l = arctan(e B_l tau_l/m).",
               "sigma^D is proportional to the product sigma^p sigma^a: the rotation angles add. Take tan of the sum."),
        solution=("To first order in the friction, the force balance of the paper's Eqs. 5-7 gives "
                  "sigma^D = (eta/(e^2 d n_a n_p)) sigma^p sigma^a. Each "
                  "sigma^l is a Drude tensor, a scaled rotation by theta_l with tan(theta_l) = e B_l tau_l/m: 0.5249 "
                  "(theta_a = 0.4836) and 0.2625 (theta_p = 0.2566). A product of rotations rotates by the sum, so "
                  "sigma^D_xy/sigma^D_xx = tan(theta_a + theta_p) = tan(0.7402). For electrons (charge -e) both angles, "
                  "and the answer, change sign. The full 4x4 force balance (halldrag.normal_bilayer) agrees. The paper's "
                  "Eq. 9, sigma^D_xy/sigma^D_xx = sum of the layers' sigma_xy/sigma_xx, is the small-angle form: 0.787 "
                  "here, 14 % low, because the angles are not small."),
        mistakes=(
            Mistake("small-angle form (Eq. 9)", lambda: _tan_theta(_B_A) + _tan_theta(_B_P),
                    "You added the tangents: that is the paper's Eq. 9, valid only for small angles. Here the angles "
                    "are not small: the angles add (a product of two rotations), so take the tangent of the sum."),
            Mistake("angle, not its tangent", lambda: math.atan(_tan_theta(_B_A)) + math.atan(_tan_theta(_B_P)),
                    "That is the angle theta_a + theta_p in radians: the ratio sigma_xy/sigma_xx is its tangent."),
            Mistake("electron sign", lambda: -_drag_hall_ratio(),
                    "Right size, opposite sign: that is the answer for charge -e. The question takes carriers of "
                    "charge e > 0, tan(theta) = +e B tau/m (the paper leaves the sign of e open)."),
            Mistake("resistivity", lambda: 0.0,
                    "Zero is the Hall drag *resistivity* (open passive layer). The question asks for the conductivity."),
        ),
        minutes=5,
    ),
    Exercise(
        id="02.rho-ratio",
        kind="derive",
        title="The Hall drag resistivity of the WSM / metal bilayer",
        question=("From rho^D = rho^p sigma^D rho^a with isotropic tensors sigma = sigma_xx(1 + h eps), derive "
                  "rho^D_xy/rho^D_xx to first order in the Hall ratios and evaluate it at low T at the paper's parameters "
                  "(eF = 60 meV, tau = 2 ps, C = 0.3, v = 1.9e5 m/s, Delta_k = 4.7 nm^-1)."),
        answer=lambda: _low("rxy_rxx"),
        form=Number(rel=0.02),
        why=("rho^D_xy/rho^D_xx = sigma^D_xy/sigma^D_xx - sigma^a_xy/sigma^a_xx = C hbar/(eF tau) - [2 C hbar/(eF tau) + "
             "hbar^2 v Delta_k/(2 eF^2 tau)] = -(hbar/eF tau)(hbar v Delta_k/2eF + C) = -(0.329/60)(4.90 + 0.3) = -0.0285. "
             "The rotation of the Fermi surface cancels; the Hall friction and the anomalous current remain."),
        hints=("rho^a = (sigma^a)^-1 = (1 - h_a eps)/sigma^a_xx to first order; rho^p is diagonal (no field on the metal).",
               "So rho^D is proportional to (1 + h_D eps)(1 - h_a eps): the ratio is h_D - h_a. h_D = C hbar/(eF tau) "
               "(Eq. 37); h_a is the WSM's total Hall ratio, regular plus anomalous."),
        solution=("rho^D = rho^p sigma^D rho^a with rho^p = 1/sigma^p_xx, sigma^D = sigma^D_xx(1 + h_D eps) and "
                  "rho^a = (1 - h_a eps)/sigma^a_xx to first order in h_a. Then rho^D = rho^D_xx[1 + (h_D - h_a) eps] and "
                  "rho^D_xy/rho^D_xx = h_D - h_a (paper Eq. 48). With h_D = C hbar/(eF tau) (Eq. 37) and "
                  "h_a = 3C hbar/(2 eF tau) + hbar^2 v Delta_k/(2 eF^2 tau) + C hbar/(2 eF tau) (Eqs. 152-154): "
                  "rho^D_xy/rho^D_xx = -(hbar/(eF tau))(hbar v Delta_k/(2 eF) + C) (Eq. 50). Numbers: hbar/(eF tau) = "
                  "0.329/60 = 5.48e-3, hbar v Delta_k/(2 eF) = 588/120 = 4.90."),
        mistakes=(
            Mistake("sign", lambda: -_low("rxy_rxx"),
                    "Right size, wrong sign: rho^a = (sigma^a)^-1 carries -h_a, and h_a > h_D."),
            Mistake("conductivity ratio", lambda: _low("sxy_sxx"),
                    "That is sigma^D_xy/sigma^D_xx. The resistivity also needs the inverse of the WSM's own tensor."),
            Mistake("regular part only", lambda: _low("sxy_sxx") - _hall_ratios()["reg"],
                    "You subtracted only the regular Hall ratio of the WSM: its anomalous current (Eqs. 153-154) counts "
                    "too, because rho^a inverts the full sigma^a."),
            Mistake("Hall ratios added", lambda: _low("sxy_sxx") + _hall_ratios()["total"],
                    "You added the two Hall ratios: inverting sigma^a flips the sign of its Hall part."),
            Mistake("Delta_k term doubled", lambda: _low("rxy_rxx") - _hall_ratios()["anom"]
                    + _hall_ratios()["reg"] / 3,
                    "Check the factor 1/2 in hbar^2 v Delta_k/(2 eF^2 tau): sigma^int = e^2 Delta_k/(4 pi^2 hbar) over "
                    "sigma_xx = e^2 k_F^2 v tau/(2 pi^2 hbar)."),
        ),
        minutes=10,
    ),
    Exercise(
        id="02.no-tilt",
        kind="predict",
        title="Switch the tilt off",
        question=("Before moving the tilt slider from C = 0.3 to 0: (1) what happens to sigma^D_xy: (a) vanishes, "
                  "(b) unchanged, (c) changes sign? (2) By what factor does the low-T rho^D_xy/rho^D_xx (0.3 K) change?"),
        answer=lambda: ("a", _no_tilt_factor()),
        form=(Choice({"a": "sigma^D_xy vanishes", "b": "sigma^D_xy is unchanged", "c": "sigma^D_xy changes sign"}),
              Number(rel=0.02)),
        why=("Every Hall piece of sigma^D is odd in the tilt (skew scattering, anomalous distribution, Hall friction), "
             "so sigma^D_xy = 0 at C = 0. rho^D_xy keeps the intrinsic Berry-curvature part: the ratio goes from "
             "-(hbar/eF tau)(4.90 + 0.30) to -(hbar/eF tau)(4.90), a factor 4.90/5.20 = 0.94."),
        hints=("Which terms of sigma^D_xy/sigma^D_xx = C hbar/(eF tau) and of rho^D_xy/rho^D_xx = "
               "-(hbar/eF tau)(hbar v Delta_k/2eF + C) survive at C = 0?",
               "hbar v Delta_k/(2 eF) = 588 meV/120 meV = 4.90; compare 4.90 with 4.90 + 0.30."),
        solution=("At C = 0 the Weyl cones are untilted: no skew scattering (the mean spinor M_z = -C vanishes), no "
                  "Hall friction (eta_H is proportional to C), and sigma^D_xy/sigma^D_xx = C hbar/(eF tau) = 0: answer (a). "
                  "The Hall drag resistivity keeps the intrinsic anomalous current of the WSM, "
                  "rho^D_xy/rho^D_xx = -hbar^2 v Delta_k/(2 eF^2 tau). The ratio to its C = 0.3 value is "
                  "4.90/(4.90 + 0.30) = 0.94 (the module's all-T model at 0.3 K). In the explorer the red ratio curve "
                  "barely moves while |sigma_xy| drops out of the log plot."),
        mistakes=(
            Mistake("all Hall drag vanishes", lambda: ("a", 0.0),
                    "sigma^D_xy does vanish, but rho^D_xy does not: the Berry-curvature current (Delta_k) needs no tilt."),
            Mistake("nothing changes", lambda: ("b", 1.0),
                    "All Hall pieces of sigma^D are proportional to C; and rho^D_xy loses its C term."),
            Mistake("kept the wrong term", lambda: ("a", 1 - _no_tilt_factor()),
                    "That is the share of the tilt term (C against hbar v Delta_k/2eF + C): at C = 0 it is the "
                    "Delta_k term that survives."),
            Mistake("sigma unchanged", lambda: ("b", _no_tilt_factor()),
                    "Part (2) is right; but sigma^D_xy/sigma^D_xx = C hbar/(eF tau) vanishes with C: the Delta_k current "
                    "drags nothing."),
        ),
        minutes=5,
    ),
    Exercise(
        id="02.distance-scaling",
        kind="derive",
        title="How the drag conductivity falls with the distance",
        question=("At low temperature, by what factor is sigma^D_xx at d = 40 nm larger than at d = 120 nm? Collect every "
                  "factor of d in eta_par (Eq. 31) and in sigma^D_xx = e^2 l_a l_p eta/(hbar^2 k_F^a k_F^p d)."),
        answer=lambda: _low("sigma_xx", d_nm=40.0) / _low("sigma_xx", d_nm=120.0),
        form=Number(rel=0.02),
        why=("eta_par ~ 1/d^3 (Eq. 31) and sigma^D_xx ~ eta_par/d (Eq. 33): sigma^D_xx ~ d^-4, 3^4 = 81. The "
             "Thomas-Fermi wavevectors kappa do not depend on d."),
        hints=("The friction eta_par = (pi zeta(3)/32)(k_B T)^2/(hbar v_a v_p kappa_a kappa_p d^3): which factors depend on d?",
               "sigma^D_xx has one more 1/d besides the d^-3 of eta_par."),
        solution=("eta_par = (pi zeta(3)/32)(k_BT)^2/(hbar v_a v_p kappa_a kappa_p d^3) (Eq. 31): the kappas and velocities do "
                  "not depend on d. The force per area is eta u/d, so sigma^D_xx = e^2 l_a l_p eta_par/(hbar^2 k_F^a k_F^p d) "
                  "(Eq. 33) ~ d^-4. Tripling d lowers sigma^D_xx by 3^4 = 81 (strong screening, kappa d >> 1; at "
                  "T << T_d, which falls as 1/d)."),
        mistakes=(
            Mistake("friction only", lambda: 27.0,
                    "27 = 3^3 is the friction's d^-3. sigma^D_xx = S eta with S ~ 1/d: one more power."),
            Mistake("inverted", lambda: 1 / 81.0,
                    "The conductivity is *larger* at the smaller distance: give sigma(40 nm)/sigma(120 nm) > 1."),
            Mistake("unscreened d^-2", lambda: 9.0,
                    "9 = 3^2 would be a d^-2 law. Count the powers of d in Eq. 31 and in the conversion to sigma."),
            Mistake("d^-6", lambda: 729.0,
                    "3^6 is too much: d^-3 from the friction and d^-1 from the conversion, nothing else."),
        ),
        minutes=5,
    ),
    Exercise(
        id="02.cusp-threshold",
        kind="read-plot",
        title="The energy exponent that would turn the drag down",
        question=("Read Q1 and Q2 at the cusp z = 1 off the Q-function explorer. Below which b_par does the high-T "
                  "sigma^D_xx ~ Q1 + b_par min(1, z^2) Q2 change sign at z = 1?"),
        answer=_cusp_threshold,
        form=Number(rel=0.06),
        why=("b_par = -Q1/Q2 = -0.675/0.138 = -4.9 at z = 1. The model's b_par = -3 is not enough: the analytic "
             "sigma^D_xx keeps growing at high T, which is why the maximum of the paper's Fig. 2 is not reproduced."),
        hints=("Set Q1 + b_par Q2 = 0 (min(1, z^2) = 1 at z = 1).",
               "Use the box zoom of the left plot around z = 1 and read both dots against the y axis: a 5 % "
               "reading error in Q2 is a 5 % error in the threshold."),
        solution=("At high T, sigma^D_xx ~ min(1,z)[Q1 + b_par min(1,z^2) Q2] (Eqs. 41-42, 45). At the cusp z = 1, "
                  "Q1 = 0.6747 and Q2 = 0.1377 (Eqs. 130-131), so the sign changes below b_par = -Q1/Q2 = -4.90. For "
                  "z -> infinity the threshold is -(4/5)(175/36) = -3.89, for z = 0.3 about -45. With the WSM's "
                  "b_par = -3 (tau ~ eps^-2) sigma^D_xx stays positive and growing."),
        mistakes=(
            Mistake("sign", lambda: -_cusp_threshold(),
                    "The forward-scattering term must *subtract*: b_par is negative."),
            Mistake("z to infinity", lambda: -(4 / 5) * (175 / 36),
                    "That is the threshold for z -> infinity (Q1 = 4/5, Q2 = 36/175). Read the Q's at the cusp z = 1."),
            Mistake("the model value", lambda: -3.0,
                    "-3 is the model's b_par (tau ~ eps^-2); the question asks where the sign change happens."),
        ),
        minutes=5,
    ),
)
