"""Speaker resolution: one canonical name per person across the corpus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from briefing.corpus import load_corpus, split_paragraphs
from briefing.extract.mentions import speaker_kind
from briefing.models import Quote, Source
from briefing.quotes import extract_quotes
from briefing.speakers import resolve_speakers, speaker_terms, strip_titles

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def source(sid: str, body: str) -> Source:
    return Source(sid, Path(f"{sid}.txt"), sid, body, split_paragraphs(body), sid)


def said(sid: str, mention: str) -> Quote:
    return Quote(sid, "We will act.", 0, 12, "direct", None, mention)


CORPUS = [
    source("a", "Prime Minister Sir Keir Starmer met French President Emmanuel Macron in Paris."),
    source("b", "Sir Keir Starmer spoke. Home Secretary Yvette Cooper agreed with Sir Keir."),
    source("c", "The talks between Prime Minister Sir Kir Stmper and Macron went on. Sir Keer left."),
    source("d", "The prime minister said little. Mr Macron smiled."),
]


def canonical(sid: str, mention: str, sources: list[Source] | None = None) -> str | None:
    result = resolve_speakers(sources or CORPUS, [said(sid, mention)])
    return result.quotes[0].speaker


@pytest.mark.parametrize(
    ("sid", "mention", "expected"),
    [
        ("a", "Prime Minister Sir Keir Starmer", "Keir Starmer"),
        ("b", "Sir Keir", "Keir Starmer"),
        ("d", "Mr Macron", "Emmanuel Macron"),
        ("b", "Home Secretary Yvette Cooper", "Yvette Cooper"),
        ("d", "the prime minister", "Keir Starmer"),
        ("d", "The Prime Minister", "Keir Starmer"),
        ("d", "the French president", "Emmanuel Macron"),
        ("c", "Sir Kir Stmper", "Keir Starmer"),
        ("c", "Sir Keer", "Keir Starmer"),
        ("a", "a No 10 spokesman", "Downing Street spokesperson"),
        ("a", "a Downing Street spokesperson", "Downing Street spokesperson"),
        ("a", "the Prime Minister's spokesperson", "Downing Street spokesperson"),
        ("a", "The Prime Minister’s spokesperson", "Downing Street spokesperson"),
        ("a", "a spokesperson for a Downing Street", "Downing Street spokesperson"),
        ("a", "No 10", "Downing Street spokesperson"),
        ("a", "a Foreign Office spokeswoman", "Foreign Office spokesperson"),
        ("a", "A Department for Work and Pensions spokeswoman", "Department for Work and Pensions spokesperson"),
        ("a", "A spokesman for the British Phonographic Industry (BPI)", "British Phonographic Industry spokesperson"),
        ("a", "ABN Amro's Eddie Wong", "Eddie Wong"),
        ("a", "Anne Thompson of the Hollywood Reporter", "Anne Thompson"),
    ],
)
def test_mentions_fold_to_one_canonical_name(sid, mention, expected):
    assert canonical(sid, mention) == expected


@pytest.mark.parametrize("mention", ["the pair", "a spokesman", "he", "they", "the two leaders"])
def test_unknowable_mentions_get_no_name(mention):
    assert canonical("a", mention) is None


def test_different_people_are_not_folded_together():
    corpus = [
        source("x", "Mr Boyd spoke. Later Michael Boyd left. Dr Michael Bjorn stayed, as did Dr Bjorn."),
        source("y", "Anne Robinson hosted. Ms Robinson smiled. Coach Andy Robinson won. Mr Robinson cheered."),
        source("z", "Ed Balls and Ed Miliband met. Mr Balls and Mr Miliband spoke."),
    ]
    assert canonical("x", "Michael Boyd", corpus) == "Michael Boyd"
    assert canonical("x", "Dr Bjorn", corpus) == "Michael Bjorn"
    assert canonical("y", "Ms Robinson", corpus) == "Ms Robinson"  # two Robinsons: as written, no guess
    assert canonical("y", "Anne Robinson", corpus) == "Anne Robinson"
    assert canonical("z", "Mr Balls", corpus) == "Ed Balls"


def test_role_is_linked_only_when_the_corpus_is_clear():
    corpus = [
        source("p", "Prime Minister Tony Blair spoke."),
        source("q", "Prime Minister Gordon Brown spoke."),
        source("r", "The prime minister said nothing."),
    ]
    # Two prime ministers in the corpus: no guess; the description is kept as written, a role.
    assert canonical("r", "the prime minister", corpus) == "the prime minister"
    # The article's own statement wins over the corpus.
    corpus.append(source("s", "Prime Minister Gordon Brown arrived. The prime minister said nothing."))
    assert canonical("s", "the prime minister", corpus) == "Gordon Brown"


def test_titles_are_stripped():
    assert strip_titles("Ex-Labour MP George Galloway") == "George Galloway"
    assert strip_titles("Dr Liam Fox") == "Liam Fox"
    assert strip_titles("Guy Mansfield QC") == "Guy Mansfield"
    assert strip_titles("Scottish Finance Minister Tom McCabe MSP") == "Tom McCabe"
    assert strip_titles("Trade and Industry Secretary Patricia Hewitt") == "Patricia Hewitt"
    assert strip_titles("But Mr Herron") == "Herron"
    assert strip_titles("London UKIP MEP Gerard Batten") == "Gerard Batten"
    assert strip_titles("For the Lib Dems David Laws") == "David Laws"
    assert strip_titles("Chris Green") == "Chris Green"


def test_lord_keeps_title_without_a_full_name():
    corpus = [source("l", "Lord Hattersley spoke warmly of Lord Callaghan, who was Jim Callaghan to friends.")]
    assert canonical("l", "Lord Hattersley", corpus) == "Lord Hattersley"
    assert canonical("l", "Lord Callaghan", corpus) == "Jim Callaghan"


def test_overrides_add_and_override_aliases(tmp_path):
    path = tmp_path / "speakers.yaml"
    path.write_text(
        "Keir Starmer: [the PM, Starmer]\n"
        "Downing Street: [a No 10 spokesman]\n"
        "Emmanuel Macron: Le Président\n",
        encoding="utf-8",
    )
    quotes = [said("a", "the PM"), said("a", "a No 10 spokesman"), said("a", "le président")]
    result = resolve_speakers(CORPUS, quotes, path)
    assert [q.speaker for q in result.quotes] == ["Keir Starmer", "Downing Street", "Emmanuel Macron"]
    assert result.warnings == []


@pytest.mark.parametrize(
    "text",
    ["Keir Starmer: [unclosed\n", "- just\n- a list\n", "Keir: {a: 1}\n", "\x00\x01binary: [", "123: [a]\n"],
)
def test_broken_overrides_warn_and_do_not_crash(tmp_path, text):
    path = tmp_path / "speakers.yaml"
    path.write_text(text, encoding="utf-8")
    result = resolve_speakers(CORPUS, [said("b", "Sir Keir")], path)
    assert result.quotes[0].speaker == "Keir Starmer"
    if result.warnings:
        assert all(w.path == path for w in result.warnings)
    if text.startswith(("Keir Starmer: [unclosed", "- just", "\x00")):
        assert len(result.warnings) == 1 and "speakers.yaml" in str(result.warnings[0])


def test_overrides_can_rename_a_canonical_name(tmp_path):
    path = tmp_path / "speakers.yaml"
    path.write_text("Sir Keir Starmer: [Keir Starmer]\n", encoding="utf-8")
    quotes = [said("b", "Sir Keir"), said("a", "Prime Minister Sir Keir Starmer"), said("d", "the prime minister")]
    result = resolve_speakers(CORPUS, quotes, path)
    assert {q.speaker for q in result.quotes} == {"Sir Keir Starmer"}
    assert [s.name for s in result.speakers] == ["Sir Keir Starmer"]


def test_missing_overrides_file_is_fine(tmp_path):
    result = resolve_speakers(CORPUS, [said("b", "Sir Keir")], tmp_path / "nope.yaml")
    assert result.warnings == [] and result.quotes[0].speaker == "Keir Starmer"


def test_speaker_list_counts_aliases_and_sources():
    sources = load_corpus(SEEDS).sources
    quotes = [q for s in sources for q in extract_quotes(s)]
    result = resolve_speakers(sources, quotes)
    by_name = {s.name: s for s in result.speakers}
    starmer = by_name["Keir Starmer"]
    assert {"Sir Keir", "The prime minister"} <= set(starmer.aliases)
    assert starmer.quote_count == sum(q.speaker == "Keir Starmer" for q in result.quotes)
    assert set(starmer.sources) == {q.source for q in result.quotes if q.speaker == "Keir Starmer"}
    spokes = by_name["Downing Street spokesperson"]
    assert len(spokes.sources) >= 3
    assert result.speakers[0].quote_count >= result.speakers[-1].quote_count
    assert all(q.speaker is None for q in result.quotes if q.speaker_as_written is None)


def test_speaker_terms_for_the_index():
    quote = Quote("a", "x", 0, 1, "direct", "Keir Starmer", "Sir Keir")
    assert speaker_terms(quote) == "Keir Starmer Sir Keir"
    assert speaker_terms(Quote("a", "x", 0, 1, "direct")) == ""
    assert speaker_terms(Quote("a", "x", 0, 1, "direct", "Chris Philp", "Chris Philp")) == "Chris Philp"


@pytest.mark.parametrize(
    ("body", "speaker", "kind"),
    [
        ("Ohio Sen. Rob Portman spoke on Monday.\n\n“We will act now, whatever it takes,” the Ohio senator said.",
         "Rob Portman", "person"),
        ("Gov. Jerry Brown spoke.\n\n“We will act now, whatever it takes,” the governor said.", "Jerry Brown",
         "person"),
        ("Camilla Parker Bowles smiled.\n\n“We will act now, whatever it takes,” Mrs Parker Bowles said.",
         "Camilla Parker Bowles", "person"),
        ("Simon Le Bon sang.\n\n“We will act now, whatever it takes,” Le Bon said.", "Simon Le Bon", "person"),
        ("“We will act now, whatever it takes,” said Mr R. Sridharan, a vice president.\n\n"
         "“Speed is very important,” said Mr Sridharan.", "R. Sridharan", "person"),
        ("“We will act now, whatever it takes,” a Downing Street spokesman said.", "Downing Street spokesperson",
         "organisation"),
    ],
)
def test_roles_titles_and_long_surnames_resolve_to_the_person(body, speaker, kind):
    source = Source("t", Path("t.txt"), "t", body, split_paragraphs(body), "h")
    quotes = resolve_speakers([source], extract_quotes(source)).quotes
    assert {q.speaker for q in quotes} == {speaker}
    assert {q.speaker_kind for q in quotes} == {kind}


def test_a_bare_surname_goes_to_the_person_the_corpus_means():
    donald = [source(f"d{i}", f"Donald Trump spoke on day {i}. Trump left.") for i in range(8)]
    ivanka = source("iv", "Ivanka Trump spoke. Trump left.")
    bare = source("b", "The rally was loud. Trump said it was great.")
    noisy = source("n", "Despite Donald Trump and Team Trump, nothing changed. Trump left.")
    result = resolve_speakers([*donald, ivanka, bare, noisy], [said("b", "Trump"), said("n", "Trump")])
    assert [q.speaker for q in result.quotes] == ["Donald Trump", "Donald Trump"]


def test_middle_initials_are_one_person():
    body = "Donald J. Trump arrived. Later Donald Trump spoke. Trump left."
    result = resolve_speakers([source("m", body)], [said("m", "Trump")])
    assert result.quotes[0].speaker == "Donald Trump"


def kind_of(sid: str, mention: str, sources: list[Source]) -> tuple[str | None, str | None]:
    quote = replace(said(sid, mention), speaker_kind=speaker_kind(mention))  # as the extractor gives it
    quote = resolve_speakers(sources, [quote]).quotes[0]
    return quote.speaker, quote.speaker_kind


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("The New York Times", ("New York Times", "organisation")),
        ("the DNC", ("DNC", "organisation")),
        ("The Hill", ("The Hill", "organisation")),  # one word: the article is part of the name
        ("Clinton's campaign", ("Clinton campaign", "organisation")),
        ("the Trump campaign", ("Trump campaign", "organisation")),
        ("The Post's Ruth Marcus", ("Ruth Marcus", "person")),
        ("a New Hampshire Democrat", ("a New Hampshire Democrat", "role")),  # kept, never guessed
        ("Donald Trump’s campaign manager", ("Donald Trump’s campaign manager", "role")),
    ],
)
def test_institutions_and_specific_descriptions_keep_a_name(mention, expected):
    corpus = [source("n", "The Democrat Lucy Flores spoke. Ruth Marcus wrote. Later the DNC and The Hill said.")]
    assert kind_of("n", mention, corpus) == expected


@pytest.mark.parametrize("mention", ["The Conservatives and Lib Dems", "the Queen and Duke of Edinburgh"])
def test_a_joint_source_gets_no_name(mention):
    assert canonical("a", mention) is None


def test_a_role_is_not_linked_across_a_qualifier_the_article_does_not_give_that_person():
    corpus = [source("v", "Sen. Claire McCaskill spoke first, for a long time, about the budget and the war. "
                          "Then the independent Vermont senator said no.")]
    assert canonical("v", "the independent Vermont senator", corpus) == "the independent Vermont senator"
    corpus = [source("v", "Talk show host Jerry Springer spoke. The TV host said no.")]
    assert canonical("v", "the TV host", corpus) == "Jerry Springer"  # "TV" is a generic qualifier


def test_an_indefinite_role_introduces_someone_new():
    corpus = [source("i", "Nevada Democrat Lucy Flores ran. A Nevada Democrat said no.")]
    assert canonical("i", "a Nevada Democrat", corpus) == "a Nevada Democrat"


def test_a_role_in_apposition_names_the_person():
    corpus = [source("w", "The Archbishop of Canterbury, Dr Rowan Williams, will preside.")]
    assert canonical("w", "the Archbishop of Canterbury", corpus) == "Rowan Williams"


def test_a_shared_surname_goes_to_the_person_the_article_is_about():
    body = ("Jeb Bush campaigned. Jeb spoke in Iowa, and Jeb smiled. His brother George W. Bush came. "
            "Jeb Bush thanked him. Bush said no.")
    corpus = [source("j", body)]
    assert canonical("j", "Bush", corpus) == "Jeb Bush"
    even = [source("k", "Ammon Bundy and Ryan Bundy spoke. Bundy said no.")]
    assert canonical("k", "Bundy", even) == "Bundy"  # neither dominates: as written, no guess


def test_hyphenated_descriptions_and_us_offices_are_not_part_of_a_name():
    assert strip_titles("Oscar-winner Susan Sarandon") == "Susan Sarandon"
    assert strip_titles("House Speaker Paul Ryan") == "Paul Ryan"


@pytest.mark.parametrize(
    "mention", ["one of the former prosecutors for David Petraeus", "a longtime adviser to Donald Trump",
                "the chief of staff to President Obama", "the wife of Mr Smith"])
def test_someone_named_by_a_relation_to_a_person_is_not_that_person(mention):
    corpus = [source("a", "David Petraeus, Donald Trump, President Obama and John Smith met. Mr Smith left.")]
    name = canonical("a", mention, corpus)
    assert name is None or name == mention  # kept as written, never the related person


def test_a_description_never_tied_to_a_name_is_kept_as_a_role():
    corpus = [source("a", "A longtime adviser to the mayor, who asked not to be named, spoke.")]
    assert canonical("a", "a longtime adviser", corpus) == "a longtime adviser"
    resolution = resolve_speakers(corpus, [said("a", "a longtime adviser")])
    assert resolution.quotes[0].speaker_kind == "role"


@pytest.mark.parametrize(
    ("body", "mention", "name"),
    [
        ("The Police Federation opposes it. Police Federation chairman Jan Berry spoke.", "The federation",
         "Police Federation"),
        ("The Ugandan Media Council banned it. Critics sided with the Media Council.", "the council's ruling",
         "Ugandan Media Council"),
    ],
)
def test_a_definite_description_is_the_one_institution_the_article_names(body, mention, name):
    assert canonical("a", mention, [source("a", body)]) == name


def test_an_institution_or_thing_named_by_its_kind_alone_is_no_speaker():
    # two federations: which one is unknown; "the company" or "the report" is a different one in
    # every article, and listing it as one speaker across the corpus would merge them
    body = "The Police Federation and the Fire Brigades Federation met."
    assert canonical("a", "the federation", [source("a", body)]) is None
    assert canonical("a", "the company", [source("a", "The company said so.")]) is None
    assert canonical("a", "the report", [source("a", "The report found so.")]) is None
    assert canonical("a", "the prime minister", [source("a", "The prime minister said so.")]) == "the prime minister"
