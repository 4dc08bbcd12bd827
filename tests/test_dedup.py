"""Near-duplicate detection: agency copies merged and named, different stories kept."""

import pytest

from pipeline.core.records import BatchReport
from pipeline.extract.dedup import drop_near_duplicates, signature, similarity
from pipeline.extract.readers import make_article

AGENCY_STORY = (
    "Der Chiphersteller Infineon investiert fünf Milliarden Euro in ein neues Werk in Dresden. "
    "Das teilte der Konzern am Dienstag in Neubiberg mit. Die Fertigung soll im Jahr 2026 beginnen "
    "und rund tausend Arbeitsplätze schaffen, sagte ein Sprecher des Unternehmens. Die Bundesregierung "
    "fördert das Vorhaben mit einer Milliarde Euro aus dem Chipgesetz der Europäischen Union. "
    "Branchenkenner rechnen damit, dass weitere Zulieferer in die Region ziehen werden. "
    "Der Standort in Sachsen gilt seit Jahren als Zentrum der europäischen Halbleiterindustrie, "
    "neben Infineon fertigen dort auch Bosch und Globalfoundries. Die Stadt Dresden kündigte an, "
    "die Anbindung des Geländes an Straße und Schiene bis zum Produktionsstart auszubauen."
)
OTHER_STORY = (
    "Vodafone vergibt den Ausbau seines Mobilfunknetzes an Nokia, Ericsson und Samsung. Der Auftrag hat "
    "einen Wert von bis zu drei Milliarden Euro, wie der Netzbetreiber in Düsseldorf mitteilte. Nokia "
    "erhält dabei den größten Anteil an den neuen Antennenstandorten in Nordrhein-Westfalen."
)


@pytest.mark.parametrize(
    "copy",
    [
        AGENCY_STORY,
        "DRESDEN (dpa) - " + AGENCY_STORY,
        AGENCY_STORY + " Mehr Nachrichten aus Sachsen lesen Sie in unserer App.",
        AGENCY_STORY.replace("am Dienstag", "am Dienstagabend"),
    ],
)
def test_copies_of_one_agency_story_are_merged_into_the_first(copy):
    report = BatchReport()
    first = make_article(AGENCY_STORY, "site-a.html")
    kept = list(drop_near_duplicates([first, make_article(copy, "site-b.html")], report))
    assert kept == [first]
    [skip] = report.skipped
    assert (skip.source, skip.reason) == ("site-b.html", "near-duplicate")
    assert skip.detail.startswith(f"same story as site-a.html (article {first.id}), similarity ")


def test_different_stories_are_all_kept():
    report = BatchReport()
    similar_template = (AGENCY_STORY.replace("Infineon", "Bosch").replace("Dresden", "Reutlingen")
                        .replace("fünf Milliarden", "drei Milliarden").replace("Neubiberg", "Gerlingen"))
    articles = [make_article(AGENCY_STORY, "a.txt"), make_article(OTHER_STORY, "b.txt"),
                make_article(similar_template, "c.txt")]
    assert list(drop_near_duplicates(articles, report)) == articles
    assert report.skipped == []


def test_signatures_are_the_same_in_every_run():
    assert similarity(signature(AGENCY_STORY), signature(AGENCY_STORY)) == 1.0
    assert signature(AGENCY_STORY).tolist() == signature(" ".join(AGENCY_STORY.split())).tolist()
    assert similarity(signature(AGENCY_STORY), signature(OTHER_STORY)) < 0.2


def test_copies_are_found_among_thousands_of_kept_articles():
    """Past a few hundred articles the bucket keys move into a sorted array; copies are found in both."""
    words = [f"wort{number}" for number in range(600 * 40)]
    stories = [" ".join(words[number * 40:(number + 1) * 40]) for number in range(600)]
    articles = [make_article(story, f"{number}.txt") for number, story in enumerate(stories)]
    copies = [make_article("Eilmeldung: " + stories[number], f"copy-{number}.txt") for number in (3, 420, 599)]
    report = BatchReport()
    assert list(drop_near_duplicates(articles + copies, report)) == articles
    assert [(skip.source, skip.detail.split(" (")[0]) for skip in report.skipped] == [
        ("copy-3.txt", "same story as 3.txt"), ("copy-420.txt", "same story as 420.txt"),
        ("copy-599.txt", "same story as 599.txt")]
