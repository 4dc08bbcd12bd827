import pytest

from pipeline.extract.language import GERMAN, MAX_CHARS, detect_language, is_german, vote_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Der Chiphersteller aus Dresden hat im dritten Quartal deutlich mehr Umsatz gemacht, "
            "weil die Nachfrage nach Rechenzentren weiter steigt.",
            "de",
        ),
        (
            "Die Bundesnetzagentur prüft die geplante Übernahme des Mobilfunkanbieters durch einen "
            "Finanzinvestor aus Schweden.",
            "de",
        ),
        (
            "The chipmaker reported higher quarterly revenue as demand from data centres kept growing.",
            "en",
        ),
        (
            "Le fabricant de puces a annoncé une hausse de son chiffre d'affaires grâce à la demande "
            "des centres de données.",
            "fr",
        ),
    ],
)
def test_detects_the_language(text, language):
    assert detect_language(text) == vote_language(text) == language


@pytest.mark.parametrize("text", ["Software AG", "Chips aus Taiwan", "Cloud Server Rechenzentrum"])
def test_same_answer_on_every_call(text):
    # Short, ambiguous texts are where langdetect's random sampling shows.
    assert len({detect_language(text) for _ in range(10)}) == 1


@pytest.mark.parametrize("text", ["12345 !!!", "", "   ", "2025-01-31 / 42 %"])
def test_unknown_without_letters(text):
    assert detect_language(text) == "unknown"


def test_reads_only_the_start():
    german = "Das Unternehmen baut ein neues Werk für Halbleiter in Sachsen und stellt dort Personal ein. "
    english = "The company is building a new semiconductor plant and hiring staff for it. "
    text = german * (MAX_CHARS // len(german) + 1) + english * 200
    assert detect_language(text) == "de"


@pytest.mark.parametrize(("language", "expected"), [(GERMAN, True), ("en", False), ("unknown", False)])
def test_is_german(language, expected):
    assert is_german(language) is expected


def test_a_run_of_junk_does_not_outvote_the_sentences_around_it():
    sentence = "Die Firma {} kauft für zwei Milliarden Euro Server von einem Hersteller aus München."
    assert detect_language(sentence.format("Q" * 10_000)) == GERMAN
    assert detect_language(sentence.format("https://example.org/" + "a1b2" * 50)) == GERMAN
    assert detect_language("Q" * 10_000) == "unknown"


@pytest.mark.parametrize("text", [
    "Der Chiphersteller TSMC liefert an NVIDIA und AMD, wie die FAZ am Montag berichtete.",
    "ÄÖÜ äöü ß – „Zitat“ … 12,5 Mrd. € (UPDATE) Übernahme",
    "Компания Яндекс объявила о покупке 25 % акций.",
    "字节跳动将从英伟达购买芯片 and 华为 Ascend chips",
    "Tiếng Việt có dấu, Σ Ελληνικά, العربية, ひらがな カタカナ 한국어",
    "ALLES GROSS UND DANN klein. aBc AbC ABc",
])
def test_our_ngram_extraction_equals_langdetects(text):
    from langdetect.detector import Detector

    from pipeline.extract.language import _Detector, _factory

    ours, theirs = _Detector(_factory()), Detector(_factory())
    for detector in (ours, theirs):
        detector.append(text)
        detector.cleaning_text()
    assert ours.text == theirs.text
    assert ours._read_ngrams() == theirs._extract_ngrams()


@pytest.mark.parametrize("text", [
    "Der Chiphersteller TSMC liefert an NVIDIA und AMD, wie die FAZ am Montag berichtete.",
    "The chipmaker reported higher quarterly revenue as demand from data centres kept growing.",
    "Компания Яндекс объявила о покупке 25 % акций.",
    "字节跳动将从英伟达购买芯片 and 华为 Ascend chips",
    "Mehr  Leerzeichen   als nötig, https://example.org/x und info@example.org dazu.",
])
@pytest.mark.parametrize("trials", [1, 3])
def test_our_detector_gives_langdetects_probabilities(text, trials):
    # The same n-grams, the same random draws and the same arithmetic: the same numbers to the last bit.
    from langdetect.detector import Detector

    from pipeline.extract.language import _Detector, _factory

    ours, theirs = _Detector(_factory()), Detector(_factory())
    for detector in (ours, theirs):
        detector.n_trial = trials
        detector.append(text)
    assert [(found.lang, found.prob) for found in ours.get_probabilities()] == \
        [(found.lang, found.prob) for found in theirs.get_probabilities()]
