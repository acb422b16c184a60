"""The series as a whole: every notebook in step, complete, and stored as a clean run."""

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import sync_notebooks

ROOT = Path(__file__).resolve().parent.parent

NOTEBOOKS = [file for file, _, _ in sync_notebooks.NOTEBOOKS]


def read(name):
    return nbformat.read(ROOT / "notebooks" / name, as_version=4)


def text(cell):
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def test_the_series_lists_exactly_the_notebooks_in_the_folder():
    assert sorted(NOTEBOOKS) == sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


def test_every_notebook_and_the_readme_are_in_step_with_the_sync_script():
    result = subprocess.run(
        [sys.executable, "scripts/sync_notebooks.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_sync_check_fails_when_a_notebook_is_out_of_step(tmp_path):
    nb = read(NOTEBOOKS[1])
    nb.cells[1].source = "a stale badge"
    stale = sync_notebooks.dump(nb)
    fresh = sync_notebooks.dump(sync_notebooks.synced(nb, 1))
    assert stale != fresh and sync_notebooks.REPOSITORY in fresh


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
def test_every_notebook_opens_with_a_colab_badge_to_itself_and_closes_with_navigation(name):
    cells = read(name).cells
    assert f"/blob/{sync_notebooks.BRANCH}/notebooks/{name})" in text(cells[1])
    assert "series-footer" in cells[-1].metadata.tags
    if name != NOTEBOOKS[-1]:
        assert f"]({NOTEBOOKS[NOTEBOOKS.index(name) + 1]})" in text(cells[-1])


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
