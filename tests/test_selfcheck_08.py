"""Self-checks of notebook 08 (Paths, playground, d2l 1.0): right answers pass, typical wrong ones get their hint."""

import torch
from d2l import torch as d2l
from torch import nn

import selfcheck


def test_gd_steps_approves_about_75(said):
    assert selfcheck.gd_steps(75) is True
    assert said().startswith("Right:")
    assert selfcheck.gd_steps(74.4) is True


def test_gd_steps_names_the_missing_factor_2(said):
    assert selfcheck.gd_steps(151) is False
    assert "factor 2" in said()


def test_gd_steps_says_the_distance_is_not_the_loss(said):
    assert selfcheck.gd_steps(37) is False
    assert "square of the distance" in said()


def test_gd_steps_gives_the_method_for_other_numbers_without_the_answer(said):
    assert selfcheck.gd_steps(10) is False
    out = said()
    assert "factor^k = 0.01" in out
    assert "75" not in out


def test_gd_steps_refuses_a_non_number(said):
    assert selfcheck.gd_steps("75") is False
    assert said().startswith("Not yet:")


def a_model(materialize=True, weight_std=0.01, zero_bias=True):
    """A d2l 1.0 LinearRegression, initialized as a learner might."""
    torch.manual_seed(0)
    model = d2l.LinearRegression(lr=0.03)
    if materialize:
        model(torch.zeros(1, 5))
        if weight_std is not None:
            if weight_std == 0:
                nn.init.zeros_(model.net.weight)
            else:
                nn.init.normal_(model.net.weight, 0, weight_std)
        if zero_bias:
            nn.init.zeros_(model.net.bias)
    return model


def test_article_init_approves_small_normal_weights_and_zero_bias(said):
    assert selfcheck.article_init(a_model()) is True
    assert said().startswith("Right:")


def test_article_init_says_the_layer_is_still_lazy(said):
    assert selfcheck.article_init(a_model(materialize=False)) is False
    assert "still lazy" in said()


def test_article_init_says_lazylinear_replaced_the_weights(said):
    assert selfcheck.article_init(a_model(weight_std=None)) is False
    assert "LazyLinear replaces" in said()


def test_article_init_names_zero_weights(said):
    assert selfcheck.article_init(a_model(weight_std=0)) is False
    assert "all zero" in said()


def test_article_init_names_a_nonzero_bias(said):
    assert selfcheck.article_init(a_model(zero_bias=False)) is False
    assert "bias to zero" in said()


def test_article_init_asks_for_the_model(said):
    assert selfcheck.article_init(nn.Linear(5, 1)) is False
    assert "model itself" in said()


def test_stable_lrs_approves_the_largest_rates_that_train(said):
    assert selfcheck.stable_lrs(0.2, 0.5) is True
    assert said().startswith("Right:")


def test_stable_lrs_notices_the_two_answers_swapped(said):
    assert selfcheck.stable_lrs(0.5, 0.2) is False
    assert "swapped" in said()


def test_stable_lrs_points_at_the_slow_divergence_the_flag_misses(said):
    assert selfcheck.stable_lrs(0.2, 1.0) is False
    out = said()
    assert "slow divergence" in out and "0.5" not in out


def test_stable_lrs_says_a_diverging_rate_diverges(said):
    assert selfcheck.stable_lrs(0.5, 0.5) is False
    assert "diverges" in said()


def test_stable_lrs_calls_a_smaller_rate_too_careful_without_the_answer(said):
    assert selfcheck.stable_lrs(0.1, 0.2) is False
    out = said()
    assert "too careful" in out and "0.2," not in out


def test_stable_lrs_refuses_what_is_not_two_numbers(said):
    assert selfcheck.stable_lrs("0.2", 0.5) is False
    assert said().startswith("Not yet:")
