"""shabaka.arabic: the spelling normalizers are camel-tools' exactly; the helpers' thresholds."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shabaka import arabic

ROOT = Path(__file__).resolve().parents[1]
#: The five real articles (outside the repository: ../shared/corpus).
CORPUS = ROOT.parent / "shared" / "corpus"

#: The Arabic block, Arabic Supplement and presentation forms, plus combining marks,
#: tatweel, the invisible characters and a few Latin letters and spaces.
ARABIC_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0x0750, max_codepoint=0x077F),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF),
        st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),
        st.characters(min_codepoint=0x0300, max_codepoint=0x036F),
        st.sampled_from(" \n\u0640\u200c\u200d\u200f\u202eabcXYZ0123"),
    ),
    max_size=200,
)


def _camel() -> dict[str, object]:
    pytest.importorskip("camel_tools", reason="camel-tools (the [camel] extra) is not installed: nothing to compare to")
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar

    return {
        "dediac": dediac_ar,
        "normalize_alef": normalize_alef_ar,
        "normalize_alef_maksura": normalize_alef_maksura_ar,
        "normalize_teh_marbuta": normalize_teh_marbuta_ar,
    }


def _assert_same(camel: dict[str, object], text: str) -> None:
    for name, reference in camel.items():
        assert getattr(arabic, name)(text) == reference(text), (name, text)  # type: ignore[operator]
    combined = camel["normalize_teh_marbuta"](
        camel["normalize_alef_maksura"](camel["normalize_alef"](camel["dediac"](text)))
    )  # type: ignore[operator]
    assert arabic.normalize_letters(text) == combined, text


def test_normalizers_equal_camel_tools_on_every_line_of_the_real_corpus() -> None:
    camel = _camel()
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip(f"the real corpus is not there: {CORPUS}")
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 50
    changed = 0
    for line in lines:
        _assert_same(camel, line)
        changed += arabic.normalize_letters(line) != line
    assert changed > 20  # the corpus exercises the maps, not only identity


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARABIC_TEXT)
def test_normalizers_equal_camel_tools_on_generated_arabic(text: str) -> None:
    _assert_same(_camel(), text)


def test_the_character_sets_are_camel_tools() -> None:
    pytest.importorskip("camel_tools", reason="camel-tools (the [camel] extra) is not installed")
    from camel_tools.utils.charsets import AR_DIAC_CHARSET

    assert frozenset(arabic.DIACRITICS) == AR_DIAC_CHARSET
    every = "".join(map(chr, range(0x0600, 0x0700)))
    assert arabic.normalize_alef(every).count(arabic.ALEF) == 1 + len(arabic.ALEF_VARIANTS)


def test_article_thresholds() -> None:
    # two letters left: the view's search and the model's core feature; three: names in resolution
    assert arabic.drop_article("الرب") == "رب"
    assert arabic.drop_article("الرب", min_rest=3) == "الرب"
    assert arabic.drop_article("الرباط", min_rest=3) == "رباط"
    assert arabic.drop_article("ال") == "ال" and arabic.drop_article("الخ") == "الخ"
    assert arabic.is_definite("وللامن") and not arabic.is_definite("لبنان")


def test_the_clitic_splitters_differ_where_documented() -> None:
    # the resolver cuts a bare proclitic off a short word; the model's lookup needs three letters left
    assert "بنك" in arabic.proclitic_variants("لبنك") and "بنك" in arabic.lookup_variants("لبنك")
    assert "نا" in arabic.proclitic_variants("لنا") and "نا" not in arabic.lookup_variants("لنا")
    assert arabic.segment("وللرئيس") == ("ول", "الرئيس")


def test_skeletons() -> None:
    assert arabic.skeleton("دايفيد") == arabic.skeleton("ديفيد") == "دفد"
    assert arabic.search_skeleton("امريكا اميركا") == "امرك امرك"


def test_only_the_camel_backend_imports_camel_tools() -> None:
    package = ROOT / "src" / "shabaka"
    importers = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "camel_tools" or n.startswith("camel_tools.") for n in names):
                importers.add(path.relative_to(package).as_posix())
    assert importers <= {"extract/camel.py"}, importers


def _char_maps() -> dict[str, arabic.CharMap]:
    from shabaka import dates, text
    from shabaka.clean import patterns

    return {
        "letters": arabic._LETTERS,
        "bidi": text._BIDI_TABLE,
        "invisible": text._INVISIBLE_TABLE,
        "key": text._KEY_TABLE,
        "clean fold": patterns._FOLD,
        "date fold": dates._FOLD,
    }


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ARABIC_TEXT, min_size=1, max_size=20).map("".join))
def test_char_maps_give_what_str_translate_gives(text: str) -> None:
    # long texts take the str.replace path, short ones str.translate: both must be translate's
    for name, fold in _char_maps().items():
        assert fold(text) == text.translate(fold.table), name


def test_a_char_map_refuses_a_replacement_that_it_would_map_again() -> None:
    # translate maps in one pass: ا -> ب then ب -> ت would give ت by str.replace, ب by translate
    with pytest.raises(ValueError):
        arabic.CharMap({ord("ا"): "ب", ord("ب"): "ت"})
    text = "اب" * 40
    assert arabic.CharMap({ord("ا"): "ب"})(text) == text.translate({ord("ا"): "ب"})
