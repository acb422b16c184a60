"""Notebook 05 runs the article's own code, character for character, in a namespace of its own."""

import textwrap

from conftest import read, text

# The article's code, its seven blocks as printed (only the indentation of the
# loop and function bodies, which the article's page lost, restored).
ARTICLE_BLOCKS = [
    """\
import torch.nn as nn
# Define a sequential container with a single linear layer
model = nn.Sequential(nn.Linear(5, 1))""",
    """\
import torch
import numpy as np
from torch.utils import data
from d2l import torch as d2l
# Ground truth parameters
target_weights = torch.tensor([2, -3.4, 5.6, 3.2, -0.6])
target_bias = 4.2
# Generate synthetic dataset
inputs, outputs = d2l.synthetic_data(target_weights, target_bias, 1000)""",
    """\
def create_data_loader(tensors, batch_sz, is_training=True):
    dataset = data.TensorDataset(*tensors)
    return data.DataLoader(dataset, batch_sz, shuffle=is_training)
batch_size = 10
train_iter = create_data_loader((inputs, outputs), batch_size)""",
    """\
from torch import nn
regression_model = nn.Sequential(nn.Linear(5, 1))
# Initialize weights with normal distribution and bias with zeros
regression_model[0].weight.data.normal_(0, 0.01)
regression_model[0].bias.data.fill_(0)""",
    """\
loss_function = nn.MSELoss()
optimizer = torch.optim.SGD(regression_model.parameters(), lr=0.03)""",
    """\
num_epochs = 3
for epoch in range(num_epochs):
    for X_batch, y_batch in train_iter:
        pred = regression_model(X_batch)
        loss = loss_function(pred, y_batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    current_loss = loss_function(regression_model(inputs), outputs)
    print(f'Epoch {epoch + 1}, Loss: {current_loss:f}')""",
    """\
learned_weights = regression_model[0].weight.data
learned_bias = regression_model[0].bias.data
print('Weight estimation error:', target_weights - learned_weights.reshape(target_weights.shape))
print('Bias estimation error:', target_bias - learned_bias)""",
]


def article_cells():
    code = [text(c) for c in read("05_training_loop.ipynb").cells if c.cell_type == "code"]
    (script,) = [s for s in code if "\ndef article_script():\n" in s]
    return script, code


def test_05_runs_the_articles_code_verbatim_inside_a_function():
    script, _ = article_cells()
    body = script.split("\ndef article_script():\n", 1)[1]
    assert all(line.startswith("    ") or not line for line in body.split("\n")), "indent only"
    assert textwrap.dedent(body).split("\n\n") == ARTICLE_BLOCKS


def test_the_article_script_is_called_so_its_names_stay_out_of_the_notebook():
    script, code = article_cells()
    calls = [s for s in code if s is not script and "article_script()" in s.splitlines()]
    assert calls, "a cell after the definition calls article_script()"
