"""Sphinx's settings for the web book of the series (`make book`, scripts/build_book.py).

scripts/build_book.py copies this folder into the book's source folder, beside
copies of the notebooks prepared for the web, and runs Sphinx there. Every
page is a notebook with its stored outputs: nothing is executed. Everything a
page loads comes from the built folder itself, so the book reads offline and
from any static host.
"""

project = "Linear regression in PyTorch"
author = "the authors of the series"
html_title = project
language = "en"

extensions = ["myst_nb"]
root_doc = "index"
# The originals of the notebooks, offered for download, are not pages.
exclude_patterns = ["notebooks/**", "_build"]

# The stored outputs as they are: never run a notebook to build the book.
nb_execution_mode = "off"
# A widget needs a running kernel; build_book.py replaces its output with a line
# saying where it works. Nothing may load ipywidgets' scripts from a CDN.
nb_ipywidgets_js = {}
myst_enable_extensions = ["dollarmath", "amsmath"]
# myst's MathJax settings are MathJax 3's; the book uses MathJax 2 (below).
myst_update_mathjax = False

# MathJax 2 from the jupyter-server-mathjax package in the lock, copied into
# _static/mathjax by build_book.py, set up as the slide decks set it up: that
# package ships only the STIX-Web web font (MathJax's default, TeX, would ask
# for fonts that are not there), and no quick first pass (it would too).
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
mathjax2_config = {
    "messageStyle": "none",
    "HTML-CSS": {
        "availableFonts": [],
        "preferredFont": None,
        "webFont": "STIX-Web",
        "imageFont": None,
    },
    "fast-preview": {"disabled": True},
}
# Two kinds of font MathJax 2 names would be fetched and fail: the blank font it
# measures against (url(about:blank), refused to a page opened from a file) and
# the TeX fonts of the hidden MathML it writes for screen readers (not in the
# package). A local() font that no system has fetches nothing, and fails alike.
NO_FONT = {"src": "local('MathJax not installed')"}
mathjax2_config["HTML-CSS"]["styles"] = {"@font-face": NO_FONT}
mathjax2_config["NativeMML"] = {"styles": {f"@font-face /*{i}*/": NO_FONT for i in range(1, 7)}}

html_theme = "sphinx_book_theme"
templates_path = ["_templates"]  # the theme's search button, with its name fixed
html_static_path = ["_static"]
html_css_files = ["book.css"]
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    # build_book.py writes the links to Colab and to the notebook's file at the
    # top of each page; the theme's own buttons would need the repository's
    # address at build time, and its download menu offers the prepared copy.
    "use_download_button": False,
    "use_fullscreen_button": False,
    "show_prev_next": True,
    # One search field, in the sidebar (the theme shows a second one above it).
    "navbar_persistent": [],
}
# Light or dark as the reader's system is (the theme's own default is no mode at
# all, which its script reports as an error in the console).
html_context = {"default_mode": "auto"}
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
# Search runs in the browser from the built files (searchindex.js). Its
# summaries under each result would fetch every page found, which a browser
# refuses to a page opened from a file (no web server): titles only.
html_search_language = "en"
html_show_search_summary = False


def visit_hidden_code(self, node):
    """myst-nb's collapsed code (the solutions), its toggle named by the text it shows.

    myst-nb labels the toggle "Toggle hidden content", which is not the text a
    reader sees ("Show code cell source"); a control's accessible name must
    contain its visible text (WCAG 2.5.3, Label in Name).
    """
    from html import escape

    self.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n<summary>\n')
    for state, prompt in [("collapsed", node["prompt_show"]), ("expanded", node["prompt_hide"])]:
        self.body.append(f'<p class="{state} admonition-title">{escape(prompt)}</p>\n')
    self.body.append("</summary>\n")


def setup(app):
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput

    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_code, depart_HideCellInput))
