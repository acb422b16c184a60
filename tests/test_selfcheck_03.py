"""Self-checks of notebook 03 (Batching with DataLoader), as tables: right answers, and wrong ones with their hint."""

import math

import numpy as np
import pytest
import torch
from conftest import table_tests
from torch.utils import data

import linreg
import selfcheck


# 03's worked solutions, as the notebook writes them
def num_batches(num_examples, batch_size, drop_last):
    # floor(n / batch_size) with drop_last, else ceil(n / batch_size)
    if drop_last:
        return num_examples // batch_size
    return -(-num_examples // batch_size)  # integer division rounded up


def fresh_batches(w, b, batch_size, num_batches, generator):
    for _ in range(num_batches):
        yield linreg.synthetic_data(w, b, batch_size, generator=generator)


def draw(w, b, n, generator, noise=0.01, column=True, bias=True, X_generator="same"):
    """Examples of y = Xw + b + noise, drawn as linreg.synthetic_data draws them, or with a slip."""
    X = torch.normal(0, 1, (n, len(w)), generator=generator)
    y = X @ w + (b if bias else 0)
    y = y + torch.normal(0, noise, (n,), generator=generator if X_generator == "same" else None)
    return X, y.reshape(-1, 1) if column else y


def batches(**slip):
    """A fresh_batches that draws each batch with draw(..., **slip)."""

    def fresh_batches(w, b, batch_size, num_batches, generator):
        for _ in range(num_batches):
            yield draw(w, b, batch_size, generator, **slip)

    return fresh_batches


def drawn_per_pass(w, b, batch_size, num_batches, generator):
    X, y = draw(w, b, batch_size * num_batches, generator)
    yield from zip(X.split(batch_size), y.split(batch_size), strict=True)


def drawn_once():
    stored = {}

    def fresh_batches(w, b, batch_size, num_batches, generator):
        if "data" not in stored:
            stored["data"] = draw(w, b, batch_size * num_batches, generator)
        X, y = stored["data"]
        order = torch.randperm(len(X), generator=generator)
        yield from zip(X[order].split(batch_size), y[order].split(batch_size), strict=True)

    return fresh_batches


def through_a_dataloader(w, b, batch_size, num_batches, generator):
    X, y = draw(w, b, batch_size * num_batches, generator)
    return data.DataLoader(data.TensorDataset(X, y), batch_size)  # its iterator draws a seed


def repeated(w, b, batch_size, num_batches, generator):
    batch = draw(w, b, batch_size, generator)
    for _ in range(num_batches):
        yield batch


def last_one_short(w, b, batch_size, num_batches, generator):
    for i in range(num_batches):
        yield draw(w, b, batch_size - (i == num_batches - 1), generator)


def once_only():
    calls = []

    def fresh_batches(w, b, batch_size, num_batches, generator):
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("the data are used up")
        yield from batches()(w, b, batch_size, num_batches, generator)

    return fresh_batches


RIGHT = [
    pytest.param(selfcheck.num_batches, num_batches, id="num_batches: 03's solution"),
    pytest.param(
        selfcheck.num_batches,
        lambda n, size, drop_last: math.floor(n / size) if drop_last else math.ceil(n / size),
        id="num_batches: math.floor and math.ceil",
    ),
    pytest.param(
        selfcheck.num_batches,
        lambda n, size, drop_last: np.floor(n / size) if drop_last else np.ceil(n / size),
        id="num_batches: NumPy floats",
    ),
    pytest.param(
        selfcheck.num_batches,
        lambda n, size, drop_last: torch.tensor(n // size + (not drop_last and n % size > 0)),
        id="num_batches: a tensor",
    ),
    pytest.param(selfcheck.fresh_batches, fresh_batches, id="fresh_batches: 03's solution"),
    pytest.param(selfcheck.fresh_batches, batches(), id="fresh_batches: drawn by hand"),
    pytest.param(selfcheck.fresh_batches, drawn_per_pass, id="fresh_batches: one pass at once"),
]

WRONG = [
    pytest.param(
        selfcheck.num_batches,
        lambda n, size, drop_last: n // size,
        "the DataLoader gives 16 (the last, partial batch counts)",
        id="num_batches: always rounded down",
    ),
    pytest.param(
        selfcheck.num_batches,
        lambda n, size, drop_last: -(-n // size),
        "the DataLoader gives 15 (drop_last throws the partial batch away)",
        id="num_batches: always rounded up",
    ),
    pytest.param(
        selfcheck.num_batches,
        lambda n, size, drop_last: n // size if drop_last else round(n / size),
        "batch_size=300, drop_last=False you said 3, the DataLoader gives 4",
        id="num_batches: rounded to the nearest",
    ),
    pytest.param(
        selfcheck.num_batches,
        lambda n, size, drop_last: n // size + (not drop_last),
        "you said 101, the DataLoader gives 100 (10 divides 1000: no partial batch is left over)",
        id="num_batches: one more batch even when the size divides",
    ),
    pytest.param(
        selfcheck.num_batches,
        lambda n, size, drop_last: max(1, n // size) if drop_last else -(-n // size),
        "for 5 examples, batch_size=10, drop_last=True you said 1, the DataLoader gives 0 "
        "(drop_last throws the partial batch away)",
        id="num_batches: at least one batch",
    ),
    pytest.param(
        selfcheck.num_batches,
        lambda n, size, drop_last: n // size - 1,
        "(count the full batches of 10)",
        id="num_batches: one too few",
    ),
    pytest.param(
        selfcheck.num_batches,
        lambda n, size, drop_last: n / size,
        "you said 15.625, the DataLoader gives 16; a number of batches is a whole number",
        id="num_batches: not rounded",
    ),
    pytest.param(
        selfcheck.num_batches,
        lambda n, size, drop_last: torch.tensor([1, 2]),
        "return the number of batches, one number, not <tensor of shape (2,)>",
        id="num_batches: a vector",
    ),
    pytest.param(
        selfcheck.fresh_batches,
        drawn_once(),
        "a second pass gave the same examples again",
        id="fresh_batches: drawn once, reshuffled",
    ),
    pytest.param(
        selfcheck.fresh_batches,
        repeated,
        "every batch holds the same examples",
        id="fresh_batches: one batch repeated",
    ),
    pytest.param(
        selfcheck.fresh_batches,
        batches(noise=0.0),
        "the labels have no noise: add noise of standard deviation 0.01",
        id="fresh_batches: no noise",
    ),
    pytest.param(
        selfcheck.fresh_batches,
        batches(noise=0.1),
        "not 0.01; scale the noise you add",
        id="fresh_batches: noise of 0.1",
    ),
    pytest.param(
        selfcheck.fresh_batches,
        batches(bias=False),
        "y misses the bias",
        id="fresh_batches: no bias",
    ),
    pytest.param(
        selfcheck.fresh_batches,
        batches(column=False),
        "y_batch has shape (10,); it must be a column, (10, 1)",
        id="fresh_batches: y a vector",
    ),
    pytest.param(
        selfcheck.fresh_batches,
        batches(X_generator=None),
        "a draw did not use the generator passed in",
        id="fresh_batches: the noise from the global generator",
    ),
    pytest.param(
        selfcheck.fresh_batches,
        through_a_dataloader,
        "the data repeat, but a pass moved PyTorch's global generator (a DataLoader without generator=",
        id="fresh_batches: a DataLoader without a generator",
    ),
    pytest.param(
        selfcheck.fresh_batches,
        lambda w, b, size, count, generator: [torch.ones(size, 3)] * count,
        "yield one pair of tensors (X_batch, y_batch) per batch",
        id="fresh_batches: no labels",
    ),
    pytest.param(
        selfcheck.fresh_batches,
        lambda w, b, size, count, generator: [draw(w, b, size, generator)],
        "asked for 10 batches, got 1",
        id="fresh_batches: one batch",
    ),
    pytest.param(
        selfcheck.fresh_batches,
        last_one_short,
        "X_batch has shape (9, 3)",
        id="fresh_batches: a short last batch",
    ),
    pytest.param(
        selfcheck.fresh_batches,
        once_only(),
        "raised RuntimeError: the data are used up",
        id="fresh_batches: a crash in the second pass",
    ),
]


test_a_right_answer_is_right, test_a_wrong_answer_gets_the_hint_that_names_its_fault = table_tests(
    RIGHT, WRONG
)
