"""What the series is, said once: its folders, its notebooks, their parts, its helpers.

The sync script, the slide builder, the benchmark and the tests import this
module; nothing else lists the notebooks, finds the repository's root or
names the helper modules.

- The series is the notebooks ``notebooks/NN_name.ipynb``, in the order of
  their numbers.
- A notebook has three parts: its lesson (everything before ``## Exercises``),
  its exercises, and its solutions (from ``## Solutions`` on).
- The helper modules sit beside the notebooks; Colab fetches them.
- The repository's address (for the Colab badges and fetches) is one setting,
  ``[tool.series]`` in pyproject.toml; ``make sync REPOSITORY=from-git`` takes
  it from the git remote ``origin`` when that is a GitHub address.
"""

import re
import subprocess
import tomllib
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"

# The modules beside the notebooks that they import; Colab fetches each one.
HELPERS = ["linreg.py", "selfcheck.py", "playground.py"]

EXERCISES = "## Exercises"  # a lesson is everything before its exercises
SOLUTIONS = "## Solutions"


def notebook_paths(root=ROOT):
    """The notebooks of the series, in order."""
    return sorted((root / "notebooks").glob(NOTEBOOK_GLOB))


def notebook_names(root=ROOT):
    """The notebooks' file names, in order: ``["00_start_here.ipynb", ...]``."""
    return [path.name for path in notebook_paths(root)]


def read(name, root=ROOT):
    """A notebook of the series, by file name."""
    return nbformat.read(root / "notebooks" / name, as_version=4)


def cell_text(cell):
    """A cell's source as one string (nbformat stores a string or a list of lines)."""
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def part_of_each_cell(nb):
    """Each cell's part: "lesson", "exercises" or "solutions", in the cells' order.

    The part changes at the markdown cells headed ``## Exercises`` and
    ``## Solutions``; the navigation at the very end belongs to no part (None).
    """
    parts, part = [], "lesson"
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = cell_text(cell).lstrip()
            if text.startswith(EXERCISES):
                part = "exercises"
            elif text.startswith(SOLUTIONS):
                part = "solutions"
        footer = "series-footer" in cell["metadata"].get("tags", [])
        parts.append(None if footer else part)
    return parts


def settings(root=ROOT):
    """The ``[tool.series]`` table of pyproject.toml: repository and branch."""
    with open(root / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["series"]


GITHUB_REMOTE = re.compile(r"github\.com[:/]([\w.-]+/[\w.-]+?)(?:\.git)?/?$")


def repository_from_git(root=ROOT):
    """``owner/name`` of the git remote ``origin`` when it is on GitHub, else None."""
    result = subprocess.run(
        ["git", "remote", "get-url", "origin"], cwd=root, capture_output=True, text=True
    )
    match = GITHUB_REMOTE.search(result.stdout.strip()) if result.returncode == 0 else None
    return match[1] if match else None


def set_repository(repository, root=ROOT):
    """Write ``repository = "owner/name"`` into pyproject.toml's ``[tool.series]``."""
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", repository):
        raise SystemExit(f"repository {repository!r} is not of the form owner/name")
    path = root / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    new = re.sub(r'(?m)^repository = ".*"$', f'repository = "{repository}"', text, count=1)
    path.write_text(new, encoding="utf-8")
