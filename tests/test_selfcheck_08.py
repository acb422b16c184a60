"""Self-checks of notebook 08 (Paths, playground, d2l 1.0), as tables: right answers, and wrong ones with their hint."""

import math

import numpy as np
import pytest
import torch
from conftest import table_tests
from d2l import torch as d2l
from torch import nn

import selfcheck

SEED = 11
true_w, true_b = torch.tensor([2, -3.4]), 4.2


def a_model(init=None, materialize=True, bias=nn.init.zeros_, seed=SEED):
    """A d2l 1.0 LinearRegression on 08's two features, its weight set by ``init`` (None: left as it is)."""
    torch.manual_seed(seed)
    model = d2l.LinearRegression(lr=0.03)
    if materialize:
        model(torch.zeros(1, len(true_w)))  # 08's solution sends data.X[:1]
        if init is not None:
            init(model.net.weight)
        bias(model.net.bias)
    return model


def article(weight):  # 08's solution
    return nn.init.normal_(weight, mean=0, std=0.01)


# 08's solutions to exercise 6, as the notebook writes them
def standardize(X):
    mean, std = X.mean(dim=0), X.std(dim=0)
    return (X - mean) / std, mean, std


def to_original_units(w_std, b_std, mean, std):
    return w_std / std, b_std - (w_std * mean / std).sum()


def standardized_by(center, scale, stats=None):
    """A standardize(X) that returns (X - center(X)) / scale(X) and the stats (``stats``: others)."""

    def standardize(X):
        mean, std = center(X), scale(X)
        return (X - mean) / std, *(stats(X) if stats else (mean, std))

    return standardize


def columns_mean(X):
    return X.mean(dim=0)


def sample_std(X):
    return X.std(dim=0)


def population_std(X):
    return X.std(dim=0, correction=0)


def numpy_standardize(X):  # NumPy's std divides by n
    X = np.asarray(X, dtype=np.float64)
    mean, std = X.mean(axis=0), X.std(axis=0)
    return (X - mean) / std, mean, std


def keepdim_standardize(X):
    std, mean = torch.std_mean(X, dim=0, keepdim=True)
    return [(X - mean) / std, mean, std]


def in_place(X):
    mean, std = X.mean(dim=0), X.std(dim=0)
    X -= mean
    X /= std
    return X, mean, std


def stats_after(X):
    X = (X - X.mean(dim=0)) / X.std(dim=0)
    return X, X.mean(dim=0), X.std(dim=0)


X_OTHER = torch.randn(100, 4, generator=torch.Generator().manual_seed(SEED)) * 3 + 7


def back(w, b):
    """A to_original_units that returns w(w_std, mean, std) and b(b_std, w_std, mean, std)."""
    return lambda w_std, b_std, mean, std: (w(w_std, mean, std), b(b_std, w_std, mean, std))


def divided(w_std, mean, std):
    return w_std / std


def corrected(b_std, w_std, mean, std):
    return b_std - (w_std * mean / std).sum()


def numpy_back(w_std, b_std, mean, std):
    w_std, mean, std = (np.asarray(t, dtype=np.float64) for t in (w_std, mean, std))
    w = w_std / std
    return w, float(b_std[0]) - float(w @ mean)


def loop_back(w_std, b_std, mean, std):
    w, b = [], b_std.item()
    for j in range(len(w_std)):
        w.append(w_std[j].item() / std[j].item())
        b -= w[j] * mean[j].item()
    return torch.tensor(w).reshape(1, -1), b


def in_place_back(w_std, b_std, mean, std):
    b = b_std - (w_std * mean / std).sum()
    w_std /= std
    return w_std, b


RIGHT = [
    pytest.param(selfcheck.gd_steps, (75,), id="gd_steps: 08's solution"),
    pytest.param(selfcheck.gd_steps, (math.log(0.01) / math.log(0.94),), id="gd_steps: 74.4"),
    pytest.param(selfcheck.gd_steps, (torch.tensor([74.4]),), id="gd_steps: a one-element tensor"),
    pytest.param(
        selfcheck.gd_steps,
        (torch.log(torch.tensor(0.01, dtype=torch.float64)) / torch.log(torch.tensor(0.94)),),
        id="gd_steps: a 0-d float64 tensor",
    ),
    pytest.param(selfcheck.article_init, (a_model(article),), id="article_init: 08's solution"),
    *[
        pytest.param(
            selfcheck.article_init, (a_model(article, seed=seed),), id=f"article_init: seed {seed}"
        )
        for seed in range(5)
    ],
    pytest.param(
        selfcheck.article_init,
        (
            a_model(
                lambda w: nn.init.normal_(w, 0, 0.01, generator=torch.Generator().manual_seed(SEED))
            ),
        ),
        id="article_init: with a generator",
    ),
    pytest.param(
        selfcheck.article_init,
        (a_model(lambda w: nn.init.trunc_normal_(w, std=0.01)),),
        id="article_init: trunc_normal_",
    ),
    pytest.param(selfcheck.stable_lrs, (0.2, 0.5), id="stable_lrs: 08's solution"),
    pytest.param(
        selfcheck.stable_lrs, (torch.tensor(0.2), torch.tensor([0.5])), id="stable_lrs: tensors"
    ),
    pytest.param(selfcheck.standardize, (standardize,), id="standardize: 08's solution"),
    pytest.param(
        selfcheck.standardize,
        (standardized_by(columns_mean, population_std),),
        id="standardize: the population std, divided by n",
    ),
    pytest.param(selfcheck.standardize, (numpy_standardize,), id="standardize: NumPy, float64"),
    pytest.param(
        selfcheck.standardize, (keepdim_standardize,), id="standardize: std_mean, keepdim, a list"
    ),
    pytest.param(
        selfcheck.standardize,
        (lambda X: standardize(X.double()),),
        id="standardize: in float64",
    ),
    pytest.param(
        selfcheck.to_original_units, (to_original_units,), id="to_original_units: 08's solution"
    ),
    pytest.param(
        selfcheck.to_original_units,
        (back(divided, lambda b, w_std, mean, std: b - (w_std / std * mean).sum()),),
        id="to_original_units: the new weights times the means",
    ),
    pytest.param(selfcheck.to_original_units, (numpy_back,), id="to_original_units: NumPy"),
    pytest.param(selfcheck.to_original_units, (loop_back,), id="to_original_units: a loop, floats"),
]

WRONG = [
    pytest.param(
        selfcheck.gd_steps,
        (151,),
        "twice too many: the gradient of the mean squared error carries a factor 2",
        id="gd_steps: 1 - eta lambda",
    ),
    pytest.param(
        selfcheck.gd_steps,
        (37,),
        "that cuts the loss's excess (the square of the distance) 100-fold",
        id="gd_steps: the loss",
    ),
    pytest.param(
        selfcheck.gd_steps,
        (math.log(0.94) / math.log(0.01),),
        "divide the logarithms the other way round",
        id="gd_steps: the ratio inverted",
    ),
    pytest.param(
        selfcheck.gd_steps,
        (10,),
        "10 steps is off: find the factor 1 - 2 eta lambda per step",
        id="gd_steps: another number",
    ),
    pytest.param(
        selfcheck.gd_steps,
        (torch.tensor([75.0, 75.0]),),
        "pass a number of steps, not <tensor of shape (2,)>",
        id="gd_steps: a vector",
    ),
    pytest.param(
        selfcheck.gd_steps, ("75",), "pass a number of steps, not '75'", id="gd_steps: a string"
    ),
    pytest.param(
        selfcheck.article_init,
        (a_model(lambda w: nn.init.normal_(w, 0, 0.01**2)),),
        "far too small for N(0, 0.01^2): the standard deviation is 0.01, not its square",
        id="article_init: the variance as the std",
    ),
    pytest.param(
        selfcheck.article_init,
        (a_model(lambda w: nn.init.constant_(w, 0.01)),),
        "the weights are all equal, as nn.init.constant_ makes them",
        id="article_init: constant_(w, 0.01)",
    ),
    pytest.param(
        selfcheck.article_init,
        (a_model(nn.init.zeros_),),
        "the weights are all zero",
        id="article_init: zeros",
    ),
    pytest.param(
        selfcheck.article_init,
        (a_model(lambda w: nn.init.normal_(w, 0.01)),),
        "its second argument is the mean",
        id="article_init: normal_(w, 0.01)",
    ),
    pytest.param(
        selfcheck.article_init,
        (a_model(),),
        "LazyLinear replaces weights set before it",
        id="article_init: LazyLinear's own start",
    ),
    pytest.param(
        selfcheck.article_init,
        (a_model(materialize=False),),
        "the layer is still lazy",
        id="article_init: still lazy",
    ),
    pytest.param(
        selfcheck.article_init,
        (a_model(article, bias=lambda b: b),),
        "now set the bias to zero",
        id="article_init: LazyLinear's bias",
    ),
    pytest.param(
        selfcheck.article_init,
        (a_model(article, bias=lambda b: nn.init.normal_(b, 0, 0.01)),),
        "now set the bias to zero",
        id="article_init: a drawn bias",
    ),
    pytest.param(
        selfcheck.article_init,
        (nn.Linear(2, 1),),
        "pass the d2l.LinearRegression model itself",
        id="article_init: a layer",
    ),
    pytest.param(
        selfcheck.stable_lrs,
        (0.5, 0.2),
        "swapped: the first is for batch size 1",
        id="stable_lrs: swapped",
    ),
    pytest.param(
        selfcheck.stable_lrs,
        (0.2, 1.0),
        "far above the noise floor and climbing; a slow divergence",
        id="stable_lrs: 1.0 for batch size 200",
    ),
    pytest.param(
        selfcheck.stable_lrs,
        (0.5, 0.5),
        "with batch size 1 that rate diverges",
        id="stable_lrs: 0.5 for batch size 1",
    ),
    pytest.param(
        selfcheck.stable_lrs,
        (0.1, 0.2),
        "too careful: a larger one of the four still reaches a low loss",
        id="stable_lrs: too small",
    ),
    pytest.param(
        selfcheck.stable_lrs,
        (0.3, 0.5),
        "pick from the four rates 0.1, 0.2, 0.5 and 1.0",
        id="stable_lrs: not one of the four",
    ),
    pytest.param(
        selfcheck.stable_lrs,
        ("0.2", 0.5),
        "pass two learning rates, one per batch size, each one number, not '0.2'",
        id="stable_lrs: a string",
    ),
    pytest.param(
        selfcheck.standardize,
        (
            standardized_by(
                lambda X: X.mean(dim=1, keepdim=True), lambda X: X.std(dim=1, keepdim=True)
            ),
        ),
        "statistics of the rows, one per example: take them over the examples, dim=0",
        id="standardize: over the wrong axis",
    ),
    pytest.param(
        selfcheck.standardize,
        (standardized_by(columns_mean, lambda X: X.std()),),
        "one number for the whole X: take one per column",
        id="standardize: one std for all of X",
    ),
    pytest.param(
        selfcheck.standardize,
        (standardized_by(lambda X: X_OTHER.mean(dim=0), lambda X: X_OTHER.std(dim=0)),),
        "the means are not those of the columns of the X passed in",
        id="standardize: stats of a global X",
    ),
    pytest.param(
        selfcheck.standardize,
        (standardized_by(columns_mean, lambda X: X_OTHER.std(dim=0)),),
        "the standard deviations are not those of the columns of the X passed in",
        id="standardize: the std of a global X",
    ),
    pytest.param(
        selfcheck.standardize,
        (stats_after,),
        "you return are the standardized X's, about 0 and 1",
        id="standardize: the stats taken after standardizing",
    ),
    pytest.param(
        selfcheck.standardize,
        (lambda X: standardize(X)[0],),
        "return three things, (X_std, mean, std), not <tensor of shape (4, 4)>",
        id="standardize: the stats not returned",
    ),
    pytest.param(
        selfcheck.standardize,
        (lambda X: standardize(X)[1:] + standardize(X)[:1],),
        "return them in the order (X_std, mean, std)",
        id="standardize: another order",
    ),
    pytest.param(
        selfcheck.standardize,
        (standardized_by(columns_mean, lambda X: 1, lambda X: (X.mean(dim=0), X.std(dim=0))),),
        "centred but not scaled",
        id="standardize: not scaled",
    ),
    pytest.param(
        selfcheck.standardize,
        (standardized_by(lambda X: 0, sample_std, lambda X: (X.mean(dim=0), X.std(dim=0))),),
        "scaled but not centred",
        id="standardize: not centred",
    ),
    pytest.param(
        selfcheck.standardize,
        (standardized_by(columns_mean, lambda X: X.var(dim=0)),),
        "that is the variance",
        id="standardize: the variance",
    ),
    pytest.param(
        selfcheck.standardize,
        (standardized_by(columns_mean, population_std, lambda X: (X.mean(0), X.std(0))),),
        "X_std was divided by another standard deviation than the one you return",
        id="standardize: divided by n, returned the n - 1 std",
    ),
    pytest.param(
        selfcheck.standardize,
        (in_place,),
        "your function changed the X it was given",
        id="standardize: in place",
    ),
    pytest.param(
        selfcheck.standardize,
        (lambda X: standardize(X.numpy()),),
        "<lambda>(<tensor of shape (4, 4)>) raised TypeError",
        id="standardize: a crash",
    ),
    pytest.param(
        selfcheck.to_original_units,
        (back(divided, lambda b, w_std, mean, std: b),),
        "the bias is still b_std: the means shift it too",
        id="to_original_units: no bias correction",
    ),
    pytest.param(
        selfcheck.to_original_units,
        (back(lambda w_std, mean, std: w_std * std, corrected),),
        "the weights were multiplied by std",
        id="to_original_units: multiplied by std",
    ),
    pytest.param(
        selfcheck.to_original_units,
        (back(divided, lambda b, w_std, mean, std: b + (w_std * mean / std).sum()),),
        "the sign of the bias correction",
        id="to_original_units: the correction's sign",
    ),
    pytest.param(
        selfcheck.to_original_units,
        (back(divided, lambda b, w_std, mean, std: b - (w_std * mean).sum()),),
        "the bias correction needs the division by std too",
        id="to_original_units: the correction without / std",
    ),
    pytest.param(
        selfcheck.to_original_units,
        (back(divided, lambda b, w_std, mean, std: b - w_std * mean / std),),
        "the bias has one entry per feature: add the corrections",
        id="to_original_units: one bias per feature",
    ),
    pytest.param(
        selfcheck.to_original_units,
        (back(lambda w_std, mean, std: w_std, corrected),),
        "the weights are not w_std / std yet",
        id="to_original_units: the weights left standardized",
    ),
    pytest.param(
        selfcheck.to_original_units,
        (back(divided, lambda b, w_std, mean, std: b - (w_std * mean * std).sum()),),
        "the weights are right, the bias",
        id="to_original_units: another bias",
    ),
    pytest.param(
        selfcheck.to_original_units,
        (lambda w_std, b_std, mean, std: w_std / std,),
        "return two things, (w, b), not <tensor of shape (3,)>",
        id="to_original_units: the bias not returned",
    ),
    pytest.param(
        selfcheck.to_original_units,
        (in_place_back,),
        "your function changed the tensors it was given (w_std /= std?)",
        id="to_original_units: in place",
    ),
    pytest.param(
        selfcheck.to_original_units,
        (lambda w_std, b_std, mean, std: (w_std / std, b_std - (w_std * mean / std).sum(dim=1)),),
        "raised IndexError",
        id="to_original_units: a crash",
    ),
]


test_a_right_answer_is_right, test_a_wrong_answer_gets_the_hint_that_names_its_fault = table_tests(
    RIGHT, WRONG, unpack=True
)


@pytest.mark.parametrize(
    ("args", "answer"), [((10,), "75"), ((0.2, 1.0), "0.5"), ((0.1, 0.2), "0.2,")]
)
def test_a_hint_does_not_tell_the_answer(said, args, answer):
    check = selfcheck.gd_steps if len(args) == 1 else selfcheck.stable_lrs
    assert check(*args) is False
    assert answer not in said()
