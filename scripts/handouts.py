"""Student handouts and an nbgrader course, generated from the series' notebooks.

    python scripts/handouts.py handouts [FOLDER]   # default handouts/
    python scripts/handouts.py course [FOLDER]     # default course/

The notebooks stay the one source; both folders are generated (and not committed).

- A **handout** is a notebook with every solution gone, its prose and its code: the lesson
  and the exercises' statements are the notebook's own cells with their stored outputs, the
  Colab badge opens the handout, and ``## Solutions`` becomes ``## Your answers``: for each
  coding exercise with a self-check, an answer cell and the check below it. The answer cell
  binds the names the check reads to None (``grad_b = None``), so a handout runs top to
  bottom with its answers empty and every check says "Not yet"; a literal the solution
  passes (``selfcheck.gd_steps(75)``) becomes a name of its own (``k = None``), named after
  the check's parameter. Other exercises get an empty cell to work in.
- The **course** is an nbgrader course folder: ``nbgrader_config.py`` and
  ``source/<notebook>/<notebook>.ipynb`` beside the helper modules. Its notebooks are the
  handouts with nbgrader's cell metadata: lesson cells read-only, each answer cell a
  solution cell (the worked solution between ``### BEGIN SOLUTION`` and
  ``### END SOLUTION``), each self-check an autograded test cell worth one point that
  fails when the check says "Not yet". Prose exercises are not graded (the worked answers
  are prose for the class to discuss; a teacher who wants them graded adds a manually
  graded cell in the formgrader).
- Exercises are found by their solutions: a ``<details>`` block whose summary names
  ``Exercise N``, or a code cell whose first comment line is ``# Solution to exercise N``;
  other solution cells belong to the exercise before them. An exercise's answer is its
  solution code up to its last self-check call, the calls taken out.
"""

import ast
import inspect
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from series import HELPERS, ROOT, cell_text, notebook_paths, part_of_each_cell, settings

ANSWERS_HEADING = "## Your answers"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
# nbgrader's stub for a cleared solution: no `raise NotImplementedError()`, so that a
# release, like a handout, runs to the end with its answers empty.
CODE_STUB = "# YOUR CODE HERE"
COURSE_ID = "linreg-pytorch"

EXERCISE_IN_DETAILS = re.compile(r"<summary><b>Exercise (\d+)</b>")
EXERCISE_IN_CODE = re.compile(r"^# Solution to exercise (\d+)\b", re.MULTILINE)

NBGRADER_CONFIG = f'''\
"""nbgrader's settings for the course that `make course` generates (scripts/handouts.py)."""

c = get_config()  # noqa: F821 (nbgrader defines it)
c.CourseDirectory.course_id = "{COURSE_ID}"
# A cleared answer is a comment only, so a release runs to the end with its answers empty.
c.ClearSolutions.code_stub = {{"python": "{CODE_STUB}"}}
# Keep the lesson's stored outputs (figures, printed numbers) in the release.
c.ClearOutput.enabled = False
# Some lesson cells train for several seconds; nbgrader's default is 30 s a cell.
c.Execute.timeout = 600
'''


class NotASeriesNotebook(SystemExit):
    """A notebook that this script cannot read as the series lays notebooks out."""


@dataclass
class Exercise:
    """One exercise of a notebook, as its solutions show it."""

    number: int
    code: list = field(default_factory=list)  # the solution's code cells, in order
    checks: list = field(default_factory=list)  # its self-check calls, as source text

    @property
    def answer(self):
        """The worked solution up to the last self-check, the checks taken out (source text)."""
        last = max(i for i, source in enumerate(self.code) if self_checks(source))
        kept = [without_self_checks(source) for source in self.code[: last + 1]]
        return "\n\n".join(source for source in kept if source.strip())

    def placeholders(self):
        """``(name, value)`` for each name the checks read that the answer binds.

        A literal the solution passes gets the name of the check's parameter; its value
        is the literal, for the worked solution.
        """
        bound = bound_names(self.answer)
        names = {}
        for call in (parse_call(check) for check in self.checks):
            parameters = check_parameters(call)
            for position, argument in enumerate(call.args):
                if isinstance(argument, ast.Name) and argument.id in bound:
                    names.setdefault(argument.id, None)
                elif isinstance(argument, ast.Constant):
                    names.setdefault(parameters[position], ast.unparse(argument))
        return list(names.items())

    def handout_checks(self):
        """The self-check calls with each passed literal replaced by its name."""
        calls = []
        for check in self.checks:
            call = parse_call(check)
            if not any(isinstance(a, ast.Constant) for a in call.args):
                calls.append(check)  # as the solution writes it
                continue
            parameters = check_parameters(call)
            call.args = [
                ast.Name(parameters[i]) if isinstance(a, ast.Constant) else a
                for i, a in enumerate(call.args)
            ]
            calls.append(ast.unparse(call))
        return calls


def parse_call(source):
    return ast.parse(source, mode="eval").body


def check_parameters(call):
    """The parameter names of the ``selfcheck`` function a call calls."""
    sys.path.insert(0, str(ROOT / "notebooks"))
    try:
        import selfcheck
    finally:
        sys.path.pop(0)
    function = getattr(selfcheck, call.func.attr, None)
    if function is None:
        raise NotASeriesNotebook(f"selfcheck has no check {call.func.attr!r}")
    return list(inspect.signature(function).parameters)


def is_self_check(node):
    """Whether a statement is a call ``selfcheck.name(...)``, its value unused."""
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and isinstance(node.value.func.value, ast.Name)
        and node.value.func.value.id == "selfcheck"
    )


def self_checks(source):
    """The self-check calls among a cell's statements, as source text."""
    tree = ast.parse(source)
    return [ast.get_source_segment(source, n.value) for n in tree.body if is_self_check(n)]


def without_self_checks(source):
    """A cell's source without its self-check statements (and a blank line they leave)."""
    lines = source.splitlines()
    for node in reversed(ast.parse(source).body):
        if is_self_check(node):
            del lines[node.lineno - 1 : node.end_lineno]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def bound_names(source):
    """The names a piece of code binds: assigned, defined, imported or looped over."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
    return names


def exercises(nb, name="the notebook"):
    """The exercises of a notebook, by number, from its solutions' cells."""
    found, current = {}, None
    for cell, part in zip(nb["cells"], part_of_each_cell(nb), strict=True):
        if part != "solutions":
            continue
        text = cell_text(cell)
        match = EXERCISE_IN_DETAILS if cell["cell_type"] == "markdown" else EXERCISE_IN_CODE
        match = match.search(text)
        if match:
            current = found.setdefault(int(match[1]), Exercise(int(match[1])))
        if cell["cell_type"] == "code":
            if current is None:
                raise NotASeriesNotebook(
                    f"{name}: a solution code cell before any exercise's solution; "
                    "open it with '# Solution to exercise N'"
                )
            try:
                current.checks += self_checks(text)
            except SyntaxError as error:
                raise NotASeriesNotebook(
                    f"{name}: a solution cell is not Python: {error}"
                ) from None
            current.code.append(text)
    return [found[number] for number in sorted(found)]


def colab_handout_url(root=ROOT):
    where = settings(root)
    return f"https://colab.research.google.com/github/{where['repository']}/blob/{where['branch']}/handouts/"


def new_cell(kind, source, cell_id):
    cell = (nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell)(source)
    cell["id"] = cell_id
    cell["metadata"] = {"slideshow": {"slide_type": "skip"}}
    return cell


def answer_cells(exercise):
    """The cells that take an exercise's solution's place: ``(role, cell)`` pairs.

    ``role`` is "heading", "answer" (its source holds the worked solution between nbgrader's
    markers), "check" or "work" (an empty cell for an exercise without a self-check).
    """
    n = exercise.number
    if not exercise.checks:
        return [
            ("heading", new_cell("markdown", f"**Exercise {n}**", f"exercise-{n}")),
            ("work", new_cell("code", "", f"exercise-{n}-work")),
        ]
    names = ", ".join(name for name, _ in exercise.placeholders())
    lines = [f"# Exercise {n}: your answer; the check below reads {names}"]
    lines += [f"{name} = None" for name, _ in exercise.placeholders()]
    solution = exercise.answer
    for name, literal in exercise.placeholders():
        if literal is not None:
            solution += f"\n{name} = {literal}"
    lines += [BEGIN, solution, END]
    cells = [
        ("heading", new_cell("markdown", f"**Exercise {n}**", f"exercise-{n}")),
        ("answer", new_cell("code", "\n".join(lines), f"exercise-{n}-answer")),
    ]
    for k, call in enumerate(exercise.handout_checks(), 1):
        source = f"# Exercise {n}: the self-check\n{call}"
        cells.append(("check", new_cell("code", source, f"exercise-{n}-check-{k}")))
    return cells


def strip_solution(source):
    """An answer cell as a student gets it: the worked solution between the markers gone."""
    start, end = source.index(BEGIN), source.index(END) + len(END)
    return source[:start] + CODE_STUB + source[end:]


def student_cells(nb, name, root=ROOT):
    """The notebook's cells for a student, ``(role, cell)`` pairs, solutions kept as markers.

    Roles: "lesson" (a cell of the lesson or of the exercises' statements, unchanged but
    for the badge), "footer", "setup" (``import selfcheck``, before the answers), and
    those of :func:`answer_cells`.
    """
    try:
        parts = part_of_each_cell(nb)
        found = exercises(nb, name)
    except (KeyError, TypeError) as error:
        raise NotASeriesNotebook(f"{name}: not a notebook of the series ({error!r})") from None
    if "solutions" not in parts:
        raise NotASeriesNotebook(f"{name}: no '## Solutions' cell; every notebook ends with one")
    old_badge = (
        f"https://colab.research.google.com/github/{settings(root)['repository']}"
        f"/blob/{settings(root)['branch']}/notebooks/{name}"
    )
    cells, heading_done = [], False
    for cell, part in zip(nb["cells"], parts, strict=True):
        cell = nbformat.from_dict(cell)
        if part == "solutions":
            if not heading_done:
                heading = new_cell(
                    "markdown",
                    f"{ANSWERS_HEADING}\n\nWrite each answer in the cell under its exercise's "
                    "number; where a self-check follows, run it to see whether your answer is "
                    "right.",
                    "your-answers",
                )
                cells.append(("heading", heading))
                if any(e.checks for e in found):  # the lesson may not import it
                    setup = new_cell("code", "import selfcheck", "import-selfcheck")
                    cells.append(("setup", setup))
                for exercise in found:
                    cells += answer_cells(exercise)
                heading_done = True
            continue
        if "series-header" in cell["metadata"].get("tags", []):
            cell["source"] = cell_text(cell).replace(old_badge, colab_handout_url(root) + name)
        cells.append(("footer" if part is None else "lesson", cell))
    return cells


def handout(nb, name, root=ROOT):
    """A student's notebook: the lesson and exercises as they are, empty answers, no solutions."""
    out = nbformat.from_dict({**nb, "cells": []})
    for role, cell in student_cells(nb, name, root):
        if role == "answer":
            cell["source"] = strip_solution(cell["source"])
        out["cells"].append(cell)
    return out


def nbgrader_metadata(role, cell, points=1):
    meta = {
        "grade": role == "check",
        "grade_id": cell["id"],
        "locked": role != "answer",
        "schema_version": 3,
        "solution": role == "answer",
        "task": False,
    }
    if role == "check":
        meta["points"] = points
    return meta


def course_notebook(nb, name, root=ROOT):
    """The nbgrader source notebook: the handout's cells with nbgrader's metadata."""
    out = nbformat.from_dict({**nb, "cells": []})
    for role, cell in student_cells(nb, name, root):
        if role == "check":
            # The call below the cell's comment, on one line however it was wrapped.
            call = ast.unparse(parse_call("\n".join(cell_text(cell).splitlines()[1:])))
            cell["source"] = (
                f"# Exercise {cell['id'].split('-')[1]}: the self-check, worth 1 point\n"
                f'assert {call}, "the self-check says Not yet"'
            )
        if role != "work":  # a cell to work in is the student's, not nbgrader's
            cell["metadata"]["nbgrader"] = nbgrader_metadata(role, cell)
        out["cells"].append(cell)
    return out


def read_notebook(path):
    """A notebook file, or a clear error naming it."""
    try:
        return nbformat.read(path, as_version=4)
    except Exception as error:  # nbformat raises several kinds for a broken file
        raise NotASeriesNotebook(
            f"{path}: not a readable notebook ({type(error).__name__}: {error}); "
            "restore it with git, or remove it from notebooks/"
        ) from None


def fresh_folder(folder):
    """Empty ``folder`` for a new build; refuse one that holds anything but a build's files."""
    folder = Path(folder).resolve()
    if folder.exists():
        strays = [  # a build holds notebooks, helper modules and (course/source/) NN_name/
            p.name
            for p in folder.iterdir()
            if not (
                p.suffix in {".ipynb", ".py"} or (p.is_dir() and re.fullmatch(r"\d\d_\w+", p.name))
            )
        ]
        if folder in {ROOT, ROOT / "notebooks"} or strays:
            raise SystemExit(
                f"{folder} is not a folder of handouts (it holds {', '.join(strays) or 'the series'}); "
                "name a new folder, e.g. handouts/"
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def write(nb, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(nb)
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        nbformat.write(nb, file)


def copy_helpers(folder, root=ROOT):
    for helper in HELPERS:
        shutil.copyfile(root / "notebooks" / helper, folder / helper)


def build_handouts(folder, root=ROOT):
    """Write a handout of every notebook, and the helper modules, into ``folder``."""
    folder = Path(folder)
    notebooks = [(path, read_notebook(path)) for path in notebook_paths(root)]
    fresh_folder(folder)
    for path, nb in notebooks:
        write(handout(nb, path.name, root), folder / path.name)
    copy_helpers(folder, root)
    return folder


def build_course(folder, root=ROOT):
    """Write the nbgrader course: its config and an assignment per notebook in ``source/``.

    Only ``source/`` and ``nbgrader_config.py`` are rewritten: what nbgrader keeps beside
    them (the gradebook, the releases, the submissions and their grades) is left alone.
    """
    folder = Path(folder)
    notebooks = [(path, read_notebook(path)) for path in notebook_paths(root)]
    fresh_folder(folder / "source")
    (folder / "nbgrader_config.py").write_text(NBGRADER_CONFIG, encoding="utf-8")
    for path, nb in notebooks:
        assignment = folder / "source" / path.stem
        write(course_notebook(nb, path.name, root), assignment / path.name)
        copy_helpers(assignment, root)
    return folder


def main(argv):
    builders = {"handouts": build_handouts, "course": build_course}
    if len(argv) not in (1, 2) or argv[0] not in builders:
        raise SystemExit("usage: python scripts/handouts.py handouts|course [FOLDER]")
    what = argv[0]
    folder = builders[what](Path(argv[1]) if len(argv) == 2 else ROOT / what)
    print(f"{what}: {folder}")


if __name__ == "__main__":
    main(sys.argv[1:])
