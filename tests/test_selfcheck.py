"""The self-checks say what is right, or what is wrong and how to fix it."""

import torch

import selfcheck


def said(capsys):
    return capsys.readouterr().out


def test_same_draws_approves_equal_tensors_and_explains_different_ones(capsys):
    a = torch.randn(3, generator=torch.Generator().manual_seed(1))
    b = torch.randn(3, generator=torch.Generator().manual_seed(1))
    selfcheck.same_draws(a, b)
    assert said(capsys).startswith("Right:")
    selfcheck.same_draws(a, a + 1)
    assert "Not yet:" in (out := said(capsys)) and "manual_seed" in out


def test_grad_b_approves_the_right_gradient(capsys):
    selfcheck.grad_b(lambda X, y, w, b: 2 * (X @ w + b - y).mean(dim=0))
    assert said(capsys).startswith("Right:")


def test_grad_b_names_a_missing_factor_of_two(capsys):
    selfcheck.grad_b(lambda X, y, w, b: (X @ w + b - y).mean(dim=0))
    assert "factor of 2" in said(capsys)


def test_grad_b_names_a_sum_instead_of_a_mean(capsys):
    selfcheck.grad_b(lambda X, y, w, b: 2 * (X @ w + b - y).sum(dim=0))
    assert "factor of n" in said(capsys)


def test_grad_b_catches_a_residual_that_forgets_b(capsys):
    selfcheck.grad_b(lambda X, y, w, b: 2 * (X @ w - y).mean(dim=0))
    assert "keep b in the residual" in said(capsys)


def test_grad_b_wants_the_shape_of_b(capsys):
    selfcheck.grad_b(lambda X, y, w, b: 2 * (X @ w + b - y).mean())
    assert "must be a tensor of b's shape, (1,)" in said(capsys)


def test_grad_b_reports_a_crash_instead_of_raising(capsys):
    selfcheck.grad_b(lambda X, y, w, b: X @ y)
    assert "raised RuntimeError" in said(capsys)


def test_noisy_data_checks_shapes_and_noise_level(capsys):
    w, b = torch.tensor([1.0, -1.0]), 0.5
    X = torch.randn(2000, 2, generator=torch.Generator().manual_seed(0))
    noise = 0.1 * torch.randn(2000, generator=torch.Generator().manual_seed(1))
    selfcheck.noisy_data(X, (X @ w + b + noise).reshape(-1, 1), w, b, noise_std=0.1)
    assert said(capsys).startswith("Right:")
    selfcheck.noisy_data(X, (X @ w + b + noise / 10).reshape(-1, 1), w, b, noise_std=0.1)
    assert "scale the noise" in said(capsys)
    selfcheck.noisy_data(X, X @ w + b + noise, w, b, noise_std=0.1)
    assert "must be a column" in said(capsys)


def test_num_batches_approves_the_ceiling_and_explains_drop_last(capsys):
    selfcheck.num_batches(lambda n, size, drop_last: n // size if drop_last else -(-n // size))
    assert said(capsys).startswith("Right:")
    selfcheck.num_batches(lambda n, size, drop_last: n // size)
    assert "partial batch counts" in said(capsys)


def test_num_parameters_names_forgotten_biases(capsys):
    selfcheck.num_parameters(lambda i, o: i * o + o)
    assert said(capsys).startswith("Right:")
    selfcheck.num_parameters(lambda i, o: i * o)
    assert "forget the biases" in said(capsys)


def a_train_step(zero_grad=True, step=True, as_number=False):
    """A learner's answer to 05's exercise, with any of its three parts left out."""

    def train_step(net, loss, optimizer, X, y):
        l = loss(net(X), y)
        if zero_grad:
            optimizer.zero_grad()
        l.backward()
        if step:
            optimizer.step()
        return l.item() if as_number else l

    return train_step


def test_train_step_approves_zero_grad_backward_step(capsys):
    selfcheck.train_step(a_train_step())
    assert said(capsys).startswith("Right:")


def test_train_step_accepts_the_loss_returned_as_a_number(capsys):
    selfcheck.train_step(a_train_step(as_number=True))
    assert said(capsys).startswith("Right:")


def test_train_step_names_a_missing_zero_grad(capsys):
    selfcheck.train_step(a_train_step(zero_grad=False))
    assert "zero_grad" in said(capsys)


def test_train_step_names_a_missing_step(capsys):
    selfcheck.train_step(a_train_step(step=False))
    assert "optimizer.step()" in said(capsys)


def test_sum_reduction_lr_wants_the_learning_rate_divided_by_the_batch_size(capsys):
    selfcheck.sum_reduction_lr(0.003)
    assert said(capsys).startswith("Right:")
    selfcheck.sum_reduction_lr(0.3)
    assert "other way round" in said(capsys)
