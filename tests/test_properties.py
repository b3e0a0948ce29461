"""Property-based tests of the text stage and the resolver on random Arabic, Latin and mixed strings."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shabaka.model import Mention
from shabaka.resolve import Resolver, form_key
from shabaka.text import INVISIBLE, _sentence_bounds, normalize_key, split_sentences, strip_bidi_controls, tokenize

ARABIC = "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئىة"
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0653\u0654\u0655"
PERSIAN_AND_FORMS = "یکہۀےڪٱﻻﷲﺍﺑ"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳"
LATIN = "abcXYZéǰßİ\u0301"
PUNCTUATION = ".,،؛؟?!…:«»\"'()[]<>/-"
SPACES = " \t\n\r\u00a0\u2028"
ALPHABET = ARABIC + DIACRITICS + "\u0640" + PERSIAN_AND_FORMS + DIGITS + LATIN + PUNCTUATION + SPACES + INVISIBLE

#: Text made of the characters scrapers bring back, plus any Unicode now and then.
texts = st.text(alphabet=st.sampled_from(ALPHABET), max_size=300) | st.text(max_size=80)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(texts)
def test_tokens_point_into_the_text(text: str) -> None:
    previous = 0
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text and t.text.strip()
        assert t.start >= previous
        previous = t.end


@FAST
@given(texts, st.integers(min_value=1, max_value=12))
def test_sentences_point_into_the_text_and_keep_every_visible_character(text: str, max_tokens: int) -> None:
    sentences = split_sentences(text, "d", max_tokens=max_tokens)
    covered = 0
    for i, s in enumerate(sentences):
        assert s.index == i and text[s.start : s.end] == s.text and s.text == s.text.strip()
        assert 0 < len(s.tokens) <= max_tokens
        assert all(text[t.start : t.end] == t.text and s.start <= t.start < t.end <= s.end for t in s.tokens)
        assert text[covered : s.start].isspace() or covered == s.start  # nothing visible is dropped
        covered = s.end
    assert text[covered:].strip() == ""
    assert [s.paragraph for s in sentences] == sorted(s.paragraph for s in sentences)
    # the tokens are tokenize's (the offsets found by search are the regular expression's), cut at most max_tokens
    assert [t for s in sentences for t in s.tokens] == [
        t for start, end, _ in _sentence_bounds(text) for t in tokenize(text[start:end], start)
    ]


@FAST
@given(texts)
def test_normalize_key_is_idempotent(text: str) -> None:
    key = normalize_key(text)
    assert normalize_key(key) == key
    assert not set(key) & set(INVISIBLE)
    assert normalize_key(strip_bidi_controls(text)) == key


@FAST
@given(st.lists(st.tuples(texts, st.sampled_from(["PER", "ORG", "LOC", "MISC"])), max_size=12))
def test_resolver_maps_every_mention_to_an_entity_or_none(items: list[tuple[str, str]]) -> None:
    mentions = [Mention("d", i, 0, 0, len(text), text, kind) for i, (text, kind) in enumerate(items)]
    resolver = Resolver()
    resolver.add("d", mentions)
    resolution = resolver.resolve()
    entity_of_form: dict[str, str | None] = {}
    for m in mentions:
        key = resolution.entity_of(m)
        assert key is None or key in resolution.entities
        assert entity_of_form.setdefault(form_key(m.text), key) == key  # one form, one entity


arabic_names = st.lists(st.text(st.sampled_from(ARABIC), min_size=3, max_size=7), min_size=2, max_size=3).map(" ".join)


@FAST
@given(arabic_names, st.lists(st.tuples(st.integers(0, 30), st.sampled_from(INVISIBLE + "\u0640")), max_size=6))
def test_names_differing_only_by_invisible_characters_are_one_entity(name: str, inserts: list[tuple[int, str]]) -> None:
    variant = name
    for at, char in inserts:
        variant = variant[:at] + char + variant[at:]
    mentions = [Mention("d", 0, 0, 0, len(name), name, "PER"), Mention("d", 1, 0, 0, len(variant), variant, "PER")]
    resolver = Resolver()
    resolver.add("d", mentions)
    resolution = resolver.resolve()
    assert resolution.entity_of(mentions[0]) == resolution.entity_of(mentions[1])
