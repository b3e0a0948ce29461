"""The embedded NER model: loads from the package, tags Arabic news sentences, and its CoNLL tagging.

Self-contained: needs only the model files shipped in ``src/shabaka/extract/models``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from shabaka.conll import read_conll, span_scores, spans_to_bio, tag_conll, to_bio2
from shabaka.extract import make_extractor
from shabaka.extract.base import Extractor, Span
from shabaka.extract.embedded import EmbeddedExtractor, load_model, propagate
from shabaka.extract.features import Featurizer, bare_split, segment
from shabaka.text import tokenize


def toks(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def found(sentence: list[str], spans: list[Span]) -> set[tuple[str, str]]:
    return {(" ".join(sentence[s.start : s.end]), s.type) for s in spans}


@pytest.fixture(scope="module")
def extractor() -> EmbeddedExtractor:
    ex = make_extractor("embedded")
    assert isinstance(ex, EmbeddedExtractor)
    return ex


def test_model_loads_once():
    assert load_model() is load_model()


def test_tags_person_organization_location(extractor):
    sentences = [
        toks("وقال الرئيس الأمريكي جورج بوش في واشنطن إن الولايات المتحدة ستدعم الحكومة العراقية ."),
        toks("وأعلنت وزارة الخارجية الفرنسية في باريس أن الوزير برنار كوشنير سيزور بيروت غدا ."),
        toks("وقال الأمين العام للأمم المتحدة بان كي مون إن المنظمة قلقة ."),
    ]
    spans = extractor.extract(sentences)
    assert len(spans) == 3
    first = found(sentences[0], spans[0])
    assert ("جورج بوش", "PER") in first
    assert ("واشنطن", "LOC") in first
    assert ("الولايات المتحدة", "LOC") in first
    second = found(sentences[1], spans[1])
    assert ("باريس", "LOC") in second
    assert ("بيروت", "LOC") in second
    assert any(t == "PER" and "كوشنير" in text for text, t in second)
    third = found(sentences[2], spans[2])
    assert ("بان كي مون", "PER") in third
    assert any(t == "ORG" and "المتحدة" in text for text, t in third)


def test_confidences_in_unit_interval(extractor):
    sentences = [toks("زار الملك محمد السادس مدينة طنجة أمس ."), toks("لا شيء هنا ."), []]
    spans = extractor.extract(sentences)
    assert spans[2] == []
    assert spans[0], "expected entities in the first sentence"
    for sent in spans:
        for span in sent:
            assert 0.0 <= span.confidence <= 1.0
            assert span.type in ("PER", "ORG", "LOC", "MISC")
    for tags, conf in extractor.tag(sentences):
        assert len(tags) == len(conf)
        assert all(0.0 <= c <= 1.0 for c in conf)


def test_same_result_sentence_by_sentence_without_propagation():
    ex = EmbeddedExtractor(propagate=False)
    sentences = [toks("وصل الرئيس المصري حسني مبارك إلى القاهرة ."), toks("التقى بوتين في موسكو .")]
    together = ex.extract(sentences)
    alone = [ex.extract([s])[0] for s in sentences]
    assert together == alone


class FakeExtractor(Extractor):
    """Tags every token that starts with an upper-case Latin letter as a one-token PER."""

    name = "fake"

    def extract(self, sentences: Sequence[Sequence[str]]) -> list[list[Span]]:
        return [[Span(i, i + 1, "PER") for i, t in enumerate(s) if t[:1].isupper()] for s in sentences]


CONLL = """Ali B-PERS
visited O
Rabat B-LOC

\t
ok O
Fine\tO

"""


def test_tag_conll_round_trip():
    lines = CONLL.splitlines(keepends=True)
    out = list(tag_conll(lines, FakeExtractor()))
    assert out == ["Ali B-PERS B-PER", "visited O O", "Rabat B-LOC B-PER", "", "", "ok O O", "Fine\tO\tB-PER", ""]
    # dropping the appended column gives back the input lines
    stripped = [line.rsplit(None, 1)[0] if line.strip() else "" for line in out]
    assert stripped == [line.rstrip("\r\n").rstrip() for line in lines]


def test_tag_conll_batches_keep_order():
    text = "".join(f"T{i} O\nx O\n\n" for i in range(10))
    out = list(tag_conll(text.splitlines(), FakeExtractor(), batch_size=3))
    assert len(out) == 30
    assert out[3] == "T1 O B-PER" and out[4] == "x O O" and out[5] == ""


def test_tag_conll_with_embedded(extractor):
    snippet = ["وقال B-X", "الرئيس O", "جورج B-PERS", "بوش I-PERS", "في O", "واشنطن B-LOC", ""]
    out = list(tag_conll(snippet, extractor))
    assert len(out) == len(snippet)
    predicted = [line.split()[-1] for line in out if line]
    assert predicted[2:4] == ["B-PER", "I-PER"]
    assert predicted[5] == "B-LOC"
    gold = [[r[1] for r in s] for s in read_conll(snippet)]
    pred = [[r[-1] for r in s] for s in read_conll(out)]
    assert span_scores(gold, pred, ["PER", "LOC"])["micro"]["r"] == 1.0


def test_bio_helpers():
    assert to_bio2(["I-PERS", "I-PERS", "B-GPE", "B-NORP"]) == ["B-PER", "I-PER", "B-LOC", "O"]
    assert spans_to_bio([Span(0, 2, "ORG")], 3) == ["B-ORG", "I-ORG", "O"]


def test_clitic_segmentation():
    assert segment("والمغرب") == ("و", "المغرب")
    assert segment("للرئيس") == ("ل", "الرئيس")
    assert segment("فرنسا") == ("", "فرنسا")
    assert bare_split("وباريس") == ("و", "باريس")
    feats = Featurizer().sentence(["والمغرب", "Google"])
    assert "s=المغرب" in feats[0] and "latin" in feats[1]


def test_propagate_copies_names_within_block():
    sents = [["قال", "محمد", "بركات", "إن"], ["وعاد", "بركات", "إلى", "وبركات"], ["نعم"]]
    tagged = [
        (["O", "B-PER", "I-PER", "O"], [1.0, 0.9, 0.8, 1.0]),
        (["O", "O", "O", "O"], [1.0] * 4),
        (["O"], [1.0]),
    ]
    out = propagate(sents, tagged)
    assert out[0] == tagged[0]
    assert out[1][0] == ["O", "B-PER", "O", "B-PER"]
    assert all(0.0 <= c <= 1.0 for c in out[1][1])
    # below the confidence threshold nothing is copied
    low = [(t, [0.1] * len(t)) for t, _ in tagged]
    assert propagate(sents, low)[1][0] == ["O", "O", "O", "O"]


# ---------------------------------------------------------------- the numpy run time


def _news() -> list[list[str]]:
    return [
        toks("وقال وزير الخارجية المغربي ناصر بوريطة في الرباط إن المملكة ستدعم المبادرة ."),
        toks("التقى بوتين في موسكو ."),
        toks("أعلن نادي الوداد البيضاوي عن تعاقده مع المدرب الجديد أمس في الدار البيضاء بحضور رئيس النادي ."),
        toks("نعم"),
    ]


def test_crf_marginals_match_crfsuite():
    """The numpy CRF (weights read from the CRFsuite model) gives CRFsuite's own marginals."""
    import numpy as np
    import pycrfsuite

    from shabaka.extract.embedded import MODEL_DIR
    from shabaka.extract.neural import LABELS

    model = load_model()
    sents = _news()
    infos = [[model.featurizer.info(t) for t in s] for s in sents]
    gaz = [model.featurizer.gaz_tags(i) for i in infos]
    lengths = np.array([len(s) for s in sents])
    probs = model.crf.marginals(model.crf.scores(model.featurizer, infos, gaz), lengths)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_DIR / "ner.crfsuite"))
    for r, sent in enumerate(sents):
        tagger.set(model.featurizer.sentence(sent))
        for i in range(len(sent)):
            for k, label in enumerate(LABELS):
                assert abs(probs[r, i, k] - tagger.marginal(label, i)) < 1e-5


def _random_bilstm(path, seed: int = 5) -> None:
    """A BiLSTM file in the layout training writes, with random weights (the properties below hold for any)."""
    import json

    import numpy as np

    from shabaka.extract.neural import DENSE, LABELS

    rng = np.random.default_rng(seed)
    words = ["<pad>", "<unk>", "في", "الرباط", "بوتين"]
    chars = ["<pad>", "<unk>", *sorted(set("".join(words[2:])))]
    wdim, cdim, filters, hidden = 6, 4, 5, 7
    size = {"word_emb": (len(words), wdim), "char_emb": (len(chars), cdim), "conv_w": (filters, cdim, 3)}
    size |= {"conv_b": (filters,), "out_w": (len(LABELS), 2 * hidden), "out_b": (len(LABELS),)}
    for d in ("f_", "b_"):
        size |= {d + "w_ih": (4 * hidden, wdim + filters + len(DENSE)), d + "w_hh": (4 * hidden, hidden)}
        size |= {d + "b_ih": (4 * hidden,), d + "b_hh": (4 * hidden,)}
    arrays = {k: rng.normal(size=v).astype(np.float16) for k, v in size.items()}
    meta = json.dumps({"words": words, "chars": chars}, ensure_ascii=False)
    with open(path, "wb") as fh:
        np.savez_compressed(fh, meta=np.array(meta), **arrays)


def test_neural_batch_equals_one_by_one(tmp_path):
    """Padding never reaches a real position: a sentence gets the same probabilities alone or in a batch."""
    import numpy as np

    from shabaka.extract.neural import NumpyTagger

    _random_bilstm(tmp_path / "bilstm.npz")
    net = NumpyTagger(tmp_path / "bilstm.npz")
    featurizer = load_model().featurizer
    sents = _news()
    infos = [[featurizer.info(t) for t in s] for s in sents]
    gaz = [featurizer.gaz_tags(i) for i in infos]
    batch = net.probabilities(infos, gaz)
    for r, (i, g) in enumerate(zip(infos, gaz, strict=True)):
        alone = net.probabilities([i], [g])[0]
        assert np.allclose(batch[r, : len(i)], alone, atol=1e-5)
        assert np.allclose(alone.sum(axis=1), 1.0, atol=1e-5)
    # the gazetteer flags reach the network: without them the probabilities change
    assert any(g for s in gaz for g in s)
    bare = net.probabilities(infos, [[set() for _ in s] for s in infos])
    assert not np.allclose(bare, batch, atol=1e-4)


def test_ensemble_with_a_bilstm(tmp_path):
    """A model folder with a BiLSTM averages it with the CRF: other confidences, valid IOB2 tags."""
    import shutil

    from shabaka.extract.embedded import MODEL_DIR

    for f in MODEL_DIR.iterdir():
        shutil.copy(f, tmp_path / f.name)
    _random_bilstm(tmp_path / "bilstm.npz")
    sents = _news()
    both = EmbeddedExtractor(tmp_path, propagate=False).tag(sents)
    crf = EmbeddedExtractor(tmp_path, ensemble=False, propagate=False).tag(sents)
    assert crf == EmbeddedExtractor(ensemble=False, propagate=False).tag(sents)  # the same CRF
    assert [c for _, c in both] != [c for _, c in crf]
    for tags, conf in both:
        assert all(0.0 <= c <= 1.0 for c in conf)
        assert all(not t.startswith("I-") or (i and tags[i - 1][2:] == t[2:]) for i, t in enumerate(tags))


def test_viterbi_batch_equals_one_by_one():
    import numpy as np

    from shabaka.extract.neural import LABELS, viterbi, viterbi_batch

    rng = np.random.default_rng(3)
    lengths = [5, 1, 3]
    probs = rng.dirichlet(np.ones(len(LABELS)), size=(3, 5))
    paths = viterbi_batch(probs, lengths)
    for r, n in enumerate(lengths):
        assert paths[r] == viterbi(probs[r, :n])
        tags = [LABELS[k] for k in paths[r]]
        assert all(not t.startswith("I-") or (j and tags[j - 1][2:] == t[2:]) for j, t in enumerate(tags))


def test_form_cache_keeps_forms_asked_for():
    from shabaka.extract.features import FormCache

    cache = FormCache(6)
    cache.update({w: 0 for w in "abcdef"})
    assert cache.missing(["f", "a"]) == []
    new = cache.missing(["b", "f", "g", "g"])
    # full: the oldest entries (a b c d) made room; b, asked for again, is to be computed again
    assert new == ["b", "g"]
    assert set(cache) == {"e", "f"}


def test_wordinfo_features(tmp_path):
    """Word classes and frequency bands of ``wordinfo.tsv`` become features of the word and its neighbours."""
    (tmp_path / "wordinfo.tsv").write_text("الرباط\t3\t17\t250\t5\nزار\t1\t2\t9\t-\n", encoding="utf-8")
    feat = Featurizer.from_dir(tmp_path)
    f = feat.sentence(["زار", "الرباط", "مجهولة"])
    assert {"k0=3", "k1=17", "k2=250", "fq=5"} <= set(f[1])
    assert "fq=-" in f[0] and "fq=none" in f[2]
    assert "-1k=2" in f[1] and "1k=17" in f[0] and "-2k=1" in f[2]


def test_lexicon_features(tmp_path):
    """What ``lexicon.tsv`` says of a form (or of its stem, a proclitic removed) becomes features of
    the word, and its most frequent label a feature of its neighbours; an unlisted word says so."""
    (tmp_path / "lexicon.tsv").write_text("المغرب\twtop=B-LOC we=3 wLOC=3\nزار\twtop=O we=0\n", encoding="utf-8")
    feat = Featurizer.from_dir(tmp_path)
    f = feat.sentence(["زار", "والمغرب", "مجهولة"])
    assert {"lx=wtop=B-LOC", "lx=we=3", "lx=wLOC=3"} <= set(f[1])
    assert "lx=wtop=O" in f[0] and "lx=none" in f[2]
    assert "1lx=wtop=B-LOC" in f[0] and "-1lx=wtop=B-LOC" in f[2] and "-1lx=wtop=O" in f[1]
    assert not any(x.startswith("1lx=we") for x in f[0])
    assert not any("lx=" in x for x in Featurizer().sentence(["زار", "والمغرب"])[0])


def test_crf_with_unknown_labels_is_refused(tmp_path):
    import pycrfsuite

    from shabaka.errors import DataFileError
    from shabaka.extract.crf import LinearCRF
    from shabaka.extract.neural import LABELS

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.append([["w=زار"], ["w=الرباط"]], ["O", "B-GPE"])
    trainer.train(str(tmp_path / "ner.crfsuite"))
    with pytest.raises(DataFileError, match="B-GPE"):
        LinearCRF(tmp_path / "ner.crfsuite", LABELS)
