"""Self-checks of notebook 00 (Start here): right answers pass, typical wrong ones get their hint."""

import torch

import selfcheck

SEED = 11


def draw(seed=SEED):
    return torch.randn(3, generator=torch.Generator().manual_seed(seed))


def test_same_draws_approves_two_generators_seeded_alike(said):
    assert selfcheck.same_draws(draw(), draw()) is True
    assert said().startswith("Right:")


def test_same_draws_explains_two_draws_from_one_generator(said):
    generator = torch.Generator().manual_seed(SEED)
    a, b = torch.randn(3, generator=generator), torch.randn(3, generator=generator)
    assert selfcheck.same_draws(a, b) is False
    assert "Not yet:" in (out := said()) and "its own generator" in out and "moves on" in out


def test_same_draws_explains_different_seeds(said):
    assert selfcheck.same_draws(draw(SEED), draw(7)) is False
    assert "manual_seed(the same number)" in said()


def test_same_draws_does_not_accept_one_tensor_passed_twice(said):
    a = draw()
    assert selfcheck.same_draws(a, a) is False
    assert "same tensor twice" in said()


def test_same_draws_explains_draws_of_different_sizes(said):
    b = torch.randn(4, generator=torch.Generator().manual_seed(SEED))
    assert selfcheck.same_draws(draw(), b) is False
    assert "shapes (3,) and (4,)" in said()


def test_same_draws_asks_for_tensors(said):
    assert selfcheck.same_draws([1.0, 2.0], draw()) is False
    assert "pass the two tensors" in said()
