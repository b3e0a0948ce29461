"""Extractor backends, chosen by name.

Every backend is registered here, in one table, by the import path of its class, so
that choosing ``"gazetteer"`` never imports torch and the CLI starts fast. A backend
is a :class:`~shabaka.extract.base.Extractor`; :func:`make_extractor` builds one.

========== ================================================================
name       what it is
========== ================================================================
embedded   shabaka's own Arabic NER model, shipped in the package (default)
camel      camel-tools' BERT NER (needs ``camel_data -i ner``)
gazetteer  a user list of names (CSV or YAML), matched with clitics handled
known-names the typed names of the alias tables (built-in and ``--aliases``);
           by default also run before ``embedded`` and ``camel``
name-patterns names of bodies, events and clubs found by their shape; by default
           run after ``known-names``
========== ================================================================
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from shabaka.errors import SettingsError
from shabaka.extract.base import Extractor, Span, bio_to_spans

__all__ = ["EXTRACTORS", "Extractor", "Span", "bio_to_spans", "make_extractor"]

#: name -> "module:Class"; imported only when chosen.
EXTRACTORS: dict[str, str] = {
    "embedded": "shabaka.extract.embedded:EmbeddedExtractor",
    "camel": "shabaka.extract.camel:CamelExtractor",
    "gazetteer": "shabaka.extract.gazetteer:GazetteerExtractor",
    "known-names": "shabaka.extract.gazetteer:KnownNamesExtractor",
    "name-patterns": "shabaka.extract.patterns:NamePatternExtractor",
}


def make_extractor(name: str, **options: Any) -> Extractor:
    """Build the extractor registered as ``name`` with its keyword ``options``.

    Raises
    ------
    SettingsError
        If no extractor has that name.

    Examples
    --------
    >>> make_extractor("nope")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    shabaka.errors.SettingsError: unknown extractor 'nope': choose one of camel, embedded, gazetteer, known-names, ...
    """
    try:
        target = EXTRACTORS[name]
    except KeyError:
        raise SettingsError(f"unknown extractor {name!r}: choose one of {', '.join(sorted(EXTRACTORS))}") from None
    module, _, cls = target.partition(":")
    return getattr(import_module(module), cls)(**options)
