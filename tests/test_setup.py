"""The pip and conda descriptions of the environment agree, and respect the series' limits."""

import re

from sync_notebooks import ROOT

# conda-forge names of the packages that PyPI names otherwise
CONDA_NAMES = {"pytorch": "torch", "python-graphviz": "graphviz"}


def requirements(path):
    """{name: specifier} from a requirements file, comments and markers dropped."""
    found = {}
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#", 1)[0].split(";", 1)[0].strip()
        if line:
            name, spec = re.match(r"([A-Za-z0-9_.-]+)\s*(.*)", line).groups()
            found[name.lower()] = spec.replace(" ", "")
    return found


def conda_environment():
    found = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.match(r"\s+- ([A-Za-z0-9_.-]+)\s*([<>=~!][^#\s]*)?", line.split("#", 1)[0])
        if match and match[1] not in {"conda-forge", "python", "pip"}:
            found[CONDA_NAMES.get(match[1], match[1]).lower()] = match[2] or ""
    return found


def test_conda_and_pip_install_the_same_packages_with_the_same_lower_bounds():
    assert conda_environment() == requirements("requirements.txt")


def test_d2l_is_installed_without_its_obsolete_pins():
    assert requirements("requirements-nodeps.txt") == {"d2l": "==1.0.3"}
    assert "d2l" not in requirements("requirements.txt")
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --no-deps -r requirements-nodeps.txt" in makefile


def test_no_file_asks_for_a_torch_newer_than_2_14_1():
    for path in ["requirements.txt", "constraints-colab.txt", "environment.yml"]:
        for version in re.findall(
            r"(?:torch|pytorch)\s*[>=~]=\s*([\d.]+)", (ROOT / path).read_text()
        ):
            numbers = tuple(int(part) for part in version.split(".") if part)
            assert numbers <= (2, 14, 1), f"{path} asks for torch {version}"


def test_the_colab_constraints_are_the_lower_bounds_of_the_requirements():
    pinned = {
        name: spec.removeprefix("==").removesuffix(".*")
        for name, spec in requirements("constraints-colab.txt").items()
    }
    wanted = requirements("requirements.txt")
    for name in ["torch", "torchvision", "numpy", "matplotlib", "pandas", "ipykernel"]:
        assert wanted[name] == f">={pinned[name]}", name
