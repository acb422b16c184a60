"""Self-checks of notebook 09 (the appendix), as tables: right answers, and wrong ones with their hint."""

import os

import matplotlib
import matplotlib.pyplot as plt
import pytest

import selfcheck

STABLE = {"Date": None, "Creator": None}


# 09's worked solution, as the notebook writes it
def save_svg(fig, path):
    with matplotlib.rc_context({"svg.hashsalt": "linreg"}):
        fig.savefig(path, format="svg", metadata={"Date": None, "Creator": None})


def saver(salt="linreg", metadata=STABLE, epoch=None, fonttype="path", **savefig):
    """A save_svg: savefig with the given salt and metadata, SOURCE_DATE_EPOCH set if epoch is given."""

    def save_svg(fig, path):
        if epoch is not None:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
        with plt.rc_context({"svg.hashsalt": salt, "svg.fonttype": fonttype}):
            fig.savefig(path, **({"format": "svg", "metadata": metadata} | savefig))

    return save_svg


def sets_salt_for_good(fig, path):
    plt.rcParams["svg.hashsalt"] = "linreg"
    fig.savefig(path, format="svg", metadata=STABLE)


def saves_pyplots_figure(fig, path):
    with plt.rc_context({"svg.hashsalt": "linreg"}):
        plt.savefig(path, format="svg", metadata=STABLE)
    plt.close("all")


RIGHT = [
    pytest.param(save_svg, "no version or date that could change them", id="09's solution"),
    pytest.param(
        saver(metadata={"Date": None}),
        "the file names Matplotlib's version (<dc:creator>)",
        id="the version kept: right, with a word on it",
    ),
    pytest.param(
        saver(metadata={"Creator": None}, epoch="0"),
        "two saves, the same bytes, and no version that could change them",
        id="SOURCE_DATE_EPOCH and a fixed salt, Matplotlib's documented way",
    ),
    pytest.param(
        saver(metadata={"Creator": None, "Date": "2024-01-01"}),
        "two saves, the same bytes",
        id="a fixed date",
    ),
    pytest.param(sets_salt_for_good, "two saves, the same bytes", id="the salt set for good"),
    pytest.param(
        saver(salt="x", fonttype="none"),
        "no version or date that could change them",
        id="the text kept as text, svg.fonttype none",
    ),
]

WRONG = [
    pytest.param(
        saver(metadata={"Creator": None}),
        "the SVG records the date and time of each save (<dc:date>)",
        id="the date kept",
    ),
    pytest.param(
        saver(salt=None),
        'the files still differ, in their ids (id="...")',
        id="no salt",
    ),
    pytest.param(
        saver(salt=None, epoch="0"),
        "unless the rcParam svg.hashsalt is set to a fixed string",
        id="SOURCE_DATE_EPOCH without a salt",
    ),
    pytest.param(
        saves_pyplots_figure,
        "call fig.savefig(...), not plt.savefig(...)",
        id="pyplot's figure saved",
    ),
    pytest.param(saver(format="png"), "the file is not an SVG", id="a PNG"),
    pytest.param(lambda fig, path: None, "wrote no file at path", id="no file"),
]


@pytest.mark.parametrize(("answer", "praise"), RIGHT)
def test_svg_saver_calls_right(said, answer, praise):
    assert selfcheck.svg_saver(answer) is True, said()
    assert (out := said()).startswith("Right:") and praise in out, out


@pytest.mark.parametrize(("answer", "hint"), WRONG)
def test_svg_saver_names_the_fault(said, answer, hint):
    assert selfcheck.svg_saver(answer) is False
    assert (out := said()).startswith("Not yet:") and hint in out, out
    assert out.count("\n") == 1


def test_svg_saver_puts_back_the_rcparams_and_the_environment_an_answer_changed(said):
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    assert selfcheck.svg_saver(sets_salt_for_good) is True
    assert selfcheck.svg_saver(saver(metadata={"Creator": None}, epoch="0")) is True
    assert matplotlib.rcParams["svg.hashsalt"] is None
    assert os.environ.get("SOURCE_DATE_EPOCH") == epoch
    assert selfcheck.svg_saver(saver(salt=None)) is False
