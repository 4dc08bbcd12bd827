import codecs
import gzip
import io
import json
import logging
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import SHARED_SAMPLES as SAMPLES
from pipeline.core.records import BatchReport
from pipeline.extract.readers import (
    MAX_ARTICLE_CHARS,
    article_id,
    find_boilerplate,
    make_article,
    read_articles,
    visible_text,
)

HEADLINE = "Halbleiterwerk in Magdeburg bekommt neuen Investor"
BODY = (
    "Ein Konsortium aus Taiwan will rund 2,5 Mrd. Euro in das geplante Werk investieren.\n"
    "Die Landesregierung begrüßte die Entscheidung am Dienstag.\n"
)
ARTICLE_TXT = f"{HEADLINE}\n\n{BODY}"
LINKS = "- Netzbetreiber erhöht die Preise\n- Neue Regeln für Cloud-Anbieter\n"


def read(paths, **kwargs):
    report = BatchReport()
    return list(read_articles(paths, report, **kwargs)), report


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- formats -----------------------------------------------------------------


def test_txt_file_is_one_article_with_headline(tmp_path):
    path = write(tmp_path / "werk.txt", ARTICLE_TXT)
    [article], report = read([path])
    assert article.title == HEADLINE
    assert article.text == ARTICLE_TXT
    assert article.title_in_text
    assert article.source == str(path)
    assert article.content == ARTICLE_TXT
    assert report.articles_read == 1
    assert report.skipped == []


@pytest.mark.parametrize("prefix", ["# ", "## ", "#"])
def test_md_headline_loses_its_hashes(tmp_path, prefix):
    text = f"\n{prefix}{HEADLINE}\n\n{BODY}"
    [article], _ = read([write(tmp_path / "werk.md", text)])
    assert article.title == HEADLINE
    assert article.text == text  # offsets index the file exactly as given


def test_json_object_with_all_fields(tmp_path):
    record = {
        "id": "given-7",
        "title": HEADLINE,
        "text": BODY,
        "url": "https://example.org/werk",
        "published": "2025-03-04",
    }
    path = write(tmp_path / "werk.json", json.dumps(record, ensure_ascii=False))
    [article], _ = read([path])
    assert (article.title, article.text, article.url, article.published) == (
        HEADLINE,
        BODY,
        "https://example.org/werk",
        "2025-03-04",
    )
    assert not article.title_in_text
    assert article.id == article_id(BODY, HEADLINE)  # the content hash, not "given-7"
    assert article.source == str(path)


def test_json_list_gives_one_article_per_item(tmp_path):
    records = [{"text": "Der Konzern meldet einen Rekordumsatz."}, {"text": "Die Aktie fiel um 3 Prozent."}]
    path = write(tmp_path / "meldungen.json", json.dumps(records, ensure_ascii=False))
    articles, report = read([path])
    assert [a.text for a in articles] == [r["text"] for r in records]
    assert [a.source for a in articles] == [f"{path}[0]", f"{path}[1]"]
    assert all(a.title is None for a in articles)
    assert report.articles_read == 2


def test_jsonl_gives_one_article_per_line(tmp_path):
    lines = [
        {"title": "Zulieferer gewinnt Auftrag", "text": "Der Zulieferer liefert Sensoren an einen Autobauer.",
         "author": "Jonas Probst"},
        {"title": "Neuer Chef", "text": "Die Firma hat eine neue Vorstandschefin."},
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n\n")
    articles, _ = read([path])
    assert [a.title for a in articles] == ["Zulieferer gewinnt Auftrag", "Neuer Chef"]
    assert [a.author for a in articles] == ["Jonas Probst", None]
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:2"]


def test_lone_surrogates_in_json_strings_are_replaced_and_named(tmp_path):
    path = write(tmp_path / "feed.jsonl", '{"title": "Chips \\ud83d", "text": "Der Chiphersteller baut ein Werk \\udc00."}\n')
    [article], report = read([path])
    assert article.title == "Chips \ufffd" and article.text == "Der Chiphersteller baut ein Werk \ufffd."
    assert [(warning.source, warning.reason) for warning in report.warnings] == [(f"{path}:1", "replaced-surrogates")]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(tmp_path, codec):
    bom = {"utf-16": b"", "utf-16-be": codecs.BOM_UTF16_BE, "utf-32": b""}[codec]
    text_file = write(tmp_path / "artikel.txt", bom + ARTICLE_TXT.encode(codec))
    feed = write(tmp_path / "feed.jsonl", bom + (json.dumps({"text": BODY}, ensure_ascii=False) + "\n").encode(codec))
    articles, report = read([text_file, feed])
    assert [article.text for article in articles] == [ARTICLE_TXT, BODY]
    assert report.skipped == [] and report.warnings == []


def test_a_symlink_loop_in_a_folder_is_reported_once(tmp_path):
    write(tmp_path / "in" / "artikel.txt", ARTICLE_TXT)
    (tmp_path / "in" / "sub").mkdir()
    (tmp_path / "in" / "sub" / "zurueck").symlink_to(tmp_path / "in")
    articles, report = read([tmp_path / "in"])
    assert [article.text for article in articles] == [ARTICLE_TXT]
    assert [(s.source, s.reason) for s in report.skipped] == [(str(tmp_path / "in" / "sub" / "zurueck"), "symlink-loop")]


def test_an_article_longer_than_a_million_characters_is_skipped_before_anything_else(tmp_path):
    sentence = "Der Zulieferer liefert Sensoren an einen Autobauer. "
    long_file = write(tmp_path / "lang.txt", sentence * (MAX_ARTICLE_CHARS // len(sentence) + 1))
    short_file = write(tmp_path / "kurz.txt", sentence)
    articles, report = read([long_file, short_file])
    assert [article.source for article in articles] == [str(short_file)]
    [skip] = report.skipped
    assert (skip.source, skip.reason) == (str(long_file), "too-long") and "1,000,000" in skip.detail


def test_stdin_plain_text():
    [article], _ = read(["-"], stdin=io.StringIO(ARTICLE_TXT))
    assert article.source == "<stdin>"
    assert article.title == HEADLINE
    assert article.text == ARTICLE_TXT
    assert article.title_in_text


def test_stdin_jsonl():
    feed = '{"text": "Der Versandhändler mietet ein Lager in Leipzig."}\n\n{"text": "Die Bank kauft Anteile."}\n'
    articles, _ = read(["-"], stdin=io.StringIO(feed))
    assert [a.text for a in articles] == ["Der Versandhändler mietet ein Lager in Leipzig.", "Die Bank kauft Anteile."]
    assert [a.source for a in articles] == ["<stdin>:1", "<stdin>:3"]


def test_stdin_bytes_in_cp1252_are_decoded():
    raw = "Übernahme in Köln\n\nDer Großhändler wird verkauft.".encode("cp1252")
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    [article], report = read(["-"], stdin=stdin)
    assert article.title == "Übernahme in Köln"
    assert [(w.source, w.reason) for w in report.warnings] == [("<stdin>", "decoded-as-cp1252")]


def test_folder_is_walked_recursively_in_sorted_order(tmp_path):
    write(tmp_path / "b.txt", "Zweiter Artikel\n\nDie Firma eröffnet ein Büro.")
    write(tmp_path / "a" / "z.md", "# Erster Artikel\n\nDer Konzern stellt ein.")
    write(tmp_path / "a" / "tief" / "c.jsonl", '{"text": "Das Start-up sammelt Geld ein."}\n')
    write(tmp_path / "b.expected.json", '{"relations": []}')
    write(tmp_path / ".versteckt.txt", "Versteckter Artikel\n\nText.")
    write(tmp_path / ".git" / "notiz.txt", "Interne Notiz\n\nText.")
    write(tmp_path / "tabelle.csv", "name,wert\n")
    articles, report = read([tmp_path])
    assert [a.source for a in articles] == [
        str(tmp_path / "a" / "tief" / "c.jsonl") + ":1",
        str(tmp_path / "a" / "z.md"),
        str(tmp_path / "b.txt"),
    ]
    assert [(s.source, s.reason) for s in report.skipped] == [(str(tmp_path / "tabelle.csv"), "unsupported-format")]


def test_articles_are_read_lazily(tmp_path):
    first = write(tmp_path / "1.txt", "Erster Artikel\n\nText eins.")
    second = write(tmp_path / "2.txt", "Zweiter Artikel\n\nText zwei.")
    report = BatchReport()
    articles = read_articles([tmp_path], report)
    assert next(articles).source == str(first)
    second.unlink()  # not opened yet, so its loss shows up as a skip
    assert list(articles) == []
    assert [(s.source, s.reason) for s in report.skipped] == [(str(second), "unreadable")]


def test_gold_file_named_explicitly_is_not_an_article(tmp_path):
    path = write(tmp_path / "werk.expected.json", '{"relations": []}')
    articles, report = read([path])
    assert articles == []
    assert report.skipped[0].reason == "unsupported-format"


# --- ids -----------------------------------------------------------------------


def test_same_content_gets_the_same_id(tmp_path):
    one = write(tmp_path / "eins.txt", ARTICLE_TXT)
    two = write(tmp_path / "kopie" / "zwei.txt", ARTICLE_TXT)
    first, second = read([one, two])[0]
    assert first.id == second.id
    assert len(first.id) == 16 and int(first.id, 16) >= 0


@pytest.mark.parametrize(
    "variant",
    [
        ARTICLE_TXT.replace("\n", "\r\n"),
        "  " + ARTICLE_TXT.replace(" ", "   ") + "\n\n\n",
        ARTICLE_TXT.replace("ü", "u\u0308"),  # decomposed umlaut: same text after NFC
    ],
)
def test_whitespace_and_normal_form_do_not_change_the_id(variant):
    assert article_id(variant) == article_id(ARTICLE_TXT)


def test_different_content_gets_a_different_id():
    assert article_id(ARTICLE_TXT) != article_id(ARTICLE_TXT.replace("2,5", "3,5"))


def test_txt_and_json_of_the_same_article_share_the_id(tmp_path):
    txt = write(tmp_path / "werk.txt", ARTICLE_TXT)
    jsn = write(tmp_path / "werk.json", json.dumps({"title": HEADLINE, "text": BODY}, ensure_ascii=False))
    from_txt, from_json = read([txt, jsn])[0]
    assert from_txt.id == from_json.id


# --- boilerplate -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading_line", "heading"),
    [
        ("Lesen Sie auch", "Lesen Sie auch"),
        ("Mehr zum Thema:", "Mehr zum Thema"),
        ("WEITERE ARTIKEL", "WEITERE ARTIKEL"),
        ("Das könnte Sie auch interessieren", "Das könnte Sie auch interessieren"),
        ("## Auch interessant", "Auch interessant"),
        ("**Verwandte Artikel:**", "Verwandte Artikel"),
        ("Top-Themen", "Top-Themen"),
        ("Passend dazu", "Passend dazu"),
    ],
)
def test_related_links_block_is_cut(tmp_path, heading_line, heading):
    text = f"{ARTICLE_TXT}{heading_line}\n{LINKS}"
    offset = len(ARTICLE_TXT)
    assert find_boilerplate(text) == (offset, heading)
    [article], report = read([write(tmp_path / "werk.txt", text)])
    assert (article.content_end, article.boilerplate) == (offset, heading)
    assert article.content == ARTICLE_TXT
    assert article.text == text
    assert report.boilerplate_cuts == 1


def test_boilerplate_in_a_json_text_field(tmp_path):
    text = f"{BODY}Lesen Sie auch\n{LINKS}"
    [article], _ = read([write(tmp_path / "werk.json", json.dumps({"text": text}, ensure_ascii=False))])
    assert article.content == BODY


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE_TXT,
        # a teaser inside a sentence is not a heading line
        f"{ARTICLE_TXT}Lesen Sie auch: Netzbetreiber erhöht die Preise\n",
        # a heading near the start is the article's own section title
        f"{HEADLINE}\nZum Thema\n{BODY}{BODY}{BODY}",
    ],
)
def test_no_cut_without_a_trailing_heading(text):
    assert find_boilerplate(text) is None


def test_reference_article_loses_its_related_links():
    sample = SAMPLES / "bytedance-ai-chips.de.txt"
    if not sample.exists():
        pytest.skip(f"reference article not found at {sample}")
    [article], report = read([sample])
    assert article.boilerplate == "Lesen Sie auch"
    assert article.text[article.content_end :].startswith("Lesen Sie auch")
    assert "Lesen Sie auch" not in article.content
    assert article.text == sample.read_text(encoding="utf-8")
    assert report.boilerplate_cuts == 1


# --- bad input -------------------------------------------------------------------

GOOD_TAIL = "Guter Artikel danach\n\nDie Batch läuft weiter."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("leer.txt", b"", "empty"),
        ("nur-leerzeichen.md", b"  \n\t\n", "empty"),
        ("leer.json", b"", "empty"),
        ("leer.jsonl", b"\n\n", "empty"),
        ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("rauschen.txt", bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 20, "binary"),
        ("steuerzeichen.txt", bytes(range(1, 9)) * 50, "binary"),
        ("daten.jsonl", b'{"text": "a"}\n\x00\x01\x02', "binary"),
        ("kaputt.json", b'{"text": "Der Satz endet nie', "malformed-json"),
        ("zahl.json", b"42", "malformed-json"),
        ("ohne-text.json", '{"title": "Nur ein Titel"}'.encode(), "no-text"),
        ("text-zahl.json", b'{"text": 17}', "no-text"),
        ("leerer-text.json", b'{"text": "  "}', "empty"),
    ],
)
def test_bad_file_is_skipped_and_the_batch_goes_on(tmp_path, caplog, name, content, reason):
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "zz-gut.txt", GOOD_TAIL)
    with caplog.at_level(logging.WARNING, logger="newsgraph"):
        articles, report = read([bad, good])
    assert [a.source for a in articles] == [str(good)]
    assert [(s.source, s.reason) for s in report.skipped] == [(str(bad), reason)]
    assert report.skipped[0].detail
    assert report.skipped_by_reason() == {reason: 1}
    assert report.articles_read == 1
    [message] = caplog.messages
    assert message.startswith(f"{bad}: skipped ({reason})")


def test_missing_path_is_unreadable(tmp_path, caplog):
    missing = tmp_path / "gibt-es-nicht.txt"
    good = write(tmp_path / "gut.txt", GOOD_TAIL)
    with caplog.at_level(logging.WARNING, logger="newsgraph"):
        articles, report = read([missing, good])
    assert len(articles) == 1
    assert [(s.source, s.reason) for s in report.skipped] == [(str(missing), "unreadable")]
    assert str(missing) in caplog.text


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin1_file_is_processed_with_a_warning(tmp_path, caplog, encoding):
    text = "Übernahme für 1,2 Mio. €?\n\nDer Händler aus Düsseldorf verkauft sein Geschäft.\n"
    if encoding == "latin-1":
        text = text.replace("€", "Euro")
    path = write(tmp_path / "alt.txt", text.encode(encoding))
    with caplog.at_level(logging.WARNING, logger="newsgraph"):
        [article], report = read([path])
    assert article.text == text
    assert article.title == text.splitlines()[0]
    assert report.skipped == []
    assert [(w.source, w.reason) for w in report.warnings] == [(str(path), "decoded-as-cp1252")]
    assert f"{path}: warning (decoded-as-cp1252)" in caplog.text


def test_latin1_jsonl_lines_are_processed(tmp_path):
    path = write(tmp_path / "alt.jsonl", '{"text": "Die Größe zählt."}\n'.encode("latin-1"))
    [article], report = read([path])
    assert article.text == "Die Größe zählt."
    assert [w.reason for w in report.warnings] == ["decoded-as-cp1252"]


def test_malformed_jsonl_line_between_good_ones(tmp_path, caplog):
    path = write(
        tmp_path / "feed.jsonl",
        '{"text": "Erste Meldung über einen Auftrag."}\n'
        '{"text": "Kaputte Zeile\n'
        '{"text": "Dritte Meldung über eine Übernahme."}\n',
    )
    with caplog.at_level(logging.WARNING, logger="newsgraph"):
        articles, report = read([path])
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:3"]
    assert [(s.source, s.reason) for s in report.skipped] == [(f"{path}:2", "malformed-json")]
    assert f"{path}:2: skipped (malformed-json)" in caplog.text


def test_bad_records_in_a_json_list_are_skipped_alone(tmp_path):
    records = [{"text": "Gute Meldung."}, {"titel": "falsch"}, "nur ein String", {"text": "Noch eine."}]
    path = write(tmp_path / "liste.json", json.dumps(records))
    articles, report = read([path])
    assert [a.source for a in articles] == [f"{path}[0]", f"{path}[3]"]
    assert [(s.source, s.reason) for s in report.skipped] == [
        (f"{path}[1]", "no-text"),
        (f"{path}[2]", "malformed-json"),
    ]


def test_non_string_optional_field_is_ignored_with_a_warning(tmp_path):
    path = write(tmp_path / "werk.json", json.dumps({"text": BODY, "published": 20250304}))
    [article], report = read([path])
    assert article.published is None
    assert [(w.source, w.reason) for w in report.warnings] == [(str(path), "ignored-field")]


# --- HTML, JSONL.gz, WARC ----------------------------------------------------

PAGE_TITLE = "Infineon baut Werk in Dresden"
PAGE_PARAGRAPHS = (
    "Der Chiphersteller Infineon investiert fünf Milliarden Euro in ein neues Werk in Dresden. "
    "Das teilte der Konzern am Dienstag in Neubiberg mit.",
    "Die Fertigung soll im Jahr 2026 beginnen und rund tausend Arbeitsplätze schaffen, "
    "sagte ein Sprecher des Unternehmens.",
    "Die Bundesregierung fördert das Vorhaben mit einer Milliarde Euro aus dem Chipgesetz der Europäischen Union.",
)
PAGE_URL = "https://techblatt.example/infineon-dresden"


def news_page(title: str = PAGE_TITLE, paragraphs=PAGE_PARAGRAPHS) -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title} | Techblatt</title>'
        f'<meta property="og:title" content="{title}"><meta name="author" content="Anna Beispiel">'
        '<meta property="article:published_time" content="2025-03-04T09:30:00+01:00">'
        f'<link rel="canonical" href="{PAGE_URL}"></head><body>'
        '<nav><a href="/">Startseite</a> <a href="/wirtschaft">Wirtschaft</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        '<aside><h2>Lesen Sie auch</h2><ul><li><a href="/a">Netzbetreiber erhöht die Preise</a></li>'
        '<li><a href="/b">Neue Regeln für Cloud-Anbieter</a></li></ul></aside>'
        "<footer>Impressum Datenschutz Kontakt</footer></body></html>"
    )


def test_html_page_gives_main_text_title_date_url_and_author(tmp_path):
    path = write(tmp_path / "seite.html", news_page())
    [article], report = read([path])
    assert article.title == PAGE_TITLE and article.title_in_text
    assert article.published == "2025-03-04"
    assert article.url == PAGE_URL
    assert article.author == "Anna Beispiel"
    assert all(paragraph in article.content for paragraph in PAGE_PARAGRAPHS)
    for boilerplate in ("Lesen Sie auch", "Netzbetreiber", "Startseite", "Impressum"):
        assert boilerplate not in article.text
    assert report.skipped == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"<html><body><nav>Start</nav></body></html>", "no-text"), (b"<p>\x00\x01\x02</p>", "binary")],
)
def test_bad_html_is_skipped_and_named(tmp_path, content, reason):
    path = write(tmp_path / "kaputt.html", content)
    articles, report = read([path])
    assert articles == []
    assert [(s.source, s.reason) for s in report.skipped] == [(str(path), reason)]


def test_jsonl_gz_reads_like_jsonl_and_names_bad_lines(tmp_path):
    lines = [json.dumps({"title": HEADLINE, "text": BODY}, ensure_ascii=False), "{kaputt",
             json.dumps({"text": BODY.replace("Dienstag", "Mittwoch")}, ensure_ascii=False)]
    path = tmp_path / "export.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write("\n".join(lines) + "\n")
    articles, report = read([path])
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:3"]
    assert articles[0].title == HEADLINE
    assert [(s.source, s.reason) for s in report.skipped] == [(f"{path}:2", "malformed-json")]


def test_truncated_jsonl_gz_is_reported_not_raised(tmp_path):
    whole = gzip.compress(("\n".join(json.dumps({"text": f"{BODY} Nummer {n}."}) for n in range(50))).encode())
    path = write(tmp_path / "abgebrochen.jsonl.gz", whole[: len(whole) // 2])
    articles, report = read([path])
    assert report.skipped and report.skipped[-1].source == str(path)
    assert report.skipped[-1].reason == "unreadable"
    assert report.articles_read == len(articles)


def test_damaged_deflate_data_in_jsonl_gz_is_reported_not_raised(tmp_path):
    """Found by the readers' atheris harness: zlib.error is neither OSError nor EOFError."""
    data = bytearray(gzip.compress(json.dumps({"text": BODY}).encode() + b"\n", compresslevel=0))
    data[13] ^= 0xFF  # the stored block's length check (NLEN) no longer matches
    path = write(tmp_path / "kaputt.jsonl.gz", bytes(data))
    articles, report = read([path])
    assert articles == []
    assert [(s.source, s.reason) for s in report.skipped] == [(str(path), "unreadable")]
    assert "invalid stored block lengths" in report.skipped[0].detail


def write_warc(path: Path, pages: list[tuple[str, str, str]], *, gzipped: bool) -> Path:
    """A WARC file with one response record per (url, content type, body), each after its request."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzipped)
        for url, content_type, body in pages:
            request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            writer.write_record(writer.create_warc_record(url, "request", payload=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode("utf-8")),
                                                          http_headers=headers))
    return path


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_are_articles(tmp_path, name):
    pages = [
        ("https://techblatt.example/infineon-dresden", "text/html; charset=utf-8", news_page()),
        ("https://techblatt.example/robots.txt", "text/plain", "User-agent: *"),
        ("https://techblatt.example/leer", "text/html", "<html><body><nav>Start</nav></body></html>"),
    ]
    path = write_warc(tmp_path / name, pages, gzipped=name.endswith(".gz"))
    [article], report = read([path])
    assert article.title == PAGE_TITLE and article.url == PAGE_URL and article.published == "2025-03-04"
    assert article.source == f"{path}#2"  # record 1 is the request
    assert [(s.source, s.reason) for s in report.skipped] == [(f"{path}#6", "no-text")]


def test_a_warc_without_html_pages_is_reported(tmp_path):
    """Found by the atheris harness: such a file gave neither an article nor a skip."""
    path = write_warc(tmp_path / "robots.warc", [("https://techblatt.example/robots.txt", "text/plain", "User-agent: *")],
                      gzipped=False)
    articles, report = read([path])
    assert articles == []
    assert [(s.source, s.reason, s.detail) for s in report.skipped] == [
        (str(path), "no-text", "none of its 2 WARC record(s) is an HTML response")]


def test_damaged_warc_keeps_what_came_before(tmp_path):
    path = write_warc(tmp_path / "crawl.warc", [(PAGE_URL, "text/html", news_page())], gzipped=False)
    with path.open("ab") as stream:
        stream.write(b"Das ist kein WARC-Datensatz\r\n\r\n")
    [article], report = read([path])
    assert article.url == PAGE_URL
    assert [(s.source, s.reason) for s in report.skipped] == [(f"{path}#3", "malformed-warc")]


def test_folder_mixing_formats(tmp_path):
    write(tmp_path / "a.html", news_page())
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"text": BODY}) + "\n")
    write(tmp_path / "c.txt", ARTICLE_TXT)
    write_warc(tmp_path / "d.warc.gz", [(PAGE_URL, "text/html", news_page("Chipwerk in Sachsen"))], gzipped=True)
    write(tmp_path / "e.pdf", b"%PDF-1.4")
    articles, report = read([tmp_path])
    assert [Path(a.source.split("#")[0].split(":")[0]).name for a in articles] == [
        "a.html", "b.jsonl.gz", "c.txt", "d.warc.gz"]
    assert report.skipped_by_reason() == {"unsupported-format": 1}


def test_invisible_and_control_characters_are_removed_from_articles():
    assert visible_text("Nvi\u200bdia kauft für 5 Mil\u00adliarden Euro \u202eSiemens\u202c\x07.\n\tEnde") == \
        "Nvidia kauft für 5 Milliarden Euro Siemens.\n\tEnde"
    assert visible_text("Familie 👨\u200d👩\u200d👧") == "Familie 👨\u200d👩\u200d👧"  # joiners build the emoji
    article = make_article("Kopf\u200b\nText mit wei\u00adchem Trennstrich", "a.txt", title="Kopf\u200b",
                           title_in_text=True)
    assert (article.title, article.text) == ("Kopf", "Kopf\nText mit weichem Trennstrich")
    assert article.id == article_id("Kopf\nText mit weichem Trennstrich")


def test_a_file_of_invisible_characters_is_empty_and_the_headline_is_the_first_visible_line(tmp_path):
    (tmp_path / "a.txt").write_text("\u200b\u00ad\n\ufeff\u202e\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("\u200b\nDie Firma kauft Server.\n", encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"text": "\u2060\u200b"}), encoding="utf-8")
    report = BatchReport()
    articles = list(read_articles([tmp_path], report))
    assert [(article.title, article.text) for article in articles] == [
        ("Die Firma kauft Server.", "\nDie Firma kauft Server.\n")]
    assert [(Path(item.source).name, item.reason) for item in report.skipped] == [("a.txt", "empty"), ("c.json", "empty")]
