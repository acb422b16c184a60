"""Self-checks of notebook 05 (The training loop), as tables: right answers, and wrong ones with their hint."""

import contextlib

import pytest
import torch
from conftest import table_tests
from torch import nn

import selfcheck

h, c, k = 6.62607015e-34, 2.99792458e8, 1.380649e-23  # Planck, speed of light, Boltzmann


# 05's worked solutions, as the notebook writes them
def train_step(net, loss, optimizer, X, y):
    l = loss(net(X), y)
    optimizer.zero_grad()
    l.backward()
    optimizer.step()
    return l


def weight_grad(net, X, y):
    net.zero_grad()
    nn.MSELoss()(net(X), y).backward()
    return net[0].weight.grad


def fit_resistance(I, V):
    R = torch.zeros((), requires_grad=True)
    optimizer = torch.optim.SGD([R], lr=0.3)
    for _ in range(100):
        l = ((R * I - V) ** 2).mean()
        optimizer.zero_grad()
        l.backward()
        optimizer.step()
    return R.item()


def log_planck(wavelengths, T):
    x = h * c / (wavelengths * k * T)
    return torch.log(2 * h * c**2 / wavelengths**5) - torch.log(torch.expm1(x))


def fit_temperature(wavelengths, B):
    beta = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([beta], lr=0.002)
    for _ in range(100):
        l = ((log_planck(wavelengths, 1000 / beta) - torch.log(B)) ** 2).mean()
        optimizer.zero_grad()
        l.backward()
        optimizer.step()
    return 1000 / beta.item()


def momentum_step(params, velocities, lr, momentum):
    with torch.no_grad():
        for param, v in zip(params, velocities, strict=True):
            v.mul_(momentum).add_(param.grad)
            param -= lr * v


def a_train_step(order="zero_grad backward step", returns="l"):
    """A learner's answer to 05's exercise 3: its calls in the given order, and what it returns."""

    def train_step(net, loss, optimizer, X, y):
        l = loss(net(X), y)
        for name in order.split():
            {"zero_grad": optimizer.zero_grad, "backward": l.backward, "step": optimizer.step}[
                name
            ]()
        after = loss(net(X), y)
        return {"l": l, "item": l.item(), "after": after, "every": l.detach().repeat(10, 1)}[
            returns
        ]

    return train_step


def by_hand(lr):
    """A train step that updates the parameters itself, with its own learning rate."""

    def train_step(net, loss, optimizer, X, y):
        l = loss(net(X), y)
        net.zero_grad()
        l.backward()
        with torch.no_grad():
            for p in net.parameters():
                p -= lr * p.grad
        return l

    return train_step


def a_weight_grad(zero_grad=True, backward=True, halve=False, reduction="mean", what="grad"):
    """A learner's answer to 05's exercise 4, with one of the typical slips."""

    def weight_grad(net, X, y):
        if zero_grad:
            net.zero_grad()
        l = nn.MSELoss(reduction=reduction)(net(X), y) / (2 if halve else 1)
        if backward:
            l.backward()
        return {"grad": net[0].weight.grad, "weight": net[0].weight, "bias": net[0].bias.grad}[what]

    return weight_grad


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
        return R.detach().reshape(1, 1) if as_tensor else R.item()

    return fit_resistance


def a_fit_temperature(steps=100, lr=0.002, log_space=True, returns="T"):
    """A learner's fit of Planck's law, learning beta = 1000 K / T, right or with a slip."""

    def fit_temperature(wavelengths, B):
        x = h * c / (wavelengths * k)
        beta = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
        optimizer = torch.optim.SGD([beta], lr=lr)
        for _ in range(steps):
            model = 2 * h * c**2 / wavelengths**5 / torch.expm1(x * beta / 1000)
            diff = torch.log(model) - torch.log(B) if log_space else model - B
            l = (diff**2).mean()
            optimizer.zero_grad()
            l.backward()
            optimizer.step()
        T = 1000 / beta.item()
        return {"T": T, "beta": beta.item(), "kK": T / 1000, "log": torch.tensor(T).log()}[returns]

    return fit_temperature


def per_parameter(update, no_grad=True):
    """A learner's momentum_step for 05's exercise 9: update(velocities, i, param, lr, mu) for each."""

    def momentum_step(params, velocities, lr, momentum):
        with torch.no_grad() if no_grad else contextlib.nullcontext():
            for i, param in enumerate(params):
                update(velocities, i, param, lr, momentum)

    return momentum_step


def rebinds_the_velocity(params, velocities, lr, momentum):
    """The typical slip: v = ... makes a new tensor, and the list keeps the old one, zero."""
    with torch.no_grad():
        for param, v in zip(params, velocities, strict=True):
            v = momentum * v + param.grad
            param -= lr * v


def with_the_optimizer():
    """torch.optim.SGD(momentum=...) itself, made at the first call, its lr set at every call."""
    made = []

    def momentum_step(params, velocities, lr, momentum):
        if not made or made[0].param_groups[0]["params"][0] is not params[0]:  # a new check
            made[:] = [torch.optim.SGD(params, lr=lr, momentum=momentum)]
        made[0].param_groups[0]["lr"] = lr
        made[0].step()

    return momentum_step


I_try = torch.linspace(0.1, 2.0, 20)
fixed_R = a_fit_resistance()(I_try, 4.7 * I_try)

RIGHT = [
    pytest.param(selfcheck.train_step, train_step, id="train_step: 05's solution"),
    pytest.param(selfcheck.train_step, a_train_step(returns="item"), id="train_step: l.item()"),
    pytest.param(selfcheck.weight_grad, weight_grad, id="weight_grad: 05's solution"),
    pytest.param(
        selfcheck.weight_grad,
        lambda net, X, y: weight_grad(net, X, y).reshape(-1).double(),
        id="weight_grad: flattened, in float64",
    ),
    pytest.param(
        selfcheck.weight_grad,
        lambda net, X, y: torch.autograd.grad(nn.MSELoss()(net(X), y), net[0].weight)[0],
        id="weight_grad: torch.autograd.grad",
    ),
    pytest.param(selfcheck.fit_resistance, fit_resistance, id="fit_resistance: 05's solution"),
    pytest.param(
        selfcheck.fit_resistance,
        a_fit_resistance(as_tensor=True, with_offset=True, steps=2000),
        id="fit_resistance: a (1, 1) tensor, an offset fitted too",
    ),
    pytest.param(selfcheck.fit_temperature, fit_temperature, id="fit_temperature: 05's solution"),
    pytest.param(
        selfcheck.fit_temperature, a_fit_temperature(), id="fit_temperature: beta, by hand"
    ),
    pytest.param(selfcheck.momentum_step, momentum_step, id="momentum_step: 05's solution"),
    pytest.param(
        selfcheck.momentum_step, with_the_optimizer(), id="momentum_step: torch.optim.SGD itself"
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(
            lambda vs, i, p, lr, mu: vs.__setitem__(i, mu * vs[i] + p.grad) or p.sub_(lr * vs[i])
        ),
        id="momentum_step: a new velocity tensor put in the list",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(lambda vs, i, p, lr, mu: p.add_(lr * vs[i].mul_(mu).sub_(p.grad))),
        id="momentum_step: v <- mu v - g, p <- p + lr v (the velocity negated, lr outside)",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(
            lambda vs, i, p, lr, mu: (p.sub_(lr * vs[i].mul_(mu).add_(p.grad)), p.grad.zero_())
        ),
        id="momentum_step: the gradients zeroed after the step",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(
            lambda vs, i, p, lr, mu: p.data.sub_(lr * vs[i].mul_(mu).add_(p.grad)), False
        ),
        id="momentum_step: through .data, without no_grad",
    ),
]

WRONG = [
    pytest.param(
        selfcheck.train_step,
        a_train_step("backward step"),
        "the step used old gradients as well: call optimizer.zero_grad() before loss.backward()",
        id="train_step: no zero_grad",
    ),
    pytest.param(
        selfcheck.train_step,
        a_train_step("backward step zero_grad"),
        "the step used old gradients as well",
        id="train_step: zero_grad after the step",
    ),
    pytest.param(
        selfcheck.train_step,
        a_train_step("backward zero_grad step"),
        "zero_grad() after backward() cleared the gradients before step() could use them",
        id="train_step: zero_grad between backward and step",
    ),
    pytest.param(
        selfcheck.train_step,
        a_train_step("zero_grad backward"),
        "the parameters did not change: call optimizer.step() after loss.backward()",
        id="train_step: no step",
    ),
    pytest.param(
        selfcheck.train_step,
        a_train_step("step"),
        "the step used a gradient left from an earlier batch: call loss.backward()",
        id="train_step: no backward",
    ),
    pytest.param(
        selfcheck.train_step,
        a_train_step("zero_grad backward step step"),
        "but 0.2 times it, not lr = 0.1 times",
        id="train_step: two steps",
    ),
    pytest.param(
        selfcheck.train_step,
        by_hand(0.03),
        "but 0.03 times it, not lr = 0.1 times: make one update, with optimizer.step()",
        id="train_step: an update by hand with lr=0.03",
    ),
    pytest.param(
        selfcheck.train_step,
        a_train_step(returns="after"),
        "the update is right; now return the loss of the batch (before the step)",
        id="train_step: the loss after the step",
    ),
    pytest.param(
        selfcheck.train_step,
        a_train_step(returns="every"),
        "return the batch's loss as one number, not <tensor of shape (10, 1)>",
        id="train_step: one loss per example",
    ),
    pytest.param(
        selfcheck.weight_grad,
        a_weight_grad(zero_grad=False),
        "the old gradient is still in it: backward() adds into .grad",
        id="weight_grad: no zero_grad",
    ),
    pytest.param(
        selfcheck.weight_grad,
        a_weight_grad(zero_grad=False, backward=False),
        "that is the gradient left from an earlier pass",
        id="weight_grad: no backward",
    ),
    pytest.param(
        selfcheck.weight_grad,
        a_weight_grad(backward=False),
        "got None: .grad is None after zero_grad() until a backward pass fills it",
        id="weight_grad: zero_grad, no backward",
    ),
    pytest.param(
        selfcheck.weight_grad,
        a_weight_grad(what="weight"),
        "that is the weight itself",
        id="weight_grad: the weight",
    ),
    pytest.param(
        selfcheck.weight_grad,
        a_weight_grad(what="bias"),
        "that has shape (1,), the bias's: return the gradient of the weight",
        id="weight_grad: the bias's gradient",
    ),
    pytest.param(
        selfcheck.weight_grad,
        a_weight_grad(halve=True),
        "half the gradient: use nn.MSELoss()",
        id="weight_grad: a halved loss",
    ),
    pytest.param(
        selfcheck.weight_grad,
        a_weight_grad(reduction="sum"),
        "that is the gradient of the summed loss",
        id="weight_grad: reduction='sum'",
    ),
    pytest.param(
        selfcheck.fit_resistance,
        a_fit_resistance(conductance=True, lr=0.01, steps=3000),
        "that is the conductance 1/R",
        id="fit_resistance: I from V",
    ),
    pytest.param(
        selfcheck.fit_resistance,
        a_fit_resistance(steps=10, lr=0.01),
        "more steps, or a larger learning rate",
        id="fit_resistance: stopped too early",
    ),
    pytest.param(
        selfcheck.fit_resistance,
        a_fit_resistance(lr=5.0, steps=1000),
        "the descent diverged; make the learning rate smaller",
        id="fit_resistance: diverged",
    ),
    pytest.param(
        selfcheck.fit_resistance,
        lambda I, V: (V / I).mean(),
        "that is the mean of V / I",
        id="fit_resistance: the mean ratio",
    ),
    pytest.param(
        selfcheck.fit_resistance,
        lambda I, V: fixed_R,
        "the same R for two different resistors",
        id="fit_resistance: a number fixed in advance",
    ),
    pytest.param(
        selfcheck.fit_resistance,
        lambda I, V: V / I,
        "return R as one number, not <tensor of shape (20,)>",
        id="fit_resistance: V / I",
    ),
    pytest.param(
        selfcheck.fit_temperature,
        a_fit_temperature(log_space=False),
        "compare log B rather than B",
        id="fit_temperature: a fit of B, which diverges",
    ),
    pytest.param(
        selfcheck.fit_temperature,
        a_fit_temperature(returns="beta"),
        "return T = 1000 / beta",
        id="fit_temperature: beta",
    ),
    pytest.param(
        selfcheck.fit_temperature,
        a_fit_temperature(returns="kK"),
        "that looks like thousands of kelvin",
        id="fit_temperature: kilokelvin",
    ),
    pytest.param(
        selfcheck.fit_temperature,
        a_fit_temperature(returns="log"),
        "that looks like log T",
        id="fit_temperature: log T",
    ),
    pytest.param(
        selfcheck.fit_temperature,
        a_fit_temperature(steps=3, lr=0.0002),
        "train until the loss on log B stops falling",
        id="fit_temperature: stopped too early",
    ),
    pytest.param(
        selfcheck.fit_temperature,
        lambda wavelengths, B: 5800.0,
        "the same T for two different spectra",
        id="fit_temperature: a number fixed in advance",
    ),
    pytest.param(
        selfcheck.fit_temperature,
        lambda wavelengths, B: B,
        "return T as one number",
        id="fit_temperature: B",
    ),
    pytest.param(
        selfcheck.momentum_step,
        rebinds_the_velocity,
        "plain SGD steps, and the velocities stay zero: v = momentum * v + g makes a new tensor",
        id="momentum_step: v = momentum * v + g, not in place",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(lambda vs, i, p, lr, mu: (vs[i].mul_(mu).add_(p.grad), p.sub_(lr * p.grad))),
        "plain SGD steps, lr times this gradient: momentum ignored",
        id="momentum_step: the velocity kept, the step along the gradient",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(lambda vs, i, p, lr, mu: p.sub_(lr * vs[i].copy_(p.grad))),
        "momentum ignored; step along the velocity",
        id="momentum_step: the velocity is the gradient",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(lambda vs, i, p, lr, mu: p.add_(vs[i].mul_(mu).sub_(lr * p.grad))),
        "lr is inside your velocity (v <- momentum v - lr g, p <- p + v), which equals PyTorch's rule only for a constant lr",
        id="momentum_step: Sutskever's form, v <- mu v - lr g, p <- p + v",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(lambda vs, i, p, lr, mu: p.sub_(vs[i].mul_(mu).add_(lr * p.grad))),
        "right while lr stays the same, wrong once it changes: lr is inside your velocity",
        id="momentum_step: v <- mu v + lr g, p <- p - v",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(
            lambda vs, i, p, lr, mu: p.sub_(lr * vs[i].mul_(mu).add_(p.grad)), no_grad=False
        ),
        "The update ran outside torch.no_grad()",
        id="momentum_step: outside torch.no_grad()",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(lambda vs, i, p, lr, mu: (vs[i].mul_(mu).add_(p.grad), p - lr * vs[i])),
        "the velocities changed but the parameters did not: param = param - lr * v makes a new tensor",
        id="momentum_step: the parameter not changed in place",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(lambda vs, i, p, lr, mu: p.sub_(lr * vs[i].mul_(mu))),
        "neither the parameters nor the velocities changed: add param.grad into each velocity",
        id="momentum_step: the gradient never added",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(lambda vs, i, p, lr, mu: p.sub_(lr * vs[i].mul_(mu).add_(p))),
        "the velocity adds the parameter itself: add its gradient, param.grad",
        id="momentum_step: the parameter in place of its gradient",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(lambda vs, i, p, lr, mu: p.sub_(lr * vs[i].mul_(mu).add_((1 - mu) * p.grad))),
        "that is dampening, (1 - momentum) times the gradient: torch.optim.SGD's default dampening is 0",
        id="momentum_step: dampened, v <- mu v + (1 - mu) g",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(
            lambda vs, i, p, lr, mu: p.sub_(lr * (p.grad + mu * vs[i].mul_(mu).add_(p.grad)))
        ),
        "that is Nesterov's momentum (nesterov=True)",
        id="momentum_step: Nesterov",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(lambda vs, i, p, lr, mu: p.sub_(lr * vs[i].mul_(0.9).add_(p.grad))),
        "that is momentum 0.9, not the momentum passed in (0.5 here): use the argument",
        id="momentum_step: momentum fixed at 0.9",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(lambda vs, i, p, lr, mu: p.add_(lr * vs[i].mul_(mu).add_(p.grad))),
        "the parameters moved uphill: subtract lr times the velocity",
        id="momentum_step: p <- p + lr v",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(
            lambda vs, i, p, lr, mu: (
                p.sub_(lr * vs[i].mul_(mu).add_(p.grad)),
                p.requires_grad_(False),
            )
        ),
        "a parameter no longer requires grad",
        id="momentum_step: requires_grad turned off",
    ),
    pytest.param(
        selfcheck.momentum_step,
        per_parameter(lambda vs, i, p, lr, mu: p.sub_(lr * vs[i].mul_(mu).add_(p.grad) ** 2)),
        "the parameters moved, but not as torch.optim.SGD(momentum=...) moves them",
        id="momentum_step: the velocity squared",
    ),
    pytest.param(
        selfcheck.momentum_step,
        lambda params, velocities, lr, momentum: params[5],
        "raised IndexError: list index out of range",
        id="momentum_step: a crash",
    ),
]


test_a_right_answer_is_right, test_a_wrong_answer_gets_the_hint_that_names_its_fault = table_tests(
    RIGHT, WRONG
)
