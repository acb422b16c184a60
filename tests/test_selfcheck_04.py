"""Self-checks of notebook 04 (The model and its initialization): right answers pass, typical wrong ones get their hint."""

import torch
from torch import nn

import selfcheck


def test_num_parameters_names_forgotten_biases(said):
    selfcheck.num_parameters(lambda i, o: i * o + o)
    assert said().startswith("Right:")
    selfcheck.num_parameters(lambda i, o: i * o)
    assert "forget the biases" in said()


def test_num_parameters_reports_a_crash(said):
    assert selfcheck.num_parameters(lambda i, o: i * o + undefined) is False  # noqa: F821
    assert "NameError" in said()


# d2l 3.1, ex. 2: an affine layer is a linear layer on (x, 1)


def linear_on_ones(weight_of):
    """An answer to the affine exercise whose bias-free weight is ``weight_of(W, b)``."""

    def affine_to_linear(layer):
        weight = weight_of(layer.weight, layer.bias)
        linear = nn.Linear(weight.shape[1], weight.shape[0], bias=False)
        with torch.no_grad():
            linear.weight.copy_(weight)
        return linear

    return affine_to_linear


def test_affine_to_linear_approves_the_bias_as_last_column(said):
    answer = linear_on_ones(lambda W, b: torch.cat([W, b.reshape(-1, 1)], dim=1))
    assert selfcheck.affine_to_linear(answer) is True
    assert said().startswith("Right:")


def test_affine_to_linear_names_the_bias_put_first(said):
    answer = linear_on_ones(lambda W, b: torch.cat([b.reshape(-1, 1), W], dim=1))
    assert selfcheck.affine_to_linear(answer) is False
    assert "put b last" in said()


def test_affine_to_linear_names_a_lost_bias(said):
    answer = linear_on_ones(lambda W, b: torch.cat([W, torch.zeros(len(W), 1)], dim=1))
    assert selfcheck.affine_to_linear(answer) is False
    assert "must be b" in said()


def test_affine_to_linear_refuses_a_layer_that_keeps_a_bias(said):
    def with_bias(layer):
        return nn.Linear(layer.in_features + 1, layer.out_features)

    assert selfcheck.affine_to_linear(with_bias) is False
    assert "bias=False" in said()


def test_affine_to_linear_wants_one_more_input(said):
    assert selfcheck.affine_to_linear(linear_on_ones(lambda W, b: W)) is False
    assert "one more input" in said()


def test_affine_to_linear_reports_a_crash(said):
    assert selfcheck.affine_to_linear(lambda layer: layer.weights) is False
    assert "AttributeError" in said()


# d2l 3.1, ex. 3: quadratic features


def features(X, pairs):
    """The inputs of X, then the products X[:, i] * X[:, j] for the given (i, j)."""
    return torch.cat([X, torch.stack([X[:, i] * X[:, j] for i, j in pairs], dim=1)], dim=1)


def test_quadratic_features_approves_products_with_j_at_most_i(said):
    def quadratic_features(X):
        d = X.shape[1]
        return features(X, [(i, j) for i in range(d) for j in range(i + 1)])

    assert selfcheck.quadratic_features(quadratic_features) is True
    assert said().startswith("Right:")


def test_quadratic_features_accepts_any_column_order(said):
    def reordered(X):
        d = X.shape[1]
        return features(X, [(i, j) for j in range(d) for i in range(j, d)]).flip(1)

    assert selfcheck.quadratic_features(reordered) is True


def test_quadratic_features_names_products_counted_twice(said):
    def all_pairs(X):
        d = X.shape[1]
        return features(X, [(i, j) for i in range(d) for j in range(d)])

    assert selfcheck.quadratic_features(all_pairs) is False
    assert "the same" in said()


def test_quadratic_features_names_missing_squares(said):
    def no_squares(X):
        d = X.shape[1]
        return features(X, [(i, j) for i in range(d) for j in range(i)])

    assert selfcheck.quadratic_features(no_squares) is False
    assert "squares" in said()


def test_quadratic_features_names_missing_linear_terms(said):
    def products_only(X):
        d = X.shape[1]
        return torch.stack([X[:, i] * X[:, j] for i in range(d) for j in range(i + 1)], dim=1)

    assert selfcheck.quadratic_features(products_only) is False
    assert "linear terms" in said()


def test_quadratic_features_leaves_the_constant_to_the_bias(said):
    def with_ones(X):
        d = X.shape[1]
        quadratic = features(X, [(i, j) for i in range(d) for j in range(i + 1)])
        return torch.cat([torch.ones(len(X), 1), quadratic], dim=1)

    assert selfcheck.quadratic_features(with_ones) is False
    assert "column of ones" in said()


def test_quadratic_features_reports_a_crash(said):
    assert selfcheck.quadratic_features(lambda X: X @ X) is False
    assert "RuntimeError" in said()


# d2l 3.1, ex. 6: two stacked linear layers are one


def collapsed(weight_of, bias_of):
    """An answer to the collapse exercise with the given weight and bias formulas."""

    def collapse(first, second):
        W1, b1, W2, b2 = first.weight, first.bias, second.weight, second.bias
        weight = weight_of(W1, W2)
        layer = nn.Linear(weight.shape[1], weight.shape[0])
        with torch.no_grad():
            layer.weight.copy_(weight)
            layer.bias.copy_(bias_of(b1, W2, b2))
        return layer

    return collapse


def test_collapse_layers_approves_w2_w1_and_w2_b1_plus_b2(said):
    answer = collapsed(lambda W1, W2: W2 @ W1, lambda b1, W2, b2: W2 @ b1 + b2)
    assert selfcheck.collapse_layers(answer) is True
    assert said().startswith("Right:")


def test_collapse_layers_names_the_wrong_order(said):
    answer = collapsed(lambda W1, W2: W1 @ W2, lambda b1, W2, b2: W2 @ b1 + b2)
    assert selfcheck.collapse_layers(answer) is False
    assert "wrong order" in said()


def test_collapse_layers_names_the_first_bias_forgotten(said):
    answer = collapsed(lambda W1, W2: W2 @ W1, lambda b1, W2, b2: b2)
    assert selfcheck.collapse_layers(answer) is False
    assert "passes through the second" in said()


def test_collapse_layers_names_the_biases_simply_added(said):
    answer = collapsed(lambda W1, W2: W2 @ W1, lambda b1, W2, b2: b1 + b2)
    assert selfcheck.collapse_layers(answer) is False
    assert "passes through the second" in said()


def test_collapse_layers_refuses_the_two_layers_stacked(said):
    assert selfcheck.collapse_layers(lambda first, second: nn.Sequential(first, second)) is False
    assert "not the two layers stacked" in said()


def test_collapse_layers_names_a_missing_bias(said):
    def no_bias(first, second):
        layer = nn.Linear(first.in_features, second.out_features, bias=False)
        with torch.no_grad():
            layer.weight.copy_(second.weight @ first.weight)
        return layer

    assert selfcheck.collapse_layers(no_bias) is False
    assert "needs a bias" in said()


def test_collapse_layers_reports_a_crash_in_one_line(said):
    assert selfcheck.collapse_layers(lambda first, second: first.weight @ second) is False
    message = said()
    assert message.startswith("Not yet: <lambda>(<Linear>, <Linear>) raised TypeError")
    assert message.count("\n") == 1
