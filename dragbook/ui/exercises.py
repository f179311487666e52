"""Self-check cells of the exercises: compare a student's answer with the package's value and say why."""

__all__ = ["self_check"]


def self_check(answer, expected, rel_tol, why, hint=""):
    """Print whether ``answer`` is within ``rel_tol`` (relative) of ``expected``; return True if it is.

    ``why`` explains the right answer once it is found; ``hint`` helps when it is not. An answer left as
    None asks the student to fill it in.
    """
    if answer is None:
        print("Fill in your answer above, then run this cell again.")
        return False
    if abs(answer - expected) <= rel_tol * abs(expected):
        print(f"Right: {answer:.4g} (expected {expected:.4g}, tolerance {rel_tol:.0%}). {why}")
        return True
    print(f"Not yet: {answer:.4g} is off by more than {rel_tol:.0%}. {hint}".rstrip())
    return False
