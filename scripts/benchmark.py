"""Measure what the series costs, so no test has to assert a timing.

    make benchmark
    PYTHONPATH=notebooks .venv/bin/python scripts/benchmark.py --skip-notebooks --skip-suite

1. One epoch over the article's 1,000 examples: DataLoader against plain
   tensor indexing, for several batch sizes (what notebook 03 shows).
2. The article's training run (3 epochs, batch size 10), on the CPU and,
   when there is one, on the GPU.
3. The wall-clock time of each notebook, run top to bottom in a fresh kernel
   (the series promises each one is quick on a laptop CPU), next to its
   import floor: a fresh kernel that runs only the notebook's own import
   lines (so d2l's import counts where a notebook uses d2l), and makes one
   optimizer if the notebook trains (the first one loads torch._dynamo,
   about a second). Reported for each notebook, with no target: plain lesson
   code comes before speed.
4. The test suite as `make test` runs it (ruff, then pytest on every core),
   next to a serial nbval run of the notebooks alone: the suite aims at most
   1.5 times that (--skip-suite leaves both out; they take minutes).

Each figure of 1 and 2 is the median of several repeats.
"""

import argparse
import copy
import re
import statistics
import subprocess
import sys
import time

import torch
from torch import nn

import linreg  # from notebooks/, on PYTHONPATH
import series
from series import ROOT

TRUE_W, TRUE_B = torch.tensor([2, -3.4, 5.6, 3.2, -0.6]), 4.2


def median_seconds(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def loader_epoch(train_iter):
    for _ in train_iter:
        pass


def indexing_epoch(X, y, batch_size, generator):
    order = torch.randperm(len(X), generator=generator)
    for start in range(0, len(X), batch_size):
        batch = order[start : start + batch_size]
        X[batch], y[batch]


def data_loading(repeats=20):
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, 1000, generator=torch.Generator().manual_seed(0))
    print("One epoch over 1,000 examples (median of", repeats, "runs)")
    print(f"{'batch_size':>10}  {'DataLoader':>12}  {'indexing':>12}  {'ratio':>6}")
    for batch_size in [1, 10, 100, 1000]:
        train_iter = linreg.load_array(
            (X, y), batch_size, generator=torch.Generator().manual_seed(0)
        )
        generator = torch.Generator().manual_seed(0)
        loader = median_seconds(lambda: loader_epoch(train_iter), repeats)  # noqa: B023 (called at once)
        indexing = median_seconds(lambda: indexing_epoch(X, y, batch_size, generator), repeats)  # noqa: B023
        print(
            f"{batch_size:>10}  {loader * 1e3:>9.2f} ms  {indexing * 1e3:>9.2f} ms  {loader / indexing:>5.1f}x"
        )


def train_article(X, y, device):
    net = linreg.linear_regression(5, torch.Generator().manual_seed(0)).to(device)
    train_iter = linreg.load_array((X, y), 10, generator=torch.Generator().manual_seed(0))
    optimizer = torch.optim.SGD(net.parameters(), lr=0.03)
    linreg.train(net, nn.MSELoss(), optimizer, train_iter, num_epochs=3)


def training(repeats=5):
    print("\nThe article's training run: 3 epochs, batch size 10 (median of", repeats, "runs)")
    devices = [torch.device("cpu")] + ([torch.device("cuda")] if torch.cuda.is_available() else [])
    X, y = linreg.synthetic_data(TRUE_W, TRUE_B, 1000, generator=torch.Generator().manual_seed(0))
    for device in devices:
        seconds = median_seconds(lambda: train_article(X, y, device), repeats)  # noqa: B023
        print(f"{device.type:>10}  {seconds:.3f} s")


def run_notebook(nb, path):
    """Seconds to run a notebook top to bottom in a fresh kernel, its start included."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=600, resources={"metadata": {"path": str(path)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


IMPORT = re.compile(r"^(?:import|from) \S+(?: import .+)?$")


def imports_of(nb):
    """A notebook of only the import lines of `nb` (its Colab cell aside, those inside functions
    included, unindented): its import floor."""
    import nbformat

    lines = [
        line
        for cell in nb.cells
        if cell.cell_type == "code" and "series-colab" not in cell.metadata.get("tags", [])
        for line in map(str.strip, cell.source.splitlines())
        if IMPORT.match(line)
    ]
    # The first optimizer a process makes loads torch._dynamo (about a second):
    # a cost of the library, like an import, paid by every notebook that trains.
    if any("torch.optim" in cell.source for cell in nb.cells if cell.cell_type == "code"):
        lines += ["import torch", "torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)"]
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("\n".join(lines))])


def notebooks():
    import nbformat

    folder = ROOT / "notebooks"
    print("\nEach notebook, top to bottom in a fresh kernel (kernel start included), next to")
    print("its import floor: a fresh kernel running only the notebook's own imports (torch,")
    print("Matplotlib, the helpers, and d2l, torchviz or ipywidgets where it uses them), and")
    print("making one optimizer where it trains (the first one loads torch._dynamo).")
    print("There is no target per notebook (plain lesson code comes first). Medians of 3 runs.")
    print(f"{'notebook':>36}  {'time':>7}  {'floor':>7}  {'ratio':>6}")
    for path in series.notebook_paths():
        nb = nbformat.read(path, as_version=4)
        floor = statistics.median(run_notebook(imports_of(nb), folder) for _ in range(3))
        seconds = statistics.median(run_notebook(copy.deepcopy(nb), folder) for _ in range(3))
        print(f"{path.name:>36}  {seconds:6.1f}s  {floor:6.1f}s  {seconds / floor:5.1f}x")


def timed(command):
    """Seconds a command takes, and whether it passed (a failed suite's time means little)."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, "passed" if result.returncode == 0 else "FAILED"


def suite():
    print("\nThe test suite against a serial nbval run of the notebooks alone (one run each)")
    python = sys.executable
    serial, serial_result = timed([python, "-m", "pytest", "-q", "-p", "no:xdist", "notebooks"])
    whole, whole_result = timed(["make", "--no-print-directory", "test"])
    print(f"{'serial nbval, notebooks/':>36}  {serial:6.1f}s          {serial_result}")
    print(
        f"{'make test (ruff, pytest -n auto)':>36}  {whole:6.1f}s  {whole / serial:5.2f}x  {whole_result}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--skip-notebooks", action="store_true", help="leave out each notebook's time"
    )
    parser.add_argument(
        "--skip-suite", action="store_true", help="leave out the test suite against serial nbval"
    )
    args = parser.parse_args()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} CPU threads\n")
    data_loading()
    training()
    if not args.skip_notebooks:
        notebooks()
    if not args.skip_suite:
        suite()


if __name__ == "__main__":
    main()
