"""Self-checks of notebook 07 (Held-out data and schedules), as tables: right answers, and wrong ones with their hint."""

import numpy as np
import pytest
import torch

import selfcheck


# 07's worked solution, as the notebook writes it
def lr_factor(step):
    return 500 / (step + 500)


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


@pytest.mark.parametrize(("check", "answer"), RIGHT)
def test_a_right_answer_is_right(said, check, answer):
    assert check(answer) is True, said()
    assert said().startswith("Right:")


@pytest.mark.parametrize(("check", "answer", "hint"), WRONG)
def test_a_wrong_answer_gets_the_hint_that_names_its_fault(said, check, answer, hint):
    assert check(answer) is False
    assert (out := said()).startswith("Not yet:") and hint in out, out
    assert out.count("\n") == 1


@pytest.mark.parametrize("n", [10, 20, 25, 30])
def test_min_examples_never_prints_the_answer_to_a_wrong_one(said, n):
    selfcheck.min_examples(n)
    assert "21" not in said()
