"""Self-checks of notebook 02 (Synthetic data): right answers pass, typical wrong ones get their hint."""

import pytest
import torch
from d2l import torch as d2l

import linreg
import selfcheck


def test_noisy_data_checks_shapes_and_noise_level(said):
    w, b = torch.tensor([1.0, -1.0]), 0.5
    X = torch.randn(2000, 2, generator=torch.Generator().manual_seed(0))
    noise = 0.1 * torch.randn(2000, generator=torch.Generator().manual_seed(1))
    selfcheck.noisy_data(X, (X @ w + b + noise).reshape(-1, 1), w, b, noise_std=0.1)
    assert said().startswith("Right:")
    selfcheck.noisy_data(X, (X @ w + b + noise / 10).reshape(-1, 1), w, b, noise_std=0.1)
    assert "scale the noise" in said()
    selfcheck.noisy_data(X, X @ w + b + noise, w, b, noise_std=0.1)
    assert "must be a column" in said()


# best_constant: d2l 3.1 exercise 1


def test_best_constant_approves_the_mean_for_the_squared_loss(said):
    assert selfcheck.best_constant(lambda x: x.mean(), loss="squared") is True
    assert said().startswith("Right:")


def test_best_constant_approves_a_median_for_the_absolute_loss(said):
    assert selfcheck.best_constant(lambda x: x.median(), loss="absolute") is True
    assert said().startswith("Right:")
    upper = lambda x: x.sort().values[len(x) // 2]  # noqa: E731
    assert selfcheck.best_constant(upper, loss="absolute") is True  # any b between the middle two
    assert selfcheck.best_constant(lambda x: x.quantile(0.5), loss="absolute") is True


def test_best_constant_says_the_median_answers_the_absolute_loss(said):
    assert selfcheck.best_constant(lambda x: x.median(), loss="squared") is False
    assert "best constant for the absolute loss" in said()


def test_best_constant_says_the_mean_answers_the_squared_loss(said):
    assert selfcheck.best_constant(lambda x: x.mean(), loss="absolute") is False
    assert "best constant for the squared loss" in said()


def test_best_constant_says_to_divide_a_sum(said):
    assert selfcheck.best_constant(lambda x: x.sum(), loss="squared") is False
    assert "divide by their number" in said()


def test_best_constant_wants_one_number(said):
    assert selfcheck.best_constant(lambda x: x, loss="squared") is False
    assert "return one number" in said()


def test_best_constant_reports_a_crash_in_one_line(said):
    assert selfcheck.best_constant(lambda x: x.nonsense(), loss="squared") is False
    out = said()
    assert out.startswith("Not yet: <lambda>(<tensor of shape (5,)>) raised AttributeError")
    assert out.count("\n") == 1


def test_best_constant_explains_an_unknown_loss(said):
    assert selfcheck.best_constant(lambda x: x.mean(), loss="huber") is False
    assert 'loss="squared"' in said()


# ridge: d2l 3.1 exercise 4


def _ridge(X, y, lam, scale=1.0, on_every_entry=False):
    penalty = torch.ones(X.shape[1], X.shape[1]) if on_every_entry else torch.eye(X.shape[1])
    return torch.linalg.solve(X.T @ X + scale * lam * penalty, X.T @ y)


def test_ridge_approves_the_ridge_weights(said):
    assert selfcheck.ridge(_ridge) is True
    assert said().startswith("Right:")


def test_ridge_accepts_the_weights_as_a_column(said):
    assert selfcheck.ridge(lambda X, y, lam: _ridge(X, y.reshape(-1, 1), lam)) is True
    assert said().startswith("Right:")


def test_ridge_says_lam_goes_on_the_diagonal_only(said):
    assert selfcheck.ridge(lambda X, y, lam: _ridge(X, y, lam, on_every_entry=True)) is False
    assert "on the diagonal only" in said()


@pytest.mark.parametrize(
    "scale, what", [(20, "n * lam"), (0.05, "lam / n"), (2, "2 * lam"), (0.5, "lam / 2")]
)
def test_ridge_names_a_penalty_scaled_wrongly(said, scale, what):
    assert selfcheck.ridge(lambda X, y, lam: _ridge(X, y, lam, scale=scale)) is False
    assert f"you added {what}" in said()


def test_ridge_says_a_penalty_is_missing(said):
    assert selfcheck.ridge(lambda X, y, lam: torch.linalg.pinv(X) @ y) is False
    assert "without the penalty" in said()


def test_ridge_reports_the_crash_of_the_unpenalized_normal_equations_in_one_line(said):
    assert selfcheck.ridge(lambda X, y, lam: torch.linalg.solve(X.T @ X, X.T @ y)) is False
    out = said()
    assert "raised" in out and "singular" in out and out.count("\n") == 1


def test_ridge_says_infinite_weights_need_the_penalty(said):
    assert selfcheck.ridge(lambda X, y, lam: torch.full((4,), float("inf"))) is False
    assert "add lam on its diagonal" in said()


def test_ridge_wants_one_weight_per_feature(said):
    assert selfcheck.ridge(lambda X, y, lam: torch.zeros(5)) is False
    assert "4 weights" in said()


# same_every_call: d2l 3.3 exercise 4

TRUE_W, TRUE_B = torch.tensor([2, -3.4]), 4.2


def test_same_every_call_approves_a_generator_seeded_inside(said):
    def data(num_examples):
        generator = torch.Generator().manual_seed(11)
        return linreg.synthetic_data(TRUE_W, TRUE_B, num_examples, generator=generator)

    assert selfcheck.same_every_call(data) is True
    assert said().startswith("Right:")


def test_same_every_call_catches_a_generator_made_once_outside(said):
    generator = torch.Generator().manual_seed(11)

    def data(num_examples):
        return linreg.synthetic_data(TRUE_W, TRUE_B, num_examples, generator=generator)

    assert selfcheck.same_every_call(data) is False
    assert "two calls gave different data" in said()


def test_same_every_call_catches_reseeding_the_global_generator_and_restores_it(said):
    def data(num_examples):
        torch.manual_seed(11)
        return d2l.synthetic_data(TRUE_W, TRUE_B, num_examples)

    state = torch.get_rng_state()
    assert selfcheck.same_every_call(data) is False
    assert "global generator" in said()
    assert torch.equal(torch.get_rng_state(), state)


def test_same_every_call_wants_a_tuple_of_two_tensors(said):
    assert selfcheck.same_every_call(lambda num_examples: torch.zeros(num_examples, 2)) is False
    assert "tuple of two tensors" in said()


def test_same_every_call_reports_a_crash(said):
    assert selfcheck.same_every_call(lambda: None) is False
    assert "raised TypeError" in said()


# loss_gap


def test_loss_gap_approves_six_sigma_squared_over_n(said):
    assert selfcheck.loss_gap(6 * 0.01**2 / 1000) is True
    assert said().startswith("Right:")


@pytest.mark.parametrize(
    "gap, hint",
    [
        (5 * 0.01**2 / 1000, "the bias is fitted too"),
        (0.01**2 / 1000, "for one fitted parameter"),
        (6 * 0.01**2, "divide by n"),
        (6 * 0.01 / 1000, "use sigma^2"),
        (1e-3, "is not the expected gap"),
    ],
)
def test_loss_gap_names_the_typical_slips(said, gap, hint):
    assert selfcheck.loss_gap(gap) is False
    assert hint in said()


def test_loss_gap_wants_a_number(said):
    assert selfcheck.loss_gap("6e-7") is False
    assert "pass one number" in said()
