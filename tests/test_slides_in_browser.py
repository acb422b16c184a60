"""The decks as a class sees them: every slide in headless Chromium, on a 1280x800 screen.

The decks are built as `make slides` builds them, and opened one after the
other in one headless Chromium (Debian's `chromium` package), driven over the
DevTools protocol. On every slide and sub-slide it measures what reveal.js
lays out, in the slide's own pixels (reveal.js scales its slide area, here
1120x700, to the screen), and fails, naming the deck and the slide:

- on a slide that is cut off. With scrolling on (`make slides` turns it on)
  reveal.js does not clip a tall slide: the slide gets a scroll bar. That is
  for what cannot be split, so a slide taller than the slide area counts as
  cut off unless one of its cells alone is taller than the slide area (a
  long list of exercises, a tall figure): sub-slides start only between
  cells, so no split could make that slide fit. Content wider than the slide
  area, and text that a box clips at its right edge (a code line too long
  for the slide), are cut off in any case, as is a formula MathJax could not
  typeset;
- on any request that is not for a file beside the deck (the internet,
  images included: no host name resolves in this browser, so nothing leaves
  the machine), and on a file the deck asks for that is missing.

The browser and its driver are tests/browser.py's, shared with the web book's
test. Without Chromium: run as root, the test installs it (`apt-get install
chromium`); otherwise it is skipped with a line saying how to run it; with
`CI=true` a missing browser fails the test instead.
"""

import json
from pathlib import Path

import pytest
from browser import LOCAL, Tab, browser_fixture
from conftest import NOTEBOOKS, ROOT

import build_slides

# Runs in the deck: waits for reveal.js and MathJax, then shows each slide in
# turn and measures it (layout is computed when read; nothing needs painting).
VISIT_EVERY_SLIDE = """
new Promise(done => require([%(reveal)s], Reveal => {
  const ready = Reveal.isReady() ? Promise.resolve() : new Promise(r => Reveal.on("ready", r));
  ready.then(() => MathJax.Hub.Queue(() => {
    const seen = [];
    for (const slide of Reveal.getSlides()) {
      const {h, v} = Reveal.getIndices(slide);
      Reveal.slide(h, v);
      const area = Reveal.getComputedSlideSize();
      const scale = Reveal.getScale();
      const section = slide.parentElement.matches("section") ? slide.parentElement : slide;
      const heading = slide.querySelector("h1, h2, h3") || section.querySelector("h1, h2, h3");
      const clipped = [];
      for (const box of slide.querySelectorAll("*")) {
        if (box.scrollWidth <= box.clientWidth || box.clientWidth === 0
            || getComputedStyle(box).overflowX === "visible"
            || box.closest(".MathJax, .MJX_Assistive_MathML")) continue;
        const range = document.createRange();
        range.selectNodeContents(box);
        const right = Math.max(...[...range.getClientRects()].map(r => r.right));
        const edge = box.getBoundingClientRect().left + (box.clientLeft + box.clientWidth) * scale;
        if (right > edge + 1) {
          clipped.push(Math.round((right - edge) / scale) + " px of "
                       + JSON.stringify(box.textContent.trim().slice(0, 50)));
        }
      }
      seen.push({
        slide: h + "." + v,
        section: heading ? heading.textContent.replace(/¶$/, "").trim() : "(no heading)",
        area: [area.width, area.height],
        size: [slide.scrollWidth, slide.scrollHeight],
        cells: [...slide.querySelectorAll(":scope > .jp-Cell")].map(
          cell => [cell.id.replace("cell-id=", ""), cell.offsetHeight]),
        clipped,
      });
    }
    // Formulas typeset again on a slide shown are done when MathJax's queue is.
    MathJax.Hub.Queue(() => {
      Reveal.getSlides().forEach((slide, i) => {
        seen[i].formula_errors = slide.querySelectorAll(".MathJax_Error").length;
      });
      done(seen);
    });
  }));
}))
"""


browser = browser_fixture(
    "test_slides_in_browser.py", "the decks"
)  # one Chromium for every test here


@pytest.fixture(scope="module")
def decks(browser, tmp_path_factory):
    """{deck: (its slides, measured; its requests; the requests that failed)}, each deck opened once."""
    output = tmp_path_factory.mktemp("slides")
    paths = build_slides.build(output, [ROOT / "notebooks" / name for name in NOTEBOOKS])
    reveal = json.dumps(f"{build_slides.URLS['reveal_url_prefix']}/dist/reveal.js")
    # Every deck in a tab of its own, all at once: a renderer process each.
    tabs = [Tab(browser) for _ in paths]
    for tab, path in zip(tabs, paths, strict=True):
        tab.open(path.as_uri())
    for tab in tabs:
        tab.loaded()
    visits = [tab.evaluate(VISIT_EVERY_SLIDE % {"reveal": reveal}) for tab in tabs]
    seen = {}
    for tab, path, visit in zip(tabs, paths, visits, strict=True):
        slides = tab.result(visit)
        requests, failed = tab.requests()
        seen[path.name.removesuffix(".slides.html")] = (slides, requests, failed)
    return seen


def cut_off(slide):
    """Why a measured slide is cut off, or None (see the module's docstring)."""
    (width, height), (content_width, content_height) = slide["area"], slide["size"]
    reasons = []
    tallest = max([h for _, h in slide["cells"]], default=0)
    beside = sum(h for _, h in slide["cells"]) - tallest
    if content_height > height and (tallest <= height or beside > height / 3):
        cells = ", ".join(f"{cell} {h}" for cell, h in slide["cells"])
        reasons.append(
            f"{content_height} px tall in a slide area of {height} (its cells: {cells}): "
            "split it into sub-slides"
        )
    if content_width > width:
        reasons.append(f"{content_width} px wide in a slide area of {width}")
    reasons += [f"clips {clip}" for clip in slide["clipped"]]
    if slide["formula_errors"]:
        reasons.append(f"{slide['formula_errors']} formula(s) MathJax could not typeset")
    return "; ".join(reasons) or None


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_slide_fits_a_1280x800_screen_or_scrolls_a_cell_too_tall_for_it(name, decks):
    slides, _, _ = decks[Path(name).stem]
    assert slides, "no slides"
    problems = [
        f"{Path(name).stem}, slide {s['slide']} ({s['section']}): {why}"
        for s in slides
        if (why := cut_off(s))
    ]
    assert not problems, "cut off at 1280x800:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_deck_requests_nothing_but_its_own_files(name, decks):
    _, requests, failed = decks[Path(name).stem]
    remote = [url for url in requests if not url.startswith(LOCAL)]
    assert not remote, f"{Path(name).stem} asks the internet for {remote}"
    missing = [url for url in failed if url.startswith("file:")]
    assert not missing, f"{Path(name).stem} asks for files that are not there: {missing}"


def test_a_slide_too_tall_for_the_screen_is_found():
    # The rule itself, on measurements: two cells that together overflow can be
    # split; one cell taller than the slide area cannot, and may keep a line
    # beside it (a heading, a caption), not a third of the slide area or more.
    slide = {"area": [1120, 700], "clipped": [], "formula_errors": 0}
    two = slide | {"size": [1120, 900], "cells": [["a", 450], ["b", 450]]}
    assert "split it into sub-slides" in cut_off(two)
    assert cut_off(slide | {"size": [1120, 900], "cells": [["a", 100], ["b", 800]]}) is None
    many = slide | {"size": [1120, 1200], "cells": [["a", 150], ["b", 800], ["c", 250]]}
    assert "split it into sub-slides" in cut_off(many)
    assert cut_off(slide | {"size": [1120, 600], "cells": [["a", 600]]}) is None
    assert "1300 px wide" in cut_off(slide | {"size": [1300, 600], "cells": [["a", 600]]})
