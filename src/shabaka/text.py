"""Arabic text preparation: matching keys, sentence splitting and tokens with offsets.

Surface forms are never changed: :func:`normalize_key` makes a *key* for matching
(searching أمريكا finds أميركا, حموشي matches حمّوشي), while tokens and sentences keep
offsets into the original text for display and evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache

from shabaka.model import Sentence, Token

#: Invisible characters that must not make two names differ: bidi marks, embeddings,
#: overrides and isolates, zero-width (non-)joiners, word joiner, BOM, soft hyphen.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
_INVISIBLE_TABLE = {ord(c): None for c in INVISIBLE}

_KEY_TABLE = str.maketrans(
    {
        "\u0640": None,  # tatweel
        "\u06cc": "\u064a",  # Persian yeh -> Arabic yeh
        "\u06d2": "\u064a",  # yeh barree
        "\u06a9": "\u0643",  # keheh -> kaf
        "\u06c1": "\u0647",  # heh goal -> heh
        "\u0671": "\u0627",  # alef wasla -> alef
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended Arabic-Indic digits
        **{c: None for c in INVISIBLE},
    }
)


@cache
def _camel_normalizers() -> Callable[[str], str]:
    # camel-tools builds its character tables on import (~0.8 s): load on first use.
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
    )

    def apply(text: str) -> str:
        return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(text))))

    return apply


def strip_invisible(text: str) -> str:
    """Remove bidi controls and zero-width characters (they can flip or split what a reader sees).

    >>> strip_invisible("حمو\\u200cشي\\u202e")
    'حموشي'
    """
    return text.translate(_INVISIBLE_TABLE)


def normalize_key(text: str) -> str:
    """The matching key of a string: same key, same name for a reader.

    Applies Unicode NFKC (presentation forms such as ﻻ), drops invisible characters and
    tatweel, maps Persian letters and Arabic-Indic digits, removes diacritics and
    normalizes alef (أ إ آ ٱ → ا), alef maksura (ى → ي) and teh marbuta (ة → ه) with
    camel-tools, lower-cases Latin letters and collapses whitespace. Idempotent.

    Examples
    --------
    >>> normalize_key("أَمْرِيكِيَّة") == normalize_key("امريكيه")
    True
    >>> normalize_key("  FBI ")
    'fbi'
    """
    text = unicodedata.normalize("NFKC", text).translate(_KEY_TABLE)
    text = _camel_normalizers()(text).casefold()
    return " ".join(text.split())


_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640\u200c\u200d"
_TOKEN_RE = re.compile(
    rf"\d+(?:[.,\u066b\u066c]\d+)+"  # numbers with a decimal or thousands separator: 3.5, 1,200
    rf"|(?:\w|[{_MARKS}])+"  # words (letters, digits, diacritics, tatweel, ZWJ/ZWNJ)
    rf"|[^\s]",  # any other visible character is a token of its own
)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into word, number and punctuation tokens with character offsets.

    Clitics stay attached (والمغرب is one token), as in the Arabic NER corpora.
    ``offset`` is added to every position, for text that is a slice of a document.

    >>> [t.text for t in tokenize("قال: زار 3.5 (الديستي)")]
    ['قال', ':', 'زار', '3.5', '(', 'الديستي', ')']
    """
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN_RE.finditer(text)]


#: Abbreviations after which a period does not end a sentence (compared on normalize_key).
ABBREVIATIONS = frozenset(
    {"د", "م", "ه", "ق", "ص", "ب", "ج", "ت", "ش", "ا", "أ", "ف",
     "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "inc", "ltd", "jr", "sr", "u.s", "u.k"}
)  # fmt: skip

_END_RE = re.compile(r"[.?!؟؛…]+|\n")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the period at ``dot`` closes an abbreviation or an initial (د. ، U.S.)."""
    m = re.search(r"[\w.]+$", text[:dot])
    if not m:
        return False
    word = m.group().strip(".")
    return len(word) == 1 or normalize_key(word) in ABBREVIATIONS


def _sentence_bounds(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (start, end, paragraph) of each sentence; a paragraph is a line of text."""
    paragraph = 0
    in_paragraph = False  # has the current line yielded a sentence yet?
    start = 0
    for m in _END_RE.finditer(text):
        end = m.end()
        if m.group() != "\n":
            nxt = text[end : end + 1]
            if nxt and not nxt.isspace() and nxt not in "\"'»”’)]":
                continue  # 3.5, a.m., U.S.A or a dot glued to the next word
            if m.group() == "." and _is_abbreviation(text, m.start()):
                continue
            while end < len(text) and text[end] in "\"'»”’)]":
                end += 1
        if text[start:end].strip():
            yield start, end, paragraph
            in_paragraph = True
        if m.group() == "\n" and in_paragraph:
            paragraph += 1
            in_paragraph = False
        start = end
    if text[start:].strip():
        yield start, len(text), paragraph


def split_sentences(text: str, doc_id: str = "") -> list[Sentence]:
    """Split a document's text into sentences with tokens, offsets and paragraph numbers.

    A sentence ends at ``. ؟ ? ! ؛ …`` followed by a space or the end, and at line
    breaks; not inside numbers (3.5) nor after abbreviations and initials (د. ، U.S.).
    Each non-empty line is a paragraph.

    Examples
    --------
    >>> [s.text for s in split_sentences("زار د. أحمد الرباط يوم 3.5. ثم عاد؟ نعم\\nفقرة ثانية")]
    ['زار د. أحمد الرباط يوم 3.5.', 'ثم عاد؟', 'نعم', 'فقرة ثانية']
    >>> [s.paragraph for s in split_sentences("أ. ب\\n\\nج")]
    [0, 1]
    """
    sentences: list[Sentence] = []
    for start, end, paragraph in _sentence_bounds(text):
        # trim surrounding whitespace so offsets point at the sentence itself
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        chunk = text[start:end]
        sentences.append(Sentence(doc_id, len(sentences), paragraph, start, end, chunk, tokenize(chunk, start)))
    return sentences
