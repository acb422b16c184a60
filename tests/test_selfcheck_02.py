"""Self-checks of notebook 02 (Synthetic data), as tables: right answers, and wrong ones with their hint."""

import numpy as np
import pytest
import torch
from conftest import table_tests
from d2l import torch as d2l

import linreg
import selfcheck

SEED = 11
true_w, true_b = torch.tensor([2, -3.4, 5.6, 3.2, -0.6]), 4.2


# 02's worked solutions, as the notebook writes them
def best_constant_squared(x):
    return x.mean()


def best_constant_absolute(x):
    return x.median()  # for an even count, the lower middle value: also a minimizer


def ridge(X, y, lam):
    return torch.linalg.solve(X.T @ X + lam * torch.eye(X.shape[1]), X.T @ y)


def fixed_data(num_examples):
    generator = torch.Generator().manual_seed(SEED)
    return linreg.synthetic_data(true_w, true_b, num_examples, generator=generator)


def synthetic_data_noise(w, b, num_examples, noise_std, generator=None):
    # y = Xw + b + noise, the noise drawn from N(0, noise_std^2)
    X = torch.normal(0, 1, (num_examples, len(w)), generator=generator)
    y = torch.matmul(X, w) + b
    y += torch.normal(0, noise_std, y.shape, generator=generator)
    return X, y.reshape((-1, 1))


def noisy(noise=None, bias=True, x=None, n=1000):
    """Data drawn by 02's solution with noise_std=0.1, or with one of a learner's slips."""
    generator = torch.Generator().manual_seed(SEED)
    X = torch.normal(0, 1, (n, 5), generator=generator) if x is None else x(generator)
    y = X @ true_w + (true_b if bias else 0)
    y = y + (
        torch.normal(0, 0.1, y.shape, generator=generator) if noise is None else noise(generator)
    )
    return X, y.reshape(-1, 1), true_w, true_b, 0.1


def ridge_with(scale=1.0, penalty=torch.eye):
    return lambda X, y, lam: torch.linalg.solve(
        X.T @ X + scale * lam * penalty(X.shape[1]), X.T @ y
    )


def global_seed(num_examples):
    torch.manual_seed(SEED)
    return d2l.synthetic_data(true_w, true_b, num_examples)


def made_once_outside():
    generator = torch.Generator().manual_seed(SEED)
    return lambda num_examples: linreg.synthetic_data(
        true_w, true_b, num_examples, generator=generator
    )


def kept_global_state(num_examples):  # a right answer: the global state saved and put back
    state = torch.get_rng_state()
    torch.manual_seed(SEED)
    data = d2l.synthetic_data(true_w, true_b, num_examples)
    torch.set_rng_state(state)
    return data


def noise_from_global(w, b, num_examples, noise_std, generator=None):
    X = torch.normal(0, 1, (num_examples, len(w)), generator=generator)
    return X, (X @ w + b + torch.normal(0, noise_std, (num_examples,))).reshape(-1, 1)


def fixed_noise(w, b, num_examples, noise_std, generator=None):
    return synthetic_data_noise(w, b, num_examples, 0.1, generator)


RIGHT = [
    pytest.param(selfcheck.noisy_data, noisy(), id="noisy_data: 02's solution's data"),
    pytest.param(
        selfcheck.noisy_data,
        tuple(t.double() if isinstance(t, torch.Tensor) else t for t in noisy()),
        id="noisy_data: in float64",
    ),
    pytest.param(selfcheck.noisy_data, (synthetic_data_noise,), id="noisy_data: 02's function"),
    pytest.param(
        selfcheck.best_constant, (best_constant_squared, "squared"), id="best_constant: the mean"
    ),
    pytest.param(
        selfcheck.best_constant,
        (best_constant_absolute, "absolute"),
        id="best_constant: the median",
    ),
    pytest.param(
        selfcheck.best_constant,
        (lambda x: x.sum().item() / len(x), "squared"),
        id="best_constant: sum / n, a float",
    ),
    pytest.param(
        selfcheck.best_constant,
        (lambda x: np.median(x.numpy()), "absolute"),
        id="best_constant: np.median",
    ),
    pytest.param(
        selfcheck.best_constant,
        (lambda x: x.sort().values[len(x) // 2], "absolute"),
        id="best_constant: the upper middle value",
    ),
    pytest.param(
        selfcheck.best_constant,
        (lambda x: x.quantile(0.5), "absolute"),
        id="best_constant: the mean of the two middle values",
    ),
    pytest.param(selfcheck.ridge, (ridge,), id="ridge: 02's solution"),
    pytest.param(
        selfcheck.ridge,
        (lambda X, y, lam: ridge(X, y.reshape(-1, 1), lam),),
        id="ridge: the weights as a column",
    ),
    pytest.param(
        selfcheck.ridge,
        (lambda X, y, lam: X.T @ torch.linalg.solve(X @ X.T + lam * torch.eye(len(X)), y),),
        id="ridge: the dual form",
    ),
    pytest.param(
        selfcheck.ridge,
        (lambda X, y, lam: ridge(X.double(), y.double(), lam),),
        id="ridge: in float64",
    ),
    pytest.param(selfcheck.same_every_call, (fixed_data,), id="same_every_call: 02's solution"),
    pytest.param(
        selfcheck.same_every_call,
        (kept_global_state,),
        id="same_every_call: the global state saved and restored",
    ),
    pytest.param(selfcheck.loss_gap, (6 * 0.01**2 / 1000,), id="loss_gap: 02's solution"),
    pytest.param(selfcheck.loss_gap, (torch.tensor(6e-7),), id="loss_gap: a 0-d tensor"),
    pytest.param(selfcheck.loss_gap, (np.float32(6e-7),), id="loss_gap: a NumPy float32"),
]

WRONG = [
    pytest.param(
        selfcheck.noisy_data,
        noisy(bias=False),
        "y misses the bias",
        id="noisy_data: the bias forgotten",
    ),
    pytest.param(
        selfcheck.noisy_data,
        noisy(noise=lambda g: torch.normal(0, 0.1**2, (1000,), generator=g)),
        "that is noise_std^2, the variance",
        id="noisy_data: the variance as the std",
    ),
    pytest.param(
        selfcheck.noisy_data,
        noisy(noise=lambda g: torch.normal(0, 0.01, (1000,), generator=g))[:4] + (0.3,),
        "that is synthetic_data's own noise",
        id="noisy_data: synthetic_data's noise kept",
    ),
    pytest.param(
        selfcheck.noisy_data,
        noisy(noise=lambda g: 0.05 * torch.randn(1000, generator=g)),
        "not 0.1; scale the noise you add",
        id="noisy_data: half the noise",
    ),
    pytest.param(
        selfcheck.noisy_data,
        noisy(noise=lambda g: 0.1 * torch.rand(1000, generator=g)),
        "the noise must have mean 0",
        id="noisy_data: torch.rand noise",
    ),
    pytest.param(
        selfcheck.noisy_data,
        noisy(noise=lambda g: 0.1 * 3**0.5 * (2 * torch.rand(1000, generator=g) - 1)),
        "the noise is not Gaussian",
        id="noisy_data: uniform noise of std 0.1",
    ),
    pytest.param(
        selfcheck.noisy_data,
        noisy(noise=lambda g: torch.normal(0, 0.1, (1000, 1), generator=g)),
        "noise of shape (1000, 1) added to Xw + b of shape (1000,) broadcasts to (1000, 1000)",
        id="noisy_data: noise of shape (n, 1) broadcast",
    ),
    pytest.param(
        selfcheck.noisy_data,
        noisy(noise=lambda g: torch.zeros(1000)),
        "the labels have no noise",
        id="noisy_data: no noise",
    ),
    pytest.param(
        selfcheck.noisy_data,
        noisy()[:2] + (-true_w, true_b, 0.1),
        "still depends on X: compute the labels as X @ w + b",
        id="noisy_data: other weights",
    ),
    pytest.param(
        selfcheck.noisy_data,
        noisy(x=lambda g: torch.rand(1000, 5, generator=g)),
        "draw X from N(0, 1), as synthetic_data does",
        id="noisy_data: X uniform",
    ),
    pytest.param(
        selfcheck.noisy_data,
        (noisy()[0], noisy()[1].reshape(-1), true_w, true_b, 0.1),
        "y has shape (1000,); it must be a column, shape (1000, 1)",
        id="noisy_data: y a vector",
    ),
    pytest.param(
        selfcheck.noisy_data,
        (noisy()[0][:, :4], noisy()[1], true_w, true_b, 0.1),
        "it needs one column per weight, 5 columns",
        id="noisy_data: X with 4 columns",
    ),
    pytest.param(
        selfcheck.noisy_data,
        ([[1.0]], [1.0], [1.0], 0.0, 0.1),
        "pass the tensors you drew",
        id="noisy_data: lists",
    ),
    pytest.param(
        selfcheck.noisy_data,
        (noise_from_global,),
        "a draw used PyTorch's global generator: pass generator=generator to every draw",
        id="noisy_data: a function drawing the noise without the generator",
    ),
    pytest.param(
        selfcheck.noisy_data,
        (fixed_noise,),
        "has std 0.0997, not 1.0",
        id="noisy_data: a function ignoring noise_std",
    ),
    pytest.param(
        selfcheck.noisy_data,
        (
            lambda w, b, n, noise_std, generator=None: synthetic_data_noise(
                w, b, n, noise_std, generator
            )[0],
        ),
        "return X, y, a tuple of two tensors",
        id="noisy_data: a function returning X alone",
    ),
    pytest.param(
        selfcheck.best_constant,
        (best_constant_absolute, "squared"),
        "that is the best constant for the absolute loss (a median)",
        id="best_constant: a median for the squared loss",
    ),
    pytest.param(
        selfcheck.best_constant,
        (best_constant_squared, "absolute"),
        "that is the best constant for the squared loss (the mean)",
        id="best_constant: the mean for the absolute loss",
    ),
    pytest.param(
        selfcheck.best_constant,
        (lambda x: x.sum(), "squared"),
        "that is the sum of the x_i; divide by their number",
        id="best_constant: the sum",
    ),
    pytest.param(
        selfcheck.best_constant,
        (lambda x: x.max(), "squared"),
        "b = 40 does not give the smallest squared loss on x = [0.5, 1.0, 2.0, 3.5, 40.0]",
        id="best_constant: the largest",
    ),
    pytest.param(
        selfcheck.best_constant,
        (lambda x: x, "squared"),
        "return one number (a float or a 1-element tensor), not <tensor of shape (5,)>",
        id="best_constant: x itself",
    ),
    pytest.param(
        selfcheck.best_constant,
        (lambda x: x.median(dim=0), "absolute"),
        "return one number (a float or a 1-element tensor), not <",
        id="best_constant: median(dim=0), values and indices",
    ),
    pytest.param(
        selfcheck.best_constant,
        (best_constant_squared, "huber"),
        'pass loss="squared" or loss="absolute"',
        id="best_constant: an unknown loss",
    ),
    pytest.param(
        selfcheck.ridge,
        (ridge_with(penalty=lambda d: torch.ones(d, d)),),
        "add lam on the diagonal only",
        id="ridge: lam on every entry",
    ),
    *[
        pytest.param(
            selfcheck.ridge,
            (ridge_with(scale),),
            f"you added {what} on the diagonal",
            id=f"ridge: {what}",
        )
        for scale, what in [
            (20, "n * lam"),
            (0.05, "lam / n"),
            (2, "2 * lam"),
            (0.5, "lam / 2"),
            (-1, "-lam"),
        ]
    ],
    pytest.param(
        selfcheck.ridge,
        (lambda X, y, lam: torch.linalg.pinv(X) @ y,),
        "a least-squares solution without the penalty",
        id="ridge: no penalty, pinv",
    ),
    pytest.param(
        selfcheck.ridge,
        (lambda X, y, lam: torch.linalg.solve(X.T @ X, X.T @ y),),
        "raised _LinAlgError: torch.linalg.solve: The solver failed because the input matrix is singular",
        id="ridge: no penalty, solve crashes",
    ),
    pytest.param(
        selfcheck.ridge,
        (lambda X, y, lam: torch.full((4,), float("inf")),),
        "the weights are not finite",
        id="ridge: inf",
    ),
    pytest.param(
        selfcheck.ridge,
        (lambda X, y, lam: torch.zeros(5),),
        "the 4 weights, one per column of X, has shape (5,)",
        id="ridge: 5 weights",
    ),
    pytest.param(
        selfcheck.ridge,
        (lambda X, y, lam: torch.ones(4),),
        "these are not the ridge weights",
        id="ridge: other weights",
    ),
    pytest.param(
        selfcheck.same_every_call,
        (made_once_outside(),),
        "two calls gave different data",
        id="same_every_call: a generator made once, outside",
    ),
    pytest.param(
        selfcheck.same_every_call,
        (global_seed,),
        "your function moved PyTorch's global generator",
        id="same_every_call: torch.manual_seed inside",
    ),
    pytest.param(
        selfcheck.same_every_call,
        (lambda num_examples: fixed_data(1000),),
        "for num_examples=100 you returned X of shape (1000, 5)",
        id="same_every_call: num_examples ignored",
    ),
    pytest.param(
        selfcheck.same_every_call,
        (lambda n: (torch.ones(n, 5), torch.linspace(0, 1, n).reshape(-1, 1)),),
        "y is not Xw + b plus small noise",
        id="same_every_call: y unrelated to X",
    ),
    pytest.param(
        selfcheck.same_every_call,
        (lambda num_examples: torch.zeros(num_examples, 2),),
        "return the data as a tuple of two tensors, X, y",
        id="same_every_call: one tensor",
    ),
    *[
        pytest.param(selfcheck.loss_gap, (gap,), hint, id=f"loss_gap: {hint}")
        for gap, hint in [
            (5 * 0.01**2 / 1000, "you counted the five weights; the bias is fitted too"),
            (0.01**2 / 1000, "that is the gap for one fitted parameter"),
            (6 * 0.01**2, "divide by n: the gap is in the mean of n squared errors"),
            (6 * 0.01 / 1000, "use sigma^2, not sigma"),
            (1e-3, "0.001 is not the expected gap"),
        ]
    ],
    pytest.param(
        selfcheck.loss_gap,
        (torch.tensor([6e-7, 6e-7]),),
        "pass one number (a float, or a tensor holding one number), not <tensor of shape (2,)>",
        id="loss_gap: a vector",
    ),
    pytest.param(
        selfcheck.loss_gap,
        ("6e-7",),
        "pass one number (a float, or a tensor holding one number), not '6e-7'",
        id="loss_gap: a string",
    ),
]


test_a_right_answer_is_right, test_a_wrong_answer_gets_the_hint_that_names_its_fault = table_tests(
    RIGHT, WRONG, unpack=True
)


def test_same_every_call_puts_the_global_generator_back(said):
    state = torch.get_rng_state()
    selfcheck.same_every_call(global_seed)
    assert torch.equal(torch.get_rng_state(), state)
