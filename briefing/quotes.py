"""Direct and partial quotes, and who said them, by rules alone.

No language model can be downloaded here, so quotes are found with a small
state machine over the quotation marks and attributed from the reporting
clause around them (`"...," he said`; `Mr X told reporters: "..."`). News
prose is regular enough that this is both accurate and fast (about 2 ms an
article). The guiding rule for speakers: a wrong name is worse than none, so
anything unsure is left unattributed.

- Marks: curly marks say which way they face; a straight mark opens when
  whitespace is on its left and text on its right, and closes the other way.
- One quote over several paragraphs: a paragraph left open and the next one
  opening with a mark (newspaper convention), or, in text whose paragraphs were
  run together, a mark re-opening right after a sentence. A third-person
  reporting sentence in between ends the quote instead.
- Kind: a quote standing as an utterance (after a colon, at a sentence start,
  or capitalised after a reporting verb) is `direct`; a phrase inside a sentence
  is `partial` when the sentence reports speech, and otherwise (scare quotes,
  titles, names of deals) not reported at all.
- Speaker: the reporting clause after the quote, then before it; pronouns and
  role mentions ("said the American") resolve to earlier speakers and sentence
  subjects; a quote with no clause continues the previous speaker or the subject
  of the sentence just before it.

The extractor fills `speaker_as_written` (the naming mention, or for a
pronoun the mention it refers to); `briefing.speakers` turns that into one
canonical name across the corpus.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from briefing.extract.cues import ACCORDING_TO, SPEECH_CUE, VERB_ALTERNATION, VERB_FORMS
from briefing.extract.mentions import NAME_TOKEN, TITLES, clean_mention, speaker_kind
from briefing.extract.sentences import ABBREVIATION_DOT, FULL_STOP
from briefing.extract.sentences import SENTENCE_BREAK as _SENTENCE_BREAK
from briefing.extract.titles import is_scare_quote, names_a_thing
from briefing.models import Quote, QuoteKind, Source

OPEN, CLOSE, AMBIGUOUS = 1, 2, 3
MAX_ANTECEDENTS = 40  # a pronoun looks back over at most this many mentions...
MAX_ANTECEDENT_DISTANCE = 3000  # ...and this many characters
_MARKS = re.compile(r"[\"“”„«»]")
_OPENERS = "“„«"
_CLOSERS = "”»"
_LEFT_BOUNDARY = "([{—–-/‘'"
_RIGHT_BOUNDARY = ".,;:!?)]}—–-…’'"
_SENTENCE_PUNCT = ".!?…"

# Reporting verbs: the clause that attributes a quote. Multi-word forms first.
_VERBS = VERB_ALTERNATION
_VERB = rf"(?:{_VERBS})"
_ADVERBS = (
    r"(?:(?:has|have|had|would|will|also|later|then|previously|once|again|recently|simply|just|"
    r"quickly|further|earlier|repeatedly|publicly|privately|angrily|firmly|clearly|even|only|"
    r"has also|had also|last week|yesterday|today|on \w+day)\s+){0,3}"
)
_ADVERB_END = re.compile(
    r"(?:\s+(?:has|have|had|would|will|also|later|then|previously|once|again|recently|simply|just|"
    r"quickly|further|earlier|repeatedly|publicly|privately|angrily|firmly|clearly|even|only|"
    r"however|not|never|already|still|too|has been|have been|had been|is|was|are|were|"
    r"[a-z]{3,}ly|last week|yesterday|today|on \w+day))+\s*$"
)
_BEFORE_TAIL = re.compile(r"(?:\s+[\w'’\-]+){0,6}?\s*(?:,?\s*(?:that|:|,))?\s*")
_NAME_TOKEN = NAME_TOKEN
_NAME_LINK = r"(?:(?:of|for|and|de|da|van|von|der|den|di|du|le|la|bin|al|el|the)\s+)*"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_LINK}{_NAME_TOKEN})*"
_NAME_RUN = re.compile(_NAME)
_TRAILING_NAME = re.compile(rf"(?:^|(?<=\s))(?P<name>{_NAME})\s*$")
_PRONOUN = re.compile(r"(?:^|\s)(?P<p>he|she|they|it|He|She|They|It)\s*$")
_PRONOUN_WORDS = {"he", "she", "they", "it"}
_DETERMINER = re.compile(r"(?:^|\s)(?P<np>(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur)\s.*)$")
_LEADING_FILLER = re.compile(
    r"^(?:(?:but|and|however|meanwhile|yet|now|so|still|also|instead|separately|earlier|later|"
    r"today|yesterday|then|indeed|elsewhere|previously|recently|in addition|in response|as|while|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in \w+|last \w+|this \w+)"
    r"\s*,?\s+)+",
    re.I,
)
_PREPOSITIONS = {"of", "for", "at", "from", "in", "on", "to", "with", "by", "the", "a", "an", "about",
                 "against", "over", "after", "before", "as", "under", "into", "than", "that"}
# Clause words that mean the text before the verb is not a plain subject.
_NOT_SUBJECT = re.compile(
    r"\b(?:that|which|whether|if|when|while|because|although|who|whom|where|what|how|is|was|are|were|"
    r"be|been|being)\s*$",
    re.I,
)
_TRAILING_TO = re.compile(  # "The spokesperson refused to say": the subject is before "refused"
    r"\s+(?:refused|declined|wanted|wants|failed|went|continued|was keen|is keen|had|has|have|appeared|"
    r"seemed|used|tried|sought|went on|got|chose|did not want|was quick|rushed|moved|began|started|"
    r"promised|vowed|is due|was due|is set|is expected|was expected|is likely|was able|is able)\s+to$"
)
_PLURAL_SUBJECT = re.compile(r"\b(?:the|both|these|those)\s+(?:pair|two|leaders|men|women|both|three|four)\b|^both\b",
                             re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|we|We|we're|we’re|our|Our|my|My|me|us|you|You)\b")
_INNER_DETERMINER = re.compile(
    r"\s(?!(?:of|for|at|in|on|to|with|from|by)\s)[\w'’\-]+\s(?:the|a|an|his|her|their|its)(?:\s|$)", re.I
)
_INVERTED_NAME = re.compile(rf"\s+(?P<name>{_NAME})\s*[.,]")
_MENTION = re.compile(rf"(?<![\w'’])(?P<name>{_NAME})")
_PARTY = re.compile(r"\b(?:Lib|Dem|Dems|Democrat|Democrats|Labour|Tory|Tories|Conservative|Conservatives|"
                    r"Republican|Republicans|Liberal|Liberals|Green|Greens|Nationalist|Unionist)\b")
_FILLER_WORDS = {"But", "And", "However", "Meanwhile", "Yet", "Now", "So", "Still", "Also", "Earlier",
                 "Later", "Then", "Instead", "Separately", "Elsewhere"}
_NAME_LINKS = re.compile(r"\s(?:of|for|and|the)\s")
_TITLE_WORDS = set(TITLES)
_NOT_SURNAMES = {"No", "Yes", "Says", "Is", "Are", "Will", "Day", "Street", "Road", "Cup", "Prize", "Awards"}
_ROLE_BEFORE_NAME = re.compile(
    r"(?:minister|president|secretary|chancellor|leader|chairman|chairwoman|chair|chief|executive|"
    r"director|spokesman|spokeswoman|spokesperson|boss|manager|coach|captain|champion|mp|mep|mayor|"
    r"governor|senator|judge|lawyer|commissioner|premier|candidate|campaigner|correspondent|peer|"
    r"colleague|aide|adviser|advisor|expert|analyst|economist|founder|editor|playwright|author|"
    r"striker|midfielder|defender|winger|goalkeeper|keeper|player|star|singer|actor|actress|"
    r"presenter|producer|professor|head|officer|member)"
)
# "Brian Gammage, vice-president of research at Gartner": a person introduced to be quoted.
_APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?[a-z][\w-]*")
_INVERTED_CUT = re.compile(
    r"\s(?:at|in|on|during|after|before|when|while|from|to|as|afterwards|later|yesterday|today|"
    r"last|this|earlier)\b"
)
_ROLE_NP = re.compile(
    r"^(?:[Tt]he|[Oo]ur)\s+(?:[\w'’-]+\s+){0,3}(?:boss|manager|coach|captain|striker|midfielder|defender|"
    r"winger|keeper|goalkeeper|player|star|champion|veteran|youngster|teenager|singer|actor|actress|"
    r"correspondent|\d+-year-old|[A-Z][a-z]+(?:an|ese|ish|ard|man|woman))$"
)
# The main clause of a sentence: an introductory phrase to skip, and its first finite verb.
_INTRO = re.compile(
    r"^(?:(?:[Oo]n|[Ii]n|[Aa]t|[Dd]uring|[Aa]fter|[Bb]efore|[Ww]hen|[Ww]hile|[Aa]s|Asked|Speaking|Addressing|"
    r"Earlier|Later|Last|This|From|Since|Following|Despite|Unlike|With|Under|Over|Through|For|Back|Still|"
    r"Yet|But|And|Now|So|Meanwhile|However|Instead|Separately|Elsewhere)\b[^,\"“”]{0,120},\s+)+"
)
_FINITE = re.compile(
    rf"(?<![\w'’-])(?:{VERB_ALTERNATION}|is|was|are|were|has|had|have|will|would|could|can|may|might|should|"
    r"must|did|does|do|took|takes|made|makes|went|goes|gave|gives|got|gets|became|becomes|kept|keeps|left|"
    r"met|ran|runs|saw|sees|came|comes|held|holds|won|wins|lost|sent|brought|began|begins|stood|set|put|"
    r"let|hit|cut|[a-z]{3,}ed)(?![\w'’-])"
)
# `Jane Doe, the attorney general, who has fought the rule, [said]`: the clause ending a subject.
_RELATIVE_TAIL = re.compile(r",\s+(?:who|which|whose|whom)\b[^\"“”]*$")
_RELATIVE = re.compile(r",\s+(?:who|which|whose|whom|where)\b")
_COORDINATED = re.compile(r"(?:^|,\s*|\s)(?:and|but|then|before|after|while)\s*$|(?:^|\s)by\s*$")
_NESTED_TAIL = re.compile(r"\s+[a-z]")
_NAME_STARTS = {"Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady", "Dame", "Prof"}
_AFTER_NAMED = re.compile(r"\s*(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame|[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)\b")
_PASSIVE = re.compile(r"\b(?:is|was|are|were|be|been|being|it)\s+$", re.I)

_AFTER_INVERTED = re.compile(  # `"...," said Mr Thomas`, `"...," underlined Mr Saldarriaga`
    rf"^[\s,;:—–-]*(?:{_ADVERBS})(?P<verb>{_VERBS}|laughed|smiled|sighed)\s+(?P<subj>(?:[^.!?;:\"“”]|{ABBREVIATION_DOT}){{1,160}})"
)
_TRAILING_CLAUSE = re.compile(
    rf",\s*(?:(?P<subj>[^,.!?\"“”]{{1,80}}?)\s+{_ADVERBS}(?:{_VERB})|(?P<inv>said|added|says)\s+"
    rf"(?P<isubj>[^,.!?\"“”]{{1,60}}))\s*[.]?\s*$"
)
_AFTER_SHORT = re.compile(rf"\s*(?:[A-Z][\w'’\-]+\s+){{1,3}}{_VERB}\b")
_ANY_VERB = re.compile(rf"\b{_VERB}\b")
_ABBREVIATION_DOT = re.compile(ABBREVIATION_DOT)
_SUBORDINATE = re.compile(r"^.*\b(?:when|that|because|although|though|whether|after|before|since|as)\s+(?=\S)", re.S)
_SENTENCE_END_MARK = re.compile(r"[.!?…](?=\s|$)")
_SENTENCE_END_IN_AFTER = re.compile(rf"(?:{FULL_STOP}|[!?…])(?:\s|$)|\n")

# Words that mark a partial quote as somebody's speech (not a scare quote or a title).
_SPEECH_CUE = SPEECH_CUE

_MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "mister", "spokesman"}
_FEMALE_TITLES = {"mrs", "ms", "miss", "dame", "lady", "baroness", "queen", "princess", "spokeswoman"}
# Common given names, so "he said" does not land on Yvette Cooper when no title says who is who.
_FEMALE_NAMES = frozenset("""
Anne Ann Anna Angela Alison Amanda Amy Andrea Barbara Carol Caroline Catherine Charlotte Christine
Claire Clare Diane Dianne Elizabeth Emily Emma Fiona Gillian Hazel Helen Hillary Harriet Jacqui Jane
Janet Jennifer Jessica Joan Julia Julie Karen Kate Katherine Kathryn Kelly Kim Laura Linda Lisa Liz
Louise Lucy Margaret Maria Marie Mary Melanie Michelle Nicola Nicole Patricia Paula Penny Rachel
Rebecca Ruth Sally Sandra Sarah Sharon Sophie Stephanie Susan Suzanne Tessa Theresa Tracey Valerie
Victoria Yvette Zoe Angela Ursula Christine Giorgia Kemi Priti Liz Harriet Mhairi Nadine Natalie
""".split())
_MALE_NAMES = frozenset("""
Adam Alan Alastair Alex Alexander Andrew Andy Anthony Tony Ben Bill Bob Boris Brian Charles Chris
Christopher Colin Daniel Dave David Dominic Ed Edward Emmanuel Frank Gary Geoff George Gordon Graham
Greg Harry Ian Jack James Jeremy Jim John Jonathan Joe Keir Keith Ken Kevin Liam Mark Martin Matt
Matthew Michael Mike Nick Nigel Oliver Patrick Paul Peter Philip Richard Rishi Rob Robert Robin Roger
Sadiq Sam Simon Stephen Steve Steven Stuart Thomas Tim Tom Vince William Wes Friedrich Olaf Vladimir
Donald Joe Barack Jacques Nicolas Silvio Gerhard Jose Carlos Rafael Arsene Alex Wayne Thierry Kim
""".split()) - _FEMALE_NAMES
_TITLE_GENDER = re.compile(r"\b(Mr|Sir|Lord|Mrs|Ms|Miss|Dame|Lady|Baroness)\.?\s+([A-Z][\w'’\-]+)")
_PERSON_ROLES = re.compile(
    r"\b(?:minister|president|secretary|chancellor|leader|chairman|chairwoman|chair|chief|executive|"
    r"director|spokesman|spokeswoman|boss|manager|coach|captain|champion|player|mp|mep|mayor|"
    r"governor|senator|official|head|founder|analyst|economist|author|writer|actor|actress|singer|"
    r"star|judge|lawyer|commissioner|officer|premier|candidate|campaigner|chief executive|"
    r"professor|doctor|prime minister|pm|strategist|striker|campaigner|correspondent|peer|colleague|"
    r"aide|adviser|advisor|expert|spokesman|midfielder|defender|winger|keeper|goalkeeper|"
    r"father|mother|wife|husband|son|daughter|spokesperson|organiser|playwright|producer|"
    r"director-general|president-elect|founder|partner|editor|presenter|host|inspector|member)\b",
    re.I,
)
_ORG_WORDS = re.compile(
    r"\b(?:street|office|ministry|department|party|council|commission|union|company|ltd|plc|inc|"
    r"group|association|government|parliament|police|court|inquiry|bank|commons|house|no 10|"
    r"agency|authority|board|committee|federation|institute|corporation|firm|bbc|itv|fifa|uefa|"
    r"league|club|service|executive|administration|campaign|organisation|organization|"
    r"foundation|society|trust|network|times|guardian|observer|telegraph|post|news|statement|"
    r"ruling|report|spokesperson|officials|sources|source|spokesmen|team|network|pa|reuters|"
    r"ap|afp|airline|industry|regulator|watchdog|studio|band|label|firm's|company's)\b",
    re.I,
)
_NOT_NAMES = {
    "The", "A", "An", "But", "And", "However", "In", "On", "At", "It", "This", "That", "These",
    "Those", "He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Its", "Our", "My",
    "Asked", "Speaking", "Writing", "If", "When", "While", "After", "Before", "As", "Since", "So", "Once",
    "Yet", "Now", "Then", "Meanwhile", "Mr", "Mrs", "Ms", "Sir", "Dr", "Last", "Earlier", "Later",
}


_VERB_SET = frozenset(v for v in VERB_FORMS if " " not in v)
_VERB_PAIRS = {tuple(v.split()) for v in VERB_FORMS if " " in v}
_VERB_FIRSTS = frozenset(first for first, _ in _VERB_PAIRS)
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


def _verb_spans(text: str) -> list[tuple[int, int]]:
    """Reporting verbs in a whole body: a word scan and set lookups beat a 200-way regex."""
    out: list[tuple[int, int]] = []
    first = None  # a word that may start a two-word verb, until the next word says
    for m in _LOWER_WORD.finditer(text):
        word = m.group()
        if first is not None:
            if (first.group(), word) in _VERB_PAIRS and text[first.end():m.start()].isspace():
                out.append((first.start(), m.end()))
            elif first.group() in _VERB_SET:
                out.append(first.span())
            first = None
        if word in _VERB_FIRSTS:
            first = m
        elif word in _VERB_SET:
            out.append(m.span())
    if first is not None and first.group() in _VERB_SET:
        out.append(first.span())
    return out


@dataclass(frozen=True, slots=True)
class _Clause:
    """A reporting clause: the text of its subject and where its verb starts."""

    subj: str
    verb_start: int


def _clause(text: str, verb: re.Match[str]) -> _Clause:
    subj = _ADVERB_END.sub("", " " + text[:verb.start()])[1:] if text[:verb.start()].strip() else ""
    return _Clause(subj, verb.start())


def _before_clause(lead: str) -> _Clause | None:
    """`Mr X told reporters:` / `he said,` ending right where the quote opens."""
    start = max(0, len(lead) - 90)
    verbs = list(_ANY_VERB.finditer(lead, start))
    for verb in reversed(verbs):
        if _BEFORE_TAIL.fullmatch(lead, verb.end()):
            return _clause(lead, verb)
    return None


def _after_normal(after: str) -> _Clause | None:
    """`, Sir Keir told reporters` / `, he said` right after the closing mark."""
    verb = _ANY_VERB.search(after, 0, 200)
    if verb is None:
        return None
    head = _ABBREVIATION_DOT.sub("", clean_mention(after[:verb.start()]))
    if any(c in head for c in ".!?;:\"“”"):
        return None
    clause = _clause(after, verb)
    subj = clause.subj.lstrip(" \t,;:—–-")
    return _Clause(subj, verb.start()) if subj.strip() else None


def _passive(text: str, verb_start: int) -> bool:
    """`was told`, `is said`: the subject is not the source. `is telling` is active."""
    if text[verb_start:verb_start + 30].split(" ", 1)[0].endswith("ing"):
        return False
    return bool(_PASSIVE.search(text[:verb_start]))


def _participle_or_coordinated(lead: str, clause: _Clause) -> bool:
    """`…, saying`, `by saying`, `… and called him`: the verb's subject is the main clause's."""
    verb = lead[clause.verb_start:clause.verb_start + 20].split()
    before = lead[:clause.verb_start].rstrip()
    if verb and verb[0].rstrip(",:;").endswith("ing") and (not before or before.endswith((",", " by"))):
        return True
    return bool(_COORDINATED.search(before))


@dataclass(slots=True)
class _Event:
    """Somebody speaking or acting as a sentence subject: a candidate antecedent."""

    pos: int
    mention: str
    kind: str  # "person", "org", "neutral"
    gender: str | None


def extract_quotes(source: Source) -> list[Quote]:
    """Every quote in the source body, in order, with its speaker as written (or None)."""
    try:
        return _Extractor(source).run()
    except RecursionError:  # pragma: no cover - defensive; the rules are iterative
        return []


class _Extractor:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.body = source.body
        spans = source.paragraphs or ((0, len(self.body)),)
        self.para_starts = [s for s, _ in spans]
        self.para_spans = list(spans)
        self._genders: dict[str, str] | None = None
        self._events: list[_Event] | None = None
        self._event_pos: list[int] = []
        self.orphans: set[int] = set()
        self._runs: list[tuple[int, int, str, bool]] | None = None
        self._gender_cache: dict[str, str | None] = {}
        self.quote_spans: list[tuple[int, int]] = []
        self.surname_speakers: list[tuple[int, str]] = []  # (quote, full name) told apart by a title

    # -- finding the quoted spans ------------------------------------------------

    def para_of(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

    def mark_type(self, pos: int) -> int:
        body = self.body
        ch = body[pos]
        if ch in _OPENERS:
            return OPEN
        if ch in _CLOSERS:
            return CLOSE
        prev = body[pos - 1] if pos > 0 else " "
        nxt = body[pos + 1] if pos + 1 < len(body) else " "
        left = prev.isspace() or prev in _LEFT_BOUNDARY
        right = nxt.isspace() or nxt in _RIGHT_BOUNDARY
        if left and not right:
            return OPEN
        if right and not left:
            return CLOSE
        return AMBIGUOUS

    def spans(self) -> list[tuple[int, int]]:
        """(open mark, close mark) positions; multi-paragraph quotes are one span."""
        body = self.body
        out: list[tuple[int, int]] = []
        open_at: int | None = None
        last_open = -1  # the latest (re-)opening mark of the open quote
        cur_para = -1
        marks = [m.start() for m in _MARKS.finditer(body)]
        skip: set[int] = set()
        for i, pos in enumerate(marks):
            if pos in skip:
                continue
            kind = self.mark_type(pos)
            para = self.para_of(pos)
            if open_at is not None and para != cur_para:
                at_start = not body[self.para_starts[para]:pos].strip()
                if kind != CLOSE and at_start and para == cur_para + 1:
                    cur_para, last_open = para, pos  # newspaper convention: the quote runs on
                    continue
                self.salvage(open_at, self.para_spans[cur_para][1], out)
                open_at = None
            if kind == AMBIGUOUS:
                kind = CLOSE if open_at is not None else OPEN
            if kind == OPEN:
                if open_at is None:
                    open_at, last_open, cur_para = pos, pos, para
                    continue
                before = body[last_open + 1:pos].rstrip()
                mid_sentence = not before or before[-1] not in _SENTENCE_PUNCT
                if mid_sentence and self.nested(marks, i, para):
                    skip.add(marks[i + 1])  # `"... he was the "Father of the House" and ...`
                    continue
                if before and before[-1] in _SENTENCE_PUNCT and len(before) > 1:
                    narrative = self.narrative_tail(last_open + 1, pos)
                    if narrative is None:
                        last_open = pos  # re-opened after a sentence: paragraphs run together
                        continue
                    self.salvage(open_at, narrative, out)
                else:
                    self.salvage(open_at, pos, out)
                open_at, last_open, cur_para = pos, pos, para
            elif open_at is not None:
                out.append((open_at, pos))
                open_at = None
            else:
                self.orphan(pos, para, out)
        if open_at is not None:
            self.salvage(open_at, self.para_spans[cur_para][1] if cur_para >= 0 else len(body), out)
        return out

    def nested(self, marks: list[int], i: int, para: int) -> bool:
        """A short quotation inside an open quote, marked with the same double marks.

        The inner pair closes within a few words, mid-sentence (a lowercase word
        follows), and the outer quote still closes later in the same paragraph or
        runs on into the next one.
        """
        if i + 2 >= len(marks):
            return False
        inner_close, outer_close = marks[i + 1], marks[i + 2]
        if inner_close - marks[i] > 80 or self.mark_type(inner_close) == OPEN:
            return False
        outer_para = self.para_of(outer_close)
        runs_on = (outer_para == para + 1
                   and not self.body[self.para_starts[outer_para]:outer_close].strip())
        if not runs_on and (outer_para != para or self.mark_type(outer_close) == OPEN):
            return False
        return bool(_NESTED_TAIL.match(self.body, inner_close + 1))

    def narrative_tail(self, start: int, pos: int) -> int | None:
        """Where the reporter's own sentence starts, if the text before a re-opening mark has one.

        `"...happens. Meanwhile, a spokesman said no one had pressed him. "Quote` is
        not one quote running on: the last sentence reports speech in the third
        person, so the earlier quote ended before it.
        """
        segment = self.body[start:pos].rstrip()
        breaks = [m.end() for m in _SENTENCE_BREAK.finditer(segment)]
        last_start = breaks[-1] if breaks else 0
        if last_start == 0:
            return None
        sentence = segment[last_start:]
        if _FIRST_PERSON.search(sentence) or not _ANY_VERB.search(sentence):
            return None
        return start + last_start

    def orphan(self, pos: int, para: int, out: list[tuple[int, int]]) -> None:
        """A closing mark with no opening one, followed by `he said`: the sentence is the quote."""
        body = self.body
        ps = self.para_spans[para][0]
        if body[pos - 1:pos] not in (",", "?", "!"):
            return
        after = body[pos + 1:pos + 80]
        if not re.match(rf"\s*(?:he|she|they|[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)\s+{_VERB}\b", after):
            return
        lo = max(ps, pos - 400, out[-1][1] + 1 if out else 0)
        start = lo
        for brk in _SENTENCE_BREAK.finditer(body, lo, pos):
            start = brk.end()
        if len(body[start:pos].split()) >= 3 and _MARKS.search(body, start, pos) is None:
            out.append((start - 1, pos))
            self.orphans.add(start - 1)

    def salvage(self, open_at: int, limit: int, out: list[tuple[int, int]]) -> None:
        """An unclosed quote: keep it only where its end is plain.

        `"I lost three years. He added: "...` keeps `I lost three years.` (the
        sentence carrying the next reporting clause is not part of the quote); a
        quote running to the end of its paragraph lost its closing mark there.
        """
        segment = self.body[open_at + 1:limit].rstrip()
        ends = [m.end() for m in _SENTENCE_END_MARK.finditer(segment)]
        if not ends or len(segment.split()) < 3:
            return
        tail = segment[ends[-1]:]
        if not tail.strip():
            out.append((open_at, open_at + 1 + ends[-1]))
        elif _ANY_VERB.search(tail) and len(tail) < 120 and len(segment[:ends[-1]].split()) >= 3:
            out.append((open_at, open_at + 1 + ends[-1]))

    # -- one quote ----------------------------------------------------------------

    def run(self) -> list[Quote]:
        quotes: list[Quote] = []
        prev_close = -1
        prev_speaker: str | None = None
        prev_end = -1
        prev_kind: str | None = None
        self.quote_spans = self.spans()
        for open_at, close_at in self.quote_spans:
            start, end = open_at + 1, close_at
            text = self.body[start:end]
            if not text.strip():
                continue
            body = self.body
            para = self.para_of(open_at)
            ps = self.para_spans[para][0]
            lo = max(ps, prev_close + 1, open_at - 400)
            before_full = body[lo:open_at]
            cut = lo
            for brk in _SENTENCE_BREAK.finditer(body, lo, min(len(body), open_at + 1)):
                if brk.end() <= open_at:
                    cut = brk.end()
            before = body[cut:open_at]
            close_para_end = self.para_spans[self.para_of(close_at)][1]
            after = body[close_at + 1:min(close_para_end, close_at + 300)]
            nxt = _MARKS.search(after)
            if nxt:
                after = after[:nxt.start()]
            if after[:1] in ".!?…" and after[:1]:
                after = ""
            end_match = _SENTENCE_END_IN_AFTER.search(after)
            if end_match:
                after = after[:end_match.start()]
            lead = before.strip()
            if open_at in self.orphans:
                kind: QuoteKind | None = "direct"
            elif (prev_kind == "direct" and lo == prev_close + 1 and lead.endswith(",")
                  and len(lead.split()) <= 6 and _before_clause(lead)):
                kind = "direct"  # `"...," he said, "and the rest."`: the same quote, interrupted
            else:
                kind = self.classify(text, before, after, self.sentence_before(ps, open_at))
            if kind is None:
                prev_close = close_at
                prev_kind = None
                continue
            prev_kind = kind
            context = before if kind == "direct" else self.sentence_before(ps, open_at)
            speaker = self.attribute(text, context, after, open_at, kind,
                                     open_at + 1 if open_at in self.orphans else cut)
            if speaker is None and kind == "direct":
                speaker = self.inherit(open_at, before_full, before, prev_speaker, prev_end, after)
            if speaker:
                speaker = self.shared_surname(speaker, open_at)
            quotes.append(Quote(self.source.id, text, start, end, kind, None, speaker, speaker_kind(speaker)))
            if kind == "direct":
                prev_speaker, prev_end = speaker, close_at
                if speaker:
                    self.add_event(_Event(open_at, speaker, *self.describe(speaker)))
            prev_close = close_at
        return quotes

    def shared_surname(self, mention: str, pos: int) -> str:
        """`Cruz said` where the article names two Cruzes: the one meant, by title or gender
        (`Mrs Clinton`), else the one named most recently before the quote. Unchanged when only one
        person has that surname, or when nobody is named before the quote."""
        words = mention.split()
        title = words[0].rstrip(".") if len(words) == 2 and words[0].rstrip(".") in _TITLE_WORDS else None
        if len(words) != 1 and title is None:
            return mention
        surname = words[-1]
        people = [(at, name) for at, _, name, person in self.name_runs()
                  if person and len(name.split()) >= 2 and name.split()[-1] == surname
                  and name.split()[0].rstrip(".") not in _TITLE_WORDS]
        if len({name for _, name in people}) < 2:
            return mention
        gender = ("f" if title.lower() in _FEMALE_TITLES else "m" if title.lower() in _MALE_TITLES else None
                  ) if title else None
        if gender:
            people = [(at, name) for at, name in people if self.gender_of(name) in (gender, None)]
            if len({name for _, name in people}) == 1:
                self.surname_speakers.append((pos, people[0][1]))
                return people[0][1]
        names = {name for _, name in people}
        before = [(at, name) for at, name in people + self.surname_speakers if at < pos and name in names]
        return max(before)[1] if before else mention

    def sentence_before(self, para_start: int, open_at: int) -> str:
        """The quote's sentence up to its opening mark, earlier quotes in it included."""
        lo = max(para_start, open_at - 400)
        cut = lo
        for brk in _SENTENCE_BREAK.finditer(self.body, lo, min(len(self.body), open_at + 1)):
            if brk.end() <= open_at:
                cut = brk.end()
        return self.body[cut:open_at]

    def classify(self, text: str, before: str, after: str, sentence: str = "") -> QuoteKind | None:
        stripped = text.strip().strip("'‘’")
        words = stripped.split()
        if not words or names_a_thing(text, before):
            return None
        first_alpha = next((c for c in stripped if c.isalpha()), "")
        upper = first_alpha.isupper()
        ends_punct = stripped[-1] in ".,!?…-—–:;" or stripped.endswith("...")
        lead = before.rstrip()
        lead_char = lead[-1:] if lead else ""
        titleish = not ends_punct and sum(w[:1].isupper() for w in words) >= max(1, len(words) * 0.6)
        multi = "\n" in text or len(_SENTENCE_BREAK.findall(stripped)) > 0
        if lead_char == ":":
            return "direct" if (ends_punct or len(words) >= 3 or multi) else "partial"
        sentence_start = not lead or (lead_char in "([—–-" and len(lead) < 3)
        if sentence_start:
            if multi or (ends_punct and (len(words) >= 3 or after.strip()[:1].islower() or not after.strip())):
                return "direct"
            if len(words) >= 5 and not titleish:
                return "direct"
            return self.partial_or_none(sentence or before, after, titleish, text)
        verb_before = _before_clause(lead) if len(lead) < 250 else None
        if lead_char == "," or verb_before:
            if upper and (len(words) >= 4 or (ends_punct and len(words) >= 2)) and not titleish:
                if verb_before or lead_char == ",":
                    return "direct"
        if upper and multi and len(words) >= 6:
            return "direct"
        return self.partial_or_none(sentence or before, after, titleish, text)

    @staticmethod
    def partial_or_none(before: str, after: str, titleish: bool, text: str = "") -> QuoteKind | None:
        if titleish and not _ANY_VERB.search(before):
            return None
        if is_scare_quote(text, before, after):
            return None
        if _SPEECH_CUE.search(before) or _SPEECH_CUE.search(after):
            return "partial"
        return None

    # -- attribution --------------------------------------------------------------

    def attribute(self, text: str, before: str, after: str, open_at: int, kind: QuoteKind,
                  sentence_start: int | None = None) -> str | None:
        stripped = text.rstrip()
        lead = before.rstrip()
        mention: str | None = None
        if kind == "direct":
            before_match = _before_clause(lead) if lead else None
            if before_match is not None and _passive(lead, before_match.verb_start):
                before_match = None
            if before_match is not None and lead.endswith(":"):
                mention = self.clause_subject(before_match, lead)
            if mention is None and after.strip() and (
                stripped[-1:] in ",…-—:;" or after.lstrip()[:1] in ",;-—–"
                or (stripped[-1:] in "?!" and after.lstrip()[:1].islower())
                or (stripped[-1:] in "?!" and _AFTER_SHORT.match(after))
            ):
                mention = self.after_clause(after)
            if mention is None and before_match is not None:
                mention = self.clause_subject(before_match, lead)
            if mention is None and after.strip() and after.lstrip()[:1].islower():
                mention = self.after_clause(after)
        else:
            tail = _TRAILING_CLAUSE.search(after)
            if tail is None:
                tail = _TRAILING_CLAUSE.search(lead)
                if tail is not None and tail.group("inv"):
                    tail = None  # `X said Obama “understood…”`: before the quote, `said Obama` is not inverted
            if tail is None and (_AFTER_SHORT.match(after) or after.lstrip()[:1] == ","):
                mention = self.after_clause(after)  # `He was a “respected manager” Boistard said.`
            if mention is None and tail is not None:
                mention = self.subject(tail.group("subj") or tail.group("isubj"), inverted=bool(tail.group("inv")))
            if mention is None and lead:
                # The reporting verb nearest the quote governs it ("X told reporters he favours...,
                # as the government admits the situation is “deteriorating”").
                for verb in reversed(list(_ANY_VERB.finditer(lead))):
                    clause = _clause(lead, verb)
                    if not clause.subj.strip() or _passive(lead, clause.verb_start):
                        continue
                    subj = re.split(r"[\"“”]", clause.subj)[-1]
                    if _participle_or_coordinated(lead, clause):
                        mention = self.main_subject(lead[:clause.verb_start])
                    else:
                        mention = self.subject(subj) if subj.strip() else None
                        if mention in _PRONOUN_WORDS and _SUBORDINATE.match(subj):
                            # `X told reporters that he believed …`: the pronoun is the main subject
                            main = self.main_subject(lead[:clause.verb_start])
                            if main and main not in _PRONOUN_WORDS and self._agrees(main, mention):
                                mention = main
                    if mention is not None:
                        break
        if mention is None and lead.endswith(":") and kind == "direct":
            mention = self.main_subject(lead[:-1])  # `Kasich resisted:`, `Trump … leaned in and boomed:`
        if mention is None:
            frame = ACCORDING_TO.search(lead) or ACCORDING_TO.search(after)
            if frame:
                mention = self.subject(frame.group("source"), inverted=True)
        if mention and sentence_start is not None and _ROLE_NP.match(mention):
            return self.role_antecedent(mention, sentence_start)
        return self.resolve(mention, open_at, sentence_start) if mention else None

    def role_antecedent(self, mention: str, sentence_start: int, events: list[_Event] | None = None) -> str:
        """`said the American`, `The United boss said`: the person the previous sentence was about.

        Only when the article never writes that role before a name (then the
        speaker resolver links it: "Prime Minister Sir Keir Starmer").
        """
        head = mention.split()[-1]
        written = rf"(?i:{re.escape(head)})" if head.islower() else re.escape(head)
        if re.search(rf"\b{written}\s+(?:(?:Sir|Mr|Mrs|Ms|Dr|Lord|Lady|Dame)\s+)?[A-Z]", self.body):
            return mention
        if events is None:
            events = self.events()
            idx = bisect_right(self._event_pos, sentence_start - 1)
        else:
            idx = bisect_right([e.pos for e in events], sentence_start - 1)
        if not idx:
            return mention
        ev = events[idx - 1]
        lo = max(0, sentence_start - 400)
        starts = [m.end() for m in _SENTENCE_BREAK.finditer(self.body, lo, sentence_start)]
        starts = [p for p in starts if p < sentence_start - 1]
        prev_start = starts[-1] if starts else lo
        if ev.pos >= prev_start and ev.kind == "person" and ev.mention[:1].isupper() \
                and ev.mention.split()[0] not in {"The", "A", "An"}:
            return ev.mention
        return mention

    def clause_subject(self, clause: _Clause, lead: str) -> str | None:
        """The subject of a reporting clause; for a participle (`, saying`) or a coordinated verb
        (`… and called him`), the subject of the sentence's main clause."""
        if _participle_or_coordinated(lead, clause):
            return self.main_subject(lead[:clause.verb_start])
        return self.subject(clause.subj)

    def _agrees(self, mention: str, pronoun: str) -> bool:
        kind, gender = self.describe(mention)
        if pronoun in {"he", "she"}:
            return kind == "person" and gender in (None, "?", {"he": "m", "she": "f"}[pronoun])
        return kind == "org" if pronoun == "it" else True

    def main_subject(self, sentence: str) -> str | None:
        """The subject of a sentence's main clause: the words before its first finite verb, after
        any introductory phrase (`On Thursday, `), appositives and relative clauses set off."""
        text = re.split(r"[\"“”]", sentence)[0]
        intro = _INTRO.match(text.lstrip())
        if intro:
            text = text.lstrip()[intro.end():]
        verb = _FINITE.search(text)
        if verb is None:
            return None
        chunk = text[:verb.start()]
        relative = _RELATIVE.search(chunk)
        if relative:
            chunk = chunk[:relative.start()]
        if not chunk.strip():
            return None
        return self.subject(chunk)

    def after_clause(self, after: str) -> str | None:
        match = _AFTER_INVERTED.match(after)
        if match and not match.group("verb").endswith("ing"):  # `, promising the club will…` is not `said X`
            chunk = re.split(r"[,(]|\s[-–—]\s", match.group("subj"), maxsplit=1)[0]
            mention = self.subject(chunk, inverted=True)
            if mention is not None:
                return mention
        clause = _after_normal(after)
        if clause and not _passive(after, clause.verb_start):
            return self.subject(clause.subj)
        return None

    def subject(self, chunk: str, inverted: bool = False) -> str | None:
        """The speaker mention in the text before (or, inverted, after) a reporting verb."""
        chunk = _RELATIVE_TAIL.sub(",", clean_mention(chunk))
        appositive = chunk.rstrip().endswith(",")
        chunk = _TRAILING_TO.sub("", chunk.strip().rstrip(",").strip())
        if not chunk:
            return None
        pron = _PRONOUN.search(chunk)
        if pron:
            return pron.group("p").lower()
        parts = [p.strip() for p in re.split(r",|\s[-–—]\s", chunk) if p.strip()]
        if not parts:
            return None
        if inverted:
            chunk = _INVERTED_CUT.split(parts[0], maxsplit=1)[0]
            tail = _TRAILING_NAME.search(chunk)
            if tail and tail.start() > 0 and self.is_person_name(self.trim_name(tail.group("name"))):
                return self.mention_from(chunk)  # "said Standard Chartered chief executive Mervyn Davies"
            lead = _NAME_RUN.match(chunk)
            if lead and chunk[lead.end():].strip() and chunk[lead.end():lead.end() + 1].isspace():
                name = self.trim_name(lead.group())
                first = name.split()[0] if name else ""
                if first and (first not in _NOT_NAMES or first in _TITLE_WORDS):
                    return name  # "said Nadal afterwards", "said Mr Thomas on Monday"
        elif len(parts) >= 2:
            # "David Frost, director general of X, warned" / "The shadow minister, Theresa May, said"
            last, prev = parts[-1], parts[-2]
            if self.person_part(last):
                chunk = last
            elif self.person_part(prev) and (appositive or not last[:1].isupper() or self.is_role(last)):
                return self.mention_from(prev)
            elif appositive:
                return self.mention_from(prev)
            else:
                chunk = last
        else:
            chunk = parts[-1]
        if _NOT_SUBJECT.search(chunk):
            return None
        return self.mention_from(chunk)

    def mention_from(self, chunk: str) -> str | None:
        chunk = _LEADING_FILLER.sub("", chunk.strip()).strip()
        sub = _SUBORDINATE.match(chunk)
        if sub and sub.end() < len(chunk):
            chunk = chunk[sub.end():]  # `It started when Edward Snowden` (tweeted): the clause's own subject
        if chunk.endswith(("'s", "’s")):
            return None  # "Mr Snow's comments ...": a possessive before a noun, not a speaker
        if not chunk or len(chunk.split()) > 12 or _PLURAL_SUBJECT.search(chunk):
            return None
        if " and " in chunk:
            left, _, right = chunk.partition(" and ")
            if self.names_person(left) and self.names_person(right):
                return None
        if re.search(r"\b(?:that|which|whether|if|because|although|when|while)\b", chunk):
            return None
        trailing = _TRAILING_NAME.search(chunk)
        if trailing:
            name = self.trim_name(trailing.group("name")) or trailing.group("name")
            head = chunk[:trailing.start("name") + trailing.group("name").rfind(name)].strip()
            prev_word = head.split()[-1].lower() if head else ""
            if name.split()[0] not in _NOT_NAMES or len(name.split()) > 1:
                name = self.trim_name(name)
                if name and (not head or prev_word not in _PREPOSITIONS):
                    if not head or self.is_person_name(name) or len(head.split()) <= 4:
                        return name if not head or not head[0].isupper() else self.whole(chunk, name)
        det = _DETERMINER.search(chunk)
        if det:
            np = det.group("np").strip()
            if (len(np.split()) <= 8 and np.split()[0].lower() in {"the", "a", "an", "its", "their", "our"}
                    and not _INNER_DETERMINER.search(np)):
                return np
        words = chunk.split()
        if (len(words) <= 5 and words[0] not in _NOT_NAMES
                and all(w[:1].isupper() or w[:1].isdigit() or w in {"of", "for", "and", "the", "&"} for w in words)):
            return chunk  # an institution named in capitals: "Downing Street", "No 10", "TimeWarner"
        return None

    def person_part(self, text: str) -> bool:
        """A comma-separated part that is a person's name (with any titles), not a role or clause."""
        text = _LEADING_FILLER.sub("", text.strip())
        if not text or (text.split()[0] in _NOT_NAMES and text.split()[0] not in {"Mr", "Mrs", "Ms", "Sir", "Dr"}):
            return False
        run = _TRAILING_NAME.search(text)
        prev = text[:run.start("name")].strip().split()[-1] if run and run.start("name") > 0 else ""
        if not run or prev.lower() in _PREPOSITIONS or prev.endswith(("'s", "’s")):
            return False  # "of the Fed", "the venue's Promotions Coordinator": not a name
        return self.is_person_name(self.trim_name(run.group("name")))

    def names_person(self, text: str) -> bool:
        run = _TRAILING_NAME.search(text.strip())
        return bool(run) and self.is_person_name(self.trim_name(run.group("name")))

    @staticmethod
    def whole(chunk: str, name: str) -> str:
        """`Tory leader Michael Howard` -> the name; `Home Secretary Yvette Cooper` stays whole."""
        idx = chunk.rfind(name)
        head = chunk[:idx].strip()
        if head and all(w[:1].isupper() for w in head.split()) and len(head.split()) <= 3:
            return f"{head} {name}"
        return name

    @staticmethod
    def trim_name(name: str) -> str:
        words = name.split()
        for i, w in enumerate(words[2:-1], start=2):
            if w in {"of", "for", "at", "from"}:
                words = words[:i]  # "Dr Jeremy Philpott of the UK Patent Office", "Brian Taylor of Wells Fargo"
                break
        titled = [i for i, w in enumerate(words[:-1]) if w.rstrip(".") in _TITLE_WORDS]
        if titled:
            words = words[titled[-1]:]  # "Tuesday Mr Ebbers" -> "Mr Ebbers"
        else:
            roles = [i for i, w in enumerate(words[:-1]) if _ROLE_BEFORE_NAME.fullmatch(w.lower())]
            if roles:
                words = words[roles[-1] + 1:]  # "TUC General Secretary Brendan Barber"
        while words and words[0] in _NOT_NAMES and words[0] not in {"Mr", "Mrs", "Ms", "Sir", "Dr"}:
            words.pop(0)
        while words and words[-1].lower() in {"of", "for", "and", "the"}:
            words.pop()
        return " ".join(words)

    @staticmethod
    def is_role(text: str) -> bool:
        return bool(_PERSON_ROLES.search(text))

    @staticmethod
    def is_person_name(name: str) -> bool:
        words = name.split()
        if not words:
            return False
        if _ORG_WORDS.search(name) or _NAME_LINKS.search(name) or _PARTY.search(name):
            return False
        if len([w for w in words if w.rstrip(".") not in _TITLE_WORDS]) > 3 or words[-1] in _NOT_SURNAMES:
            return False
        return len(words) >= 2 or words[0].rstrip(".") in {"Mr", "Mrs", "Ms", "Sir", "Dr", "Lord"}

    # -- pronouns and continuations -------------------------------------------------

    def describe(self, mention: str) -> tuple[str, str | None]:
        lower = mention.lower()
        first = lower.split()[0] if lower.split() else ""
        if first in {"the", "a", "an", "its", "their"}:
            if "spokesperson" in lower or not _PERSON_ROLES.search(lower):
                return "org", None
            gender = "m" if "spokesman" in lower else "f" if "spokeswoman" in lower else None
            return "person", gender
        if _ORG_WORDS.search(mention) and not re.search(r"\b(?:Mr|Mrs|Ms|Sir|Dr|Lord|Lady)\b", mention):
            return "org", None
        return "person", self.gender_of(mention)

    def gender_of(self, mention: str) -> str | None:
        if mention not in self._gender_cache:
            self._gender_cache[mention] = self._gender_of(mention)
        return self._gender_cache[mention]

    def _gender_of(self, mention: str) -> str | None:
        if self._genders is None:
            genders: dict[str, str] = {}
            for match in _TITLE_GENDER.finditer(self.body):
                g = "f" if match.group(1).lower() in _FEMALE_TITLES else "m"
                name = match.group(2)
                if genders.get(name, g) != g:
                    genders[name] = "?"
                else:
                    genders[name] = g
            self._genders = genders
        words = mention.replace("’s", "").split()
        if words and words[0].lower().rstrip(".") in _MALE_TITLES:
            return "m"
        if words and words[0].lower().rstrip(".") in _FEMALE_TITLES:
            return "f"
        for w in reversed(words):
            g = self._genders.get(w)
            if g in {"m", "f"}:
                return g
        if len(words) >= 2:
            if words[0] in _FEMALE_NAMES:
                return "f"
            if words[0] in _MALE_NAMES:
                return "m"
        return None

    def events(self) -> list[_Event]:
        """Speech events and person mentions, by position: the antecedents for pronouns."""
        if self._events is not None:
            return self._events
        body = self.body
        opens = [o for o, _ in self.quote_spans]
        spans = self.quote_spans

        def inside(pos: int) -> bool:
            i = bisect_right(opens, pos) - 1
            return i >= 0 and spans[i][0] < pos < spans[i][1]

        events: list[_Event] = []
        for vs, ve in _verb_spans(body):
            if inside(vs):
                continue
            window = body[max(0, vs - 200):vs]
            cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("”"), window.rfind('"'),
                      window.rfind("“"), window.rfind("? "), window.rfind("! "))
            clause = window[cut + 1:] if cut >= 0 else window
            if not clause.strip() or clause.rstrip().endswith(","):
                inv = _INVERTED_NAME.match(body, ve)
                name = self.trim_name(inv.group("name")) if inv else ""
                if name and self.is_person_name(name):
                    events.append(_Event(vs, name, "person", self.gender_of(name)))
                    continue
                if clause.strip() in ("", ","):
                    continue
            if _PASSIVE.search(clause) or _SUBORDINATE.match(clause):
                continue  # a subordinate clause's subject (`… and that the company welcomed`) is not salient
            clause = _ADVERB_END.sub("", " " + clause.rstrip())[1:]
            mention = self.subject(clause)
            if mention is None:
                continue
            events.append(_Event(vs, mention, *self.describe(mention)))
        runs = self.name_runs()
        surnames = self.person_surnames()
        for at, end, name, person in runs:
            words = name.split()
            if not (person or (len(words) == 1 and words[0] in surnames)):
                continue
            if words[0] in _NOT_NAMES and words[0] not in _TITLE_WORDS:
                continue
            if inside(at) or name.endswith(("'s", "’s")) or body.startswith(("'s", "’s"), end):
                continue  # "Mr Snow's statement": a possessive is not who acts or speaks
            head = body[max(0, at - 30):at]
            prev = head.split()[-1] if head.split() else ""
            if not (not head.strip() or head.rstrip()[-1:] in ".,:;!?\n" or prev in _FILLER_WORDS
                    or _ROLE_BEFORE_NAME.fullmatch(prev.lower()) or _APPOSITIVE.match(body, end)):
                continue
            events.append(_Event(at, name, "person", self.gender_of(name)))
        events.sort(key=lambda e: e.pos)
        resolved: list[_Event] = []
        for ev in events:
            if ev.mention in _PRONOUN_WORDS:
                target = self.pick(resolved, ev.mention, ev.pos)
                if target is None:
                    continue
                ev = _Event(ev.pos, target.mention, target.kind, target.gender)
            elif _ROLE_NP.match(ev.mention):
                starts = [m.end() for m in _SENTENCE_BREAK.finditer(body, max(0, ev.pos - 300), ev.pos)]
                name = self.role_antecedent(ev.mention, starts[-1] if starts else max(0, ev.pos - 300),
                                            resolved)
                if name != ev.mention:
                    ev = _Event(ev.pos, name, "person", self.gender_of(name))
            resolved.append(ev)
        self._events = resolved
        self._event_pos = [e.pos for e in resolved]
        return resolved

    def name_runs(self) -> list[tuple[int, int, str, bool]]:
        """(start, end, name, person-like) for every capitalised run, titles trimmed."""
        if self._runs is None:
            runs = []
            for run in _MENTION.finditer(self.body):
                raw = run.group("name")
                name = self.trim_name(raw) if " " in raw else raw
                if not name:
                    continue
                at = run.start() + raw.rfind(name)
                runs.append((at, run.end(), name, " " in name and self.is_person_name(name)))
            self._runs = runs
        return self._runs

    def person_surnames(self) -> set[str]:
        """Last names of the people this article names in full or with a title."""
        out = {m.group(2) for m in _TITLE_GENDER.finditer(self.body)}
        out.update(name.rsplit(" ", 1)[-1] for _, _, name, person in self.name_runs() if person)
        return out

    def add_event(self, event: _Event) -> None:
        events = self.events()
        idx = bisect_right(self._event_pos, event.pos)
        events.insert(idx, event)
        self._event_pos.insert(idx, event.pos)

    @staticmethod
    def pick(events: list[_Event], pronoun: str, pos: int, upto: int | None = None) -> _Event | None:
        """The nearest earlier event a pronoun can refer to (only `events[:upto]` are looked at)."""
        want = {"he": "m", "she": "f"}.get(pronoun)
        top = len(events) if upto is None else upto
        for i in range(top, max(0, top - MAX_ANTECEDENTS), -1):
            ev = events[i - 1]
            if ev.pos >= pos:
                continue
            if pos - ev.pos > MAX_ANTECEDENT_DISTANCE:
                return None
            if pronoun in {"he", "she"}:
                if ev.kind != "person":
                    continue
                if ev.gender in (None, "?", want):
                    return ev
            elif ev.kind == "org":
                return ev
        return None

    def resolve(self, mention: str, pos: int, sentence_start: int | None = None) -> str | None:
        """A pronoun's antecedent; people named in the quote's own sentence are what it is
        about, not who says it (`Mr Blair has "passion", he said` is not Mr Blair speaking)."""
        if mention not in _PRONOUN_WORDS:
            return mention
        events = self.events()
        limit = pos if sentence_start is None else min(pos, sentence_start)
        idx = bisect_right(self._event_pos, limit - 1)
        target = self.pick(events, mention, pos, idx)
        return target.mention if target else None

    def inherit(self, open_at: int, before_full: str, before: str, prev_speaker: str | None,
                prev_end: int, after: str = "") -> str | None:
        """An unattributed quote continues the previous speaker, or the subject just before it.

        Not when a reporting clause we could not parse ends its sentence (`"..." Mr Kapor
        is reported as saying.`): someone is named there, maybe someone else.
        """
        verbs = list(_ANY_VERB.finditer(after))
        if verbs and len(after[verbs[-1].end():].split()) <= 3 and (
            after.lstrip()[:1].islower() or _AFTER_NAMED.match(after)
        ):
            return None
        body = self.body
        para = self.para_of(open_at)
        events = self.events()
        idx = bisect_right(self._event_pos, open_at - 1)
        recent = events[idx - 1] if idx else None
        if prev_speaker and prev_end >= 0 and self.para_of(prev_end) >= para - 1:
            others = [e for e in events[bisect_right(self._event_pos, prev_end):idx]
                      if e.mention != prev_speaker]
            if not others:
                return prev_speaker
        if recent is None:
            return None
        window_start = max(0, open_at - len(before_full) - 400)
        cuts = [m.end() for m in _SENTENCE_BREAK.finditer(body, window_start, open_at)]
        cuts = [c for c in cuts if body[c:open_at].strip()]
        mid_sentence = bool(before.strip()) and len(cuts) >= 2  # `It said: "...`: look one sentence further
        sentence_start = cuts[-2] if mid_sentence else cuts[-1] if cuts else window_start
        # The sentence just before: its subject (the first person named) is who goes on to speak.
        for ev in events[bisect_right(self._event_pos, max(sentence_start, prev_end) - 1):idx]:
            if ev.kind == "person" or ev is recent:
                return ev.mention
        return None
