"""The sync script writes the shared parts of every notebook from the notebooks themselves."""

import contextlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jupyterlab_rise
import nbformat
import pytest
from conftest import NOTEBOOKS, ROOT, read
from jupyter_client.kernelspec import KernelSpecManager

import series
import sync_notebooks


def sync(root, *flags):
    """Run the sync script on the repository at `root`, as `make sync` does.

    In this process (its `main`, with what it prints captured), not as a new Python: the
    same code and arguments, without a second start-up of nbformat for every call.
    """
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = sync_notebooks.main(["--root", str(root), *flags])
        except SystemExit as stop:  # as the interpreter would report it
            code = stop.code if isinstance(stop.code, int) else 1
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr)
    return subprocess.CompletedProcess(["sync", *flags], code, out.getvalue(), err.getvalue())


@pytest.fixture
def copy(tmp_path):
    """A copy of what the sync script reads and writes."""
    for name in ["notebooks", "figures"]:
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ["README.md", "pyproject.toml", sync_notebooks.LOCK]:
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def edit(path, change):
    nb = json.loads(path.read_text(encoding="utf-8"))
    change(nb)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_every_notebook_and_the_readme_are_in_step():
    # As `make sync` runs it: the script itself, in a new Python.
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "sync_notebooks.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_fails_and_changes_nothing_when_a_notebook_is_out_of_step(copy):
    path = copy / "notebooks" / NOTEBOOKS[3]
    edit(path, lambda nb: nb["cells"][1].update(source="a stale badge"))
    before = path.read_bytes()
    result = sync(copy, "--check")
    assert result.returncode == 1
    assert NOTEBOOKS[3] in result.stdout and "out of step" in result.stdout
    assert path.read_bytes() == before
    assert sync(copy).returncode == 0 and sync(copy, "--check").returncode == 0


def test_titles_and_goals_come_from_each_notebooks_first_cell(copy):
    name = NOTEBOOKS[2]
    title = f"# {name[:2]} · A renamed lesson\n\n*A new goal.*"
    edit(copy / "notebooks" / name, lambda nb: nb["cells"][0].update(source=title))
    assert sync(copy).returncode == 0
    readme = (copy / "README.md").read_text(encoding="utf-8")
    assert f"[{name[:2]} A renamed lesson](notebooks/{name}) | A new goal. |" in readme
    before = read(NOTEBOOKS[1]).cells  # the previous notebook links forward to it
    after = json.loads((copy / "notebooks" / NOTEBOOKS[1]).read_text(encoding="utf-8"))["cells"]
    assert f"[{name[:2]} A renamed lesson →]({name})" in "".join(after[-1]["source"])
    assert len(after) == len(before)


def test_a_new_notebook_joins_the_series_by_being_in_the_folder(copy):
    last = NOTEBOOKS[-1]
    new = f"{int(last[:2]) + 1:02d}_more.ipynb"
    shutil.copy(copy / "notebooks" / last, copy / "notebooks" / new)
    title = f"# {new[:2]} · More\n\n*Even more.*"
    edit(copy / "notebooks" / new, lambda nb: nb["cells"][0].update(source=title))
    assert sync(copy).returncode == 0
    footer = json.loads((copy / "notebooks" / last).read_text(encoding="utf-8"))["cells"][-1]
    assert f"({new})" in "".join(footer["source"])


def test_a_notebook_without_a_title_cell_is_refused_with_the_expected_form(copy):
    edit(copy / "notebooks" / NOTEBOOKS[1], lambda nb: nb["cells"][0].update(source="Hello"))
    result = sync(copy)
    assert result.returncode != 0 and "the first cell must be" in result.stderr


def test_inserting_a_cell_keeps_every_other_cells_id(copy):
    path = copy / "notebooks" / NOTEBOOKS[5]
    ids = [c["id"] for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]
    cell = {"cell_type": "markdown", "id": "inserted", "metadata": {}, "source": "A new remark."}
    edit(path, lambda nb: nb["cells"].insert(4, cell))
    assert sync(copy).returncode == 0
    after = [c["id"] for c in json.loads(path.read_text(encoding="utf-8"))["cells"]]
    assert after == ids[:4] + ["inserted"] + ids[4:]


def test_the_contents_list_every_notebook_with_its_lesson_length():
    notebooks = sync_notebooks.series(ROOT)
    contents = sync_notebooks.contents_source(notebooks)
    for n in notebooks:
        assert f"| {n.number} | [{n.title}]({n.file}) | {n.goal} | {n.words:,} |" in contents


def test_colab_installs_exactly_the_locked_versions_and_fetches_every_helper():
    colab = sync_notebooks.colab_source(ROOT)
    locked = sync_notebooks.locked_versions(ROOT)
    for group in sync_notebooks.COLAB_INSTALLS:
        for name in group:
            assert f"{name}=={locked[name]}" in colab
    assert all(f'"{helper}"' in colab for helper in series.HELPERS)


def test_the_repository_is_one_setting_that_a_fork_can_change(copy):
    assert sync(copy, "--repository", "someone/fork").returncode == 0
    assert 'repository = "someone/fork"' in (copy / "pyproject.toml").read_text()
    for name in NOTEBOOKS:
        nb = json.loads((copy / "notebooks" / name).read_text(encoding="utf-8"))
        header = "".join(nb["cells"][1]["source"])
        assert f"colab.research.google.com/github/someone/fork/blob/main/notebooks/{name}" in header
    assert (
        "githubusercontent.com/someone/fork/main/"
        in (copy / "notebooks" / NOTEBOOKS[0]).read_text()
    )
    assert sync(copy, "--check").returncode == 0


def test_a_repository_not_of_the_form_owner_name_is_refused(copy):
    result = sync(copy, "--repository", "not a repository")
    assert result.returncode != 0 and "owner/name" in result.stderr


def lesson(*cells):
    """A notebook of `(kind, source[, outputs])` cells, as the sync script reads one."""
    made = []
    for number, (kind, source, *outputs) in enumerate(cells):
        cell = {"cell_type": kind, "id": f"c{number}", "metadata": {}, "source": source}
        if kind == "code":
            cell.update(execution_count=None, outputs=outputs[0] if outputs else [])
        made.append(cell)
    return nbformat.from_dict({"cells": made, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def slide_types(nb):
    kinds, shown = [], []
    for cell in nb.cells:
        kind = sync_notebooks.slide_type(cell, shown, in_solutions=False)
        kinds.append(kind)
        if kind != "skip":
            shown.append((cell, kind))
    return kinds


FIGURE = [{"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBOR"}}]
PRINTED = [{"output_type": "stream", "name": "stdout", "text": "4.36\n"}]


def test_a_section_is_split_into_a_sub_slide_per_step():
    nb = lesson(
        ("markdown", "## A section\n\nWhat we do first."),
        ("code", "x = 1", PRINTED),
        ("markdown", "Then the next step."),  # prose after code: a new step
        ("code", "y = 2"),
        ("code", "z = 3"),  # code after code: a sub-slide of its own
        ("markdown", "### A sub-section"),
        ("markdown", "Its prose stays with its heading."),
        ("code", "w = 4"),
    )
    assert slide_types(nb) == ["slide", "-", "subslide", "-", "subslide", "subslide", "-", "-"]


def test_a_figure_keeps_its_caption_and_what_follows_moves_on():
    long_reading = "The figure, read at length. " * 30  # more than a caption
    nb = lesson(
        ("markdown", "## Figures\n\nDraw it:"),
        ("code", "plt.plot(x)", FIGURE),
        ("markdown", "The line falls: the loss shrinks."),  # its caption
        ("code", "print(x)"),  # after the caption: a new sub-slide
        ("code", "plt.plot(y)", FIGURE),
        ("markdown", long_reading),  # too long for a caption: a step of its own
    )
    assert slide_types(nb) == ["slide", "-", "-", "subslide", "subslide", "subslide"]
    assert sync_notebooks.is_figure(nb.cells[1]) and not sync_notebooks.is_figure(nb.cells[3])


def test_code_after_prose_too_long_to_share_a_slide_starts_a_sub_slide():
    prose = "A long explanation, one line of a hundred characters of prose or so, as here. " * 25
    nb = lesson(("markdown", "## Long"), ("markdown", prose), ("code", "\n".join(["x = 1"] * 12)))
    assert slide_types(nb) == ["slide", "-", "subslide"]
    short = lesson(("markdown", "## Short"), ("markdown", "One line."), ("code", "x = 1"))
    assert slide_types(short) == ["slide", "-", "-"]


def test_the_badge_and_the_navigation_are_left_out_of_the_slides():
    # The badge is a request to the internet; the links point at .ipynb files.
    notebooks = sync_notebooks.series(ROOT)
    nb = sync_notebooks.synced(read(NOTEBOOKS[1]), notebooks, 1, ROOT)
    managed = [
        c for c in nb["cells"] if {"series-header", "series-footer"} & sync_notebooks.tags(c)
    ]
    assert len(managed) == 2
    assert all(c["metadata"]["slideshow"] == {"slide_type": "skip"} for c in managed)


def test_the_notebook_metadata_is_what_jupyterlab_writes_and_live_slides_scroll():
    spec = KernelSpecManager().get_kernel_spec("python3")
    # JupyterLab saves the kernelspec of the kernel it runs: its name, display name, language.
    assert sync_notebooks.KERNELSPEC == {
        "display_name": spec.display_name,
        "language": spec.language,
        "name": "python3",
    }
    nb = sync_notebooks.synced(read(NOTEBOOKS[1]), sync_notebooks.series(ROOT), 1, ROOT)
    assert nb["metadata"]["kernelspec"] == sync_notebooks.KERNELSPEC
    assert nb["metadata"]["rise"] == {"scroll": True}


def test_jupyterlab_rise_reads_its_scroll_setting_from_the_notebook():
    rise = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "jupyterlab-rise"
    schema = json.loads((rise / "schemas" / "jupyterlab-rise" / "plugin.json").read_text())
    assert schema["properties"]["scroll"]["type"] == "boolean"
    # RISE's page (served by its server extension) merges the notebook's
    # "rise" metadata over the settings.
    bundles = (Path(jupyterlab_rise.__file__).parent / "static").glob("*.bundle.js")
    assert any('getMetadata("rise")' in bundle.read_text(errors="replace") for bundle in bundles)
