"""Self-checks for the coding exercises of the series.

Call the check named in an exercise on your answer, e.g.

    import selfcheck
    selfcheck.num_batches(my_num_batches)

It prints what is right, or what is wrong and a hint. It never hands you the
answer: the worked solutions are at the end of each notebook.
"""

import math

import torch
from torch import nn
from torch.utils import data


def _right(message):
    """Print the verdict for a right answer; a check returns what this returns."""
    print(f"Right: {message}")
    return True


def _wrong(message):
    """Print what is wrong and a hint; a check returns what this returns."""
    print(f"Not yet: {message}")
    return False


def _call(function, *args, **kwargs):
    """Call the learner's function: ``(True, answer)``, or ``(False, None)`` if it crashed.

    A crash is reported in one or two lines: which call failed and the error,
    not the repr of every argument nor the whole traceback.
    """
    try:
        return True, function(*args, **kwargs)
    except Exception as error:  # the learner's code may raise anything
        name = getattr(function, "__name__", "your function")
        shown = ", ".join(
            [_describe(a) for a in args] + [f"{k}={_describe(v)}" for k, v in kwargs.items()]
        )
        first_line = str(error).strip().split("\n", 1)[0]
        _wrong(f"{name}({shown}) raised {type(error).__name__}: {first_line}")
        return False, None


def _describe(value):
    """A short name for an argument: a tensor by its shape, a module by its class."""
    if isinstance(value, torch.Tensor):
        return f"<tensor of shape {tuple(value.shape)}>"
    if isinstance(value, nn.Module | torch.optim.Optimizer):
        return f"<{type(value).__name__}>"
    text = repr(value)
    return text if len(text) <= 20 else f"<{type(value).__name__}>"


def _scalar_answer(answer):
    """A learner's number as a float: a Python number or a tensor holding one number; else None."""
    if isinstance(answer, torch.Tensor) and answer.numel() == 1:
        return answer.detach().reshape(()).item()
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        return float(answer)
    return None


def _shown(number, answer):
    """How a message shows the learner's answer: the number :func:`_scalar_answer` read, else its kind."""
    return f"{number:g}" if number is not None else _describe(answer)


# 00 -------------------------------------------------------------------------


def same_draws(first, second):
    """00: two tensors drawn from two generators seeded alike must be equal."""
    if not (isinstance(first, torch.Tensor) and isinstance(second, torch.Tensor)):
        return _wrong("pass the two tensors you drew, e.g. selfcheck.same_draws(a, b)")
    elif first is second:
        return _wrong("you passed the same tensor twice; draw a second one from a second generator")
    elif first.shape != second.shape:
        return _wrong(
            f"the draws have shapes {tuple(first.shape)} and {tuple(second.shape)}; draw the same number twice"
        )
    elif torch.equal(first, second):
        return _right(
            "the same seed gave the same numbers, so a seeded generator makes a notebook repeatable."
        )
    else:
        return _wrong(
            "the draws differ: give each draw its own generator, seeded with manual_seed(the same "
            "number); two draws from one generator differ, since it moves on after each draw"
        )


# 01 -------------------------------------------------------------------------


def _regression_problem():
    """A small problem for 01's checks: X (7, 3), y (7, 1), and w (3, 1), b (1,) to differentiate."""
    generator = torch.Generator().manual_seed(1)
    X = torch.randn(7, 3, generator=generator)
    y = torch.randn(7, 1, generator=generator)
    w = torch.randn(3, 1, generator=generator, requires_grad=True)
    b = torch.randn(1, generator=generator, requires_grad=True)
    return X, y, w, b


def grad_b(function):
    """01: ``function(X, y, w, b)`` must return dL/db for the mean squared error."""
    X, y, w, b = _regression_problem()
    ((X @ w + b - y) ** 2).mean().backward()
    ok, answer = _call(function, X, y, w.detach(), b.detach())
    if not ok:
        return False
    if not isinstance(answer, torch.Tensor) or answer.shape != b.shape:
        shape = tuple(answer.shape) if isinstance(answer, torch.Tensor) else type(answer).__name__
        return _wrong(
            f"the gradient has shape {shape}; it must be a tensor of b's shape, {tuple(b.shape)}"
        )
    answer = answer.detach().to(b.grad.dtype)
    if torch.allclose(answer, b.grad, atol=1e-6):
        return _right("dL/db = 2/n * sum(Xw + b - y) matches autograd.")
    elif torch.allclose(answer, -b.grad, atol=1e-6):
        return _wrong(
            "the sign is flipped: differentiate (Xw + b - y)^2, with y_hat - y, not y - y_hat"
        )
    elif torch.allclose(answer, b.grad / 2, atol=1e-6):
        return _wrong("off by a factor of 2: the derivative of (y_hat - y)^2 is 2 (y_hat - y)")
    elif torch.allclose(answer, b.grad * len(X), atol=1e-5):
        return _wrong("off by a factor of n: the loss is the mean, so divide the sum by n")
    else:
        return _wrong(
            f"got {answer.tolist()}, autograd says {b.grad.tolist()}; differentiate the mean "
            "of (Xw + b - y)^2 by b, and keep b in the residual"
        )


def derivative_f(function):
    """01: ``function(x)`` must return f'(x) for f(x) = log(x^2) sin(x) + 1/x, derived by hand."""
    x = torch.tensor([-1.5, 0.5, 1.0, 2.0, 3.0], requires_grad=True)
    (torch.log(x**2) * torch.sin(x) + x**-1).sum().backward()
    x, expected = x.detach(), x.grad
    ok, answer = _call(function, x)
    if not ok:
        return False
    if not isinstance(answer, torch.Tensor) or answer.shape != x.shape:
        return _wrong("return a tensor of the shape of x, computed from x with torch functions")
    answer = answer.detach().to(expected.dtype)
    if torch.allclose(answer, expected, atol=1e-5):
        return _right("your f'(x) agrees with autograd at x = -1.5, 0.5, 1, 2 and 3.")
    elif torch.allclose(answer - 2 * x**-2, expected, atol=1e-5):
        return _wrong("the derivative of 1/x = x^(-1) is -x^(-2): check its sign")
    elif torch.allclose(answer + torch.sin(x) / x, expected, atol=1e-5):
        return _wrong("the chain rule on log(x^2): its derivative is (1/x^2) * 2x = 2/x")
    else:
        return _wrong(
            "not f'(x) yet: use the product rule on log(x^2) sin(x) (two terms) and the "
            "chain rule on log(x^2), then add the derivative of 1/x"
        )


def hessian_w(function):
    """01: ``function(X, y, w, b)`` must return the d x d Hessian of the mean squared error in w."""
    X, y, w, b = _regression_problem()
    b = b.detach()
    expected = 2 / len(X) * X.T @ X
    ok, answer = _call(function, X, y, w, b)
    if not ok:
        return False
    if not isinstance(answer, torch.Tensor):
        return _wrong(f"return a tensor, not a {type(answer).__name__}")
    answer = answer.detach().to(expected.dtype)
    if answer.shape == w.shape and torch.allclose(
        answer, expected.sum(dim=1, keepdim=True), atol=1e-5
    ):
        return _wrong(
            "that is each row of the Hessian added up, what differentiating g.sum() gives: "
            "differentiate each entry g[j] of the gradient on its own, one row at a time"
        )
    elif answer.shape == w.shape:
        return _wrong(
            "that has the shape of w, like the gradient (first derivatives): differentiate "
            "each of its d entries again, with create_graph=True on the first call"
        )
    elif answer.shape != expected.shape:
        return _wrong(
            f"the Hessian has shape {tuple(answer.shape)}; it must be d x d = {tuple(expected.shape)}, "
            "one row and one column per weight"
        )
    elif torch.allclose(answer, expected, atol=1e-5):
        return _right("autograd's second derivatives are 2/n X^T X, whatever w and y are.")
    elif torch.allclose(answer, expected / 2, atol=1e-5):
        return _wrong("off by a factor of 2: the squared error gives a 2 in both derivatives")
    elif torch.allclose(answer, expected * len(X), atol=1e-4):
        return _wrong("off by a factor of n: the loss is the mean, not the sum, of the squares")
    else:
        return _wrong(
            "not the Hessian yet: compute the gradient with torch.autograd.grad(l, w, "
            "create_graph=True), then differentiate each of its entries by w"
        )


# 02 -------------------------------------------------------------------------


def noisy_data(X, y, w, b, noise_std):
    """02: ``(X, y)`` drawn with weights ``w``, bias ``b`` and noise of std ``noise_std``."""
    if not (isinstance(X, torch.Tensor) and isinstance(y, torch.Tensor)):
        return _wrong(
            "pass the tensors you drew, e.g. selfcheck.noisy_data(X, y, true_w, true_b, 0.1)"
        )
    X, y, w = X.float(), y.float(), torch.as_tensor(w, dtype=torch.float32)
    if X.shape != (len(X), len(w)):
        return _wrong(
            f"X has shape {tuple(X.shape)}; it needs one column per weight, {len(w)} columns"
        )
    if y.shape != (len(X), 1):
        return _wrong(f"y has shape {tuple(y.shape)}; it must be a column, shape ({len(X)}, 1)")
    residual_std = (y.reshape(-1) - X @ w - b).std().item()
    if math.isclose(residual_std, noise_std, rel_tol=0.15):
        return _right(
            f"the noise left after subtracting Xw + b has std {residual_std:.3g}, as asked."
        )
    else:
        return _wrong(
            f"y - (Xw + b) has std {residual_std:.3g}, not {noise_std}; scale the noise you add"
        )


def best_constant(function, loss="squared"):
    """02: ``function(x)`` must return the constant b with the smallest summed ``loss`` over ``x``.

    ``loss`` is ``"squared"``, the sum of (x_i - b)^2, or ``"absolute"``, the sum of |x_i - b|.
    """
    if loss not in ("squared", "absolute"):
        return _wrong(f'loss is {loss!r}; pass loss="squared" or loss="absolute"')
    costs = {
        "squared": lambda x, b: ((x - b) ** 2).sum().item(),
        "absolute": lambda x, b: (x - b).abs().sum().item(),
    }
    other = {"squared": "absolute", "absolute": "squared"}[loss]
    # Skewed samples, one with an even count: their mean and median lie far apart
    for x in [torch.tensor([0.5, 1.0, 2.0, 3.5, 40.0]), torch.tensor([1.0, 2.0, 3.0, 30.0])]:
        ok, answer = _call(function, x.clone())
        if not ok:
            return False
        try:
            b = float(answer)
        except (TypeError, ValueError, RuntimeError):
            return _wrong(
                f"return one number (a float or a 1-element tensor), not {_describe(answer)}"
            )
        best = min(costs[loss](x, c) for c in [x.mean().item(), x.median().item()])
        if costs[loss](x, b) <= best * (1 + 1e-5) + 1e-6:
            continue
        if costs[other](x, b) <= min(costs[other](x, c) for c in [x.mean(), x.median()]) * (
            1 + 1e-5
        ):
            hint = {
                "squared": "that is the best constant for the absolute loss (a median); "
                "for the squared loss set the derivative -2 * sum(x_i - b) to zero",
                "absolute": "that is the best constant for the squared loss (the mean); "
                "for |x_i - b| ask how the sum changes as b moves past one x_i",
            }[loss]
        elif math.isclose(b, x.sum().item(), rel_tol=1e-5):
            hint = "that is the sum of the x_i; divide by their number"
        else:
            hint = f"b = {b:.4g} does not give the smallest {loss} loss on x = {x.tolist()}"
        return _wrong(hint)
    meaning = {"squared": "the mean", "absolute": "a median"}[loss]
    return _right(f"{meaning} minimizes the summed {loss} loss.")


def ridge(function):
    """02: ``function(X, y, lam)`` must return the w that minimizes |Xw - y|^2 + lam |w|^2."""
    generator = torch.Generator().manual_seed(2)
    X = torch.randn(20, 3, generator=generator)
    X = torch.cat([X, 2 * X[:, :1]], dim=1)  # a fourth feature, twice the first: X^T X is singular
    y = torch.randn(20, generator=generator)
    lam = 0.5
    X64, y64, eye = X.double(), y.double(), torch.eye(4, dtype=torch.float64)

    ok, answer = _call(function, X.clone(), y.clone(), lam)
    if not ok:
        return False
    if not isinstance(answer, torch.Tensor) or answer.numel() != 4:
        return _wrong(f"return a tensor of 4 weights, one per column of X, not {_describe(answer)}")
    w = answer.detach().double().reshape(-1)

    def solves(matrix):  # does w solve matrix @ w = X^T y?
        return (matrix @ w - X64.T @ y64).norm() <= 1e-4 * (X64.T @ y64).norm()

    if not torch.isfinite(w).all():
        return _wrong("the weights are not finite: X^T X is singular here, add lam on its diagonal")
    gram = X64.T @ X64
    if solves(gram + lam * eye):
        return _right("(X^T X + lam I) w = X^T y has one solution even when X^T X is singular.")
    if solves(gram + lam * torch.ones(4, 4, dtype=torch.float64)):
        return _wrong("add lam on the diagonal only, lam * torch.eye(d), not to every entry")
    for factor, what in [(20, "n * lam"), (1 / 20, "lam / n"), (2, "2 * lam"), (0.5, "lam / 2")]:
        if solves(gram + factor * lam * eye):
            return _wrong(
                f"you added {what} on the diagonal; for |Xw - y|^2 + lam |w|^2 the gradient "
                "2 X^T (Xw - y) + 2 lam w = 0 gives lam itself"
            )
    if solves(gram):
        return _wrong("that is a least-squares solution without the penalty; add lam * I to X^T X")
    return _wrong(
        "these are not the ridge weights; set the gradient of |Xw - y|^2 + lam |w|^2 to zero "
        "and solve for w"
    )


def same_every_call(function):
    """02: ``function(num_examples)`` must return the same ``(X, y)`` on every call, leaving the global generator alone."""
    state = torch.get_rng_state()
    try:
        results = []
        for _ in range(2):
            ok, answer = _call(function, 100)
            if not ok:
                return False
            results.append(answer)
        disturbed = not torch.equal(torch.get_rng_state(), state)
    finally:
        torch.set_rng_state(state)  # undo whatever the function did to the global generator
    if not all(
        isinstance(r, tuple) and len(r) == 2 and all(isinstance(t, torch.Tensor) for t in r)
        for r in results
    ):
        return _wrong("return the data as a tuple of two tensors, X, y")
    (X1, y1), (X2, y2) = results
    if not (torch.equal(X1, X2) and torch.equal(y1, y2)):
        return _wrong(
            "two calls gave different data: create and seed a new torch.Generator inside "
            "the function, on every call, and pass it to every draw"
        )
    if disturbed:
        return _wrong(
            "the data repeat, but your function moved PyTorch's global generator, which every "
            "other draw in the program shares (torch.manual_seed, or a draw without "
            "generator=): give the draws a torch.Generator of their own"
        )
    return _right("the same data on every call, and the rest of the program's draws untouched.")


def loss_gap(gap):
    """02: the expected gap between the true weights' MSE and the least-squares MSE on 02's data."""
    sigma, n, d = 0.01, 1000, 5
    expected = (d + 1) * sigma**2 / n
    if (gap := _scalar_answer(gap)) is None:
        return _wrong("pass one number (a float, or a tensor holding one number)")
    if math.isclose(gap, expected, rel_tol=0.01):
        return _right(
            "one sigma^2 / n for each of the six fitted parameters (five weights and the bias)."
        )
    hints = [
        (d * sigma**2 / n, "you counted the five weights; the bias is fitted too"),
        (sigma**2 / n, "that is the gap for one fitted parameter; count all of them"),
        ((d + 1) * sigma**2, "divide by n: the gap is in the mean of n squared errors"),
        ((d + 1) * sigma / n, "the noise enters squared: use sigma^2, not sigma"),
    ]
    for value, hint in hints:
        if math.isclose(gap, value, rel_tol=0.01):
            return _wrong(hint)
    return _wrong(
        f"{gap:.2g} is not the expected gap; each fitted parameter absorbs about sigma^2 / n of "
        "the noise's mean square"
    )


# 03 -------------------------------------------------------------------------


def num_batches(function):
    """03: ``function(num_examples, batch_size, drop_last)`` must count a DataLoader's batches."""
    cases = [
        (1000, 10, False),
        (1000, 10, True),
        (1000, 64, False),
        (1000, 64, True),
        (5, 10, False),
        (5, 10, True),
    ]
    for num_examples, batch_size, drop_last in cases:
        loader = data.DataLoader(range(num_examples), batch_size, drop_last=drop_last)
        ok, answer = _call(function, num_examples, batch_size, drop_last)
        if not ok:
            return False
        if (said := _scalar_answer(answer)) != len(loader):
            hint = (
                "the last, partial batch counts"
                if not drop_last
                else "drop_last throws the partial batch away"
            )
            return _wrong(
                f"for {num_examples} examples, batch_size={batch_size}, drop_last={drop_last} "
                f"you said {_shown(said, answer)}, the DataLoader gives {len(loader)} ({hint})"
            )
    return _right("your count agrees with len(DataLoader) with and without drop_last.")


def fresh_batches(function):
    """03: ``function(w, b, batch_size, num_batches, generator)`` must yield new data on every pass."""
    w, b, batch_size, count = torch.tensor([1.5, -2.0, 0.5]), 0.7, 8, 5

    def one_pass(*args):
        return list(function(*args))

    def examples(batches):
        """All the examples of one pass, as (X, y); or a message saying what is wrong."""
        if not all(
            isinstance(pair, tuple | list)
            and len(pair) == 2
            and all(isinstance(t, torch.Tensor) for t in pair)
            for pair in batches
        ):
            return "yield one pair of tensors (X_batch, y_batch) per batch"
        if len(batches) != count:
            return f"asked for {count} batches, got {len(batches)}; yield one (X_batch, y_batch) pair per batch"
        for X_batch, y_batch in batches:
            if X_batch.shape != (batch_size, len(w)):
                return f"X_batch has shape {tuple(X_batch.shape)}; it needs batch_size rows of {len(w)} features"
            if y_batch.shape != (batch_size, 1):
                return f"y_batch has shape {tuple(y_batch.shape)}; it must be a column, ({batch_size}, 1)"
        return tuple(torch.cat(part).to(w.dtype) for part in zip(*batches, strict=True))

    one_pass.__name__ = getattr(function, "__name__", "your function")
    shared, fresh = torch.Generator().manual_seed(3), torch.Generator().manual_seed(3)
    passes = []  # the examples of each pass: two passes from one generator, then one seeded alike
    for generator in [shared, shared, fresh]:
        ok, batches = _call(one_pass, w, b, batch_size, count, generator)
        if not ok:
            return False
        if isinstance(found := examples(batches), str):
            return _wrong(found)
        passes.append(found)
    (X, y), (X_second, _), (X_again, _) = passes
    if all(torch.equal(X_batch, X[:batch_size]) for X_batch in X.split(batch_size)):
        return _wrong(
            "every batch holds the same examples: draw new ones inside the loop, for each batch"
        )
    residual = y.reshape(-1) - X @ w - b
    if residual.abs().max() > 0.1:
        return _wrong(
            "y is not Xw + b + small noise: compute the labels from the w and b passed in"
        )
    if residual.std() < 0.001:
        return _wrong("the labels have no noise: add noise of standard deviation 0.01 to Xw + b")
    if torch.equal(X.reshape(-1).sort().values, X_second.reshape(-1).sort().values):
        return _wrong(
            "a second pass gave the same examples again: draw them from the generator "
            "during each pass, not once beforehand"
        )
    if not torch.equal(X, X_again):
        return _wrong(
            "the same seed gave different data: draw with generator=generator, "
            "so that a seeded generator repeats its stream"
        )
    return _right("new examples for every batch and every pass, reproducible from the generator.")


# 04 -------------------------------------------------------------------------


def num_parameters(function):
    """04: ``function(num_inputs, num_outputs)`` must count the parameters of ``nn.Linear``."""
    for num_inputs, num_outputs in [(5, 1), (2, 3), (10, 10), (1, 7)]:
        expected = sum(p.numel() for p in nn.Linear(num_inputs, num_outputs).parameters())
        ok, answer = _call(function, num_inputs, num_outputs)
        if not ok:
            return False
        if (said := _scalar_answer(answer)) != expected:
            hint = (
                "did you forget the biases, one per output?"
                if said == num_inputs * num_outputs
                else (
                    "the weight matrix has num_outputs rows of num_inputs weights, plus one bias per output"
                )
            )
            return _wrong(
                f"nn.Linear({num_inputs}, {num_outputs}) has {expected} parameters, you said "
                f"{_shown(said, answer)}; {hint}"
            )
    return _right("weights (num_outputs x num_inputs) plus one bias per output.")


def _apply(layer, X):
    """What the learner's ``nn.Linear`` computes on X, from its parameters, in X's dtype."""
    output = X @ layer.weight.detach().to(X.dtype).T
    return output if layer.bias is None else output + layer.bias.detach().to(X.dtype)


def _random_linear(num_inputs, num_outputs, generator):
    """An ``nn.Linear`` with every parameter drawn from N(0, 1): no accidental zeros or symmetry."""
    layer = nn.Linear(num_inputs, num_outputs)
    for param in layer.parameters():
        nn.init.normal_(param, generator=generator)
    return layer


def affine_to_linear(function):
    """04: ``function(layer)`` must return a bias-free ``nn.Linear`` that acts on (x, 1) as ``layer`` acts on x."""
    generator = torch.Generator().manual_seed(4)
    layer = _random_linear(3, 2, generator)
    X = torch.randn(6, 3, generator=generator)
    ones = torch.ones(len(X), 1)
    with torch.no_grad():
        expected, no_bias = layer(X), X @ layer.weight.T
    ok, answer = _call(function, layer)
    if not ok:
        return False
    if not isinstance(answer, nn.Linear):
        return _wrong(f"got a {type(answer).__name__}; return one nn.Linear with one more input")
    if answer.bias is not None:
        return _wrong(
            "the new layer has a bias of its own: make it with bias=False, the column of ones carries b"
        )
    if answer.weight.shape != (2, 4):
        return _wrong(
            f"for nn.Linear(3, 2) you returned a weight of shape {tuple(answer.weight.shape)}; "
            "it needs one more input (the ones column) than the layer has"
        )
    if torch.allclose(_apply(answer, torch.cat([X, ones], dim=1)), expected, atol=1e-5):
        return _right(
            "the weight [W, b] on (x, 1) computes Wx + b: an affine map is linear in (x, 1)."
        )
    elif torch.allclose(_apply(answer, torch.cat([ones, X], dim=1)), expected, atol=1e-5):
        return _wrong(
            "b sits in the first column of your weight, but the ones are appended last: put b last"
        )
    elif torch.allclose(_apply(answer, torch.cat([X, ones], dim=1)), no_bias, atol=1e-5):
        return _wrong("the outputs miss the bias: the weight of the ones column must be b")
    return _wrong(
        "your layer on (X, 1) and the layer on X differ: keep W's columns and add one for the ones"
    )


def quadratic_features(function):
    """04: ``function(X)`` must return the features x_i and x_i x_j (j <= i) of every row of X."""
    X = torch.randn(7, 3, generator=torch.Generator().manual_seed(4))
    d = X.shape[1]
    linear = [X[:, i] for i in range(d)]
    squares = [X[:, i] * X[:, i] for i in range(d)]
    products = [X[:, i] * X[:, j] for i in range(d) for j in range(i)]
    ok, answer = _call(function, X)
    if not ok:
        return False
    if not isinstance(answer, torch.Tensor) or answer.ndim != 2 or len(answer) != len(X):
        return _wrong("return a tensor with one row per example, shape (n, number of features)")
    columns = list(answer.T.to(X.dtype))

    def count(feature):
        return sum(bool(torch.allclose(column, feature, atol=1e-5)) for column in columns)

    if any(count(feature) == 0 for feature in linear):
        return _wrong("keep the inputs x_i themselves: f(x) has the linear terms w_i x_i too")
    elif any(count(feature) == 0 for feature in squares):
        return _wrong("the squares x_i * x_i are missing: j <= i includes j = i")
    elif any(count(feature) == 0 for feature in products):
        return _wrong("some products x_i * x_j of two different inputs are missing")
    elif any(count(feature) > 1 for feature in linear + squares + products):
        return _wrong(
            "a feature appears twice: x_i x_j and x_j x_i are the same, so take j <= i only"
        )
    elif count(torch.ones(len(X))) > 0:
        return _wrong("leave out the column of ones: the bias of nn.Linear is the constant b")
    elif len(columns) != len(linear + squares + products):
        return _wrong(
            "there are columns besides x_i and the products x_i x_j (j <= i): leave them out"
        )
    return _right(
        f"{len(columns)} features for {d} inputs, each once: nn.Linear on them can fit any quadratic."
    )


def collapse_layers(function):
    """04: ``function(first, second)`` must return one ``nn.Linear`` equal to ``second(first(x))``."""
    for num_inputs, num_hidden, num_outputs in [(3, 3, 3), (5, 4, 2)]:
        generator = torch.Generator().manual_seed(4)
        first = _random_linear(num_inputs, num_hidden, generator)
        second = _random_linear(num_hidden, num_outputs, generator)
        X = torch.randn(6, num_inputs, generator=generator)
        with torch.no_grad():
            expected = second(first(X))
            product = second.weight @ first.weight
        ok, answer = _call(function, first, second)
        if not ok:
            return False
        if not isinstance(answer, nn.Linear):
            return _wrong(
                f"got a {type(answer).__name__}; return one nn.Linear, not the two layers stacked"
            )
        if answer.weight.shape != (num_outputs, num_inputs):
            return _wrong(
                f"for nn.Linear({num_inputs}, {num_hidden}) then nn.Linear({num_hidden}, {num_outputs}) "
                f"your weight has shape {tuple(answer.weight.shape)}; one layer from {num_inputs} inputs "
                f"to {num_outputs} outputs has a weight of shape ({num_outputs}, {num_inputs})"
            )
        weight = answer.weight.detach().to(X.dtype)
        if torch.allclose(_apply(answer, X), expected, atol=1e-4):
            continue
        elif answer.bias is None:
            return _wrong("the single layer needs a bias: both layers add one")
        elif num_inputs == num_hidden == num_outputs and torch.allclose(
            weight, (first.weight @ second.weight).detach(), atol=1e-4
        ):
            return _wrong(
                "the weights are multiplied in the wrong order: the first layer acts first, so its weight stands on the right"
            )
        elif torch.allclose(weight, product, atol=1e-4):
            return _wrong(
                "the weight is right; the bias is not: the first layer's bias passes through the second layer's weight"
            )
        return _wrong(
            "your layer and second(first(X)) differ: write second(first(x)) as W2 (W1 x + b1) + b2 and group the terms"
        )
    return _right(
        "weight W2 W1 and bias W2 b1 + b2: two stacked linear layers are one linear layer."
    )


# 05 -------------------------------------------------------------------------


def train_step(function):
    """05: ``function(net, loss, optimizer, X, y)`` must make one SGD update and return the loss."""

    def setup():
        generator = torch.Generator().manual_seed(5)
        net = nn.Sequential(nn.Linear(3, 1))
        nn.init.normal_(net[0].weight, 0, 0.01, generator=generator)
        nn.init.zeros_(net[0].bias)
        X = torch.randn(10, 3, generator=generator)
        y = torch.randn(10, 1, generator=generator)
        return net, nn.MSELoss(), torch.optim.SGD(net.parameters(), lr=0.1), X, y

    net, loss, optimizer, X, y = setup()
    # A stale gradient left from an earlier step: a correct step must clear it.
    loss(net(X), y).backward()
    ok, answer = _call(function, net, loss, optimizer, X, y)
    if not ok:
        return False
    ref_net, ref_loss, ref_optimizer, X, y = setup()
    l = ref_loss(ref_net(X), y)
    ref_optimizer.zero_grad()
    l.backward()
    ref_optimizer.step()
    before = setup()[0]
    if all(torch.equal(p, q) for p, q in zip(net.parameters(), before.parameters(), strict=True)):
        return _wrong("the parameters did not change: call optimizer.step() after loss.backward()")
    elif not all(
        torch.allclose(p, q) for p, q in zip(net.parameters(), ref_net.parameters(), strict=True)
    ):
        return _wrong(
            "the parameters moved, but not by one SGD step: call optimizer.zero_grad() "
            "before loss.backward(), or old gradients are added to the new ones"
        )
    elif (value := _scalar_answer(answer)) is None:
        return _wrong(
            f"the update is right; now return the batch's loss as one number, not {_describe(answer)}"
        )
    elif not math.isclose(value, l.item(), rel_tol=1e-6):
        return _wrong("the update is right; now return the loss of the batch (before the step)")
    else:
        return _right("zero_grad, backward, step: one correct update, and the batch loss returned.")


def weight_grad(function):
    """05: ``function(net, X, y)`` must return d(MSE on X, y)/d(weights), whatever .grad held before."""
    generator = torch.Generator().manual_seed(5)
    net = nn.Sequential(nn.Linear(3, 1))
    nn.init.normal_(net[0].weight, 0, 0.01, generator=generator)
    nn.init.zeros_(net[0].bias)
    X, X_old = torch.randn(10, 3, generator=generator), torch.randn(10, 3, generator=generator)
    y, y_old = torch.randn(10, 1, generator=generator), torch.randn(10, 1, generator=generator)
    reference = nn.Sequential(nn.Linear(3, 1))
    reference.load_state_dict(net.state_dict())
    nn.MSELoss()(reference(X), y).backward()
    expected = reference[0].weight.grad
    # A stale gradient from an earlier backward pass on other data.
    nn.MSELoss()(net(X_old), y_old).backward()
    stale = net[0].weight.grad.clone()
    weight = net[0].weight.detach().clone()
    ok, answer = _call(function, net, X, y)
    if not ok:
        return False
    if not isinstance(answer, torch.Tensor) or answer.numel() != expected.numel():
        shape = tuple(answer.shape) if isinstance(answer, torch.Tensor) else type(answer).__name__
        return _wrong(
            f"got {shape}; return the weight's gradient, a tensor of the weight's shape "
            f"{tuple(expected.shape)} (for one output, a bias gradient has shape (1,))"
        )
    answer = answer.detach().reshape(expected.shape).to(expected.dtype)
    if torch.allclose(answer, expected, atol=1e-6):
        return _right("net[0].weight.grad after zero_grad() and backward() holds dL/dw.")
    elif torch.allclose(answer, expected + stale, atol=1e-6):
        return _wrong(
            "the old gradient is still in it: backward() adds into .grad, so clear it first "
            "with net.zero_grad()"
        )
    elif torch.allclose(answer, stale, atol=1e-6):
        return _wrong(
            "that is the gradient left from an earlier pass: compute the loss on X, y and "
            "call backward() on it"
        )
    elif torch.allclose(answer, weight):
        return _wrong("that is the weight itself; its gradient is its .grad, after backward()")
    elif torch.allclose(answer, expected / 2, atol=1e-6):
        return _wrong("half the gradient: use nn.MSELoss(), which does not halve the square")
    else:
        return _wrong(
            "not the gradient of nn.MSELoss() on X, y: clear .grad, compute the loss of "
            "net(X) against y, call backward(), and read net[0].weight.grad"
        )


def fit_resistance(function):
    """05: ``function(I, V)`` must learn R in Ohm's law V = R I from noisy measurements."""
    answers = []
    for R, seed in [(4.7, 1), (12.0, 2)]:
        generator = torch.Generator().manual_seed(seed)
        I = torch.linspace(0.1, 2.0, 20)  # amperes
        V = R * I + 0.1 * torch.randn(20, generator=generator)  # volts, noise of 0.1 V
        best = (I @ V / (I @ I)).item()  # least squares for V = R I
        ok, answer = _call(function, I, V)
        if not ok:
            return False
        value = _scalar_answer(answer)
        if value is None:
            return _wrong("return R as one number (a float, or a tensor holding one number)")
        elif not math.isfinite(value):
            return _wrong(f"R is {value}: the descent diverged; make the learning rate smaller")
        answers.append(value)
        if math.isclose(value, best, rel_tol=0.02):
            continue
        elif value != 0 and math.isclose(1 / value, best, rel_tol=0.05):
            return _wrong(
                "that is the conductance 1/R: Ohm's law is V = R I, so predict V from I "
                "(or return 1 / G)"
            )
        elif len(answers) == 2 and math.isclose(answers[0], answers[1]):
            return _wrong("the same R for two different resistors: learn it from I and V")
        else:
            return _wrong(
                f"R = {value:.3g} ohm does not fit the measurements (V = R I with noise): "
                "train until the loss stops falling (more steps, or a larger learning rate)"
            )
    return _right("R fits the measurements of two different resistors.")


def fit_temperature(function):
    """05: ``function(wavelengths, B)`` must fit Planck's law to a spectrum and return T in kelvin."""
    h, c, k = 6.62607015e-34, 2.99792458e8, 1.380649e-23
    wavelengths = torch.linspace(0.3e-6, 3e-6, 50, dtype=torch.float64)
    x = h * c / (wavelengths * k)  # kelvin: B depends on T through x / T
    answers = []
    for T, seed in [(5800.0, 1), (3000.0, 2)]:
        generator = torch.Generator().manual_seed(seed)
        noise = 0.02 * torch.randn(50, generator=generator, dtype=torch.float64)
        B = 2 * h * c**2 / wavelengths**5 / torch.expm1(x / T) * torch.exp(noise)
        ok, answer = _call(function, wavelengths, B)
        if not ok:
            return False
        value = _scalar_answer(answer)
        if value is None:
            return _wrong("return T as one number (a float, or a tensor holding one number)")
        elif not math.isfinite(value) or value <= 0:
            return _wrong(
                f"T is {value:.4g} K: the descent diverged; compare log B rather than B (B "
                "spans decades), learn beta = 1000 K / T, or make the learning rate smaller"
            )
        answers.append(value)
        if math.isclose(value, T, rel_tol=0.01):
            continue
        elif value != 0 and math.isclose(1000 / value, T, rel_tol=0.01):
            return _wrong("that looks like beta = 1000 K / T; return T = 1000 / beta, in kelvin")
        elif math.isclose(1000 * value, T, rel_tol=0.01):
            return _wrong("that looks like thousands of kelvin; return T in kelvin")
        elif value < 50 and math.isclose(math.exp(value), T, rel_tol=0.01):
            return _wrong("that looks like log T; return T itself, in kelvin")
        elif len(answers) == 2 and math.isclose(answers[0], answers[1]):
            return _wrong("the same T for two different spectra: learn it from the spectrum")
        else:
            return _wrong(
                f"T = {value:.4g} K does not fit the spectrum: train until the loss on log B "
                "stops falling (more steps, or a better learning rate)"
            )
    return _right("T fits the spectra of two black bodies, a hot one and a cooler one.")


# 06 -------------------------------------------------------------------------


def sum_reduction_lr(lr, batch_size=10):
    """06: the learning rate that makes ``reduction='sum'`` take the same steps as the mean with lr=0.03."""
    expected = 0.03 / batch_size
    if isinstance(lr, bool) or not isinstance(lr, int | float):
        return _wrong(f"pass the learning rate as one number, not {_describe(lr)}")
    elif math.isclose(lr, expected, rel_tol=1e-6):
        return _right(
            f"the summed loss is batch_size = {batch_size} times the mean, so lr = 0.03 / {batch_size} = {expected:g}."
        )
    elif math.isclose(lr, 0.03 * batch_size, rel_tol=1e-6):
        return _wrong(
            "the other way round: the sum makes gradients larger, so the learning rate must be smaller"
        )
    elif math.isclose(lr, 0.03, rel_tol=1e-6):
        return _wrong(
            f"with the same lr every step of the sum is batch_size = {batch_size} times longer; "
            "the learning rate must compensate"
        )
    else:
        return _wrong(
            f"lr={lr:g} does not give the same steps; compare the gradient of the sum with that of the mean"
        )


def _scalar(answer, name):
    """The learner's loss as a float, or None after saying why it is not one number."""
    if isinstance(answer, torch.Tensor) and answer.numel() == 1:
        return answer.item()
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        return float(answer)
    if isinstance(answer, torch.Tensor):
        _wrong(
            f"{name} returned a tensor of shape {tuple(answer.shape)}; return the mean over "
            "the examples, one number, as PyTorch's losses do"
        )
    else:
        _wrong(f"{name} returned {type(answer).__name__}; return the loss as a tensor")
    return None


def huber(function):
    """06: ``function(y_hat, y, sigma)``, the mean of d2l's Huber loss (= ``nn.SmoothL1Loss(beta=sigma)``)."""
    generator = torch.Generator().manual_seed(6)
    y = torch.randn(40, 1, generator=generator)
    y_hat = y + torch.linspace(-3, 3, 40).reshape(-1, 1)  # residuals on both sides of sigma
    for sigma in [0.5, 2.0]:
        ok, answer = _call(function, y_hat, y, sigma)
        if not ok:
            return False
        answer = _scalar(answer, "huber")
        if answer is None:
            return False
        r = (y_hat - y).abs()
        expected = nn.SmoothL1Loss(beta=sigma)(y_hat, y).item()
        if math.isclose(answer, expected, rel_tol=1e-5):
            continue
        elif math.isclose(answer, sigma * expected, rel_tol=1e-5):
            return _wrong(
                "that is nn.HuberLoss(delta=sigma), sigma times d2l's loss: d2l divides the "
                "square by 2 sigma and subtracts sigma / 2 from |r|"
            )
        elif math.isclose(answer, len(y) * expected, rel_tol=1e-5):
            return _wrong("that is the sum over the examples; return their mean")
        elif math.isclose(
            answer, torch.where(r > sigma, r, r**2 / (2 * sigma)).mean().item(), rel_tol=1e-5
        ):
            return _wrong(
                "beyond sigma subtract sigma / 2 from |r|: without it the two pieces do not "
                "meet at |r| = sigma"
            )
        elif math.isclose(
            answer,
            torch.where(r <= sigma, r - sigma / 2, r**2 / (2 * sigma)).mean().item(),
            rel_tol=1e-5,
        ):
            return _wrong(
                "the two pieces are swapped: the square is for |r| <= sigma, the line beyond"
            )
        else:
            return _wrong(
                f"with sigma={sigma} the loss is {answer:.4g}; compute |r| = |y_hat - y|, then "
                "r^2 / (2 sigma) where |r| <= sigma and |r| - sigma / 2 elsewhere, and average"
            )
    return _right(
        "d2l's Huber loss, the same as nn.SmoothL1Loss(beta=sigma) and nn.HuberLoss(delta=sigma) / sigma."
    )


def poisson_loss(function):
    """06: ``function(log_lam, k)``, the mean Poisson negative log-likelihood for log-rates ``log_lam``."""
    generator = torch.Generator().manual_seed(6)
    log_lam = torch.rand(50, 1, generator=generator) * 2 + 0.5  # rates from 1.6 to 12
    k = torch.poisson(torch.exp(log_lam), generator=generator)
    ok, answer = _call(function, log_lam, k)
    if not ok:
        return False
    answer = _scalar(answer, "poisson_loss")
    if answer is None:
        return False
    expected = nn.PoissonNLLLoss(log_input=True)(log_lam, k).item()
    log_k_factorial = torch.lgamma(k + 1).mean().item()
    if math.isclose(answer, expected, rel_tol=1e-5):
        return _right(
            "exp(log_lam) - k * log_lam, averaged: nn.PoissonNLLLoss(log_input=True) computes the same."
        )
    elif math.isclose(answer, expected + log_k_factorial, rel_tol=1e-5):
        return _right(
            "the exact negative log-likelihood. PyTorch leaves out log k!, which does not depend "
            "on the parameters, so the gradients are the same."
        )
    elif math.isclose(answer, -expected, rel_tol=1e-5) or math.isclose(
        answer, -(expected + log_k_factorial), rel_tol=1e-5
    ):
        return _wrong(
            "the sign is flipped: the loss is minus the log-likelihood, so that minimizing it "
            "makes the counts most likely"
        )
    elif math.isclose(answer, len(k) * expected, rel_tol=1e-5) or math.isclose(
        answer, len(k) * (expected + log_k_factorial), rel_tol=1e-5
    ):
        return _wrong("that is the sum over the examples; return their mean")
    elif math.isclose(answer, (log_lam - k * torch.log(log_lam)).mean().item(), rel_tol=1e-5):
        return _wrong(
            "that is the loss for lambda itself; the input here is log lambda, so lambda = exp(log_lam)"
        )
    else:
        return _wrong(
            f"got {answer:.4g}; take minus the log of p(k | lambda) = lambda^k e^(-lambda) / k! "
            "with lambda = exp(log_lam), and average over the examples"
        )


# 09 -------------------------------------------------------------------------


def svg_saver(function):
    """09: ``save_svg(fig, path)`` must write an SVG with the same bytes on every save."""
    import tempfile
    from pathlib import Path

    import matplotlib
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 2))
    fig.subplots().set_title("selfcheck")  # the SVG names this text in a comment
    with tempfile.TemporaryDirectory() as folder, matplotlib.rc_context():
        paths = [Path(folder) / "first.svg", Path(folder) / "second.svg"]
        for path in paths:
            if not _call(function, fig, path)[0]:
                return False
        if not all(path.exists() for path in paths):
            return _wrong("save_svg(fig, path) wrote no file at path; call fig.savefig(path, ...)")
        first, second = (path.read_bytes() for path in paths)
    if b"<svg" not in first:
        return _wrong("the file is not an SVG: pass format='svg' to savefig")
    elif b"<!-- selfcheck -->" not in first:
        return _wrong(
            "the file holds another figure: call fig.savefig(...), not plt.savefig(...), "
            "which saves pyplot's current figure"
        )
    elif b"<dc:date>" in first:
        return _wrong(
            "the SVG records the date and time of the save (<dc:date>), so every save differs: "
            "leave it out with savefig's metadata argument"
        )
    elif first != second:
        return _wrong(
            'the files still differ, in their ids (id="p..."): Matplotlib salts them with a '
            "random value unless the rcParam svg.hashsalt is set to a fixed string"
        )
    elif b"Matplotlib v" in first:
        return _right(
            "two saves, the same bytes. One step further: the file names Matplotlib's version "
            "(<dc:creator>), so a new release changes the bytes; leave it out too."
        )
    else:
        return _right("two saves, the same bytes, and no version or date that could change them.")


# 07 -------------------------------------------------------------------------


def min_examples(n):
    """07: the fewest training examples for one least-squares solution with 20 features and a bias."""
    if isinstance(n, bool) or not isinstance(n, int):
        return _wrong(f"pass a whole number of examples, not {n!r}")
    elif n == 21:
        return _right(
            "21 unknowns (20 weights and the bias) need at least 21 examples for [X, 1] to have full rank."
        )
    elif n == 20:
        return _wrong("one short: the bias is an unknown too (the column of ones in [X, 1])")
    elif n < 20:
        return _wrong(
            f"with {n} examples [X, 1] has rank at most {n}: many parameter vectors fit exactly"
        )
    else:
        return _wrong(
            f"{n} examples are enough, but fewer would do: count the unknowns, weights and bias"
        )


def lr_factor(function):
    """07: ``function(step)``, the LambdaLR factor 500 / (step + 500) of a 1/t schedule in steps."""
    steps = [0, 1, 500, 1500]
    answers = []
    for step in steps:
        ok, answer = _call(function, step)
        if not ok:
            return False
        if not isinstance(answer, int | float) or isinstance(answer, bool):
            if not (isinstance(answer, torch.Tensor) and answer.numel() == 1):
                return _wrong(
                    f"lr_factor({step}) returned {type(answer).__name__}; return a number"
                )
            answer = answer.item()
        answers.append(answer)
    expected = [500 / (step + 500) for step in steps]
    if all(math.isclose(a, e, rel_tol=1e-6) for a, e in zip(answers, expected, strict=True)):
        return _right(
            "1 at step 0, 1/2 at step 500, 1/4 at step 1500: eta_0 t1 / (t + t1) with t1 = 500."
        )
    elif math.isclose(answers[0], 0.03, rel_tol=1e-6):
        return _wrong(
            "LambdaLR multiplies the optimizer's lr by your function's value: return the factor "
            "(1 at step 0), not the learning rate"
        )
    elif math.isclose(answers[1], 0.5, rel_tol=1e-6):
        return _wrong(
            "your factor halves after one step; it should halve after 500 (t1 = 500 in t1 / (t + t1))"
        )
    elif not math.isclose(answers[0], 1.0, rel_tol=1e-6):
        return _wrong(f"at step 0 the factor is {answers[0]:g}; it must start at 1")
    else:
        return _wrong(
            f"the factor at step 500 is {answers[2]:g}; it should have halved by then, as t1 / (t + t1) does"
        )


# 08 -------------------------------------------------------------------------


def gd_steps(k):
    """08: the steps full-batch gradient descent (lr=0.03, lambda near 1) needs to cut the distance 100-fold."""
    if isinstance(k, bool) or not isinstance(k, int | float):
        return _wrong(f"pass a number of steps, not {k!r}")
    elif 70 <= k <= 80:
        return _right(
            "each step multiplies the distance by about 1 - 2 * 0.03 = 0.94, and 0.94^k = 0.01 "
            "for k = ln 0.01 / ln 0.94."
        )
    elif 140 <= k <= 160:
        return _wrong(
            "twice too many: the gradient of the mean squared error carries a factor 2, "
            "so the factor per step is 1 - 2 eta lambda, not 1 - eta lambda"
        )
    elif 30 <= k <= 40:
        return _wrong(
            "that cuts the loss's excess (the square of the distance) 100-fold; the distance "
            "itself shrinks by 1 - 2 eta lambda per step, so solve that factor^k = 0.01"
        )
    else:
        return _wrong(
            f"{k:g} steps is off: find the factor 1 - 2 eta lambda per step, then the k with factor^k = 0.01"
        )


def article_init(model):
    """08: a ``d2l.LinearRegression`` whose lazy layer holds weights from N(0, 0.01^2) and a zero bias."""
    layer = getattr(model, "net", None)
    if not isinstance(layer, nn.Linear):
        return _wrong(
            "pass the d2l.LinearRegression model itself, e.g. selfcheck.article_init(model)"
        )
    weight, bias = layer.weight, layer.bias
    if isinstance(weight, nn.parameter.UninitializedParameter):
        return _wrong(
            "the layer is still lazy (no shape yet): send one batch through the model first, "
            "e.g. model(data.X[:1]), then initialize"
        )
    elif torch.all(weight == 0):
        return _wrong("the weights are all zero: draw them from N(0, 0.01^2) with nn.init.normal_")
    elif weight.abs().max() > 0.05:
        return _wrong(
            f"the largest weight is {weight.abs().max():.2f}, far too large for N(0, 0.01^2): "
            "draw with nn.init.normal_(weight, mean=0, std=0.01) (its second argument is the "
            "mean), after the first batch: LazyLinear replaces weights set before it"
        )
    elif torch.any(bias != 0):
        return _wrong("the weights look right; now set the bias to zero (nn.init.zeros_)")
    else:
        return _right("weights of the size N(0, 0.01^2) draws, bias zero: the article's start.")


def stable_lrs(lr_batch_1, lr_batch_200):
    """08: the largest of 0.1, 0.2, 0.5, 1.0 that train in 5 epochs with batch size 1 and 200."""
    answers = (lr_batch_1, lr_batch_200)
    if any(isinstance(a, bool) or not isinstance(a, int | float) for a in answers):
        return _wrong(f"pass two learning rates, one per batch size, not {answers!r}")
    elif answers == (0.2, 0.5):
        return _right(
            "a single example's matrix x x^T has the eigenvalue |x|^2, about 2 and often more, "
            "so batch size 1 needs a smaller rate than the whole set, whose eigenvalues are near 1."
        )
    elif answers == (0.5, 0.2):
        return _wrong("swapped: the first is for batch size 1, the second for batch size 200")
    elif lr_batch_200 == 1.0:
        return _wrong(
            "with batch size 200 and lr=1.0 the run is not flagged as diverged, but look at its "
            "last loss: far above the noise floor and climbing; a slow divergence"
        )
    elif lr_batch_1 >= 0.5:
        return _wrong("with batch size 1 that rate diverges: look at result.diverged")
    elif lr_batch_1 < 0.2 or lr_batch_200 < 0.5:
        return _wrong(
            "too careful: a larger one of the four still reaches a low loss in 5 epochs; try each "
            "with playground.run and print its last loss"
        )
    else:
        return _wrong("pick from the four rates 0.1, 0.2, 0.5 and 1.0, one for each batch size")
