"""Build the series as a web book that reads offline: `make book`.

    python scripts/build_book.py [OUTPUT_DIR]      # default: _build/book

Writes ``OUTPUT_DIR/html/``: ``index.html`` (the series' table), a page per
notebook with its prose, math, code and stored outputs (nothing is run), a
sidebar with the notebooks in order, previous/next links and a search page.
Every script, style sheet, font and MathJax come from that folder, so it
reads offline (open ``index.html``) and can be copied as it is to any static
web host.

Sphinx (with myst-nb and sphinx-book-theme) builds it, as ``sphinx-build -W``
would: a warning fails the build. Its source folder, ``OUTPUT_DIR/src/``, is made anew each
time from
- ``book/``: Sphinx's settings (``conf.py``) and the book's style sheet;
- ``index.md``: the README's opening paragraphs and the series' table, whose
  toctree is the sidebar;
- a copy of each notebook made for the web (``for_the_web``): the badge above
  it replaced by text links to Colab and to the notebook's file, the Colab
  set-up cell and the navigation at its end left out (the book has its own),
  the solution code collapsed as in JupyterLab, and a widget's output
  replaced by a line saying where its sliders work;
- the notebooks as they are, in ``notebooks/``, for download;
- MathJax 2 from the ``jupyter-server-mathjax`` package, in ``_static/mathjax/``.
The notebooks themselves are never changed.
"""

import copy
import html
import io
import shutil
import sys
import warnings
from pathlib import Path

import nbformat

from build_slides import mathjax_dir
from series import ROOT, notebook_paths
from sync_notebooks import TAG_COLAB, TAG_FOOTER, TAG_HEADER, colab_url, series, tags

BOOK = ROOT / "book"
OUTPUT = ROOT / "_build" / "book"
WIDGET = "application/vnd.jupyter.widget-view+json"
# What the line that stands for a widget says (a widget needs a running kernel).
WIDGET_ELSEWHERE = (
    "The sliders work in a running notebook: <a href='{colab}'>open this notebook in "
    "Colab</a>, or in JupyterLab on your own computer (<code>make lab</code>)."
)


def add_tag(cell, tag):
    cell.metadata["tags"] = [*cell.metadata.get("tags", []), tag]


def widget_elsewhere(output, colab):
    """A widget's output as the book shows it: its text, and where its sliders work."""
    text = output.get("data", {}).get("text/plain", "")
    text = text if isinstance(text, str) else "".join(text)
    line = WIDGET_ELSEWHERE.format(colab=html.escape(colab, quote=True))
    shown = f"<code>{html.escape(text)}</code><br>" if text else ""
    return nbformat.v4.new_output(
        "display_data", data={"text/html": f'<p class="widget-elsewhere">{shown}{line}</p>'}
    )


def for_the_web(nb, name, root=ROOT):
    """A copy of the notebook `name` as the book shows it (see the module's docstring)."""
    nb = copy.deepcopy(nb)
    colab = colab_url(root) + name
    for cell in nb.cells:
        if TAG_HEADER in tags(cell):
            cell.source = (
                f"[Open in Colab]({colab}) · [Download the notebook](path:notebooks/{name})"
            )
        elif TAG_COLAB in tags(cell) or TAG_FOOTER in tags(cell):
            add_tag(cell, "remove-cell")
        if cell.cell_type != "code":
            continue
        if cell.metadata.get("jupyter", {}).get("source_hidden"):
            add_tag(cell, "hide-input")  # a solution: its code collapsed, its output shown
        cell.outputs = [
            widget_elsewhere(output, colab) if WIDGET in output.get("data", {}) else output
            for output in cell.outputs
        ]
    return nb


def readme_opening(root=ROOT):
    """The README up to its first section: the series' title and what it is."""
    text = (root / "README.md").read_text(encoding="utf-8")
    return text.split("\n## ", 1)[0].strip()


def index_source(root=ROOT):
    """The book's first page: the README's opening, the series' table, the sidebar's toctree."""
    notebooks = series(root)
    rows = ["| Notebook | Goal |", "| --- | --- |"]
    rows += [f"| [{n.number} {n.title}]({n.file}) | {n.goal} |" for n in notebooks]
    toctree = "\n".join(Path(n.file).stem for n in notebooks)
    return (
        f"{readme_opening(root)}\n\n"
        "## The notebooks\n\n"
        "Each page shows a notebook as it was last run, with its stored outputs: nothing "
        "runs here. To run one, open it in Colab or download it (the links at the top of "
        "its page); on your own computer, `make lab` opens the series in JupyterLab.\n\n"
        + "\n".join(rows)
        + f"\n\n```{{toctree}}\n:hidden:\n:maxdepth: 1\n\n{toctree}\n```\n"
    )


def write_sources(source, root=ROOT):
    """Make the book's source folder anew (see the module's docstring)."""
    if source.exists():
        shutil.rmtree(source)
    shutil.copytree(BOOK, source)
    (source / "index.md").write_text(index_source(root), encoding="utf-8")
    (source / "notebooks").mkdir()
    for path in notebook_paths(root):
        shutil.copy2(path, source / "notebooks" / path.name)
        nb = for_the_web(nbformat.read(path, as_version=4), path.name, root)
        nbformat.write(nb, source / path.name)
    # MathJax's translations of its menus are left out (2 MB), as in the slide decks.
    shutil.copytree(
        mathjax_dir(),
        source / "_static" / "mathjax",
        ignore=shutil.ignore_patterns("localization"),
    )


def build(output=OUTPUT, root=ROOT):
    """Build the book into ``output/html``; its path. A Sphinx warning is an error.

    Sphinx runs in this process (the tests build the book in theirs, where
    nbformat and the rest are imported already: seconds saved).
    """
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    nocolor()  # plain warnings, for the error message
    output = Path(output)
    source, pages, doctrees = output / "src", output / "html", output / "doctrees"
    write_sources(source, root)
    for folder in (pages, doctrees):
        if folder.exists():
            shutil.rmtree(folder)
    warnings_seen = io.StringIO()
    # As sphinx-build does; the namespace is undone afterwards, so that the tests can
    # build more than one book in one process.
    with patch_docutils(source), docutils_namespace(), warnings.catch_warnings():
        # Python's deprecation warnings from inside Sphinx's extensions are
        # not the book's; Sphinx's own warnings (`warnings_seen`) are.
        warnings.simplefilter("ignore")
        app = Sphinx(
            source,
            source,
            pages,
            doctrees,
            "html",
            status=None,
            warning=warnings_seen,
            freshenv=True,
            warningiserror=True,
        )
        app.build()
    if app.statuscode or warnings_seen.getvalue():
        raise SystemExit(
            f"the book did not build (Sphinx, every warning an error; sources in {source}):\n"
            f"{warnings_seen.getvalue().strip()}"
        )
    return pages


def main(argv):
    output = Path(argv[0]) if argv else OUTPUT
    index = build(output) / "index.html"
    print(index.relative_to(Path.cwd()) if index.is_relative_to(Path.cwd()) else index)


if __name__ == "__main__":
    main(sys.argv[1:])
