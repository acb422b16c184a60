#!/usr/bin/env bash
# Run the whole test suite under Python 3.13 with the versions Colab's runtime
# publishes (constraints-colab.txt: torch 2.11, numpy 2.1, matplotlib 3.10,
# ipykernel 6.17 with IPython 7.34, ipywidgets 7.7, ...), as a learner on Colab would meet them.
#
#   scripts/check_python313.sh                 # the whole suite
#   scripts/check_python313.sh tests/          # or what pytest is given
#
# Set PYTHON313 to the interpreter if `python3.13` is not on PATH. The first
# run may download a large CUDA build of torch, so CI does not run this.
# The suite runs on a copy of the working tree: notebooks re-save figures,
# and Matplotlib 3.10 writes other PNG bytes than the version in .venv.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON313:-python3.13}
venv="$root/.venv-py313"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# requirements.txt (not the lock: Colab's versions are older than the lock's),
# with the bounds of what Colab pins left to the constraints: Colab ships
# ipywidgets 7.7, where `make lab` needs 8 for JupyterLab 4.
sed -E 's/^(ipywidgets)[^#]*/\1 /' "$root/requirements.txt" > "$work/requirements-colab.txt"
"$venv/bin/python" -m pip install --quiet -r "$work/requirements-colab.txt" -c "$root/constraints-colab.txt"
"$venv/bin/python" -m pip install --quiet --no-deps -r "$root/requirements-nodeps.txt"
mkdir "$work/tree"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$work/tree"
cd "$work/tree"
"$venv/bin/python" --version
"$venv/bin/python" -c 'import torch, numpy, matplotlib, IPython, ipykernel, ipywidgets; print("torch", torch.__version__, "| numpy", numpy.__version__, "| matplotlib", matplotlib.__version__, "| IPython", IPython.__version__, "| ipykernel", ipykernel.__version__, "| ipywidgets", ipywidgets.__version__)'
"$venv/bin/python" -m pytest -n auto --dist loadfile "$@"
