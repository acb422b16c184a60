"""What every self-check does: a verdict printed and returned, and a crash told in a line or two.

The checks of each notebook are tested in ``test_selfcheck_NN.py``.
"""

import torch

import selfcheck


def test_a_check_returns_true_for_a_right_answer_and_false_for_a_wrong_one(said):
    a = torch.zeros(3)
    assert selfcheck.same_draws(a, a.clone()) is True
    assert said().startswith("Right:")
    assert selfcheck.same_draws(a, a + 1) is False
    assert said().startswith("Not yet:")


def test_a_crash_names_the_call_and_the_error_in_a_short_line(said):
    def grad_b(X, y, w, b):
        return X @ y  # shapes that do not multiply

    assert selfcheck.grad_b(grad_b) is False
    out = said()
    assert out.startswith("Not yet: grad_b(<tensor of shape (7, 3)>, <tensor of shape (7, 1)>")
    assert "raised RuntimeError: mat1 and mat2 shapes cannot be multiplied" in out
    assert len(out.strip().splitlines()) <= 2 and len(out) < 300
