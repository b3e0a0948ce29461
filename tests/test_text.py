from shabaka.text import (
    MAX_SENTENCE_TOKENS,
    normalize_key,
    split_sentences,
    strip_bidi_controls,
    strip_invisible,
    token_offsets,
    tokenize,
)


def test_normalize_key_variants_agree():
    assert normalize_key("أمريكية") == normalize_key("امريكيه") == normalize_key("أَمْرِيكِيَّة")
    assert normalize_key("مستشفى") == normalize_key("مستشفي")
    assert normalize_key("حمـــوشي") == normalize_key("حموشي")  # tatweel
    assert normalize_key("ﻻ") == normalize_key("لا")  # presentation form
    assert normalize_key("ی") == normalize_key("ي")  # Persian yeh
    assert normalize_key("٢٠٢٤") == "2024"
    assert normalize_key("حمو\u200cشي") == normalize_key("حموشي")  # zero-width non-joiner
    assert normalize_key("FBI") == normalize_key("fbi")


def test_normalize_key_keeps_different_names_apart():
    assert normalize_key("حموشي") != normalize_key("حموش")
    assert normalize_key("ليبيا") != normalize_key("لبنان")


def test_tokens_point_into_the_text():
    text = "وقال السفير «دايفيد فيشر»: التعاون بلغ 3.5 مليار، (الديستي)."
    tokens = tokenize(text)
    assert [t.text for t in tokens][:6] == ["وقال", "السفير", "«", "دايفيد", "فيشر", "»"]
    assert "3.5" in [t.text for t in tokens]
    for t in tokens:
        assert text[t.start : t.end] == t.text


def test_sentences_split_on_arabic_punctuation_not_numbers_or_abbreviations():
    text = "زار الوزير الرباط؟ نعم! بلغت النسبة 2.5 في المائة؛ وقال د. سمير إن الأمر جيد… انتهى\nسطر جديد"
    sentences = split_sentences(text, "d")
    assert [s.text for s in sentences] == [
        "زار الوزير الرباط؟",
        "نعم!",
        "بلغت النسبة 2.5 في المائة؛",
        "وقال د. سمير إن الأمر جيد…",
        "انتهى",
        "سطر جديد",
    ]
    assert [s.paragraph for s in sentences] == [0, 0, 0, 0, 0, 1]
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert all(text[t.start : t.end] == t.text for t in s.tokens)


def test_quote_after_the_period_stays_with_its_sentence():
    sentences = split_sentences("قال: «انتهى الأمر.» ثم غادر.")
    assert [s.text for s in sentences] == ["قال: «انتهى الأمر.»", "ثم غادر."]


def test_names_differing_only_by_invisible_characters_forms_or_persian_letters_have_one_key():
    key = normalize_key("عبد الله الكرماني")
    for variant in (
        "عبد \u200dالله الكرماني",  # zero-width joiner
        "عبد الله الكر\u200cماني",  # zero-width non-joiner
        "\u202eعبد الله\u202c الكرماني",  # right-to-left override
        "\u2066عبد الله الكرماني\u2069",  # isolate
        "عبد \ufdf2 الكرماني",  # ﷲ ligature
        "عبد الله الکرمانی",  # Persian keheh and yeh
        "عبدُ اللهِ الكِرمانيّ",  # diacritics
        "عبد الله الكرما\u00adني",  # soft hyphen
    ):
        assert normalize_key(variant) == key, variant
    assert normalize_key("ﻻ") == normalize_key("لا") and normalize_key("ۀ") == normalize_key("ه")
    assert normalize_key("١٢٣ ۴۵۶") == "123 456"
    assert normalize_key("\u064b\u064e\u0651") == ""  # a token of diacritics only


def test_bidi_controls_are_stripped_for_display_but_joiners_kept():
    assert strip_bidi_controls("\u202eكريم\u202c \u2067می\u200cخواهم\u2069") == "كريم می\u200cخواهم"
    assert strip_invisible("می\u200cخواهم\u200f") == "میخواهم"


def test_invisible_characters_do_not_split_a_token():
    text = "زار \u202eحمو\u200bشي\u202c الرباط"
    tokens = tokenize(text)
    assert len(tokens) == 3 and normalize_key(tokens[1].text) == normalize_key("حموشي")


def test_over_long_sentences_are_cut_with_exact_offsets():
    text = " ".join(f"كلمة{i}" for i in range(1000)) + "، " + "نهاية"  # no sentence end in 1000 words
    sentences = split_sentences(text, "d")
    assert [len(s.tokens) for s in sentences] == [MAX_SENTENCE_TOKENS] * 5 + [2]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    comma = split_sentences("أ ب ج، د ه و ز", max_tokens=6)
    assert [s.text for s in comma] == ["أ ب ج،", "د ه و ز"]  # cut after the comma, not inside a name


def test_many_periods_and_one_huge_line_are_split_right():
    # their time is measured by `benchmarks/bench_hostile.py --scaling periods line-words`, not here
    many_periods = "قال. " * 50_000  # 50 k periods, each looked at as a possible abbreviation
    huge_line = "كلمة " * 100_000  # a 500 k character line without punctuation
    assert len(split_sentences(many_periods)) == 50_000
    assert len(split_sentences(huge_line)) == 100_000 // MAX_SENTENCE_TOKENS


def test_other_line_breaks_end_paragraphs():
    sentences = split_sentences("سطر أول\r\nسطر ثان\rسطر ثالث\u2029سطر رابع")
    assert [s.text for s in sentences] == ["سطر أول", "سطر ثان", "سطر ثالث", "سطر رابع"]
    assert [s.paragraph for s in sentences] == [0, 1, 2, 3]


def test_token_offsets_are_the_tokens_of_tokenize():
    # repeated words, runs of spaces and line breaks, invisible characters inside a word,
    # diacritics, tatweel, numbers with separators and punctuation glued to words
    text = "زار  الوزير\tالوزيرُ الرباط\n\nو‌الرباط (1,200) ـالرباط، 3.5. الرباطَ؟ ؟"
    words, starts, ends = token_offsets(text)
    assert list(zip(words, starts, ends, strict=True)) == [(t.text, t.start, t.end) for t in tokenize(text)]
    assert [text[a:b] for a, b in zip(starts, ends, strict=True)] == words
