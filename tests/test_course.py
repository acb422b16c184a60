"""The nbgrader course (`make course`, scripts/handouts.py), released and graded by nbgrader.

One course is built in a temporary folder; nbgrader releases every notebook (cheap) and
autogrades submissions (a kernel and the lesson's time each). The
worked solutions are graded for the fastest notebook with two self-checks (``GRADED``;
``HANDOUTS_ALL_NOTEBOOKS=1`` grades every notebook, and its unchanged release, several
minutes); the unchanged release and the bad submissions go to a small assignment made
here, three self-checks and no lesson, since how nbgrader scores them does not depend on
a lesson.
"""

import copy
import os
import re
import subprocess
import sys
from pathlib import Path

import handouts
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from test_handouts import everything_in, solution_lines

from series import HELPERS, ROOT, cell_text, notebook_names, read

NOTEBOOKS = notebook_names()
ALL = os.environ.get("HANDOUTS_ALL_NOTEBOOKS") == "1"
GRADED = NOTEBOOKS if ALL else ["03_dataloader_batching.ipynb"]
SMALL = "99_small"
# The unchanged release: how nbgrader scores empty answers does not depend on a lesson, so
# by default the small assignment's (a lesson's release running with empty answers is the
# handout's run in test_handouts.py, and every notebook's with HANDOUTS_ALL_NOTEBOOKS=1).
BLANK = [*GRADED, f"{SMALL}.ipynb"] if ALL else [f"{SMALL}.ipynb"]
IN_MAKE_VENV = (
    Path(sys.prefix).resolve() == (ROOT / ".venv").resolve()
)  # the assignment for the bad submissions

# A series notebook in miniature: three coding exercises with self-checks, no lesson.
SMALL_CELLS = [
    ("markdown", "# 99 · Small\n\n*Three exercises.*"),
    ("markdown", "## Setup"),
    ("code", "import selfcheck"),
    ("markdown", "## Exercises\n\n1. Steps.\n2. Examples.\n3. `num_batches`."),
    ("markdown", "## Solutions"),
    ("markdown", "<details><summary><b>Exercise 1</b>: show the solution</summary>\n\n"),
    ("code", "# Solution to exercise 1\nselfcheck.gd_steps(75)"),
    ("markdown", "<details><summary><b>Exercise 2</b>: show the solution</summary>\n\n"),
    ("code", "# Solution to exercise 2\nselfcheck.min_examples(21)"),
    ("markdown", "<details><summary><b>Exercise 3</b>: show the solution</summary>\n\n"),
    (
        "code",
        "# Solution to exercise 3\ndef num_batches(num_examples, batch_size, drop_last):\n"
        "    if drop_last:\n        return num_examples // batch_size\n"
        "    return -(-num_examples // batch_size)\n\n\nselfcheck.num_batches(num_batches)",
    ),
]
TYPICAL_MISTAKE = (  # the partial batch forgotten
    "def num_batches(num_examples, batch_size, drop_last):\n    return num_examples // batch_size"
)


def small_notebook():
    cells = [(new_code_cell if k == "code" else new_markdown_cell)(s) for k, s in SMALL_CELLS]
    for number, cell in enumerate(cells):
        cell["id"] = f"small-{number}"
    return new_notebook(cells=cells, metadata=read(NOTEBOOKS[3]).metadata)


def nbgrader(course, *args):
    """Run nbgrader in the course folder; its output. (nbgrader runs `alembic` from PATH.)"""
    env = os.environ | {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        capture_output=True,
        text=True,
        env=env,
    )
    return result.stdout + result.stderr


def release(course, name):
    return nbformat.read(course / "release" / Path(name).stem / name, as_version=4)


def submit(course, student, name, nb=None, text=None):
    folder = course / "submitted" / student / Path(name).stem
    folder.mkdir(parents=True, exist_ok=True)
    if text is None:
        text = nbformat.writes(nb)
    (folder / name).write_text(text, encoding="utf-8")


def with_answers(nb, answers):
    """A copy of a notebook with answer cells replaced by ``answers[id]``, or deleted (None)."""
    nb = copy.deepcopy(nb)
    for cell_id, source in answers.items():
        (cell,) = [c for c in nb.cells if c.id == cell_id]
        if source is None:
            nb.cells.remove(cell)
        else:
            cell.source = source
    return nb


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course, every notebook released, and the submissions below graded.

    For each graded notebook: "model" submits the worked solutions, "blank" the release
    unchanged. For the small assignment, from its worked solutions: "typo" with one typical
    mistake (exercise 3), "crash" with an answer that raises (1) and a deleted answer cell
    (2); and "garbled", a file that is not a notebook.
    """
    course = handouts.build_course(tmp_path_factory.mktemp("course") / "course")
    small = course / "source" / SMALL
    small.mkdir()
    handouts.write(
        handouts.course_notebook(small_notebook(), f"{SMALL}.ipynb"), small / f"{SMALL}.ipynb"
    )
    handouts.copy_helpers(small)
    log = nbgrader(course, "generate_assignment", "*")
    for name in GRADED:
        source = nbformat.read(course / "source" / Path(name).stem / name, as_version=4)
        submit(course, "model", name, source)
    for name in BLANK:
        submit(course, "blank", name, release(course, name))
    worked = nbformat.read(small / f"{SMALL}.ipynb", as_version=4)
    typo = with_answers(worked, {"exercise-3-answer": TYPICAL_MISTAKE})
    crash = with_answers(
        worked, {"exercise-1-answer": 'k = int("seventy-five")', "exercise-2-answer": None}
    )
    submit(course, "typo", f"{SMALL}.ipynb", typo)
    submit(course, "crash", f"{SMALL}.ipynb", crash)
    submit(course, "garbled", f"{SMALL}.ipynb", text="this is not a notebook")
    log += nbgrader(course, "autograde", "*")
    return course, log


def scores(course, student, assignment):
    """Each test cell's score for one submission: ``{grade_id: points}``."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(assignment, student)
        return {g.name: g.score for nb in submission.notebooks for g in nb.grades}


def points(name):
    return sum(len(e.checks) for e in handouts.exercises(read(name)))


def jupyter(*args):
    env = os.environ | {"NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", *args], capture_output=True, text=True, env=env
    )
    return re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)  # no colours


@pytest.mark.skipif(not IN_MAKE_VENV, reason="checks the .venv that make builds")
def test_make_lab_shows_a_learner_no_nbgrader_extension():
    lab = [line.split() for line in jupyter("labextension", "list").splitlines()]
    lab = {words[0]: words[2] for words in lab if len(words) > 2 and words[1].startswith("v")}
    # nbgrader's menus, and Notebook 7's "open in Notebook" button that came with it.
    assert lab["@jupyter/nbgrader"] == "disabled", "run `make setup`"
    assert lab["@jupyter-notebook/lab-extension"] == "disabled", "run `make setup`"
    assert lab["jupyterlab-rise"] == "enabled"
    # The server's pages, as `jupyter server extension list` reads them (faster, in-process).
    from jupyter_core.paths import jupyter_config_path
    from jupyter_server.extension.config import ExtensionConfigManager

    server = ExtensionConfigManager(read_config_path=jupyter_config_path())
    nbgrader_pages = {
        name: on for name, on in server.get_jpserver_extensions().items() if "nbgrader" in name
    }
    assert len(nbgrader_pages) == 4, (
        nbgrader_pages
    )  # formgrader, assignment and course lists, validate
    assert not any(nbgrader_pages.values()), f"run `make setup`: {nbgrader_pages}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_release_holds_a_line_of_any_solution(course, name):
    leaked = solution_lines(read(name)) & everything_in(release(course[0], name))
    assert not leaked, f"{name}: the release shows solution lines: {sorted(leaked)[:5]}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_lesson_cells_are_read_only_answers_are_solutions_checks_score_a_point(course, name):
    nb = nbformat.read(course[0] / "source" / Path(name).stem / name, as_version=4)
    graded = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if cell.id.endswith("-work"):
            assert meta is None, "a cell to work in for an exercise without a self-check"
        elif cell.id.endswith("-answer"):
            assert meta["solution"] and not meta["locked"] and not meta["grade"]
            assert handouts.BEGIN in cell_text(cell) and handouts.END in cell_text(cell)
        elif "-check-" in cell.id:
            assert meta["grade"] and meta["locked"] and meta["points"] == 1
            assert cell_text(cell).splitlines()[-1].startswith("assert selfcheck.")
            graded[cell.id] = meta["points"]
        else:
            assert meta["locked"] and not meta["solution"] and not meta["grade"], cell.id
    assert sum(graded.values()) == points(name)


@pytest.mark.parametrize("name", GRADED)
def test_the_worked_solutions_get_full_marks(course, name):
    got = scores(course[0], "model", Path(name).stem)
    assert got and all(score == 1 for score in got.values()), got


@pytest.mark.parametrize("name", BLANK)
def test_the_unchanged_release_gets_zero(course, name):
    got = scores(course[0], "blank", Path(name).stem)
    expected = 3 if name.startswith(SMALL) else points(name)
    assert len(got) == expected and not any(got.values()), got


@pytest.mark.parametrize("name", GRADED)
def test_the_helper_modules_are_beside_the_notebook_in_every_folder(course, name):
    stem = Path(name).stem
    # A submission holds the notebook only; nbgrader adds the source's helpers to grade it.
    assert not (course[0] / "submitted" / "model" / stem / HELPERS[0]).exists()
    for folder in ["source", "release", "autograded/model"]:
        beside = course[0] / folder / stem
        assert all((beside / helper).is_file() for helper in HELPERS), beside


def test_one_typical_mistake_loses_exactly_that_exercises_point(course):
    assert scores(course[0], "typo", SMALL) == {
        "exercise-1-check-1": 1.0,
        "exercise-2-check-1": 1.0,
        "exercise-3-check-1": 0.0,  # the partial batch forgotten
    }


def test_an_answer_that_raises_or_a_deleted_answer_cell_costs_only_its_own_point(course):
    assert scores(course[0], "crash", SMALL) == {
        "exercise-1-check-1": 0.0,  # raised ValueError
        "exercise-2-check-1": 0.0,  # its answer cell deleted
        "exercise-3-check-1": 1.0,  # still graded
    }


def test_a_submission_that_is_not_a_notebook_is_named_and_the_rest_is_graded(course):
    course_folder, log = course
    garbled = course_folder / "submitted" / "garbled" / SMALL
    assert f"error processing assignment: {garbled}" in log.replace("/./", "/")
    assert "Notebook does not appear to be JSON: 'this is not a notebook'" in log
    assert not (course_folder / "autograded" / "garbled").exists() or not any(
        (course_folder / "autograded" / "garbled").rglob("*.ipynb")
    )
    assert scores(course_folder, "typo", SMALL) and scores(course_folder, "crash", SMALL)
