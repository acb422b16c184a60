"""Self-checks of notebook 00 (Start here): right answers pass, typical wrong ones get their hint."""

import torch

import selfcheck


def test_same_draws_approves_equal_tensors_and_explains_different_ones(said):
    a = torch.randn(3, generator=torch.Generator().manual_seed(1))
    b = torch.randn(3, generator=torch.Generator().manual_seed(1))
    selfcheck.same_draws(a, b)
    assert said().startswith("Right:")
    selfcheck.same_draws(a, a + 1)
    assert "Not yet:" in (out := said()) and "manual_seed" in out
