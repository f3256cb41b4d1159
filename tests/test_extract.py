"""The stages of `briefing.extract`, each on its own (issue 17)."""

from __future__ import annotations

import re

import pytest

from briefing.extract import cues, mentions, sentences, titles


def split(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentences.split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Sen. Ann Smith (D-Ore.) said the U.S. economy grew 2.5 percent. She left.",
        "Mr. Baker met Lt. Gen. Tom Ray in Washington, D.C. on Monday. She left.",
        "Mary J. Blake of Portland, Ore. agreed with Gov. Jerry Brown. She left.",
        "The bill, No. 5, passed 60 vs. 40 with Rep. Jim Clyburn's help. She left.",
    ],
)
def test_titles_initials_and_abbreviations_do_not_end_sentences(text):
    assert split(text)[-1] == "She left."
    assert len(split(text)) == 2


def test_sentences_end_at_real_stops_and_quotes():
    text = "He spoke. “We will win!” she said. Was it true? Yes… it was.\nNew paragraph"
    assert split(text) == ["He spoke.", "“We will win!” she said.", "Was it true?", "Yes… it was.", "New paragraph"]


def test_abbreviation_dot_and_full_stop_patterns():
    assert re.findall(sentences.ABBREVIATION_DOT, "Sen. Smith and J. Doe ended.") == [".", "."]
    assert [m.start() for m in re.finditer(sentences.FULL_STOP, "Sen. Smith ended.")] == [16]


@pytest.mark.parametrize(
    "form",
    ["said", "says", "saying", "told", "tweeted", "tweets", "likened", "lauded", "blasted", "chanted", "hailed",
     "put it", "went on", "pointed out", "acknowledging", "criticised", "criticized", "replied", "denies"],
)
def test_every_inflection_of_a_reporting_verb_is_a_cue(form):
    assert form in cues.VERB_FORMS
    assert re.fullmatch(rf"(?:{cues.VERB_ALTERNATION})", form)
    assert cues.SPEECH_CUE.search(f"she {form} it")


@pytest.mark.parametrize("word", ["state", "claim", "note", "terms", "reports", "going on", "finding"])
def test_words_that_are_mostly_nouns_are_not_verb_cues(word):
    assert word not in cues.VERB_FORMS


def test_trie_pattern_matches_exactly_its_words():
    pattern = re.compile(rf"(?:{cues.trie_pattern(['said', 'say', 'saying', 'told'])})")
    assert [w for w in ["said", "say", "saying", "told", "sa", "tol"] if pattern.fullmatch(w)] == [
        "said", "say", "saying", "told"]


def test_according_to_frame_gives_the_source_after_the_cue():
    assert cues.ACCORDING_TO.search("According to Woodward, the plan").group("source") == "Woodward"


@pytest.mark.parametrize(
    ("mention", "kind"),
    [
        ("Sen. Ann Smith (D-Ore.)", "person"),
        ("Keir Starmer", "person"),
        ("Mr Baker", "person"),
        ("the Times", "organisation"),
        ("The New York Times", "organisation"),
        ("a Downing Street spokesman", "organisation"),
        ("Police Federation", "organisation"),
        ("the report", "organisation"),
        ("the Ohio senator", "role"),
        ("White House officials", "role"),
        ("", None),
        (None, None),
    ],
)
def test_speaker_kind(mention, kind):
    assert mentions.speaker_kind(mention) == kind


@pytest.mark.parametrize(
    ("mention", "clean"),
    [("Sen. Ann Smith (D-Ore.)", "Sen. Ann Smith"), ("Rep. Jim Clyburn (D-S.C.)", "Rep. Jim Clyburn"),
     ("state Sen. Jason Holsman (D)", "state Sen. Jason Holsman"), ("Martin Luther King Jr.", "Martin Luther King")],
)
def test_party_tags_and_suffixes_are_dropped(mention, clean):
    assert mentions.clean_mention(mention) == clean


def test_name_token_reads_titles_and_initials():
    run = re.compile(rf"{mentions.NAME_TOKEN}(?:\s+{mentions.NAME_TOKEN})*")
    assert run.search("said Lt. Gen. Mary J. Blake on Monday").group() == "Lt. Gen. Mary J. Blake"


@pytest.mark.parametrize(
    ("text", "lead"),
    [("State of the Union", "Sanders told CNN’s "), ("New Day.", "he said on "),
     ("Here’s the Thing.", "Weiner said on the podcast "), ("747970077610352640", "<tweet id=")],
)
def test_titles_and_markup_values_name_a_thing(text, lead):
    assert titles.names_a_thing(text, lead)


@pytest.mark.parametrize(
    ("text", "lead"),
    [("a disaster for the country", "he called it "), ("Ted! Ted! Ted!", "their chants of "),
     ("We will win,", "He said on Monday: ")],
)
def test_quotations_do_not_name_a_thing(text, lead):
    assert not titles.names_a_thing(text, lead)


@pytest.mark.parametrize(
    ("text", "lead", "after", "scare"),
    [
        ("safe", "insisting France is a ", " country where", True),
        ("one, one", "refused to say whether ", " would be agreed", True),
        ("operate", "would be allowed to ", " soon before", True),
        ("awful", "has done an ", " job of covering", False),  # PolNeAR counts these as quotes
        ("recognition", "was a ", " that France", False),
        ("work closely", "agreed to ", " to tackle", False),
    ],
)
def test_scare_quotes(text, lead, after, scare):
    assert titles.is_scare_quote(text, lead, after) is scare


@pytest.mark.parametrize(("mention", "kind"), [("the DNC", "organisation"), ("UN Ambassador John Bolton", "person")])
def test_acronyms_are_organisations_only_as_the_head(mention, kind):
    assert mentions.speaker_kind(mention) == kind


@pytest.mark.parametrize(
    ("mention", "plausible"),
    [("Keir Starmer", True), ("he", True), ("the prime minister", True), ("The world champion", True),
     ("the Times", True), ("one Trump campaign source", True), ("and", False), ("of Flint", False),
     ("the so-", False), ("The attack", False), ("the primary schedule", False), ("some of her", False)],
)
def test_plausible_speakers(mention, plausible):
    assert mentions.is_plausible_speaker(mention) is plausible


def test_dotted_acronyms_stay_whole_in_names():
    run = re.compile(rf"{mentions.NAME_TOKEN}(?:\s+{mentions.NAME_TOKEN})*")
    assert run.search("of the U.S. Senate today").group() == "U.S. Senate"


def test_datelines_and_headlines_are_not_speakers():
    assert not mentions.is_plausible_speaker("NEW YORK")
    assert mentions.is_plausible_speaker("NATO")
