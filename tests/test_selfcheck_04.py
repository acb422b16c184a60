"""Self-checks of notebook 04 (The model and its initialization): right answers pass, typical wrong ones get their hint."""

import selfcheck


def test_num_parameters_names_forgotten_biases(said):
    selfcheck.num_parameters(lambda i, o: i * o + o)
    assert said().startswith("Right:")
    selfcheck.num_parameters(lambda i, o: i * o)
    assert "forget the biases" in said()
