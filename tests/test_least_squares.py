"""linreg.least_squares, taught in 02: the exact minimum of the squared error, with clear errors."""

import pytest
import torch

import linreg

TRUE_W = torch.tensor([2, -3.4, 5.6, 3.2, -0.6])
TRUE_B = 4.2


def test_least_squares_recovers_weights_and_bias_exactly_from_noiseless_data():
    X = torch.randn(50, 5, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    w, b = linreg.least_squares(X, X @ TRUE_W.double() + TRUE_B)
    assert torch.allclose(w, TRUE_W.double(), atol=1e-10)
    assert abs(b.item() - TRUE_B) < 1e-10


def test_least_squares_has_zero_gradient_at_its_answer():
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, 200, generator=torch.Generator().manual_seed(1))
    w, b = linreg.least_squares(X, y)
    w, b = w.double().requires_grad_(), b.double().requires_grad_()
    ((X.double() @ w + b - y.double()[:, 0]) ** 2).mean().backward()
    assert w.grad.abs().max() < 1e-5 and b.grad.abs() < 1e-5


def test_least_squares_returns_w_as_a_vector_and_b_as_a_number_in_the_dtype_of_x():
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, 100, generator=torch.Generator().manual_seed(2))
    w, b = linreg.least_squares(X, y)
    assert w.shape == (5,) and b.shape == () and w.dtype == b.dtype == torch.float32


def test_least_squares_accepts_labels_as_a_column_or_a_vector():
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, 100, generator=torch.Generator().manual_seed(3))
    w_column, b_column = linreg.least_squares(X, y)
    w_vector, b_vector = linreg.least_squares(X, y[:, 0])
    assert torch.equal(w_column, w_vector) and torch.equal(b_column, b_vector)


def test_least_squares_explains_linearly_dependent_features():
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, 100, generator=torch.Generator().manual_seed(4))
    with pytest.raises(ValueError, match="linearly dependent"):
        linreg.least_squares(torch.cat([X, X[:, :1]], dim=1), y)


def test_least_squares_explains_labels_that_do_not_match_the_rows():
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, 100, generator=torch.Generator().manual_seed(5))
    with pytest.raises(ValueError, match="one label per row"):
        linreg.least_squares(X, y[:50])
