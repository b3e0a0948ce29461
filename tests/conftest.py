"""Shared fixtures: the bundled sample articles and their gazetteer."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

# scripts/chromium.py, the headless-browser harness shared with the scripts and benchmarks
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

SAMPLES = Path(str(files("shabaka") / "data" / "samples"))
SAMPLE_GAZETTEER = Path(str(files("shabaka") / "data" / "sample_gazetteer.csv"))


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def sample_gazetteer() -> Path:
    return SAMPLE_GAZETTEER


@contextlib.contextmanager
def _unreadable(*paths: Path) -> Iterator[None]:
    """Make ``paths`` unreadable while in the block: mode 000 and, when the tests run as root
    (whom permissions do not stop), opening them through :meth:`Path.open` raises PermissionError."""
    denied = set(paths)
    real_open = Path.open

    def open_or_deny(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self in denied:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        for path in paths:
            path.chmod(0)
        if os.geteuid() == 0:
            mp.setattr(Path, "open", open_or_deny)
        yield


@pytest.fixture(scope="session")
def unreadable() -> Callable[..., contextlib.AbstractContextManager[None]]:
    """``with unreadable(path, ...):`` reading those files fails with PermissionError."""
    return _unreadable
