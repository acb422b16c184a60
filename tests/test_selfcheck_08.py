"""Self-checks of notebook 08 (Paths, playground, d2l 1.0), as tables: right answers, and wrong ones with their hint."""

import math

import pytest
import torch
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
]


@pytest.mark.parametrize(("check", "args"), RIGHT)
def test_a_right_answer_is_right(said, check, args):
    assert check(*args) is True, said()
    assert said().startswith("Right:")


@pytest.mark.parametrize(("check", "args", "hint"), WRONG)
def test_a_wrong_answer_gets_the_hint_that_names_its_fault(said, check, args, hint):
    assert check(*args) is False
    assert (out := said()).startswith("Not yet:") and hint in out, out
    assert out.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "answer"), [((10,), "75"), ((0.2, 1.0), "0.5"), ((0.1, 0.2), "0.2,")]
)
def test_a_hint_does_not_tell_the_answer(said, args, answer):
    check = selfcheck.gd_steps if len(args) == 1 else selfcheck.stable_lrs
    assert check(*args) is False
    assert answer not in said()
