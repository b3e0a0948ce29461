import json

from shabaka.ingest import IngestReport, read_documents

ARTICLE = "زار الوزير المغربي مدينة وجدة يوم الاثنين والتقى والي الجهة الشرقية.\n"


def read(paths, **kw):
    report = IngestReport()
    docs = list(read_documents(paths, report, **kw))
    return docs, report


def test_encodings_are_detected_and_reported(tmp_path):
    (tmp_path / "u8.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes(ARTICLE.encode("utf-8-sig"))
    (tmp_path / "u16.txt").write_bytes(ARTICLE.encode("utf-16"))
    (tmp_path / "win.txt").write_bytes(ARTICLE.encode("cp1256"))
    docs, report = read([tmp_path])
    assert {d.id: d.meta["encoding"] for d in docs} == {
        "bom": "utf-8",
        "u16": "utf-16",
        "u8": "utf-8",
        "win": "windows-1256",
    }
    assert all(d.text.strip() == ARTICLE.strip() for d in docs)
    assert report.encodings == {"utf-8": 2, "utf-16": 1, "windows-1256": 1}


def test_bad_files_are_skipped_with_reasons_and_the_rest_is_read(tmp_path, caplog):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "latin.txt").write_bytes("café crème brûlée à la française".encode("latin-1") * 3)
    docs, report = read([tmp_path, tmp_path / "missing.txt"])
    assert [d.id for d in docs] == ["good"]
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["image.txt"].startswith("binary file")
    assert reasons["notes.docx"].startswith("unknown extension '.docx'")
    assert "re-save the file as UTF-8" in reasons["latin.txt"]
    assert reasons["missing.txt"] == "no such file or folder"
    assert "skipped" in caplog.text and "image.txt" in caplog.text


def test_jsonl_keeps_good_lines_around_a_broken_one(tmp_path):
    lines = [
        json.dumps(
            {"id": "a1", "text": ARTICLE, "title": "عنوان", "url": "https://example.org/a1"}, ensure_ascii=False
        ),
        '{"id": "a2", "text": "broken',
        json.dumps({"text": ARTICLE}, ensure_ascii=False),
        json.dumps({"id": "a4", "title": "no text"}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs, report = read([tmp_path / "feed.jsonl"])
    assert [d.id for d in docs] == ["a1", "feed:3"]
    assert docs[0].title == "عنوان" and docs[0].url == "https://example.org/a1"
    assert [(s.path.rsplit("/", 1)[-1], s.reason.split(" (")[0]) for s in report.skipped] == [
        ("feed.jsonl:2", "invalid JSON"),
        ("feed.jsonl:4", "no 'text' value"),
    ]


def test_csv_with_quoted_newlines_and_a_csv_without_text(tmp_path):
    (tmp_path / "a.csv").write_text(
        'id,title,text,date\nx1,عنوان,"' + ARTICLE + 'فقرة ثانية.",2024-05-01\n', encoding="utf-8"
    )
    (tmp_path / "b.csv").write_text("id,body\n1,نص\n", encoding="utf-8")
    docs, report = read([tmp_path])
    assert [(d.id, d.date) for d in docs] == [("x1", "2024-05-01")]
    assert "فقرة ثانية" in docs[0].text
    assert [s.reason for s in report.skipped] == ["no 'text' column (columns: id, body)"]


def test_html_main_text_and_metadata(tmp_path):
    body = "".join(f"<p>{ARTICLE} الفقرة رقم {i} من المقال تتحدث عن التعاون بين البلدين.</p>" for i in range(4))
    (tmp_path / "page.html").write_text(
        "<html><head><title>زيارة إلى وجدة</title><meta name='date' content='2024-03-02'></head>"
        "<body><nav><a href='/'>الرئيسية</a> | <a href='/s'>رياضة</a></nav>"
        f"<article><h1>زيارة إلى وجدة</h1>{body}</article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>",
        encoding="utf-8",
    )
    docs, _ = read([tmp_path])
    assert docs[0].id == "page" and docs[0].title == "زيارة إلى وجدة"
    assert "الفقرة رقم 3" in docs[0].text and "الرئيسية" not in docs[0].text


def test_repeated_ids_are_made_unique(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "news.txt").write_text(ARTICLE, encoding="utf-8")
    docs, _ = read([tmp_path])
    assert [d.id for d in docs] == ["news", "news~2"]
