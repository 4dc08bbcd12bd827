"""Ingest: turn files, folders and stdin into ``Article`` records, one at a time.

``read_articles`` accepts ``.txt``/``.md`` files (one article; the first
non-empty line is the headline), ``.json`` (one object or a list of objects)
and ``.jsonl`` / ``.jsonl.gz`` (one object per line) with a required ``text``
and optional ``title``, ``url``, ``published``, ``author`` and ``id`` fields, ``.html``
pages (main text, title, date, URL and author found by trafilatura, which leaves out
navigation and related-links blocks), ``.warc`` / ``.warc.gz`` web archives
(each HTML response record is a page), folders of these (walked
recursively in sorted order; hidden files and ``*.expected.json`` gold
annotations are not articles), and ``-`` for stdin. Each article's id is a
hash of its normalised content, so the same article read twice, from any
format, gets the same id. A related-links block at the end ("Lesen Sie auch",
"Mehr zum Thema", ...) is found by ``find_boilerplate`` and excluded from
``Article.content``. Control characters and invisible format characters
(soft hyphens, zero-width spaces, bidi overrides) are removed from every
article. Bad input never stops the batch: each bad file, line or
record becomes a ``BatchReport`` skip (or a warning, for text that had to be
decoded as cp1252) and a one-line message on the ``newsgraph`` logger.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import logging
import re
import stat
import sys
import unicodedata
import zlib
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, TextIO

import trafilatura
from warcio.archiveiterator import ArchiveIterator

from pipeline.core.records import Article, BatchReport

log = logging.getLogger("newsgraph")

STDIN = "-"
STDIN_SOURCE = "<stdin>"
TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSON_SUFFIX = ".json"
JSONL_SUFFIX = ".jsonl"
JSONL_GZ_SUFFIX = ".jsonl.gz"
HTML_SUFFIXES = frozenset({".html", ".htm"})
WARC_SUFFIXES = (".warc", ".warc.gz")
# Fewer words than a short headline plus one sentence: what trafilatura found is a menu, not an article.
MIN_PAGE_WORDS = 10
SUPPORTED = ".txt, .md, .json, .jsonl, .jsonl.gz, .html, .warc or .warc.gz"
GOLD_SUFFIX = ".expected.json"
SNIFF_BYTES = 8192
ID_HEX_DIGITS = 16

BOILERPLATE_HEADINGS = (
    "Lesen Sie auch",
    "Lesen Sie mehr",
    "Lesen Sie weiter",
    "Mehr zum Thema",
    "Mehr zu diesem Thema",
    "Mehr dazu",
    "Mehr aus dem Ressort",
    "Weitere Artikel",
    "Weitere Nachrichten",
    "Weitere Meldungen",
    "Weitere Themen",
    "Das könnte Sie auch interessieren",
    "Das könnte Sie interessieren",
    "Auch interessant",
    "Ebenfalls interessant",
    "Auch lesenswert",
    "Verwandte Artikel",
    "Verwandte Themen",
    "Ähnliche Artikel",
    "Empfohlene Artikel",
    "Weiterlesen",
    "Zum Thema",
    "Passend dazu",
    "Passend zum Thema",
    "Top-Themen",
    "Meistgelesen",
    "Meistgelesene Artikel",
)
# A whole line holding only a heading, maybe as markdown ("## Mehr dazu",
# "**Lesen Sie auch:**"), with an optional colon or ellipsis after it.
_HEADING_LINE = re.compile(
    r"[ \t]*(?:#+[ \t]*)?(?:\*\*|__)?[ \t]*"
    r"(?P<heading>" + "|".join(r"[ \t]+".join(map(re.escape, h.split())) for h in BOILERPLATE_HEADINGS) + r")"
    r"[ \t]*(?::|\.\.\.|…)?[ \t]*(?:\*\*|__)?[ \t]*:?[ \t]*",
    re.IGNORECASE,
)
# Headings in the first part of an article are more likely its own section
# titles than the related-links trailer, so they are never cut.
BOILERPLATE_MIN_POSITION = 0.3
# Share of control characters above which decoded bytes are not text.
#: Longest article content read, in characters: spaCy's default ``nlp.max_length``. Longer texts
#: (a dump pasted into one file) need about 1 GB of memory per 100,000 characters in the NER.
MAX_ARTICLE_CHARS = 1_000_000
#: Largest HTML page parsed, in bytes: news pages are a few hundred KB, and lxml cuts text
#: nodes over 10 MB, so that trafilatura would find no text in a bigger page anyway.
MAX_PAGE_BYTES = 10_000_000
MAX_CONTROL_SHARE = 0.01
_CONTROL_CHARS = r"\x00-\x08\x0e-\x1f\x7f-\x9f"  # Unicode Cc, except \t \n \v \f \r
_CONTROL_CHAR = re.compile(f"[{_CONTROL_CHARS}]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Removed from every article: control characters and the invisible format characters (soft
# hyphen, zero-width space, word joiner, byte order mark, bidirectional overrides) that hide
# inside words ("Nvi\u200bdia", "Milliar\u00adden") or reorder what a reader sees. Zero-width
# (non-)joiners stay: they are part of emoji and of some scripts' spelling.
_INVISIBLE = re.compile(f"[{_CONTROL_CHARS}\u00ad\u061c\u180e\u200b\u200e\u200f"
                        "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")
# UTF-32's little-endian mark starts with UTF-16's, so it is tried first.
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_articles(
    paths: Iterable[str | Path], report: BatchReport, *, stdin: TextIO | None = None
) -> Iterator[Article]:
    """Yield the articles in ``paths``, in order, one file at a time.

    A path is a file, a folder (walked recursively in sorted order; hidden
    entries and ``*.expected.json`` gold files are ignored, other unsupported
    files are skipped as "unsupported-format") or ``-`` for ``stdin`` (default
    ``sys.stdin``): JSONL when its first non-empty line is a JSON object,
    otherwise one plain-text article. A record's own ``id`` field is not used
    as ``Article.id``; the content hash is, so that duplicates collapse.
    Problems are recorded in ``report`` (reasons: "unreadable", "empty",
    "binary", "malformed-json", "malformed-warc", "http-error", "no-text",
    "unsupported-format", "symlink-loop", "too-long"; warnings
    "decoded-as-cp1252", "ignored-field", "replaced-surrogates") and never raised. ``report.articles_read`` and
    ``report.boilerplate_cuts`` count what is yielded.
    """
    for path in input_files(paths, report):
        if path == STDIN:
            articles = _read_stdin(stdin if stdin is not None else sys.stdin, report)
        else:
            articles = _read_file(path, report)
        for article in articles:
            if not article.text.strip():
                _skip(report, article.source, "empty", "no visible text, only control or format characters")
                continue
            if len(article.content) > MAX_ARTICLE_CHARS:
                _skip(report, article.source, "too-long", f"{len(article.content):,} characters; an article may "
                      f"have at most {MAX_ARTICLE_CHARS:,}")
                continue
            report.articles_read += 1
            if article.content_end is not None:
                report.boilerplate_cuts += 1
            yield article


def article_id(text: str, title: str | None = None) -> str:
    """The content hash that identifies an article.

    NFC-normalised, whitespace-collapsed ``title`` and ``text``; for a
    headline that is already the first line of ``text`` pass no ``title``, so
    that a .txt file and a JSON record of the same article agree.
    """
    content = text if title is None else f"{title}\n{text}"
    normalised = " ".join(unicodedata.normalize("NFC", content).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:ID_HEX_DIGITS]


def find_boilerplate(text: str) -> tuple[int, str] | None:
    """Where a trailing related-links block starts, and its heading.

    The block starts at the first line, after the first 30 % of ``text``, that
    consists of a heading such as "Lesen Sie auch" or "Mehr zum Thema:"
    (any case); everything from that line to the end is boilerplate. Returns
    ``(offset of the heading line, heading as written)`` or None.
    """
    earliest = len(text) * BOILERPLATE_MIN_POSITION
    offset = 0
    for line in text.splitlines(keepends=True):
        if offset >= earliest:
            match = _HEADING_LINE.fullmatch(line.rstrip("\r\n"))
            if match:
                return offset, match.group("heading")
        offset += len(line)
    return None


def make_article(
    text: str,
    source: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    author: str | None = None,
    title_in_text: bool = False,
) -> Article:
    """An ``Article`` with its content-hash id and any boilerplate cut marked.

    Control characters and invisible format characters are removed from
    ``text`` and ``title`` first (see ``visible_text``).
    """
    text = visible_text(text)
    title = visible_text(title).strip() or None if title is not None else None
    cut = find_boilerplate(text)
    return Article(
        id=article_id(text, None if title_in_text else title),
        text=text,
        source=source,
        title=title,
        url=url,
        published=published,
        author=author,
        content_end=cut[0] if cut else None,
        boilerplate=cut[1] if cut else None,
        title_in_text=title_in_text,
    )


def visible_text(text: str) -> str:
    """``text`` without control characters (tabs and line breaks stay) and invisible
    format characters such as soft hyphens, zero-width spaces and bidi overrides."""
    return _INVISIBLE.sub("", text)


def _skip(report: BatchReport, source: str, reason: str, detail: str) -> None:
    report.skip(source, reason, detail)
    log.warning("%s: skipped (%s): %s", source, reason, detail)


def _warn(report: BatchReport, source: str, reason: str, detail: str) -> None:
    report.warn(source, reason, detail)
    log.warning("%s: warning (%s): %s", source, reason, detail)


def input_files(paths: Iterable[str | Path], report: BatchReport) -> Iterator[Path | str]:
    """The files ``read_articles`` reads for ``paths``, in order (``"-"`` for stdin), lazily.

    Folders are walked as ``read_articles`` describes; a path that does not
    exist, a folder that cannot be listed and a gold file named explicitly are
    recorded in ``report`` instead.
    """
    for path in paths:
        if str(path) == STDIN:
            yield STDIN
        else:
            yield from _path_files(Path(path), report)


def _path_files(path: Path, report: BatchReport) -> Iterator[Path]:
    try:
        is_folder, exists = path.is_dir(), path.exists()
    except OSError as error:
        _skip(report, str(path), "unreadable", error.strerror or str(error))
        return
    if is_folder:
        yield from _folder_files(path, report, seen=set())
    elif not exists:
        _skip(report, str(path), "unreadable", "no such file or folder")
    elif path.name.lower().endswith(GOLD_SUFFIX):
        _skip(report, str(path), "unsupported-format", "a gold annotation file, not an article")
    else:
        yield path


def _folder_files(folder: Path, report: BatchReport, *, seen: set[Path]) -> Iterator[Path]:
    real = folder.resolve()
    if real in seen:
        _skip(report, str(folder), "symlink-loop", f"a link to {real}, which is already being read")
        return
    seen.add(real)
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        _skip(report, str(folder), "unreadable", error.strerror or str(error))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name.lower().endswith(GOLD_SUFFIX):
            continue
        if entry.is_dir():
            yield from _folder_files(entry, report, seen=seen)
        else:
            yield entry


def _read_file(path: Path, report: BatchReport) -> Iterator[Article]:
    source = str(path)
    name = path.name.lower()
    suffix = path.suffix.lower()
    try:
        is_regular = stat.S_ISREG(path.stat().st_mode)
    except OSError as error:
        _skip(report, source, "unreadable", error.strerror or str(error))
        return
    if not is_regular:  # a pipe or device would block or never end
        _skip(report, source, "unsupported-format", "not a regular file")
        return
    try:
        if name.endswith(WARC_SUFFIXES):
            with path.open("rb") as stream:
                yield from _read_warc(stream, source, report)
            return
        if name.endswith(JSONL_GZ_SUFFIX):
            with gzip.open(path, "rb") as stream:
                yield from _read_jsonl(stream, source, report)
            return
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | {JSON_SUFFIX, JSONL_SUFFIX}:
            _skip(report, source, "unsupported-format", f"{suffix or 'no extension'} is not {SUPPORTED}")
            return
        if suffix == JSONL_SUFFIX:
            with path.open("rb") as stream:
                yield from _read_jsonl(stream, source, report)
            return
        data = path.read_bytes()
    except (OSError, EOFError, zlib.error) as error:  # gzip raises all three for damaged data
        _skip(report, source, "unreadable", getattr(error, "strerror", None) or str(error) or type(error).__name__)
        return
    if suffix in HTML_SUFFIXES:
        yield from _read_html(data, source, report)
        return
    text = _decode(data, source, report)
    if text is None:
        return
    if suffix == JSON_SUFFIX:
        yield from _read_json(text, source, report)
    else:
        yield from _read_plain(text, source, report)


def html_article(page: bytes | str, source: str, *, url: str | None = None) -> Article | None:
    """The article in an HTML page, or None when trafilatura finds no main text.

    trafilatura keeps the main text and drops navigation, footers and
    related-links blocks; the title, publication date, canonical URL and author come
    from the page's metadata (``url``, e.g. a WARC record's target, is the
    fallback). When the extracted text starts with the title, the title counts
    as part of the text, as for a .txt file. A "main text" of fewer than
    ``MIN_PAGE_WORDS`` words (a menu entry on an index page) is none.
    """
    document = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                           include_tables=False, favor_precision=True)
    text = document.text if document is not None else None
    if not text or len(text.split()) < MIN_PAGE_WORDS:
        return None
    title = (document.title or "").strip() or None
    first_line = text.lstrip().split("\n", 1)[0].strip()
    return make_article(text, source, title=title, url=document.url or url, published=document.date,
                        author=(document.author or "").strip() or None,
                        title_in_text=title is not None and first_line == title)


def _read_html(data: bytes, source: str, report: BatchReport) -> Iterator[Article]:
    if not data.strip():
        _skip(report, source, "empty", "no text")
        return
    if len(data) > MAX_PAGE_BYTES:
        _skip(report, source, "too-long", f"an HTML page of {len(data):,} bytes; a page may have at most "
              f"{MAX_PAGE_BYTES:,}")
        return
    if b"\x00" in data:
        _skip(report, source, "binary", "contains NUL bytes")
        return
    article = html_article(data, source)
    if article is None:
        _skip(report, source, "no-text", "no main text found in the HTML page")
        return
    yield article


def _read_warc(stream: BinaryIO, source: str, report: BatchReport) -> Iterator[Article]:
    """Each HTML response record as an article named ``file#record-number``."""
    records = ArchiveIterator(stream)
    number = pages = 0
    while True:
        try:
            record = next(records, None)
            response = _html_response(record) if record is not None else None
        # warcio lets through whatever its parsing meets: a response without a target URI
        # raises AttributeError, a bad length ValueError, a cut-off gzip member EOFError.
        except Exception as error:
            _skip(report, f"{source}#{number + 1}", "malformed-warc",
                  f"{type(error).__name__}: {error}; the rest of the file is not read")
            return
        if record is None:
            break
        number += 1
        if response is None:
            continue
        pages += 1
        record_source, (url, status, page) = f"{source}#{number}", response
        if status != "200":
            _skip(report, record_source, "http-error", f"HTTP status {status} for {url}")
        elif len(page) > MAX_PAGE_BYTES:
            _skip(report, record_source, "too-long", f"an HTML page of more than {MAX_PAGE_BYTES:,} bytes")
        elif (article := html_article(page, record_source, url=url)) is None:
            _skip(report, record_source, "no-text", f"no main text found in the HTML page of {url}")
        else:
            yield article
    if number == 0:
        _skip(report, source, "empty", "no WARC records")
    elif pages == 0:
        _skip(report, source, "no-text", f"none of its {number} WARC record(s) is an HTML response")


def _html_response(record) -> tuple[str | None, str, bytes] | None:
    """(target URL, HTTP status, page) of an HTML response record, reading at most one byte
    over ``MAX_PAGE_BYTES``; None for any other record."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if "html" not in (record.http_headers.get_header("Content-Type") or "").lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    return url, record.http_headers.get_statuscode(), record.content_stream().read(MAX_PAGE_BYTES + 1)


def _unicode_codec(start: bytes) -> str | None:
    """The codec whose byte order mark ``start`` begins with, for UTF-16 and UTF-32 (they have NUL bytes)."""
    return next((codec for bom, codec in _WIDE_BOMS if start.startswith(bom)), None)


def _decode(data: bytes, source: str, report: BatchReport) -> str | None:
    """UTF-8 text, UTF-16/32 text with a byte order mark, or cp1252 (a superset of
    Latin-1's letters) with a warning."""
    if codec := _unicode_codec(data):
        try:
            text = data.decode(codec)  # the codec reads the byte order mark and drops it
        except UnicodeDecodeError as error:
            _skip(report, source, "binary", f"starts like {codec.upper()} text but is not: {error.reason}")
            return None
    elif b"\x00" in data:
        _skip(report, source, "binary", "contains NUL bytes")
        return None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            legacy = _decode_cp1252(data)
            if legacy is None:
                _skip(report, source, "binary", "neither UTF-8 nor cp1252 text")
                return None
            where = f"byte {data[error.start]:#04x} at offset {error.start}"
            _warn(report, source, "decoded-as-cp1252", f"{where} is not UTF-8; read as cp1252/Latin-1")
            return legacy
    if not _looks_like_text(text):
        _skip(report, source, "binary", "mostly control characters")
        return None
    return text


def _decode_cp1252(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # five byte values are undefined in cp1252
        return None
    return text if _looks_like_text(text) else None


def _looks_like_text(text: str) -> bool:
    return len(_CONTROL_CHAR.findall(text)) <= len(text) * MAX_CONTROL_SHARE


def _read_plain(text: str, source: str, report: BatchReport) -> Iterator[Article]:
    text = visible_text(text)  # the headline is the first line with something to see
    if not text.strip():
        _skip(report, source, "empty", "no text")
        return
    headline = next(line for line in text.splitlines() if line.strip())
    title = headline.strip().lstrip("#").strip() or None
    yield make_article(text, source, title=title, title_in_text=True)


def _read_json(text: str, source: str, report: BatchReport) -> Iterator[Article]:
    if not text.strip():
        _skip(report, source, "empty", "no text")
        return
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        _skip(report, source, "malformed-json", _json_error(error))
        return
    if isinstance(data, dict):
        yield from _read_record(data, source, report)
    elif isinstance(data, list):
        for index, record in enumerate(data):
            yield from _read_record(record, f"{source}[{index}]", report)
    else:
        _skip(report, source, "malformed-json", f"expected an object or a list of objects, not {type(data).__name__}")


def _read_jsonl(stream: BinaryIO, source: str, report: BatchReport) -> Iterator[Article]:
    try:
        start = stream.read(SNIFF_BYTES)
    except EOFError:  # a cut-off .jsonl.gz shorter than the sniff: its lines before the cut are still read
        start = b""
    stream.seek(0)
    if codec := _unicode_codec(start):
        lines = io.TextIOWrapper(stream, encoding=codec, errors="replace", newline=None)
        yield from _read_json_lines(lines, source, report)
        return
    if b"\x00" in start:
        _skip(report, source, "binary", "contains NUL bytes")
        return
    yield from _read_json_lines(_decode_lines(stream, source, report), source, report)


def _decode_lines(stream: BinaryIO, source: str, report: BatchReport) -> Iterator[str]:
    """Each line as UTF-8, or as cp1252 with one warning for the file."""
    warned = False
    for number, raw in enumerate(stream, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            if not warned:
                _warn(report, source, "decoded-as-cp1252", f"line {number} is not valid UTF-8, read as cp1252/Latin-1")
                warned = True
            yield raw.decode("cp1252", errors="replace")


def _read_json_lines(lines: Iterable[str], source: str, report: BatchReport) -> Iterator[Article]:
    """One record per line; a bad line is skipped alone, naming its number."""
    found_line = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        found_line = True
        line_source = f"{source}:{number}"
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as error:
            _skip(report, line_source, "malformed-json", _json_error(error))
            continue
        yield from _read_record(record, line_source, report)
    if not found_line:
        _skip(report, source, "empty", "no JSON lines")


def _json_error(error: ValueError | RecursionError) -> str:
    return "arrays or objects nested too deeply" if isinstance(error, RecursionError) else str(error)


def _read_record(record: Any, source: str, report: BatchReport) -> Iterator[Article]:
    if not isinstance(record, dict):
        _skip(report, source, "malformed-json", f"expected a JSON object, not {type(record).__name__}")
        return
    record = _without_lone_surrogates(record, source, report)
    text = record.get("text")
    if not isinstance(text, str):
        detail = "no 'text' field" if text is None else f"'text' is {type(text).__name__}, not a string"
        _skip(report, source, "no-text", detail)
        return
    if not text.strip():
        _skip(report, source, "empty", "'text' is empty")
        return
    if not _looks_like_text(text):
        _skip(report, source, "binary", "'text' is mostly control characters")
        return
    yield make_article(
        text,
        source,
        title=_optional_string(record, "title", source, report),
        url=_optional_string(record, "url", source, report),
        published=_optional_string(record, "published", source, report),
        author=_optional_string(record, "author", source, report),
    )


def _without_lone_surrogates(record: dict, source: str, report: BatchReport) -> dict:
    """``record`` with each lone UTF-16 surrogate in its strings replaced by U+FFFD.

    JSON can escape half of a surrogate pair ("\\ud83d" cut from its emoji), which
    ``json.loads`` keeps but no UTF-8 text, and so no RDF file, can hold.
    """
    repaired = {key: _LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value
                for key, value in record.items()}
    if repaired != record:
        _warn(report, source, "replaced-surrogates", "lone UTF-16 surrogates (\\ud800-\\udfff) replaced by U+FFFD")
    return repaired


def _optional_string(record: dict, name: str, source: str, report: BatchReport) -> str | None:
    value = record.get(name)
    if isinstance(value, str):
        return value.strip() or None
    if value is None:
        return None
    _warn(report, source, "ignored-field", f"'{name}' is {type(value).__name__}, not a string")
    return None


def _read_stdin(stdin: TextIO, report: BatchReport) -> Iterator[Article]:
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        text = _decode(buffer.read(), STDIN_SOURCE, report)
        if text is None:
            return
    else:
        text = stdin.read()
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if _is_json_object(first_line):
        # split("\n") like a file's lines: splitlines() would also break at
        # U+2028, which JSON allows inside strings.
        yield from _read_json_lines(text.split("\n"), STDIN_SOURCE, report)
    else:
        yield from _read_plain(text, STDIN_SOURCE, report)


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (json.JSONDecodeError, RecursionError):
        return False
