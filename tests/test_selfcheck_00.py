"""Self-checks of notebook 00 (Start here), as tables: right answers, and wrong ones with their hint."""

import pytest
import torch

import selfcheck

SEED = 11


def draw(seed=SEED, n=3, dtype=torch.float32):
    return torch.randn(n, generator=torch.Generator().manual_seed(seed), dtype=dtype)


one_generator = torch.Generator().manual_seed(SEED)
a = draw()

RIGHT = [
    pytest.param(draw(), draw(), id="00's solution: two generators seeded with SEED"),
    pytest.param(draw(7), draw(7), id="two generators seeded with 7"),
    pytest.param(draw(dtype=torch.float64), draw(dtype=torch.float64), id="in float64"),
]

WRONG = [
    pytest.param(
        torch.randn(3, generator=one_generator),
        torch.randn(3, generator=one_generator),
        "two draws from one generator differ, since it moves on after each draw",
        id="two draws from one generator",
    ),
    pytest.param(draw(SEED), draw(7), "seeded with manual_seed(the same number)", id="two seeds"),
    pytest.param(a, a, "you passed the same tensor twice", id="one tensor twice"),
    pytest.param(draw(), draw(n=4), "the draws have shapes (3,) and (4,)", id="3 and 4 numbers"),
    pytest.param([1.0, 2.0], draw(), "pass the two tensors you drew", id="a list"),
]


@pytest.mark.parametrize(("first", "second"), RIGHT)
def test_same_draws_calls_right(said, first, second):
    assert selfcheck.same_draws(first, second) is True, said()
    assert said().startswith("Right:")


@pytest.mark.parametrize(("first", "second", "hint"), WRONG)
def test_same_draws_names_the_fault(said, first, second, hint):
    assert selfcheck.same_draws(first, second) is False
    assert (out := said()).startswith("Not yet:") and hint in out, out
