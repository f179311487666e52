"""The self-check helper accepts answers within the tolerance and only those."""

from dragbook.ui.exercises import self_check


def test_self_check_accepts_within_tolerance_and_rejects_outside(capsys):
    assert self_check(2.03, 2.0, 0.02, "T^2.")
    assert not self_check(2.1, 2.0, 0.02, "T^2.", hint="Fit a line in log-log.")
    out = capsys.readouterr().out
    assert out.startswith("Right") and "Not yet" in out and "Fit a line" in out


def test_self_check_asks_for_an_answer_when_none(capsys):
    assert not self_check(None, 1.0, 0.1, "")
    assert "Fill in" in capsys.readouterr().out
