"""Self-checks of notebook 01 (The computation graph): right answers pass, typical wrong ones get their hint."""

import torch

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


def f_prime(x):
    return 2 / x * torch.sin(x) + torch.log(x**2) * torch.cos(x) - x**-2


def test_derivative_f_approves_the_chain_and_product_rule(said):
    assert selfcheck.derivative_f(f_prime) is True
    assert said().startswith("Right:")


def test_derivative_f_names_the_sign_of_the_derivative_of_one_over_x(said):
    assert selfcheck.derivative_f(lambda x: f_prime(x) + 2 * x**-2) is False
    assert "-x^(-2)" in said()


def test_derivative_f_names_the_chain_rule_on_the_logarithm(said):
    selfcheck.derivative_f(lambda x: 1 / x * torch.sin(x) + torch.log(x**2) * torch.cos(x) - x**-2)
    assert "2/x" in said()


def test_derivative_f_hints_at_the_product_rule_for_other_mistakes(said):
    selfcheck.derivative_f(lambda x: 2 / x * torch.cos(x) - x**-2)
    assert "product rule" in said()


def test_derivative_f_wants_a_tensor_like_x(said):
    selfcheck.derivative_f(lambda x: 0.0824)
    assert "shape of x" in said()


def test_derivative_f_reports_a_crash_instead_of_raising(said):
    assert selfcheck.derivative_f(lambda x: x.undefined()) is False
    assert "raised AttributeError" in said()


def autograd_hessian(X, y, w, b):
    l = ((X @ w + b - y) ** 2).mean()
    (g,) = torch.autograd.grad(l, w, create_graph=True)
    return torch.stack(
        [torch.autograd.grad(g[j, 0], w, retain_graph=True)[0][:, 0] for j in range(len(g))]
    )


def test_hessian_w_approves_second_derivatives_by_autograd(said):
    assert selfcheck.hessian_w(autograd_hessian) is True
    assert said().startswith("Right:")


def test_hessian_w_approves_the_formula_and_torch_functional_hessian(said):
    assert selfcheck.hessian_w(lambda X, y, w, b: 2 / len(X) * X.T @ X) is True
    loss_of_w = lambda X, y, b: lambda w: ((X @ w + b - y) ** 2).mean()  # noqa: E731
    hessian = lambda X, y, w, b: torch.autograd.functional.hessian(loss_of_w(X, y, b), w)  # noqa: E731
    assert (
        selfcheck.hessian_w(lambda X, y, w, b: hessian(X, y, w, b).reshape(len(w), len(w))) is True
    )


def test_hessian_w_names_the_gradient_returned_instead(said):
    def gradient(X, y, w, b):
        return torch.autograd.grad(((X @ w + b - y) ** 2).mean(), w)[0]

    assert selfcheck.hessian_w(gradient) is False
    assert "first derivatives" in said()


def test_hessian_w_names_the_rows_added_up_by_differentiating_the_sum(said):
    def of_the_sum(X, y, w, b):
        (g,) = torch.autograd.grad(((X @ w + b - y) ** 2).mean(), w, create_graph=True)
        return torch.autograd.grad(g.sum(), w)[0]

    selfcheck.hessian_w(of_the_sum)
    assert "g.sum()" in said()


def test_hessian_w_names_a_missing_factor_of_two_and_a_sum_instead_of_a_mean(said):
    selfcheck.hessian_w(lambda X, y, w, b: X.T @ X / len(X))
    assert "factor of 2" in said()
    selfcheck.hessian_w(lambda X, y, w, b: 2 * X.T @ X)
    assert "factor of n" in said()


def test_hessian_w_wants_d_by_d(said):
    selfcheck.hessian_w(lambda X, y, w, b: 2 / len(X) * X @ X.T)
    assert "must be d x d = (3, 3)" in said()


def test_hessian_w_explains_that_backward_alone_cannot_differentiate_twice(said):
    def without_create_graph(X, y, w, b):
        (g,) = torch.autograd.grad(((X @ w + b - y) ** 2).mean(), w)
        return torch.stack([torch.autograd.grad(g[j, 0], w)[0][:, 0] for j in range(len(g))])

    assert selfcheck.hessian_w(without_create_graph) is False
    assert "raised RuntimeError: element 0 of tensors does not require grad" in said()
