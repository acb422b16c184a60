"""Self-checks of notebook 07 (Held-out data and schedules), as tables: right answers, and wrong ones with their hint."""

import numpy as np
import pytest
import torch
from conftest import table_tests

import selfcheck


# 07's worked solutions, as the notebook writes them
def lr_factor(step):
    return 500 / (step + 500)


def kept_epoch(val_losses):
    """Exercise 1's loop: the epoch (from 1) whose validation loss is the lowest so far."""
    best_l, best_epoch = float("inf"), 0
    for epoch in range(1, len(val_losses) + 1):
        l_val = val_losses[epoch - 1]
        if l_val < best_l:
            best_l, best_epoch = l_val, epoch
    return best_epoch


# Validation losses of 400 epochs, lowest at epoch 165 as in 07 (3.73e-04), then rising
U_SHAPED = [3.73e-4 + 1e-9 * (epoch - 165) ** 2 for epoch in range(1, 401)]
FALLING = [0.5, 0.3, 0.2, 0.25, 0.4, 0.35]  # lowest at epoch 3; the highest at epoch 1
FIRST_LOWEST = [0.1, 0.3, 0.2, 0.4]  # lowest at epoch 1: a 0-based answer is 0
TIED = [0.4, 0.2, 0.3, 0.2, 0.5]  # lowest at epochs 2 and 4


RIGHT = [
    pytest.param(selfcheck.min_examples, 21, id="min_examples: 07's solution"),
    pytest.param(selfcheck.min_examples, 21.0, id="min_examples: 21.0"),
    pytest.param(selfcheck.min_examples, np.int64(21), id="min_examples: a NumPy integer"),
    pytest.param(selfcheck.min_examples, torch.tensor(21), id="min_examples: a tensor"),
    pytest.param(selfcheck.lr_factor, lr_factor, id="lr_factor: 07's solution"),
    pytest.param(
        selfcheck.lr_factor, lambda step: 1 / (1 + step / 500), id="lr_factor: 1 / (1 + t / t1)"
    ),
    pytest.param(
        selfcheck.lr_factor, lambda step: torch.tensor(500 / (step + 500)), id="lr_factor: a tensor"
    ),
]

EARLY_STOPPING_RIGHT = [
    pytest.param(kept_epoch(U_SHAPED), U_SHAPED, id="07's solution loop"),
    pytest.param(165, U_SHAPED, id="165"),
    pytest.param(np.int64(165), U_SHAPED, id="a NumPy integer"),
    pytest.param(torch.tensor(165), U_SHAPED, id="a 0-d tensor"),
    pytest.param(torch.tensor([165]), U_SHAPED, id="a one-element tensor"),
    pytest.param(int(np.argmin(U_SHAPED)) + 1, U_SHAPED, id="argmin + 1"),
    pytest.param(165, torch.tensor(U_SHAPED), id="the losses as a tensor"),
    pytest.param(165, [torch.tensor(l) for l in U_SHAPED], id="the losses as 0-d tensors"),
    pytest.param(165, np.array(U_SHAPED), id="the losses as a NumPy array"),
    pytest.param(3, FALLING, id="a short list"),
    pytest.param(1, FIRST_LOWEST, id="lowest at epoch 1"),
    pytest.param(kept_epoch(TIED), TIED, id="tied: the first of two"),
    pytest.param(4, TIED, id="tied: the second of two (<= instead of <)"),
]

WRONG = [
    pytest.param(
        selfcheck.min_examples, 20, "one short: the bias is an unknown too", id="min_examples: 20"
    ),
    pytest.param(
        selfcheck.min_examples,
        10,
        "with 10 examples [X, 1] has rank at most 10",
        id="min_examples: too few",
    ),
    pytest.param(
        selfcheck.min_examples,
        30,
        "30 examples are enough, but fewer would do",
        id="min_examples: more than enough",
    ),
    pytest.param(
        selfcheck.min_examples,
        20.5,
        "20.5 is not a number of examples: pass a whole number",
        id="min_examples: not whole",
    ),
    pytest.param(
        selfcheck.min_examples,
        "21",
        "pass a whole number of examples, not '21'",
        id="min_examples: a string",
    ),
    pytest.param(
        selfcheck.lr_factor,
        lambda step: 0.03 * 500 / (step + 500),
        "return the factor (1 at step 0), not the learning rate",
        id="lr_factor: the rate itself",
    ),
    pytest.param(
        selfcheck.lr_factor,
        lambda step: 1 / (step + 1),
        "your factor halves after one step; it should halve after 500",
        id="lr_factor: t1 = 1",
    ),
    pytest.param(
        selfcheck.lr_factor,
        lambda step: 250 / (step + 500),
        "at step 0 the factor is 0.5; it must start at 1",
        id="lr_factor: starts at 1/2",
    ),
    pytest.param(
        selfcheck.lr_factor,
        lambda step: 0.5 ** (step / 500),
        "that halves every 500 steps, an exponential decay",
        id="lr_factor: exponential",
    ),
    pytest.param(
        selfcheck.lr_factor,
        lambda step: 1 - step / 1000,
        "it halves at step 500, but at step 1500 it is -0.5",
        id="lr_factor: linear",
    ),
    pytest.param(
        selfcheck.lr_factor,
        lambda step: 100 / (step + 100),
        "the factor at step 500 is 0.166667; it should have halved by then",
        id="lr_factor: t1 = 100",
    ),
    pytest.param(
        selfcheck.lr_factor,
        lambda step: "half",
        "lr_factor(0) must return a number, not 'half'",
        id="lr_factor: a string",
    ),
    pytest.param(
        selfcheck.lr_factor,
        lambda step: 500 / step,
        "<lambda>(0) raised ZeroDivisionError: division by zero",
        id="lr_factor: 1/t at step 0",
    ),
]


EARLY_STOPPING_WRONG = [
    pytest.param(164, U_SHAPED, "one too early: epochs count from 1", id="the list index"),
    pytest.param(
        int(np.argmin(U_SHAPED)), U_SHAPED, "epochs count from 1 (range(1, ...))", id="argmin"
    ),
    pytest.param(0, FIRST_LOWEST, "one too early: epochs count from 1", id="epoch 0"),
    pytest.param(166, U_SHAPED, "one too late: epochs count from 1", id="one too late"),
    pytest.param(
        400,
        U_SHAPED,
        "that is the last epoch, where the training loss is lowest",
        id="the last epoch",
    ),
    pytest.param(
        6, FALLING, "that is the last epoch, where the training loss is lowest", id="last, short"
    ),
    pytest.param(
        1, FALLING, "that is the epoch of the highest validation loss", id="the highest loss"
    ),
    pytest.param(
        3.73e-4, U_SHAPED, "that is the lowest validation loss itself", id="the loss, not the epoch"
    ),
    pytest.param(
        torch.tensor(0.2), FALLING, "that is the lowest validation loss itself", id="loss, a tensor"
    ),
    pytest.param(
        0.25, FALLING, "that is a validation loss, not an epoch", id="another epoch's loss"
    ),
    pytest.param(2.5, FALLING, "2.5 is not an epoch: pass a whole number", id="not whole"),
    pytest.param(7, FALLING, "val_losses holds 6 epochs: pass one from 1 to 6", id="past the end"),
    pytest.param(-1, FALLING, "val_losses holds 6 epochs", id="negative"),
    pytest.param(
        100,
        U_SHAPED,
        "epoch 100 has the validation loss 0.000377, and a lower one comes later",
        id="too early",
    ),
    pytest.param(
        300,
        U_SHAPED,
        "epoch 300 has the validation loss 0.000391, and a lower one comes earlier",
        id="too late",
    ),
    pytest.param("165", U_SHAPED, "pass the epoch, a whole number, not '165'", id="a string"),
    pytest.param(None, U_SHAPED, "pass the epoch, a whole number, not None", id="None"),
    pytest.param(
        torch.tensor([165, 166]), U_SHAPED, "pass the epoch, a whole number", id="two epochs"
    ),
    pytest.param(165, [], "pass val_losses, your list of validation losses", id="no losses"),
    pytest.param(165, None, "pass val_losses, your list of validation losses", id="no list"),
    pytest.param(165, 3.73e-4, "pass val_losses, your list of validation losses", id="one loss"),
    pytest.param(
        3, ["0.5", "0.3"], "pass val_losses, your list of validation losses", id="strings"
    ),
]


test_a_right_answer_is_right, test_a_wrong_answer_gets_the_hint_that_names_its_fault = table_tests(
    RIGHT, WRONG
)


@pytest.mark.parametrize("n", [10, 20, 25, 30])
def test_min_examples_never_prints_the_answer_to_a_wrong_one(said, n):
    selfcheck.min_examples(n)
    assert "21" not in said()


@pytest.mark.parametrize(("best_epoch", "val_losses"), EARLY_STOPPING_RIGHT)
def test_early_stopping_calls_the_epoch_of_the_lowest_validation_loss_right(
    said, best_epoch, val_losses
):
    assert selfcheck.early_stopping(best_epoch, val_losses) is True, said()
    assert said().startswith("Right:")


@pytest.mark.parametrize(("best_epoch", "val_losses", "hint"), EARLY_STOPPING_WRONG)
def test_early_stopping_names_the_fault_of_a_wrong_epoch(said, best_epoch, val_losses, hint):
    assert selfcheck.early_stopping(best_epoch, val_losses) is False
    assert (out := said()).startswith("Not yet:") and hint in out, out
    assert out.count("\n") == 1


@pytest.mark.parametrize("best_epoch", [0, 164, 166, 100, 300, 400, 3.73e-4, 2.5])
def test_early_stopping_never_prints_the_epoch_to_a_wrong_answer(said, best_epoch):
    selfcheck.early_stopping(best_epoch, U_SHAPED)
    assert "165" not in said()
