"""Self-checks of notebook 05 (The training loop): right answers pass, typical wrong ones get their hint."""

import torch
from torch import nn

import selfcheck


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


def test_train_step_approves_zero_grad_backward_step(said):
    selfcheck.train_step(a_train_step())
    assert said().startswith("Right:")


def test_train_step_accepts_the_loss_returned_as_a_number(said):
    selfcheck.train_step(a_train_step(as_number=True))
    assert said().startswith("Right:")


def test_train_step_names_a_missing_zero_grad(said):
    selfcheck.train_step(a_train_step(zero_grad=False))
    assert "zero_grad" in said()


def test_train_step_names_a_missing_step(said):
    selfcheck.train_step(a_train_step(step=False))
    assert "optimizer.step()" in said()


def test_train_step_reports_a_crash_instead_of_raising(said):
    selfcheck.train_step(lambda net, loss, optimizer, X, y: loss(net(y), X))
    assert "raised RuntimeError" in said()


# weight_grad: exercise 4 (d2l 3.5, ex. 3) --------------------------------------


def a_weight_grad(zero_grad=True, backward=True, halve=False, what="grad"):
    """A learner's answer to exercise 4, with one of the typical slips."""

    def weight_grad(net, X, y):
        if zero_grad:
            net.zero_grad()
        l = nn.MSELoss()(net(X), y)
        if halve:
            l = l / 2
        if backward:
            l.backward()
        if what == "weight":
            return net[0].weight
        if what == "bias":
            return net[0].bias.grad
        return net[0].weight.grad

    return weight_grad


def test_weight_grad_approves_zero_grad_then_backward(said):
    assert selfcheck.weight_grad(a_weight_grad()) is True
    assert said().startswith("Right:")


def test_weight_grad_accepts_the_gradient_flattened(said):
    assert selfcheck.weight_grad(lambda net, X, y: a_weight_grad()(net, X, y).reshape(-1))
    assert said().startswith("Right:")


def test_weight_grad_names_a_missing_zero_grad(said):
    assert selfcheck.weight_grad(a_weight_grad(zero_grad=False)) is False
    assert "net.zero_grad()" in said()


def test_weight_grad_names_a_missing_backward(said):
    assert selfcheck.weight_grad(a_weight_grad(zero_grad=False, backward=False)) is False
    assert "call backward()" in said()


def test_weight_grad_names_the_weight_returned_instead_of_its_gradient(said):
    assert selfcheck.weight_grad(a_weight_grad(what="weight")) is False
    assert "the weight itself" in said()


def test_weight_grad_names_the_bias_gradient_by_its_shape(said):
    assert selfcheck.weight_grad(a_weight_grad(what="bias")) is False
    assert "(1, 3)" in said()


def test_weight_grad_names_a_halved_loss(said):
    assert selfcheck.weight_grad(a_weight_grad(halve=True)) is False
    assert "half the gradient" in said()


def test_weight_grad_reports_none_after_zero_grad_without_backward(said):
    assert selfcheck.weight_grad(a_weight_grad(backward=False)) is False
    assert "got NoneType" in said()


def test_weight_grad_reports_a_crash_instead_of_raising(said):
    assert selfcheck.weight_grad(lambda net, X, y: net(y)) is False
    assert "raised RuntimeError" in said()


# fit_resistance: exercise 6 (d2l 3.4, ex. 2) -----------------------------------


def a_fit_resistance(steps=100, lr=0.3, conductance=False, as_tensor=False, with_offset=False):
    """A learner's gradient descent for Ohm's law, right or with a typical slip."""

    def fit_resistance(I, V):
        inputs, targets = (V, I) if conductance else (I, V)
        R = torch.zeros((), requires_grad=True)
        offset = torch.zeros((), requires_grad=with_offset)
        optimizer = torch.optim.SGD([R, offset] if with_offset else [R], lr=lr)
        for _ in range(steps):
            l = ((R * inputs + offset - targets) ** 2).mean()
            optimizer.zero_grad()
            l.backward()
            optimizer.step()
        return R.detach() if as_tensor else R.item()

    return fit_resistance


def test_fit_resistance_approves_gradient_descent_on_R(said):
    assert selfcheck.fit_resistance(a_fit_resistance()) is True
    assert said().startswith("Right:")


def test_fit_resistance_accepts_a_tensor_and_a_fitted_offset(said):
    assert selfcheck.fit_resistance(a_fit_resistance(as_tensor=True, with_offset=True, steps=2000))
    assert said().startswith("Right:")


def test_fit_resistance_names_the_conductance(said):
    assert (
        selfcheck.fit_resistance(a_fit_resistance(conductance=True, lr=0.01, steps=3000)) is False
    )
    assert "conductance" in said()


def test_fit_resistance_names_a_descent_stopped_too_early(said):
    assert selfcheck.fit_resistance(a_fit_resistance(steps=10, lr=0.01)) is False
    assert "more steps" in said()


def test_fit_resistance_names_a_diverging_descent(said):
    assert selfcheck.fit_resistance(a_fit_resistance(lr=5.0, steps=1000)) is False
    assert "smaller" in said()


def test_fit_resistance_catches_a_number_fixed_in_advance(said):
    first = a_fit_resistance()(torch.linspace(0.1, 2.0, 20), 4.7 * torch.linspace(0.1, 2.0, 20))
    assert selfcheck.fit_resistance(lambda I, V: first) is False
    assert "two different resistors" in said()


def test_fit_resistance_wants_one_number(said):
    assert selfcheck.fit_resistance(lambda I, V: V / I) is False
    assert "one number" in said()


def test_fit_resistance_reports_a_crash_instead_of_raising(said):
    assert selfcheck.fit_resistance(lambda I, V: I @ V.reshape(-1, 1, 1)) is False
    assert "raised RuntimeError" in said()


# fit_temperature: exercise 7 (d2l 3.4, ex. 3) ----------------------------------

H, C, K = 6.62607015e-34, 2.99792458e8, 1.380649e-23


def a_fit_temperature(steps=100, lr=0.002, log_space=True, returns="T"):
    """A learner's fit of Planck's law, learning beta = 1000 K / T, right or with a slip."""

    def fit_temperature(wavelengths, B):
        x = H * C / (wavelengths * K)
        beta = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
        optimizer = torch.optim.SGD([beta], lr=lr)
        for _ in range(steps):
            model = 2 * H * C**2 / wavelengths**5 / torch.expm1(x * beta / 1000)
            if log_space:
                l = ((torch.log(model) - torch.log(B)) ** 2).mean()
            else:
                l = ((model - B) ** 2).mean()
            optimizer.zero_grad()
            l.backward()
            optimizer.step()
        T = 1000 / beta.item()
        return {"T": T, "beta": beta.item(), "kK": T / 1000, "log": torch.tensor(T).log()}[returns]

    return fit_temperature


def test_fit_temperature_approves_a_fit_of_log_B_in_beta(said):
    assert selfcheck.fit_temperature(a_fit_temperature()) is True
    assert said().startswith("Right:")


def test_fit_temperature_names_a_fit_of_B_itself_that_diverges(said):
    assert selfcheck.fit_temperature(a_fit_temperature(log_space=False)) is False
    assert "compare log B" in said()


def test_fit_temperature_names_beta_returned_instead_of_T(said):
    assert selfcheck.fit_temperature(a_fit_temperature(returns="beta")) is False
    assert "1000 / beta" in said()


def test_fit_temperature_names_thousands_of_kelvin(said):
    assert selfcheck.fit_temperature(a_fit_temperature(returns="kK")) is False
    assert "in kelvin" in said()


def test_fit_temperature_names_log_T(said):
    assert selfcheck.fit_temperature(a_fit_temperature(returns="log")) is False
    assert "log T" in said()


def test_fit_temperature_names_a_descent_stopped_too_early(said):
    assert selfcheck.fit_temperature(a_fit_temperature(steps=3, lr=0.0002)) is False
    assert "more steps" in said()


def test_fit_temperature_catches_a_number_fixed_in_advance(said):
    assert selfcheck.fit_temperature(lambda wavelengths, B: 5800.0) is False
    assert "two different spectra" in said()


def test_fit_temperature_reports_a_crash_instead_of_raising(said):
    assert (
        selfcheck.fit_temperature(lambda wavelengths, B: wavelengths @ B.reshape(-1, 1, 1)) is False
    )
    assert "raised RuntimeError" in said()
