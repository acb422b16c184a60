"""Self-checks of notebook 05 (The training loop): right answers pass, typical wrong ones get their hint."""

import selfcheck


def a_train_step(zero_grad=True, step=True, as_number=False):
    """A learner's answer to 05's exercise, with any of its three parts left out."""

    def train_step(net, loss, optimizer, X, y):
        l = loss(net(X), y)
        if zero_grad:
            optimizer.zero_grad()
        l.backward()
        if step:
            optimizer.step()
        return l.item() if as_number else l

    return train_step


def test_train_step_approves_zero_grad_backward_step(said):
    selfcheck.train_step(a_train_step())
    assert said().startswith("Right:")


def test_train_step_accepts_the_loss_returned_as_a_number(said):
    selfcheck.train_step(a_train_step(as_number=True))
    assert said().startswith("Right:")


def test_train_step_names_a_missing_zero_grad(said):
    selfcheck.train_step(a_train_step(zero_grad=False))
    assert "zero_grad" in said()


def test_train_step_names_a_missing_step(said):
    selfcheck.train_step(a_train_step(step=False))
    assert "optimizer.step()" in said()
