"""`make slides` builds a reveal.js deck per notebook, one slide per section."""

import nbformat
import pytest
from nbconvert import SlidesExporter

import sync_notebooks
from conftest import NOTEBOOKS
from sync_notebooks import ROOT



@pytest.mark.parametrize("name", NOTEBOOKS)
def test_slide_deck_builds_with_a_slide_per_section(name):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    html, _ = SlidesExporter().from_notebook_node(nb)
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert kinds.count("slide") >= 4, "a title, sections, summary and exercises"
    assert html.count("<section") >= kinds.count("slide") + kinds.count("subslide")
    assert "Reveal.initialize" in html
    first_heading = nb.cells[0].source.splitlines()[0].lstrip("# ")
    assert first_heading in html
