"""Self-checks of notebook 03 (Batching with DataLoader): right answers pass, typical wrong ones get their hint."""

import selfcheck


def test_num_batches_approves_the_ceiling_and_explains_drop_last(said):
    selfcheck.num_batches(lambda n, size, drop_last: n // size if drop_last else -(-n // size))
    assert said().startswith("Right:")
    selfcheck.num_batches(lambda n, size, drop_last: n // size)
    assert "partial batch counts" in said()
