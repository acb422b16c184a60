"""Self-checks of notebook 04 (The model and its initialization), as tables: right answers, and wrong ones with their hint."""

import pytest
import torch
from conftest import table_tests
from torch import nn

import selfcheck


# 04's worked solutions, as the notebook writes them
def affine_to_linear(layer):
    linear = nn.Linear(layer.in_features + 1, layer.out_features, bias=False)
    with torch.no_grad():  # a change to a parameter: autograd need not know
        linear.weight.copy_(torch.cat([layer.weight, layer.bias.reshape(-1, 1)], dim=1))
    return linear


def quadratic_features(X):
    d = X.shape[1]
    products = [X[:, i] * X[:, j] for i in range(d) for j in range(i + 1)]
    return torch.cat([X, torch.stack(products, dim=1)], dim=1)


def collapse(first, second):
    layer = nn.Linear(first.in_features, second.out_features)
    with torch.no_grad():
        layer.weight.copy_(second.weight @ first.weight)
        layer.bias.copy_(second.weight @ first.bias + second.bias)
    return layer


def num_parameters(num_inputs, num_outputs):
    return num_outputs * num_inputs + num_outputs


def linear_on_ones(weight_of, dtype=torch.float32):
    """An answer to the affine exercise whose bias-free weight is ``weight_of(W, b)``."""

    def affine_to_linear(layer):
        weight = weight_of(layer.weight, layer.bias)
        linear = nn.Linear(weight.shape[1], weight.shape[0], bias=False, dtype=dtype)
        with torch.no_grad():
            linear.weight.copy_(weight)
        return linear

    return affine_to_linear


def features(pairs, ones=False):
    """An answer to the quadratic exercise: X, then X[:, i] * X[:, j] for the (i, j) in pairs(d)."""

    def quadratic_features(X):
        products = [X[:, i] * X[:, j] for i, j in pairs(X.shape[1])]
        columns = [X, torch.stack(products, dim=1)] + [torch.ones(len(X), 1)] * ones
        return torch.cat(columns, dim=1)

    return quadratic_features


def collapsed(weight_of, bias_of, bias=True, dtype=torch.float32):
    """An answer to the collapse exercise with the given weight and bias formulas."""

    def collapse(first, second):
        W1, b1, W2, b2 = first.weight, first.bias, second.weight, second.bias
        weight = weight_of(W1, W2)
        layer = nn.Linear(weight.shape[1], weight.shape[0], bias=bias, dtype=dtype)
        with torch.no_grad():
            layer.weight.copy_(weight)
            if bias:
                layer.bias.copy_(bias_of(b1, W2, b2))
        return layer

    return collapse


def W2_W1(W1, W2):
    return W2 @ W1


def with_b1(b1, W2, b2):
    return W2 @ b1 + b2


RIGHT = [
    pytest.param(selfcheck.num_parameters, num_parameters, id="num_parameters: 04's solution"),
    pytest.param(
        selfcheck.num_parameters,
        lambda i, o: torch.tensor((i + 1) * o),
        id="num_parameters: a tensor",
    ),
    pytest.param(
        selfcheck.affine_to_linear, affine_to_linear, id="affine_to_linear: 04's solution"
    ),
    pytest.param(
        selfcheck.affine_to_linear,
        linear_on_ones(lambda W, b: torch.cat([W, b[:, None]], dim=1).double(), torch.float64),
        id="affine_to_linear: in float64",
    ),
    pytest.param(
        selfcheck.quadratic_features, quadratic_features, id="quadratic_features: 04's solution"
    ),
    pytest.param(
        selfcheck.quadratic_features,
        lambda X: quadratic_features(X).flip(1).double(),
        id="quadratic_features: other order, float64",
    ),
    pytest.param(selfcheck.collapse_layers, collapse, id="collapse_layers: 04's solution"),
    pytest.param(
        selfcheck.collapse_layers,
        collapsed(lambda W1, W2: (W2 @ W1).double(), with_b1, dtype=torch.float64),
        id="collapse_layers: in float64",
    ),
]

WRONG = [
    pytest.param(
        selfcheck.num_parameters,
        lambda i, o: i * o,
        "nn.Linear(5, 1) has 6 parameters, you said 5; did you forget the biases, one per output?",
        id="num_parameters: no biases",
    ),
    pytest.param(
        selfcheck.num_parameters,
        lambda i, o: i * o + i,
        "one bias per output, not per input",
        id="num_parameters: a bias per input",
    ),
    pytest.param(
        selfcheck.num_parameters,
        lambda i, o: (i + 1) * (o + 1),
        "plus one bias per output",
        id="num_parameters: another count",
    ),
    pytest.param(
        selfcheck.num_parameters,
        lambda i, o: None,
        "return the number of parameters, one number, not None",
        id="num_parameters: no return",
    ),
    pytest.param(
        selfcheck.affine_to_linear,
        linear_on_ones(lambda W, b: torch.cat([b.reshape(-1, 1), W], dim=1)),
        "b sits in the first column of your weight, but the ones are appended last",
        id="affine_to_linear: b first",
    ),
    pytest.param(
        selfcheck.affine_to_linear,
        linear_on_ones(lambda W, b: torch.cat([W, torch.zeros(len(W), 1)], dim=1)),
        "the outputs miss the bias: the weight of the ones column must be b",
        id="affine_to_linear: b lost",
    ),
    pytest.param(
        selfcheck.affine_to_linear,
        lambda layer: nn.Linear(layer.in_features + 1, layer.out_features),
        "make it with bias=False",
        id="affine_to_linear: a bias kept",
    ),
    pytest.param(
        selfcheck.affine_to_linear,
        linear_on_ones(lambda W, b: W),
        "it needs one more input (the ones column)",
        id="affine_to_linear: no more input",
    ),
    pytest.param(
        selfcheck.affine_to_linear,
        linear_on_ones(lambda W, b: torch.cat([W, b.reshape(-1, 1)], dim=1).flip(0)),
        "your layer on (X, 1) and the layer on X differ",
        id="affine_to_linear: the outputs swapped",
    ),
    pytest.param(
        selfcheck.affine_to_linear,
        lambda layer: nn.Sequential(layer),
        "got <Sequential>; return one nn.Linear, with one more input",
        id="affine_to_linear: a Sequential",
    ),
    pytest.param(
        selfcheck.quadratic_features,
        features(lambda d: [(i, j) for i in range(d) for j in range(d)]),
        "a feature appears twice: x_i x_j and x_j x_i are the same",
        id="quadratic_features: every pair (i, j)",
    ),
    pytest.param(
        selfcheck.quadratic_features,
        features(lambda d: [(i, j) for i in range(d) for j in range(i)]),
        "the squares x_i * x_i are missing",
        id="quadratic_features: j < i",
    ),
    pytest.param(
        selfcheck.quadratic_features,
        lambda X: quadratic_features(X)[:, 3:],
        "keep the inputs x_i themselves",
        id="quadratic_features: products only",
    ),
    pytest.param(
        selfcheck.quadratic_features,
        features(lambda d: [(i, i) for i in range(d)]),
        "some products x_i * x_j of two different inputs are missing",
        id="quadratic_features: squares only",
    ),
    pytest.param(
        selfcheck.quadratic_features,
        features(lambda d: [(i, j) for i in range(d) for j in range(i + 1)], ones=True),
        "leave out the column of ones",
        id="quadratic_features: a column of ones",
    ),
    pytest.param(
        selfcheck.quadratic_features,
        lambda X: torch.cat([quadratic_features(X), X**3], dim=1),
        "there are columns besides x_i and the products x_i x_j",
        id="quadratic_features: cubes too",
    ),
    pytest.param(
        selfcheck.quadratic_features,
        lambda X: quadratic_features(X).T,
        "return a tensor with one row per example",
        id="quadratic_features: transposed",
    ),
    pytest.param(
        selfcheck.collapse_layers,
        collapsed(lambda W1, W2: W1 @ W2, with_b1),
        "the weights are multiplied in the wrong order",
        id="collapse_layers: W1 W2",
    ),
    pytest.param(
        selfcheck.collapse_layers,
        collapsed(W2_W1, lambda b1, W2, b2: b2),
        "the first layer's bias passes through the second layer's weight",
        id="collapse_layers: b1 forgotten",
    ),
    pytest.param(
        selfcheck.collapse_layers,
        collapsed(W2_W1, lambda b1, W2, b2: b1 + b2),
        "the first layer's bias passes through the second layer's weight",
        id="collapse_layers: b1 + b2",
    ),
    pytest.param(
        selfcheck.collapse_layers,
        collapsed(W2_W1, None, bias=False),
        "the single layer needs a bias: both layers add one",
        id="collapse_layers: no bias",
    ),
    pytest.param(
        selfcheck.collapse_layers,
        lambda first, second: nn.Sequential(first, second),
        "got <Sequential>; return one nn.Linear, not the two layers stacked",
        id="collapse_layers: the two layers stacked",
    ),
    pytest.param(
        selfcheck.collapse_layers,
        lambda first, second: nn.Linear(5, 4),
        "your weight has shape (4, 5); one layer from 3 inputs to 3 outputs",
        id="collapse_layers: the wrong sizes",
    ),
    pytest.param(
        selfcheck.collapse_layers,
        collapsed(lambda W1, W2: W2 @ W1 + 1, with_b1),
        "write second(first(x)) as W2 (W1 x + b1) + b2 and group the terms",
        id="collapse_layers: another layer",
    ),
]


test_a_right_answer_is_right, test_a_wrong_answer_gets_the_hint_that_names_its_fault = table_tests(
    RIGHT, WRONG
)
