"""Self-checks of notebook 03 (Batching with DataLoader): right answers pass, typical wrong ones get their hint."""

import torch

import selfcheck


def test_num_batches_approves_the_ceiling_and_explains_drop_last(said):
    selfcheck.num_batches(lambda n, size, drop_last: n // size if drop_last else -(-n // size))
    assert said().startswith("Right:")
    selfcheck.num_batches(lambda n, size, drop_last: n // size)
    assert "partial batch counts" in said()


def test_num_batches_explains_a_forgotten_drop_last(said):
    assert selfcheck.num_batches(lambda n, size, drop_last: -(-n // size)) is False
    assert "drop_last throws the partial batch away" in said()


def test_num_batches_reports_a_crash_in_one_line(said):
    assert selfcheck.num_batches(lambda n, size, drop_last: n / 0) is False
    assert "ZeroDivisionError" in said()


def draw(w, b, n, generator, noise=0.01, column=True):
    """Examples of y = Xw + b + noise, drawn as linreg.synthetic_data draws them."""
    X = torch.normal(0, 1, (n, len(w)), generator=generator)
    y = X @ w + b + torch.normal(0, noise, (n,), generator=generator) if noise else X @ w + b
    return X, y.reshape(-1, 1) if column else y


def fresh_batches(w, b, batch_size, num_batches, generator):
    for _ in range(num_batches):
        yield draw(w, b, batch_size, generator)


def test_fresh_batches_approves_a_batch_drawn_in_each_step(said):
    assert selfcheck.fresh_batches(fresh_batches) is True
    assert said().startswith("Right:")


def test_fresh_batches_approves_a_pass_drawn_all_at_once(said):
    def drawn_per_pass(w, b, batch_size, num_batches, generator):
        X, y = draw(w, b, batch_size * num_batches, generator)
        yield from zip(X.split(batch_size), y.split(batch_size), strict=True)

    assert selfcheck.fresh_batches(drawn_per_pass) is True


def test_fresh_batches_refuses_the_same_data_reshuffled_on_every_pass(said):
    stored = {}

    def drawn_once(w, b, batch_size, num_batches, generator):
        if "data" not in stored:
            stored["data"] = draw(w, b, batch_size * num_batches, generator)
        X, y = stored["data"]
        order = torch.randperm(len(X), generator=generator)
        yield from zip(X[order].split(batch_size), y[order].split(batch_size), strict=True)

    assert selfcheck.fresh_batches(drawn_once) is False
    assert "not once beforehand" in said()


def test_fresh_batches_refuses_one_batch_repeated(said):
    def repeated(w, b, batch_size, num_batches, generator):
        batch = draw(w, b, batch_size, generator)
        for _ in range(num_batches):
            yield batch

    assert selfcheck.fresh_batches(repeated) is False
    assert "same examples" in said()


def test_fresh_batches_names_missing_noise(said):
    def noiseless(w, b, batch_size, num_batches, generator):
        for _ in range(num_batches):
            yield draw(w, b, batch_size, generator, noise=0)

    assert selfcheck.fresh_batches(noiseless) is False
    assert "no noise" in said()


def test_fresh_batches_wants_labels_as_a_column(said):
    def flat(w, b, batch_size, num_batches, generator):
        for _ in range(num_batches):
            yield draw(w, b, batch_size, generator, column=False)

    assert selfcheck.fresh_batches(flat) is False
    assert "column" in said()


def test_fresh_batches_names_a_forgotten_bias(said):
    def no_bias(w, b, batch_size, num_batches, generator):
        for _ in range(num_batches):
            yield draw(w, 0.0, batch_size, generator)

    assert selfcheck.fresh_batches(no_bias) is False
    assert "Xw + b" in said()


def test_fresh_batches_names_an_ignored_generator(said):
    def global_draws(w, b, batch_size, num_batches, generator):
        for _ in range(num_batches):
            yield draw(w, b, batch_size, None)

    assert selfcheck.fresh_batches(global_draws) is False
    assert "generator=generator" in said()


def test_fresh_batches_reports_a_crash_in_one_line(said):
    def crashes(w, b, batch_size, num_batches, generator):
        yield torch.ones(2) @ torch.ones(3)

    assert selfcheck.fresh_batches(crashes) is False
    message = said()
    assert message.startswith("Not yet: crashes(") and "RuntimeError" in message
    assert message.count("\n") == 1
