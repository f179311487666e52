"""Exercises of notebook 05 (phonon side jump): the plateaus, the mass dependence, the side jump without the
Pauli factor, the resistivity exponent of a real sample and the dip of mixed scattering.

Every expected value is computed by :mod:`dragbook.phonon` when asked. Derivations: docs/theory/phonon-side-jump.md.
"""

import numpy as np

from ... import phonon
from ._core import Choice, Exercise, Mistake, Number

_A1 = 0.25                        # high-plateau exercise
_PAPER_A = 0.5                    # the paper's eF = 2 Delta
_ETA_EXPONENT = 1e-4              # the resistivity explorer's default rho_0/rho_BG
_ETA_DIP = 10 ** -2.5             # a value the explorer's log slider reaches (3.2e-3)
_T = np.geomspace(1e-3, 10.0, 4001)


def _plateaus(a):
    low, high = phonon.side_jump_conductivity(np.array([0.0, 1e6]), a)
    return float(low), float(high)


def _high_plateau():
    low, high = _plateaus(_A1)
    return high, high / low


def _ratio_without_pauli_at_zero_T():
    """tau_tr/tau_sj with the unblocked weight, at T -> 0: the anomalous-distribution half over sigma_0/2."""
    _, second = phonon.side_jump_halves(0.0, _PAPER_A, pauli_factor=False)
    return second / (0.25 * _PAPER_A * (1 - _PAPER_A**2))


def _max_exponent():
    rho = phonon.resistivity_bg(_T, _PAPER_A) + _ETA_EXPONENT
    return float(np.max(np.gradient(np.log(rho), np.log(_T))))


def _dip():
    return float(phonon.side_jump_mixed(_T, _PAPER_A, _ETA_DIP).min())


def _dip_temperature():
    return float(_T[np.argmin(phonon.side_jump_mixed(_T, _PAPER_A, _ETA_DIP))])


def _mass_trend():
    wide, narrow = (phonon.tau_ratio(1e6, a) for a in (_PAPER_A, 0.9))
    return "b" if narrow < wide else "a"


EXERCISES = (
    Exercise(
        id="05.high-plateau",
        kind="compute",
        title="The high-temperature plateau",
        question=("For Delta/eF = 0.25, compute by hand the side-jump conductivity at T >> T_BG (in e^2/h) and "
                  "the ratio of the high- to the low-temperature plateau. Answer as a tuple (sigma, ratio)."),
        answer=_high_plateau,
        form=(Number(rel=0.01), Number(rel=0.01)),
        why=("sigma = (e^2/2h) a(1 - a^2) R with R = 4/(1 + 3a^2) = 3.37 at a = 0.25: 0.117 x 3.37 = 0.395 e^2/h, "
             "the value of delta-correlated impurities. At T >> T_BG every phonon is thermally occupied and the "
             "scattering is uniform on the Fermi circle; at T << T_BG it is small-angle and R = 1."),
        hints=("Eq. (18): sigma = (e^2/2h) a(1 - a^2) R. What is R when the scattering weight is uniform in angle?",
               "R = 4/(1 + 3a^2) at high T and 1 at low T; the ratio of the plateaus is the ratio of the two R."),
        solution=("At T >> T_BG, N_q ~ k_BT/(hbar omega_q) and the weight W = lambda^2 k_B T G(y) -> lambda^2 k_B T "
                  "is uniform. Then R = int (1 - cos phi) dphi / int [1 - (1 - a^2) sin^2(phi/2)](1 - cos phi) dphi "
                  "= 2 pi / [2 pi - (1 - a^2) 3 pi/2] = 4/(1 + 3a^2) = 3.368 at a = 0.25. "
                  "sigma = (1/2) a (1 - a^2) R e^2/h = 0.5 x 0.25 x 0.9375 x 3.368 = 0.3947 e^2/h. "
                  "The low plateau has R = 1: 0.1172 e^2/h, so the ratio is 3.368."),
        mistakes=(
            Mistake("low plateau", lambda: (_plateaus(_A1)[0], _high_plateau()[1]),
                    "That is the low-temperature plateau (R = 1): at T >> T_BG the scattering is uniform in angle."),
            Mistake("units e^2/hbar", lambda: (_high_plateau()[0] / (2 * np.pi), _high_plateau()[1]),
                    "Off by 2 pi: that is the value in units of e^2/hbar; the question asks for e^2/h = 2 pi e^2/hbar."),
            Mistake("factor 2", lambda: (2 * _high_plateau()[0], _high_plateau()[1]),
                    "Off by a factor 2: Eq. (18) has e^2/(4 pi hbar) = e^2/2h, not e^2/h."),
            Mistake("inverted ratio", lambda: (_high_plateau()[0], 1 / _high_plateau()[1]),
                    "The ratio is upside down: the high-temperature plateau is the larger one."),
        ),
        minutes=5,
    ),
    Exercise(
        id="05.mass-predict",
        kind="predict",
        title="Closer to the band edge",
        question=("Before you move the slider: in the first explorer, a = Delta/eF goes from 0.5 to 0.9 (the Fermi "
                  "level close to the band edge). Does the change of sigma_sj between the two plateaus (the ratio "
                  "high/low) become (a) larger, (b) smaller, (c) stay the same? Answer with the letter, then move "
                  "the slider to check."),
        answer=_mass_trend,
        form=Choice({"a": "larger", "b": "smaller", "c": "the same"}),
        why=("Near the band edge the spinors point along z and |<u'|u>|^2 = 1 - (1 - a^2) sin^2(phi/2) is close to "
             "1 at every angle: large-angle scattering is no longer suppressed, so small-angle (low T) and uniform "
             "(high T) scattering give nearly the same R. The ratio 4/(1 + 3a^2) falls from 2.29 to 1.17."),
        hints=("The temperature dependence comes from the overlap |<u'|u>|^2 weighting large angles less. How "
               "large is 1 - a^2 at a = 0.9?",),
        solution=("R = tau_tr/tau_sj differs from 1 only through the overlap 1 - (1 - a^2) sin^2(phi/2) inside "
                  "tau_tr. For a -> 1 it tends to 1 at all angles, so R -> 1 at every temperature: the plateaus "
                  "merge, ratio 4/(1 + 3a^2) = 1.166 at a = 0.9 against 16/7 = 2.286 at a = 0.5. Answer (b)."),
        mistakes=(
            Mistake("larger", lambda: "a",
                    "The opposite: at a = 0.9 the overlap is close to 1 at every angle, so the angular range of the "
                    "scattering matters less."),
            Mistake("unchanged", lambda: "c",
                    "The plateaus depend on a through 4/(1 + 3a^2): compare a = 0.5 and a = 0.9."),
        ),
        minutes=3,
    ),
    Exercise(
        id="05.no-pauli-ratio",
        kind="derive",
        title="The side jump without the Pauli factor",
        question=("Without the Pauli factor, absorption (N_q) and emission (N_q + 1) add to 2N_q + 1 = coth(y/2), "
                  "and at T -> 0 the weight becomes W_phi ~ hbar omega_q/2 ~ sin(phi/2), spread over the whole "
                  "Fermi circle (spontaneous emission). Derive R_0 = tau_tr/tau_sj computed with this weight (what "
                  "the anomalous distribution of Eq. (4) gives) at a = 1/2."),
        answer=_ratio_without_pauli_at_zero_T,
        form=Number(rel=0.02),
        why=("R_0 = 5/(1 + 4a^2) = 2.5 at a = 1/2, larger even than the high-T value 16/7: without the Pauli factor "
             "the weight never collapses onto small angles, so the low-temperature plateau R = 1 is lost."),
        hints=("Use u = phi/2: 1 - cos phi = 2 sin^2 u, dphi = 2 du, and [0, 2 pi] is twice [0, pi]. The "
               "integrals become 8 int_0^{pi/2} du sin^2 u [weight], with weight ~ sin u here.",
               "You need int_0^{pi/2} sin^3 u du = 2/3 and int_0^{pi/2} sin^5 u du = 8/15; the overlap is "
               "1 - (1 - a^2) sin^2 u."),
        solution=("With x = sin(phi/2) = sin u the angular integrals are I_sj = 8 int_0^{pi/2} du sin^2 u W and "
                  "I_tr = 8 int_0^{pi/2} du sin^2 u [1 - (1 - a^2) sin^2 u] W. With W ~ sin u: I_sj ~ 2/3 and "
                  "I_tr ~ 2/3 - (1 - a^2) 8/15, so R_0 = (2/3)/(2/3 - 8(1 - a^2)/15) = 5/(1 + 4a^2) = 2.5 at "
                  "a = 1/2. The side-jump-velocity half is worse: it divides the unblocked 1/tau_sj (finite at "
                  "T = 0) by the Pauli-blocked 1/tau_tr ~ T^4, and diverges."),
        mistakes=(
            Mistake("with the factor", lambda: 1.0,
                    "R = 1 is the paper's result, with the Pauli factor: the weight collapses onto small angles. "
                    "Here the weight is ~ sin(phi/2) over the whole circle."),
            Mistake("uniform weight", lambda: 4 / (1 + 3 * _PAPER_A**2),
                    "That is R for a uniform weight (high T, 16/7). At T -> 0 without the factor the weight grows as "
                    "sin(phi/2): one more power of sin u in both integrals."),
            Mistake("inverted", lambda: 1 / _ratio_without_pauli_at_zero_T(),
                    "Upside down: R = tau_tr/tau_sj = I_sj/I_tr, and I_tr (with the overlap < 1) is the smaller."),
            Mistake("graphene value", lambda: 5.0,
                    "That is a = 0 (graphene-like); the question is at a = 1/2, where the overlap is 1 - (3/4) sin^2 u."),
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
