"""Stage 5, attribution: which words of a clause name its source.

The subject noun phrase before (or, inverted, after) a cue, through appositives, relative clauses,
ages, titles and party tags; and whether a name is a person's. A mixin of the extractor
(`briefing.quotes`), beside `attribution`, which finds the clause.
"""

from __future__ import annotations

import re

from briefing.extract.mentions import clean_mention
from briefing.extract.patterns import (
    ADJUNCT_PART,
    CLAUSE_INSIDE,
    CLAUSE_JOIN,
    DATELINE,
    DETERMINER,
    FEMALE_NAMES,
    FINITE,
    INNER_DETERMINER,
    INTRO,
    INVERTED_CUT,
    INVERTED_DESCRIPTION,
    LEADING_FILLER,
    MALE_NAMES,
    NAME_LINKS,
    NAME_RUN,
    NOT_NAMES,
    NOT_SUBJECT,
    NOT_SURNAMES,
    ORG_WORDS,
    PARTY,
    PERSON_ROLES,
    PLURAL_SUBJECT,
    PREPOSITIONS,
    PRONOUN,
    RELATIVE_TAIL,
    RESTRICTIVE_RELATIVE,
    ROLE_BEFORE_NAME,
    SPEAKING_HEAD,
    SUBORDINATE,
    TITLE_WORDS,
    TRAILING_NAME,
    TRAILING_TO,
)


class Subjects:
    """Which words of a clause name its source, and whether they name a person."""

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
            if tail and tail.start() > 0 and self.is_person_mention(self.trim_name(tail.group("name"))):
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
                    if not head or self.is_person_mention(name) or len(head.split()) <= 4:
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
        return self.is_person_mention(self.trim_name(run.group("name")))

    def names_person(self, text: str) -> bool:
        run = TRAILING_NAME.search(text.strip())
        return bool(run) and self.is_person_mention(self.trim_name(run.group("name")))

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
    def is_person_mention(name: str) -> bool:
        """A person's name as a sentence writes it, titles allowed (`Sen. Ann Hale`, `Mr Thomas`),
        never a place or title alone (`New York`, `Pennsylvania Gov.`); `names.is_person_name`
        judges a canonical name."""
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


    def named_person(self, name: str) -> bool:
        """A person this article names with a first name or a title somewhere: `Clinton` after
        `Hillary Clinton`, never `New York` or `Islamic State`."""
        words = name.split()
        if not words or ORG_WORDS.search(name) or words[0] in NOT_NAMES:
            return False
        if len(words) >= 2:
            return words[0] in MALE_NAMES or words[0] in FEMALE_NAMES or words[0].rstrip(".") in TITLE_WORDS
        return any(first in MALE_NAMES or first in FEMALE_NAMES or first in TITLE_WORDS
                   for first in self.words_before_surname(words[0]))
