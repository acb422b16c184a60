"""Self-checks of notebook 01 (The computation graph): right answers pass, typical wrong ones get their hint."""

import selfcheck


def test_grad_b_approves_the_right_gradient(said):
    selfcheck.grad_b(lambda X, y, w, b: 2 * (X @ w + b - y).mean(dim=0))
    assert said().startswith("Right:")


def test_grad_b_names_a_missing_factor_of_two(said):
    selfcheck.grad_b(lambda X, y, w, b: (X @ w + b - y).mean(dim=0))
    assert "factor of 2" in said()


def test_grad_b_names_a_sum_instead_of_a_mean(said):
    selfcheck.grad_b(lambda X, y, w, b: 2 * (X @ w + b - y).sum(dim=0))
    assert "factor of n" in said()


def test_grad_b_catches_a_residual_that_forgets_b(said):
    selfcheck.grad_b(lambda X, y, w, b: 2 * (X @ w - y).mean(dim=0))
    assert "keep b in the residual" in said()


def test_grad_b_wants_the_shape_of_b(said):
    selfcheck.grad_b(lambda X, y, w, b: 2 * (X @ w + b - y).mean())
    assert "must be a tensor of b's shape, (1,)" in said()


def test_grad_b_reports_a_crash_instead_of_raising(said):
    selfcheck.grad_b(lambda X, y, w, b: X @ y)
    assert "raised RuntimeError" in said()
