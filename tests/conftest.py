"""Set-up shared by the tests."""

import pytest


@pytest.fixture
def said(capsys):
    """What a self-check printed since the last call: ``said()``."""
    return lambda: capsys.readouterr().out
