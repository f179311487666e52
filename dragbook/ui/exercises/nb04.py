"""Exercises of notebook 04 (chiral anomaly). Expected answers are computed by :mod:`dragbook.chiral` on request;
the derivations they check are in docs/theory/chiral-anomaly.md (§4 pumping, §6 the paper's time, §8 angles)."""

import math

from ... import chiral, units
from ._core import Choice, Exercise, Mistake, Number

_V_F, _B = 3e5, 100 * units.meV                      # the notebook's model: v_F = 3e5 m/s, b = 100 meV
_MU, _TAU_TR, _R = 20 * units.meV, 0.2 * units.ps, 0.01


def _pumping_rate():
    """|dn/dt| per node (1/(m^3 s)) at E = 1 V/m, B = 1 T: the solver's rate, in units e^2 E.B/(4 pi^2 hbar^2)."""
    s = chiral.FermiSurfaceSolver(_MU, _V_F, _B, 0.0, 1e-13, _R)
    return abs(s.pumping("consistent")[0]) * units.e**2 / (4 * math.pi**2 * units.hbar**2)


def _solver(r=_R):
    """Isotropic cones at the notebook's defaults; tau_q = tau_tr (2/3 + r) (docs/theory §2)."""
    return chiral.FermiSurfaceSolver(_MU, _V_F, _B, 0.0, _TAU_TR * (2 / 3 + r), r)


def _alpha_c(scheme="consistent"):
    """Angle (degrees) where the B^2 coefficient of sigma_EE changes sign, from the solver's tensors."""
    s = _solver()
    s2 = s.sigma2_anomaly(scheme) + s.sigma2_lorentz
    return math.degrees(math.atan(math.sqrt(s2[2, 2] / -s2[0, 0])))


def _r_star(fraction=1.0, valley_factor=1.0):
    """r where fraction x Son-Spivak equals the transverse Lorentz term: (3/4) F (2/3 + r)/(2 r c) = (mu tau_tr/hbar)^2,
    c = 1 for tau_v = 1/(2 Gamma_e) (c = 1/2 for the mistake tau_v = 1/Gamma_e)."""
    y2 = (_MU * _TAU_TR / units.hbar) ** 2
    # (3/4) F (2/3 + r) / (2 r) / valley_factor = y2  ->  r = (3/4) F (2/3) / (2 y2 valley_factor - (3/4) F)
    return 0.75 * fraction * (2 / 3) / (2 * y2 * valley_factor - 0.75 * fraction)


def _rho_transverse_choice():
    """(c) if the B^2 term of rho_EE at alpha = 90 degrees vanishes while that of sigma_EE is negative (solver,
    without the intrinsic AHE, as the question asks)."""
    s = _solver()
    B = 0.01                                                  # T: omega_c tau_tr ~ 1e-2, B^4 terms negligible
    (sig0, _, rho0), (sig1, _, rho1) = (s.angle_response(b, math.pi / 2) for b in (0.0, B))
    d_sig, d_rho = sig1 / sig0 - 1, rho1 / rho0 - 1
    if d_sig < 0 and abs(d_rho) < 1e-3 * abs(d_sig):
        return "c"
    return "a" if d_rho > 0 else "b"


def _merge_choice():
    """(b) if the two Delta = 0 spheres keep charges +1 and -1 at mu = 120 meV > b, from chiral.pockets."""
    charges = [round(p.charge) for p in chiral.pockets(120 * units.meV, _V_F, _B, 0.0)]
    return "b" if charges == [1, -1] else ("a" if charges == [0] or charges == [0, 0] else "c")


_MERGE = {"a": "they merge into one pocket of charge 0",
          "b": "they overlap but stay two pockets of charge +1 and -1",
          "c": "each charge grows with the pocket's size"}
_RHO = {"a": "rho_EE grows as B^2 (positive magnetoresistance)",
        "b": "rho_EE falls as B^2 (negative magnetoresistance)",
        "c": "rho_EE stays flat, although sigma_EE falls as B^2"}

EXERCISES = (
    Exercise(
        id="04.pumping-rate",
        kind="derive",
        title="The pumping rate from the zeroth Landau level",
        question=("In a field B along z, a Weyl node of chirality chi has a chiral zeroth Landau level "
                  "eps = -chi hbar v_F k_z, with eB/h states per unit area for each k_z. An electric field E "
                  "along z moves every state at hbar dk_z/dt = -eE. Count the states that cross from one side "
                  "of the Fermi level to the other per unit volume and time, and give the rate for E = 1 V/m, "
                  "B = 1 T, in 1/(m^3 s)."),
        answer=_pumping_rate,
        form=Number(rel=0.02),
        why=("dn/dt = (eB/2 pi hbar) x (1/2 pi) x (eE/hbar) = e^2 EB/(4 pi^2 hbar^2) = 5.85e28 /(m^3 s): the "
             "Landau degeneracy times the k_z density of states 1/(2 pi) times the speed in k_z. It is the "
             "same for every node up to its sign (chi), and it is exactly the rate the Boltzmann solver gets "
             "from the Berry flux through a pocket: no band detail enters."),
        hints=("Three factors: states per area in the zeroth level (eB/h = eB/(2 pi hbar)), states per unit "
               "length of k_z (1/(2 pi)), and the rate |dk_z/dt| = eE/hbar.",
               "e^2/(4 pi^2 hbar^2) = (1.602e-19)^2 / (4 pi^2 (1.0546e-34)^2); multiply by E = 1 V/m and B = 1 T."),
        solution=("The zeroth Landau level of a Weyl node in B along z is one chiral branch, eps = -chi hbar v_F "
                  "k_z, with degeneracy eB/h per unit area. Along k_z a length dk_z holds dk_z/(2 pi) states per "
                  "unit length, so per unit volume the branch holds (eB/2 pi hbar)(dk_z/2 pi) states. The force "
                  "-eE moves all of them at |dk_z/dt| = eE/hbar, so states flow through the Fermi point at the "
                  "rate (eB/2 pi hbar)(1/2 pi)(eE/hbar) = e^2 EB/(4 pi^2 hbar^2) per unit volume: filled at one "
                  "node (chi = +1), emptied at the other. With E = 1 V/m and B = 1 T this is 5.85e28 /(m^3 s). "
                  "Semiclassically the same number is the Berry flux through the pocket (docs/theory/"
                  "chiral-anomaly.md §4)."),
        mistakes=(
            Mistake("a 2 pi missing", lambda: _pumping_rate() * 2 * math.pi,
                    "Too large by 2 pi: the Landau degeneracy is eB/h = eB/(2 pi hbar) per area (not eB/hbar), "
                    "and a length dk_z holds dk_z/(2 pi) states per unit length."),
            Mistake("both nodes added", lambda: 2 * _pumping_rate(),
                    "Twice too large: the rate is per node; one node gains what the other loses."),
            Mistake("h for hbar everywhere", lambda: _pumping_rate() / (2 * math.pi) ** 2,
                    "Too small by (2 pi)^2: dk_z/dt = eE/hbar, with hbar, and the degeneracy is eB/h."),
        ),
        minutes=10,
    ),
    Exercise(
        id="04.tau-reading",
        kind="derive",
        title="Which intervalley time?",
        question=("Two valleys exchange electrons at the rate 1/tau12 each way (the paper's Eq. 60). Write the "
                  "rate equations for the valley populations and find the lifetime tau_v of an imbalance "
                  "n_1 - n_2 in units of tau12. The paper's result is 2/5 of Son-Spivak if its tau is tau_v. "
                  "What fraction of Son-Spivak (with Son-Spivak's own tau_v) is it if its tau is read literally "
                  "as tau12?"),
        answer=lambda: chiral.anomaly_fraction(1.0, "paper") * 2.0,
        form=Number(rel=0.03),
        why=("d(n_1 - n_2)/dt = -2(n_1 - n_2)/tau12, so tau_v = tau12/2: the imbalance decays through both "
             "channels. Read with tau = tau12 = 2 tau_v the printed coefficient is 2 x 2/5 = 4/5 of Son-Spivak. "
             "Either way it is not the full anomaly, and the factor-2 ambiguity is why the notebook states which "
             "time it uses (tau_v = 1/(2 Gamma_e))."),
        hints=("dn_1/dt = -(n_1 - n_2)/tau12 and dn_2/dt = +(n_1 - n_2)/tau12: subtract.",
               "The coefficient is linear in tau: replacing tau_v by tau12 = 2 tau_v multiplies it by 2."),
        solution=("With dn_1/dt = -(n_1 - n_2)/tau12 = -dn_2/dt the difference obeys d(n_1 - n_2)/dt = "
                  "-2(n_1 - n_2)/tau12: tau_v = tau12/2 (the nonzero eigenvalue 2/tau12 of the paper's Eq. 59). "
                  "Son-Spivak's Delta sigma is proportional to tau_v. The paper's C = 2/5 multiplies its tau; if "
                  "that tau is tau12 = 2 tau_v, the result is (2/5)(2 tau_v) = (4/5) tau_v: 4/5 of Son-Spivak."),
        mistakes=(
            Mistake("the tau_v reading", lambda: chiral.anomaly_fraction(1.0, "paper"),
                    "That is the fraction with tau = tau_v. The question reads the paper's tau as tau12 = 2 tau_v."),
            Mistake("halved instead of doubled", lambda: chiral.anomaly_fraction(1.0, "paper") / 2,
                    "The imbalance lives shorter than tau12 (tau_v = tau12/2), so tau12 = 2 tau_v: the "
                    "coefficient doubles."),
            Mistake("pumping alone", lambda: 2 / 3,
                    "2/3 is the pumping fraction alone; the question is about the printed coefficient, 2/5 at tau_v."),
        ),
        minutes=8,
    ),
    Exercise(
        id="04.balance-angle",
        kind="compute",
        title="The balance angle",
        question=("For E at angle alpha to B, the B^2 coefficient of sigma_EE is cos^2(alpha) sigma_par + "
                  "sin^2(alpha) sigma_perp with the anomaly sigma_par > 0 and the Lorentz term sigma_perp < 0. "
                  "Compute the angle alpha_c (degrees) where it changes sign for mu = 20 meV, tau_tr = 0.2 ps, "
                  "r = 0.01 (consistent scheme), then check it with the explorer."),
        answer=_alpha_c,
        form=Number(rel=0.01),
        why=("tan^2 alpha_c = (3/4)(tau_v/tau_tr)(hbar/mu tau_tr)^2 with tau_v/tau_tr = (2/3 + r)/(2r) = 33.8 and "
             "hbar/(mu tau_tr) = 0.165: tan^2 alpha_c = 0.69, alpha_c = 39.7 degrees, independent of B. It is a "
             "statement about sigma: rho_EE of a single band without an intrinsic Hall response shows no transverse "
             "Lorentz term at all."),
        hints=("Set cos^2 sigma_par + sin^2 sigma_perp = 0: tan^2 alpha_c = sigma_par/(-sigma_perp) = "
               "(3/4)(hbar omega_c/mu)^2 (tau_v/tau_tr) / (omega_c tau_tr)^2.",
               "hbar = 6.582e-13 meV s; tau_v/tau_tr = (2/3 + r)/(2r). Take the square root before the arctan."),
        solution=("sigma_par = sigma_0 (3/4)(hbar omega_c/mu)^2 tau_v/tau_tr (Son-Spivak) and sigma_perp = -sigma_0 "
                  "(omega_c tau_tr)^2 (Lorentz), so tan^2 alpha_c = (3/4)(tau_v/tau_tr)(hbar/(mu tau_tr))^2. "
                  "With tau_v/tau_tr = (2/3 + 0.01)/0.02 = 33.83 and hbar/(mu tau_tr) = 6.582e-13 meV s/(20 meV x "
                  "2e-13 s) = 0.1646: tan^2 alpha_c = 0.687, alpha_c = arctan(0.829) = 39.7 degrees."),
        mistakes=(
            Mistake("no square root", lambda: math.degrees(math.atan(math.tan(math.radians(_alpha_c())) ** 2)),
                    "That is arctan of tan^2 alpha_c: take the square root first."),
            Mistake("paper scheme", lambda: _alpha_c("paper"),
                    "That is the angle with the paper's 2/5 of the anomaly; the question asks for the consistent one."),
            Mistake("complement", lambda: 90.0 - _alpha_c(),
                    "That is 90 degrees minus the answer: alpha is measured from B, and along B the anomaly wins."),
        ),
        minutes=8,
    ),
    Exercise(
        id="04.r-star",
        kind="read-plot",
        title="When does the anomaly win?",
        question=("In the right panel of the fraction explorer (mu = 20 meV, tau_tr = 0.2 ps, any B), read the "
                  "intervalley ratio r* below which the consistent anomaly Delta sigma_zz/sigma_0 is larger than "
                  "the transverse Lorentz term. Give r*."),
        answer=lambda: _r_star(chiral.anomaly_fraction(0.01, "consistent")),
        form=Number(rel=0.12),
        why=("r* = 6.8e-3: the anomaly beats the Lorentz term only when intervalley scattering is more than a "
             "hundred times rarer than intravalley scattering, the paper's robust message. Both grow as B^2, so "
             "r* does not depend on B; with the paper's 2/5 it would be 2.5 times smaller."),
        hints=("Set the explorer to mu = 20 meV and tau_tr = 0.2 ps; find where the navy line crosses the dashed "
               "gray one (log axes: read carefully, 10 % is enough).",
               "Check: (3/4)(2/3 + r)/(2r) = (mu tau_tr/hbar)^2 = 36.9 at the crossing."),
        solution=("Delta sigma_CA/sigma_0 = (3/4)(hbar omega_c/mu)^2 (2/3 + r)/(2r) and the Lorentz term is "
                  "(omega_c tau_tr)^2; their ratio is (3/4)(2/3 + r)/(2r)/(mu tau_tr/hbar)^2, independent of B. "
                  "With (mu tau_tr/hbar)^2 = 36.9 it equals 1 at r* = (2/3)/((8/3) 36.9 - 1) = 6.8e-3."),
        mistakes=(
            Mistake("paper curve", lambda: _r_star(chiral.anomaly_fraction(0.01, "paper")),
                    "That is where the paper's (red) curve crosses; the question asks for the consistent (navy) one."),
            Mistake("tau_v = 1/Gamma_e", lambda: _r_star(1.0, 0.5),
                    "A factor 2 too large: the valley time is tau_v = 1/(2 Gamma_e), not 1/Gamma_e."),
            Mistake("the hint's round number", lambda: 0.01,
                    "0.01 is the default r, not the crossing: move r down until the curves meet."),
        ),
        minutes=6,
    ),
    Exercise(
        id="04.cap",
        kind="compute",
        title="The paper's block at half separation",
        question=("At T = 0 and Delta = 0, the paper's coefficient of block t = - is the spherical-cap formula "
                  "C = (2/5)[1/2 + (5/4) kappa^3 - (3/4) kappa^5], kappa = min(v_F k_0/mu, 1). What is C at "
                  "v_F k_0 = mu/2?"),
        answer=lambda: chiral.paper_coefficient(0.5 * units.meV, 0.0, units.meV, 0.0, "-"),
        form=Number(rel=0.005),
        why=("(2/5)(1/2 + 5/32 - 3/128) = 0.2531: block t = - holds more than one cap of a cone but less than "
             "two cones; the rest (0.1469) is in block t = +, which the paper drops. Their sum is 2/5 at every k_0."),
        hints=("kappa = 1/2: kappa^3 = 1/8, kappa^5 = 1/32.",),
        solution=("kappa = 1/2: C = (2/5)[1/2 + (5/4)(1/8) - (3/4)(1/32)] = (2/5)(0.5 + 0.15625 - 0.0234375) "
                  "= (2/5)(0.6328) = 0.2531."),
        mistakes=(
            Mistake("without 2/5", lambda: chiral.paper_coefficient(0.5 * units.meV, 0.0, units.meV, 0.0, "-") / 0.4,
                    "You left out the prefactor 2/5."),
            Mistake("both blocks", lambda: chiral.paper_coefficient(0.5 * units.meV, 0.0, units.meV, 0.0),
                    "0.4 is the sum of both blocks; the question asks for the paper's block t = - alone."),
            Mistake("one cone", lambda: 0.2, "0.2 is one full cone (kappa = 0); at kappa = 1/2 the block holds more."),
        ),
        minutes=4,
    ),
    Exercise(
        id="04.merge",
        kind="predict",
        title="Do Weyl spheres merge?",
        question=("Predict before moving the slider: in the band explorer at Delta = 0 (b = 100 meV), raise mu "
                  "from 20 meV to 120 meV, so that the two Fermi spheres overlap. What happens to the pockets? "
                  + "; ".join(f"({k}) {v}" for k, v in _MERGE.items()) + ". Then check with the explorer."),
        answer=_merge_choice,
        form=Choice(_MERGE),
        why=("At Delta = 0 the valley index tau_z commutes with the Hamiltonian and with scalar disorder: the "
             "two spheres are independent single cones that only overlap, each keeping its Berry charge. "
             "Only a Delta that couples the nodes (tau_x) lets the pockets merge (above mu = b - Delta) into "
             "one of charge 0; try Delta = 40 meV."),
        hints=("Which operator labels the two cones at Delta = 0, and does anything in the Hamiltonian mix them?",),
        solution=("H = hbar v_F tau_z k.sigma + b sigma_z commutes with tau_z at Delta = 0, so the tau_z = +1 and "
                  "-1 sectors are two separate Weyl Hamiltonians with masses b + hbar v_F k_z and b - hbar v_F k_z. "
                  "Their Fermi spheres can overlap in k-space but never hybridise: each encloses one node and "
                  "keeps its charge, +1 around -k_0 and -1 around +k_0. With Delta > 0 the sectors mix and above "
                  "mu = b - Delta one pocket encloses both nodes: charge 0."),
        mistakes=(
            Mistake("merge", lambda: "a",
                    "That happens only for Delta > 0, where tau_x mixes the cones. At Delta = 0 nothing does."),
            Mistake("grows", lambda: "c", "A Berry charge is a flux quantum count: it cannot grow with the pocket."),
        ),
        minutes=4,
    ),
    Exercise(
        id="04.rho-transverse",
        kind="predict",
        title="Transverse magnetoresistance of one band",
        question=("Predict before moving the slider: in the magnetoconductance explorer set alpha = 90 degrees "
                  "(E perpendicular to B), so only the Lorentz force acts, and leave 'include the intrinsic AHE in "
                  "rho' unticked (a band with no intrinsic Hall response). As B grows, what does rho_EE do? "
                  + "; ".join(f"({k}) {v}" for k, v in _RHO.items()) + ". Then check with the explorer."),
        answer=_rho_transverse_choice,
        form=Choice(_RHO),
        why=("For one band with one transport time the Hall current exactly compensates: sigma_xx = sigma_0/(1 + "
             "(omega_c tau)^2) and sigma_yx = sigma_0 omega_c tau/(1 + (omega_c tau)^2) invert to rho_xx = 1/sigma_0. "
             "So sigma falls but rho does not: a measured positive transverse magnetoresistance needs more physics "
             "(several carrier kinds, anisotropy, energy-dependent times, an intrinsic Hall response). Now tick the "
             "AHE box: this model's sigma_xy^AHE = -e^2 k_0/(2 pi^2 hbar) is 1.2 sigma_0 at the defaults, and in the "
             "inversion it gives rho_EE a term linear in B and a B^2 term (docs/theory/chiral-anomaly.md §8)."),
        hints=("Invert the 2x2 tensor [[s_xx, -s_yx], [s_yx, s_xx]]: rho_xx = s_xx/(s_xx^2 + s_yx^2).",),
        solution=("With sigma_xx = sigma_0/(1 + w^2), sigma_yx = sigma_0 w/(1 + w^2) (w = omega_c tau_tr), "
                  "rho_xx = sigma_xx/(sigma_xx^2 + sigma_yx^2) = (1 + w^2)/(sigma_0 (1 + w^2)) = 1/sigma_0: flat. "
                  "sigma_xx alone falls as -sigma_0 w^2. This needs sigma_xy = -sigma_yx to come from the Lorentz "
                  "force alone: with the model's intrinsic AHE A added to sigma_xy (the explorer's checkbox), "
                  "rho_xx sigma_0 (1 + a^2) = 1 + 2a w/(1 + a^2) + a^2 (3 - a^2) w^2/(1 + a^2)^2, a = A/sigma_0."),
        mistakes=(
            Mistake("positive MR", lambda: "a",
                    "That is what sigma suggests (it falls), but the Hall current compensates in rho for one band."),
            Mistake("negative MR", lambda: "b",
                    "Negative magnetoresistance belongs to E parallel to B (the anomaly), not to the Lorentz force."),
        ),
        minutes=4,
    ),
)
