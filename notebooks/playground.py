"""The playground of notebook 08: move a slider, watch SGD train again.

Three parts, each usable alone:

- :func:`run` trains ``nn.Linear(2, 1)`` on 200 fresh examples with two
  features and records the loss and the weights after every step;
- :func:`draw` draws a run: the loss curve, and the path of the two weights
  over the contours of the loss;
- :class:`Playground` puts sliders on :func:`run` and shows what :func:`draw`
  draws, again after every change of a slider.

The widgets use only what ipywidgets 7.7 (Colab) and 8 (JupyterLab 4) share.
"""

import io
import math
from dataclasses import dataclass

import torch
from matplotlib.figure import Figure
from torch import nn

TRUE_W = (2.0, -3.4)  # the first two weights of the series' true_w
TRUE_B = 4.2
NUM_EXAMPLES = 200
SEED = 11  # the series' one seed (notebook 00)
DEFAULTS = {"lr": 0.03, "batch_size": 10, "num_epochs": 5, "init_scale": 0.01, "noise": 0.01}
BATCH_SIZES = (1, 2, 5, 10, 20, 50, 100, 200)
FIGSIZE = (9, 3.6)


@dataclass
class Run:
    """What :func:`run` records: its settings, the data's least-squares
    solution, and after every step the loss on all the data and the weights."""

    settings: dict
    losses: list  # loss on all the data: at the start, then after every step
    path: torch.Tensor  # (steps + 1, 2): the two weights, at the start and after every step
    w_ls: torch.Tensor  # (2,): the least-squares weights of these data
    b_ls: float  # their least-squares bias
    diverged: bool


def make_data(noise=0.01, num_examples=NUM_EXAMPLES):
    """``y = X w + b + noise`` for the two true weights, drawn from the series' seed."""
    generator = torch.Generator().manual_seed(SEED)
    X = torch.normal(0, 1, (num_examples, 2), generator=generator)
    noise_draw = torch.normal(0, 1, (num_examples, 1), generator=generator)
    y = X @ torch.tensor(TRUE_W).reshape(-1, 1) + TRUE_B + noise * noise_draw
    return X, y


def run(lr=0.03, batch_size=10, num_epochs=5, init_scale=0.01, noise=0.01):
    """Train ``nn.Linear(2, 1)`` by minibatch SGD, as notebook 05 does, and record every step.

    The weights start from N(0, init_scale^2), the bias from 0. Training stops
    early, with ``diverged`` set, once the loss is infinite or has grown a
    millionfold (notebook 06).
    """
    settings = dict(
        lr=lr, batch_size=batch_size, num_epochs=num_epochs, init_scale=init_scale, noise=noise
    )
    X, y = make_data(noise)
    A = torch.cat([X, torch.ones(len(X), 1)], dim=1)
    theta = torch.linalg.lstsq(A, y).solution.reshape(-1)
    generator = torch.Generator().manual_seed(SEED)
    net = nn.Linear(2, 1)
    with torch.no_grad():
        net.weight.normal_(0, init_scale, generator=generator)
        net.bias.zero_()
    loss = nn.MSELoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    order = torch.Generator().manual_seed(SEED)
    with torch.no_grad():
        losses = [loss(net(X), y).item()]
    path = [net.weight.detach().reshape(-1).clone()]
    diverged = False
    for _ in range(num_epochs):
        indices = torch.randperm(len(X), generator=order)  # reshuffled every epoch
        for start in range(0, len(X), batch_size):
            batch = indices[start : start + batch_size]
            l = loss(net(X[batch]), y[batch])
            optimizer.zero_grad()
            l.backward()
            optimizer.step()
            with torch.no_grad():
                losses.append(loss(net(X), y).item())
            path.append(net.weight.detach().reshape(-1).clone())
            if not math.isfinite(losses[-1]) or losses[-1] > 1e6 * losses[0]:
                diverged = True
                break
        if diverged:
            break
    return Run(settings, losses, torch.stack(path), theta[:2], theta[2].item(), diverged)


def draw(result, fig=None):
    """Draw a :class:`Run`: the loss after every step, and the path over the loss's contours.

    The contours show the loss on all the data as a function of the two
    weights, with the bias held at its least-squares value. Returns the figure
    (a new one unless ``fig`` is given).
    """
    if fig is None:
        fig = Figure(figsize=FIGSIZE, layout="constrained")
    ax_loss, ax_path = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.2, 1]})
    finite = [l for l in result.losses if math.isfinite(l)]
    ax_loss.plot(range(len(finite)), finite, lw=1, color="C0")
    noise = result.settings["noise"]
    ax_loss.axhline(
        noise**2, color="gray", ls="--", lw=1, label=f"noise variance σ² = {noise**2:.0e}"
    )
    title = "diverged: lr too large" if result.diverged else f"loss at the end {finite[-1]:.2e}"
    ax_loss.set(xlabel="step", ylabel="loss on all the data", yscale="log", title=title)
    ax_loss.legend(loc="lower left" if result.diverged else "upper right")  # off the curve

    # The view: a square that holds the start, the true weights and the path, but not the far
    # end of a path that ran away; with the same scale on both axes (set_aspect below), round
    # contours look round.
    true_w = torch.tensor(TRUE_W)
    path = result.path[torch.isfinite(result.path).all(dim=1)]
    ends = torch.stack([path[0], true_w])  # always in view
    low = torch.maximum(path.min(dim=0).values, true_w - 10).minimum(ends.min(dim=0).values)
    high = torch.minimum(path.max(dim=0).values, true_w + 10).maximum(ends.max(dim=0).values)
    width = (high - low).max()
    half_width = width / 2 + 0.15 * width.clamp(min=0.5)  # a margin on each side
    center = (low + high) / 2
    low, high = (center - half_width).tolist(), (center + half_width).tolist()
    w1, w2 = torch.meshgrid(
        torch.linspace(low[0], high[0], 80), torch.linspace(low[1], high[1], 80), indexing="ij"
    )
    X, y = make_data(noise)
    W = torch.stack([w1.reshape(-1), w2.reshape(-1)])  # (2, points)
    grid_loss = ((X @ W + result.b_ls - y) ** 2).mean(dim=0).reshape(w1.shape)
    ax_path.contour(
        w1.numpy(), w2.numpy(), grid_loss.numpy(), levels=12, colors="lightgray", linewidths=0.8
    )
    path = path.numpy()
    ax_path.plot(path[:, 0], path[:, 1], ".-", ms=2, lw=0.8, color="C1", label="SGD path")
    ax_path.plot(*path[0], "o", color="C1", label="start")
    ax_path.plot(*result.w_ls.tolist(), "x", color="black", ms=8, label="least squares")
    ax_path.set(xlim=(low[0], high[0]), ylim=(low[1], high[1]), xlabel="$w_1$", ylabel="$w_2$")
    ax_path.set_aspect("equal")
    s = result.settings
    ax_path.set_title(f"lr={s['lr']:.2g}, batch {s['batch_size']}, {s['num_epochs']} epochs")
    ax_path.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize="small")  # off the path
    return fig


def png_bytes(fig):
    """The figure as PNG bytes, with no version or date in them."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=80, metadata={"Software": None})
    return buffer.getvalue()


class Playground:
    """Sliders for :func:`run`; every change retrains and redraws.

    ``controls`` maps each setting of :func:`run` to its slider; ``result`` is
    the last :class:`Run` and ``image`` the widget showing its picture. Display
    it in a notebook with ``display(playground)`` or as a cell's last line.
    """

    def __init__(self, **settings):
        import ipywidgets as widgets  # imported here: run and draw work without it

        values = {**DEFAULTS, **settings}
        log_slider = dict(base=10, step=0.1, continuous_update=False, readout_format=".3g")
        self.controls = {
            "lr": widgets.FloatLogSlider(
                value=values["lr"], min=-3, max=0, description="lr", **log_slider
            ),
            "batch_size": widgets.SelectionSlider(
                options=BATCH_SIZES,
                value=values["batch_size"],
                description="batch size",
                continuous_update=False,
            ),
            "num_epochs": widgets.IntSlider(
                value=values["num_epochs"],
                min=1,
                max=10,
                description="epochs",
                continuous_update=False,
            ),
            "init_scale": widgets.FloatLogSlider(
                value=values["init_scale"], min=-3, max=1, description="init scale", **log_slider
            ),
            "noise": widgets.FloatLogSlider(
                value=values["noise"], min=-3, max=0, description="noise σ", **log_slider
            ),
        }
        self.image = widgets.Image(format="png")
        self.summary = widgets.Label()
        for control in self.controls.values():
            control.observe(self.redraw, names="value")
        sliders = list(self.controls.values())
        self.widget = widgets.VBox(
            [
                widgets.HBox([widgets.VBox(sliders[:3]), widgets.VBox(sliders[3:])]),
                self.summary,
                self.image,
            ]
        )
        self.redraw()

    def settings(self):
        """The sliders' values, as keyword arguments of :func:`run`."""
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self, change=None):
        """Train with the sliders' values and show the new picture (the sliders' callback)."""
        self.result = run(**self.settings())
        self.image.value = png_bytes(draw(self.result))
        distance = (self.result.path[-1] - self.result.w_ls).norm().item()
        steps = len(self.result.path) - 1
        self.summary.value = (
            f"{steps} steps; distance of the weights to least squares {distance:.2g}"
            if not self.result.diverged
            else f"diverged after {steps} steps: lower the learning rate"
        )

    def _repr_mimebundle_(self, **kwargs):
        # The view of the widget, and a text that stays the same on every run
        # and under ipywidgets 7 and 8 (what GitHub and the tests see).
        view = {"version_major": 2, "version_minor": 0, "model_id": self.widget.model_id}
        text = "Playground: " + ", ".join(f"{k}={v}" for k, v in self.settings().items())
        return {"application/vnd.jupyter.widget-view+json": view, "text/plain": text}
