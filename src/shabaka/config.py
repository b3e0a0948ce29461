"""All settings of a run, in one place."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from shabaka.errors import SettingsError

#: Co-mention windows (see :mod:`shabaka.graph`).
WINDOWS = ("sentence", "paragraph", "document")
#: Engines (see :data:`shabaka.pipeline.ENGINE_DRIVERS`).
ENGINES = ("local", "dask")


def check_choice(name: str, value: object, choices: Collection[str]) -> None:
    """Raise :class:`~shabaka.errors.SettingsError` unless ``value`` is one of ``choices``.

    >>> check_choice("window", "page", WINDOWS)
    Traceback (most recent call last):
    ...
    shabaka.errors.SettingsError: window must be one of sentence, paragraph, document, not 'page'
    """
    if value not in choices:
        raise SettingsError(f"{name} must be one of {', '.join(choices)}, not {value!r}")


@dataclass(frozen=True, slots=True)
class Settings:
    """What a run does. The CLI flags and :func:`shabaka.build_graph` keywords map onto these.

    Parameters
    ----------
    extractor : backend name, see :mod:`shabaka.extract` (``embedded``, ``camel``, ``gazetteer``)
    gazetteer : CSV or YAML list of names; with another extractor its matches are added
    aliases : CSV alias table for resolution (force merges or splits)
    window : co-mention window, ``sentence``, ``paragraph`` or ``document``
    min_weight : edges mentioned together fewer times are left out
    evidence_cap : at most this many evidence sentences per node and per edge
    known_names : with the ``embedded`` or ``camel`` extractor, also find the typed names of
        the alias tables (built-in and ``aliases``), see :class:`~shabaka.extract.gazetteer.KnownNamesExtractor`
    clean : strip page boilerplate before extraction
    keep_boilerplate : write what cleaning removed next to each input file (``NAME.removed``)
    engine : ``local`` (one process, streaming) or ``dask`` (partitions mapped by Dask,
        see :mod:`shabaka.engine`)
    scheduler : with the dask engine, where it runs: None (a Dask client already active in
        the process, else a temporary local cluster of one worker process per core),
        ``synchronous``, ``threads`` or ``processes`` (Dask's single-machine schedulers;
        ``synchronous`` for debugging), or the address of a ``dask.distributed`` scheduler
        (``tcp://host:8786``)
    """

    extractor: str = "embedded"
    gazetteer: str | Path | None = None
    aliases: str | Path | None = None
    window: str = "sentence"
    min_weight: int = 1
    evidence_cap: int = 5
    known_names: bool = True
    clean: bool = True
    keep_boilerplate: bool = False
    engine: str = "local"
    scheduler: str | None = None

    def __post_init__(self) -> None:
        check_choice("window", self.window, WINDOWS)
        if self.min_weight < 1:
            raise SettingsError(f"min_weight must be at least 1, not {self.min_weight}")
        if self.evidence_cap < 0:
            raise SettingsError(f"evidence_cap must be 0 or more, not {self.evidence_cap}")
        if self.extractor == "gazetteer" and self.gazetteer is None:
            raise SettingsError("the gazetteer extractor needs a gazetteer file (--gazetteer FILE)")
        check_choice("engine", self.engine, ENGINES)
        if self.scheduler is not None and self.engine != "dask":
            raise SettingsError(f"a scheduler ({self.scheduler!r}) is only used with the dask engine (--engine dask)")
        if self.scheduler is not None and not self.scheduler.strip():
            raise SettingsError("scheduler must be a name or an address, not an empty string")
