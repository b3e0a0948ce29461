import csv
import json
import os

from shabaka import ingest
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
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \u3000 \n\t\n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "latin.txt").write_bytes("café crème brûlée à la française".encode("latin-1") * 3)
    docs, report = read([tmp_path, tmp_path / "missing.txt"], clean=False)
    assert [d.id for d in docs] == ["good", "latin"]  # Latin-1 is text too: detected, read
    assert "café" in docs[1].text and "française" in docs[1].text  # (3 short lines: cp1250 or latin-1)
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "only whitespace"
    assert reasons["image.txt"].startswith("binary file")
    assert reasons["notes.docx"].startswith("unknown extension '.docx'")
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


def test_invalid_utf8_in_the_middle_keeps_the_rest(tmp_path):
    (tmp_path / "broken.txt").write_bytes(ARTICLE.encode() * 20 + b"\xff\xfe\xc3" + ARTICLE.encode())
    docs, report = read([tmp_path], clean=False)
    assert docs[0].text.count("وجدة") == 21 and docs[0].meta["encoding"].startswith("utf-8 (")
    assert [n.note for n in report.notes] == ["3 invalid bytes replaced by U+FFFD"]


def test_mixed_encodings_in_one_folder_including_html(tmp_path):
    page = f"<html><body><article><p>{ARTICLE * 3}</p></article></body></html>"
    (tmp_path / "win.html").write_bytes(page.encode("cp1256"))  # no charset declared
    (tmp_path / "u8.html").write_bytes(page.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(ARTICLE.encode("utf-16"))
    docs, report = read([tmp_path])
    assert all("مدينة وجدة" in d.text for d in docs) and len(docs) == 3
    assert report.encodings == {"utf-8": 1, "utf-16": 1, "windows-1256": 1}


def test_a_long_text_is_read_as_several_documents_cut_at_line_breaks(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_DOCUMENT_CHARS", 1000)
    text = ARTICLE * 100  # 7000 characters
    (tmp_path / "dump.txt").write_text(text, encoding="utf-8")
    (tmp_path / "one_line.txt").write_text("كلمة " * 1000, encoding="utf-8")  # no line break at all
    docs, report = read([tmp_path], clean=False)
    dump = [d for d in docs if d.path.endswith("dump.txt")]
    assert [d.id for d in dump[:3]] == ["dump", "dump#2", "dump#3"] and dump[1].meta["part"] == 2
    assert "".join(d.text for d in dump) == text and all(d.text.endswith("\n") for d in dump)
    assert all(len(d.text) <= 1000 for d in docs)
    assert "".join(d.text for d in docs if d.path.endswith("one_line.txt")) == "كلمة " * 1000
    assert any("read as 8 documents" in n.note for n in report.notes)


def test_symlinks_loops_duplicates_and_broken_links(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink(folder, folder / "loop")  # a folder linking to itself
    os.symlink(folder / "good.txt", folder / "link.txt")  # the same file again
    os.symlink(folder / "gone.txt", folder / "broken.txt")
    os.symlink(folder / "b.txt", folder / "a.txt")
    os.symlink(folder / "a.txt", folder / "b.txt")  # two links pointing at each other
    docs, report = read([folder, folder / "good.txt"])
    assert [d.id for d in docs] == ["good"]
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert reasons["loop"].startswith("symbolic link to a folder, not followed")
    assert reasons["link.txt"].startswith("same file as") and reasons["good.txt"].startswith("same file as")
    assert all(reasons[n].startswith("broken symbolic link") for n in ("broken.txt", "a.txt", "b.txt"))


def test_unreadable_files_and_pipes_are_skipped(tmp_path, unreadable):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block forever
    with unreadable(locked):
        docs, report = read([tmp_path])
    assert [d.id for d in docs] == ["good"]
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in report.skipped}
    assert reasons == {
        "locked.txt": "cannot read (Permission denied)",
        "pipe.txt": "not a regular file (a pipe, device or socket)",
    }


def test_jsonl_records_survive_hostile_lines(tmp_path):
    lines = [
        json.dumps({"id": "sep", "text": ARTICLE + "\u2028" + ARTICLE}, ensure_ascii=False),  # U+2028 inside
        "[" * 50_000 + "]" * 50_000,
        "42",
        json.dumps({"id": "\u202egnp.exe", "text": ARTICLE, "title": "\u202eعنوان"}, ensure_ascii=False),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs, report = read([tmp_path], clean=False)
    assert [d.id for d in docs] == ["sep", "gnp.exe"] and docs[0].text.count("وجدة") == 2
    assert docs[1].title == "عنوان" and "bidi_controls_removed" not in docs[1].meta
    assert [s.reason for s in report.skipped] == [
        "JSON nested too deeply; the other lines are kept",
        "line is not a JSON object",
    ]
    assert report.to_dict()["summary"]["records_skipped"] == 2


def test_bidi_controls_are_removed_from_texts_and_counted(tmp_path):
    (tmp_path / "\u202eevil.txt").write_text("زار \u202eحموشي\u202c و\u2067واشنطن\u2069.", encoding="utf-8")
    docs, _ = read([tmp_path], clean=False)
    assert docs[0].id == "evil" and docs[0].text == "زار حموشي وواشنطن."
    assert docs[0].meta["bidi_controls_removed"] == 4


def test_csv_long_fields_header_case_and_blank_rows(tmp_path):
    long_text = ARTICLE * 3000  # 210,000 characters: over the csv module's default field limit
    rows = [["ID", " Text "], ["a", long_text], [], ["b", ""], ["c", ARTICLE]]
    with (tmp_path / "big.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    docs, report = read([tmp_path], clean=False)
    assert [d.id for d in docs] == ["a", "c"] and docs[0].text == long_text
    assert [s.reason for s in report.skipped] == ["no 'text' value"]


def test_deeply_nested_html_is_read_whole(tmp_path):
    paragraph = f"<p>{ARTICLE}</p>"
    page = "<html><body>" + "<div><font>" * 3000 + paragraph * 3 + "</font></div>" * 3000 + "</body></html>"
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    docs, report = read([tmp_path], clean=False)
    assert "مدينة وجدة" in docs[0].text
    assert report.notes[0].note.startswith("no main text found")


def test_many_tiny_files(tmp_path):
    for i in range(1500):
        (tmp_path / f"{i:05}.txt").write_text(f"خبر {i}.", encoding="utf-8")
    docs, report = read([tmp_path], clean=False)
    assert len(docs) == report.documents == report.files == 1500 and not report.skipped


def test_report_json_and_merge(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    _, report = read([tmp_path])
    report.write_json(tmp_path / "out" / "report.json", result="1 document")
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert data["result"] == "1 document" and data["encodings"] == {"utf-8": 1}
    assert data["summary"] == {
        "files_read": 1,
        "documents": 1,
        "skipped": 1,
        "files_skipped": 1,
        "records_skipped": 0,
        "non_arabic_skipped": 0,
    }
    assert data["skipped"] == [{"path": str(tmp_path / "bad.txt"), "reason": "binary file (NUL bytes); expected text"}]
    total = IngestReport().merge(report).merge(report)
    assert total.documents == 2 and len(total.skipped) == 2 and total.encodings == {"utf-8": 2}


PAGE = (
    "الرئيسية | أخبار | رياضة | اتصل بنا\n"
    "وزير الفلاحة يتفقد السدود في جهة الشرق\n"
    "وجدة - ليلى الإدريسي\n"
    "تفقد وزير الفلاحة، صباح الخميس، وضعية السدود في جهة الشرق، حيث اطلع على نسب الملء التي لم تتجاوز"
    " الثلث بسبب قلة التساقطات خلال الموسم الحالي، ووعد بتسريع مشاريع الربط بين الأحواض المائية.\n"
    "وأكد المسؤول الحكومي أن الوزارة ستخصص اعتمادات إضافية لدعم الفلاحين المتضررين من الجفاف في المنطقة،"
    " مشيرا إلى أن برنامج الطوارئ سيشمل توزيع الأعلاف وحفر آبار جديدة.\n"
    "اترك تعليقاً\n"
    "الاسم *\n"
    "البريد الإلكتروني *\n"
    "جميع الحقوق محفوظة © 2025\n"
)


def test_cleaning_is_recorded_and_can_be_kept_for_debugging(tmp_path):
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    menu = "".join(f"<li><a href='/{i}'>قسم {i}</a></li>" for i in range(6))
    body = "".join(f"<p>{line}</p>" for line in PAGE.splitlines()[1:5])
    (tmp_path / "page.html").write_text(
        f"<html><body><nav><ul>{menu}</ul></nav>{body}<footer>جميع الحقوق محفوظة</footer></body></html>",
        encoding="utf-8",
    )
    docs, _ = read([tmp_path], keep_boilerplate=True)
    assert [d.id for d in docs] == ["page", "page~2"]
    for doc in docs:
        assert "السدود" in doc.text and "اتصل بنا" not in doc.text and "الحقوق" not in doc.text
        assert doc.meta["chars_removed"] > 0 and doc.meta["chars_kept"] > 0
    removed = (tmp_path / "page.txt.removed").read_text(encoding="utf-8")
    assert "البريد الإلكتروني" in removed and "السدود" not in removed
    assert (tmp_path / "page.html.removed").exists()
    # a second run over the folder does not read the debug files as articles
    docs, report = read([tmp_path], clean=False)
    assert len(docs) == 2 and not report.skipped
    txt = next(d for d in docs if d.path.endswith(".txt"))
    assert "اتصل بنا" in txt.text and "chars_removed" not in txt.meta
