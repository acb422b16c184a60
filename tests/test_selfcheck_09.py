"""Self-checks of notebook 09 (the appendix): right answers pass, typical wrong ones get their hint."""

import matplotlib
import matplotlib.pyplot as plt

import selfcheck

STABLE = {"Date": None, "Creator": None}


def save_svg(fig, path):
    with plt.rc_context({"svg.hashsalt": "linreg"}):
        fig.savefig(path, format="svg", metadata=STABLE)


def test_svg_saver_approves_a_saver_without_date_version_or_random_ids(said):
    assert selfcheck.svg_saver(save_svg) is True
    assert "Right:" in (out := said()) and "no version or date" in out


def test_svg_saver_approves_but_mentions_the_version_left_in(said):
    def keeps_creator(fig, path):
        with plt.rc_context({"svg.hashsalt": "linreg"}):
            fig.savefig(path, format="svg", metadata={"Date": None})

    assert selfcheck.svg_saver(keeps_creator) is True
    assert "Right:" in (out := said()) and "<dc:creator>" in out


def test_svg_saver_explains_the_date(said):
    def keeps_date(fig, path):
        with plt.rc_context({"svg.hashsalt": "linreg"}):
            fig.savefig(path, format="svg")

    assert selfcheck.svg_saver(keeps_date) is False
    assert "<dc:date>" in said()


def test_svg_saver_explains_the_random_ids(said):
    def random_ids(fig, path):
        fig.savefig(path, format="svg", metadata=STABLE)

    assert selfcheck.svg_saver(random_ids) is False
    assert "svg.hashsalt" in said()


def test_svg_saver_is_not_fooled_by_a_salt_set_for_good_by_an_earlier_answer(said):
    def sets_salt_globally(fig, path):
        plt.rcParams["svg.hashsalt"] = "linreg"
        fig.savefig(path, format="svg", metadata=STABLE)

    def random_ids(fig, path):
        fig.savefig(path, format="svg", metadata=STABLE)

    assert selfcheck.svg_saver(sets_salt_globally) is True
    said()
    assert selfcheck.svg_saver(random_ids) is False
    assert matplotlib.rcParams["svg.hashsalt"] is None


def test_svg_saver_explains_saving_pyplots_figure_instead_of_fig(said):
    def saves_pyplots_figure(fig, path):
        with plt.rc_context({"svg.hashsalt": "linreg"}):
            plt.savefig(path, format="svg", metadata=STABLE)
        plt.close("all")

    assert selfcheck.svg_saver(saves_pyplots_figure) is False
    assert "fig.savefig" in said()


def test_svg_saver_explains_a_png(said):
    def saves_png(fig, path):
        fig.savefig(path, format="png")

    assert selfcheck.svg_saver(saves_png) is False
    assert "not an SVG" in said()


def test_svg_saver_explains_a_function_that_writes_nothing(said):
    assert selfcheck.svg_saver(lambda fig, path: None) is False
    assert "wrote no file" in said()


def test_svg_saver_reports_a_crash_in_one_line(said):
    def crashes(fig, path):
        raise OSError("disk full")

    assert selfcheck.svg_saver(crashes) is False
    out = said()
    assert "raised OSError: disk full" in out and len(out.splitlines()) == 1
