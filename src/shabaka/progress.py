"""Progress bars, one per phase of a run (read, extract, resolve, count, write).

A :class:`Progress` hands out the bars: :mod:`tqdm` bars (count, total where it is
known, rate, time left) on standard error when enabled, bars that draw nothing when not.
The engines open a bar per phase; the command line opens the one of writing. Whether
bars are drawn is the caller's choice: the command line draws them on a terminal, or
everywhere with ``--progress``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import IO, Any

from tqdm import tqdm

#: The phases of a run, in order (their bars are labelled with these names).
PHASES = ("read", "extract", "resolve", "count", "write")


class Progress:
    """The bars of one run.

    >>> import io
    >>> out = io.StringIO()
    >>> with Progress(True, out).bar("count", total=4, unit="doc") as bar:
    ...     bar.update(4)
    >>> "count" in out.getvalue() and "4/4" in out.getvalue()
    True
    """

    def __init__(self, enabled: bool = False, file: IO[str] | None = None) -> None:
        self.enabled = enabled
        self.file = file

    def bar(
        self, phase: str, iterable: Iterable[Any] | None = None, *, total: int | None = None, unit: str = "doc"
    ) -> tqdm:
        """A bar for ``phase`` (one of :data:`PHASES`), over ``iterable`` if given; use it as a context manager."""
        if phase not in PHASES:
            raise ValueError(f"unknown phase {phase!r}; one of {', '.join(PHASES)}")
        return tqdm(
            iterable,
            total=total,
            desc=f"{phase:<7}",
            unit=unit,
            disable=not self.enabled,
            file=self.file or sys.stderr,
            dynamic_ncols=True,
            mininterval=0.5,
        )
