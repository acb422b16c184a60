"""The JupyterLab that `make lab` starts: live slides (RISE) enabled, no news pop-up.

These check the environment the tests run in, which `make test` builds
exactly as `make lab` does (.venv, from the lock).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from series import ROOT

PREFIX = Path(sys.prefix)
IN_MAKE_VENV = PREFIX.resolve() == (ROOT / ".venv").resolve()
NEWS = "@jupyterlab/apputils-extension:notification"


def jupyter(*args):
    env = os.environ | {"NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "jupyter", *args], capture_output=True, text=True, env=env
    )
    return result.stdout + result.stderr


def test_live_slides_extension_is_installed_and_enabled():
    listing = jupyter("labextension", "list")
    (line,) = [line for line in listing.splitlines() if "jupyterlab-rise" in line]
    words = line.replace("\x1b[32m", "").replace("\x1b[0m", "").split()
    assert words[:4] == ["jupyterlab-rise", "v0.43.1", "enabled", "OK"], line
    # RISE's own page, where a notebook is presented, is served by this server extension.
    assert "jupyterlab_rise" in jupyter("server", "extension", "list")


@pytest.mark.skipif(not IN_MAKE_VENV, reason="checks the .venv that make builds")
def test_make_lab_turns_the_news_question_off_for_this_environment_only():
    overrides = PREFIX / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(overrides.read_text()) == json.loads(
        (ROOT / "lab-settings" / "overrides.json").read_text()
    ), "`make lab` copies lab-settings/overrides.json into .venv"

    # The setting exists under that name in the installed JupyterLab, and "false" means Never.
    schema_file = (
        PREFIX / "share/jupyter/lab/schemas/@jupyterlab/apputils-extension/notification.json"
    )
    schema = json.loads(schema_file.read_text())["properties"]
    settings = json.loads(overrides.read_text())[NEWS]
    assert settings.keys() <= schema.keys()
    never = [c["const"] for c in schema["fetchNews"]["oneOf"] if c["title"] == "Never"]
    assert settings["fetchNews"] == never[0]


@pytest.mark.skipif(not IN_MAKE_VENV, reason="checks the .venv that make builds")
def test_jupyterlab_serves_the_override_to_the_page(tmp_path):
    # The settings API JupyterLab's page reads, computed as the server computes it,
    # for a learner with no settings of their own.
    from jupyterlab_server.settings_utils import get_settings

    app_settings = PREFIX / "share" / "jupyter" / "lab" / "settings"
    schemas = PREFIX / "share" / "jupyter" / "lab" / "schemas"
    result, _ = get_settings(str(app_settings), str(schemas), str(tmp_path), NEWS)
    # The page takes a setting the learner has not set from the schema's default.
    assert result["settings"] == {}
    assert result["schema"]["properties"]["fetchNews"]["default"] == "false"
    assert result["schema"]["properties"]["checkForUpdates"]["default"] is False
