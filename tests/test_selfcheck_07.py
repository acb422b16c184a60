"""Self-checks of notebook 07 (Held-out data and schedules): right answers pass, typical wrong ones get their hint."""

import torch

import selfcheck


def test_min_examples_approves_21(said):
    assert selfcheck.min_examples(21) is True
    assert said().startswith("Right:")


def test_min_examples_says_the_bias_counts_for_20(said):
    assert selfcheck.min_examples(20) is False
    assert "bias" in said()


def test_min_examples_explains_too_few_and_too_many(said):
    assert selfcheck.min_examples(10) is False
    assert "rank at most 10" in said()
    assert selfcheck.min_examples(30) is False
    assert "fewer would do" in said()


def test_min_examples_refuses_a_non_integer(said):
    assert selfcheck.min_examples(21.0) is False
    assert said().startswith("Not yet:")


def test_min_examples_never_prints_the_answer_to_a_wrong_one(said):
    selfcheck.min_examples(25)
    assert "21" not in said()


def test_lr_factor_approves_t1_over_t_plus_t1(said):
    assert selfcheck.lr_factor(lambda step: 500 / (step + 500)) is True
    assert said().startswith("Right:")


def test_lr_factor_accepts_a_one_element_tensor(said):
    assert selfcheck.lr_factor(lambda step: torch.tensor(500 / (step + 500))) is True
    assert said().startswith("Right:")


def test_lr_factor_says_return_the_factor_not_the_rate(said):
    assert selfcheck.lr_factor(lambda step: 0.03 * 500 / (step + 500)) is False
    assert "not the learning rate" in said()


def test_lr_factor_says_it_halves_too_soon(said):
    assert selfcheck.lr_factor(lambda step: 1 / (step + 1)) is False
    assert "halves after one step" in said()


def test_lr_factor_says_it_must_start_at_one(said):
    assert selfcheck.lr_factor(lambda step: 250 / (step + 500)) is False
    assert "must start at 1" in said()


def test_lr_factor_names_a_wrong_halving_step(said):
    assert selfcheck.lr_factor(lambda step: 100 / (step + 100)) is False
    assert "step 500" in said()


def test_lr_factor_reports_a_crash_in_one_line(said):
    assert selfcheck.lr_factor(lambda step: 500 / step) is False
    out = said()
    assert "ZeroDivisionError" in out
    assert out.count("\n") == 1


def test_lr_factor_refuses_a_non_number(said):
    assert selfcheck.lr_factor(lambda step: "half") is False
    assert "return a number" in said()
