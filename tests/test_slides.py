"""`make slides` builds a reveal.js deck per notebook, one slide per section, that works offline.

The decks are built as `make slides` builds them (scripts/build_slides.py);
every script and style sheet they load, and every style sheet those import,
must be a file beside them, not an address on the internet.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from conftest import NOTEBOOKS, ROOT

import build_slides

REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    output = tmp_path_factory.mktemp("slides")
    paths = build_slides.build(output, [ROOT / "notebooks" / name for name in NOTEBOOKS])
    return output, {path.name.removesuffix(".slides.html"): path for path in paths}


def loaded(html):
    """Addresses of what a deck loads: script and style sheet tags, RequireJS modules, imports."""
    found = re.findall(r"<script\b[^>]*\bsrc=[\"']([^\"']+)", html)
    found += re.findall(r"<link\b[^>]*\bhref=[\"']([^\"']+)", html)
    for block in re.findall(r"require\(\s*\{.*?\},\s*\[(.*?)\]", html, re.DOTALL):
        found += re.findall(r"[\"']([^\"']+)[\"']", block)
    found += re.findall(r"\bimport\s+(?:\w+\s+from\s+)?[\"']([^\"']+)", html)
    found += re.findall(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", html)
    return found


def css_imports(path):
    """What a style sheet imports or points to (fonts, images), data: addresses aside."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [
        url
        for url in re.findall(r"url\(\s*[\"']?([^\"')]+)", text)
        + re.findall(r"@import\s+[\"']([^\"']+)", text)
        if not url.startswith("data:")
    ]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_slide_deck_builds_with_a_slide_per_section(name, decks):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    html = decks[1][Path(name).stem].read_text(encoding="utf-8")
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert kinds.count("slide") >= 4, "a title, sections, summary and exercises"
    assert html.count("<section") >= kinds.count("slide") + kinds.count("subslide")
    assert "Reveal.initialize" in html
    first_heading = nb.cells[0].source.splitlines()[0].lstrip("# ")
    assert first_heading in html


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_deck_loads_no_script_or_style_from_the_internet(name, decks):
    output, paths = decks
    html = paths[Path(name).stem].read_text(encoding="utf-8")
    addresses = loaded(html)
    assert {"lib/reveal.js/dist/reveal.js", "lib/requirejs/require.js"} <= set(addresses)
    assert not [a for a in addresses if REMOTE.match(a)], "loads from the internet"
    style_sheets = []
    for address in addresses:
        path = output / urlsplit(address).path
        assert path.is_file(), f"{address} is not beside the deck"
        if path.suffix == ".css":
            style_sheets.append(path)
    while style_sheets:  # and what those style sheets import, recursively
        sheet = style_sheets.pop()
        for url in css_imports(sheet):
            assert not REMOTE.match(url), f"{sheet.name} imports {url}"
            target = (sheet.parent / urlsplit(url).path).resolve()
            if target.suffix == ".css":
                style_sheets.append(target)
            elif target.suffix in {".eot", ".ttf"}:
                continue  # older browsers' font formats, not vendored (WOFF is)
            assert target.is_file(), f"{sheet.name} points to a missing {url}"


def test_the_libraries_come_from_the_vendored_copies_and_the_mathjax_package(decks):
    output, _ = decks
    vendored = ROOT / "vendor" / "slides"
    for path in vendored.rglob("*"):
        if path.is_file() and path.name != "README.md":
            copy = output / "lib" / path.relative_to(vendored)
            assert copy.read_bytes() == path.read_bytes(), path.name
    mathjax = (output / "lib" / "mathjax" / "MathJax.js").read_text(encoding="utf-8")
    assert 'MathJax.version="2.7' in mathjax
    config = build_slides.URLS["mathjax_url"].split("config=")[1].split(",")
    for name in config:
        assert (output / "lib" / "mathjax" / "config" / f"{name}.js").is_file(), name


def test_no_notebook_needs_what_the_offline_template_leaves_out():
    # The offline template drops nbconvert's Mermaid loader: no diagram may need it.
    for name in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        assert not any("```mermaid" in c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_slide_carries_the_teachers_notes_with_its_point_and_a_question(name, decks):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    html = decks[1][Path(name).stem].read_text(encoding="utf-8")
    notes = re.findall(r'<aside class="notes">(.*?)</aside>', html, re.DOTALL)
    slides = [h for c in nb.cells if (h := build_slides.slide_heading(c)) is not None]
    assert len(notes) == len(slides)
    for note in notes:
        assert "Point:" in note and "Ask the class:" in note


def test_notes_out_of_step_with_the_slides_are_refused():
    nb = nbformat.read(ROOT / "notebooks" / NOTEBOOKS[1], as_version=4)
    notes = build_slides.speaker_notes(build_slides.NOTES / f"{Path(NOTEBOOKS[1]).stem}.md")
    stale = {("A renamed " + h if i == 2 else h): text for i, (h, text) in enumerate(notes.items())}
    with pytest.raises(SystemExit, match="out of step"):
        build_slides.with_notes(nb, stale, "01")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_deck_has_no_colab_badge_and_no_links_to_notebooks(name, decks):
    # A deck opens without a connection, and cannot open a notebook.
    html = decks[1][Path(name).stem].read_text(encoding="utf-8")
    slides = html[html.index('<div class="slides">') :]
    assert "colab-badge" not in slides
    assert not re.findall(r"<a\b[^>]*\bhref=[\"'][^\"']*\.ipynb", slides)


def test_decks_fill_a_16_by_10_screen_and_scroll_what_cannot_fit(decks):
    html = next(iter(decks[1].values())).read_text(encoding="utf-8")
    assert re.search(r"width: 1120,\s*height: 700", html)
    assert "var scroll" not in html, "nbconvert's own scrolling replaced by the template's"
    assert 'slide.style.overflowY = "auto"' in html and "if (!true ||" in html


def test_a_figure_gets_a_sub_slide_and_extra_code_is_left_out():
    def code(source, outputs):
        return nbformat.v4.new_code_cell(source, outputs=outputs, id=source.split()[1])

    figure = [nbformat.v4.new_output("display_data", data={"image/png": "iVBOR"})]
    printed = [nbformat.v4.new_output("stream", text="4.36\n")]
    nb = nbformat.v4.new_notebook(
        cells=[
            code("# plot the loss\nplt.plot(losses)", figure),
            code("# extra code – the panels\nfig, ax = plt.subplots()", figure),
            code("# mean label\nprint(y.mean())", printed),
        ]
    )
    cells = build_slides.figures_apart(nb).cells
    assert [c.id for c in cells] == ["plot", "plot-figure", "extra-figure", "mean"]
    assert cells[0].outputs == [] and cells[1].outputs == figure
    for cell in cells[1:3]:
        assert cell.metadata["transient"] == {"remove_source": True}
        assert cell.metadata["slideshow"] == {"slide_type": "subslide"}
    assert cells[3].outputs == printed and "slideshow" not in cells[3].metadata


def test_links_to_notebooks_lead_to_their_decks():
    cell = nbformat.v4.new_markdown_cell(
        "| 01 | [The computation graph](01_computation_graph.ipynb) | "
        '<a href="02_synthetic_data.ipynb">02</a> [Colab](https://x.org/n/03_x.ipynb)'
    )
    linked = build_slides.links_to_decks(nbformat.v4.new_notebook(cells=[cell])).cells[0].source
    assert "](01_computation_graph.slides.html)" in linked
    assert 'href="02_synthetic_data.slides.html"' in linked
    assert "https://x.org/n/03_x.ipynb" in linked
