"""Self-checks for the coding exercises of the series.

Call the check an exercise names on your answer, e.g.

    import selfcheck
    selfcheck.num_batches(num_batches)

It prints ``Right: ...``, or ``Not yet: ...`` with a hint, and returns True or False. It never
hands you the answer: the worked solutions are at the end of each notebook.

How a check is built, from the small core at the top of this file:

- ``right(message)`` and ``wrong(hint)`` print the verdict and return True or False;
- inside a function decorated with ``@check``, ``raise NotYet(hint)`` stops it: the check
  prints ``wrong(hint)`` and returns False;
- ``call(function, *args)`` calls the learner's code: a crash becomes a ``NotYet`` that names
  the call and the error in one line, never a traceback; ``call_pure`` also says so if the code
  changed a tensor it was given, and ``each(cases, one_case, praise=...)`` tries several inputs;
- ``number(answer, what)`` and ``tensor(answer, what, shape)`` read an answer, however it is
  written (a Python or NumPy number, a tensor of any dtype), or say what is wanted;
  ``parts(answer, count, hint)`` reads a tuple such as ``(X, y)``;
- ``judge(answer, expected, mistakes, praise=..., otherwise=...)`` is the verdict: Right if the
  answer is close to the expected one, else the hint of the first typical mistake it matches,
  else ``otherwise``. ``mistakes`` is a table of ``(pattern, hint)`` rows; a pattern is a value
  the answer may be close to, or a predicate of the answer. ``expect`` is ``judge`` without
  the praise, for a check that tries several cases; ``spot`` raises the first hint matched;
  ``close`` and ``any_close`` compare with a tolerance.

A check for "write ``double(x)``" would read:

    @check
    def doubles(function):
        answer = number(call(function, 3), "return one number")
        return judge(answer, 6, [(9, "that is 3 squared; add x to itself")],
                     praise="2 x.", otherwise="return x + x")

The checks follow, a section per notebook, 00 to 09: each is its expected answer and its
table of typical mistakes, laid out by hand a row to a line or two (hence ``# fmt: off``).
"""

import contextlib
import functools
import math
import numbers
import os
import tempfile
from pathlib import Path

import torch
from torch import nn
from torch.utils import data

# The core -------------------------------------------------------------------


def right(message):
    """Print ``Right: message``; return True, the verdict a check returns."""
    print(f"Right: {message}")
    return True


def wrong(hint):
    """Print ``Not yet: hint``; return False, the verdict a check returns."""
    print(f"Not yet: {hint}")
    return False


class NotYet(Exception):
    """A wrong answer, its hint the message: a check that raises it prints ``wrong(hint)``."""


def check(function):
    """Make ``function`` a self-check: a ``NotYet`` raised inside becomes ``wrong(hint)``."""

    @functools.wraps(function)
    def checked(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except NotYet as hint:
            return wrong(str(hint))

    return checked


def each(cases, one_case, *, praise):
    """``Right: praise`` once ``one_case(*case)`` has passed every case; it raises ``NotYet`` if not.

    For a check that tries the learner's code on several inputs, one case after another.
    """
    for case in cases:
        one_case(*case)
    return right(praise)


def _say(hint, answer):
    """A hint written out: a string as it is, a function of the answer called on the answer."""
    return hint(answer) if callable(hint) else hint


NO_ANSWER = "no answer yet: write your function in the answer cell, run it, then this check"


def call(function, *args, **kwargs):
    """What ``function(*args, **kwargs)`` returns; if it raises, a ``NotYet`` saying so in one line.

    The line names the call, its arguments by kind and shape, and the error's first line:
    ``len(5) raised TypeError: object of type 'int' has no len()``. ``None`` in place of a
    function (a handout's answer cell not filled in yet) says just that.
    """
    if function is None:
        raise NotYet(
            "no answer yet: write your function in the answer cell, run it, then this check"
        )
    try:
        return function(*args, **kwargs)
    except Exception as error:  # the learner's code may raise anything
        name = getattr(function, "__name__", "your function")
        shown = [describe(a) for a in args] + [f"{k}={describe(v)}" for k, v in kwargs.items()]
        first_line = str(error).strip().split("\n", 1)[0]
        raise NotYet(
            f"{name}({', '.join(shown)}) raised {type(error).__name__}: {first_line}"
        ) from None


def call_pure(function, *args, changed):
    """What ``call(function, *args)`` returns, once sure that it changed no tensor it was given.

    A tensor argument changed in place raises ``NotYet(changed)``; ``changed`` is a string, or
    a function of the largest change of an entry, to say by how much.
    """
    kept = [arg.clone() if isinstance(arg, torch.Tensor) else None for arg in args]
    answer = call(function, *args)
    for arg, old in zip(args, kept, strict=True):
        if old is not None and not torch.equal(arg, old):
            same = arg.shape == old.shape
            raise NotYet(_say(changed, (arg - old).abs().max().item() if same else math.inf))
    return answer


def parts(answer, count, hint, kind=object):
    """The answer as a tuple of ``count`` parts, each of ``kind``; anything else, ``NotYet(hint)``.

    ``hint`` is a string or a function of the answer: ``X, y = parts(answer, 2, "return X, y")``.
    """
    if isinstance(answer, tuple | list) and len(answer) == count:
        if all(isinstance(part, kind) for part in answer):
            return tuple(answer)
    raise NotYet(_say(hint, answer))


def describe(value):
    """A short name for a value in a message: a tensor by its shape, a module by its class."""
    if isinstance(value, torch.Tensor):
        return f"<tensor of shape {tuple(value.shape)}>"
    if isinstance(value, nn.Module | torch.optim.Optimizer):
        return f"<{type(value).__name__}>"
    text = repr(value)
    return text if len(text) <= 20 else f"<{type(value).__name__}>"


def _as_tensor(answer):
    """A NumPy array or number as a tensor; anything else as it is."""
    if hasattr(answer, "__array__") and not isinstance(answer, torch.Tensor):
        with contextlib.suppress(TypeError, ValueError, RuntimeError):
            return torch.as_tensor(answer)
    return answer


def number(answer, what):
    """The answer as a float: a Python or NumPy number, or a tensor holding one number (any shape).

    Anything else, a vector, a string, None, raises ``NotYet(f"{what}, not ...")``: e.g.
    ``number(k, "pass a number of steps")``.
    """
    if isinstance(answer, numbers.Real) and not isinstance(answer, bool):
        return float(answer)
    answer = _as_tensor(answer)
    if isinstance(answer, torch.Tensor) and answer.numel() == 1 and answer.dtype != torch.bool:
        if not answer.is_complex():
            return float(answer.detach().reshape(()).item())
    raise NotYet(f"{what}, not {describe(answer)}")


def tensor(answer, what, shape=None, hints=None, reshape=False):
    """The answer, a tensor or NumPy array, as a detached float64 tensor of ``shape`` (None: any).

    ``hints`` maps a wrong shape, or None for a None answer, to its hint (a string, or a
    function of the answer); other wrong shapes get a plain hint. ``reshape=True`` reads any
    shape with as many entries as ``shape``.
    """
    hints, answer = hints or {}, _as_tensor(answer)
    got = tuple(answer.shape) if isinstance(answer, torch.Tensor) else None
    if got in hints and (got is not None or answer is None):
        raise NotYet(_say(hints[got], answer))
    if got is None:
        raise NotYet(f"return {what} as a tensor, not {describe(answer)}")
    answer = answer.detach().to(torch.float64)
    if shape is None or got == tuple(shape):
        return answer
    if reshape and answer.numel() == math.prod(shape):
        return answer.reshape(shape)
    raise NotYet(f"{what} has shape {got}; it must have shape {tuple(shape)}")


def close(answer, expected, rtol=1e-5):
    """Whether two numbers, or two tensors of one shape, agree to the relative tolerance ``rtol``."""
    if not isinstance(expected, torch.Tensor):
        return math.isclose(answer, expected, rel_tol=rtol)
    answer, expected = torch.as_tensor(answer).double(), expected.double()
    scale = expected.abs().max().item() if expected.numel() else 0.0
    if answer.shape != expected.shape:
        return False
    return torch.allclose(answer, expected, rtol=rtol, atol=rtol * scale)


def any_close(answer, options, rtol=1e-5):
    """Whether the answer is :func:`close` to one of ``options``, e.g. two right standard deviations."""
    return any(close(answer, option, rtol) for option in options)


def _matches(answer, pattern, rtol):
    """Whether the answer matches a pattern: a predicate of the answer, or a value it is close to."""
    return bool(pattern(answer)) if callable(pattern) else close(answer, pattern, rtol)


def spot(answer, mistakes, rtol=1e-5):
    """Raise ``NotYet`` with the hint of the first ``(pattern, hint)`` row the answer matches.

    An answer that matches none is returned, to be read on: ``layer = spot(model.net, [...])``.
    """
    for pattern, hint in mistakes:
        if _matches(answer, pattern, rtol):
            raise NotYet(_say(hint, answer))
    return answer


def expect(answer, expected, mistakes=(), *, otherwise, rtol=1e-5):
    """Unless the answer matches ``expected``, raise the ``NotYet`` that :func:`judge` would print."""
    if not _matches(answer, expected, rtol):
        spot(answer, mistakes, rtol)
        raise NotYet(_say(otherwise, answer))


def judge(answer, expected, mistakes=(), *, praise, otherwise, rtol=1e-5):
    """The verdict on an answer, printed and returned: True if right, else False.

    ``expected``, and the pattern of each ``(pattern, hint)`` row of ``mistakes``, is a value
    (matched by :func:`close` with ``rtol``) or a predicate of the answer. A right answer gets
    ``Right: praise``; a wrong one the hint of the first row it matches, else ``otherwise``.
    A hint, and ``otherwise``, is a string or a function of the answer.
    """
    try:
        expect(answer, expected, mistakes, otherwise=otherwise, rtol=rtol)
    except NotYet as hint:
        return wrong(str(hint))
    return right(praise)


@contextlib.contextmanager
def _global_generator_watched():
    """Yield a function that tells whether PyTorch's global generator moved; restore it after."""
    state = torch.get_rng_state()
    try:
        yield lambda: not torch.equal(torch.get_rng_state(), state)
    finally:
        torch.set_rng_state(state)  # undo what the learner's code did to it


# 00 -------------------------------------------------------------------------


@check
def same_draws(first, second):
    """00: two tensors drawn from two generators seeded alike must be equal."""
    if not (isinstance(first, torch.Tensor) and isinstance(second, torch.Tensor)):
        raise NotYet("pass the two tensors you drew, e.g. selfcheck.same_draws(a, b)")
    shapes = f"the draws have shapes {tuple(first.shape)} and {tuple(second.shape)}"
    # fmt: off
    return judge(second, lambda b: b is not first and torch.equal(b, first), [
        (lambda b: b is first, "you passed the same tensor twice; draw a second one from a second generator"),
        (lambda b: b.shape != first.shape, f"{shapes}; draw the same number twice"),
    ], praise="the same seed gave the same numbers, so a seeded generator makes a notebook repeatable.",
        otherwise="the draws differ: give each draw its own generator, seeded with manual_seed(the same "
        "number); two draws from one generator differ, since it moves on after each draw")
    # fmt: on


# 01 -------------------------------------------------------------------------


def _regression_problem():
    """01's small problem: X (7, 3), y (7, 1), and w (3, 1), b (1,) to differentiate by."""
    generator = torch.Generator().manual_seed(1)
    X = torch.randn(7, 3, generator=generator)
    y = torch.randn(7, 1, generator=generator)
    w = torch.randn(3, 1, generator=generator, requires_grad=True)
    b = torch.randn(1, generator=generator, requires_grad=True)
    return X, y, w, b


@check
def grad_b(function):
    """01: ``function(X, y, w, b)`` must return dL/db of the mean squared error, shape (1,)."""
    X, y, w, b = _regression_problem()
    ((X @ w + b - y) ** 2).mean().backward()
    g, n, without_b = b.grad.double(), len(X), 2 * (X @ w - y).detach().double().mean(dim=0)
    # fmt: off
    answer = tensor(call(function, X, y, w.detach(), b.detach()), "dL/db", b.shape, hints={
        (): "that is a 0-d tensor; keep b's shape (1,): sum over the examples with dim=0",
        (n, 1): "that is one number per example; add them up over the examples (dim=0)",
        (3, 1): "that has w's shape (3, 1), like dL/dw; dL/db has b's shape (1,)",
    })
    return judge(answer, g, [
        (-g, "the sign is flipped: differentiate (Xw + b - y)^2, with y_hat - y, not y - y_hat"),
        (g / 2, "off by a factor of 2: the derivative of (y_hat - y)^2 is 2 (y_hat - y)"),
        (g * n, "off by a factor of n: the loss is the mean, so divide the sum by n"),
        (g * n / 2, "that is the sum of the residuals: the mean of their squares gives 2/n"),
        (without_b, "keep b in the residual: Xw + b - y"),
    ], praise="dL/db = 2/n * sum(Xw + b - y) matches autograd.",
        otherwise=lambda a: f"got {a.tolist()}, autograd says {g.tolist()}; differentiate the mean "
        "of (Xw + b - y)^2 by b, and keep b in the residual")
    # fmt: on


@check
def derivative_f(function):
    """01: ``function(x)`` must return f'(x) for f(x) = log(x^2) sin(x) + 1/x, derived by hand."""
    x = torch.tensor([-1.5, 0.5, 1.0, 2.0, 3.0], requires_grad=True)
    (torch.log(x**2) * torch.sin(x) + x**-1).sum().backward()
    answer = tensor(call(function, x.detach()), "f'(x), one value per entry of x,", x.shape)
    x, expected = x.detach().double(), x.grad.double()
    # fmt: off
    return judge(answer, expected, [
        (lambda a: a.isnan().any(), "f'(x) is nan for x < 0: log(x^2) is 2 log|x| there, not 2 log x"),
        (expected + 2 * x**-2, "the derivative of 1/x = x^(-1) is -x^(-2): check its sign"),
        (expected - torch.sin(x) / x, "the chain rule on log(x^2): its derivative is (1/x^2) * 2x = 2/x"),
        (expected + (x**-2 - 2 / x) * torch.sin(x),
         "the chain rule on log(x^2): log(u) has the derivative u'/u, and u = x^2 has u' = 2x"),
        (2 / x * torch.cos(x) - x**-2, "the product rule: (uv)' = u'v + uv', two terms for log(x^2) sin(x)"),
    ], praise="your f'(x) agrees with autograd at x = -1.5, 0.5, 1, 2 and 3.",
        otherwise="not f'(x) yet: use the product rule on log(x^2) sin(x) (two terms) and the "
        "chain rule on log(x^2), then add the derivative of 1/x")
    # fmt: on


@check
def hessian_w(function):
    """01: ``function(X, y, w, b)`` must return the d x d Hessian of the mean squared error in w."""
    X, y, w, b = _regression_problem()
    H = (2 / len(X) * X.T @ X).double()
    answer = call(function, X, y, w, b.detach())
    if isinstance(answer, torch.Tensor) and answer.numel() == 9 and answer.shape != (3, 3):
        if close(answer.detach().reshape(3, 3), H):
            shape = tuple(answer.shape)
            raise NotYet(
                f"the right numbers, in shape {shape}: return the d x d matrix, .reshape(d, d)"
            )

    def like_w(answer):  # the hint for an answer of w's shape (3, 1)
        if close(answer.detach(), H.sum(dim=1, keepdim=True)):
            return "that is each row of the Hessian added up, what differentiating g.sum() gives: differentiate each entry g[j] of the gradient on its own, one row at a time"
        return "that has the shape of w, like the gradient (first derivatives): differentiate each of its d entries again, with create_graph=True on the first call"

    # fmt: off
    return judge(tensor(answer, "the Hessian", H.shape, hints={(3, 1): like_w}), H, [
        (H / 2, "off by a factor of 2: the squared error gives a 2 in both derivatives"),
        (H * len(X), "off by a factor of n: the loss is the mean, not the sum, of the squares"),
    ], praise="autograd's second derivatives are 2/n X^T X, whatever w and y are.",
        otherwise="not the Hessian yet: compute the gradient with torch.autograd.grad(l, w, "
        "create_graph=True), then differentiate each of its entries by w")
    # fmt: on


@check
def central_difference(function):
    """01: ``function(f, w, h)`` must return the central differences of ``f`` at ``w``, shaped like w.

    The step is h = 0.1 and f is not quadratic, so the central difference differs from the exact
    derivative (by about h^2/6 times the third derivative): an answer that is the derivative
    itself, or a one-sided difference, is told apart from the right one.
    """
    a = torch.tensor([[1.0, -2.0, 0.5], [1.5, -0.5, 3.0]], dtype=torch.float64)
    w0, h = torch.tensor([[0.3, -0.2, 0.1], [0.4, 0.5, -0.3]], dtype=torch.float64), 0.1

    def f(w):  # one number from a (2, 3) tensor; df/dw = a exp(a w), entry by entry
        return torch.exp(a * w).sum()

    # fmt: off
    answer = call_pure(function, f, w0, h, changed=lambda by: f"your function changed the w it was given (by up to "
                       f"{by:.2g}): add the step to a copy, w + step, and leave w as it was")
    e = torch.exp(a * w0)  # each entry's central, forward and backward difference, in closed form
    central, forward, backward = e * torch.sinh(a * h) / h, e * torch.expm1(a * h) / h, -e * torch.expm1(-a * h) / h
    answer = tensor(answer, "the numerical gradient", w0.shape, hints={
        (6,): "the right number of entries, in a row: return them shaped like w, (2, 3), e.g. .reshape(w.shape)",
        (): "that is one number: the gradient has one entry per entry of w; nudge one entry at a time",
    })
    return judge(answer, central, [
        (forward, "that is a forward difference, (f(w + h e_i) - f(w)) / h: nudge both ways, f(w + h e_i) - f(w - h e_i)"),
        (backward, "that is a backward difference, (f(w) - f(w - h e_i)) / h: nudge both ways, f(w + h e_i) - f(w - h e_i)"),
        (2 * central, "twice the slope: w + h e_i and w - h e_i are 2h apart, so divide by 2h, not h"),
        (-central, "the sign is flipped: f(w + h e_i) - f(w - h e_i), in that order"),
        (torch.full_like(w0, (f(w0 + h) - f(w0 - h)).item() / (2 * h)),
         "every entry is the same: you nudged all the entries at once; put h in entry i only, 0 elsewhere"),
        (a * e, "that is the exact derivative, not the central difference with the step h passed in: use that h"),
    ], praise="one central difference per entry, shaped like w, and w left as it was.",
        otherwise="not the central difference yet: entry i is (f(w + h e_i) - f(w - h e_i)) / (2h), "
        "with e_i 1 in entry i and 0 elsewhere")
    # fmt: on


# 02 -------------------------------------------------------------------------


def _noise_std(X, y, w, b, noise_std, x_normal=True):
    """The std of y - Xw - b, once (X, y) pass as draws of y = Xw + b + N(0, noise_std^2).

    Each test allows five standard errors, so that a right answer all but never fails.
    """
    X, y, w = X.detach().double(), y.detach().double(), torch.as_tensor(w).double().reshape(-1)
    n, b = len(X), float(b)
    if X.shape != (n, len(w)):
        raise NotYet(
            f"X has shape {tuple(X.shape)}; it needs one column per weight, {len(w)} columns"
        )
    if y.numel() == n * n:
        raise NotYet(
            f"y has {n} x {n} entries: noise of shape ({n}, 1) added to Xw + b of shape ({n},) broadcasts to ({n}, {n}); give them one shape"
        )
    if y.shape != (n, 1):
        raise NotYet(f"y has shape {tuple(y.shape)}; it must be a column, shape ({n}, 1)")
    noise = y[:, 0] - X @ w - b
    std, mean = noise.std().item(), noise.mean().item()
    # Five standard errors: of a mean, in units of the std, and of a std, relative to it
    error, tolerance = 5 / n**0.5, 5 / (2 * n) ** 0.5
    centred = (X - X.mean(dim=0)) / X.std(dim=0).clamp_min(1e-12)
    correlation = (centred.T @ (noise - mean)).abs().max() / (n - 1) / max(std, 1e-12)
    # The noise's kurtosis: a normal's is 3, a uniform's 1.8
    kurtosis = ((noise - mean) ** 4).mean() / max(std, 1e-12) ** 4
    x_off = ((X.mean(dim=0).abs() > error) | ((X.std(dim=0) - 1).abs() > tolerance)).any()
    told = f"y - (Xw + b) has std {std:.3g}, not {noise_std}"

    def off(value):  # is the noise's std off from this value?
        return abs(std / value - 1) > tolerance

    # fmt: off
    spot(std, [
        (lambda s: s < noise_std / 100, f"the labels have no noise: add noise of standard deviation {noise_std} to Xw + b"),
        (lambda s: correlation > error,
         "y - (Xw + b) still depends on X: compute the labels as X @ w + b, with the w passed in"),
        (lambda s: abs(mean + b) < error * s < abs(b), "y misses the bias: the labels are X @ w + b, plus the noise"),
        (lambda s: abs(mean) > error * s,
         f"y - (Xw + b) has mean {mean:.3g}: the noise must have mean 0, as torch.normal(0, ...) draws it"),
        (lambda s: off(noise_std) and not off(noise_std**2),
         f"{told}: that is noise_std^2, the variance; torch.normal takes the standard deviation"),
        (lambda s: off(noise_std) and not off(0.01),
         f"{told}: that is synthetic_data's own noise; draw yours with torch.normal(0, noise_std, ...)"),
        (lambda s: off(noise_std), f"{told}; scale the noise you add"),
        (lambda s: n >= 200 and kurtosis < 2.2, "the noise is not Gaussian (torch.rand draws uniformly): draw it with torch.normal"),
        (lambda s: x_normal and x_off, "draw X from N(0, 1), as synthetic_data does: torch.normal(0, 1, (num_examples, len(w)))"),
    ])
    # fmt: on
    return std


@check
def noisy_data(X, y=None, w=None, b=None, noise_std=None):
    """02: ``(X, y)`` drawn as ``synthetic_data`` draws them, with noise of std ``noise_std``.

    Pass the data, ``noisy_data(X, y, true_w, true_b, 0.1)``, or the function itself,
    ``noisy_data(synthetic_data_noise)``: it is then called with two noise levels and with
    generators seeded alike, which also tells whether every draw uses the generator.
    """
    if callable(X):
        return _noisy_function(X)
    if not (isinstance(X, torch.Tensor) and isinstance(y, torch.Tensor)):
        raise NotYet(
            "pass the tensors you drew, e.g. selfcheck.noisy_data(X, y, true_w, true_b, 0.1)"
        )
    std = _noise_std(X, y, w, b, noise_std)
    return right(f"the noise left after subtracting Xw + b has std {std:.3g}, as asked.")


def _noisy_function(function):
    """02: ``function(w, b, num_examples, noise_std, generator=...)``, called three times."""
    w, b, runs = torch.tensor([2.0, -3.4, 5.6]), 4.2, [(0.1, 11), (0.1, 11), (1.0, 12)]
    with _global_generator_watched() as moved:  # two generators seeded alike, then another noise
        draws = [
            call(function, w, b, 1000, s, generator=torch.Generator().manual_seed(seed))
            for s, seed in runs
        ]
        draws, disturbed = (
            [parts(d, 2, "return X, y, a tuple of two tensors", torch.Tensor) for d in draws],
            moved(),
        )
    for (X, y), (noise_std, _) in zip(draws, runs, strict=True):
        _noise_std(X, y, w, b, noise_std)
    if disturbed or not all(torch.equal(p, q) for p, q in zip(*draws[:2], strict=True)):
        raise NotYet(
            "a draw used PyTorch's global generator: pass generator=generator to every draw"
        )
    return right("noise of the std asked for, on Xw + b, every draw from the generator passed in.")


def _best(x, loss, b):
    """Whether b is the constant with the smallest summed ``loss`` over x: "squared" or "absolute"."""
    cost = {"squared": lambda c: ((x - c) ** 2).sum(), "absolute": lambda c: (x - c).abs().sum()}
    return cost[loss](b) <= min(cost[loss](x.mean()), cost[loss](x.median())) * (1 + 1e-5) + 1e-6


@check
def best_constant(function, loss="squared"):
    """02: ``function(x)`` must return the constant b with the smallest summed ``loss`` over ``x``.

    ``loss`` is ``"squared"``, the sum of (x_i - b)^2, or ``"absolute"``, the sum of |x_i - b|.
    """
    # fmt: off
    other, hint = {
        "squared": ("absolute", "that is the best constant for the absolute loss (a median); "
                    "for the squared loss set the derivative -2 * sum(x_i - b) to zero"),
        "absolute": ("squared", "that is the best constant for the squared loss (the mean); "
                     "for |x_i - b| ask how the sum changes as b moves past one x_i"),
    }.get(loss, (None, None))
    if other is None:
        raise NotYet(f'loss is {loss!r}; pass loss="squared" or loss="absolute"')
    # Skewed samples, one with an even count: their mean and median lie far apart
    for x in [torch.tensor([0.5, 1.0, 2.0, 3.5, 40.0]), torch.tensor([1.0, 2.0, 3.0, 30.0])]:
        b = number(call(function, x.clone()), "return one number (a float or a 1-element tensor)")
        expect(b, functools.partial(_best, x, loss), [
            (functools.partial(_best, x, other), hint),
            (x.sum().item(), "that is the sum of the x_i; divide by their number"),
        ], otherwise=f"b = {b:.4g} does not give the smallest {loss} loss on x = {x.tolist()}")
    # fmt: on
    return right(
        f"{'the mean' if loss == 'squared' else 'a median'} minimizes the summed {loss} loss."
    )


@check
def ridge(function):
    """02: ``function(X, y, lam)`` must return the w that minimizes |Xw - y|^2 + lam |w|^2."""
    generator = torch.Generator().manual_seed(2)
    X = torch.randn(20, 3, generator=generator)
    X = torch.cat([X, 2 * X[:, :1]], dim=1)  # a fourth feature, twice the first: X^T X is singular
    y, lam = torch.randn(20, generator=generator), 0.5
    answer = call(function, X.clone(), y.clone(), lam)
    w = tensor(answer, "the 4 weights, one per column of X,", (4,), reshape=True)
    gram, Xy, eye = X.double().T @ X.double(), X.double().T @ y.double(), torch.eye(4).double()

    def solves(matrix):  # a predicate: does w solve matrix @ w = X^T y?
        return lambda w: (matrix @ w - Xy).norm() <= 1e-4 * Xy.norm()

    scaled = [(20, "n * lam"), (1 / 20, "lam / n"), (2, "2 * lam"), (0.5, "lam / 2"), (-1, "-lam")]
    # fmt: off
    return judge(w, solves(gram + lam * eye), [
        (lambda w: not w.isfinite().all(), "the weights are not finite: X^T X is singular here, add lam on its diagonal"),
        (solves(gram + lam * torch.ones_like(gram)), "add lam on the diagonal only, lam * torch.eye(d), not to every entry"),
        *[(solves(gram + f * lam * eye), f"you added {what} on the diagonal; for |Xw - y|^2 + lam |w|^2 "
           "the gradient 2 X^T (Xw - y) + 2 lam w = 0 gives lam itself") for f, what in scaled],
        (solves(gram), "that is a least-squares solution without the penalty; add lam * I to X^T X"),
    ], praise="(X^T X + lam I) w = X^T y has one solution even when X^T X is singular.",
        otherwise="these are not the ridge weights; set the gradient of |Xw - y|^2 + lam |w|^2 to "
        "zero and solve for w")
    # fmt: on


@check
def same_every_call(function):
    """02: ``function(num_examples)`` must return the same (X, y) on every call, the global generator untouched."""
    with _global_generator_watched() as moved:
        kind = "return the data as a tuple of two tensors, X, y"
        (X, y), again = [parts(call(function, 100), 2, kind, torch.Tensor) for _ in range(2)]
        disturbed = moved()
    if len(X) != 100 or y.numel() != 100:
        shapes = f"X of shape {tuple(X.shape)}, y of shape {tuple(y.shape)}"
        raise NotYet(f"for num_examples=100 you returned {shapes}; draw num_examples examples")
    A = torch.cat([X.reshape(100, -1), torch.ones(100, 1)], dim=1).double()
    y = y.reshape(100, 1).double()
    misfit = (A @ torch.linalg.lstsq(A, y).solution - y).pow(2).mean()
    # fmt: off
    spot(again, [
        (lambda d: not (torch.equal(d[0], X) and torch.equal(d[1].reshape(100, 1).double(), y)),
         "two calls gave different data: create and seed a new torch.Generator inside the function, "
         "on every call, and pass it to every draw"),
        (lambda d: disturbed,
         "the data repeat, but your function moved PyTorch's global generator, which every other draw "
         "in the program shares (torch.manual_seed, or a draw without generator=): give the draws a "
         "torch.Generator of their own"),
        (lambda d: misfit > 0.01, "y is not Xw + b plus small noise: draw the data with true_w and true_b"),
    ])
    # fmt: on
    return right("the same data on every call, and the rest of the program's draws untouched.")


@check
def loss_gap(gap):
    """02: the expected gap between the true weights' MSE and the least-squares MSE on 02's data."""
    sigma, n, d = 0.01, 1000, 5
    gap = number(gap, "pass one number (a float, or a tensor holding one number)")
    # fmt: off
    return judge(gap, (d + 1) * sigma**2 / n, [
        (d * sigma**2 / n, "you counted the five weights; the bias is fitted too"),
        (sigma**2 / n, "that is the gap for one fitted parameter; count all of them"),
        ((d + 1) * sigma**2, "divide by n: the gap is in the mean of n squared errors"),
        ((d + 1) * sigma / n, "the noise enters squared: use sigma^2, not sigma"),
    ], praise="one sigma^2 / n for each of the six fitted parameters (five weights and the bias).",
        otherwise=f"{gap:.2g} is not the expected gap; each fitted parameter absorbs about sigma^2 / n "
        "of the noise's mean square", rtol=0.01)
    # fmt: on


# 03 -------------------------------------------------------------------------


@check
def num_batches(function):
    """03: ``function(num_examples, batch_size, drop_last)`` must count a DataLoader's batches."""

    def one_case(n, size, drop_last):
        expected, partial = len(data.DataLoader(range(n), size, drop_last=drop_last)), n % size > 0
        said = number(
            call(function, n, size, drop_last), "return the number of batches, one number"
        )
        told = f"for {n} examples, batch_size={size}, drop_last={drop_last} you said {said:g}, the DataLoader gives {expected}"
        # fmt: off
        expect(said, expected, [
            (lambda s: not s.is_integer(), f"{told}; a number of batches is a whole number"),
            (lambda s: s > expected and not partial, f"{told} ({size} divides {n}: no partial batch is left over)"),
            (lambda s: s > expected and drop_last, f"{told} (drop_last throws the partial batch away)"),
            (lambda s: s < expected and partial and not drop_last, f"{told} (the last, partial batch counts)"),
        ], otherwise=f"{told} (count the full batches of {size})", rtol=0)
        # fmt: on

    for n, size in [(1000, 10), (1000, 64), (1000, 300), (5, 10)]:
        one_case(n, size, drop_last=False)
        one_case(n, size, drop_last=True)
    return right("your count agrees with len(DataLoader) with and without drop_last.")


def _one_pass(function, w, b, batch_size, count, generator):
    """All the examples of one pass over ``function(w, b, batch_size, count, generator)``, as (X, y)."""
    batches = list(function(w, b, batch_size, count, generator))
    batches = [
        parts(pair, 2, "yield one pair of tensors (X_batch, y_batch) per batch", torch.Tensor)
        for pair in batches
    ]
    if len(batches) != count:
        raise NotYet(
            f"asked for {count} batches, got {len(batches)}; yield one (X_batch, y_batch) pair per batch"
        )
    for X_batch, y_batch in batches:
        if X_batch.shape != (batch_size, len(w)):
            shape = tuple(X_batch.shape)
            raise NotYet(
                f"X_batch has shape {shape}; it needs batch_size rows of {len(w)} features"
            )
        if y_batch.shape != (batch_size, 1):
            shape = tuple(y_batch.shape)
            raise NotYet(f"y_batch has shape {shape}; it must be a column, ({batch_size}, 1)")
    return tuple(torch.cat(part).double() for part in zip(*batches, strict=True))


@check
def fresh_batches(function):
    """03: ``function(w, b, batch_size, num_batches, generator)`` must yield new data on every pass."""
    w, b, size, count = torch.tensor([1.5, -2.0, 0.5]), 0.7, 10, 10
    if function is None:  # wrapped below, so call would not see it
        raise NotYet(NO_ANSWER)
    one_pass = functools.partial(_one_pass, function)
    one_pass.__name__ = getattr(function, "__name__", "your function")
    shared, again = torch.Generator().manual_seed(3), torch.Generator().manual_seed(3)
    with _global_generator_watched() as moved:  # two passes from one generator, one from its twin
        (X, y), (X_second, _), repeated = [
            call(one_pass, w, b, size, count, g) for g in [shared, shared, again]
        ]
        disturbed = moved()
    if all(torch.equal(X_batch, X[:size]) for X_batch in X.split(size)):
        raise NotYet(
            "every batch holds the same examples: draw new ones inside the loop, for each batch"
        )
    _noise_std(X, y, w, b, 0.01, x_normal=False)
    # fmt: off
    spot(repeated, [
        (lambda d: torch.equal(X.reshape(-1).sort().values, X_second.reshape(-1).sort().values),
         "a second pass gave the same examples again: draw them from the generator during each pass, "
         "not once beforehand"),
        (lambda d: not (torch.equal(d[0], X) and torch.equal(d[1], y)), "a draw did not use the generator "
         "passed in: draw with generator=generator, so that a seeded generator repeats its stream"),
        (lambda d: disturbed, "the data repeat, but a pass moved PyTorch's global generator (a DataLoader "
         "without generator= draws a seed from it on every pass): take every random number from the generator passed in"),
    ])
    # fmt: on
    return right("new examples for every batch and every pass, reproducible from the generator.")


# 04 -------------------------------------------------------------------------


@check
def num_parameters(function):
    """04: ``function(num_inputs, num_outputs)`` must count the parameters of ``nn.Linear``."""
    for i, o in [(5, 1), (2, 3), (10, 10), (1, 7)]:
        expected = sum(p.numel() for p in nn.Linear(i, o).parameters())
        said = number(call(function, i, o), "return the number of parameters, one number")
        told = f"nn.Linear({i}, {o}) has {expected} parameters, you said {said:g}; "
        # fmt: off
        expect(said, expected, [
            (i * o, told + "did you forget the biases, one per output?"),
            (i * o + i, told + "one bias per output, not per input"),
        ], otherwise=told + "the weight matrix has num_outputs rows of num_inputs weights, plus one "
            "bias per output", rtol=0)
        # fmt: on
    return right("weights (num_outputs x num_inputs) plus one bias per output.")


def _apply(layer, X):
    """What the learner's ``nn.Linear`` computes on X, from its parameters, in float64."""
    output = X.double() @ layer.weight.detach().double().T
    return output if layer.bias is None else output + layer.bias.detach().double()


def _random_linear(num_inputs, num_outputs, generator):
    """An ``nn.Linear`` with every parameter drawn from N(0, 1): no accidental zeros or symmetry."""
    layer = nn.Linear(num_inputs, num_outputs)
    for param in layer.parameters():
        nn.init.normal_(param, generator=generator)
    return layer


def _linear(answer, what, shape, wrong_shape, biased=True):
    """The answer if it is one ``nn.Linear`` with a weight of ``shape``, else ``NotYet``.

    ``wrong_shape`` is the hint for another weight shape, a function of that shape; with
    ``biased=False`` a layer with a bias of its own is wrong too.
    """
    if not isinstance(answer, nn.Linear):
        raise NotYet(f"got {describe(answer)}; return one nn.Linear, {what}")
    if not biased and answer.bias is not None:
        raise NotYet(
            "the new layer has a bias of its own: make it with bias=False, the column of ones carries b"
        )
    if answer.weight.shape != shape:
        raise NotYet(wrong_shape(tuple(answer.weight.shape)))
    return answer


@check
def affine_to_linear(function):
    """04: ``function(layer)`` must return a bias-free ``nn.Linear`` acting on (x, 1) as ``layer`` on x."""
    generator = torch.Generator().manual_seed(4)
    layer, X = _random_linear(3, 2, generator), torch.randn(6, 3, generator=generator)
    ones, expected = torch.ones(len(X), 1), _apply(layer, X)
    # fmt: off
    answer = _linear(call(function, layer), "with one more input", (2, 4), biased=False, wrong_shape=lambda shape:
        f"for nn.Linear(3, 2) you returned a weight of shape {shape}; it needs one more input (the ones column) than the layer has")
    return judge(_apply(answer, torch.cat([X, ones], dim=1)), expected, [
        (lambda _: close(_apply(answer, torch.cat([ones, X], dim=1)), expected),
         "b sits in the first column of your weight, but the ones are appended last: put b last"),
        (expected - layer.bias.detach().double(), "the outputs miss the bias: the weight of the ones column must be b"),
    ], praise="the weight [W, b] on (x, 1) computes Wx + b: an affine map is linear in (x, 1).",
        otherwise="your layer on (X, 1) and the layer on X differ: keep W's columns and add one for the ones")
    # fmt: on


@check
def quadratic_features(function):
    """04: ``function(X)`` must return the features x_i and x_i x_j (j <= i) of every row of X."""
    X = torch.randn(7, 3, generator=torch.Generator().manual_seed(4))
    linear, squares = [X[:, i] for i in range(3)], [X[:, i] ** 2 for i in range(3)]
    products = [X[:, i] * X[:, j] for i in range(3) for j in range(i)]
    answer = tensor(call(function, X), "the features")
    if answer.ndim != 2 or len(answer) != len(X):
        raise NotYet("return a tensor with one row per example, shape (n, number of features)")

    def count(feature):  # how many columns of the answer hold this feature
        return sum(close(column, feature.double()) for column in answer.T)

    # fmt: off
    return judge(answer, lambda a: a.shape[1] == 9 and all(count(f) == 1 for f in linear + squares + products), [
        (lambda a: any(count(f) == 0 for f in linear), "keep the inputs x_i themselves: f(x) has the linear terms w_i x_i too"),
        (lambda a: any(count(f) == 0 for f in squares), "the squares x_i * x_i are missing: j <= i includes j = i"),
        (lambda a: any(count(f) == 0 for f in products), "some products x_i * x_j of two different inputs are missing"),
        (lambda a: any(count(f) > 1 for f in linear + squares + products),
         "a feature appears twice: x_i x_j and x_j x_i are the same, so take j <= i only"),
        (lambda a: count(torch.ones(len(X))) > 0, "leave out the column of ones: the bias of nn.Linear is the constant b"),
    ], praise=f"{answer.shape[1]} features for 3 inputs, each once: nn.Linear on them can fit any quadratic.",
        otherwise="there are columns besides x_i and the products x_i x_j (j <= i): leave them out")
    # fmt: on


@check
def collapse_layers(function):
    """04: ``function(first, second)`` must return one ``nn.Linear`` equal to ``second(first(x))``."""

    def one_case(i, hidden, o):
        generator = torch.Generator().manual_seed(4)
        first, second = _random_linear(i, hidden, generator), _random_linear(hidden, o, generator)
        X = torch.randn(6, i, generator=generator)
        W1, W2 = first.weight.detach().double(), second.weight.detach().double()
        # fmt: off
        answer = _linear(call(function, first, second), "not the two layers stacked", (o, i), lambda shape:
            f"your weight has shape {shape}; one layer from {i} inputs to {o} outputs, nn.Linear({i}, {o}), has a weight of shape ({o}, {i})")
        expect(_apply(answer, X), _apply(second, _apply(first, X)), [
            (lambda _: answer.bias is None, "the single layer needs a bias: both layers add one"),
            (lambda _: W1.shape == W2.shape and close(answer.weight.detach(), W1 @ W2, 1e-4),
             "the weights are multiplied in the wrong order: the first layer acts first, so its weight stands on the right"),
            (lambda _: close(answer.weight.detach(), W2 @ W1, 1e-4),
             "the weight is right; the bias is not: the first layer's bias passes through the second layer's weight"),
        ], otherwise="your layer and second(first(X)) differ: write second(first(x)) as W2 (W1 x + b1) + b2 "
            "and group the terms", rtol=1e-4)
        # fmt: on

    # square weights first: W1 W2 exists too, so the wrong order shows
    return each([(3, 3, 3), (5, 4, 2)], one_case, praise="weight W2 W1 and bias W2 b1 + b2: "
                "two stacked linear layers are one linear layer.")  # fmt: skip


# 05 -------------------------------------------------------------------------


def _small_net(generator):
    """05's problem: a one-layer net with small weights, and two batches (X, y) of 10 examples."""
    net = nn.Sequential(nn.Linear(3, 1))
    nn.init.normal_(net[0].weight, 0, 0.01, generator=generator)
    nn.init.zeros_(net[0].bias)
    batches = [
        (torch.randn(10, 3, generator=generator), torch.randn(10, 1, generator=generator))
        for _ in range(2)
    ]
    return net, batches


def _gradients(net, X, y, reduction="mean"):
    """The gradients of ``nn.MSELoss`` of a copy of net on (X, y), one per parameter, in float64."""
    copy = nn.Sequential(nn.Linear(3, 1))
    copy.load_state_dict(net.state_dict())
    nn.MSELoss(reduction=reduction)(copy(X), y).backward()
    return [p.grad.double() for p in copy.parameters()]


def _stale_net():
    """05's net and batch (X, y), its .grad left by an earlier batch; the gradients of both batches."""
    net, [(X, y), (X_old, y_old)] = _small_net(torch.Generator().manual_seed(5))
    new, stale = _gradients(net, X, y), _gradients(net, X_old, y_old)
    nn.MSELoss()(net(X_old), y_old).backward()  # a gradient left from an earlier batch
    return net, X, y, new, stale


def _stepped(net, function, *args):
    """What ``call(function, *args)`` returns, and how far it moved each of net's parameters."""
    start = [p.detach().double().clone() for p in net.parameters()]
    try:
        answer = call(function, *args)
    except NotYet as crash:
        if "leaf Variable that requires grad" not in str(crash):
            raise
        raise NotYet(
            f"{crash} The update ran outside torch.no_grad(): make it inside `with "
            "torch.no_grad():`, where autograd lets you change a parameter in place"
        ) from None
    return answer, [p.detach().double() - s for p, s in zip(net.parameters(), start, strict=True)]


def _moved_by(steps, when=True):
    """A predicate of the parameters' moves: each is minus its step (to 1e-4), and ``when`` holds."""
    steps = list(steps)
    return lambda moved: when and all(close(d, -s, 1e-4) for d, s in zip(moved, steps, strict=True))


@check
def train_step(function):
    """05: ``function(net, loss, optimizer, X, y)`` must make one SGD update and return the loss."""
    net, X, y, new, stale = _stale_net()  # a right step clears the stale gradient
    lr, l = 0.1, nn.MSELoss()(net(X), y).item()
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    answer, moved = _stepped(net, function, net, nn.MSELoss(), optimizer, X, y)
    still = not any(d.any() for d in moved)
    cleared = all(p.grad is None or not p.grad.any() for p in net.parameters())
    factor = -(moved[0] * new[0]).sum().item() / (new[0] ** 2).sum().item()  # along this gradient

    def by(*grads):  # a predicate: did the parameters move by -lr times these gradients' sum?
        return _moved_by([lr * sum(g) for g in zip(*grads, strict=True)])

    # fmt: off
    expect(moved, by(new), [
        (lambda m: still and cleared, "the parameters did not change: zero_grad() after backward() cleared "
         "the gradients before step() could use them; call it before backward()"),
        (lambda m: still, "the parameters did not change: call optimizer.step() after loss.backward()"),
        (by(new, stale), "the step used old gradients as well: call optimizer.zero_grad() before "
         "loss.backward(), or backward() adds the new gradients to the old ones"),
        (by(stale), "the step used a gradient left from an earlier batch: call loss.backward() on this "
         "batch's loss before optimizer.step()"),
        (by([factor / lr * g for g in new]), f"the parameters moved along this batch's gradient, but "
         f"{factor:.3g} times it, not lr = {lr} times: make one update, with optimizer.step()"),
    ], otherwise="the parameters moved, but not by one SGD step: zero_grad, backward, then step")
    return judge(number(answer, "the update is right; now return the batch's loss as one number"), l,
        praise="zero_grad, backward, step: one correct update, and the batch loss returned.",
        otherwise="the update is right; now return the loss of the batch (before the step)")
    # fmt: on


@check
def weight_grad(function):
    """05: ``function(net, X, y)`` must return d(MSE on X, y)/d(weights), whatever .grad held before."""
    net, X, y, [expected, _], [stale, _] = _stale_net()
    summed, weight = _gradients(net, X, y, "sum")[0], net[0].weight.detach().double().clone()
    # fmt: off
    answer = tensor(call(function, net, X, y), "the weight's gradient", (1, 3), reshape=True, hints={
        None: "got None: .grad is None after zero_grad() until a backward pass fills it (or is a return missing?)",
        (1,): "that has shape (1,), the bias's: return the gradient of the weight, of the weight's shape (1, 3)",
    })
    return judge(answer, expected, [
        (expected + stale, "the old gradient is still in it: backward() adds into .grad, so clear it first with net.zero_grad()"),
        (stale, "that is the gradient left from an earlier pass: compute the loss on X, y and call backward() on it"),
        (weight, "that is the weight itself; its gradient is its .grad, after backward()"),
        (expected / 2, "half the gradient: use nn.MSELoss(), which does not halve the square"),
        (summed, "that is the gradient of the summed loss: nn.MSELoss() averages over the examples"),
    ], praise="net[0].weight.grad after zero_grad() and backward() holds dL/dw.",
        otherwise="not the gradient of nn.MSELoss() on X, y: clear .grad, compute the loss of net(X) "
        "against y, call backward(), and read net[0].weight.grad")
    # fmt: on


@check
def fit_resistance(function):
    """05: ``function(I, V)`` must learn R in Ohm's law V = R I from noisy measurements."""
    answers = []

    def one_resistor(R, seed):
        I = torch.linspace(0.1, 2.0, 20)  # amperes
        V = R * I + 0.1 * torch.randn(20, generator=torch.Generator().manual_seed(seed))  # volts
        best = (I @ V / (I @ I)).item()  # least squares for V = R I
        answers.append(number(call(function, I, V), "return R as one number"))
        # fmt: off
        expect(answers[-1], lambda v: math.isclose(v, best, rel_tol=0.02), [
            (lambda v: not math.isfinite(v), lambda v: f"R is {v}: the descent diverged; make the learning rate smaller"),
            (lambda v: v != 0 and math.isclose(1 / v, best, rel_tol=0.05),
             "that is the conductance 1/R: Ohm's law is V = R I, so predict V from I (or return 1 / G)"),
            ((V / I).mean().item(), "that is the mean of V / I, which weighs the noisy ratios at small currents "
             "as much as the others: learn R by gradient descent on the mean squared error of R I against V"),
            (lambda v: answers[0] == v and len(answers) == 2, "the same R for two different resistors: learn it from I and V"),
        ], otherwise=lambda v: f"R = {v:.3g} ohm does not fit the measurements (V = R I with noise): "
            "train until the loss stops falling (more steps, or a larger learning rate)")
        # fmt: on

    resistors = [(4.7, 1), (12.0, 2)]  # (R in ohms, the noise's seed)
    return each(
        resistors, one_resistor, praise="R fits the measurements of two different resistors."
    )


@check
def fit_temperature(function):
    """05: ``function(wavelengths, B)`` must fit Planck's law to a spectrum and return T in kelvin."""
    h, c, k = 6.62607015e-34, 2.99792458e8, 1.380649e-23
    wavelengths, answers = torch.linspace(0.3e-6, 3e-6, 50, dtype=torch.float64), []
    x = h * c / (wavelengths * k)  # in kelvin: B depends on T through x / T

    def one_spectrum(T, seed):
        noise = 0.02 * torch.randn(
            50, generator=torch.Generator().manual_seed(seed), dtype=torch.float64
        )
        B = 2 * h * c**2 / wavelengths**5 / torch.expm1(x / T) * torch.exp(noise)
        answers.append(number(call(function, wavelengths, B), "return T as one number"))
        # fmt: off
        expect(answers[-1], lambda v: math.isclose(v, T, rel_tol=0.01), [
            (lambda v: not (math.isfinite(v) and v > 0), lambda v: f"T is {v:.4g} K: the descent diverged; "
             "compare log B rather than B (B spans decades), learn beta = 1000 K / T, or make the learning rate smaller"),
            (lambda v: math.isclose(1000 / v, T, rel_tol=0.01), "that looks like beta = 1000 K / T; return T = 1000 / beta, in kelvin"),
            (lambda v: math.isclose(1000 * v, T, rel_tol=0.01), "that looks like thousands of kelvin; return T in kelvin"),
            (lambda v: v < 50 and math.isclose(math.exp(v), T, rel_tol=0.01), "that looks like log T; return T itself, in kelvin"),
            (lambda v: answers[0] == v and len(answers) == 2, "the same T for two different spectra: learn it from the spectrum"),
        ], otherwise=lambda v: f"T = {v:.4g} K does not fit the spectrum: train until the loss on log B "
            "stops falling (more steps, or a better learning rate)")
        # fmt: on

    praise = "T fits the spectra of two black bodies, a hot one and a cooler one."
    return each([(5800.0, 1), (3000.0, 2)], one_spectrum, praise=praise)  # (T in kelvin, seed)


@check
def momentum_step(function):
    """05: ``function(params, velocities, lr, momentum)`` must step as torch.optim.SGD(momentum=...).

    PyTorch's rule (dampening 0): v <- momentum v + g, then p <- p - lr v; its v starts as the
    first g, as a v from zero does. lr changes after three steps, as a schedule changes it:
    the forms with lr inside the velocity (v <- momentum v - lr g, p <- p + v) agree only
    while lr stays the same, so they are told apart, not accepted.
    """
    net, batches = _small_net(torch.Generator().manual_seed(5))
    velocities, mu = [torch.zeros_like(p) for p in net.parameters()], 0.5
    v = [torch.zeros_like(p, dtype=torch.float64) for p in net.parameters()]  # PyTorch's, so far
    lrs = [0.1, 0.1, 0.1, 0.02, 0.02]  # lr changes after three steps, as a schedule changes it

    def one_step(step, lr, lr_before, v):  # v: PyTorch's velocities so far; returns the next
        net.zero_grad()
        nn.MSELoss()(net(batches[step % 2][0]), batches[step % 2][1]).backward()
        g = [p.grad.double().clone() for p in net.parameters()]
        p0 = [p.detach().double().clone() for p in net.parameters()]
        _, moved = _stepped(net, function, list(net.parameters()), velocities, lr, mu)
        still = not any(d.any() for d in moved)
        zero = all(isinstance(u, torch.Tensor) and not u.any() for u in velocities)

        def by(rule, when=True):  # a predicate: did each parameter move by -rule(v, g, p)?
            return _moved_by(map(rule, v, g, p0), when)

        # fmt: off
        expect(moved, by(lambda v, g, p: lr * (mu * v + g)), [
            (lambda m: still and zero, "neither the parameters nor the velocities changed: add param.grad into "
             "each velocity, then subtract lr times the velocity from the parameter, both in place"),
            (lambda m: still, "the velocities changed but the parameters did not: param = param - lr * v makes a "
             "new tensor; change the parameter itself, in place (param -= lr * v) under torch.no_grad()"),
            (by(lambda v, g, p: -lr * (mu * v + g)), "the parameters moved uphill: subtract lr times the velocity"),
            (by(lambda v, g, p: lr * g, step and zero), "plain SGD steps, and the velocities stay "
             "zero: v = momentum * v + g makes a new tensor and the list keeps the old one; update it in place "
             "(v.mul_(momentum).add_(param.grad)) so that the next step finds it"),
            (by(lambda v, g, p: lr * g, step), "plain SGD steps, lr times this gradient: momentum "
             "ignored; step along the velocity (param -= lr * v) after v <- momentum * v + param.grad"),
            (by(lambda v, g, p: mu * lr_before * v + lr * g, lr != lr_before), "right while lr "
             "stays the same, wrong once it changes: lr is inside your velocity (v <- momentum v - lr g, "
             "p <- p + v), which equals PyTorch's rule only for a constant lr; keep lr out of it: "
             "v <- momentum v + g, then p <- p - lr v"),
            (by(lambda v, g, p: lr * (mu * v + p)), "the velocity adds the parameter itself: add its gradient, param.grad"),
            (by(lambda v, g, p: lr * (mu * v + (1 - mu) * g)), "that is dampening, (1 - momentum) times the "
             "gradient: torch.optim.SGD's default dampening is 0, so add param.grad itself"),
            (by(lambda v, g, p: lr * (g + mu * (mu * v + g))), "that is Nesterov's momentum (nesterov=True): "
             "plain momentum steps along the velocity itself"),
            (by(lambda v, g, p: lr * (0.9 * v + g), step), f"that is momentum 0.9, not the "
             f"momentum passed in ({mu} here): use the argument"),
        ], otherwise="the parameters moved, but not as torch.optim.SGD(momentum=...) moves them: for each "
            "parameter, v <- momentum * v + param.grad, then param -= lr * v")
        # fmt: on
        if not all(p.requires_grad and p.grad_fn is None for p in net.parameters()):
            raise NotYet(
                "a parameter no longer requires grad: change its values under torch.no_grad(), "
                "without detaching it or turning requires_grad off"
            )
        return [mu * a + b for a, b in zip(v, g, strict=True)]

    for step, lr in enumerate(lrs):
        v = one_step(step, lr, lrs[step - 1] if step else lr, v)
    return right("v <- momentum v + g, p <- p - lr v: torch.optim.SGD's steps, even as lr changes.")


# 06 -------------------------------------------------------------------------


@check
def sum_reduction_lr(lr, batch_size=10):
    """06: the learning rate that makes ``reduction='sum'`` take the steps of the mean with lr=0.03."""
    expected = 0.03 / batch_size
    # fmt: off
    return judge(number(lr, "pass the learning rate as one number"), expected, [
        (0.03 * batch_size, "the other way round: the sum makes gradients larger, so the learning rate must be smaller"),
        (0.03, f"with the same lr every step of the sum is batch_size = {batch_size} times longer; "
         "the learning rate must compensate"),
        *[(0.03 / size, f"that is 0.03 / {size}, right for batches of {size}, not of {batch_size}: check the "
           "batch_size you pass, sum_reduction_lr(lr, batch_size=...)") for size in (10, 100) if size != batch_size],
    ], praise=f"the summed loss is batch_size = {batch_size} times the mean, so lr = 0.03 / {batch_size} = {expected:g}.",
        otherwise=lambda lr: f"lr={lr:g} does not give the same steps; compare the gradient of the sum with "
        "that of the mean", rtol=1e-6)
    # fmt: on


def _huber(r, sigma, line, offset):
    """The mean of d2l's two pieces: r - offset where ``line`` holds, r^2 / (2 sigma) elsewhere."""
    return torch.where(line, r - offset, r**2 / (2 * sigma)).mean().item()


@check
def huber(function):
    """06: ``function(y_hat, y, sigma)``, the mean of d2l's Huber loss, ``nn.SmoothL1Loss(beta=sigma)``."""
    y = torch.randn(40, 1, generator=torch.Generator().manual_seed(6))
    y_hat = y + torch.linspace(-3, 3, 40).reshape(-1, 1)  # residuals on both sides of sigma
    r = (y_hat - y).double()
    for sigma in [0.5, 2.0]:
        # fmt: off
        l = number(call(function, y_hat, y, sigma), "return the mean over the examples, one number, as PyTorch's losses do")
        expected = _huber(r.abs(), sigma, r.abs() > sigma, sigma / 2)
        expect(l, expected, [
            (sigma * expected, "that is nn.HuberLoss(delta=sigma), sigma times d2l's loss: d2l divides the "
             "square by 2 sigma and subtracts sigma / 2 from |r|"),
            (len(y) * expected, "that is the sum over the examples; return their mean"),
            (_huber(r.abs(), sigma, r.abs() > sigma, 0),
             "beyond sigma subtract sigma / 2 from |r|: without it the two pieces do not meet at |r| = sigma"),
            (_huber(r.abs(), sigma, r.abs() <= sigma, sigma / 2),
             "the two pieces are swapped: the square is for |r| <= sigma, the line beyond"),
            (_huber(r, sigma, r > sigma, sigma / 2),
             "take the absolute value, |r| = |y_hat - y|: a residual below -sigma is on the line too"),
        ], otherwise=f"with sigma={sigma} the loss is {l:.4g}; compute |r| = |y_hat - y|, then "
            "r^2 / (2 sigma) where |r| <= sigma and |r| - sigma / 2 elsewhere, and average")
    return right(
        "d2l's Huber loss, the same as nn.SmoothL1Loss(beta=sigma) and nn.HuberLoss(delta=sigma) / sigma."
    )
    # fmt: on


@check
def poisson_loss(function):
    """06: ``function(log_lam, k)``, the mean Poisson negative log-likelihood for log-rates ``log_lam``."""
    generator = torch.Generator().manual_seed(6)
    log_lam = torch.rand(50, 1, generator=generator) * 2 + 0.5  # rates from 1.6 to 12
    k = torch.poisson(torch.exp(log_lam), generator=generator)
    # fmt: off
    l = number(call(function, log_lam, k), "return the mean over the examples, one number, as PyTorch's losses do")
    expected = nn.PoissonNLLLoss(log_input=True)(log_lam, k).item()
    exact = expected + torch.lgamma(k + 1).mean().item()
    stirling = nn.PoissonNLLLoss(log_input=True, full=True)(log_lam, k).item()  # log k! approximated
    if any_close(l, [exact, stirling]):
        return right("the negative log-likelihood, with log k! (full=True: Stirling's approximation of it). "
                     "PyTorch leaves it out by default: it does not depend on the parameters, so the gradients are the same.")
    return judge(l, expected, [
        (lambda l: any_close(-l, [expected, exact, stirling]),
         "the sign is flipped: the loss is minus the log-likelihood, so that minimizing it makes the counts most likely"),
        (lambda l: any_close(l / len(k), [expected, exact, stirling]), "that is the sum over the examples; return their mean"),
        ((log_lam - k * torch.log(log_lam)).mean().item(),
         "that is the loss for lambda itself; the input here is log lambda, so lambda = exp(log_lam)"),
    ], praise="exp(log_lam) - k * log_lam, averaged: nn.PoissonNLLLoss(log_input=True) computes the same.",
        otherwise=f"got {l:.4g}; take minus the log of p(k | lambda) = lambda^k e^(-lambda) / k! "
        "with lambda = exp(log_lam), and average over the examples")
    # fmt: on


# 07 -------------------------------------------------------------------------


@check
def min_examples(n):
    """07: the fewest training examples for one least-squares solution with 20 features and a bias."""
    # fmt: off
    return judge(number(n, "pass a whole number of examples"), 21, [
        (lambda n: not n.is_integer() or n < 1, lambda n: f"{n:g} is not a number of examples: pass a whole number"),
        (20, "one short: the bias is an unknown too (the column of ones in [X, 1])"),
        (lambda n: n < 20, lambda n: f"with {n:g} examples [X, 1] has rank at most {n:g}: many parameter vectors fit exactly"),
    ], praise="21 unknowns (20 weights and the bias) need at least 21 examples for [X, 1] to have full rank.",
        otherwise=lambda n: f"{n:g} examples are enough, but fewer would do: count the unknowns, weights and bias",
        rtol=0)
    # fmt: on


@check
def lr_factor(function):
    """07: ``function(step)``, the LambdaLR factor 500 / (step + 500) of a 1/t schedule in steps."""
    steps = [0, 1, 500, 1500]
    f = [number(call(function, step), f"lr_factor({step}) must return a number") for step in steps]
    right_at = [close(a, 500 / (t + 500), 1e-6) for a, t in zip(f, steps, strict=True)]
    # fmt: off
    return judge(f, lambda f: all(right_at), [
        (lambda f: close(f[0], 0.03),
         "LambdaLR multiplies the optimizer's lr by your function's value: return the factor (1 at step 0), not the learning rate"),
        (lambda f: not right_at[0], lambda f: f"at step 0 the factor is {f[0]:g}; it must start at 1"),
        (lambda f: close(f[1], 0.5), "your factor halves after one step; it should halve after 500 (t1 = 500 in t1 / (t + t1))"),
        (lambda f: right_at[2] and close(f[3], 0.125),
         "that halves every 500 steps, an exponential decay; the 1/t schedule t1 / (t + t1) falls more slowly, to 1/4 at step 1500"),
        (lambda f: right_at[2], lambda f: f"it halves at step 500, but at step 1500 it is {f[3]:g}; t1 / (t + t1) is 1/4 there"),
    ], praise="1 at step 0, 1/2 at step 500, 1/4 at step 1500: eta_0 t1 / (t + t1) with t1 = 500.",
        otherwise=lambda f: f"the factor at step 500 is {f[2]:g}; it should have halved by then, as t1 / (t + t1) does")
    # fmt: on


@check
def early_stopping(best_epoch, val_losses=None):
    """07: ``best_epoch``, the epoch (counted from 1) of the lowest loss in ``val_losses``.

    ``val_losses`` has a default only so that a call without it gets a hint, not a TypeError.
    """
    what = "pass val_losses, your list of validation losses, one per epoch"
    if isinstance(val_losses, str) or not hasattr(val_losses, "__len__") or not len(val_losses):
        raise NotYet(f"{what}, not {describe(val_losses)}")
    losses = [number(l, what) for l in val_losses]
    n, low = len(losses), min(losses)
    first, lowest = losses.index(low) + 1, [e + 1 for e, l in enumerate(losses) if l == low]
    epoch = number(best_epoch, "pass the epoch, a whole number")
    # fmt: off
    return judge(epoch, lambda e: e in lowest, [
        (lambda e: close(e, low, 1e-3), "that is the lowest validation loss itself; pass the epoch at which it came"),
        (lambda e: any(close(e, l, 1e-3) for l in losses), "that is a validation loss, not an epoch: pass the epoch's number"),
        (lambda e: not e.is_integer(), lambda e: f"{e:g} is not an epoch: pass a whole number"),
        (first - 1, "one too early: epochs count from 1 (range(1, ...)), so epoch e is val_losses[e - 1], not val_losses[e]"),
        (first + 1, "one too late: epochs count from 1, so epoch e is val_losses[e - 1]"),
        (n, "that is the last epoch, where the training loss is lowest; early stopping keeps the epoch of the lowest validation loss"),
        (losses.index(max(losses)) + 1, "that is the epoch of the highest validation loss: keep the model when its loss is lower than the best so far"),
        (lambda e: not 1 <= e <= n, f"val_losses holds {n} epochs: pass one from 1 to {n}"),
    ], praise=f"epoch {epoch:g} has the lowest validation loss, {low:.3g}: early stopping keeps that epoch's model.",
        otherwise=lambda e: f"epoch {e:g} has the validation loss {losses[int(e) - 1]:.3g}, and a lower one "
        f"comes {'earlier' if first < e else 'later'}: keep the epoch whose loss is the lowest so far", rtol=0)
    # fmt: on


# 08 -------------------------------------------------------------------------


@check
def gd_steps(k):
    """08: the steps of full-batch gradient descent (lr=0.03, lambda near 1) that cut the distance 100-fold."""
    # fmt: off
    return judge(number(k, "pass a number of steps"), lambda k: 70 <= k <= 80, [
        (lambda k: 140 <= k <= 160, "twice too many: the gradient of the mean squared error carries a factor 2, "
         "so the factor per step is 1 - 2 eta lambda, not 1 - eta lambda"),
        (lambda k: 30 <= k <= 40, "that cuts the loss's excess (the square of the distance) 100-fold; the distance "
         "itself shrinks by 1 - 2 eta lambda per step, so solve that factor^k = 0.01"),
        (lambda k: 0 < k < 1, "less than one step: divide the logarithms the other way round, k = ln 0.01 / ln(factor)"),
    ], praise="each step multiplies the distance by about 1 - 2 * 0.03 = 0.94, and 0.94^k = 0.01 for k = ln 0.01 / ln 0.94.",
        otherwise=lambda k: f"{k:g} steps is off: find the factor 1 - 2 eta lambda per step, then the k with factor^k = 0.01")
    # fmt: on


@check
def article_init(model):
    """08: a ``d2l.LinearRegression`` whose lazy layer holds weights from N(0, 0.01^2) and a zero bias."""
    # fmt: off
    layer = spot(getattr(model, "net", None), [
        (lambda net: not isinstance(net, nn.Linear), "pass the d2l.LinearRegression model itself, e.g. selfcheck.article_init(model)"),
        (lambda net: isinstance(net.weight, nn.parameter.UninitializedParameter), "the layer is still lazy (no shape yet): "
         "send one batch through the model first, e.g. model(data.X[:1]), then initialize"),
    ])
    w, bias = layer.weight.detach().double().reshape(-1), layer.bias.detach()
    # Draws from N(0, 0.01^2) have a root mean square near 0.01; of two such weights, one in a
    # thousand pairs is below 0.0003, three times the size of weights drawn with std 0.01^2.
    size, equal = w.pow(2).mean().sqrt().item(), len(w) > 1 and len(set(w.tolist())) == 1
    return judge(w, lambda w: 0.0003 <= size and w.abs().max() <= 0.05 and not equal and not bias.any(), [
        (lambda w: not w.any(), "the weights are all zero: draw them from N(0, 0.01^2) with nn.init.normal_"),
        (lambda w: equal, "the weights are all equal, as nn.init.constant_ makes them: draw them at random "
         "from N(0, 0.01^2) with nn.init.normal_"),
        (lambda w: w.abs().max() > 0.05, lambda w: f"the largest weight is {w.abs().max():.2f}, far too large for "
         "N(0, 0.01^2): draw with nn.init.normal_(weight, mean=0, std=0.01) (its second argument is the mean), "
         "after the first batch: LazyLinear replaces weights set before it"),
        (lambda w: size < 0.0003, f"the weights are about {size:.1g}, far too small for N(0, 0.01^2): the "
         "standard deviation is 0.01, not its square 0.0001"),
    ], praise="weights of the size N(0, 0.01^2) draws, bias zero: the article's start.",
        otherwise="the weights look right; now set the bias to zero (nn.init.zeros_)")
    # fmt: on


@check
def stable_lrs(lr_batch_1, lr_batch_200):
    """08: the largest of 0.1, 0.2, 0.5, 1.0 that train in 5 epochs with batch size 1 and 200."""
    what = "pass two learning rates, one per batch size, each one number"
    rates = [number(lr_batch_1, what), number(lr_batch_200, what)]
    # fmt: off
    return judge(rates, lambda r: close(r[0], 0.2) and close(r[1], 0.5), [
        (lambda r: close(r[0], 0.5) and close(r[1], 0.2), "swapped: the first is for batch size 1, the second for batch size 200"),
        (lambda r: close(r[1], 1.0), "with batch size 200 and lr=1.0 the run is not flagged as diverged, but look at "
         "its last loss: far above the noise floor and climbing; a slow divergence"),
        (lambda r: r[0] >= 0.5, "with batch size 1 that rate diverges: look at result.diverged"),
        (lambda r: r[0] < 0.2 or r[1] < 0.5, "too careful: a larger one of the four still reaches a low loss in 5 "
         "epochs; try each with playground.run and print its last loss"),
    ], praise="a single example's matrix x x^T has the eigenvalue |x|^2, about 2 and often more, so batch size 1 "
        "needs a smaller rate than the whole set, whose eigenvalues are near 1.",
        otherwise="pick from the four rates 0.1, 0.2, 0.5 and 1.0, one for each batch size")
    # fmt: on


def _columns():
    """08's problem: 4 examples of 4 features, means near 300, -5, 0, 1 and scales 10, 0.1, 2, 1.

    As many examples as features, so that statistics over the wrong axis run without a crash
    and can be named.
    """
    X = torch.randn(4, 4, generator=torch.Generator().manual_seed(8))
    return X * torch.tensor([10.0, 0.1, 2.0, 1.0]) + torch.tensor([300.0, -5.0, 0.0, 1.0])


@check
def standardize(function):
    """08: ``function(X)`` must return (X standardized per column, the columns' means, their stds).

    Both standard deviations are right, torch's X.std(dim=0) (divided by n - 1) and NumPy's or
    scikit-learn's (by n): either gives the columns one scale, and the way back is exact with
    whichever was used, as long as X_std was divided by the one returned.
    """
    X = _columns()
    whole = {(): "one number for the whole X: take one per column, over the examples (dim=0)"}
    # fmt: off
    X_std, mean, std = parts(call_pure(function, X, changed="your function changed the X it was given: compute "
        "(X - mean) / std as a new tensor, not in place (X -= mean)"), 3, lambda a: f"return three things, "
        f"(X_std, mean, std), not {describe(a)}: the way back to the original units, and every new example, "
        "need the means and standard deviations")
    X_std = tensor(X_std, "the standardized X", X.shape, hints={(4,): "return them in the order (X_std, mean, std)"})
    mean = tensor(mean, "the means", (4,), reshape=True, hints=whole)
    std = tensor(std, "the standard deviations", (4,), reshape=True, hints=whole)
    X, m = X.double(), X.double().mean(dim=0)
    stds, rows = [X.std(dim=0), X.std(dim=0, correction=0)], [X.std(dim=1), X.std(dim=1, correction=0)]
    right_std = any_close(std, stds, 1e-4)  # by n - 1 or by n: both standardize
    return judge(X_std, lambda a: close(mean, m, 1e-4) and right_std and close(a, (X - mean) / std, 1e-4), [
        (lambda a: mean.abs().max() < 1e-3 and (std - 1).abs().max() < 1e-3, "the means and standard deviations "
         "you return are the standardized X's, about 0 and 1: return the ones you standardized with, taken from X before the change"),
        (lambda a: close(mean, X.mean(dim=1), 1e-4) or any_close(std, rows, 1e-4), "those are statistics "
         "of the rows, one per example: take them over the examples, dim=0, one per column"),
        (X - m, "the columns are centred but not scaled: divide by the standard deviations too"),
        (lambda a: any_close(a, [X / s for s in stds], 1e-4), "the columns are scaled but not centred: subtract the means first, (X - mean) / std"),
        (lambda a: any_close(std, [s**2 for s in stds], 1e-4), "that is the variance, the square of the standard deviation: use X.std(dim=0)"),
        (lambda a: not close(mean, m, 1e-4), "the means are not those of the columns of the X passed in: compute them from "
         "that X (not from a global one), over the examples, X.mean(dim=0)"),
        (lambda a: not right_std, "the standard deviations are not those of the columns of the X passed in: compute them "
         "from that X (not from a global one), X.std(dim=0)"),
        (lambda a: any_close(a, [(X - m) / s for s in stds], 1e-4), "X_std was divided by another standard deviation than "
         "the one you return: return the one you divided by, which the way back needs"),
    ], praise="each column at mean 0 and standard deviation 1, with the means and standard deviations that did it "
        "(divided by n - 1 or by n: either, as long as the way back uses the same).",
        otherwise="not (X - mean) / std yet: subtract each column's mean, then divide by its standard deviation")
    # fmt: on


@check
def to_original_units(function):
    """08: ``function(w_std, b_std, mean, std)`` must return the weights and bias for the original features."""
    # fmt: off
    w_std, b_std, mean, std = (torch.tensor(t) for t in ([1.5, -2.0, 0.5], [4.0], [300.0, -5.0, 2.0], [10.0, 0.1, 4.0]))
    w, b = parts(call_pure(function, w_std, b_std, mean, std, changed="your function changed the tensors it was "
        "given (w_std /= std?): compute new ones, w_std / std"), 2, lambda a: f"return two things, (w, b), not {describe(a)}")
    w = tensor(w, "the weights", (3,), reshape=True)
    spot(_as_tensor(b), [(lambda b: isinstance(b, torch.Tensor) and b.numel() == 3, "the bias has one entry per feature: "
                          "add the corrections of all features up into one bias, .sum()")])
    b = number(b, "return the bias as one number")
    (w_std, mean, std), b_std = [t.double() for t in (w_std, mean, std)], b_std.item()
    expected = b_std - (w_std * mean / std).sum().item()
    return judge(b, lambda b: close(w, w_std / std) and close(b, expected), [
        (lambda b: close(w, w_std * std), "the weights were multiplied by std: a feature divided by its standard "
         "deviation needs its weight divided by it too, w_std / std"),
        (lambda b: not close(w, w_std / std), "the weights are not w_std / std yet: divide each by its feature's standard deviation"),
        (b_std, "the bias is still b_std: the means shift it too, subtract sum_j w_std_j mean_j / std_j"),
        (b_std + (w_std * mean / std).sum().item(), "the sign of the bias correction: (x - mean) / std puts "
         "-w_std mean / std into the bias, so subtract the sum"),
        (b_std - (w_std * mean).sum().item(), "the bias correction needs the division by std too: "
         "sum_j w_std_j mean_j / std_j (or sum_j w_j mean_j with the new weights)"),
    ], praise="w = w_std / std and b = b_std - sum(w_std * mean / std): the same predictions from the original features.",
        otherwise=lambda b: f"the weights are right, the bias {b:g} is not: write the prediction with (x - mean) / std "
        "and collect the terms without an x")
    # fmt: on


# 09 -------------------------------------------------------------------------


@contextlib.contextmanager
def _environment_kept():
    """Put the environment variables back after the block, as ``rc_context`` puts back rcParams."""
    saved = dict(os.environ)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _saved_twice(function):
    """The bytes of two saves of one small figure by ``function(fig, path)``, in a folder of its own.

    The rcParams and the environment variables an answer sets are put back after.
    """
    import matplotlib
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 2))
    fig.subplots().set_title("selfcheck")  # the SVG holds this text, or names it in a comment
    with tempfile.TemporaryDirectory() as folder, matplotlib.rc_context(), _environment_kept():
        paths = [Path(folder) / "first.svg", Path(folder) / "second.svg"]
        for path in paths:
            call(function, fig, path)
        if not all(path.exists() for path in paths):
            raise NotYet("save_svg(fig, path) wrote no file at path; call fig.savefig(path, ...)")
        return [path.read_bytes() for path in paths]


@check
def svg_saver(function):
    """09: ``save_svg(fig, path)`` must write an SVG with the same bytes on every save."""
    first, second = _saved_twice(function)
    differ = [a for a, b in zip(first.splitlines(), second.splitlines(), strict=False) if a != b]
    dated = b"<dc:date>" in first
    # fmt: off
    spot(first, [
        (lambda svg: b"<svg" not in svg, "the file is not an SVG: pass format='svg' to savefig"),
        (lambda svg: b"selfcheck" not in svg,
         "the file holds another figure: call fig.savefig(...), not plt.savefig(...), which saves pyplot's current figure"),
        (lambda svg: any(b"<dc:date>" in line for line in differ),
         "the SVG records the date and time of each save (<dc:date>), so every save differs: leave it out with "
         "savefig's metadata argument, or fix it (the SOURCE_DATE_EPOCH environment variable)"),
        (lambda svg: any(b'id="' in line or b'href="#' in line or b"url(#" in line for line in differ),
         'the files still differ, in their ids (id="..."): Matplotlib salts them with a random value unless '
         "the rcParam svg.hashsalt is set to a fixed string"),
        (lambda svg: svg != second, lambda svg: f"two saves differ, first in {(differ or [b'their length'])[0][:60]!r}"),
    ])
    if b"Matplotlib v" in first:
        return right("two saves, the same bytes. One step further: the file names Matplotlib's version "
                     "(<dc:creator>), so a new release changes the bytes; leave it out too.")
    return right(f"two saves, the same bytes, and no version{'' if dated else ' or date'} that could change them.")
    # fmt: on
