"""Set-up shared by the tests: the series (from scripts/series.py), a fixture, the self-check tables."""

import pytest

from series import ROOT, cell_text, notebook_names, read  # noqa: F401 (re-exported)

# The notebooks of the series, in order: `NN_name.ipynb` in notebooks/.
NOTEBOOKS = notebook_names()
text = cell_text  # a cell's source as one string


@pytest.fixture
def said(capsys):
    """What a self-check printed since the last call: ``said()``."""
    return lambda: capsys.readouterr().out


def table_tests(right, wrong, *, unpack=False, check=None):
    """The two tests of a table of self-check answers: each right one is called right, and each
    wrong one gets, in one line, a hint that contains its row's phrase.

    A row is ``pytest.param(check, answer)`` in ``right`` and ``pytest.param(check, answer,
    phrase)`` in ``wrong``; with ``unpack=True`` the answer is the tuple of arguments the check
    takes. A table of one check names it, ``check=``, and its rows hold the arguments only,
    ``pytest.param(first, second[, phrase])``. A test file binds the two tests to its names:
    ``test_a_right_answer_is_right, test_a_wrong_answer_gets_the_hint_that_names_its_fault =
    table_tests(RIGHT, WRONG)``.
    """
    if check is not None:
        unpack = True
        right = [pytest.param(check, r.values, id=r.id) for r in right]
        wrong = [pytest.param(check, r.values[:-1], r.values[-1], id=r.id) for r in wrong]

    def verdict(check, answer):
        return check(*answer) if unpack else check(answer)

    @pytest.mark.parametrize(("check", "answer"), right)
    def test_a_right_answer_is_right(said, check, answer):
        assert verdict(check, answer) is True, said()
        assert said().startswith("Right:")

    @pytest.mark.parametrize(("check", "answer", "phrase"), wrong)
    def test_a_wrong_answer_gets_the_hint_that_names_its_fault(said, check, answer, phrase):
        assert verdict(check, answer) is False
        assert (out := said()).startswith("Not yet:") and phrase in out, out
        assert out.count("\n") == 1

    return test_a_right_answer_is_right, test_a_wrong_answer_gets_the_hint_that_names_its_fault
