"""Self-checks of notebook 00 (Start here), as tables: right answers, and wrong ones with their hint."""

import pytest
import torch
from conftest import table_tests

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


test_a_right_answer_is_right, test_a_wrong_answer_gets_the_hint_that_names_its_fault = table_tests(
    RIGHT, WRONG, check=selfcheck.same_draws
)
