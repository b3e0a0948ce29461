"""Names found by their shape: bodies of the state and other institutions, events, clubs.

Many names of bodies are built the same way in Arabic news: a head noun (وزارة، مجلس،
المحكمة، الإدارة ...) and what completes it — a genitive (وزارة الصحة، مجلس النواب), a
chain of them (لجنة مراقبة المالية العامة), definite adjectives (المحكمة الدستورية،
الحرس الوطني) and a complement under لل or ل (المجلس الأعلى للحسابات، المؤسسة الوطنية
لتنمية المهرجانات). A statistical model trained on other news misses most of them; this
extractor reads the shape (:func:`body_spans`). The words are data
(``shabaka/data/name_patterns.csv``, see its header).

The shape, token by token after the head:

* after an indefinite noun (the head or a genitive), the next word is its genitive: an
  indefinite noun goes on with the chain, a definite one closes it;
* once closed, the name goes on only with a definite adjective (a nisba -ي/-ية, or one
  of the listed adjectives), a word under لل, or ل + an indefinite noun that opens a
  new chain (لتنمية), and, inside such a complement, و + a definite word followed by an
  adjective (والتظاهرات الثقافية);
* a stop word (a relative, a weekday, a title ...) ends the name; the name ends where
  it was last closed, so an open chain at the end is left out; a definite head needs an
  adjective (الإدارة العامة، not الإدارة alone), and only a definite head takes a
  complement (وزارة الداخلية | لمكافحة الجريمة: the ministry, then its aim);
* a name that ends on a word for bodies (مجلس إدارة الصندوق "the fund's board") is no
  name;
* where an indefinite head opens the genitive of another (مجلس إدارة صندوق النقد), the
  name is the innermost one's.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from shabaka.arabic import is_definite, proclitic_variants
from shabaka.errors import DataFileError
from shabaka.extract.base import Extractor, Span
from shabaka.model import normalize_type
from shabaka.text import normalize_key

#: The longest name this extractor builds, in tokens.
MAX_TOKENS = 10


class PatternDataError(DataFileError):
    """The name-pattern words cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class PatternWords:
    """The words of the name patterns, as normalized keys, by role."""

    heads: dict[str, str]
    adjectives: frozenset[str]
    stops: frozenset[str]
    generic: frozenset[str]


@cache
def pattern_words() -> PatternWords:
    """Read ``shabaka/data/name_patterns.csv`` (once per process)."""
    path = files("shabaka") / "data" / "name_patterns.csv"
    roles: dict[str, dict[str, str]] = {"head": {}, "adjective": {}, "stop": {}, "generic": {}}
    with path.open(encoding="utf-8") as f:
        rows = [(n, r) for n, r in enumerate(csv.reader(f), 1) if r and not r[0].startswith("#")]
    for line, row in rows[1:]:
        role, word, kind = (*[c.strip() for c in row], "")[:3]
        if role not in roles or not word or (role == "head" and normalize_type(kind) is None):
            raise PatternDataError(f"{path}:{line}: expected role,word[,type] with a known role, got {row}")
        roles[role][normalize_key(word)] = normalize_type(kind) or ""
    return PatternWords(
        roles["head"], frozenset(roles["adjective"]), frozenset(roles["stop"]), frozenset(roles["generic"])
    )


def _is_adjective(key: str, words: PatternWords) -> bool:
    """Whether a definite key reads as an adjective of a name (a nisba or a listed one)."""
    return key in words.adjectives or key.endswith(("ي", "يه", "يين", "يون"))


def _definite_head(variants: list[str], words: PatternWords) -> tuple[str, str] | None:
    """The head among a token's proclitic variants, and its type."""
    return next(((v, words.heads[v]) for v in variants if v in words.heads), None)


def body_spans(keys: Sequence[str], words: PatternWords | None = None) -> list[Span]:
    """The names of bodies and events in one sentence of normalized keys (see the module
    docstring for the shape).

    >>> from shabaka.text import normalize_key
    >>> def names(text):
    ...     toks = text.split()
    ...     return [" ".join(toks[s.start : s.end]) for s in body_spans([normalize_key(t) for t in toks])]
    >>> names("أعلنت وزارة الشؤون الاجتماعية الأربعاء عن خطة")
    ['وزارة الشؤون الاجتماعية']
    >>> names("وناقش المجلس الأعلى للتعليم والبحث العلمي تقريرا")
    ['المجلس الأعلى للتعليم والبحث العلمي']
    >>> names("قالت الإدارة إن لجنة تقصي الحقائق بدأت عملها")
    ['لجنة تقصي الحقائق']
    >>> names("اجتمع مجلس إدارة صندوق التنمية الزراعية في المركز الثالث")
    ['صندوق التنمية الزراعية']
    >>> names("وافق مجلس إدارة الشركة على الخطة")
    []
    """
    words = words or pattern_words()
    spans: list[Span] = []
    i = 0
    while i < len(keys):
        head = _definite_head(proclitic_variants(keys[i]), words)
        if head is None:
            i += 1
            continue
        end = _name_end(keys, i, is_definite(head[0]), words)
        inner = next((j for j in range(i + 1, end or i) if _definite_head([keys[j]], words)), None)
        if end is not None and keys[end - 1] in words.generic:
            end = None  # مجلس إدارة الصندوق: a body named by a word for bodies is no name
        if end is None or (inner is not None and not is_definite(keys[inner])):
            i = inner or i + 1  # مجلس إدارة صندوق ...: the name is the innermost body's
            continue
        spans.append(Span(i, end, head[1]))
        i = end
    return spans


def _name_end(keys: Sequence[str], start: int, definite_head: bool, words: PatternWords) -> int | None:
    """Where the name opened by the head at ``start`` ends (exclusive), or None."""
    open_chain = not definite_head  # after an indefinite noun, the next word is its genitive
    chain = 0  # indefinite genitives in a row
    in_complement = False
    last_closed: int | None = None
    j = start + 1
    while j < len(keys) and j - start < MAX_TOKENS:
        key = keys[j]
        if not key.isalpha() or key in words.stops:
            break
        if open_chain:
            if is_definite(key):
                open_chain = False
                last_closed = j + 1
            elif key.startswith(("و", "ب", "ف", "ك")) or chain == 2:
                break  # a new clause or a preposition, not a genitive
            else:
                chain += 1
        elif is_definite(key) and not key.startswith(("و", "لل")) and _is_adjective(key, words):
            last_closed = j + 1
        elif key.startswith("وال") and key[1:].endswith(("ي", "يه")) and last_closed == j:
            last_closed = j + 1  # a second adjective: الثقافية والفنية
        elif key.startswith("لل") and len(key) > 4 and definite_head:
            in_complement = True
            last_closed = j + 1
        elif key.startswith("ل") and not is_definite(key) and len(key) > 3 and definite_head:
            in_complement, open_chain, chain = True, True, 0
        elif (
            in_complement
            and key.startswith("وال")
            and j + 1 < len(keys)
            and is_definite(keys[j + 1])
            and _is_adjective(keys[j + 1], words)
        ):
            pass
        else:
            break
        j += 1
    return last_closed


class NamePatternExtractor(Extractor):
    """Names of bodies and events found by their shape (:func:`body_spans`).

    Added after the known names and before the model by default (``Settings.known_names``).

    Examples
    --------
    >>> sentence = "استقبل رئيس مجلس الشيوخ وفدا من المحكمة العليا".split()
    >>> [(s.start, s.end, s.type) for s in NamePatternExtractor().extract([sentence])[0]]
    [(2, 4, 'ORG'), (6, 8, 'ORG')]
    """

    name = "name-patterns"

    def extract(self, sentences: Sequence[Sequence[str]]) -> list[list[Span]]:
        words = pattern_words()
        return [body_spans([normalize_key(t) for t in tokens], words) for tokens in sentences]
