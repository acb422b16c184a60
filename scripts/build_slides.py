"""Build a reveal.js slide deck per notebook, that works offline: `make slides`.

    python scripts/build_slides.py [OUTPUT_DIR] [NOTEBOOK ...]

Writes ``slides/NN_name.slides.html`` for every notebook (or those named) and
copies what the decks load into ``slides/lib/``: reveal.js, jQuery and
RequireJS from ``vendor/slides/`` (copies from their npm packages), MathJax 2
from the ``jupyter-server-mathjax`` package. The decks name them by relative
paths, so the ``slides/`` folder can be copied to another computer as it is.

The slides are those the notebook's slide metadata marks (scripts/sync_notebooks.py
writes it: a slide per section, a sub-slide per step), with one change: a figure
is shown on a sub-slide of its own, with its caption, and the code that draws it
stays on the step before; the code of a figure cell marked ``# extra code``
(code learners may skip: only the drawing) is left out of the deck. Links to
notebooks of the series (00's contents) lead to their decks instead.

Each deck carries the teachers' speaker notes of ``teachers/NN_name.md`` (press
``s`` in a deck): one ``## heading`` section per slide, the heading as the
slide's own; a deck whose notes are out of step with its slides is refused.
Sub-slides without a heading of their own carry no notes.
"""

import copy
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from traitlets.config import Config

from series import ROOT, notebook_paths
from sync_notebooks import is_figure

VENDOR = ROOT / "vendor" / "slides"
TEMPLATES = ROOT / "scripts" / "templates"
NOTES = ROOT / "teachers"
EXTRA_CODE = "# extra code"  # the series' mark on code learners may skip

# Where the decks find each library, relative to the deck, and the theme.
LIB = "lib"
URLS = {
    "reveal_url_prefix": f"{LIB}/reveal.js",
    "jquery_url": f"{LIB}/jquery/jquery.min.js",
    "require_js_url": f"{LIB}/requirejs/require.js",
    # jupyter-server-mathjax ships this configuration (HTML-CSS output)
    "mathjax_url": f"{LIB}/mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe",
    # nbconvert's default theme, "simple", loads its fonts from Google; "white"
    # has its font beside it.
    "reveal_theme": "white",
}
# The slide area, in the slides' own pixels, scaled to fit the screen: the
# 700 pixels of nbconvert's default height, at 16:10, a laptop's and many a
# projector's shape (nbconvert's 960 wide leaves a fifth of such a screen
# empty and cuts off lines of code). A slide that is still too tall scrolls.
SLIDE_SIZE = {"reveal_width": "1120", "reveal_height": "700", "reveal_scroll": True}


def mathjax_dir():
    import jupyter_server_mathjax

    return Path(jupyter_server_mathjax.__file__).parent / "static"


def exporter():
    config = Config()
    config.TemplateExporter.extra_template_basedirs = [str(TEMPLATES)]
    config.SlidesExporter.template_name = "reveal-offline"
    for name, value in {**URLS, **SLIDE_SIZE}.items():
        setattr(config.SlidesExporter, name, value)
    return SlidesExporter(config=config)


def copy_libraries(output):
    lib = output / LIB
    shutil.copytree(VENDOR, lib, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    # MathJax's translations of its menus are not needed for the decks (8 MB less).
    shutil.copytree(
        mathjax_dir(),
        lib / "mathjax",
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("localization"),
    )


def slide_heading(cell):
    """The heading text of a cell that starts a slide or sub-slide, else None."""
    kind = cell.metadata.get("slideshow", {}).get("slide_type")
    if cell.cell_type != "markdown" or kind not in {"slide", "subslide"}:
        return None
    first = cell.source.lstrip().split("\n", 1)[0]
    return first.lstrip("#").strip() if first.startswith("#") else None


def speaker_notes(path):
    """{heading: notes} from a notes file: each `## heading` section is one slide's notes."""
    notes, heading = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
            notes[heading] = []
        elif heading is not None:
            notes[heading].append(line)
    return {heading: "\n".join(lines).strip() for heading, lines in notes.items()}


def with_notes(nb, notes, name):
    """The notebook with each slide's notes in a reveal.js `notes` cell after its heading."""
    headings = [h for c in nb.cells if (h := slide_heading(c)) is not None]
    if list(notes) != headings:
        missing = [h for h in headings if h not in notes]
        unknown = [h for h in notes if h not in headings]
        raise SystemExit(
            f"{NOTES.name}/{name}.md is out of step with its notebook's slides: "
            f"no notes for {missing}, notes for no slide {unknown} (or not in the slides' order). "
            "Each slide's heading must head one `## ` section, in order."
        )
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        if (heading := slide_heading(cell)) is not None:
            note = nbformat.v4.new_markdown_cell(notes[heading], id=f"{cell.id}-notes")
            note.metadata["slideshow"] = {"slide_type": "notes"}
            cells.append(note)
    nb.cells = cells
    return nb


def slide_kind(cell):
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def figures_apart(nb):
    """The notebook with each figure's outputs in a cell of their own that starts a sub-slide.

    The code stays where it is, without its outputs (left out if marked
    ``# extra code``); the outputs, without the code, start the next sub-slide.
    """
    cells = []
    for cell in nb.cells:
        if slide_kind(cell) == "skip" or not is_figure(cell):
            cells.append(cell)
            continue
        if not cell.source.lstrip().startswith(EXTRA_CODE):
            code = copy.deepcopy(cell)
            code.outputs = []
            cells.append(code)
        figure = copy.deepcopy(cell)
        figure.id = f"{cell.id}-figure"
        figure.metadata["transient"] = {"remove_source": True}
        figure.metadata["slideshow"] = {"slide_type": "subslide"}
        cells.append(figure)
    nb.cells = cells
    return nb


NOTEBOOK_LINK = re.compile(r"(\]\(|href=[\"'])(\d\d_[\w-]+)\.ipynb")


def links_to_decks(nb):
    """The notebook with its links to notebooks of the series pointing at their decks beside it."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = NOTEBOOK_LINK.sub(r"\1\2.slides.html", cell.source)
    return nb


def build(output, notebooks):
    output.mkdir(parents=True, exist_ok=True)
    copy_libraries(output)
    slides = exporter()
    decks = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        notes = NOTES / f"{path.stem}.md"
        if notes.exists():
            nb = with_notes(nb, speaker_notes(notes), path.stem)
        nb = links_to_decks(figures_apart(nb))
        html, _ = slides.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
        deck = output / f"{path.stem}.slides.html"
        deck.write_text(html, encoding="utf-8")
        decks.append(deck)
    return decks


def main(argv):
    output = Path(argv[0]) if argv else ROOT / "slides"
    notebooks = [Path(p) for p in argv[1:]] or notebook_paths()
    for deck in build(output, notebooks):
        print(deck.relative_to(Path.cwd()) if deck.is_relative_to(Path.cwd()) else deck)


if __name__ == "__main__":
    main(sys.argv[1:])
