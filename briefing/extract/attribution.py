"""Stage 5, attribution: the source of a quote is the grammatical subject of its cue.

Reporting clauses before and after the quote, inverted (`said X`), participles (`, saying`),
coordination, appositives, relative clauses, colon frames and `according to`. A mixin of the
extractor (`briefing.quotes`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from briefing.extract.cues import ACCORDING_TO
from briefing.extract.mentions import is_plausible_speaker
from briefing.extract.patterns import (
    ACTING_SUBJECT,
    ADVERB_END,
    AFTER_ANY_INVERTED,
    AFTER_ANY_NORMAL,
    AFTER_CLAUSE_START,
    AFTER_INVERTED,
    AFTER_REPORTING_END,
    AFTER_SHORT,
    ANY_VERB,
    AUXILIARY_BEFORE,
    COLON_NAME,
    COORDINATED_VP,
    COPULA_AFTER,
    DASH_BYLINE,
    DATELINE,
    FINITE,
    HERE_FRAME,
    INTRO,
    INVERTED_HOST,
    JOINED_CLAUSE_SUBJECT,
    LATER_CLAUSE,
    LATER_ROLE_CLAUSE,
    LEADING_PREPOSITION,
    MODAL_AFTER,
    NAME_VERB_COLON,
    NEW_CLAUSE_AFTER,
    NOT_NAMES,
    NOT_SPEAKER_WORDS,
    NOUN_AFTER_THAT,
    NOUN_BEFORE,
    NOUN_CUE_BEFORE,
    PARTICIPLE_HOST,
    PRONOUN_WORDS,
    QUOTED_AS_SAYING,
    QUOTED_SPAN,
    QUOTED_TITLE,
    RELATIVE,
    RELATIVE_ASIDE,
    REPORTED_PRONOUN,
    REPORTING_ASIDE,
    ROLE_NP,
    SAID_NAME_BEFORE,
    SENTENCE_END,
    SPEAKS_OF,
    SUBJECT_ADJUNCT,
    SUBORDINATE,
    SUBORDINATOR,
    TRAILING_CLAUSE,
    TRAILING_REPORT,
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
            mention = self.speaking_subject(lead) or self.acting_subject(lead) or self.sentence_person(lead)
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
                    and not self.person_part(chunk) and self.is_person_mention(self.trim_name(second))):
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
        if byline and self.is_person_mention(self.trim_name(byline.group("name"))):
            return self.trim_name(byline.group("name"))
        return None
