"""linreg.draw_forward: the forward computation drawn with its values, and gradients after backward()."""

import re

import pytest
import torch

import linreg


def forward(X, y, w, b):
    y_hat = X @ w.T + b
    l = ((y_hat - y) ** 2).mean()
    return {"y_hat": y_hat, "L": l}


def tiny_batch(n=3):
    generator = torch.Generator().manual_seed(0)
    X = torch.randn(n, 2, generator=generator)
    y = torch.randn(n, 1, generator=generator)
    w = torch.tensor([[0.5, -1.0]], requires_grad=True)
    b = torch.tensor([0.25], requires_grad=True)
    return {"X": X, "y": y, "w": w, "b": b}


def labels(dot):
    """Node name -> label, read from the DOT lines ``\\tname [label="..." ...]``."""
    found = {}
    for line in dot.body:
        name, _, rest = line.strip().partition(" [label=")
        if rest:
            found[name] = rest.split('"')[1]
    return found


def edges(dot):
    return [tuple(line.split()[:3:2]) for line in dot.body if " -> " in line]


def test_each_operation_is_a_node_titled_as_python_writes_it_with_its_shape():
    titles = [
        label.split("\\l")[0]
        for label in labels(linreg.draw_forward(forward, tiny_batch())).values()
    ]
    assert titles == [
        "w  (1, 2)",
        "X  (3, 2)",
        "b  (1,)",
        "y  (3, 1)",
        "w.T  (2, 1)",
        "X @ w.T  (3, 1)",
        "y_hat = (X @ w.T) + b  (3, 1)",
        "y_hat - y  (3, 1)",
        "(y_hat - y) ** 2  (3, 1)",
        "L = ((y_hat - y) ** 2).mean()  ()",
    ]


def test_edges_go_from_each_input_to_the_operation_that_uses_it():
    assert edges(linreg.draw_forward(forward, tiny_batch())) == [
        ("in0", "op0"),  # w -> w.T
        ("in1", "op1"),  # X -> X @ w.T
        ("op0", "op1"),
        ("op1", "op2"),  # -> + b
        ("in2", "op2"),
        ("op2", "op3"),  # y_hat - y
        ("in3", "op3"),
        ("op3", "op4"),  # ** 2
        ("op4", "op5"),  # mean
    ]


def test_nodes_show_the_values_of_their_tensors():
    inputs = tiny_batch()
    found = labels(linreg.draw_forward(forward, inputs))
    assert found["in0"] == "w  (1, 2)\\l     0.5       -1\\l"
    loss = forward(**inputs)["L"].item()
    assert found["op5"].endswith(f"\\l{loss:8.3g}\\l")
    assert len(found["in1"].split("\\l")) == 1 + 3 + 1, "X: a title, one line per example, the end"


def test_parameters_are_blue_data_white_and_the_loss_green():
    source = linreg.draw_forward(forward, tiny_batch()).source
    assert 'label="w  (1, 2)' in source and "fillcolor=lightblue" in source
    assert "fillcolor=white" in source and "fillcolor=darkolivegreen1" in source


def test_after_backward_each_parameter_has_its_gradient_beside_it():
    inputs = tiny_batch()
    forward(**inputs)["L"].backward()
    dot = linreg.draw_forward(forward, inputs)
    found = labels(dot)
    w_grad = " ".join(f"{v:8.3g}" for v in inputs["w"].grad.reshape(-1).tolist())
    assert found["grad0"] == f"w.grad  (1, 2)\\l{w_grad}\\l"
    assert found["grad2"].startswith("b.grad  (1,)")
    assert "grad1" not in found and "grad3" not in found, "X and y need no gradient"
    assert ("in0", "grad0") in edges(dot)
    assert "rank=same" in dot.source


def test_before_backward_no_gradient_is_shown():
    assert "grad" not in linreg.draw_forward(forward, tiny_batch()).source


def test_the_same_computation_gives_the_same_dot_text_every_time():
    first = linreg.draw_forward(forward, tiny_batch()).source
    second = linreg.draw_forward(forward, tiny_batch()).source
    assert first == second


def test_only_the_steps_the_drawn_result_needs_are_drawn():
    def with_a_detour(X, y, w, b):
        unused = (w * 3).sum()  # computed, but not part of the loss
        return {"unused": unused, "L": ((X @ w.T + b - y) ** 2).mean()}

    source = linreg.draw_forward(with_a_detour, tiny_batch()).source
    assert "w * 3" not in source and "L = " in source


def test_operations_without_a_python_operator_are_written_as_calls():
    def with_functions(X, y, w, b):
        return {"L": torch.nn.functional.mse_loss(torch.nn.functional.linear(X, w, b), y)}

    titles = [
        label.split("  (")[0]
        for label in labels(linreg.draw_forward(with_functions, tiny_batch())).values()
    ]
    assert titles[-2:] == ["linear(X, w, b)", "L = mse_loss(linear(X, w, b), y)"]


def test_a_result_without_a_graph_is_refused_with_what_to_do():
    inputs = tiny_batch()
    inputs["w"], inputs["b"] = inputs["w"].detach(), inputs["b"].detach()
    with pytest.raises(ValueError, match="L has no graph to draw.*requires_grad=True"):
        linreg.draw_forward(forward, inputs)


def test_a_result_that_is_no_tensor_is_refused_too():
    with pytest.raises(ValueError, match="L has no graph to draw"):
        linreg.draw_forward(lambda X, y, w, b: {"L": 0.0}, tiny_batch())


def test_a_result_that_is_not_a_single_number_is_refused():
    def predictions(X, y, w, b):
        return {"y_hat": X @ w.T + b}

    with pytest.raises(
        ValueError, match=r"y_hat has shape \(3, 1\): draw the graph of a single number"
    ):
        linreg.draw_forward(predictions, tiny_batch())


def test_a_batch_too_large_to_read_is_refused_with_what_to_do_instead():
    with pytest.raises(ValueError, match=r"X has 40 values, too many.*X\[:3\].*linreg.draw_graph"):
        linreg.draw_forward(forward, tiny_batch(n=20))
    linreg.draw_forward(forward, tiny_batch(n=20), max_values=40)  # allowed when asked for


def test_a_computation_with_too_many_steps_is_refused_with_what_to_do_instead():
    def long_chain(X, y, w, b):
        l = ((X @ w.T + b - y) ** 2).mean()
        for _ in range(12):
            l = l * 1.0
        return {"L": l}

    with pytest.raises(
        ValueError, match=r"4 inputs and 18 operations, too many boxes.*linreg.draw_graph\(L\)"
    ):
        linreg.draw_forward(long_chain, tiny_batch())


def test_a_forward_that_returns_no_dict_of_named_results_is_refused_with_an_example():
    with pytest.raises(
        TypeError, match=r'forward returned Tensor; return a dict.*\{"y_hat": y_hat, "L": l\}'
    ):
        linreg.draw_forward(lambda X, y, w, b: ((X @ w.T + b - y) ** 2).mean(), tiny_batch())
    with pytest.raises(TypeError, match="forward returned dict"):
        linreg.draw_forward(lambda X, y, w, b: {}, tiny_batch())


def test_the_forward_graph_renders_to_the_same_svg_every_time(tmp_path, monkeypatch):
    monkeypatch.setattr(linreg, "figures_dir", lambda: tmp_path)
    inputs = tiny_batch()
    first = linreg.save_graph(linreg.draw_forward(forward, inputs), "forward", "F").read_bytes()
    second = linreg.save_graph(linreg.draw_forward(forward, inputs), "forward", "F").read_bytes()
    assert first == second and b"<svg" in first and b"y_hat = (X @ w.T) + b" in first


def test_a_saved_forward_graph_describes_its_steps_in_its_desc(tmp_path, monkeypatch):
    monkeypatch.setattr(linreg, "figures_dir", lambda: tmp_path)
    svg = linreg.save_graph(linreg.draw_forward(forward, tiny_batch()), "forward", "F").read_text()
    desc = re.search(r"<desc>Edges: (.*?)\.</desc>", svg, re.DOTALL)[1]
    assert "<title>F</title>" in svg and desc.count(" to ") >= 5, desc


def test_draw_graph_can_name_the_root_the_loss():
    inputs = tiny_batch()
    l = forward(**inputs)["L"]
    params = {"w": inputs["w"], "b": inputs["b"]}
    named = linreg.draw_graph(l, params=params, name="L").source
    assert 'label="L\n ()"' in named
    assert 'label="\n ()"' in linreg.draw_graph(l, params=params).source, "unnamed by default"


def test_draw_graph_refuses_a_tensor_without_a_graph_and_says_what_to_do():
    inputs = tiny_batch()
    with torch.no_grad():
        l = forward(**inputs)["L"]
    with pytest.raises(ValueError, match="L has no graph to draw.*requires_grad=True.*no_grad"):
        linreg.draw_graph(l, name="L")
    with pytest.raises(ValueError, match="the tensor has no graph to draw"):
        linreg.draw_graph(torch.tensor(2.0))


def test_draw_graph_draws_a_parameter_alone_and_a_gradient_that_is_not_a_single_number():
    w = torch.tensor([[0.5, -1.0]], requires_grad=True)
    assert "AccumulateGrad" not in linreg.draw_graph(w).source  # a leaf: one box
    inputs = tiny_batch()
    (g,) = torch.autograd.grad(forward(**inputs)["L"], inputs["w"], create_graph=True)
    assert "MmBackward0" in linreg.draw_graph(g).source, "01 draws the gradient's own graph"
