"""The web book as a reader sees it: built as `make book` builds it, every page opened offline.

The book is built once for this module, by scripts/build_book.py (Sphinx with
`-W`: a warning fails the build), into a temporary folder. Read as files, its
pages must load nothing from the internet, list the ten notebooks in order in
the sidebar, link each page to the next, to Colab and to its notebook's file,
keep the solutions collapsed and leave out the Colab set-up and navigation
cells.

Then every page (the first page, the ten notebooks, the search page with a
query, the index) is opened in headless Chromium (tests/browser.py, shared
with the slide decks' test; no host name resolves there, so nothing leaves
the machine), each in a tab of its own, all at once, at 1280x800. Once
MathJax has typeset the page, axe-core (the npm package of package.json,
installed into node_modules/ by `npm ci`) checks it inside the page against
WCAG 2.1 A and AA. A page fails, named with what is wrong:

- on any request that is not for a local file, and on a local file missing;
- on any console error (an uncaught exception, console.error, the browser's
  own log of a failed load);
- on any violation axe reports, with its rule, its help and the elements;
- on a figure without a description: Sphinx gives an image without alt text
  its file's name as alt text, which axe accepts and a screen reader reads out.

It saves screenshots of 00's page and of 01's first graph, for a reviewer, in
_build/screenshots/ (ignored by git).

Without Chromium, or without npm to install axe-core, it is skipped with a
line saying how to run it (run as root, it installs Chromium with apt-get);
with `CI=true` it fails instead.
"""

import functools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from browser import LOCAL, Tab, browser_fixture
from bs4 import BeautifulSoup
from conftest import NOTEBOOKS, ROOT, read

import build_book
from sync_notebooks import TAG_COLAB, colab_url, series, tags

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "_build" / "screenshots"
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEARCH_QUERY = "minibatch"
# What a page loads (rather than links to): these elements' attributes.
LOADS = {
    "script": "src",
    "link": "href",
    "img": "src",
    "source": "src",
    "iframe": "src",
    "embed": "src",
    "object": "data",
    "video": "src",
    "audio": "src",
}
REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"""(url\(\s*['"]?|@import\s+['"])(https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """The built book's folder (its html/)."""
    return build_book.build(tmp_path_factory.mktemp("book"))


@functools.cache
def parsed(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(book, name):
    """A built page, parsed (once)."""
    return parsed(book / name)


def stem(name):
    return Path(name).stem


# --- The built files ---------------------------------------------------------------


def test_a_sphinx_warning_fails_the_build(tmp_path):
    # A one-notebook series whose only link leads nowhere.
    (tmp_path / "notebooks").mkdir()
    for name in ["README.md", "pyproject.toml"]:
        shutil.copy(ROOT / name, tmp_path / name)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 00 · A page\n\n*Its goal.*"),
        nbformat.v4.new_markdown_cell("See [the next one](01_missing.ipynb)."),
    ]
    nbformat.write(nb, tmp_path / "notebooks" / "00_a_page.ipynb")
    with pytest.raises(
        SystemExit, match=r"did not build(.|\n)*target not found: '01_missing.ipynb'"
    ):
        build_book.build(tmp_path / "book", root=tmp_path)


def test_the_built_pages_load_no_remote_script_style_font_or_image(book):
    remote = []
    for path in sorted(book.rglob("*.html")):
        soup = parsed(path)
        for tag, attribute in LOADS.items():
            for element in soup.find_all(tag):
                if tag == "link" and not {"stylesheet", "preload", "icon", "modulepreload"} & set(
                    element.get("rel", [])
                ):
                    continue  # a link to another page (next, search, ...)
                if REMOTE.match(element.get(attribute, "")):
                    remote.append(f"{path.relative_to(book)}: <{tag} {element[attribute]}>")
        for style in soup.find_all("style"):
            if CSS_REMOTE.search(style.text):
                remote.append(f"{path.relative_to(book)}: a <style> that imports a remote file")
    for path in sorted(book.rglob("*.css")):
        for match in CSS_REMOTE.finditer(path.read_text(encoding="utf-8", errors="replace")):
            remote.append(f"{path.relative_to(book)}: {match[0]}...")
    assert not remote, "the book loads files from the internet:\n" + "\n".join(remote)


def test_the_sidebar_lists_the_ten_notebooks_in_order_on_every_page(book):
    titles = [f"{n.number} · {n.title}" for n in series()]
    for name in ["index.html", *(f"{stem(n)}.html" for n in NOTEBOOKS)]:
        nav = page(book, name).select_one("nav.bd-docs-nav")
        links = [a.text.strip() for a in nav.select("a.reference.internal")]
        assert links[1:] == titles, name  # after the first page's


def test_each_page_links_to_the_one_before_and_after_it(book):
    order = ["index", *(stem(n) for n in NOTEBOOKS)]
    for index, name in enumerate(order):
        soup = page(book, f"{name}.html")
        before, after = soup.select_one("a.left-prev"), soup.select_one("a.right-next")
        assert (before and before["href"]) == (f"{order[index - 1]}.html" if index else None)
        expected = f"{order[index + 1]}.html" if index + 1 < len(order) else None
        assert (after and after["href"]) == expected, name


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_each_notebook_page_links_to_colab_and_to_the_notebook_file_as_it_is(name, book):
    soup = page(book, f"{stem(name)}.html")
    colab = soup.find("a", string="Open in Colab")
    assert colab is not None and colab["href"] == colab_url() + name
    download = soup.find("a", class_="download")
    assert download is not None and download.text.strip() == "Download the notebook"
    assert (book / download["href"]).read_bytes() == (ROOT / "notebooks" / name).read_bytes()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_solutions_are_collapsed_and_the_set_up_and_navigation_cells_left_out(name, book):
    nb = read(name)
    soup = page(book, f"{stem(name)}.html")
    article = soup.select_one("article")
    # Solution prose: its <details> blocks, closed; solution code: collapsed by myst-nb.
    prose = sum(
        len(re.findall(r"<details>", c.source)) for c in nb.cells if c.cell_type == "markdown"
    )
    code = sum(1 for c in nb.cells if c.metadata.get("jupyter", {}).get("source_hidden"))
    details = article.find_all("details")
    assert not [d for d in details if d.has_attr("open")], "a solution is open"
    assert len([d for d in details if "above-input" in d.get("class", [])]) == code
    assert len([d for d in details if not d.get("class")]) == prose
    colab_cell = next(c for c in nb.cells if TAG_COLAB in tags(c))
    assert colab_cell.source.splitlines()[0] not in article.text, "the Colab set-up cell shows"
    arrows = [a.text for a in article.find_all("a") if re.match(r"\s*←|.*→\s*$", a.text)]
    assert not arrows, f"the notebook's own navigation shows: {arrows}"


def test_the_widget_shows_a_line_saying_where_its_sliders_work(book):
    # 08's playground: its picture is the figure above it, stored in the notebook.
    soup = page(book, "08_paths_and_playground.html")
    line = soup.select_one(".widget-elsewhere")
    assert line is not None and "sliders work in a running notebook" in line.text
    assert line.find("a")["href"] == colab_url() + "08_paths_and_playground.ipynb"
    assert not soup.find("script", type=re.compile("widget")), "widget scripts in the page"


# --- In the browser ------------------------------------------------------------------

# Runs in a page once it has loaded: waits for MathJax 2 to typeset (on pages
# with math) and for search results (on the search page), then says what it shows.
SETTLED = """
new Promise(done => {
  const typeset = window.MathJax && MathJax.Hub
    ? new Promise(r => MathJax.Hub.Register.StartupHook("End", r)) : Promise.resolve();
  const searched = document.getElementById("search-results")
    ? new Promise(r => { const poll = setInterval(() => {
        if (document.querySelector("#search-results ul.search li")
            || /found 0 pages|did not match/i.test(document.getElementById("search-results").textContent)) {
          clearInterval(poll); r(); } }, 50); })
    : Promise.resolve();
  Promise.all([typeset, searched]).then(() => done({
    formulas: document.querySelectorAll(".MathJax, .MathJax_Display, .MathJax_SVG").length,
    formula_errors: document.querySelectorAll(".MathJax_Error, merror").length,
    search_results: [...document.querySelectorAll("#search-results ul.search li a")].map(a => a.textContent),
    images: [...document.querySelectorAll("article img")].map(i => [i.getAttribute("src"), i.getAttribute("alt")]),
  }));
})
"""
# axe-core's checks of WCAG 2.1 A and AA, each violation with the elements it is on.
# No preload: axe would fetch the style sheets again with XMLHttpRequest, which a
# browser refuses to a page opened from a file (it reads them from the page anyway).
RUN_AXE = """
axe.run(document, {runOnly: {type: "tag", values: TAGS}, resultTypes: ["violations"], preload: false})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary.split("\\n").slice(1).join(" "))})))
""".replace("TAGS", json.dumps(WCAG_21_A_AA))


def axe_source():
    """axe-core's script, installed with `npm ci` (package-lock.json) if it is not there yet."""
    if not AXE.exists() and shutil.which("npm"):
        installed = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, capture_output=True, text=True
        )
        if installed.returncode != 0:
            pytest.fail(f"`npm ci` failed:\n{installed.stderr[-2000:]}")
    if not AXE.exists():
        how = "install Node.js's npm, then `npm ci` in the repository"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: no axe-core ({AXE.relative_to(ROOT)}); {how}")
        pytest.skip(f"no axe-core: {how}, then `pytest tests/test_book_in_browser.py`")
    return AXE.read_text(encoding="utf-8")


browser = browser_fixture("test_book_in_browser.py", "the book")  # one Chromium for every test here


PAGES = ["index", *(stem(n) for n in NOTEBOOKS), "search", "genindex"]
# A page with faults axe must find, opened with the book's: proof that axe ran
# and that its findings reach the tests.
FAULTY = """<!DOCTYPE html><html lang="en"><head><title>Faults</title></head><body><main>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color: #bbb; background: #fff">Grey on white.</p></main></body></html>"""


@pytest.fixture(scope="module")
def seen(book, browser, tmp_path_factory):
    """{page: what it showed, its requests, failed loads, console errors, axe's violations}."""
    axe = axe_source()
    faulty = tmp_path_factory.mktemp("faulty") / "faulty.html"
    faulty.write_text(FAULTY, encoding="utf-8")
    urls = {name: (book / f"{name}.html").as_uri() for name in PAGES}
    urls["search"] += f"?q={SEARCH_QUERY}"
    urls["faulty"] = faulty.as_uri()
    tabs = {name: Tab(browser, domains=("Page", "Network", "Runtime", "Log")) for name in urls}
    for name, tab in tabs.items():
        tab.open(urls[name])
    for tab in tabs.values():
        tab.loaded()
    shown = {name: tab.evaluate(SETTLED) for name, tab in tabs.items()}
    shown = {name: tabs[name].result(number) for name, number in shown.items()}
    for tab in tabs.values():
        tab.result(tab.evaluate(axe + "\n;0"))
    checks = {name: tab.evaluate(RUN_AXE) for name, tab in tabs.items()}
    found = {}
    for name, tab in tabs.items():
        violations = tab.result(checks[name])
        requests, failed = tab.requests()
        found[name] = shown[name] | {
            "requests": requests,
            "failed": failed,
            "errors": tab.console_errors(),
            "violations": violations,
        }
    save_screenshots(tabs)
    return found


def save_screenshots(tabs):
    """00's page as it opens, and 01 at its first graph (below the page's sticky header)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tabs["00_start_here"].screenshot(SCREENSHOTS / "00_start_here.png")
    graphs = tabs["01_computation_graph"]
    graphs.front()
    graph = "document.querySelector('article .cell_output img')"
    graphs.result(graphs.evaluate(f"{graph}.scrollIntoView(); window.scrollBy(0, -80)"))
    graphs.screenshot(SCREENSHOTS / "01_computation_graph.png")


@pytest.mark.parametrize("name", PAGES)
def test_a_page_requests_nothing_but_the_book_s_own_files(name, seen):
    remote = [url for url in seen[name]["requests"] if not url.startswith(LOCAL)]
    assert not remote, f"{name} asks the internet for {remote}"
    missing = [url for url in seen[name]["failed"] if url.startswith("file:")]
    assert not missing, f"{name} asks for files that are not there: {missing}"


@pytest.mark.parametrize("name", PAGES)
def test_a_page_reports_no_console_error(name, seen):
    assert not seen[name]["errors"], f"{name}: " + "\n".join(seen[name]["errors"])


@pytest.mark.parametrize("name", PAGES)
def test_a_page_meets_wcag_2_1_a_and_aa_as_axe_core_checks_it(name, seen):
    found = [
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"][:5])
        for v in seen[name]["violations"]
    ]
    assert not found, f"{name}: axe-core finds\n" + "\n".join(found)


def test_axe_core_finds_the_faults_of_a_faulty_page(seen):
    assert {v["id"] for v in seen["faulty"]["violations"]} == {"image-alt", "color-contrast"}


@pytest.mark.parametrize("name", [stem(n) for n in NOTEBOOKS])
def test_every_figure_has_a_description_not_a_file_name(name, seen):
    undescribed = [
        src[:60]
        for src, alt in seen[name]["images"]
        if not alt or alt.strip() == src or "_images/" in alt
    ]
    assert not undescribed, (
        f"{name}: {len(undescribed)} figure(s) without alt text (a screen reader reads out "
        f"the file name): {undescribed}"
    )


@pytest.mark.parametrize("name", [stem(n) for n in NOTEBOOKS])
def test_the_math_is_typeset_without_errors(name, seen):
    has_math = bool(page_math(name))
    assert not seen[name]["formula_errors"], f"{name}: formulas MathJax could not typeset"
    assert bool(seen[name]["formulas"]) == has_math, f"{name}: formulas left as TeX"


def page_math(name):
    nb = read(f"{name}.ipynb")
    return [c for c in nb.cells if c.cell_type == "markdown" and "$" in c.source]


def test_search_finds_pages_from_the_local_files(seen):
    results = seen["search"]["search_results"]
    assert "03 · Batching with DataLoader" in results, results
