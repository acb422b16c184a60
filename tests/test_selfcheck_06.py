"""Self-checks of notebook 06 (Experiments), as tables: right answers, and wrong ones with their hint."""

import numpy as np
import pytest
import torch
from conftest import table_tests
from torch import nn

import selfcheck


# 06's worked solutions, as the notebook writes them
def huber(y_hat, y, sigma):
    r = (y_hat - y).abs()
    return torch.where(r > sigma, r - sigma / 2, r**2 / (2 * sigma)).mean()


def poisson_loss(log_lam, k):
    return (torch.exp(log_lam) - k * log_lam).mean()


def pieces(line, offset=True, absolute=True, mean=True):
    """A learner's Huber loss: the line |r| - sigma / 2 where line(r, sigma), else r^2 / (2 sigma)."""

    def huber(y_hat, y, sigma):
        r = (y_hat - y).abs() if absolute else y_hat - y
        losses = torch.where(line(r, sigma), r - sigma / 2 * offset, r**2 / (2 * sigma))
        return losses.mean() if mean else losses

    return huber


def beyond(r, sigma):
    return r > sigma


RIGHT = [
    pytest.param(
        selfcheck.sum_reduction_lr, (0.03 / 100, 100), id="sum_reduction_lr: 06's solution"
    ),
    pytest.param(selfcheck.sum_reduction_lr, (0.003,), id="sum_reduction_lr: batch size 10"),
    pytest.param(
        selfcheck.sum_reduction_lr, (torch.tensor(0.0003), 100), id="sum_reduction_lr: a tensor"
    ),
    pytest.param(
        selfcheck.sum_reduction_lr, (np.float64(0.0003), 100), id="sum_reduction_lr: NumPy"
    ),
    pytest.param(selfcheck.huber, (huber,), id="huber: 06's solution"),
    pytest.param(
        selfcheck.huber,
        (lambda y_hat, y, sigma: nn.SmoothL1Loss(beta=sigma)(y_hat, y),),
        id="huber: nn.SmoothL1Loss(beta=sigma)",
    ),
    pytest.param(
        selfcheck.huber,
        (lambda y_hat, y, sigma: nn.HuberLoss(delta=sigma)(y_hat, y) / sigma,),
        id="huber: nn.HuberLoss(delta=sigma) / sigma",
    ),
    pytest.param(
        selfcheck.huber,
        (lambda y_hat, y, sigma: huber(y_hat.double(), y.double(), sigma),),
        id="huber: in float64",
    ),
    pytest.param(selfcheck.poisson_loss, (poisson_loss,), id="poisson_loss: 06's solution"),
    pytest.param(
        selfcheck.poisson_loss,
        (nn.PoissonNLLLoss(log_input=True),),
        id="poisson_loss: nn.PoissonNLLLoss",
    ),
]

RIGHT_WITH_LOG_K_FACTORIAL = [
    pytest.param(
        lambda log_lam, k: poisson_loss(log_lam, k) + torch.lgamma(k + 1).mean(),
        id="with log k!",
    ),
    pytest.param(
        nn.PoissonNLLLoss(log_input=True, full=True), id="PyTorch's full=True, Stirling's log k!"
    ),
]

WRONG = [
    pytest.param(
        selfcheck.sum_reduction_lr,
        (0.3,),
        "the other way round: the sum makes gradients larger",
        id="sum_reduction_lr: multiplied",
    ),
    pytest.param(
        selfcheck.sum_reduction_lr,
        (0.03, 100),
        "every step of the sum is batch_size = 100 times longer",
        id="sum_reduction_lr: unchanged",
    ),
    pytest.param(
        selfcheck.sum_reduction_lr,
        (0.03 / 100,),
        "right for batches of 100, not of 10: check the batch_size you pass",
        id="sum_reduction_lr: batch_size=100 not passed",
    ),
    pytest.param(
        selfcheck.sum_reduction_lr,
        (0.003, 100),
        "right for batches of 10, not of 100",
        id="sum_reduction_lr: divided by the default batch size",
    ),
    pytest.param(
        selfcheck.sum_reduction_lr,
        (0.01,),
        "lr=0.01 does not give the same steps",
        id="sum_reduction_lr: another rate",
    ),
    pytest.param(
        selfcheck.sum_reduction_lr,
        ("0.003",),
        "pass the learning rate as one number, not '0.003'",
        id="sum_reduction_lr: a string",
    ),
    pytest.param(
        selfcheck.huber,
        (lambda y_hat, y, sigma: nn.HuberLoss(delta=sigma)(y_hat, y),),
        "that is nn.HuberLoss(delta=sigma), sigma times d2l's loss",
        id="huber: nn.HuberLoss",
    ),
    pytest.param(
        selfcheck.huber,
        (lambda y_hat, y, sigma: huber(y_hat, y, sigma) * len(y),),
        "that is the sum over the examples; return their mean",
        id="huber: the sum",
    ),
    pytest.param(
        selfcheck.huber,
        (pieces(beyond, offset=False),),
        "beyond sigma subtract sigma / 2 from |r|",
        id="huber: no sigma / 2",
    ),
    pytest.param(
        selfcheck.huber,
        (pieces(lambda r, sigma: r <= sigma),),
        "the two pieces are swapped",
        id="huber: pieces swapped",
    ),
    pytest.param(
        selfcheck.huber,
        (pieces(beyond, absolute=False),),
        "take the absolute value, |r| = |y_hat - y|",
        id="huber: no absolute value",
    ),
    pytest.param(
        selfcheck.huber,
        (pieces(beyond, mean=False),),
        "return the mean over the examples, one number, as PyTorch's losses do, "
        "not <tensor of shape (40, 1)>",
        id="huber: one loss per example",
    ),
    pytest.param(
        selfcheck.huber,
        (lambda y_hat, y, sigma: huber(y_hat, y, 0.5),),
        "with sigma=2.0 the loss is",
        id="huber: right for one sigma only",
    ),
    pytest.param(
        selfcheck.poisson_loss,
        (lambda log_lam, k: -poisson_loss(log_lam, k),),
        "the sign is flipped: the loss is minus the log-likelihood",
        id="poisson_loss: the log-likelihood",
    ),
    pytest.param(
        selfcheck.poisson_loss,
        (lambda log_lam, k: (torch.exp(log_lam) - k * log_lam).sum(),),
        "that is the sum over the examples; return their mean",
        id="poisson_loss: the sum",
    ),
    pytest.param(
        selfcheck.poisson_loss,
        (lambda log_lam, k: (log_lam - k * torch.log(log_lam)).mean(),),
        "the input here is log lambda, so lambda = exp(log_lam)",
        id="poisson_loss: the loss for lambda",
    ),
    pytest.param(
        selfcheck.poisson_loss,
        (lambda log_lam, k: ((torch.exp(log_lam) - k) ** 2).mean(),),
        "take minus the log of p(k | lambda)",
        id="poisson_loss: the squared error",
    ),
    pytest.param(
        selfcheck.poisson_loss,
        (lambda log_lam, k: torch.exp(log_lam) - k * log_lam,),
        "return the mean over the examples, one number",
        id="poisson_loss: one loss per example",
    ),
]


test_a_right_answer_is_right, test_a_wrong_answer_gets_the_hint_that_names_its_fault = table_tests(
    RIGHT, WRONG, unpack=True
)


@pytest.mark.parametrize("answer", RIGHT_WITH_LOG_K_FACTORIAL)
def test_poisson_loss_calls_the_full_likelihood_right_and_says_why_log_k_factorial_may_go(
    said, answer
):
    assert selfcheck.poisson_loss(answer) is True
    assert (out := said()).startswith("Right:") and "log k!" in out


def test_sum_reduction_lr_does_not_tell_the_answer_to_a_wrong_one(said):
    assert selfcheck.sum_reduction_lr(0.01) is False
    assert "0.003" not in said()
