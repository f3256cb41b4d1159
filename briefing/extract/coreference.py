"""Stage 6, coreference within the article: pronouns, roles and bare surnames to the person meant.

Candidate antecedents are the subjects of reporting and of sentences (`events`); a quote with no
clause continues its speaker. A mixin of the extractor (`briefing.quotes`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from briefing.extract.mentions import SENTENCE_STARTERS
from briefing.extract.patterns import (
    ADVERB_END,
    AFTER_NAMED,
    ANY_VERB,
    APPOSITIVE,
    FEMALE_NAMES,
    FEMALE_TITLES,
    FILLER_WORDS,
    INTRO_CLAUSE,
    INVERTED_NAME,
    MALE_NAMES,
    MALE_TITLES,
    MAX_ANTECEDENT_DISTANCE,
    MAX_ANTECEDENTS,
    MENTION,
    NOT_NAMES,
    ORG_WORDS,
    PASSIVE,
    PERSON_ROLES,
    PRONOUN_WORDS,
    ROLE_BEFORE_NAME,
    ROLE_NP,
    SUBJECT_PREFERENCE,
    SUBORDINATE,
    TITLE_GENDER,
    TITLE_WORDS,
    Event,
    verb_spans,
)
from briefing.extract.sentences import SENTENCE_BREAK as _SENTENCE_BREAK

# After these, a name with a relative clause is an object (`owed to Smith, whose genius`), not the
# person a paragraph turns to (`None more so than Henson, who can now expect`).
OBJECT_PREPOSITIONS = {"to", "of", "for", "with", "by", "at", "on", "in", "about", "against"}


class Coreference:
    """Stage 6, coreference within the article: pronouns, roles and bare surnames to the person meant."""

    def describe(self, mention: str) -> tuple[str, str | None]:
        lower = mention.lower()
        first = lower.split()[0] if lower.split() else ""
        if first in {"the", "a", "an", "its", "their"}:
            if "spokesperson" in lower or not PERSON_ROLES.search(lower):
                return "org", None
            gender = "m" if "spokesman" in lower else "f" if "spokeswoman" in lower else None
            return "person", gender
        if ORG_WORDS.search(mention) and not re.search(r"\b(?:Mr|Mrs|Ms|Sir|Dr|Lord|Lady)\b", mention):
            return "org", None
        return "person", self.gender_of(mention)

    def gender_of(self, mention: str) -> str | None:
        if mention not in self._gender_cache:
            self._gender_cache[mention] = self._gender_of(mention)
        return self._gender_cache[mention]

    def _gender_of(self, mention: str) -> str | None:
        if self._genders is None:
            genders: dict[str, str] = {}
            for match in TITLE_GENDER.finditer(self.body):
                g = "f" if match.group(1).lower() in FEMALE_TITLES else "m"
                name = match.group(2)
                if genders.get(name, g) != g:
                    genders[name] = "?"
                else:
                    genders[name] = g
            self._genders = genders
        words = mention.replace("’s", "").split()
        if words and words[0].lower().rstrip(".") in MALE_TITLES:
            return "m"
        if words and words[0].lower().rstrip(".") in FEMALE_TITLES:
            return "f"
        for w in reversed(words):
            g = self._genders.get(w)
            if g in {"m", "f"}:
                return g
        if len(words) >= 2:
            if words[0] in FEMALE_NAMES:
                return "f"
            if words[0] in MALE_NAMES:
                return "m"
        return None

    def events(self) -> list[Event]:
        """Speech events and person mentions, by position: the antecedents for pronouns."""
        if self._events is not None:
            return self._events
        body = self.body
        opens = [o for o, _ in self.quote_spans]
        spans = self.quote_spans

        def inside(pos: int) -> bool:
            i = bisect_right(opens, pos) - 1
            return i >= 0 and spans[i][0] < pos < spans[i][1]

        events: list[Event] = []
        for vs, ve in verb_spans(body):
            if inside(vs):
                continue
            window = body[max(0, vs - 200):vs]
            cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("”"), window.rfind('"'),
                      window.rfind("“"), window.rfind("? "), window.rfind("! "))
            clause = window[cut + 1:] if cut >= 0 else window
            if not clause.strip() or clause.rstrip().endswith(","):
                inv = INVERTED_NAME.match(body, ve)
                name = self.trim_name(inv.group("name")) if inv else ""
                if name and self.is_person_mention(name):
                    events.append(Event(vs, name, "person", self.gender_of(name)))
                    continue
                if clause.strip() in ("", ","):
                    continue
            if PASSIVE.search(clause) or SUBORDINATE.match(clause):
                continue  # a subordinate clause's subject (`… and that the company welcomed`) is not salient
            clause = ADVERB_END.sub("", " " + clause.rstrip())[1:]
            mention = self.subject(clause)
            if mention is None:
                continue
            events.append(Event(vs, mention, *self.describe(mention)))
        runs = self.name_runs()
        surnames = self.person_surnames()
        for at, end, name, person in runs:
            words = name.split()
            if not (person or (len(words) == 1 and words[0] in surnames)):
                continue
            if words[0] in NOT_NAMES and words[0] not in TITLE_WORDS:
                continue
            if inside(at) or name.endswith(("'s", "’s")) or body.startswith(("'s", "’s"), end):
                continue  # "Mr Snow's statement": a possessive is not who acts or speaks
            head = body[max(0, at - 30):at]
            prev = head.split()[-1] if head.split() else ""
            starts = not head.strip() or head.rstrip()[-1:] in ".,:;!?\n" or prev in FILLER_WORDS
            # "(came from) Brian Gammage, vice-president of …"; not "… owed to Smith, whose genius": an object
            introduced = bool(APPOSITIVE.match(body, end)) and not (
                prev.lower() in OBJECT_PREPOSITIONS and re.match(r",\s+(?:whose|who|which)\b", body[end:end + 12]))
            if not (starts or introduced or ROLE_BEFORE_NAME.fullmatch(prev.lower())):
                continue
            if not (starts or introduced):  # "… pressured ex-chief financial officer Scott Sullivan"
                before_role = head[:head.rstrip().rfind(prev)].rstrip()
                starts = not before_role or before_role[-1:] in ".,:;!?\n" or before_role.split()[-1][:1].isupper()
            events.append(Event(at, name, "person", self.gender_of(name), starts or introduced))
        events.sort(key=lambda e: e.pos)
        resolved: list[Event] = []
        for ev in events:
            if ev.mention in PRONOUN_WORDS:
                target = self.pick(resolved, ev.mention, ev.pos)
                if target is None:
                    continue
                ev = Event(ev.pos, target.mention, target.kind, target.gender)
            elif ROLE_NP.match(ev.mention):
                starts = [m.end() for m in _SENTENCE_BREAK.finditer(body, max(0, ev.pos - 300), ev.pos)]
                name = self.role_antecedent(ev.mention, starts[-1] if starts else max(0, ev.pos - 300),
                                            resolved)
                if name != ev.mention:
                    ev = Event(ev.pos, name, "person", self.gender_of(name))
            resolved.append(ev)
        self._events = resolved
        self._event_pos = [e.pos for e in resolved]
        return resolved

    def name_runs(self) -> list[tuple[int, int, str, bool]]:
        """(start, end, name, person-like) for every capitalised run, titles trimmed."""
        if self._runs is None:
            runs = []
            for run in MENTION.finditer(self.body):
                raw = run.group("name")
                name = self.trim_name(raw) if " " in raw else raw
                if not name:
                    continue
                at = run.start() + raw.rfind(name)
                runs.append((at, run.end(), name, " " in name and self.is_person_mention(name)))
            self._runs = runs
        return self._runs

    def person_surnames(self) -> set[str]:
        """Last names of the people this article names in full or with a title."""
        out = {m.group(2) for m in TITLE_GENDER.finditer(self.body)}
        out.update(name.rsplit(" ", 1)[-1] for _, _, name, person in self.name_runs() if person)
        return out

    def add_event(self, event: Event) -> None:
        events = self.events()
        idx = bisect_right(self._event_pos, event.pos)
        events.insert(idx, event)
        self._event_pos.insert(idx, event.pos)

    @staticmethod
    def pick(events: list[Event], pronoun: str, pos: int, upto: int | None = None) -> Event | None:
        """The nearest earlier event a pronoun can refer to (only `events[:upto]` are looked at)."""
        want = {"he": "m", "she": "f"}.get(pronoun)
        top = len(events) if upto is None else upto
        nearest: Event | None = None  # the nearest that fits; a subject just before it is preferred
        for i in range(top, max(0, top - MAX_ANTECEDENTS), -1):
            ev = events[i - 1]
            if ev.pos >= pos:
                continue
            if pos - ev.pos > MAX_ANTECEDENT_DISTANCE or (nearest and nearest.pos - ev.pos > SUBJECT_PREFERENCE):
                return nearest
            if pronoun in {"he", "she"}:
                if ev.kind != "person" or ev.gender not in (None, "?", want):
                    continue
            elif ev.kind != "org":
                continue
            if ev.subject:
                return ev
            nearest = nearest or ev
        return nearest

    def resolve(self, mention: str, pos: int, sentence_start: int | None = None) -> str | None:
        """A pronoun's antecedent; people named in the quote's own sentence are what it is
        about, not who says it (`Mr Blair has "passion", he said` is not Mr Blair speaking)."""
        if mention not in PRONOUN_WORDS:
            return mention
        if sentence_start is not None and mention in {"he", "she"}:
            named = self.intro_clause_person(mention, sentence_start, pos)
            if named:
                return named
        events = self.events()
        limit = pos if sentence_start is None else min(pos, sentence_start)
        idx = bisect_right(self._event_pos, limit - 1)
        target = self.pick(events, mention, pos, idx)
        return target.mention if target else None

    def intro_clause_person(self, pronoun: str, sentence_start: int, pos: int) -> str | None:
        """`When Sanders accused Clinton of …, she said`: a pronoun subject right after an
        introductory clause refers to the one person named there whose gender is known and fits;
        None when none or several fit (the ordinary antecedent search decides then)."""
        intro = INTRO_CLAUSE.match(self.body, sentence_start, pos)
        if intro is None or intro.group("p").lower() != pronoun:
            return None
        want = {"he": "m", "she": "f"}[pronoun]
        fits = {name for at, _end, name, _person in self.name_runs()
                if sentence_start <= at < intro.start("p") and name.split()[0] not in NOT_NAMES
                and (self.gender_of(name) or self.surname_gender(name)) == want}
        return fits.pop() if len(fits) == 1 else None

    def surname_gender(self, name: str) -> str | None:
        """A bare surname's gender from the full names the article gives it, when they agree."""
        if " " in name or not name[:1].isupper():
            return None
        found = {"f" if first in FEMALE_NAMES else "m" if first in MALE_NAMES else None
                 for first in self.words_before_surname(name)}
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def words_before_surname(self, surname: str) -> tuple[str, ...]:
        """The capitalised words the article writes right before a surname (a middle initial
        skipped, a title's full stop dropped): `Hillary`, `Mr`. Read once per surname."""
        found = self._before_surname.get(surname)
        if found is None:
            pattern = rf"\b([A-Z][a-z]+)\.?\s+(?:[A-Z]\.\s+)?{re.escape(surname)}\b"
            found = self._before_surname[surname] = tuple(re.findall(pattern, self.body))
        return found

    def inherit(self, open_at: int, before_full: str, before: str, prev_speaker: str | None,
                prev_end: int, after: str = "") -> str | None:
        """An unattributed quote continues the previous speaker, or the subject just before it.

        Not when a reporting clause we could not parse ends its sentence (`"..." Mr Kapor
        is reported as saying.`): someone is named there, maybe someone else.
        """
        verbs = list(ANY_VERB.finditer(after))
        if verbs and len(after[verbs[-1].end():].split()) <= 3 and (
            after.lstrip()[:1].islower() or AFTER_NAMED.match(after)
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


    def shared_surname(self, mention: str, pos: int) -> str:
        """`Cruz said` where the article names two Cruzes: the one meant, by title or gender
        (`Mrs Clinton`), else the one named most recently before the quote. Unchanged when only one
        person has that surname, or when nobody is named before the quote."""
        words = mention.split()
        title = words[0].rstrip(".") if len(words) == 2 and words[0].rstrip(".") in TITLE_WORDS else None
        if len(words) != 1 and title is None:
            return mention
        surname = words[-1]
        people = [(at, name) for at, _, name, person in self.name_runs()
                  if person and len(name.split()) >= 2 and name.split()[-1] == surname
                  and name.split()[0].rstrip(".") not in TITLE_WORDS and name.split()[0] not in SENTENCE_STARTERS]
        if len({name for _, name in people}) < 2:
            return mention
        gender = ("f" if title.lower() in FEMALE_TITLES else "m" if title.lower() in MALE_TITLES else None
                  ) if title else None
        if gender:
            people = [(at, name) for at, name in people if self.gender_of(name) in (gender, None)]
            if len({name for _, name in people}) == 1:
                self.surname_speakers.append((pos, people[0][1]))
                return people[0][1]
        names = {name for _, name in people}
        before = [(at, name) for at, name in people + self.surname_speakers if at < pos and name in names]
        return max(before)[1] if before else mention
