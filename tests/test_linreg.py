"""What the notebooks rely on in the helper module, linreg."""

import base64
import math
import re

import numpy as np
import pytest
import torch
from d2l import torch as d2l
from matplotlib.figure import Figure
from torch import nn

import linreg

TRUE_W = torch.tensor([2, -3.4, 5.6, 3.2, -0.6])
TRUE_B = 4.2


def generator(seed=0):
    return torch.Generator().manual_seed(seed)


@pytest.fixture
def figures(tmp_path, monkeypatch):
    """Figures go to a temporary folder, not the repository's figures/."""
    monkeypatch.setattr(linreg, "figures_dir", lambda: tmp_path / "figures")
    return tmp_path / "figures"


# Figures ---------------------------------------------------------------------


def test_figures_go_to_the_repository_figures_folder():
    assert linreg.figures_dir() == linreg.Path(linreg.__file__).resolve().parent.parent / "figures"


def test_save_fig_writes_the_same_bytes_every_time(figures):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([0, 1, 2], [1, 0, 2])
    first = linreg.save_fig(fig, "line").read_bytes()
    second = linreg.save_fig(fig, "line").read_bytes()
    plt.close(fig)
    assert first == second
    assert first.startswith(b"\x89PNG")
    assert b"Matplotlib version" not in first


# Computation graphs ------------------------------------------------------------


def mse_graph():
    net = nn.Linear(5, 1)
    X = torch.randn(4, 5, generator=generator())
    y = torch.randn(4, 1, generator=generator(1))
    return linreg.draw_graph(nn.MSELoss()(net(X), y), params=dict(net.named_parameters()))


def test_draw_graph_names_nodes_the_same_way_on_every_run():
    first, second = mse_graph().source, mse_graph().source
    assert first == second
    assert not re.search(r"\d{6,}", first), "a memory address is left in the DOT source"


def test_draw_graph_keeps_every_node_and_edge_of_torchviz():
    import torchviz

    net = nn.Linear(5, 1)
    l = net(torch.ones(2, 5)).sum()
    params = dict(net.named_parameters())
    raw, stable = torchviz.make_dot(l, params=params), linreg.draw_graph(l, params=params)
    assert len(raw.body) == len(stable.body)
    assert sum("->" in line for line in raw.body) == sum("->" in line for line in stable.body)
    assert "weight" in stable.source and "bias" in stable.source


def test_draw_graph_names_saved_tensors_stably_too():
    net = nn.Linear(3, 1)
    l = (net(torch.ones(2, 3)) ** 2).mean()
    dot = linreg.draw_graph(l, show_saved=True)
    assert dot.source == linreg.draw_graph(l, show_saved=True).source
    assert not re.search(r"\d{6,}", dot.source)


def test_save_graph_writes_an_svg_with_the_same_bytes_every_time(figures):
    first = linreg.save_graph(mse_graph(), "graph", "The graph").read_bytes()
    second = linreg.save_graph(mse_graph(), "graph", "The graph").read_bytes()
    assert first == second
    assert b"<svg" in first and b"MseLossBackward0" in first
    assert b"graphviz version" not in first, "the bytes would change with every Graphviz release"


def test_a_saved_graph_says_what_it_shows_in_its_title_and_desc(figures):
    svg = linreg.save_graph(mse_graph(), "graph", "The loss's <graph>").read_text()
    head = svg[svg.index("<svg") :]
    assert re.search(
        r"<svg[^>]*>\n<title>The loss&#x27;s &lt;graph&gt;</title>\n<desc>Edges: ", head
    )
    desc = re.search(r"<desc>(.*?)</desc>", svg)[1]
    assert "AddmmBackward0 to MseLossBackward0" in desc  # each edge, by its nodes' labels
    assert "\\n" not in desc and "\n" not in desc


def test_save_graph_refuses_a_graph_without_a_description(figures):
    with pytest.raises(ValueError, match="needs alt"):
        linreg.save_graph(mse_graph(), "graph", " ")


def test_show_stores_a_figure_as_an_img_tag_with_its_description_and_as_the_image():
    fig = Figure(figsize=(1, 1))
    bundle, metadata = linreg.show(fig, 'A "square"')._repr_mimebundle_()
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG") and b"Matplotlib" not in png
    assert bundle["text/html"] == (
        f'<img src="data:image/png;base64,{bundle["image/png"]}" alt="A &quot;square&quot;">'
    )
    assert bundle["text/plain"] == 'A "square"' and metadata == {"image/png": {"alt": 'A "square"'}}


def test_show_draws_a_graph_as_svg_with_its_description():
    bundle, _ = linreg.show(mse_graph(), "The graph")._repr_mimebundle_()
    assert bundle["image/svg+xml"] == linreg.render_svg(mse_graph())
    assert (
        'alt="The graph"' in bundle["text/html"]
        and "data:image/svg+xml;base64," in bundle["text/html"]
    )


@pytest.mark.parametrize("alt", ["", "  ", None])
def test_show_refuses_a_figure_without_a_description(alt):
    with pytest.raises(ValueError, match="needs alt: a sentence saying what the figure shows"):
        linreg.show(Figure(), alt)


def test_show_names_what_it_cannot_draw():
    with pytest.raises(TypeError, match="not ndarray: pass the fig of fig, ax = plt.subplots()"):
        linreg.show(np.zeros((2, 2)), "an array")


def test_every_plot_uses_the_series_colour_blind_safe_palette_with_a_dash_per_line():
    ax = Figure().subplots()
    lines = [ax.plot([0, 1], [i, i])[0] for i in range(len(linreg.PALETTE))]
    assert [line.get_color() for line in lines] == linreg.PALETTE
    assert [line.get_linestyle() for line in lines[:4]] == ["-", "--", "-.", ":"]
    # Okabe and Ito's colours, yellow left out; no default Matplotlib colour
    okabe_ito = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"}
    assert set(linreg.PALETTE) == okabe_ito


# Data ---------------------------------------------------------------------------


def test_synthetic_data_draws_what_d2l_draws_from_the_same_seed():
    torch.manual_seed(7)
    X_d2l, y_d2l = d2l.synthetic_data(TRUE_W, TRUE_B, 100)
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, 100, generator=generator(7))
    assert torch.equal(X, X_d2l) and torch.equal(y, y_d2l)


def test_synthetic_data_has_one_row_per_example_and_labels_as_a_column():
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, 1000, generator=generator())
    assert X.shape == (1000, 5) and y.shape == (1000, 1)


def test_synthetic_data_noise_has_standard_deviation_0_01():
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, 10_000, generator=generator())
    noise = y.reshape(-1) - (X @ TRUE_W + TRUE_B)
    assert math.isclose(noise.std().item(), 0.01, rel_tol=0.05)


@pytest.mark.parametrize(
    ("w", "num_examples", "error", "message"),
    [
        (torch.tensor([2, 3]), 10, TypeError, "floating point"),
        (torch.ones(2, 1), 10, ValueError, r"shape \(2, 1\)"),
        (TRUE_W, 0, ValueError, "positive integer"),
        (TRUE_W, 2.5, ValueError, "positive integer"),
        (TRUE_W, True, ValueError, "positive integer"),
    ],
)
def test_synthetic_data_explains_bad_input(w, num_examples, error, message):
    with pytest.raises(error, match=message):
        linreg.synthetic_data(w, TRUE_B, num_examples)


def test_load_array_gives_batches_of_batch_size_and_a_partial_last_one():
    X, y = torch.arange(25.0).reshape(25, 1), torch.arange(25.0)
    batches = list(linreg.load_array((X, y), 10, is_train=False))
    assert [len(X_batch) for X_batch, _ in batches] == [10, 10, 5]
    assert torch.equal(batches[0][1], torch.arange(10.0))


def test_load_array_shuffles_the_same_way_from_the_same_seed():
    X = torch.arange(50.0).reshape(50, 1)
    first = torch.cat([b for (b,) in linreg.load_array((X,), 7, generator=generator(3))])
    second = torch.cat([b for (b,) in linreg.load_array((X,), 7, generator=generator(3))])
    assert torch.equal(first, second)
    assert not torch.equal(first, X), "training batches should be shuffled"
    assert torch.equal(first.sort(dim=0).values, X), "every example once per epoch"


def test_load_array_shuffles_each_epoch_differently():
    X = torch.arange(50.0).reshape(50, 1)
    train_iter = linreg.load_array((X,), 50, generator=generator(3))
    (epoch1,), (epoch2,) = next(iter(train_iter)), next(iter(train_iter))
    assert not torch.equal(epoch1, epoch2)


@pytest.mark.parametrize(
    ("batch_size", "error", "message"),
    [(0, ValueError, "at least 1"), (-5, ValueError, "at least 1"), (2.0, TypeError, "integer")],
)
def test_load_array_explains_a_bad_batch_size(batch_size, error, message):
    with pytest.raises(error, match=message):
        linreg.load_array((torch.ones(10, 2), torch.ones(10, 1)), batch_size)


def test_load_array_explains_tensors_of_different_lengths():
    with pytest.raises(ValueError, match=r"\[10, 9\] rows"):
        linreg.load_array((torch.ones(10, 2), torch.ones(9, 1)), 5)


def test_load_array_explains_that_it_needs_the_tensors():
    with pytest.raises(ValueError, match=r"data_arrays is empty; pass the tensors, e.g. \(X, y\)"):
        linreg.load_array((), 5)


# The model ----------------------------------------------------------------------


def test_linear_regression_starts_from_small_weights_and_zero_bias():
    net = linreg.linear_regression(5, generator())
    assert net[0].weight.shape == (1, 5) and net[0].bias.shape == (1,)
    assert torch.equal(net[0].bias, torch.zeros(1))
    assert net[0].weight.abs().max() < 0.05


def test_linear_regression_initializes_the_same_way_from_the_same_seed():
    first = linreg.linear_regression(5, generator(1))[0].weight
    second = linreg.linear_regression(5, generator(1))[0].weight
    assert torch.equal(first, second)


@pytest.mark.parametrize("num_inputs", [0, -1, 2.0, True])
def test_linear_regression_explains_a_bad_input_size(num_inputs):
    with pytest.raises(ValueError, match="positive integer"):
        linreg.linear_regression(num_inputs)


def test_try_gpu_falls_back_to_the_cpu_and_says_so_once(monkeypatch, capsys):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(linreg, "_said_no_gpu", False)
    assert linreg.try_gpu() == torch.device("cpu")
    assert linreg.try_gpu() == torch.device("cpu")
    out = capsys.readouterr().out
    assert out.count("No GPU found") == 1 and "Change runtime type" in out


# Training ----------------------------------------------------------------------


def setup_training(lr=0.03, seed=0, num_examples=1000):
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, num_examples, generator=generator(seed))
    net = linreg.linear_regression(5, generator(seed))
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    train_iter = linreg.load_array((X, y), 10, generator=generator(seed))
    return net, optimizer, train_iter


def test_train_reproduces_the_article_results():
    net, optimizer, train_iter = setup_training()
    history = linreg.train(net, nn.MSELoss(), optimizer, train_iter, num_epochs=3)
    assert len(history.epoch_losses) == 3 and len(history.step_losses) == 300
    assert all(l < 1e-3 for l in history.epoch_losses)
    w_error, b_error = linreg.estimation_errors(net, TRUE_W, TRUE_B)
    assert w_error.abs().max() < 5e-3 and b_error.abs().max() < 5e-3


def test_train_gives_the_same_losses_from_the_same_seeds():
    histories = []
    for _ in range(2):
        net, optimizer, train_iter = setup_training()
        histories.append(linreg.train(net, nn.MSELoss(), optimizer, train_iter, num_epochs=1))
    assert histories[0] == histories[1]


def test_train_stops_with_a_clear_message_when_the_loss_diverges():
    net, optimizer, train_iter = setup_training(lr=10.0)
    with pytest.raises(linreg.DivergenceError, match=r"at step \d+.*lr=10.*lower it"):
        linreg.train(net, nn.MSELoss(), optimizer, train_iter, num_epochs=3)


def test_train_refuses_a_learning_rate_of_zero():
    # A negative one torch.optim.SGD refuses itself; zero it accepts, and nothing would be learned.
    net, optimizer, train_iter = setup_training(lr=0.0)
    with pytest.raises(ValueError, match="must be positive"):
        linreg.train(net, nn.MSELoss(), optimizer, train_iter, num_epochs=1)


@pytest.mark.parametrize("num_epochs", [0, -1, 1.5])
def test_train_refuses_a_number_of_epochs_that_is_not_a_positive_integer(num_epochs):
    net, optimizer, train_iter = setup_training()
    with pytest.raises(ValueError, match="num_epochs"):
        linreg.train(net, nn.MSELoss(), optimizer, train_iter, num_epochs=num_epochs)


def test_train_refuses_labels_whose_shape_differs_from_the_predictions():
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, 100, generator=generator())
    net = linreg.linear_regression(5, generator())
    train_iter = linreg.load_array((X, y.reshape(-1)), 10, generator=generator())
    optimizer = torch.optim.SGD(net.parameters(), lr=0.03)
    with pytest.raises(ValueError, match=r"\(10, 1\).*\(10,\).*reshape"):
        linreg.train(net, nn.MSELoss(), optimizer, train_iter, num_epochs=1)


def test_train_explains_that_it_needs_a_tensor_dataset():
    net, optimizer, _ = setup_training()
    pairs = [(torch.ones(5), torch.ones(1))]  # a list of examples, not a TensorDataset
    train_iter = torch.utils.data.DataLoader(pairs, batch_size=1)
    with pytest.raises(TypeError, match="TensorDataset.*load_array"):
        linreg.train(net, nn.MSELoss(), optimizer, train_iter, num_epochs=1)


def test_train_stops_when_the_loss_explodes_without_overflowing():
    # lr=0.7 makes the loss climb to about 1e12 on these data: finite, but diverging.
    net, optimizer, train_iter = setup_training(lr=0.7)
    with pytest.raises(linreg.DivergenceError, match=r"grew from .* at step 1 to .* at step \d+"):
        linreg.train(net, nn.MSELoss(), optimizer, train_iter, num_epochs=3)


def test_check_growth_lets_a_loss_go_up_and_down_as_minibatches_do():
    linreg.check_growth(torch.tensor(500.0), first_l=1.0, step=7, lr=0.03)


def test_check_growth_names_both_losses_the_step_and_the_learning_rate():
    with pytest.raises(
        linreg.DivergenceError, match=r"from 2 at step 1 to 3e\+06 at step 9.*lr=0.7"
    ):
        linreg.check_growth(torch.tensor(3e6), first_l=2.0, step=9, lr=0.7)


def test_train_explains_that_it_needs_exactly_features_and_labels():
    net, optimizer, _ = setup_training()
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, 20, generator=generator())
    train_iter = linreg.load_array((X, y, torch.arange(20)), 10, generator=generator())
    with pytest.raises(TypeError, match=r"exactly \(X, y\)"):
        linreg.train(net, nn.MSELoss(), optimizer, train_iter, num_epochs=1)


def test_check_finite_accepts_a_finite_loss():
    linreg.check_finite(torch.tensor(1e30), step=1, lr=0.03)


@pytest.mark.parametrize("value", [math.inf, math.nan])
def test_check_finite_names_the_step_and_the_learning_rate(value):
    with pytest.raises(linreg.DivergenceError, match=r"became (inf|nan) at step 42.*lr=0.5"):
        linreg.check_finite(torch.tensor(value), step=42, lr=0.5)


def test_estimation_errors_are_true_minus_learned():
    net = linreg.linear_regression(5, generator())
    with torch.no_grad():
        net[0].weight.copy_(TRUE_W.reshape(1, 5) - 0.5)
        net[0].bias.fill_(TRUE_B + 1)
    w_error, b_error = linreg.estimation_errors(net, TRUE_W, TRUE_B)
    assert torch.allclose(w_error, torch.full((5,), 0.5))
    assert torch.allclose(b_error, torch.tensor([-1.0]))


def test_estimation_errors_explain_a_wrong_number_of_weights():
    with pytest.raises(ValueError, match=r"shape \(3,\).*5 weights"):
        linreg.estimation_errors(linreg.linear_regression(5), torch.ones(3), 0.0)
