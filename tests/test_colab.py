"""Colab, simulated offline: every notebook's Colab cell, its set-up and its figure paths.

One kernel that believes it runs on Colab (a stand-in `google.colab` module
is imported at start, as Colab's kernels do) goes through the notebooks in
turn, each in a new empty folder, as Colab opens a notebook. For each one it
runs:

1. the notebook's own Colab cell, for real: its `%pip install` lines install
   the pinned versions (here from what is already installed, the package
   index turned off, so a pin that differs from the lock's version fails),
   and the helper modules are fetched from the repository, served on a
   loopback address in place of its public one. Every notebook has the same
   Colab cell (the sync writes it): the first notebook's installs, and the
   later ones, checked to be the same cell, only fetch;
2. the notebook's `## Setup` cells, with the helpers imported afresh from
   that folder, as on Colab;
3. for every figure the notebook saves (`linreg.save_fig`/`save_graph` with
   its name), a stand-in figure saved under the same name, which must land
   in `figures/` of that folder (not in a clone's figures/), rendered by the
   Matplotlib and the WebAssembly Graphviz that the Colab cell provides.

What it no longer does: re-run every lesson cell a second time. Those run
under nbval with the same packages; on Colab they differ only in where the
helpers and figures live, which 2 and 3 cover.
"""

import functools
import http.server
import os
import re
import threading
from pathlib import Path

import nbformat
import pytest
from conftest import NOTEBOOKS
from nbclient import NotebookClient

import sync_notebooks
from series import HELPERS, ROOT

SAVED = re.compile(r"save_(fig|graph)\([^)]*?[\"'](\d\d_\w+)[\"']")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def served_notebooks_url():
    """The repository, served read-only on 127.0.0.1 for the length of these tests."""
    handler = functools.partial(QuietHandler, directory=str(ROOT))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/notebooks/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def colab_env(tmp_path_factory):
    """Environment of a kernel that believes it runs on Colab, with no package index."""
    base = tmp_path_factory.mktemp("colab-runtime")
    package = base / "site" / "google" / "colab"
    package.mkdir(parents=True)
    (package.parent / "__init__.py").write_text("")
    (package / "__init__.py").write_text('"""Stand-in for Colab\'s google.colab package."""\n')
    startup = base / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-colab.py").write_text("import google.colab  # as Colab's kernels do at start\n")
    return os.environ | {
        "PYTHONPATH": str(base / "site"),
        "IPYTHONDIR": str(base / "ipython"),
        "PIP_NO_INDEX": "1",  # offline: pip may only find what is already installed
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


def colab_cell(nb):
    cells = [c for c in nb.cells if sync_notebooks.TAG_COLAB in c.metadata.get("tags", [])]
    return cells[0] if cells else None


def setup_cells(nb):
    """The code cells of the notebook's `## Setup` section."""
    found, inside = [], False
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            inside = cell.source.startswith("## Setup")
        elif inside and cell.cell_type == "code":
            found.append(cell.source)
    return found


def saved_figures(nb):
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return sorted(set(SAVED.findall(code)))


def code(source, name):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["notebook"] = name
    return cell


def probe(figures):
    """A cell that saves a stand-in for each figure and checks where it went."""
    lines = [
        "from pathlib import Path as _Path",
        "import matplotlib.pyplot as _plt, torch as _torch",
        "assert _Path(linreg.__file__).parent == _Path.cwd(), linreg.__file__",
        "assert linreg.figures_dir() == _Path.cwd() / 'figures', linreg.figures_dir()",
    ]
    for kind, name in figures:
        if kind == "fig":
            saving = f"linreg.save_fig(_plt.figure(figsize=(1, 1)), {name!r})"
            lines.append(f"assert {saving} == _Path.cwd() / 'figures' / '{name}.png'")
        else:
            graph = "linreg.draw_graph(_torch.ones(1, requires_grad=True) * 2)"
            saving = f"linreg.save_graph({graph}, {name!r}, 'a stand-in')"
            lines.append(f"assert {saving} == _Path.cwd() / 'figures' / '{name}.svg'")
    lines.append("_plt.close('all')")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def colab_run(tmp_path_factory, served_notebooks_url, colab_env):
    """Run every notebook's Colab cell, set-up and figure probe in one Colab kernel."""
    base = tmp_path_factory.mktemp("colab")
    cells, folders, installed_by = [], {}, None
    for name in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        colab = colab_cell(nb)
        if colab is None:
            continue
        folder = folders[name] = base / Path(name).stem
        folder.mkdir()
        cells.append(
            code(
                f"import os as _os, sys as _sys\n_os.chdir({str(folder)!r})\n"
                "for _m in ['linreg', 'selfcheck']:\n    _sys.modules.pop(_m, None)",
                name,
            )
        )
        assert sync_notebooks.raw_url() in colab.source
        source = colab.source.replace(sync_notebooks.raw_url(), served_notebooks_url)
        if installed_by is None:
            installed_by = (name, colab.source)
        else:
            # The same cell as the first notebook's, so its `%pip install` lines would
            # install the same pins into the same kernel again: only its fetches run.
            assert colab.source == installed_by[1], (
                f"{name}'s Colab cell is not {installed_by[0]}'s"
            )
            source = "\n".join(line for line in source.splitlines() if "%pip" not in line)
        cells.append(code(source, name))
        cells += [code(source, name) for source in setup_cells(nb)]
        cells.append(code("import linreg\n" + probe(saved_figures(nb)), name))
    nb = nbformat.v4.new_notebook(cells=cells)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", allow_errors=True,
        resources={"metadata": {"path": str(base)}},
    )  # fmt: skip
    client.execute(env=colab_env)
    return nb, folders


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_colab_cell_setup_and_figure_paths_work_from_an_empty_folder(name, colab_run):
    nb, folders = colab_run
    assert name in folders, "the notebook has a Colab cell (tag series-colab)"
    ran = [c for c in nb.cells if c.metadata["notebook"] == name]
    errors = [
        f"{o.ename}: {o.evalue}\n--- in cell:\n{c.source}"
        for c in ran
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert not errors, errors[0]
    assert all(c.execution_count is not None for c in ran), "every cell ran"
    for helper in HELPERS:
        fetched = folders[name] / helper
        assert fetched.read_bytes() == (ROOT / "notebooks" / helper).read_bytes()
    figures = saved_figures(nbformat.read(ROOT / "notebooks" / name, as_version=4))
    saved = sorted(p.name for p in (folders[name] / "figures").glob("*")) if figures else []
    assert saved == sorted(f"{n}.{'png' if k == 'fig' else 'svg'}" for k, n in figures)
