"""All settings of a run, in one place: :class:`Settings`, with the cleaner's and the
resolver's own knobs (:class:`CleanSettings`, :class:`ResolveSettings`) as two of its fields."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from shabaka.errors import SettingsError

#: Co-mention windows (see :mod:`shabaka.graph`).
WINDOWS = ("sentence", "paragraph", "document")
#: Engines (see :data:`shabaka.pipeline.ENGINE_DRIVERS`).
ENGINES = ("local", "dask")
#: A document whose letters are less than this share Arabic is left out of a build
#: (reported and counted), unless :attr:`Settings.allow_non_arabic`.
MIN_ARABIC_SHARE = 0.3


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
class CleanSettings:
    """Thresholds and rules of the plain-text cleaner, :mod:`shabaka.clean` (counts are of
    whitespace-separated words).

    Parameters
    ----------
    prose_min_words : a line with this many words and at least one sentence punctuation
        mark is a prose paragraph.
    prose_long_words : a line with this many words is prose even without punctuation
        (unless it is a ticker, see ``ticker_run_words``).
    ticker_min_words : a line of this many words without a single punctuation mark (and
        not ending like a sentence) is a run of headlines glued together: a ticker.
    ticker_run_words : a line with a stretch of more than this many words without any
        punctuation is a run of headlines glued together (a ticker), not prose. Real
        Arabic news prose measured here never exceeds ~30 words between punctuation marks.
    short_max_words : keyword rules (menus, share buttons, form labels, footers) only
        apply to lines of at most this many words.
    date_max_other_words : a short line holding a date or time is a date stamp when at
        most this many other words remain once date words are taken out.
    gap_max_chrome : two prose paragraphs separated by this many chrome lines or more
        belong to different clusters.
    gap_max_lines : ... or separated by more than this many lines of any kind.
    secondary_min_share : a cluster other than the largest is kept when its prose has at
        least this share of the largest cluster's prose characters and no page-end marker
        (comment form, copyright, tags, "related articles" header) separates them.
    head_window : how many lines above the article are examined for headline and byline.
    head_max_text : at most this many headline/subtitle lines are kept above the article.
    head_min_words : above the article, a line (other than a byline, or a line of the
        ``anchor`` text) needs this many words to be kept as headline or subtitle;
        shorter ones are section labels, captions like "صورة أرشيفية" or widget titles,
        and are passed over.
    related_max_items : a "related articles" header turns at most this many following
        short lines into chrome (the link list under it).
    tail_max_words : a line right after the article with two to this many words and no
        digits is kept as the author's signature (a single word is a tag or a label).
    repeat_min_words : a short line containing an earlier line of at least this many
        words (a headline repeated with the site name) is a repeat.
    list_min_separators : a line with this many menu separators (`` | ``, ``»``, ``›``,
        ``•``) is a menu, breadcrumb or headline ticker, however long.
    label_max_words : a line of at most this many words ending with a dash, bar or colon
        is a site-name label ("موقع الخبر -"); a later line starting with it is the page
        title ("موقع الخبر - headline"), chrome.
    sentence_min_words : a short line that passed every chrome rule, has this many words
        and ends like a sentence (``.``, ``!``, ``؟``, maybe before a closing quote) is a
        short paragraph, treated as prose. Lines ending with ``...`` (truncated teasers)
        are not.
    rules : the names of the rules applied (:data:`shabaka.clean.RULES`); None: all of them
    """

    prose_min_words: int = 15
    prose_long_words: int = 30
    ticker_min_words: int = 25
    ticker_run_words: int = 50
    short_max_words: int = 25
    date_max_other_words: int = 2
    gap_max_chrome: int = 3
    gap_max_lines: int = 12
    secondary_min_share: float = 0.5
    head_window: int = 8
    head_max_text: int = 2
    head_min_words: int = 3
    related_max_items: int = 10
    tail_max_words: int = 4
    repeat_min_words: int = 4
    list_min_separators: int = 2
    label_max_words: int = 4
    sentence_min_words: int = 6
    rules: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class ResolveSettings:
    """Knobs of entity resolution (:mod:`shabaka.resolve`).

    Parameters
    ----------
    bracket_long_words : a bracketed alias is learned after a name of at least this many words
    bracket_short_words : ... when it has at most this many words (or the reverse: "DGST (...)")
    rules : the names of the rules applied (:data:`shabaka.resolve.RULES`); None: all of them
    """

    bracket_long_words: int = 2
    bracket_short_words: int = 3
    rules: tuple[str, ...] | None = None


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
        the alias tables (built-in and ``aliases``), see :class:`~shabaka.extract.gazetteer.KnownNamesExtractor`,
        and the names found by their shape (:mod:`shabaka.extract.patterns`)
    clean : strip page boilerplate before extraction
    keep_boilerplate : write what cleaning removed next to each input file (``NAME.removed``)
    follow_links : read the files that symbolic links inside an input folder point to
        outside it (by default they are reported and not read)
    engine : ``local`` (one process, streaming) or ``dask`` (partitions mapped by Dask,
        see :mod:`shabaka.engine`)
    cleaner : the cleaner's thresholds and rules (:class:`CleanSettings`; Python API only)
    resolver : resolution's thresholds and rules (:class:`ResolveSettings`; Python API only)
    allow_non_arabic : keep documents with little Arabic text (less than
        :data:`MIN_ARABIC_SHARE` of their letters); by default they are reported and left out
    scheduler : with the dask engine, where it runs: None (a Dask client already active in
        the process, else a temporary local cluster of one worker process per core),
        ``synchronous``, ``threads`` or ``processes`` (Dask's single-machine schedulers;
        ``synchronous`` for debugging), or the address of a ``dask.distributed`` scheduler
        (``tcp://host:8786``)
    model_dir : with the ``embedded`` extractor, the folder of another model (``ner.crfsuite`` and
        its resources, as ``training/train_ner.py --out`` writes it); None: the model shipped
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
    follow_links: bool = False
    engine: str = "local"
    scheduler: str | None = None
    allow_non_arabic: bool = False
    cleaner: CleanSettings = CleanSettings()
    resolver: ResolveSettings = ResolveSettings()
    model_dir: str | Path | None = None

    def __post_init__(self) -> None:
        check_choice("window", self.window, WINDOWS)
        if self.min_weight < 1:
            raise SettingsError(f"min_weight must be at least 1, not {self.min_weight}")
        if self.evidence_cap < 0:
            raise SettingsError(f"evidence_cap must be 0 or more, not {self.evidence_cap}")
        if self.model_dir is not None and self.extractor != "embedded":
            raise SettingsError(
                f"a model folder ({self.model_dir}) is for the embedded extractor, not {self.extractor!r}: "
                "drop the model folder or use --extractor embedded"
            )
        if self.extractor == "gazetteer" and self.gazetteer is None:
            raise SettingsError("the gazetteer extractor needs a gazetteer file (--gazetteer FILE)")
        check_choice("engine", self.engine, ENGINES)
        if self.scheduler is not None and self.engine != "dask":
            raise SettingsError(f"a scheduler ({self.scheduler!r}) is only used with the dask engine (--engine dask)")
        if self.scheduler is not None and not self.scheduler.strip():
            raise SettingsError("scheduler must be a name or an address, not an empty string")
