"""Self-checks of notebook 06 (Experiments): right answers pass, typical wrong ones get their hint."""

import torch
from torch import nn

import selfcheck

# sum_reduction_lr: d2l 3.5 ex. 1


def test_sum_reduction_lr_wants_the_learning_rate_divided_by_the_batch_size(said):
    assert selfcheck.sum_reduction_lr(0.003) is True
    assert said().startswith("Right:")
    assert selfcheck.sum_reduction_lr(0.03 / 100, batch_size=100) is True
    assert "0.0003" in said()


def test_sum_reduction_lr_says_a_multiplied_learning_rate_is_the_other_way_round(said):
    assert selfcheck.sum_reduction_lr(0.3) is False
    assert "other way round" in said()


def test_sum_reduction_lr_says_the_unchanged_learning_rate_makes_longer_steps(said):
    assert selfcheck.sum_reduction_lr(0.03, batch_size=100) is False
    assert "100 times longer" in said()


def test_sum_reduction_lr_refuses_other_values_without_giving_the_answer(said):
    assert selfcheck.sum_reduction_lr(0.01) is False
    out = said()
    assert out.startswith("Not yet:") and "0.003" not in out


def test_sum_reduction_lr_asks_for_a_number(said):
    assert selfcheck.sum_reduction_lr("0.003") is False
    assert "one number" in said()


# huber: d2l 3.5 ex. 2


def d2l_huber(y_hat, y, sigma):
    r = (y_hat - y).abs()
    return torch.where(r > sigma, r - sigma / 2, r**2 / (2 * sigma)).mean()


def test_huber_approves_d2l_formula(said):
    assert selfcheck.huber(d2l_huber) is True
    assert said().startswith("Right:")


def test_huber_approves_smooth_l1_loss_with_beta_sigma(said):
    assert selfcheck.huber(lambda y_hat, y, sigma: nn.SmoothL1Loss(beta=sigma)(y_hat, y)) is True
    assert said().startswith("Right:")


def test_huber_names_pytorchs_huber_loss_scaled_by_sigma(said):
    assert selfcheck.huber(lambda y_hat, y, sigma: nn.HuberLoss(delta=sigma)(y_hat, y)) is False
    assert "nn.HuberLoss" in said()


def test_huber_names_a_sum_instead_of_the_mean(said):
    assert selfcheck.huber(lambda y_hat, y, sigma: d2l_huber(y_hat, y, sigma) * len(y)) is False
    assert "sum" in said()


def test_huber_names_the_missing_half_sigma(said):
    def no_offset(y_hat, y, sigma):
        r = (y_hat - y).abs()
        return torch.where(r > sigma, r, r**2 / (2 * sigma)).mean()

    assert selfcheck.huber(no_offset) is False
    assert "sigma / 2" in said()


def test_huber_names_swapped_pieces(said):
    def swapped(y_hat, y, sigma):
        r = (y_hat - y).abs()
        return torch.where(r <= sigma, r - sigma / 2, r**2 / (2 * sigma)).mean()

    assert selfcheck.huber(swapped) is False
    assert "swapped" in said()


def test_huber_asks_for_the_mean_not_one_loss_per_example(said):
    def per_example(y_hat, y, sigma):
        r = (y_hat - y).abs()
        return torch.where(r > sigma, r - sigma / 2, r**2 / (2 * sigma))

    assert selfcheck.huber(per_example) is False
    assert "one number" in said()


def test_huber_catches_an_answer_right_for_only_one_sigma(said):
    assert selfcheck.huber(lambda y_hat, y, sigma: d2l_huber(y_hat, y, 0.5)) is False
    out = said()
    assert "sigma=2.0" in out and "Right" not in out


def test_huber_reports_a_crash_in_one_line(said):
    assert selfcheck.huber(lambda y_hat, y, sigma: y_hat.nonexistent) is False
    out = said()
    assert "raised AttributeError" in out and len(out.splitlines()) == 1


# poisson_loss: d2l 3.1 ex. 8


def poisson(log_lam, k):
    return (torch.exp(log_lam) - k * log_lam).mean()


def test_poisson_loss_approves_the_negative_log_likelihood_for_log_lambda(said):
    assert selfcheck.poisson_loss(poisson) is True
    assert said().startswith("Right:")


def test_poisson_loss_approves_pytorchs_poisson_nll_loss(said):
    assert selfcheck.poisson_loss(nn.PoissonNLLLoss(log_input=True)) is True
    assert said().startswith("Right:")


def test_poisson_loss_approves_the_full_likelihood_with_log_k_factorial(said):
    def full(log_lam, k):
        return poisson(log_lam, k) + torch.lgamma(k + 1).mean()

    assert selfcheck.poisson_loss(full) is True
    assert "log k!" in said()


def test_poisson_loss_names_a_flipped_sign(said):
    assert selfcheck.poisson_loss(lambda log_lam, k: -poisson(log_lam, k)) is False
    assert "sign" in said()


def test_poisson_loss_names_a_sum_instead_of_the_mean(said):
    assert selfcheck.poisson_loss(lambda log_lam, k: poisson(log_lam, k) * len(k)) is False
    assert "sum" in said()


def test_poisson_loss_names_the_loss_for_lambda_given_log_lambda(said):
    def for_lambda(log_lam, k):
        return (log_lam - k * torch.log(log_lam)).mean()

    assert selfcheck.poisson_loss(for_lambda) is False
    assert "exp(log_lam)" in said()


def test_poisson_loss_refuses_the_squared_error(said):
    assert (
        selfcheck.poisson_loss(lambda log_lam, k: ((torch.exp(log_lam) - k) ** 2).mean()) is False
    )
    assert said().startswith("Not yet:")


def test_poisson_loss_asks_for_the_mean_not_one_loss_per_example(said):
    assert selfcheck.poisson_loss(lambda log_lam, k: torch.exp(log_lam) - k * log_lam) is False
    assert "one number" in said()


def test_poisson_loss_reports_a_crash_in_one_line(said):
    assert selfcheck.poisson_loss(lambda log_lam, k: log_lam @ k) is False
    out = said()
    assert "raised RuntimeError" in out and len(out.splitlines()) == 1
