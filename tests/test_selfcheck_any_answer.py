"""Every self-check answers any answer with Right or Not yet, never with a traceback of its own.

A learner's answer may come in float64, as a one-element tensor, as a vector, or
as nothing at all; a check reads it, or says what kind of answer it wants.
"""

import pytest
import torch
from torch import nn

import selfcheck


def f_prime(x):
    return 2 / x * torch.sin(x) + torch.log(x**2) * torch.cos(x) - x**-2


@pytest.mark.parametrize(
    ("check", "answer"),
    [
        (selfcheck.grad_b, lambda X, y, w, b: 2 * (X @ w + b - y).mean(dim=0).double()),
        (selfcheck.derivative_f, lambda x: f_prime(x).double()),
        (selfcheck.hessian_w, lambda X, y, w, b: (2 / len(X) * X.T @ X).double()),
        (selfcheck.loss_gap, torch.tensor(6e-7)),
        (
            selfcheck.num_batches,
            lambda n, size, drop_last: torch.tensor(n // size if drop_last else -(-n // size)),
        ),
        (selfcheck.num_parameters, lambda n_in, n_out: torch.tensor((n_in + 1) * n_out)),
    ],
)
def test_a_right_answer_in_another_dtype_or_as_a_tensor_is_right(said, check, answer):
    assert check(answer) is True
    assert said().startswith("Right:")


def test_weight_grad_reads_a_float64_gradient(said):
    def in_float64(net, X, y):
        net.zero_grad()
        nn.MSELoss()(net(X), y).backward()
        return net[0].weight.grad.double()

    assert selfcheck.weight_grad(in_float64) is True


def test_layers_made_in_float64_are_judged_by_their_parameters(said):
    def affine(layer):
        new = nn.Linear(layer.in_features + 1, layer.out_features, bias=False).double()
        new.weight.data = torch.cat([layer.weight, layer.bias[:, None]], dim=1).double()
        return new

    def collapse(first, second):
        new = nn.Linear(first.in_features, second.out_features).double()
        new.weight.data = (second.weight @ first.weight).double()
        new.bias.data = (second.weight @ first.bias + second.bias).double()
        return new

    assert selfcheck.affine_to_linear(affine) is True
    assert selfcheck.collapse_layers(collapse) is True


def test_grad_b_names_a_flipped_sign(said):
    assert selfcheck.grad_b(lambda X, y, w, b: 2 * (y - X @ w - b).mean(dim=0)) is False
    assert "sign is flipped" in said()


@pytest.mark.parametrize(
    ("check", "answer", "hint"),
    [
        (selfcheck.loss_gap, torch.tensor([6e-7, 6e-7]), "pass one number"),
        (
            selfcheck.num_batches,
            lambda n, size, drop_last: torch.tensor([1, 2]),
            "you said <tensor of shape (2,)>",
        ),
        (selfcheck.num_parameters, lambda n_in, n_out: None, "you said None"),
        (selfcheck.hessian_w, lambda X, y, w, b: [[1.0]], "return a tensor, not a list"),
        (selfcheck.fit_temperature, lambda wavelengths, B: B, "return T as one number"),
    ],
)
def test_an_answer_of_the_wrong_kind_is_told_what_kind_to_give(said, check, answer, hint):
    assert check(answer) is False
    assert hint in said()


def test_train_step_asks_for_the_loss_as_one_number(said):
    def returns_every_loss(net, loss, optimizer, X, y):
        losses = nn.MSELoss(reduction="none")(net(X), y)
        optimizer.zero_grad()
        losses.mean().backward()
        optimizer.step()
        return losses

    assert selfcheck.train_step(returns_every_loss) is False
    assert "return the batch's loss as one number, not <tensor of shape (10, 1)>" in said()


def test_hessian_w_reports_a_crash_in_one_line(said):
    assert selfcheck.hessian_w(lambda X, y, w, b: X @ y) is False
    assert (out := said()).startswith("Not yet: <lambda>(") and "RuntimeError" in out
    assert out.count("\n") == 1


def test_noisy_data_asks_for_the_tensors_and_reads_float64_ones(said):
    assert selfcheck.noisy_data([[1.0]], [1.0], [1.0], 0.0, 0.1) is False
    assert "pass the tensors you drew" in said()
    w = torch.tensor([2.0, -3.4])
    X = torch.randn(2000, 2, generator=torch.Generator().manual_seed(2), dtype=torch.float64)
    y = (X @ w.double() + 4.2 + 0.1 * torch.randn(2000, dtype=torch.float64)).reshape(-1, 1)
    assert selfcheck.noisy_data(X, y, w, 4.2, 0.1) is True


def draw(w, b, n, generator):
    X = torch.normal(0, 1, (n, len(w)), generator=generator)
    return X, (X @ w + b + torch.normal(0, 0.01, (n,), generator=generator)).reshape(-1, 1)


def test_fresh_batches_wants_pairs_of_tensors(said):
    assert (
        selfcheck.fresh_batches(lambda w, b, size, count, generator: [torch.ones(size, 3)] * count)
        is False
    )
    assert "yield one pair of tensors (X_batch, y_batch) per batch" in said()


def test_fresh_batches_checks_the_shape_of_every_batch(said):
    def last_one_short(w, b, batch_size, num_batches, generator):
        for i in range(num_batches):
            yield draw(w, b, batch_size - (i == num_batches - 1), generator)

    assert selfcheck.fresh_batches(last_one_short) is False
    assert "X_batch has shape (7, 3)" in said()


def test_fresh_batches_reports_a_crash_in_a_later_pass(said):
    calls = []

    def once_only(w, b, batch_size, num_batches, generator):
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("the data are used up")
        for _ in range(num_batches):
            yield draw(w, b, batch_size, generator)

    assert selfcheck.fresh_batches(once_only) is False
    assert "raised RuntimeError: the data are used up" in said()
