"""camel-tools' BERT NER (AraBERT fine-tuned on ANERcorp) as an extractor backend.

The model is not part of the camel-tools wheel: it is installed once with
``camel_data -i ner`` into ``~/.camel_tools`` (or ``$CAMELTOOLS_DATA``). Nothing here
downloads anything: when the model is missing, :class:`CamelExtractor` says so and
names the fix.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from shabaka.errors import MissingComponentError
from shabaka.extract.base import Extractor, Span, bio_to_spans


class BIOTagger(Protocol):
    """What camel-tools' ``NERecognizer`` offers: BIO tags for tokenized sentences."""

    def predict(self, sentences: list[list[str]], batch_size: int = 32) -> list[list[str]]: ...


class CamelModelMissing(MissingComponentError):
    """camel-tools' NER model data is not installed."""


def camel_data_dir() -> Path:
    """Where camel-tools keeps its data: ``$CAMELTOOLS_DATA`` or ``~/.camel_tools``."""
    return Path(os.environ.get("CAMELTOOLS_DATA") or Path.home() / ".camel_tools").expanduser()


def default_model_path() -> Path:
    """The folder ``camel_data -i ner`` installs camel-tools' default NER model into."""
    return camel_data_dir() / "data" / "ner" / "arabert"


class CamelExtractor(Extractor):
    """Entities from camel-tools' ``NERecognizer``.

    Parameters
    ----------
    model_path : a camel-tools NER model folder; default: the one ``camel_data -i ner`` installs
    tagger : an already loaded tagger with camel-tools' ``predict`` method (for reuse, and as
        the test seam where the model cannot be downloaded)
    batch_size : sentences per batch given to the model
    """

    name = "camel"

    def __init__(self, model_path: str | Path | None = None, tagger: BIOTagger | None = None, batch_size: int = 32):
        self.model_path = Path(model_path) if model_path is not None else default_model_path()
        self.batch_size = batch_size
        self._tagger = tagger

    def _load(self) -> BIOTagger:
        if self._tagger is None:
            catalogue = camel_data_dir() / "catalogue.json"
            if not (self.model_path / "config.json").is_file() or not catalogue.is_file():
                raise CamelModelMissing(
                    f"camel-tools' NER model is not installed (looked for {self.model_path}). "
                    "Install it once with `camel_data -i ner` on a machine with internet access "
                    "(or set CAMELTOOLS_DATA to a folder holding it), or choose another extractor: "
                    "--extractor embedded (default, offline) or --extractor gazetteer."
                )
            from camel_tools.ner import NERecognizer  # imports torch and transformers

            self._tagger = NERecognizer(str(self.model_path), use_gpu=False)
        return self._tagger

    def extract(self, sentences: Sequence[Sequence[str]]) -> list[list[Span]]:
        """Tag the sentences with the camel-tools model and convert BIO tags to spans."""
        if not sentences:
            return []
        tags = self._load().predict([list(s) for s in sentences], batch_size=self.batch_size)
        return [bio_to_spans(t) for t in tags]
