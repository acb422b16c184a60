"""Self-checks of notebook 06 (Experiments): right answers pass, typical wrong ones get their hint."""

import selfcheck


def test_sum_reduction_lr_wants_the_learning_rate_divided_by_the_batch_size(said):
    selfcheck.sum_reduction_lr(0.003)
    assert said().startswith("Right:")
    selfcheck.sum_reduction_lr(0.3)
    assert "other way round" in said()
