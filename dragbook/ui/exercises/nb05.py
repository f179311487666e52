"""Exercises of notebook 05 (phonon side jump): the approach to the high-temperature plateau, the midpoint's
dependence on the mass, the side jump without the Pauli factor, the resistivity exponent of a real sample and
the dip of mixed scattering.

Every expected value is computed by :mod:`dragbook.phonon` when asked. Derivations: docs/theory/phonon-side-jump.md.
"""

import numpy as np
from scipy.optimize import brentq

from ... import phonon
from ._core import Choice, Exercise, Mistake, Number

_PAPER_A = 0.5                    # the paper's eF = 2 Delta
_A_PREDICT = 0.9                  # the Fermi level close to the band edge
_A_NO_PAULI = 0.25                # not the paper's a: notebook 05 tabulates the no-Pauli halves at a = 1/2
_T_LARGE = 40.0                   # (1 - R/R_inf) t^2 is within 1e-5 of its limit here (next term ~ t^-2)
_ETA_EXPONENT = 1e-4              # the resistivity explorer's default rho_0/rho_BG
_ETA_DIP = 10 ** -2.5             # a value the explorer's log slider reaches (3.2e-3)
_T = np.geomspace(1e-3, 10.0, 4001)


def _high_t_coefficient(a=_PAPER_A):
    """c in R = R_inf (1 - c/t^2 + ...), from the package's R(t) at large t (theory §6 gives the closed form)."""
    r_inf = phonon.tau_ratio(1e6, a)
    return float((1.0 - phonon.tau_ratio(_T_LARGE, a) / r_inf) * _T_LARGE**2)


def _midpoint(a):
    low, high = phonon.side_jump_conductivity(np.array([0.0, 1e6]), a)
    return brentq(lambda t: phonon.side_jump_conductivity(t, a) - (low + high) / 2, 1e-3, 10.0)


def _midpoint_trend():
    return "b" if _midpoint(_A_PREDICT) < _midpoint(_PAPER_A) else "a"


def _ratio_without_pauli_at_zero_T(a=_A_NO_PAULI):
    """tau_tr/tau_sj with the unblocked weight, at T -> 0: the anomalous-distribution half over sigma_0/2."""
    _, second = phonon.side_jump_halves(0.0, a, pauli_factor=False)
    return float(second / (0.25 * a * (1 - a**2)))


def _max_exponent():
    rho = phonon.resistivity_bg(_T, _PAPER_A) + _ETA_EXPONENT
    return float(np.max(np.gradient(np.log(rho), np.log(_T))))


def _dip():
    return float(phonon.side_jump_mixed(_T, _PAPER_A, _ETA_DIP).min())


def _dip_temperature():
    return float(_T[np.argmin(phonon.side_jump_mixed(_T, _PAPER_A, _ETA_DIP))])


EXERCISES = (
    Exercise(
        id="05.high-t-approach",
        kind="derive",
        title="How fast the high-temperature plateau is reached",
        question=("At T >> T_BG every y = (T_BG/T) sin(phi/2) is small and G(y) = (y/2)^2/sinh^2(y/2) ~ 1 - y^2/12. "
                  "Put this into I_sj and I_tr and derive the first correction to the plateau, "
                  "R(t) = R_inf (1 - c/t^2 + ...), t = T/T_BG. Give c at a = 1/2."),
        answer=_high_t_coefficient,
        form=Number(rel=0.02),
        why=("c = (1 - a^2)/[48(1 + 3a^2)] = 1/112 = 0.0089 at a = 1/2. At T = T_BG/2 the correction is 4c = 3.6 %: "
             "above T_BG/2 the side jump sits within 4 % of its plateau, which is why the paper finds that its "
             "temperature dependence 'becomes apparent when T < T_BG/2'. The correction is small because I_sj "
             "and I_tr shrink by almost the same fraction; only the overlap makes them differ."),
        hints=("With u = phi/2 and s = sin u: I_sj = 8 int_0^{pi/2} du s^2 G(s/t), I_tr = 8 int_0^{pi/2} du s^2 "
               "[1 - (1 - a^2) s^2] G(s/t). You need int s^2 = pi/4, int s^4 = 3 pi/16, int s^6 = 5 pi/32.",
               "I_sj = 2 pi [1 - 1/(16 t^2)]; expand I_tr the same way, then R = I_sj/I_tr to first order in 1/t^2: "
               "c is the relative correction of I_sj minus that of I_tr."),
        solution=("G(s/t) = 1 - s^2/(12 t^2). I_sj = 8[pi/4 - (3 pi/16)/(12 t^2)] = 2 pi [1 - 1/(16 t^2)]. With "
                  "b = 1 - a^2: I_tr = 8[pi/4 - 3 pi b/16] - (8/(12 t^2))[3 pi/16 - 5 pi b/32] = (pi/2)(1 + 3a^2) "
                  "[1 - (3/2 - 5b/4)/(6(1 + 3a^2) t^2)]. So R = R_inf [1 - c/t^2] with c = 1/16 - (3/2 - 5b/4)/"
                  "(6(1 + 3a^2)) = (1 - a^2)/(48(1 + 3a^2)). At a = 1/2: c = (3/4)/84 = 1/112 = 0.00893."),
        mistakes=(
            Mistake("sign", lambda: -_high_t_coefficient(),
                    "Wrong sign: the plateau is approached from below (R grows with T towards R_inf)."),
            Mistake("only I_sj corrected", lambda: 1 / 16,
                    "1/16 is the relative correction of I_sj alone; I_tr has a correction of almost the same size, "
                    "and c is their difference."),
            Mistake("G ~ 1 - y^2/6", lambda: 2 * _high_t_coefficient(),
                    "Off by a factor 2: (y/2)^2/sinh^2(y/2) = 1 - y^2/12 + ..., not 1 - y^2/6."),
            Mistake("read off 4 %", lambda: 0.01,
                    "0.01 is 4 % at T = T_BG/2 read back; derive c from the expansion of G instead."),
        ),
        minutes=12,
    ),
    Exercise(
        id="05.midpoint-predict",
        kind="predict",
        title="Closer to the band edge: where is the midpoint?",
        question=("Before you move the slider: in the first explorer (paper Fig. 1) the red dot marks the temperature "
                  "where sigma_sj is halfway between its plateaus, at T/T_BG = 0.15 for a = 0.5. Move a = Delta/eF "
                  "to 0.9 (the Fermi level close to the band edge). Does the midpoint move to (a) a higher "
                  "T/T_BG, (b) a lower T/T_BG, or (c) stay at 0.15? Answer with the letter, then move the slider."),
        answer=_midpoint_trend,
        form=Choice({"a": "higher T/T_BG", "b": "lower T/T_BG", "c": "stays at 0.15"}),
        why=("It moves down, to 0.12 T_BG at a = 0.9. Both the initial rise, R - 1 ~ (20 pi^2/7)(1 - a^2) t^2, and "
             "the step to climb, R_inf - 1 = 3(1 - a^2)/(1 + 3a^2), come from the overlap's deficit 1 - a^2, but "
             "the step also shrinks by 1/(1 + 3a^2): near the band edge there is less to climb, and halfway is "
             "reached at a lower temperature."),
        hints=("Only the overlap 1 - (1 - a^2) sin^2(phi/2) makes R differ from 1. Compare how fast R rises at low T "
               "with how high it has to rise, as functions of a.",),
        solution=("At low T, R = 1 + (20 pi^2/7)(1 - a^2) t^2 + ... (theory §6); the high plateau is R_inf = "
                  "4/(1 + 3a^2), a step R_inf - 1 = 3(1 - a^2)/(1 + 3a^2). Setting the rise equal to half the step "
                  "gives the rough estimate t_1/2 ~ [21/(40 pi^2 (1 + 3a^2))]^(1/2), which falls with a. The full "
                  "curve gives t_1/2 = 0.1485 at a = 0.5 and 0.116 at a = 0.9. Answer (b)."),
        mistakes=(
            Mistake("higher", lambda: "a",
                    "The opposite: the step between the plateaus shrinks faster with a than the initial rise."),
            Mistake("unchanged", lambda: "c",
                    "T_BG does not change, but the shape of R(t) does: compare the low-T rise with the step height."),
        ),
        minutes=4,
    ),
    Exercise(
        id="05.no-pauli-ratio",
        kind="derive",
        title="The side jump without the Pauli factor",
        question=("Without the Pauli factor, absorption (N_q) and emission (N_q + 1) add to 2N_q + 1 = coth(y/2), "
                  "and at T -> 0 the weight becomes W_phi ~ hbar omega_q/2 ~ sin(phi/2), spread over the whole "
                  "Fermi circle (spontaneous emission). Derive R_0 = tau_tr/tau_sj computed with this weight (what "
                  "the anomalous distribution of Eq. (4) gives) at a = 1/4."),
        answer=_ratio_without_pauli_at_zero_T,
        form=Number(rel=0.02),
        why=("R_0 = 5/(1 + 4a^2) = 4 at a = 1/4, larger even than the high-T value 4/(1 + 3a^2) = 3.37: without "
             "the Pauli factor the weight never collapses onto small angles, so the low-temperature plateau R = 1 "
             "is lost."),
        hints=("Use u = phi/2: 1 - cos phi = 2 sin^2 u, dphi = 2 du, and [0, 2 pi] is twice [0, pi]. The "
               "integrals become 8 int_0^{pi/2} du sin^2 u [weight], with weight ~ sin u here.",
               "You need int_0^{pi/2} sin^3 u du = 2/3 and int_0^{pi/2} sin^5 u du = 8/15; the overlap is "
               "1 - (1 - a^2) sin^2 u."),
        solution=("With x = sin(phi/2) = sin u the angular integrals are I_sj = 8 int_0^{pi/2} du sin^2 u W and "
                  "I_tr = 8 int_0^{pi/2} du sin^2 u [1 - (1 - a^2) sin^2 u] W. With W ~ sin u: I_sj ~ 2/3 and "
                  "I_tr ~ 2/3 - (1 - a^2) 8/15, so R_0 = (2/3)/(2/3 - 8(1 - a^2)/15) = 5/(1 + 4a^2) = 4 at "
                  "a = 1/4. The side-jump-velocity half is worse: it divides the unblocked 1/tau_sj (finite at "
                  "T = 0) by the Pauli-blocked 1/tau_tr ~ T^4, and diverges."),
        mistakes=(
            Mistake("with the factor", lambda: 1.0,
                    "R = 1 is the paper's result, with the Pauli factor: the weight collapses onto small angles. "
                    "Here the weight is ~ sin(phi/2) over the whole circle."),
            Mistake("uniform weight", lambda: 4 / (1 + 3 * _A_NO_PAULI**2),
                    "That is R for a uniform weight (high T, 4/(1 + 3a^2)). At T -> 0 without the factor the weight grows as "
                    "sin(phi/2): one more power of sin u in both integrals."),
            Mistake("inverted", lambda: 1 / _ratio_without_pauli_at_zero_T(),
                    "Upside down: R = tau_tr/tau_sj = I_sj/I_tr, and I_tr (with the overlap < 1) is the smaller."),
            Mistake("graphene value", lambda: 5.0,
                    "That is a = 0 (graphene-like); the question is at a = 1/4, where the overlap is 1 - (15/16) sin^2 u."),
            Mistake("the paper's a", lambda: _ratio_without_pauli_at_zero_T(_PAPER_A),
                    "That is the value at a = 1/2, the paper's parameter; the question is at a = 1/4."),
        ),
        minutes=10,
    ),
    Exercise(
        id="05.resistivity-exponent",
        kind="read-plot",
        title="The T^4 law in a real sample",
        question=("In the resistivity explorer (a = 0.5), tick 'add rho_0' with rho_0/rho_BG = 1e-4 (the default). "
                  "Read off the right panel the largest value the local exponent d ln rho/d ln T reaches."),
        answer=_max_exponent,
        form=Number(rel=0.04),
        why=("About 3.6 near T = 0.1 T_BG: below it rho_0 takes over (exponent -> 0), above it the phonons leave "
             "the T^4 regime. A measured exponent of 4 needs rho_0 far below rho_ph at T ~ 0.05 T_BG, i.e. a very "
             "clean sample."),
        hints=("Hover over the exponent curve near its maximum (between 0.05 and 0.2 T_BG).",
               "The exponent of rho_0 + rho_ph is p_ph rho_ph/(rho_0 + rho_ph): it cannot reach 4 where rho_0 "
               "still counts."),
        solution=("rho = rho_0 + rho_ph(T), so d ln rho/d ln T = p_ph(T) rho_ph/(rho_0 + rho_ph), with p_ph falling "
                  "from 4 (T << T_BG) to 1. With rho_0 = 1e-4 rho_BG, rho_ph = (4 pi^4/15) t^4 equals rho_0 at "
                  "t = 0.044, where the factor is 1/2; the product peaks near t = 0.1 at about 3.6."),
        mistakes=(
            Mistake("Bloch-Gruneisen 4", lambda: 4.0,
                    "4 is the exponent of rho_ph alone at T << T_BG; with rho_0 added the exponent never gets there."),
            Mistake("halfway 2.5", lambda: 2.5,
                    "2.5 is where the pure phonon exponent crosses halfway between 4 and 1; read the maximum."),
        ),
        minutes=5,
    ),
    Exercise(
        id="05.dip-depth",
        kind="read-plot",
        title="How deep is the dip?",
        question=("In the temperature explorer choose delta-correlated impurities with rho_0/rho_BG = 10^-2.5 "
                  "(3.2e-3, a slider value) at a = 0.5. Find the smallest value of sigma_sj,mix in e^2/h."),
        answer=_dip,
        form=Number(rel=0.03),
        why=("About 0.33 e^2/h near T = 0.13 T_BG: there rho_ph already beats rho_0 while the phonons still "
             "scatter by small angles (their own sigma_sj is 0.29). Ten times cleaner, the dip goes to 0.24."),
        hints=("Hover over the red curve between 0.05 and 0.3 T_BG (T_BG = 80 K: 4 to 24 K).",
               "The mixture is the resistivity-weighted average (rho_0 3/7 + rho_ph sigma_ph)/(rho_0 + rho_ph)."),
        solution=("sigma_mix = [rho_0 sigma_imp + rho_ph(T) sigma_ph(T)]/[rho_0 + rho_ph(T)], with sigma_imp = 3/7 "
                  "and sigma_ph rising from 3/16 to 3/7. At T = 0.13 T_BG, rho_ph = 6.4e-3 rho_BG and "
                  "sigma_ph = 0.287, so sigma_mix = (3.2e-3 x 0.4286 + 6.4e-3 x 0.287)/9.6e-3 = 0.334 e^2/h."),
        mistakes=(
            Mistake("impurity plateau", lambda: 3 / 7,
                    "3/7 is the value at both ends (impurities at low T, phonons at high T); look in between."),
            Mistake("low phonon plateau", lambda: 3 / 16,
                    "3/16 is the pure-phonon low-T plateau; with impurities present the low-T value is theirs, 3/7."),
            Mistake("phonons alone", lambda: float(phonon.side_jump_conductivity(_dip_temperature(), _PAPER_A)),
                    "That is the blue curve, phonons alone, at the dip's temperature; read the red curve (phonons + "
                    "impurities)."),
        ),
        minutes=6,
    ),
)
