"""Shared fixtures: the bundled sample articles and their gazetteer."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

SAMPLES = Path(str(files("shabaka") / "data" / "samples"))
SAMPLE_GAZETTEER = Path(str(files("shabaka") / "data" / "sample_gazetteer.csv"))


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def sample_gazetteer() -> Path:
    return SAMPLE_GAZETTEER
