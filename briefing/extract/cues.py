"""The one lexicon of speech cues: reporting verbs in every inflection, cue nouns and frames.

Quote detection (is this quoted phrase somebody's words?) and attribution (whose?) read the same
lists, so a verb added here is known to both. Verbs are listed by lemma and inflected by rule
(`warn` -> warns, warned, warning); irregular forms are spelled out. The bare lemma is a cue only
where it is rarely a noun (`say`, `argue`; not `state`, `claim`, `note`).
"""

from __future__ import annotations

import re

# lemma -> irregular (3rd person, past, -ing) forms; None: inflected by rule.
_IRREGULAR = {
    "say": ("says", "said", "saying"), "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing"), "think": ("thinks", "thought", "thinking"),
    "speak": ("speaks", "spoke", "speaking"), "go on": ("goes on", "went on", "going on"),
    "sing": ("sings", "sang", "singing"), "find": ("finds", "found", "finding"),
    "put it": ("puts it", "put it", "putting it"),
    "tweet": ("tweets", "tweeted", "tweeting"),
    "admit": ("admits", "admitted", "admitting"), "quip": ("quips", "quipped", "quipping"),
    "snap": ("snaps", "snapped", "snapping"), "dub": ("dubs", "dubbed", "dubbing"),
    "label": ("labels", "labelled", "labelling"), "signal": ("signals", "signalled", "signalling"),
    "rebut": ("rebuts", "rebutted", "rebutting"),
    "refer": ("refers", "referred", "referring"), "chime in": ("chimes in", "chimed in", "chiming in"),
    "lash out": ("lashes out", "lashed out", "lashing out"), "point out": ("points out", "pointed out",
                                                                              "pointing out"),
    "sum up": ("sums up", "summed up", "summing up"), "fire back": ("fires back", "fired back",
                                                                    "firing back"),
    "shoot back": ("shoots back", "shot back", "shooting back"),
}
# Verbs whose subject is the source of what is reported.
REPORTING_LEMMAS = """
say tell add continue respond reply concede insist warn argue explain state declare claim note admit
acknowledge announce ask write comment remark observe suggest urge stress emphasise emphasize maintain
counter retort recall predict promise vow pledge confirm deny complain caution joke conclude reiterate
reveal boast protest demand believe think reckon quip answer assure reflect contend query lament confess
exclaim shout cry muse inform hint signal indicate accept agree highlight underline elaborate
tweet blast hail laud liken chant mock scoff snap allege assert affirm testify recount
whisper yell scream email describe call brand dub label term dismiss condemn criticise criticize accuse
welcome praise blame slam decry tout thank proclaim opine interject fume gush rebut speak
report find refer characterize characterise sing exhort enthuse plead sneer gripe grumble exult marvel
go\\ on put\\ it point\\ out sum\\ up chime\\ in lash\\ out fire\\ back shoot\\ back
""".replace("\\ ", "_").split()
# Bare lemmas that are cues (they are seldom nouns); other lemmas count only inflected.
_BARE = set("""say tell add warn insist argue explain admit ask write think believe agree predict urge
acknowledge suggest complain concede contend maintain reply respond recall deny""".split())


def _inflect(lemma: str) -> tuple[str, str, str]:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma + "s", lemma + "d", lemma[:-1] + "ing"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if lemma.endswith(("sh", "ch", "ss", "x")):
        return lemma + "es", lemma + "ed", lemma + "ing"
    return lemma + "s", lemma + "ed", lemma + "ing"


# Forms that are mostly nouns or idioms in news prose ("in terms of", "what is going on").
_NOT_CUES = {"going on", "terms", "labels", "brands", "thinking", "putting it", "answers", "reports",
             "reporting", "singing",
             "finding"}


def _forms() -> list[str]:
    out: list[str] = []
    for raw in REPORTING_LEMMAS:
        lemma = raw.replace("_", " ")
        forms = _inflect(lemma)
        out.extend(forms)
        if lemma in _BARE:
            out.append(lemma)
    return sorted(set(out) - _NOT_CUES, key=lambda f: (-len(f), f))


def trie_pattern(words: list[str] | tuple[str, ...]) -> str:
    """One regex alternation for many words, as a trie (`sa(?:id|ys|ying)`): Python's `re` tries
    the branches of a flat alternation one by one, and 400 of them made extraction twice as slow.
    Longer words come before their prefixes, so `said` wins over `sa`-something shorter."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch).replace("\\ ", " ") + build(child)
                    for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return build(trie)


VERB_FORMS: tuple[str, ...] = tuple(_forms())
# The forms as one regex (a trie; greedy, so the longest form wins), for patterns built around a verb.
VERB_ALTERNATION = trie_pattern(VERB_FORMS)

# Nouns and phrases that mark a quoted phrase as somebody's words (not a scare quote or a title).
CUE_NOUNS = (
    "statement|readout|spokes(?:man|woman|person)|words|remarks|comments|interview|response|"
    "pledge|promise|vow|letter|tweet|post|speech|message|according|citing|reported|reports|"
    "talked about|talks about|spoke of|speaks of|referred to|referring to|called for"
)
SPEECH_CUE = re.compile(rf"\b(?:{VERB_ALTERNATION}|{CUE_NOUNS})\b", re.I)

# `according to X`: the source follows the cue.
ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+(?P<source>[^,.;:!?\"“”]{2,80}?)(?=\s*(?:,|\.|;|$|\"|“))")
