"""Self-checks of notebook 01 (The computation graph), as tables: right answers, and wrong ones with their hint."""

import numpy as np
import pytest
import torch
from conftest import table_tests

import selfcheck


# 01's worked solutions, as the notebook writes them
def grad_b(X, y, w, b):
    # dL/db of the mean squared error: 2/n times the sum of the residuals
    return 2 / len(X) * (X @ w + b - y).sum(dim=0)


def df(x):
    return 2 / x * torch.sin(x) + torch.log(x**2) * torch.cos(x) - x**-2


def hessian_w(X, y, w, b):
    l = ((X @ w + b - y) ** 2).mean()
    (g,) = torch.autograd.grad(l, w, create_graph=True)  # dL/dw, (d, 1), with a graph
    rows = [torch.autograd.grad(g[j, 0], w, retain_graph=True)[0] for j in range(len(g))]
    return torch.cat(rows, dim=1).T  # row j: the derivatives of g_j


def functional_hessian(X, y, w, b):
    def loss_of(w):
        return ((X @ w + b - y) ** 2).mean()

    return torch.autograd.functional.hessian(loss_of, w)


def of_the_sum(X, y, w, b):
    (g,) = torch.autograd.grad(((X @ w + b - y) ** 2).mean(), w, create_graph=True)
    return torch.autograd.grad(g.sum(), w)[0]


def gradient(X, y, w, b):
    return torch.autograd.grad(((X @ w + b - y) ** 2).mean(), w)[0]


def without_create_graph(X, y, w, b):
    (g,) = torch.autograd.grad(((X @ w + b - y) ** 2).mean(), w)
    return torch.stack([torch.autograd.grad(g[j, 0], w)[0][:, 0] for j in range(len(g))])


def residual(X, y, w, b):
    return X @ w + b - y


def central_difference(f, w, h):  # 01's solution to exercise 7, as the notebook writes it
    flat = torch.zeros(w.numel(), dtype=w.dtype)
    with torch.no_grad():
        for i in range(w.numel()):
            step = torch.zeros(w.numel(), dtype=w.dtype)
            step[i] = h
            step = step.reshape(w.shape)  # h in entry i, 0 elsewhere, shaped like w
            flat[i] = (f(w + step) - f(w - step)) / (2 * h)
    return flat.reshape(w.shape)


def differences(f, w, h, before, after, divide):
    """Entry i: (f(w + before e_i) - f(w + after e_i)) / divide, shaped like w (wrong answers)."""
    steps = torch.eye(w.numel(), dtype=w.dtype)
    slopes = [
        (f(w + before * e.reshape(w.shape)) - f(w + after * e.reshape(w.shape))) / divide
        for e in steps
    ]
    return torch.stack(slopes).reshape(w.shape)


def with_eye(f, w, h):  # the lesson's way: the rows of h times the identity, flattened
    steps = h * torch.eye(w.numel(), dtype=w.dtype)
    flat = w.reshape(-1)
    slopes = [
        (f((flat + e).reshape(w.shape)) - f((flat - e).reshape(w.shape))) / (2 * h) for e in steps
    ]
    return torch.stack(slopes).reshape(w.shape)


def in_place_restored(f, w, h):  # nudges w itself, then puts each entry back exactly
    grad, flat = torch.zeros_like(w), w.view(-1)
    for i in range(w.numel()):
        old = flat[i].item()
        flat[i] = old + h
        up = f(w)
        flat[i] = old - h
        down = f(w)
        flat[i] = old
        grad.view(-1)[i] = (up - down) / (2 * h)
    return grad


def in_place_not_restored(f, w, h):
    grad, flat = torch.zeros_like(w), w.view(-1)
    for i in range(w.numel()):
        flat[i] += h
        up = f(w)
        flat[i] -= 2 * h
        grad.view(-1)[i] = (up - f(w)) / (2 * h)
    return grad


def all_at_once(f, w, h):
    return torch.full_like(w, ((f(w + h) - f(w - h)) / (2 * h)).item())


def exact(f, w, h):  # autograd's derivative, not a finite difference
    w = w.detach().requires_grad_()
    return torch.autograd.grad(f(w), w)[0]


RIGHT = [
    pytest.param(selfcheck.grad_b, grad_b, id="grad_b: 01's solution"),
    pytest.param(
        selfcheck.grad_b,
        lambda X, y, w, b: 2 * residual(X, y, w, b).mean(dim=0),
        id="grad_b: 2 * mean",
    ),
    pytest.param(
        selfcheck.grad_b,
        lambda X, y, w, b: 2 * residual(X, y, w, b).mean().reshape(1),
        id="grad_b: a mean reshaped to (1,)",
    ),
    pytest.param(
        selfcheck.grad_b, lambda X, y, w, b: grad_b(X, y, w, b).double(), id="grad_b: in float64"
    ),
    pytest.param(
        selfcheck.grad_b,
        lambda X, y, w, b: grad_b(X, y, w, b).numpy(),
        id="grad_b: a NumPy array",
    ),
    pytest.param(selfcheck.derivative_f, df, id="derivative_f: 01's solution"),
    pytest.param(selfcheck.derivative_f, lambda x: df(x.double()), id="derivative_f: in float64"),
    pytest.param(
        selfcheck.derivative_f,
        lambda x: 2 * torch.sin(x) / x + 2 * torch.log(x.abs()) * torch.cos(x) - 1 / x**2,
        id="derivative_f: with 2 log|x|",
    ),
    pytest.param(selfcheck.hessian_w, hessian_w, id="hessian_w: 01's solution"),
    pytest.param(
        selfcheck.hessian_w, lambda X, y, w, b: 2 / len(X) * X.T @ X, id="hessian_w: the formula"
    ),
    pytest.param(
        selfcheck.hessian_w,
        lambda X, y, w, b: functional_hessian(X, y, w, b).reshape(len(w), len(w)).double(),
        id="hessian_w: torch.autograd.functional.hessian, reshaped, in float64",
    ),
    pytest.param(
        selfcheck.central_difference, central_difference, id="central_difference: 01's solution"
    ),
    pytest.param(
        selfcheck.central_difference, with_eye, id="central_difference: rows of h times eye"
    ),
    pytest.param(
        selfcheck.central_difference, in_place_restored, id="central_difference: in place, restored"
    ),
    pytest.param(
        selfcheck.central_difference,
        lambda f, w, h: central_difference(f, w, h).float(),
        id="central_difference: in float32",
    ),
    pytest.param(
        selfcheck.central_difference,
        lambda f, w, h: central_difference(f, w, h).numpy(),
        id="central_difference: a NumPy array",
    ),
]

WRONG = [
    pytest.param(
        selfcheck.grad_b,
        lambda X, y, w, b: -grad_b(X, y, w, b),
        "the sign is flipped",
        id="grad_b: y - y_hat",
    ),
    pytest.param(
        selfcheck.grad_b,
        lambda X, y, w, b: residual(X, y, w, b).mean(dim=0),
        "off by a factor of 2",
        id="grad_b: no 2",
    ),
    pytest.param(
        selfcheck.grad_b,
        lambda X, y, w, b: 2 * residual(X, y, w, b).sum(dim=0),
        "off by a factor of n",
        id="grad_b: a sum, not a mean",
    ),
    pytest.param(
        selfcheck.grad_b,
        lambda X, y, w, b: residual(X, y, w, b).sum(dim=0),
        "that is the sum of the residuals",
        id="grad_b: the sum of the residuals",
    ),
    pytest.param(
        selfcheck.grad_b,
        lambda X, y, w, b: 2 * (X @ w - y).mean(dim=0),
        "keep b in the residual: Xw + b - y",
        id="grad_b: b left out",
    ),
    pytest.param(
        selfcheck.grad_b,
        lambda X, y, w, b: 2 * residual(X, y, w, b).mean(),
        "that is a 0-d tensor; keep b's shape (1,)",
        id="grad_b: shape ()",
    ),
    pytest.param(
        selfcheck.grad_b,
        lambda X, y, w, b: 2 / len(X) * residual(X, y, w, b),
        "one number per example; add them up",
        id="grad_b: not summed",
    ),
    pytest.param(
        selfcheck.grad_b,
        lambda X, y, w, b: 2 / len(X) * X.T @ residual(X, y, w, b),
        "that has w's shape (3, 1), like dL/dw",
        id="grad_b: dL/dw",
    ),
    pytest.param(
        selfcheck.grad_b,
        lambda X, y, w, b: 0.5,
        "return dL/db as a tensor, not 0.5",
        id="grad_b: a float",
    ),
    pytest.param(
        selfcheck.derivative_f,
        lambda x: df(x) + 2 * x**-2,
        "the derivative of 1/x = x^(-1) is -x^(-2)",
        id="derivative_f: +x^-2",
    ),
    pytest.param(
        selfcheck.derivative_f,
        lambda x: 1 / x * torch.sin(x) + torch.log(x**2) * torch.cos(x) - x**-2,
        "its derivative is (1/x^2) * 2x = 2/x",
        id="derivative_f: 1/x for log(x^2)'",
    ),
    pytest.param(
        selfcheck.derivative_f,
        lambda x: 1 / x**2 * torch.sin(x) + torch.log(x**2) * torch.cos(x) - x**-2,
        "log(u) has the derivative u'/u",
        id="derivative_f: 1/x^2 for log(x^2)', no chain rule",
    ),
    pytest.param(
        selfcheck.derivative_f,
        lambda x: 2 / x * torch.cos(x) - x**-2,
        "the product rule: (uv)' = u'v + uv'",
        id="derivative_f: no product rule",
    ),
    pytest.param(
        selfcheck.derivative_f,
        lambda x: 2 / x * torch.sin(x) + 2 * torch.log(x) * torch.cos(x) - x**-2,
        "f'(x) is nan for x < 0: log(x^2) is 2 log|x| there",
        id="derivative_f: 2 log x",
    ),
    pytest.param(
        selfcheck.derivative_f,
        lambda x: torch.sin(x),
        "use the product rule on log(x^2) sin(x) (two terms)",
        id="derivative_f: something else",
    ),
    pytest.param(
        selfcheck.derivative_f,
        lambda x: 0.0824,
        "return f'(x), one value per entry of x, as a tensor, not 0.0824",
        id="derivative_f: a float",
    ),
    pytest.param(
        selfcheck.derivative_f,
        lambda x: df(x).sum(),
        "f'(x), one value per entry of x, has shape (); it must have shape (5,)",
        id="derivative_f: summed",
    ),
    pytest.param(
        selfcheck.hessian_w,
        gradient,
        "like the gradient (first derivatives)",
        id="hessian_w: the gradient",
    ),
    pytest.param(
        selfcheck.hessian_w,
        of_the_sum,
        "what differentiating g.sum() gives",
        id="hessian_w: rows added up",
    ),
    pytest.param(
        selfcheck.hessian_w,
        lambda X, y, w, b: X.T @ X / len(X),
        "off by a factor of 2",
        id="hessian_w: no 2",
    ),
    pytest.param(
        selfcheck.hessian_w,
        lambda X, y, w, b: 2 * X.T @ X,
        "off by a factor of n",
        id="hessian_w: a sum",
    ),
    pytest.param(
        selfcheck.hessian_w,
        lambda X, y, w, b: 2 / len(X) * X @ X.T,
        "the Hessian has shape (7, 7); it must have shape (3, 3)",
        id="hessian_w: X X^T",
    ),
    pytest.param(
        selfcheck.hessian_w,
        functional_hessian,
        "the right numbers, in shape (3, 1, 3, 1)",
        id="hessian_w: functional.hessian, not reshaped",
    ),
    pytest.param(
        selfcheck.hessian_w,
        lambda X, y, w, b: np.eye(3),
        "not the Hessian yet: compute the gradient with torch.autograd.grad",
        id="hessian_w: another matrix, as a NumPy array",
    ),
    pytest.param(
        selfcheck.hessian_w,
        lambda X, y, w, b: [[1.0]],
        "return the Hessian as a tensor, not [[1.0]]",
        id="hessian_w: a list",
    ),
    pytest.param(
        selfcheck.hessian_w,
        without_create_graph,
        "raised RuntimeError: element 0 of tensors does not require grad",
        id="hessian_w: no create_graph=True",
    ),
    pytest.param(
        selfcheck.central_difference,
        lambda f, w, h: differences(f, w, h, h, 0, h),
        "that is a forward difference, (f(w + h e_i) - f(w)) / h",
        id="central_difference: forward",
    ),
    pytest.param(
        selfcheck.central_difference,
        lambda f, w, h: differences(f, w, h, 0, -h, h),
        "that is a backward difference",
        id="central_difference: backward",
    ),
    pytest.param(
        selfcheck.central_difference,
        lambda f, w, h: differences(f, w, h, h, -h, h),
        "so divide by 2h, not h",
        id="central_difference: divided by h",
    ),
    pytest.param(
        selfcheck.central_difference,
        lambda f, w, h: differences(f, w, h, -h, h, 2 * h),
        "the sign is flipped",
        id="central_difference: f(w - h) - f(w + h)",
    ),
    pytest.param(
        selfcheck.central_difference,
        all_at_once,
        "you nudged all the entries at once",
        id="central_difference: all entries at once",
    ),
    pytest.param(
        selfcheck.central_difference,
        in_place_not_restored,
        "your function changed the w it was given",
        id="central_difference: w changed in place",
    ),
    pytest.param(
        selfcheck.central_difference,
        exact,
        "that is the exact derivative, not the central difference with the step h passed in",
        id="central_difference: autograd",
    ),
    pytest.param(
        selfcheck.central_difference,
        lambda f, w, h: central_difference(f, w, 1e-6),
        "not the central difference with the step h passed in: use that h",
        id="central_difference: its own tiny h",
    ),
    pytest.param(
        selfcheck.central_difference,
        lambda f, w, h: central_difference(f, w, h).reshape(-1),
        "return them shaped like w, (2, 3)",
        id="central_difference: flat",
    ),
    pytest.param(
        selfcheck.central_difference,
        lambda f, w, h: central_difference(f, w, h).T,
        "the numerical gradient has shape (3, 2); it must have shape (2, 3)",
        id="central_difference: transposed",
    ),
    pytest.param(
        selfcheck.central_difference,
        lambda f, w, h: (f(w + h) - f(w - h)) / (2 * h),
        "that is one number: the gradient has one entry per entry of w",
        id="central_difference: one number",
    ),
    pytest.param(
        selfcheck.central_difference,
        lambda f, w, h: torch.zeros_like(w),
        "not the central difference yet: entry i is (f(w + h e_i) - f(w - h e_i)) / (2h)",
        id="central_difference: zeros",
    ),
    pytest.param(
        selfcheck.central_difference,
        lambda f, w, h: f(w + h * torch.eye(3)),
        "raised RuntimeError: The size of tensor a (2) must match",
        id="central_difference: a crash",
    ),
]


test_a_right_answer_is_right, test_a_wrong_answer_gets_the_hint_that_names_its_fault = table_tests(
    RIGHT, WRONG
)
