"""Stage 5, attribution: the source of a quote is the grammatical subject of its cue.

Reporting clauses before and after the quote, inverted (`said X`), participles (`, saying`),
coordination, appositives, relative clauses, colon frames and `according to`. A mixin of the
extractor (`briefing.quotes`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from briefing.extract.cues import ACCORDING_TO
from briefing.extract.mentions import clean_mention, is_plausible_speaker
from briefing.extract.patterns import (
    ACTING_SUBJECT,
    ADJUNCT_PART,
    ADVERB_END,
    AFTER_ANY_INVERTED,
    AFTER_ANY_NORMAL,
    AFTER_CLAUSE_START,
    AFTER_INVERTED,
    AFTER_REPORTING_END,
    AFTER_SHORT,
    ANY_VERB,
    AUXILIARY_BEFORE,
    CLAUSE_INSIDE,
    CLAUSE_JOIN,
    COLON_NAME,
    COORDINATED_VP,
    COPULA_AFTER,
    DASH_BYLINE,
    DATELINE,
    DETERMINER,
    FEMALE_NAMES,
    FINITE,
    HERE_FRAME,
    INNER_DETERMINER,
    INTRO,
    INVERTED_CUT,
    INVERTED_DESCRIPTION,
    INVERTED_HOST,
    JOINED_CLAUSE_SUBJECT,
    LATER_CLAUSE,
    LATER_ROLE_CLAUSE,
    LEADING_FILLER,
    LEADING_PREPOSITION,
    MALE_NAMES,
    MODAL_AFTER,
    NAME_LINKS,
    NAME_RUN,
    NAME_VERB_COLON,
    NEW_CLAUSE_AFTER,
    NOT_NAMES,
    NOT_SPEAKER_WORDS,
    NOT_SUBJECT,
    NOT_SURNAMES,
    NOUN_AFTER_THAT,
    NOUN_BEFORE,
    NOUN_CUE_BEFORE,
    ORG_WORDS,
    PARTICIPLE_HOST,
    PARTY,
    PERSON_ROLES,
    PLURAL_SUBJECT,
    PREPOSITIONS,
    PRONOUN,
    PRONOUN_WORDS,
    QUOTED_AS_SAYING,
    QUOTED_SPAN,
    QUOTED_TITLE,
    RELATIVE,
    RELATIVE_ASIDE,
    RELATIVE_TAIL,
    REPORTED_PRONOUN,
    REPORTING_ASIDE,
    RESTRICTIVE_RELATIVE,
    ROLE_BEFORE_NAME,
    ROLE_NP,
    SAID_NAME_BEFORE,
    SENTENCE_END,
    SPEAKING_HEAD,
    SPEAKS_OF,
    SUBJECT_ADJUNCT,
    SUBORDINATE,
    SUBORDINATOR,
    TITLE_WORDS,
    TRAILING_CLAUSE,
    TRAILING_NAME,
    TRAILING_REPORT,
    TRAILING_TO,
    VERB_FIRST_BEFORE,
    WHAT_X_CALLED,
    WITH_SUBJECT,
    Clause,
    Event,
    after_normal,
    before_clause,
    clause_at,
    is_passive,
    participle_or_coordinated,
)
from briefing.extract.sentences import SENTENCE_BREAK as _SENTENCE_BREAK
from briefing.models import QuoteKind


class Attribution:
    """Stage 5, attribution: the source of a quote is the grammatical subject of its cue."""

    def attribute(self, text: str, before: str, after: str, open_at: int, kind: QuoteKind,
                  sentence_start: int | None = None) -> str | None:
        stripped = text.rstrip().rstrip("'’‘\" ")  # `… hope that happens,'”`: the inner quote's mark
        lead = before.rstrip()
        mention: str | None = None
        if kind == "direct":
            before_match = before_clause(lead) if lead else None
            if before_match is not None and is_passive(lead, before_match.verb_start):
                before_match = None
            if before_match is not None and lead.endswith(":"):
                mention = self.clause_subject(before_match, lead)
            if mention is None and after.strip() and (
                stripped[-1:] in ",…-—:;" or after.lstrip()[:1] in ",;-—–―"
                or (stripped[-1:] in "?!" and after.lstrip()[:1].islower())
                or (stripped[-1:] in "?!" and (AFTER_SHORT.match(after) or AFTER_ANY_NORMAL.match(after)))
            ):
                mention = self.after_clause(after)
            if mention is None and before_match is not None:
                mention = self.clause_subject(before_match, lead)
            if (mention is None and after.strip() and after.lstrip()[:1].islower()
                    and not re.match(r"\s*that\s", after)):  # `"…" that Sanders can catch Clinton, said X`
                mention = self.after_clause(after)
            if mention and (mention.split()[0] in {"for", "about", "to", "of", "on", "in", "at", "with", "from"}
                            or (after.lstrip()[:1].islower() and not self.usable(mention))):
                mention = None  # `"…" for Clinton, said Kunin`: "for Clinton" is no subject
            if mention is None and after.strip() and after.lstrip()[:1].islower():
                # `"…" for Clinton, said Kunin.`: the quote runs on into the sentence, whose
                # reporting clause comes later, set off by a comma
                later = LATER_CLAUSE.search(after)
                if later:
                    inverted = bool(later.group("isubj"))
                    mention = self.subject(later.group("isubj") if inverted else later.group("subj"),
                                           inverted=inverted)
                else:
                    later = LATER_ROLE_CLAUSE.search(after)  # `…, Justice Department counsel Caroline Wolverton wrote`
                    mention = self.subject(later.group("subj")) if later else None
            if (mention is None and stripped[-1:] in ".!?" and after.strip()
                    and not lead and AFTER_REPORTING_END.match(after)):
                # `“…” US Senator Jeff Sessions said as he launched the process.`: a reporting clause
                # with nothing reported in it (no `that`, no object clause) belongs to the quote
                mention = self.after_clause(after)
        else:
            if stripped[-1:] in ".!?" and after.lstrip()[:1].isupper():
                after = ""  # `called the lines “unacceptable.” Phoenix Mayor Greg Stanton wrote…`: a new sentence
            if stripped[-1:] == "," or after.lstrip()[:1] == ",":
                report = TRAILING_REPORT.match(after)  # `… a “burn bag,” the Times reported.`
                mention = self.subject(report.group("subj")) if report else None
            tail = TRAILING_CLAUSE.search(after) if mention is None else None
            if tail is None and mention is None:
                tail = TRAILING_CLAUSE.search(lead)
                if tail is not None and tail.group("inv"):
                    tail = None  # `X said Obama “understood…”`: before the quote, `said Obama` is not inverted
                if tail is not None and lead.split()[-1].endswith("ing"):
                    tail = None  # `, Obama released a statement condemning “…”`: a participle has no subject of its own
            if mention is None and tail is None and not NEW_CLAUSE_AFTER.match(after) and (
                    AFTER_SHORT.match(after) or after.lstrip()[:1] == "," or AFTER_CLAUSE_START.match(after)):
                mention = self.after_clause(after)  # `He was a “respected manager” Boistard said.`
            if mention is None and tail is not None:
                mention = self.subject(tail.group("subj") or tail.group("isubj"), inverted=bool(tail.group("inv")))
            if mention is None and tail is None:
                later = LATER_CLAUSE.search(after)  # `… are sickening, Hollande said Tuesday in Paris`
                if later:
                    inverted = bool(later.group("isubj"))
                    mention = self.subject(later.group("isubj") if inverted else later.group("subj"), inverted=inverted)
                else:
                    later = LATER_ROLE_CLAUSE.search(after)  # `…, Republican candidate Ben Carson said after`
                    mention = self.subject(later.group("subj")) if later else None
            if mention is None and lead:
                # The reporting verb nearest the quote governs it ("X told reporters he favours...,
                # as the government admits the situation is “deteriorating”").
                nested: str | None = None  # `Benjamin said he believes “…”`: the pronoun of a reported clause
                for verb in reversed(list(ANY_VERB.finditer(lead))):
                    clause = clause_at(lead, verb)
                    if not clause.subj.strip() or is_passive(lead, clause.verb_start):
                        continue
                    if NOUN_AFTER_THAT.search(lead, 0, verb.start()) and MODAL_AFTER.match(lead, verb.end()):
                        continue  # `… New York, that states can pass`: a noun, not a verb
                    # `Hemsley, the co-author of "Going Viral," about …, said`: a title inside the subject
                    subj = re.split(r"[\"“”]", QUOTED_TITLE.sub(" ", clause.subj))[-1]
                    if participle_or_coordinated(lead, clause):
                        mention = self.host_subject(lead, clause)
                    else:
                        mention = self.subject(subj) if subj.strip() else None
                        if mention in PRONOUN_WORDS and SUBORDINATE.match(subj):
                            # `X told reporters that he believed …`: the pronoun is the main subject
                            main = self.main_subject(lead[:clause.verb_start])
                            if main and main not in PRONOUN_WORDS and self._agrees(main, mention):
                                mention = main
                        elif mention in {"he", "she"} and REPORTED_PRONOUN.search(subj):
                            nested, mention = mention, None
                            continue
                    if nested and mention is not None and (
                            mention in PRONOUN_WORDS or not self._agrees(mention, nested)):
                        mention = nested
                    if mention is not None:
                        break
                if mention is None:
                    mention = nested
                if mention is not None and not self.usable(mention):
                    mention = None  # `The clash grew, with X telling …`: no speaker; try the speaking verb
        if mention is None and kind == "partial" and lead:
            mention = self.speaking_subject(lead) or self.acting_subject(lead)
            if mention is None:
                mention = self.sentence_person(lead)
        if mention is None and lead.endswith(":") and kind == "direct":
            here = HERE_FRAME.match(lead)
            if here and here.group("name").split()[0] not in NOT_NAMES:
                mention = self.trim_name(here.group("name"))  # `Here’s Clinton in December 1992:`
        if mention is None and kind == "direct":
            noun = NOUN_CUE_BEFORE.search(lead)
            if noun and noun.group("name").split()[0] not in NOT_NAMES:
                mention = self.trim_name(noun.group("name"))  # `Clinton’s response was:`
        if mention is None and lead.endswith(":") and kind == "direct":
            alone = COLON_NAME.match(lead) or NAME_VERB_COLON.search(lead)
            if alone and alone.group("name").split()[0] not in NOT_NAMES:
                mention = self.trim_name(alone.group("name"))  # `Bush: “…”`, `to which O'Malley interjected:`
            else:
                mention = self.main_subject(lead[:-1])  # `Kasich resisted:`, `Trump … leaned in and boomed:`
        if mention is None and kind == "direct":
            said = SAID_NAME_BEFORE.match(lead)
            if said and said.group("name").split()[0] not in NOT_NAMES:
                mention = self.trim_name(said.group("name"))  # `Said Comey, “…”`
        if mention is None and kind == "direct" and lead:
            intro = INTRO.match(lead)
            first = VERB_FIRST_BEFORE.match(lead[intro.end():] if intro else lead)
            if first:
                mention = self.subject(first.group("subj"), inverted=True)
        if mention is None:
            frame = ACCORDING_TO.search(lead) or ACCORDING_TO.search(after)
            if frame:
                mention = self.subject(frame.group("source"), inverted=True)
        else:
            # a source that is no plausible speaker (`a transcript of the show`) leaves the speaker
            mention = self.usable(self.reported_by(lead, after)) or mention
        mention = self.usable(mention)
        if mention and sentence_start is not None and ROLE_NP.match(mention):
            return self.role_antecedent(mention, sentence_start)
        return self.resolve(mention, open_at, sentence_start) if mention else None

    def reported_by(self, lead: str, after: str) -> str | None:
        """`“…,” Walker said, according to an AP account.`, `According to the post, X said “…”`: a
        nested source. As in PolNeAR (PARC), the `according to` source framing the quote's own
        sentence is its source: the article has the words from it, not from the speaker."""
        sentence_after = SENTENCE_END.split(after, maxsplit=1)[0]
        frame = ACCORDING_TO.search(sentence_after)
        if frame and not re.search(r"[\"“”]", sentence_after[:frame.start()]):
            return self.subject(frame.group("source"), inverted=True)
        frame = ACCORDING_TO.search(lead)
        if frame and not re.search(r"[\"“”]", lead[frame.end():]):
            return self.subject(frame.group("source"), inverted=True)
        return None

    def speaking_subject(self, lead: str) -> str | None:
        """`Trump in his announcement speech called immigrants “…”`, `Trump has boasted of his
        willingness to spend “…”`, `what Gilbert called “…”`: the last verb of speaking before a
        partial quote governs it when no other finite verb stands between them; its subject is
        the relative clause's (`what/whom X called`) or, when it is the sentence's first finite
        verb, the sentence's subject."""
        # `Trump’s remarks as`, `the claims`: a verb form after a determiner or possessive is a noun
        verbs = [v for v in SPEAKS_OF.finditer(lead) if not NOUN_BEFORE.search(lead, 0, v.start())]
        if not verbs:
            return None
        verb = verbs[-1]
        if is_passive(lead, verb.start()):
            return None  # `has been called “…”`
        if verb.group().endswith("ing"):
            return self.participle_subject(lead, verb.start(), verb.end())
        asides = [(m.start(), m.end()) for m in RELATIVE_ASIDE.finditer(lead, verb.end())]
        for later in FINITE.finditer(lead, verb.end()):
            if NOUN_BEFORE.search(lead, 0, later.start()):
                continue  # `denounced Trump’s remarks as “…”`: a noun, not a verb
            if any(a <= later.start() < b for a, b in asides):
                continue  # `accused the audience, which is chosen by the party, of …`: inside an aside
            if not later.group().endswith("ed") or "," in lead[verb.end():later.start()]:
                return None  # `X asked about it, the Graysons became “…”`: another clause governs it
        what = WHAT_X_CALLED.search(lead)
        if what and what.end() >= verb.end():
            name = self.trim_name(what.group("name"))
            return name if name and name.split()[0] not in NOT_NAMES else None
        text = re.split(r"[\"“”]", QUOTED_SPAN.sub(" ", lead[:verb.start()]))[0]
        text = re.split(r"[;:]\s", text)[-1]  # `… sounded equivocal: Former Rep. Jane Harman called it`
        intro = INTRO.match(text.lstrip())
        if intro:
            text = text.lstrip()[intro.end():]
        first = FINITE.search(text)
        if first and COORDINATED_VP.search(text) and not re.search(r"[,;]", text[first.start():]):
            text = text[:first.start()]  # `Trump has made … and has boasted of`: one subject, two verbs
        elif first and not AUXILIARY_BEFORE.search(text[first.start():]):
            subs = list(SUBORDINATOR.finditer(text))
            sub = subs[-1] if subs else None
            if sub is None or (FINITE.search(text, sub.end()) and not AUXILIARY_BEFORE.search(
                    text[FINITE.search(text, sub.end()).start():])):
                return None  # `… the only Amendment the Founding Fathers wrote “…”`: not the main verb
            text = text[sub.end():]  # `… was complete when Trump called`
        relative = RELATIVE.search(text)
        if relative:
            text = text[:relative.start()]
        chunk = ADVERB_END.sub("", " " + text.rstrip())[1:]
        if chunk[:1].isupper():  # `Trump in his announcement speech`, `Sanders himself`: the name
            chunk = SUBJECT_ADJUNCT.sub("", chunk)
        return self.subject(chunk) if chunk.strip() else None

    def acting_subject(self, lead: str) -> str | None:
        """`Clinton talked up her “50-state strategy,”`, `Sanders has consistently pushed his
        promise of “free college”`: words a person's action is described in are that person's
        (PARC and PolNeAR count any verb as the cue), when the sentence opens with a person the
        article names in full and an active verb that is no copula follows."""
        text = lead.lstrip()
        intro = INTRO.match(text)
        if intro:
            text = text[intro.end():]
        match = ACTING_SUBJECT.match(text)
        if match is None or re.search(r"[\"“”]", text[:match.end()]):
            return None
        name = self.trim_name(match.group("name"))
        return name if name and self.named_person(name) else None

    def sentence_person(self, lead: str) -> str | None:
        """`Sen. Ron Johnson (R-Wis.) kept asking her why … “spontaneous”`: with no cue found, the
        person the sentence is about, when the article names them in full and they act in it
        (no copula, no passive: `Kelly was “incognito”` is said of her, not by her)."""
        if ACCORDING_TO.search(lead):
            return None  # a source frame we could not read
        main = self.main_subject(lead)
        name = self.trim_name(main) if main else ""
        if not name or not self.named_person(name):
            return None
        at = lead.find(name.split()[-1])
        rest = lead[at + len(name.split()[-1]):] if at >= 0 else ""
        if COPULA_AFTER.match(rest):
            return None
        return main

    def named_person(self, name: str) -> bool:
        """A person this article names with a first name or a title somewhere: `Clinton` after
        `Hillary Clinton`, never `New York` or `Islamic State`."""
        words = name.split()
        if not words or ORG_WORDS.search(name) or words[0] in NOT_NAMES:
            return False
        if len(words) >= 2:
            return words[0] in MALE_NAMES or words[0] in FEMALE_NAMES or words[0].rstrip(".") in TITLE_WORDS
        full = re.compile(rf"\b(?P<first>[A-Z][a-z]+)\.?\s+(?:[A-Z]\.\s+)?{re.escape(words[0])}\b")
        return any(m.group("first") in MALE_NAMES or m.group("first") in FEMALE_NAMES
                   or m.group("first") in TITLE_WORDS for m in full.finditer(self.body))

    def participle_subject(self, lead: str, start: int, end: int) -> str | None:
        """`– Ryan saying he was “…”`, `with the AFT calling her “…”`: the name right before the
        participle; `“…,” said Joe Biden, urging them to “…”`: the subject of the clause it hangs on."""
        if re.search(r"[,;:\"“”]|\s[-–—]\s", lead[end:]):
            return None  # another clause stands between the participle and the quote
        before = lead[:start].rstrip()
        if before.endswith(","):
            host = before[:-1]
            inverted = INVERTED_HOST.search(host)
            if inverted:
                return self.subject(inverted.group("name"), inverted=True)
            if re.search(r"[\"“”]", host):
                return None
            return self.main_subject(host)
        chunk = PARTICIPLE_HOST.split(before)[-1].strip()
        if not chunk or len(chunk.split()) > 6 or not (chunk[:1].isupper() or re.match(r"(?:the|a|an)\s", chunk)):
            return None
        return self.subject(chunk)

    def role_antecedent(self, mention: str, sentence_start: int, events: list[Event] | None = None) -> str:
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

    def clause_subject(self, clause: Clause, lead: str) -> str | None:
        """The subject of a reporting clause; for a participle (`, saying`) or a coordinated verb
        (`… and called him`), the subject of the sentence's main clause."""
        if participle_or_coordinated(lead, clause):
            return self.host_subject(lead, clause)
        return self.subject(clause.subj)

    def host_subject(self, lead: str, clause: Clause) -> str | None:
        """The subject a participle or coordinated verb hangs on: a reporting aside right before it
        (`Ryan and Trump will meet, Spicer said, adding`), else the sentence's main clause."""
        aside = REPORTING_ASIDE.search(lead, 0, clause.verb_start)
        if aside:
            return self.subject(aside.group("subj"))
        before = lead[:clause.verb_start]
        joined = JOINED_CLAUSE_SUBJECT.search(before) or WITH_SUBJECT.search(before)
        if joined and joined.group("name").split()[0] not in NOT_NAMES:
            return self.subject(joined.group("name"))  # `when Cruz knocked Rubio and called`
        return self.main_subject(before)

    def _agrees(self, mention: str, pronoun: str) -> bool:
        kind, gender = self.describe(mention)
        if pronoun in {"he", "she"}:
            return kind == "person" and gender in (None, "?", {"he": "m", "she": "f"}[pronoun])
        return kind == "org" if pronoun == "it" else True

    def main_subject(self, sentence: str) -> str | None:
        """The subject of a sentence's main clause: the words before its first finite verb, after
        any introductory phrase (`On Thursday, `), appositives and relative clauses set off."""
        text = QUOTED_SPAN.sub(" ", sentence)  # `“Everything,” Carson told the AP after hinting`
        text = DATELINE.sub("", re.split(r"[\"“”]", text)[0])
        intro = INTRO.match(text.lstrip())
        if intro:
            text = text.lstrip()[intro.end():]
        verb = FINITE.search(text)
        if verb is None:
            return None
        chunk = text[:verb.start()]
        relative = RELATIVE.search(chunk)
        if relative:
            chunk = chunk[:relative.start()]
        chunk = ADVERB_END.sub("", " " + chunk.rstrip())[1:]  # `Donald Trump quickly [took]`
        found = self.subject(chunk) if chunk.strip() else None
        if found is None:  # `Thomas Massie used to support …`: a verb outside the finite list
            acting = ACTING_SUBJECT.match(text.lstrip())
            name = self.trim_name(acting.group("name")) if acting else None
            found = name if name and self.named_person(name) else None
        return found

    def colon_paragraph_before(self, para: int) -> str | None:
        """`Trump issued the following statement:` ending the paragraph before a quote: its last
        sentence introduces the quote as if it stood before it."""
        start, end = self.para_spans[para - 1]
        text = self.body[start:end].rstrip()
        if not text.endswith(":") or len(text) > 600:
            return None
        cuts = [m.end() for m in _SENTENCE_BREAK.finditer(text)]
        return text[cuts[-1]:] if cuts and cuts[-1] < len(text) else text

    @staticmethod
    def usable(mention: str | None) -> str | None:
        """The mention as a speaker: `To Sexton` -> `Sexton`; a fragment or a thing (`and`, `the
        primary schedule`) -> None, since no speaker is better than that."""
        if mention and LEADING_PREPOSITION.match(mention):
            mention = LEADING_PREPOSITION.sub("", mention)  # `To Sexton, …`, `For Trump, …`, `When Maddow`
        return mention if mention and is_plausible_speaker(mention) else None

    def byline_below(self, close_at: int) -> str | None:
        """`“…”` then a paragraph of its own `- Sanders.` or `―Michelle Marks, Philadelphia.`"""
        para = self.para_of(close_at)
        if para + 1 >= len(self.para_spans) or self.body[close_at + 1:self.para_spans[para][1]].strip():
            return None
        start, end = self.para_spans[para + 1]
        byline = DASH_BYLINE.match(self.body[start:end])
        name = self.trim_name(byline.group("name")) if byline else ""
        return name if name and name.split()[0] not in NOT_NAMES else None

    def after_clause(self, after: str) -> str | None:
        match = AFTER_INVERTED.match(after)
        if match and not match.group("verb").endswith("ing"):  # `, promising the club will…` is not `said X`
            chunk, *rest = re.split(r"[,(]|\s[-–—]\s", match.group("subj"), maxsplit=2)
            second = rest[0].strip() if rest else ""
            if (second[:1].isupper() and second.split()[0] not in NOT_NAMES and self.person_part(second)
                    and not self.person_part(chunk) and self.is_person_name(self.trim_name(second))):
                chunk = second  # "said De Telegraaf's image editor, Peter Schoonen"
            mention = self.subject(chunk, inverted=True)
            if mention is not None:
                return mention
        quoted = QUOTED_AS_SAYING.match(after)
        if quoted and quoted.group("name").split()[0] not in NOT_NAMES:
            return self.trim_name(quoted.group("name"))
        clause = after_normal(after)
        if clause and not is_passive(after, clause.verb_start):
            return self.subject(clause.subj)
        other = AFTER_ANY_INVERTED.match(after) or AFTER_ANY_NORMAL.match(after)
        name = self.trim_name(other.group("name")) if other else ""
        if name and name.split()[0] not in NOT_NAMES and name not in NOT_SPEAKER_WORDS:
            return name  # `“…!” beamed Donald Hartley`, `“…?” Hannity pressed.`
        byline = DASH_BYLINE.match(after)
        if byline and self.is_person_name(self.trim_name(byline.group("name"))):
            return self.trim_name(byline.group("name"))
        return None

    def subject(self, chunk: str, inverted: bool = False) -> str | None:
        """The speaker mention in the text before (or, inverted, after) a reporting verb."""
        chunk = DATELINE.sub("", clean_mention(chunk))
        chunk = re.sub(r"\s*\([^()]{1,30}\)\s*$", "", chunk)  # `Sen. Ted Cruz (Tex.)`
        intro = INTRO.match(chunk.lstrip())
        if intro and not inverted:
            chunk = chunk.lstrip()[intro.end():]  # `At Brazille’s direction, the DNC`, `Of Carson, Levine`
        chunk = RELATIVE_TAIL.sub(",", chunk)
        relative = RESTRICTIVE_RELATIVE.search(chunk)
        if relative and not FINITE.search(chunk, 0, relative.start()):
            chunk = chunk[:relative.start()]  # `a White House official who spoke anonymously`
        appositive = chunk.rstrip().endswith(",")
        chunk = TRAILING_TO.sub("", chunk.strip().rstrip(",").strip())
        if not chunk:
            return None
        pron = PRONOUN.search(chunk)
        if pron:
            return pron.group("p").lower()
        # `Yin Myint May, 60, a doctor,`: an age in apposition is no part of the subject;
        # `Clinton, during a town hall meeting in Columbus, Ohio,`: nor is an adjunct
        parts = [p.strip() for p in re.split(r",|\s(?:[-–—―]|--)\s", chunk) if p.strip() and not p.strip().isdigit()]
        if len(parts) >= 2 and ADJUNCT_PART.match(parts[1]) and NAME_RUN.fullmatch(parts[0]):
            parts = [parts[0]]
        if not parts:
            return None
        if inverted:
            chunk = INVERTED_CUT.split(parts[0], maxsplit=1)[0]
            tail = TRAILING_NAME.search(chunk)
            if tail and tail.start() > 0 and self.is_person_name(self.trim_name(tail.group("name"))):
                return self.mention_from(chunk)  # "said Standard Chartered chief executive Mervyn Davies"
            lead = NAME_RUN.match(chunk)
            if lead and chunk[lead.end():].strip() and chunk[lead.end():lead.end() + 1].isspace():
                name = self.trim_name(lead.group())
                first = name.split()[0] if name else ""
                if first and (first not in NOT_NAMES or first in TITLE_WORDS):
                    return name  # "said Nadal afterwards", "said Mr Thomas on Monday"
            described = INVERTED_DESCRIPTION.match(chunk)
            if described:  # "said one well-connected Democrat familiar with the campaign"
                return described.group("np")
        elif len(parts) >= 2:
            # "David Frost, director general of X, warned" / "The shadow minister, Theresa May, said"
            last, prev = parts[-1], parts[-2]
            if self.person_part(last):
                chunk = last
            elif self.person_part(prev) and (appositive or not last[:1].isupper() or self.is_role(last)):
                return self.mention_from(prev)
            elif appositive:
                # `Tom Reyes, 22, of Flint, Mich., said`: the person the appositives describe
                named = next((p for p in parts[:-1] if self.person_part(p)), None)
                return self.mention_from(named or prev)
            else:
                chunk = last
        else:
            chunk = parts[-1]
        if NOT_SUBJECT.search(chunk):
            return None
        return self.mention_from(chunk)

    def mention_from(self, chunk: str) -> str | None:
        chunk = LEADING_FILLER.sub("", chunk.strip()).strip()
        sub = SUBORDINATE.match(chunk)
        if sub and sub.end() < len(chunk):
            chunk = chunk[sub.end():]  # `It started when Edward Snowden` (tweeted): the clause's own subject
        joins = [j for j in CLAUSE_JOIN.finditer(chunk) if FINITE.search(chunk, 0, j.start())]
        if joins:
            chunk = chunk[joins[-1].end():]  # `a woman asked for a photo and Clinton` (said): the second clause's
        if chunk.endswith(("'s", "’s")):
            return None  # "Mr Snow's comments ...": a possessive before a noun, not a speaker
        if not chunk or len(chunk.split()) > 12 or PLURAL_SUBJECT.search(chunk):
            return None
        if " and " in chunk:
            left, _, right = chunk.partition(" and ")
            if self.names_person(left) and self.names_person(right):
                return None
        if re.search(r"\b(?:that|which|whether|if|because|although|when|while)\b", chunk):
            return None
        trailing = TRAILING_NAME.search(chunk)
        if trailing:
            name = self.trim_name(trailing.group("name")) or trailing.group("name")
            head = chunk[:trailing.start("name") + trailing.group("name").rfind(name)].strip()
            prev_word = head.split()[-1].lower() if head else ""
            if name.split()[0] not in NOT_NAMES or len(name.split()) > 1:
                name = self.trim_name(name)
                if name and (not head or prev_word not in PREPOSITIONS):
                    if not head or self.is_person_name(name) or len(head.split()) <= 4:
                        return name if not head or not head[0].isupper() else self.whole(chunk, name)
        det = DETERMINER.search(chunk)
        if det:
            np = det.group("np").strip()
            first = np.split()[0].lower()
            possessive = any(p in np for p in ("'s ", "’s ", "s' ", "s’ "))
            if (len(np.split()) <= 8 and not INNER_DETERMINER.search(np) and not CLAUSE_INSIDE.search(np)
                    and (first in {"the", "a", "an", "its", "their", "our", "one", "another", "some", "several"}
                         or (possessive and SPEAKING_HEAD.search(np)))):
                return np
        words = chunk.split()
        if (len(words) <= 5 and words[0] not in NOT_NAMES
                and all(w[:1].isupper() or w[:1].isdigit() or w in {"of", "for", "and", "the", "&"} for w in words)):
            return chunk  # an institution named in capitals: "Downing Street", "No 10", "TimeWarner"
        if (2 <= len(words) <= 4 and words[0][:1].isupper() and words[0] not in NOT_NAMES
                and re.fullmatch(r"[a-z]+s", words[-1]) and not CLAUSE_INSIDE.search(chunk)):
            return chunk  # a group described, not named: "Legal observers", "Multiple outlets"
        return None

    def person_part(self, text: str) -> bool:
        """A comma-separated part that is a person's name (with any titles), not a role or clause."""
        text = LEADING_FILLER.sub("", text.strip())
        if not text or (text.split()[0] in NOT_NAMES and text.split()[0] not in {"Mr", "Mrs", "Ms", "Sir", "Dr"}):
            return False
        run = TRAILING_NAME.search(text)
        prev = text[:run.start("name")].strip().split()[-1] if run and run.start("name") > 0 else ""
        if not run or prev.lower() in PREPOSITIONS or prev.endswith(("'s", "’s")):
            return False  # "of the Fed", "the venue's Promotions Coordinator": not a name
        return self.is_person_name(self.trim_name(run.group("name")))

    def names_person(self, text: str) -> bool:
        run = TRAILING_NAME.search(text.strip())
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
        titled = [i for i, w in enumerate(words[:-1]) if w.rstrip(".") in TITLE_WORDS]
        if titled:
            words = words[titled[-1]:]  # "Tuesday Mr Ebbers" -> "Mr Ebbers"
        else:
            roles = [i for i, w in enumerate(words[:-1]) if ROLE_BEFORE_NAME.fullmatch(w.lower())]
            if roles:
                words = words[roles[-1] + 1:]  # "TUC General Secretary Brendan Barber"
        while words and words[0] in NOT_NAMES and words[0] not in {"Mr", "Mrs", "Ms", "Sir", "Dr"}:
            words.pop(0)
        while words and words[-1].lower() in {"of", "for", "and", "the"}:
            words.pop()
        return " ".join(words)

    @staticmethod
    def is_role(text: str) -> bool:
        return bool(PERSON_ROLES.search(text))

    @staticmethod
    def is_person_name(name: str) -> bool:
        words = name.split()
        if not words:
            return False
        if ORG_WORDS.search(name) or NAME_LINKS.search(name) or PARTY.search(name):
            return False
        if words[-1].rstrip(".") in TITLE_WORDS or ROLE_BEFORE_NAME.fullmatch(words[-1].lower()):
            return False  # `Pennsylvania Gov.`, `Vice President`: a title or role with no name after it
        if len([w for w in words if w.rstrip(".") not in TITLE_WORDS]) > 3 or words[-1] in NOT_SURNAMES:
            return False
        return len(words) >= 2 or words[0].rstrip(".") in {"Mr", "Mrs", "Ms", "Sir", "Dr", "Lord"}

    # -- pronouns and continuations -------------------------------------------------
