"""Arabic text preparation: matching keys, sentence splitting and tokens with offsets.

Surface forms are never changed: :func:`normalize_key` makes a *key* for matching
(searching أمريكا finds أميركا, حموشي matches حمّوشي), while tokens and sentences keep
offsets into the original text for display and evidence.

Invisible characters are handled in two ways:

* :data:`BIDI_CONTROLS` (embeddings, overrides, isolates) can reorder what a reader
  sees without being seen themselves; :func:`strip_bidi_controls` removes them from
  text meant for display (ingest removes them from every document it reads).
* :data:`INVISIBLE` adds the marks and zero-width characters: keys drop them all, so
  names differing only by invisible characters have one key. Display text keeps
  zero-width (non-)joiners, which are part of Persian and Urdu spelling; tokens keep
  invisible characters inside words, so they never split a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from shabaka.arabic import CharMap, normalize_letters
from shabaka.model import Sentence, Token

#: Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: Invisible characters that must not make two names differ: bidi controls and marks
#: (LRM RLM ALM), zero-width space and (non-)joiners, word joiner and invisible
#: operators, BOM, soft hyphen, combining grapheme joiner, Mongolian vowel separator.
INVISIBLE = BIDI_CONTROLS + "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_BIDI_TABLE = CharMap(dict.fromkeys(map(ord, BIDI_CONTROLS)))
_INVISIBLE_TABLE = CharMap(dict.fromkeys(map(ord, INVISIBLE)))

_KEY_TABLE = CharMap(
    str.maketrans(
        {
            "\u0640": None,  # tatweel
            "\u0653": None,  # maddah, hamza above and below left alone by NFKC (no letter to compose with)
            "\u0654": None,
            "\u0655": None,
            "\u06cc": "\u064a",  # Persian yeh -> Arabic yeh
            "\u06cd": "\u064a",  # yeh with tail
            "\u06d0": "\u064a",  # yeh "e"
            "\u06d2": "\u064a",  # yeh barree
            "\u06a9": "\u0643",  # keheh -> kaf
            "\u06aa": "\u0643",  # swash kaf
            "\u06c1": "\u0647",  # heh goal -> heh
            "\u06c0": "\u0647",  # heh with yeh above (Persian ezafe)
            "\u06c2": "\u0647",  # heh goal with hamza above
            "\u06d5": "\u0647",  # ae (Kurdish, Uyghur heh)
            "\u06c3": "\u0629",  # teh marbuta goal -> teh marbuta
            "\u0671": "\u0627",  # alef wasla -> alef
            "\u0672": "\u0627",  # alef with wavy hamza above / below
            "\u0673": "\u0627",
            **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
            **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended Arabic-Indic digits
            **dict.fromkeys(INVISIBLE),
        }
    )
)


def strip_invisible(text: str) -> str:
    """Remove every :data:`INVISIBLE` character (bidi controls and marks, zero-width characters).

    >>> strip_invisible("حمو\\u200cشي\\u202e")
    'حموشي'
    """
    return _INVISIBLE_TABLE(text)


def strip_bidi_controls(text: str) -> str:
    """Remove :data:`BIDI_CONTROLS`, which could reorder what a label or panel shows.

    Zero-width (non-)joiners and the LRM/RLM marks are kept: they are spelling, or
    cannot reorder text beyond a neutral character.

    >>> strip_bidi_controls("\\u202eحمو\\u200cشي\\u2066x\\u2069")
    'حمو\\u200cشيx'
    """
    return _BIDI_TABLE(text)


def normalize_key(text: str) -> str:
    """The matching key of a string: same key, same name for a reader.

    Applies Unicode NFKC (presentation forms such as ﻻ and ﷲ), drops invisible
    characters and tatweel, maps Persian and Urdu letters (ی ک ہ) and Arabic-Indic
    digits, removes diacritics and normalizes alef (أ إ آ ٱ → ا), alef maksura (ى → ي)
    and teh marbuta (ة → ه) as camel-tools does (:func:`shabaka.arabic.normalize_letters`),
    case-folds and collapses whitespace.
    Idempotent: NFKC runs again last, as removing a character can bring together two
    that compose (``e``, ZWSP, U+0301), and case folding can decompose (ǰ).

    Examples
    --------
    >>> normalize_key("أَمْرِيكِيَّة") == normalize_key("امريكيه")
    True
    >>> normalize_key("  FBI ")
    'fbi'
    >>> normalize_key("\\u202eعبد ﷲ\\u200d") == normalize_key("عبد الله")
    True
    """
    return _short_key(text) if len(text) <= _CACHED_CHARS else _key(text)


#: At most this many combining marks in a row are kept in a key: no letter carries
#: more (Unicode's stream-safe format allows 30), and NFKC sorts a run of marks in time
#: growing as the square of its length (a 100 KB run: seconds).
MAX_MARKS = 30
_MANY_NONLETTERS = re.compile(rf"[^\w\s]{{{MAX_MARKS + 1}}}")


def cap_marks(text: str) -> str:
    """``text`` without the combining marks beyond :data:`MAX_MARKS` in a row. Linear time.

    >>> cap_marks("ب" + "\u064e" * 40) == "ب" + "\u064e" * MAX_MARKS
    True
    """
    if not _MANY_NONLETTERS.search(text):  # marks are neither \w nor spaces: no long run, nothing to do
        return text
    out = []
    run = 0
    for c in text:
        run = run + 1 if unicodedata.combining(c) else 0
        if run <= MAX_MARKS:
            out.append(c)
    return "".join(out)


def _key(text: str) -> str:
    # invisible characters go first: they must not stop NFKC from composing (و, LRI, U+0654)
    text = cap_marks(_INVISIBLE_TABLE(text))
    text = _KEY_TABLE(unicodedata.normalize("NFKC", text))
    text = unicodedata.normalize("NFKC", normalize_letters(text).casefold())
    return " ".join(text.split())


#: Keys of short strings (tokens, names: a few thousand cover most of a corpus) are cached.
_CACHED_CHARS = 40
_short_key = lru_cache(maxsize=2**16)(_key)


#: Characters that continue a word: Arabic diacritics, tatweel, combining marks,
#: variation selectors and the invisible characters (which must not split a name).
_MARKS = (
    "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640\ufe00-\ufe0f"
    + INVISIBLE
)
_TOKEN_RE = re.compile(
    rf"\d+(?:[.,\u066b\u066c]\d+)+"  # numbers with a decimal or thousands separator: 3.5, 1,200
    rf"|(?:\w|[{_MARKS}])+"  # words (letters, digits, diacritics, tatweel, invisible characters)
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


def token_texts(text: str) -> list[str]:
    """The texts of the tokens of :func:`tokenize`, without their offsets.

    >>> token_texts("قال: زار 3.5")
    ['قال', ':', 'زار', '3.5']
    """
    return _TOKEN_RE.findall(text)


def token_offsets(text: str) -> tuple[list[str], list[int], list[int]]:
    """The tokens of :func:`tokenize` as three lists: their texts, start and end offsets.

    No object per token: for code that reads many sentences again (relation finding).

    >>> token_offsets("قال: زار  3.5")
    (['قال', ':', 'زار', '3.5'], [0, 3, 5, 10], [3, 4, 8, 13])
    """
    words = token_texts(text)
    return (words, *_offsets(text, words, 0))


def _offsets(text: str, words: list[str], start: int) -> tuple[list[int], list[int]]:
    """The start and end offsets of ``words``, the tokens of ``text`` from ``start`` on."""
    starts, ends = [], []
    end = start
    for word in words:
        end = text.find(word, end)  # only whitespace lies before a token: its first occurrence is it
        starts.append(end)
        end += len(word)
        ends.append(end)
    return starts, ends


#: Abbreviations after which a period does not end a sentence (compared on normalize_key).
ABBREVIATIONS = frozenset(
    {"د", "م", "ه", "ق", "ص", "ب", "ج", "ت", "ش", "ا", "أ", "ف",
     "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "etc", "inc", "ltd", "jr", "sr", "u.s", "u.k"}
)  # fmt: skip
_ABBREVIATION_CHARS = max(map(len, ABBREVIATIONS))

#: A sentence has at most this many tokens: a longer one (a line without punctuation,
#: a scraped dump) is cut into chunks of at most this many tokens, after the last comma
#: of the chunk's second half where there is one. Extractors and evidence stay bounded.
MAX_SENTENCE_TOKENS = 200
_SOFT_BREAKS = frozenset({"،", ",", ":", ";", "-", "–", "—"})

_LINE_BREAKS = "\n\r\u2028\u2029"
_END_RE = re.compile(r"[.?!؟؛…]+|\r\n?|[\n\u2028\u2029]")
_CLOSERS = "\"'»”’)]"
_WORD_BEFORE_RE = re.compile(r"[\w.]+$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the period at ``dot`` closes an abbreviation or an initial (د. ، U.S.).

    Looks back a few characters only (abbreviations are short), so that splitting a
    text with many periods stays linear.
    """
    lookback = max(0, dot - _ABBREVIATION_CHARS - 2)
    m = _WORD_BEFORE_RE.search(text, lookback, dot)
    if not m or (m.start() == lookback > 0 and _WORD_BEFORE_RE.match(text[lookback - 1])):
        return False  # no word, or a word longer than any abbreviation
    return _is_abbreviation_word(m.group().strip("."))


@lru_cache(maxsize=4096)
def _is_abbreviation_word(word: str) -> bool:
    return len(word) == 1 or (len(word) <= _ABBREVIATION_CHARS and normalize_key(word) in ABBREVIATIONS)


def _sentence_bounds(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield (start, end, paragraph) of each sentence; a paragraph is a line of text."""
    paragraph = 0
    in_paragraph = False  # has the current line yielded a sentence yet?
    start = 0
    for m in _END_RE.finditer(text):
        end = m.end()
        line_break = m.group()[0] in _LINE_BREAKS
        if not line_break:
            nxt = text[end : end + 1]
            if nxt and not nxt.isspace() and nxt not in _CLOSERS:
                continue  # 3.5, a.m., U.S.A or a dot glued to the next word
            if m.group() == "." and _is_abbreviation(text, m.start()):
                continue
            while end < len(text) and text[end] in _CLOSERS:
                end += 1
        if not text[start:end].isspace():
            yield start, end, paragraph
            in_paragraph = True
        if line_break and in_paragraph:
            paragraph += 1
            in_paragraph = False
        start = end
    if start < len(text) and not text[start:].isspace():
        yield start, len(text), paragraph


def _chunks(words: list[str], limit: int) -> Iterator[tuple[int, int]]:
    """The bounds of consecutive chunks of ``words`` of at most ``limit`` words: a chunk of
    ``limit`` words is cut after the last soft break of its second half, where there is one."""
    lo = 0
    while 0 < limit <= len(words) - lo:
        cut = next((i for i in range(limit - 1, limit // 2, -1) if words[lo + i - 1] in _SOFT_BREAKS), limit)
        yield lo, lo + cut
        lo += cut
    if lo < len(words):
        yield lo, len(words)


def split_sentences(text: str, doc_id: str = "", max_tokens: int = MAX_SENTENCE_TOKENS) -> list[Sentence]:
    """Split a document's text into sentences with tokens, offsets and paragraph numbers.

    A sentence ends at ``. ؟ ? ! ؛ …`` followed by a space or the end, and at line
    breaks; not inside numbers (3.5) nor after abbreviations and initials (د. ، U.S.).
    Each non-empty line is a paragraph. A sentence of more than ``max_tokens`` tokens
    is cut into several (see :data:`MAX_SENTENCE_TOKENS`). A sentence's offsets are
    those of its first and last tokens: ``text[s.start:s.end] == s.text``. Linear time.

    Examples
    --------
    >>> [s.text for s in split_sentences("زار د. أحمد الرباط يوم 3.5. ثم عاد؟ نعم\\nفقرة ثانية")]
    ['زار د. أحمد الرباط يوم 3.5.', 'ثم عاد؟', 'نعم', 'فقرة ثانية']
    >>> [s.paragraph for s in split_sentences("أ. ب\\n\\nج")]
    [0, 1]
    >>> [s.text for s in split_sentences("واحد اثنان، ثلاثة أربعة خمسة", max_tokens=4)]
    ['واحد اثنان،', 'ثلاثة أربعة خمسة']
    """
    sentences = []
    for s, words, starts, ends in sentence_tokens(text, doc_id, max_tokens):
        s.tokens = [Token(*t) for t in zip(words, starts, ends, strict=True)]
        sentences.append(s)
    return sentences


def sentence_tokens(
    text: str, doc_id: str = "", max_tokens: int = MAX_SENTENCE_TOKENS
) -> list[tuple[Sentence, list[str], list[int], list[int]]]:
    """The sentences of :func:`split_sentences`, their ``tokens`` left empty, each with its
    tokens as three lists (texts, start and end offsets): no object per token, for the build.

    >>> [(s.text, words, starts) for s, words, starts, _ in sentence_tokens("قال: نعم. ثم عاد")]
    [('قال: نعم.', ['قال', ':', 'نعم', '.'], [0, 3, 5, 8]), ('ثم عاد', ['ثم', 'عاد'], [10, 13])]
    """
    out: list[tuple[Sentence, list[str], list[int], list[int]]] = []
    for start, end, paragraph in _sentence_bounds(text):
        words = _TOKEN_RE.findall(text, start, end)
        starts, ends = _offsets(text, words, start)
        for lo, hi in _chunks(words, max_tokens):
            first, last = starts[lo], ends[hi - 1]
            sentence = Sentence(doc_id, len(out), paragraph, first, last, text[first:last], [])
            out.append((sentence, words[lo:hi], starts[lo:hi], ends[lo:hi]))
    return out


#: A headline has at least this many words and at most this many.
HEADLINE_WORDS = (3, 24)
_HEADLINE_END = ".:؛;"


def headline(text: str) -> str | None:
    """The headline of an article's text: its first line, where that reads as one.

    A line of :data:`HEADLINE_WORDS` words, with no full stop or colon at its end, and
    followed by more text; not a byline (``الدار / خاص``, ``الرباط - كمال العلمي``: few
    words around a slash or a dash). ``None`` otherwise (the text starts with its first
    sentence).

    >>> headline("اتفاق جديد بين البلدين على تعزيز التعاون\\nوقع الوزيران اليوم اتفاقا.")
    'اتفاق جديد بين البلدين على تعزيز التعاون'
    >>> headline("وقع الوزيران اليوم اتفاقا في الرباط على تعزيز التعاون.\\nوأضاف المصدر.") is None
    True
    >>> headline("الدار / خاص\\nيبرز التنسيق بين البلدين.") is None
    True
    """
    first, newline, rest = text.strip().partition("\n")
    first = first.strip()
    words = [w for w in first.split() if any(c.isalpha() for c in w)]
    low, high = HEADLINE_WORDS
    if not newline or not rest.strip() or not low <= len(words) <= high or first[-1] in _HEADLINE_END:
        return None
    if len(words) <= 5 and any(sep in first.split() for sep in ("/", "|", "-", "–")):
        return None
    return first
