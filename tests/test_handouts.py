"""Student handouts (`make handouts`, scripts/handouts.py): the lesson as it is, no solutions.

The cheap tests read every notebook's handout. Running a handout takes a kernel and the
lesson's time, so by default only the fastest notebook with coding exercises runs
(``RUN``); ``HANDOUTS_ALL_NOTEBOOKS=1`` runs every one (several minutes).
"""

import ast
import os
import re
import shutil

import handouts
import nbformat
import pytest
from nbclient import NotebookClient

from series import HELPERS, ROOT, cell_text, notebook_names, part_of_each_cell, read

NOTEBOOKS = notebook_names()
ALL = os.environ.get("HANDOUTS_ALL_NOTEBOOKS") == "1"
RUN = NOTEBOOKS if ALL else ["03_dataloader_batching.ipynb"]  # 2 self-checks, ~5 s
SHORTEST_SOLUTION_LINE = 12  # shorter lines (`</details>`, `x.grad`, `plt.show()`) say nothing
IMPORT = re.compile(r"(import|from) [\w.]+( import [\w, ]+)?$")


def solution_lines(nb):
    """The lines of a notebook's solutions that would give something away.

    Left out: short lines, imports, lines the lesson or the exercises also hold, and a
    self-check call whose arguments are all names (the exercise's statement names the call).
    """
    parts = part_of_each_cell(nb)
    others = {
        line.strip()
        for cell, part in zip(nb.cells, parts, strict=True)
        if part != "solutions"
        for line in cell_text(cell).splitlines()
    }
    lines = set()
    for cell, part in zip(nb.cells, parts, strict=True):
        if part != "solutions":
            continue
        for line in cell_text(cell).splitlines():
            line = line.strip()
            if len(line) >= SHORTEST_SOLUTION_LINE and line not in others:
                if not names_only_self_check(line) and not IMPORT.match(line):
                    lines.add(line)
    return lines


def names_only_self_check(line):
    """Whether a line is ``selfcheck.name(a, b, keyword=...)``, its positional arguments names."""
    try:
        node = ast.parse(line, mode="eval").body
    except SyntaxError:
        return False
    return (
        isinstance(node, ast.Call)
        and ast.unparse(node.func).startswith("selfcheck.")
        and all(isinstance(a, ast.Name) for a in node.args)
    )


def everything_in(nb):
    """Every line of a notebook, sources and outputs, stripped."""
    texts = []
    for cell in nb.cells:
        texts.append(cell_text(cell))
        for output in cell.get("outputs", []):
            texts.append(output.get("text", ""))
            texts += [str(v) for v in output.get("data", {}).values()]
    return {line.strip() for text in texts for line in text.splitlines()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return handouts.build_handouts(tmp_path_factory.mktemp("handouts") / "handouts")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_handout_holds_a_line_of_any_solution_prose_code_or_output(built, name):
    handout, source = nbformat.read(built / name, as_version=4), read(name)
    assert solution_lines(source) <= everything_in(source), "the guard sees the solutions"
    leaked = solution_lines(source) & everything_in(handout)
    assert not leaked, f"{name}: the handout shows solution lines: {sorted(leaked)[:5]}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_handout_keeps_the_lessons_cells_and_outputs_and_only_the_badge_changes(built, name):
    source, handout = read(name), nbformat.read(built / name, as_version=4)
    kept = [
        c for c, p in zip(source.cells, part_of_each_cell(source), strict=True) if p != "solutions"
    ]
    by_id = {cell.id: cell for cell in handout.cells}
    for cell in kept:
        got = by_id[cell.id]
        if "series-header" in cell.metadata.get("tags", []):
            assert "/blob/main/handouts/" + name in cell_text(got)
            assert cell_text(got).replace("/handouts/", "/notebooks/") == cell_text(cell)
        else:
            assert got == cell, f"{name}: cell {cell.id} changed in the handout"
    ids = [cell.id for cell in handout.cells]
    assert [i for i in ids if i in {c.id for c in kept}] == [c.id for c in kept], "same order"
    assert handout.cells[-1] == source.cells[-1], "the navigation closes the handout"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_coding_exercise_gets_an_empty_answer_cell_then_its_self_checks(built, name):
    handout = nbformat.read(built / name, as_version=4)
    cells = {cell.id: cell for cell in handout.cells}
    for exercise in handouts.exercises(read(name)):
        n = exercise.number
        assert f"exercise-{n}" in cells, f"{name}: exercise {n} has no place for its answer"
        if not exercise.checks:
            continue
        answer = cell_text(cells[f"exercise-{n}-answer"]).splitlines()
        names = [name for name, _ in exercise.placeholders()]
        assert answer[1:] == [f"{name} = None" for name in names] + [handouts.CODE_STUB]
        for k, solution_call in enumerate(exercise.checks, 1):
            call = cell_text(cells[f"exercise-{n}-check-{k}"]).splitlines()[-1]
            assert call.split("(")[0] == solution_call.split("(")[0]
            assert names_only_self_check(call), f"{name}: {call} passes the solution's literal"


def test_a_literal_answer_becomes_a_name_the_student_sets():
    # 08, exercise 2: the solution calls selfcheck.gd_steps(75); 75 is the answer.
    (exercise,) = [e for e in handouts.exercises(read(NOTEBOOKS[8])) if e.number == 2]
    assert exercise.checks == ["selfcheck.gd_steps(75)"]
    assert exercise.handout_checks() == ["selfcheck.gd_steps(k)"]
    assert exercise.placeholders() == [("k", "75")]


def test_the_build_is_deterministic_two_runs_write_the_same_bytes(built, tmp_path):
    def files(folder):
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    first = files(built)  # the module's build, and a second one
    again = files(handouts.build_handouts(tmp_path / "again"))
    assert first == again
    assert sorted(map(str, first)) == sorted(NOTEBOOKS + HELPERS)
    course = [files(handouts.build_course(tmp_path / f"course-{k}")) for k in (1, 2)]
    assert course[0] == course[1]


def test_a_file_in_notebooks_that_is_not_a_notebook_is_named_and_the_old_handouts_stay(
    tmp_path,
):
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=lambda *_: ["figures"])
    shutil.copy(ROOT / "pyproject.toml", root)
    out = handouts.build_handouts(tmp_path / "handouts", root=root)
    (root / "notebooks" / "10_broken.ipynb").write_text("{ not json", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"10_broken\.ipynb: not a readable notebook"):
        handouts.build_handouts(out, root=root)
    assert sorted(p.name for p in out.glob("*.ipynb")) == NOTEBOOKS


# Running a handout ------------------------------------------------------------------------

ADDRESS = re.compile(r"0x[0-9a-fA-F]+")  # as tests/sanitize.cfg
WIDGET = "application/vnd.jupyter.widget-view+json"


FIGURE_BYTES = re.compile(r"data:image/(png|svg\+xml);base64,[A-Za-z0-9+/=]+")


def comparable(outputs):
    """Outputs as nbval compares them: each stream in one piece, as the stored ones are kept
    (``make notebooks`` coalesces them), memory addresses masked, widget ids, counts and
    metadata left out.
    """
    shown, streams = [], {}
    for output in outputs:
        if output["output_type"] == "stream":
            if output["name"] not in streams:
                streams[output["name"]] = len(shown)
                shown.append((output["name"], ""))
            at = streams[output["name"]]
            shown[at] = (output["name"], shown[at][1] + ADDRESS.sub("0xADDRESS", output["text"]))
        elif "data" in output:
            data = {  # as nbval and tests/sanitize.cfg leave them: no PNG bytes, no widget ids
                kind: FIGURE_BYTES.sub("data:image/FIGURE", ADDRESS.sub("0xADDRESS", str(value)))
                for kind, value in output["data"].items()
                if kind not in {WIDGET, "image/png"}
            }
            shown.append(("data", data))
        else:
            shown.append((output["output_type"], output.get("ename")))
    return shown


@pytest.mark.parametrize("name", RUN)
def test_a_handout_runs_top_to_bottom_with_empty_answers_each_check_saying_not_yet(
    built, name, tmp_path
):
    for file in [name, *HELPERS]:
        shutil.copy(built / file, tmp_path)
    stored = nbformat.read(tmp_path / name, as_version=4)
    ran = nbformat.read(tmp_path / name, as_version=4)
    NotebookClient(ran, timeout=600, resources={"metadata": {"path": str(tmp_path)}}).execute()
    checks = 0
    for before, after in zip(stored.cells, ran.cells, strict=True):
        if after.cell_type != "code":
            continue
        if "-check-" in after.id:
            checks += 1
            said = "".join(o.get("text", "") for o in after.outputs)
            assert said.startswith("Not yet: "), f"{name}, {after.id} says {said!r}"
        elif not cell_text(before).startswith("# NBVAL_IGNORE_OUTPUT"):
            assert comparable(after.outputs) == comparable(before.outputs), (
                f"{name}: cell {before.id} gives other outputs than the stored ones"
            )
    assert checks == sum(len(e.checks) for e in handouts.exercises(read(name))) > 0
