"""The series as a whole: every notebook in step, complete, and stored as a clean run."""

import re
import subprocess

import pytest
from conftest import NOTEBOOKS, ROOT, read, text

import sync_notebooks

MAX_LESSON_WORDS = 1800  # one class per notebook


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_notebook_has_title_goal_setup_summary_exercises_and_solutions(name):
    headings = [text(c).split("\n", 1)[0] for c in read(name).cells if c.cell_type == "markdown"]
    title = text(read(name).cells[0])
    assert re.match(rf"# {name[:2]} · .+\n\n\*[^*]+\*$", title), "a title, then one italic goal"
    for section in ["## Setup", "## Summary", "## Exercises", "## Solutions"]:
        assert section in headings, f"{name} has no {section} section"
    order = [headings.index(s) for s in ["## Setup", "## Summary", "## Exercises", "## Solutions"]]
    assert order == sorted(order)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_notebook_is_stored_as_a_clean_top_to_bottom_run(name):
    code = [c for c in read(name).cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_output_hidden_from_nbval_says_why(name):
    for cell in read(name).cells:
        lines = text(cell).splitlines()
        if cell.cell_type == "code" and lines and "NBVAL" in lines[0]:
            assert lines[0] == "# NBVAL_IGNORE_OUTPUT", (
                f"{name}: only ignored outputs, never skipped cells"
            )
            assert len(lines) > 1 and lines[1].startswith("# ("), (
                f"{name}: give the reason on the next line"
            )


def test_no_lax_nbval_anywhere():
    files = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    flag = "--nbval-" + "lax"  # spelled in two parts so this file does not match itself
    offenders = [
        f for f in files if (ROOT / f).is_file() and flag in (ROOT / f).read_text(errors="ignore")
    ]
    assert offenders == []


def test_the_colab_cell_does_nothing_off_colab():
    for name in NOTEBOOKS:
        colab = next(c for c in read(name).cells if "series-colab" in c.metadata.get("tags", []))
        assert colab.outputs == [], f"{name}: the Colab cell printed something off Colab"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_lesson_fits_one_class(name):
    words = sync_notebooks.lesson_words(read(name))
    assert words <= MAX_LESSON_WORDS, f"{name}: {words} words of lesson prose"


def test_the_series_uses_one_seed_set_in_every_setup():
    seeds = [
        (name, match[1])
        for name in NOTEBOOKS
        for cell in read(name).cells
        if cell.cell_type == "code"
        for match in re.finditer(r"^SEED = (\d+)", text(cell), re.MULTILINE)
    ]
    assert {value for _, value in seeds} == {"11"}, seeds
    assert {name for name, _ in seeds} == set(NOTEBOOKS) - {NOTEBOOKS[-1]}, "every lesson sets SEED"


@pytest.mark.parametrize("name", NOTEBOOKS[:-1])
def test_lessons_leave_the_series_machinery_to_the_appendix(name):
    lesson = "\n".join(
        text(c) for c in read(name).cells if "series-colab" not in c.metadata.get("tags", [])
    )
    for machinery in ["WebAssembly", "wasmtime", "WasmtimeBackend", "metadata={", "dot.body"]:
        assert machinery not in lesson, f"{name} still explains {machinery!r}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_solution_is_hidden_until_asked_for(name):
    cells = read(name).cells
    headings = [
        i for i, c in enumerate(cells) if c.cell_type == "markdown" and text(c).startswith("## ")
    ]
    start = next(i for i in headings if text(cells[i]).startswith("## Solutions"))
    for cell in cells[start + 1 : -1]:
        if cell.cell_type == "markdown":
            assert text(cell).lstrip().startswith("<details>"), f"{name}: {text(cell)[:60]!r}"
            assert text(cell).rstrip().endswith("</details>")
        else:
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True
            assert cell.metadata.get("cellView") == "form"
