from shabaka.text import normalize_key, split_sentences, tokenize


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
