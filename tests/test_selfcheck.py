"""What every self-check does, and the core it is built from.

A check prints ``Right: ...`` or ``Not yet: ...`` and returns True or False; it reads a
number or a tensor in any of the forms a learner may write it; a learner's code that
crashes, or returns something odd, gets a one-line ``Not yet``, never a traceback. Each
check's own answers, right and wrong, are tables in ``test_selfcheck_NN.py``.
"""

import inspect
import re

import numpy as np
import pytest
import torch
from conftest import NOTEBOOKS, read, text
from torch import nn

import selfcheck

CHECKS = {
    name: f
    for name, f in vars(selfcheck).items()
    if inspect.isfunction(f) and hasattr(f, "__wrapped__") and not name.startswith("_")
}


# The core --------------------------------------------------------------------


def test_the_verdict_printers_print_one_line_and_return_the_verdict(said):
    assert selfcheck.right("well done.") is True
    assert said() == "Right: well done.\n"
    assert selfcheck.wrong("try again") is False
    assert said() == "Not yet: try again\n"


def test_a_check_turns_a_not_yet_raised_inside_into_its_verdict(said):
    @selfcheck.check
    def positive(x):
        if x <= 0:
            raise selfcheck.NotYet("a positive number, please")
        return selfcheck.right("positive.")

    assert positive(1) is True and said() == "Right: positive.\n"
    assert positive(-1) is False and said() == "Not yet: a positive number, please\n"


def test_call_returns_what_the_function_returns():
    assert selfcheck.call(len, [1, 2, 3]) == 3


def test_call_turns_a_crash_into_a_not_yet_that_names_the_call_and_the_error():
    with pytest.raises(selfcheck.NotYet) as caught:
        selfcheck.call(len, 5)
    assert str(caught.value) == "len(5) raised TypeError: object of type 'int' has no len()"


def test_call_describes_tensors_by_their_shape_and_keeps_the_first_line_of_the_error():
    def matmul(a, b, *, scale):
        raise RuntimeError("mat1 and mat2 shapes cannot be multiplied\nmore details")

    with pytest.raises(selfcheck.NotYet) as caught:
        selfcheck.call(matmul, torch.ones(7, 3), nn.Linear(2, 1), scale="x" * 30)
    assert str(caught.value) == (
        "matmul(<tensor of shape (7, 3)>, <Linear>, scale=<str>) raised RuntimeError: "
        "mat1 and mat2 shapes cannot be multiplied"
    )


ONE_NUMBER = [0.5, np.float32(0.5), np.float64(0.5), np.array([0.5]), torch.tensor(0.5)] + [
    torch.tensor([0.5]),
    torch.tensor([[[0.5]]], dtype=torch.float64),
    torch.tensor(0.5, requires_grad=True),
]


@pytest.mark.parametrize("answer", ONE_NUMBER, ids=repr)
def test_number_reads_python_and_numpy_numbers_and_one_element_tensors_of_any_shape(answer):
    assert selfcheck.number(answer, "pass one number") == 0.5


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (torch.tensor([0.5, 0.5]), "pass one number, not <tensor of shape (2,)>"),
        ("0.5", "pass one number, not '0.5'"),
        (None, "pass one number, not None"),
        (True, "pass one number, not True"),
        ([0.5], "pass one number, not [0.5]"),
    ],
    ids=repr,
)
def test_number_says_what_it_wants_for_anything_else(answer, phrase):
    with pytest.raises(selfcheck.NotYet, match=re.escape(phrase)):
        selfcheck.number(answer, "pass one number")


def test_tensor_reads_any_dtype_as_float64_and_checks_the_shape():
    read = selfcheck.tensor(torch.ones(2, 3, dtype=torch.int64), "the gradient", (2, 3))
    assert read.dtype == torch.float64 and read.shape == (2, 3)
    assert selfcheck.tensor(np.ones(3), "the gradient", (1, 3), reshape=True).shape == (1, 3)
    with pytest.raises(
        selfcheck.NotYet, match=re.escape("the gradient has shape (3,); it must have shape (1, 3)")
    ):
        selfcheck.tensor(torch.ones(3), "the gradient", (1, 3))
    with pytest.raises(
        selfcheck.NotYet, match=re.escape("return the gradient as a tensor, not [1.0]")
    ):
        selfcheck.tensor([1.0], "the gradient", (1,))


def test_tensor_gives_the_hint_of_a_known_wrong_shape_or_of_none():
    hints = {(): "keep b's shape", None: "got None"}
    with pytest.raises(selfcheck.NotYet, match="keep b's shape"):
        selfcheck.tensor(torch.tensor(1.0), "dL/db", (1,), hints=hints)
    with pytest.raises(selfcheck.NotYet, match="got None"):
        selfcheck.tensor(None, "dL/db", (1,), hints=hints)


def test_judge_praises_a_right_answer_and_names_the_first_mistake_a_wrong_one_matches(said):
    mistakes = [(3.0, "that is 3"), (lambda a: a < 0, lambda a: f"{a:g} is negative")]
    assert selfcheck.judge(2.0, 2.0, mistakes, praise="two.", otherwise="no") is True
    assert said() == "Right: two.\n"
    assert selfcheck.judge(3.0, 2.0, mistakes, praise="two.", otherwise="no") is False
    assert said() == "Not yet: that is 3\n"
    assert selfcheck.judge(-1.0, 2.0, mistakes, praise="two.", otherwise="no") is False
    assert said() == "Not yet: -1 is negative\n"
    assert selfcheck.judge(7.0, lambda a: a == 2, mistakes, praise="two.", otherwise="no") is False
    assert said() == "Not yet: no\n"


def test_close_compares_tensors_relative_to_their_scale_and_only_of_one_shape():
    assert selfcheck.close(torch.tensor([1.0, 1e-9]), torch.tensor([1.0, 0.0], dtype=torch.float64))
    assert not selfcheck.close(torch.tensor([1.0, 1e-3]), torch.tensor([1.0, 0.0]))
    assert not selfcheck.close(torch.ones(3, 1), torch.ones(3))


def test_call_pure_returns_the_answer_of_a_function_that_leaves_its_tensors_alone():
    assert selfcheck.call_pure(lambda w, h: w + h, torch.ones(2), 0.5, changed="no").tolist() == [
        1.5,
        1.5,
    ]


def test_call_pure_says_so_when_the_function_changes_a_tensor_in_place_and_by_how_much():
    with pytest.raises(selfcheck.NotYet, match="^you changed w$"):
        selfcheck.call_pure(lambda w: w.add_(1), torch.ones(2), changed="you changed w")
    with pytest.raises(selfcheck.NotYet, match=r"^by up to 0\.25$"):
        selfcheck.call_pure(
            lambda w: w.sub_(0.25), torch.ones(2), changed=lambda by: f"by up to {by:g}"
        )


def test_parts_reads_a_tuple_or_list_of_so_many_parts_of_a_kind_and_names_anything_else():
    X, y = torch.ones(2), torch.zeros(2)
    assert selfcheck.parts([X, y], 2, "return X, y", torch.Tensor) == (X, y)
    for odd in [X, (X,), (X, y, y), (X, 1.0)]:
        with pytest.raises(selfcheck.NotYet, match="^return X, y$"):
            selfcheck.parts(odd, 2, "return X, y", torch.Tensor)
    with pytest.raises(selfcheck.NotYet, match="^not 5$"):
        selfcheck.parts(5, 2, lambda answer: f"not {answer}")


def test_spot_returns_an_answer_that_matches_no_mistake_and_any_close_takes_several_right_ones():
    assert selfcheck.spot(2.0, [(3.0, "that is 3")]) == 2.0
    assert selfcheck.any_close(0.5, [0.1, 0.5]) and not selfcheck.any_close(0.5, [0.1, 0.2])


def test_each_praises_once_every_case_passed_and_stops_at_the_first_that_fails(said):
    def positive(x):
        if x <= 0:
            raise selfcheck.NotYet(f"{x} is not positive")

    assert selfcheck.each([(1,), (2,)], positive, praise="all positive.") is True
    assert said() == "Right: all positive.\n"
    checked = selfcheck.check(lambda: selfcheck.each([(1,), (0,), (-1,)], positive, praise="no"))
    assert checked() is False and said() == "Not yet: 0 is not positive\n"


# Every check ------------------------------------------------------------------


def crashes(*args, **kwargs):
    raise ValueError("a bug in the answer")


# Every check that calls the learner's code, with the arguments that follow the code.
CALLS_LEARNER_CODE = {
    "grad_b": (),
    "derivative_f": (),
    "hessian_w": (),
    "central_difference": (),
    "noisy_data": (),
    "best_constant": ("absolute",),
    "ridge": (),
    "same_every_call": (),
    "num_batches": (),
    "fresh_batches": (),
    "num_parameters": (),
    "affine_to_linear": (),
    "quadratic_features": (),
    "collapse_layers": (),
    "train_step": (),
    "momentum_step": (),
    "weight_grad": (),
    "fit_resistance": (),
    "fit_temperature": (),
    "huber": (),
    "poisson_loss": (),
    "lr_factor": (),
    "standardize": (),
    "to_original_units": (),
    "svg_saver": (),
}


def test_the_crash_table_holds_every_check_that_calls_learner_code():
    takes_code = {n for n, f in CHECKS.items() if "function" in inspect.signature(f).parameters}
    assert takes_code | {"noisy_data"} == set(CALLS_LEARNER_CODE)


@pytest.mark.parametrize(("name", "more"), CALLS_LEARNER_CODE.items(), ids=list(CALLS_LEARNER_CODE))
def test_an_answer_that_crashes_gets_a_not_yet_naming_the_error_in_one_line(said, name, more):
    assert CHECKS[name](crashes, *more) is False
    out = said()
    assert out.startswith("Not yet: crashes(")
    assert out.endswith(") raised ValueError: a bug in the answer\n") and out.count("\n") == 1


TAKES_A_FUNCTION = {n: m for n, m in CALLS_LEARNER_CODE.items() if n != "noisy_data"}  # or data


@pytest.mark.parametrize(("name", "more"), TAKES_A_FUNCTION.items(), ids=list(TAKES_A_FUNCTION))
def test_a_function_left_as_none_says_there_is_no_answer_yet(said, name, more):
    # A handout's answer cell binds the function's name to None until the learner writes it.
    assert CHECKS[name](None, *more) is False
    assert said() == (
        "Not yet: no answer yet: write your function in the answer cell, run it, then this check\n"
    )


ODD = {
    "None": None,
    "a string": "0.1",
    "a list": [0.1],
    "a vector": torch.zeros(2),
    "a module": nn.Linear(2, 1),
}


@pytest.mark.parametrize("odd", ODD.values(), ids=list(ODD))
@pytest.mark.parametrize("name", sorted(CHECKS))
def test_an_odd_answer_gets_a_not_yet_never_a_traceback(said, name, odd):
    if name in CALLS_LEARNER_CODE:
        verdict = CHECKS[name](lambda *args, **kwargs: odd, *CALLS_LEARNER_CODE[name])
    elif name == "stable_lrs":
        verdict = CHECKS[name](odd, odd)
    else:
        verdict = CHECKS[name](odd) if name != "same_draws" else CHECKS[name](odd, odd)
    assert verdict is False
    assert said().startswith("Not yet:")


def test_the_notebooks_call_only_public_checks_that_exist():
    called = {
        name
        for notebook in NOTEBOOKS
        for cell in read(notebook).cells
        if cell.cell_type == "code"
        for name in re.findall(r"selfcheck\.(\w+)\(", text(cell))
    }
    assert called, "the notebooks call no check"
    assert {
        name for name in called if name.startswith("_") or not hasattr(selfcheck, name)
    } == set()
