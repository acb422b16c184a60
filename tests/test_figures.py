"""Every figure says what it shows: alt text on every image output, a title and desc in every SVG.

A notebook shows its figures with `linreg.show(fig, alt)`, which stores each
as an `<img alt="...">` tag (what JupyterLab, nbconvert's pages and slides and
the web book display, and where a screen reader reads the description), as
the image itself and as the description alone. A figure shown any other way
(`plt.show()`, `SVG(...)`, a bare `fig`) arrives without a description, and
the test below names its notebook and cell.
"""

import re

import nbformat
import pytest
from conftest import NOTEBOOKS, ROOT, read

IMAGES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml")
IMG_TAG = re.compile(r"<img\b[^>]*>")
ALT = re.compile(r'\balt="([^"]*)"')


def undescribed(nb):
    """The cells of a notebook that show an image without a description, as 'cell N (id)'."""
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            html = "".join(data.get("text/html", ""))
            tags = IMG_TAG.findall(html)
            described = [ALT.search(tag) for tag in tags]
            bare_image = any(kind in data for kind in IMAGES) and not tags
            missing_alt = not all(match and match[1].strip() for match in described)
            inline_svg = "<svg" in html and "aria-label" not in html
            if bare_image or missing_alt or inline_svg:
                found.append(f"cell {index} ({cell.get('id')})")
    return found


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_figure_a_notebook_shows_has_a_description(name):
    cells = undescribed(read(name))
    assert not cells, (
        f"{name}: {', '.join(cells)} show a figure without alt text; end the cell with "
        "linreg.show(fig, alt), alt a sentence saying what the figure shows"
    )


def test_the_notebooks_store_their_figures_with_descriptions_not_none_at_all():
    shown = sum(
        "text/html" in output.get("data", {}) and any(k in output["data"] for k in IMAGES)
        for name in NOTEBOOKS
        for cell in read(name).cells
        for output in cell.get("outputs", [])
    )
    assert shown >= 25, "fewer figures than the series shows: are the outputs stored?"


def test_a_figure_without_a_description_is_named_by_its_cell():
    figure = {"image/png": "iVBOR", "text/plain": "<Figure size 640x480 with 1 Axes>"}
    no_alt = {"text/html": '<img src="data:image/png;base64,iVBOR">', "image/png": "iVBOR"}
    empty_alt = {"text/html": '<img src="data:image/png;base64,iVBOR" alt=" ">'}
    described = {"text/html": '<img src="x.png" alt="A line">', "image/png": "iVBOR"}
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                id=f"c{i}", outputs=[nbformat.v4.new_output("display_data", data=data)]
            )
            for i, data in enumerate([figure, no_alt, empty_alt, described])
        ]
        + [nbformat.v4.new_code_cell(id="svg", outputs=[])]
    )
    nb.cells[4].outputs = [nbformat.v4.new_output("execute_result", data={"text/html": "<svg/>"})]
    assert undescribed(nb) == ["cell 0 (c0)", "cell 1 (c1)", "cell 2 (c2)", "cell 4 (svg)"]


@pytest.mark.parametrize("path", sorted((ROOT / "figures").glob("*.svg")), ids=lambda p: p.name)
def test_every_saved_graph_has_a_title_and_a_description(path):
    svg = path.read_text(encoding="utf-8")
    opening = re.search(r"<svg\b[^>]*>\s*", svg)
    after = svg[opening.end() :]
    described = re.match(r"<title>([^<]+)</title>\s*<desc>([^<]+)</desc>", after)
    assert described, (
        f"{path.name}: no <title> and <desc>: save it with linreg.save_graph(dot, name, alt)"
    )
    title, desc = described.groups()
    assert title.strip() and len(desc) > len("Edges: ."), f"{path.name}: empty title or desc"


def test_the_readme_gallery_shows_every_figure_with_a_description():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    gallery = readme[readme.index("<!-- gallery:start -->") : readme.index("<!-- gallery:end -->")]
    tags = re.findall(r'<img src="figures/([\w.]+)" alt="([^"]*)"', gallery)
    assert {name for name, _ in tags} == {p.name for p in (ROOT / "figures").glob("*.[ps][nv]g")}
    for name, alt in tags:
        assert alt and alt != name.rsplit(".", 1)[0], f"{name}: no description in the README"


# Colours a plot may name: the palette's, as "C0".."C5", and greys for what is not data.
NEUTRAL = {"black", "gray", "grey", "lightgray", "lightgrey", "white"}
COLOUR = re.compile(r"\b(?:color|colors|c|mec|mfc|facecolor|edgecolor)=[\"']([^\"']+)[\"']")
# A colour letter in a plot's format string, as in ax.plot(x, y, "r--").
FORMAT_COLOUR = re.compile(
    r"\.(?:plot|loglog|semilogx|semilogy|errorbar)\([^)]*?[\"']([bgrcmykw])[-.:osv^<>*+xDd|_]*[\"']"
)


@pytest.mark.parametrize(
    "path",
    [ROOT / "notebooks" / name for name in NOTEBOOKS] + [ROOT / "notebooks" / "playground.py"],
    ids=lambda p: p.name,
)
def test_plots_name_only_the_palette_colours_and_greys(path):
    if path.suffix == ".ipynb":
        code = "\n".join(c.source for c in nbformat.read(path, 4).cells if c.cell_type == "code")
    else:
        code = path.read_text(encoding="utf-8")
    allowed = NEUTRAL | {f"C{i}" for i in range(6)}
    named = {*COLOUR.findall(code), *re.findall(r"[\"'](tab:\w+)", code)} - allowed
    named |= {f"{letter} (in a format string)" for letter in FORMAT_COLOUR.findall(code)}
    assert not named, f"{path.name} names {sorted(named)}: use C0..C5 (linreg.PALETTE) or a grey"


def test_the_colour_check_sees_named_colours_and_format_string_colours(tmp_path):
    plot = tmp_path / "plot.py"
    plot.write_text(
        'ax.plot(x, y, "r--")\nax.plot(x, y, "o-", color="tab:red")\nax.plot(x, c="C1")\n'
    )
    with pytest.raises(AssertionError, match=r"names \['r \(in a format string\)', 'tab:red'\]"):
        test_plots_name_only_the_palette_colours_and_greys(plot)
