"""Exercise of notebook 00 (start here): the width of the thermal window."""

import math

from ._core import Exercise, Mistake, Number

_C = 4 * math.acosh(math.sqrt(2))       # FWHM of -df/dE in units of k_B T (cosh^2(x/2) = 2 at half maximum)
_KT_10K_MEV = 0.8617333262              # k_B T at 10 K in meV

EXERCISES = (
    Exercise(
        id="00.window-width",
        kind="read-plot",
        title="The width of the thermal window",
        question=("The full width at half maximum of -df/dE is c k_BT. Read it off the explorer's left plot at "
                  "T = 10 K and give c."),
        answer=lambda: _C,
        form=Number(rel=0.03),
        why=("c = 4 arccosh(sqrt 2) = 3.53: -df/dE = 1/(4 k_BT cosh^2((E - mu)/2k_BT)) falls to half its "
             "peak where cosh^2 = 2. So the states within +-1.8 k_BT of the Fermi level carry about 70 % of the "
             "current (tanh(0.88) = 0.71); the tails reach a few k_BT."),
        hints=("Hover over the curve: find the two energies where it is half its peak value, subtract, and "
               "divide by k_BT.",
               "-df/dE is proportional to 1/cosh^2((E - mu)/2k_BT). Where is cosh^2 equal to 2?"),
        solution=("-df/dE = 1/(4 k_BT cosh^2(x/2)) with x = (E - mu)/k_BT. Half the peak value means "
                  "cosh^2(x/2) = 2, so x = +-2 arccosh(sqrt 2) = +-1.763, and the full width is "
                  "c = 4 arccosh(sqrt 2) = 4 ln(1 + sqrt 2)."),
        mistakes=(
            Mistake("half width", lambda: _C / 2,
                    "That is the half width at half maximum: the full width spans both sides of the peak."),
            Mistake("width in meV", lambda: _C * _KT_10K_MEV,
                    "That looks like the width in meV at 10 K: divide it by k_BT = 0.862 meV."),
        ),
        minutes=5,
    ),
)
