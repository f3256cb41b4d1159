"""The patterns the quote extractor shares between its stages: marks, reporting clauses, names.

Module-level and compiled once; the stages (`spans`, `attribution`, `coreference`) read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.extract.cues import VERB_ALTERNATION, VERB_FORMS
from briefing.extract.mentions import NAME_TOKEN, TITLES, clean_mention
from briefing.extract.sentences import ABBREVIATION_DOT, FULL_STOP

OPEN, CLOSE, AMBIGUOUS = 1, 2, 3
MAX_ANTECEDENTS = 40  # a pronoun looks back over at most this many mentions...
MAX_ANTECEDENT_DISTANCE = 3000  # ...and this many characters
SUBJECT_PREFERENCE = 250  # a sentence subject this close before a nearer object mention wins
MARKS = re.compile(r"[\"“”„«»]")
OPENERS = "“„«"
CLOSERS = "”»"
LEFT_BOUNDARY = "([{—–-/‘'"
RIGHT_BOUNDARY = ".,;:!?)]}—–-…’'"
SENTENCE_PUNCT = ".!?…"

# Reporting verbs: the clause that attributes a quote. Multi-word forms first.
_VERBS = VERB_ALTERNATION
VERB = rf"(?:{_VERBS})"
_ADVERBS = (
    r"(?:(?:has|have|had|would|will|also|later|then|previously|once|again|recently|simply|just|"
    r"quickly|further|earlier|repeatedly|publicly|privately|angrily|firmly|clearly|even|only|"
    r"has also|had also|last week|yesterday|today|on \w+day)\s+){0,3}"
)
ADVERB_END = re.compile(
    r"(?:\s+(?:has|have|had|would|will|also|later|then|previously|once|again|recently|simply|just|"
    r"quickly|further|earlier|repeatedly|publicly|privately|angrily|firmly|clearly|even|only|"
    r"however|not|never|already|still|too|has been|have been|had been|is|was|are|were|"
    r"could|can|may|might|should|must|did|does|do|could only|can only|"
    r"[a-z]{3,}ly|last week|yesterday|today|(?:later |earlier |early |late )?(?:on |this |last )?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: night| morning| afternoon| evening)?|"
    r"on \w+day))+\s*$"
)
_BEFORE_TAIL = re.compile(r"(?:\s+[\w'’\-]+){0,6}?\s*(?:,?\s*(?:that|:|,))?\s*")
# `said that once the Senate goes on recess, “…”`: a subordinate clause between the cue and the quote.
_BEFORE_SUBORDINATE = re.compile(
    r"\s+that\s+(?:once|when|if|while|because|after|before|as|since|although|unless|until)\b[^\"“”:;]{0,100},\s*")
_NAME_TOKEN = NAME_TOKEN
_NAME_LINK = r"(?:(?:of|for|and|de|da|van|von|der|den|di|du|le|la|bin|al|el|the)\s+)*"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_LINK}{_NAME_TOKEN})*"
NAME_RUN = re.compile(_NAME)
TRAILING_NAME = re.compile(rf"(?:^|(?<=\s))(?P<name>{_NAME})\s*$")
PRONOUN = re.compile(r"(?:^|\s)(?P<p>he|she|they|it|He|She|They|It)\s*$")
PRONOUN_WORDS = {"he", "she", "they", "it"}
DETERMINER = re.compile(
    r"(?:^|\s)(?P<np>(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Oo]ne|[Aa]nother|[Ss]ome|[Ss]everal|"
    r"(?:[A-Z][\w-]*\s)*[A-Z][\w-]*(?:['’]s|s['’]))\s.*)$"
)
LEADING_PREPOSITION = re.compile(
    r"^(?:To|For|When|Because|With|From|As|If|While|Though|Although|to|for|with|from)\s+(?=[A-Z])")
# Words that may follow `X’s` in a source (`Powell’s office`, `Trump’s lawyer`), not `Trump’s tweet`.
SPEAKING_HEAD = re.compile(
    r"\b(?:office|campaign|spokes(?:man|woman|person)|aide|aides|adviser|advisers|lawyer|lawyers|attorney|"
    r"attorneys|team|staff|manager|chief|director|press secretary|secretary|spokespeople|representative|"
    r"allies|ally|son|daughter|wife|husband|father|mother|brother|sister|man|woman|spokesman|"
    r"right-hand man|right-hand woman|friend|partner)\s*$"
)
NOT_SPEAKER_WORDS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                      "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December", "Today", "Yesterday", "Tomorrow"}
# `Bush: “…”`, `SMITH: “…”`: a name standing alone before a colon.
COLON_NAME = re.compile(rf"^(?:.*\s[-–—]\s+)?\s*(?P<name>{_NAME})\s*:$")  # also `HEADLINE - Jeffrey M. Jones:`
# `“…!” beamed Donald Hartley`: a verb outside the lexicon, inverted, with a person's name after it.
AFTER_ANY_INVERTED = re.compile(rf"^\s*,?\s*[a-z]+ed\s+(?P<name>{_NAME})(?=\s*[,.;(]|\s*$|\s+(?:of|from|at|in|who)\b)")
# `“…” ― Maria Lopez` (a dash byline, ending the paragraph).
DASH_BYLINE = re.compile(rf"^\s*[―—–-]+\s*(?P<name>{_NAME})\s*(?:,[^\"“”]{{0,80}})?[.]?\s*$")
LEADING_FILLER = re.compile(
    r"^(?:(?:but|and|however|meanwhile|yet|now|so|still|also|instead|separately|earlier|later|"
    r"today|yesterday|then|indeed|elsewhere|previously|recently|in addition|in response|as|while|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in \w+|last \w+|this \w+)"
    r"\s*,?\s+)+",
    re.I,
)
PREPOSITIONS = {"of", "for", "at", "from", "in", "on", "to", "with", "by", "the", "a", "an", "about",
                 "against", "over", "after", "before", "as", "under", "into", "than", "that"}
# Clause words that mean the text before the verb is not a plain subject.
NOT_SUBJECT = re.compile(
    r"\b(?:that|which|whether|if|when|while|because|although|who|whom|where|what|how|is|was|are|were|"
    r"be|been|being)\s*$",
    re.I,
)
TRAILING_TO = re.compile(  # "The spokesperson refused to say": the subject is before "refused"
    r"\s+(?:refused|declined|wanted|wants|failed|went|continued|was keen|is keen|had|has|have|appeared|"
    r"seemed|used|tried|sought|went on|got|chose|did not want|was quick|rushed|moved|began|started|"
    r"promised|vowed|is due|was due|is set|is expected|was expected|is likely|was able|is able)\s+to$"
)
PLURAL_SUBJECT = re.compile(r"\b(?:the|both|these|those)\s+(?:pair|two|leaders|men|women|both|three|four)\b|^both\b",
                             re.I)
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|we|We|we're|we’re|our|Our|my|My|me|us|you|You)\b")
INNER_DETERMINER = re.compile(
    r"\s(?!(?:of|for|at|in|on|to|with|from|by)\s)[\w'’\-]+\s(?:the|a|an|his|her|their|its)(?:\s|$)", re.I
)
INVERTED_NAME = re.compile(rf"\s+(?P<name>{_NAME})\s*[.,]")
MENTION = re.compile(rf"(?<![\w'’])(?P<name>{_NAME})")
PARTY = re.compile(r"\b(?:Lib|Dem|Dems|Democrat|Democrats|Labour|Tory|Tories|Conservative|Conservatives|"
                    r"Republican|Republicans|Liberal|Liberals|Green|Greens|Nationalist|Unionist)\b")
FILLER_WORDS = {"But", "And", "However", "Meanwhile", "Yet", "Now", "So", "Still", "Also", "Earlier",
                 "Later", "Then", "Instead", "Separately", "Elsewhere"}
NAME_LINKS = re.compile(r"\s(?:of|for|and|the)\s")
TITLE_WORDS = set(TITLES)
NOT_SURNAMES = {"No", "Yes", "Says", "Is", "Are", "Will", "Day", "Street", "Road", "Cup", "Prize", "Awards"}
ROLE_BEFORE_NAME = re.compile(
    r"(?:minister|president|secretary|chancellor|leader|chairman|chairwoman|chair|chief|executive|"
    r"director|spokesman|spokeswoman|spokesperson|boss|manager|coach|captain|champion|mp|mep|mayor|"
    r"governor|senator|judge|lawyer|commissioner|premier|candidate|campaigner|correspondent|peer|"
    r"colleague|aide|adviser|advisor|expert|analyst|economist|founder|editor|playwright|author|"
    r"striker|midfielder|defender|winger|goalkeeper|keeper|player|star|singer|actor|actress|"
    r"presenter|producer|professor|head|officer|member)"
)
# "Brian Gammage, vice-president of research at Gartner": a person introduced to be quoted.
APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?[a-z][\w-]*")
INVERTED_CUT = re.compile(
    r"\s(?:at|in|on|during|after|before|when|while|from|to|as|afterwards|later|yesterday|today|"
    r"last|this|earlier|who|which|whose|that)\b"
)
ROLE_NP = re.compile(
    r"^(?:[Tt]he|[Oo]ur)\s+(?:[\w'’-]+\s+){0,3}(?:boss|manager|coach|captain|striker|midfielder|defender|"
    r"winger|keeper|goalkeeper|player|star|champion|veteran|youngster|teenager|singer|actor|actress|"
    r"correspondent|\d+-year-old|[A-Z][a-z]+(?:an|ese|ish|ard|man|woman))$"
)
# The main clause of a sentence: an introductory phrase to skip, and its first finite verb.
INTRO = re.compile(
    r"^(?:(?:(?:(?:[Bb]ut|[Aa]nd|Yet|So)\s+)?(?:[Oo]n|[Ii]n|[Aa]t|[Dd]uring|[Aa]fter|[Bb]efore|[Ww]hen|[Ww]hile|[Aa]s|Asked|Speaking|Addressing|"
    r"Earlier|Later|Last|This|From|Since|Following|Despite|Unlike|With|Under|Over|Through|For|Back|Of|Though|"
    r"Although|Because|If|Like|Amid|Among|Besides|Beyond|Upon|Without|Within|Alongside|Against|Across|"
    r"Throughout|Given|Ahead|Around|Toward|Towards|[A-Z][a-z]{3,}ing)\b[^,\"“”]{0,200}|"
    r"(?:[Bb]ut|[Aa]nd|Yet|Now|So|Still|Then|Also|Again|Meanwhile|However|Instead|Separately|Elsewhere|Today|"
    r"First|Second|Finally|Indeed|Similarly|Likewise|Nevertheless|Moreover|"
    r"Yesterday)|(?:which|who|where)\b[^,\"“”]{0,120})\s*,\s+)+"
)
# `Said Comey, “…”`: the verb first, the name after it, before the quote.
SAID_NAME_BEFORE = re.compile(
    rf"^\s*(?:Said|Says|Added|Asked|Wrote|Tweeted|Replied|Responded)\s+(?P<name>{_NAME}),?\s*$"
)
# `during a town hall meeting`, `speaking in Ohio`: an adjunct set off after a subject, no appositive.
ADJUNCT_PART = re.compile(r"(?:during|at|in|on|after|before|while|speaking|writing|appearing|like|unlike)\s")
# Right after a subject: a copula or a passive (`Kelly was “incognito”`, `Rubio was asked by`).
COPULA_AFTER = re.compile(
    r"\W*(?:\([^)]*\)\s*)?(?:,[^,]*,\s*)?(?:[a-z]+ly\s+)?(?:is|was|are|were|has\s+been|had\s+been|have\s+been|"
    r"will\s+be|would\s+be|be|seems|seemed|remains|remained|looks|looked)\b")
# `Clinton’s response was:`, `Barrett’s dictum to his interns was,`: a cue noun owned by the speaker.
NOUN_CUE_BEFORE = re.compile(
    rf"(?:^|[.;]\s+|,\s+)(?P<name>{_NAME})[’']s?\s+(?:[a-z]+\s+)?(?:response|reply|answer|message|statement|"
    rf"words|verdict|reaction|retort|comment|dictum|advice|warning|tweet|post|motto|mantra|slogan)"
    rf"(?:\s+[^,:;\"“”]{{0,40}})?\s+(?:was|is|read|reads|went)\s*[:,]?\s*$")
# `In other words, explained CBS moderator Nancy Cordes:`: an inverted clause opening the quote.
VERB_FIRST_BEFORE = re.compile(rf"^(?:{VERB})\s+(?P<subj>[^,:;\"“”]{{2,80}}?)\s*[,:]?\s*$")
QUOTED_AS_SAYING = re.compile(rf"^\s*,?\s*(?P<name>{_NAME})\s+(?:is|was|has been)\s+quoted\s+as\s+(?:saying|telling)")
# `“…” Hannity pressed.`: a name and a verb outside the lexicon, ending the sentence; also
# `“…,” Trump barked and a guard escorted Ramos out`, `an angry Hollande retaliated`.
AFTER_ANY_NORMAL = re.compile(
    rf"^\s*,?\s*(?:(?:an?|the)\s+[a-z]+\s+)?(?P<name>{_NAME})\s+(?:[a-z]+ly\s+)?[a-z]{{3,}}ed(?:\s*[.,]?\s*$|\s+(?:and|as|while|before)\s)")
# `…, to which O'Malley interjected:`: the name right before a verb that ends at the colon.
NAME_VERB_COLON = re.compile(
    rf"(?P<name>(?:the\s+)?{_NAME})(?:\s+[a-z]+ly)?\s+[a-z]{{3,}}(?:ed|s)\b[^,;:\"“”]{{0,40}}:$"
)
FINITE = re.compile(
    rf"(?<![\w'’-])(?:{VERB_ALTERNATION}|(?:did|does|do|was|is|were|are|has|have|had|wo|ca|could|would|should)n[’']t|"
    r"is|was|are|were|has|had|have|will|would|could|can|may|might|should|"
    r"must|did|does|do|took|takes|made|makes|went|goes|gave|gives|got|gets|became|becomes|kept|keeps|left|"
    r"met|ran|runs|saw|sees|came|comes|held|holds|won|wins|lost|sent|brought|began|begins|stood|set|put|"
    r"let|hit|cut|threw|throws|sat|drew|drove|fought|felt|led|meant|paid|rose|shook|sought|struck|swore|"
    r"taught|understood|wore|broke|chose|knew|grew|flew|bought|caught|fell|fled|built|spent|lent|"
    r"[a-z]{3,}ed|[a-z]{3,}(?:izes|ises))(?![\w'’-])"
)
# `Jane Doe, the attorney general, who has fought the rule, [said]`: the clause ending a subject.
RELATIVE_TAIL = re.compile(r",\s+(?:who|which|whose|whom)\b[^\"“”]*$")
RELATIVE = re.compile(r",\s+(?:who|which|whose|whom|where)\b")
RESTRICTIVE_RELATIVE = re.compile(r"(?<=\w)\s+(?:who|whom|whose)\s[^,\"“”]*$")
_COORDINATED = re.compile(
    r"(?:^|,\s*|\s)(?:and|but|then|before|after|while)(?:\s+(?:now|then|also|later|still|again|[a-z]+ly))?\s*$"
    r"|(?:^|\s)by\s*$")
NESTED_TAIL = re.compile(r"\s+[a-z]")
_NAME_STARTS = {"Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady", "Dame", "Prof"}
AFTER_NAMED = re.compile(r"\s*(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame|[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)\b")
PASSIVE = re.compile(r"\b(?:is|was|are|were|be|been|being|it)\s+$", re.I)

AFTER_INVERTED = re.compile(  # `"...," said Mr Thomas`, `"...," underlined Mr Saldarriaga`
    rf"^[\s,;:—–-]*(?:{_ADVERBS})(?P<verb>{_VERBS}|laughed|smiled|sighed)\s+(?P<subj>(?:[^.!?;:\"“”]|{ABBREVIATION_DOT}){{1,160}})"
)
TRAILING_CLAUSE = re.compile(
    rf",\s*(?:(?P<subj>[^,.!?\"“”]{{1,80}}?)\s+{_ADVERBS}(?:{VERB})|(?P<inv>said|added|says)\s+"
    rf"(?P<isubj>[^,.!?\"“”]{{1,60}}))\s*[.]?\s*$"
)
# `…, Spicer said, [adding]`: a reporting aside right before a participle.
REPORTING_ASIDE = re.compile(
    rf",[\"”’]?\s*(?P<subj>{_NAME}|he|she|they)\s+{_ADVERBS}(?:said|says|told|added|wrote)\s*,\s*$")
# A sentence that opens with a name and an active verb of any kind: `Clinton talked up`,
# `Sanders has consistently pushed`, `Trump last week invited`, `is disavowing`, `did post` (not
# `is`, `was hailed`, `would be`).
ACTING_SUBJECT = re.compile(
    rf"(?:[\w'’.-]+\s+){{0,4}}?(?P<name>{_NAME})(?:\s*\([^)]{{1,30}}\))?\s+(?:(?:last|this)\s+(?:week|month|year)\s+)?"
    rf"{_ADVERBS}(?:[a-z]+ly\s+)?"
    rf"(?:(?:is|was|are|were)\s+(?:not\s+)?(?:[a-z]+ly\s+)?[a-z]{{3,}}ing|"  # `is disavowing`
    rf"(?:did|does|would|will|could|should|can|may|might)\s+(?:not\s+)?(?:[a-z]+ly\s+)?"  # `did post`
    rf"(?!(?:be|been|have|seem|remain|become)\b)[a-z]{{3,}}|"
    rf"(?!(?:is|was|are|were|has|had|have|be|been|being|becomes|became|remains|remained|seems|seemed)\b)"
    rf"[a-z]{{3,}}(?:ed|s))\b(?!\s+(?:by|as)\b)"
)
# `Benjamin said he [believes]`, `told reporters she [thought]`: a pronoun right after a reporting verb.
REPORTED_PRONOUN = re.compile(
    rf"\b(?:{VERB})(?:\s+(?!(?:what|which|who|whom|whose|on|in|at|of|for|with|about)\b)[\w’']+){{0,2}}\s+(?:he|she)\s*$")
# `that states can pass`: a plural noun after `that` with a modal after it is no verb.
NOUN_AFTER_THAT = re.compile(r"\bthat\s+$")
MODAL_AFTER = re.compile(r"\s+(?:can|could|will|would|should|must|may|might|are|were|have|had|do|did)\b")
QUOTED_SPAN = re.compile(r"[\"“][^\"“”]{0,400}[\"”],?")
# A short capitalised title in marks (`"Going Viral,"`, `“The Apprentice”`) inside a subject.
QUOTED_TITLE = re.compile(r"[\"“][A-Z][^\"“”]{0,40}?[,.]?[\"”],?(?=\s+(?:about|who|which|and|,|$)|,)")
# `WASHINGTON ― `, `LA CROSSE, Wisc. — `, `PHILADELPHIA, July 25 (UPI) — `: a dateline, no subject.
DATELINE = re.compile(r"^\s*[A-Z][A-Z.'\s]{2,30}(?:,[^―—–]{1,30})?\s*(?:\([A-Za-z]+\)\s*)?(?:[―—–]|--)\s*")
# Right after a partial quote: `Mr. Ryan said.`, `he said`, `said Jon Doggett`, `as Cruz said`.
AFTER_CLAUSE_START = re.compile(
    rf"^\s*,?\s*(?:as\s+)?(?:(?:{_NAME}|he|she|they)\s+{_ADVERBS}(?:{_VERBS})\b|(?:{_VERBS})\s+(?:[A-Z]|an?\s|the\s))"
)
# Later in the sentence after a partial quote, set off by a comma: `, Hollande said Tuesday`.
LATER_CLAUSE = re.compile(
    rf",\s*(?:as\s+)?(?:(?P<subj>{_NAME}|he|she|they)\s+{_ADVERBS}(?:said|says|added|wrote|told|tweeted)\b|"
    rf"(?:said|says|added|wrote)\s+(?P<isubj>{_NAME}))"
)
# After a closed quote, a whole reporting clause: `US Senator Jeff Sessions said as he launched…`,
# `nuclear experts David Albright and … wrote.`: a name, a cue, then nothing that could be reported
# (end, `as`/`when`/`in`/`on`/`at`… adjuncts, a time word), never `said the vote was rigged`.
_REPORT_END = (
    r"(?:\s*[.]?\s*$|\s+(?:as|when|while|after|before|during|in|on|at|from|to\s+(?:reporters|CNN|the)|"
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today|"
    r"last\s+\w+|this\s+\w+|matter-of-factly|recently|later|earlier)\b)"
)
AFTER_REPORTING_END = re.compile(rf"^\s*(?:[\w'’.\-]+\s+){{0,12}}?{_ADVERBS}(?:{VERB}){_REPORT_END}")
# LATER_CLAUSE with a role before the name: `, Justice Department senior trial counsel Caroline Wolverton wrote`.
LATER_ROLE_CLAUSE = re.compile(
    rf",\s*(?P<subj>(?:[\w.’'\-]+\s+){{1,6}}?{_NAME})\s+{_ADVERBS}(?:said|says|added|wrote|told)(?:\s*,\s*$|{_REPORT_END})"
)
# The rest of a sentence after a quote that ends a clause (`“burn bag,” the Times reported.`,
# `“…,” Anne Richards, assistant secretary of state, said on the same call.`): a subject, appositives
# allowed, then a cue with nothing reported after it.
TRAILING_REPORT = re.compile(
    rf"^\s*,?\s*(?P<subj>(?:[A-Z]|(?:the|a|an|one|another|some|his|her|its|their)\s)(?:(?!\b(?:that|which|but)\b)[^\"“”;:!?]){{0,200}}?)"
    rf"\s+{_ADVERBS}(?:{VERB}){_REPORT_END}"
)
# A sentence whose verb reports speech, outside the narrow lexicon of clause verbs too: the sentence's
# subject speaks the partial quote in it (`called X “…”`, `described as`, `boasted of`).
SPEAKS_OF = re.compile(
    rf"\b(?:{VERB}|called|calling|described|describing|dubbed|branded|labeled|labelled|termed|touted|"
    rf"boasted|bragged|vowed|pledged|promised|urged|insisted|argued|declared|denounced|decried|"
    rf"lamented|derided|ridiculed|mocked|praised|hailed|blasted|slammed|cited|citing)\b"
)
# A speaking-verb form that is a noun here: `Trump’s remarks`, `the claims`, `his comments`.
NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|his|her|their|its|our|my|your|these|those|this)|\w['’]s)\s+$", re.I)
# What stands before the subject of an `-ing` clause: `– Ryan saying`, `, with Donald Trump tweeting`.
PARTICIPLE_HOST = re.compile(r",\s+|\s[-–—]\s+|\b(?:with|and|but|as)\s+|^")
# `” said Vice President Joe Biden, urging …`: the inverted reporting clause a participle hangs on.
INVERTED_HOST = re.compile(r"[”\"]\s*,?\s*(?:said|says|added|wrote|told)\s+(?P<name>[^,\"“”]{2,80})$")
# `, which is chosen by the party,`: a relative clause set off by commas.
RELATIVE_ASIDE = re.compile(r",\s+(?:who|which|whose|whom)\b[^,\"“”]*,")
# `… when Cruz knocked Rubio on trade and [called]`: the subject of the clause a coordinated verb joins.
JOINED_CLAUSE_SUBJECT = re.compile(
    rf"(?:^|(?:\b(?:when|as|after|while|because|since|that|where)|,)\s+)(?P<name>{_NAME})\s+(?:[a-z]+ly\s+)?"
    rf"[a-z]{{3,}}(?:ed|s)\b[^,;:\"“”]*\sand\s+(?:(?:then|also|later|again)\s+)?$"
)
# `“one of commitment”, but he also warned …`: a new clause after a partial quote, not its reporting clause.
NEW_CLAUSE_AFTER = re.compile(r"\s*,?\s*(?:but|and|yet|while|although|though|so|whereas)\s")
# `said one well-connected Democrat familiar with …`: a long description after an inverted cue, cut
# before what qualifies it.
INVERTED_DESCRIPTION = re.compile(
    r"(?P<np>(?:one|a|an|another|the)\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s+"
    r"(?:familiar|close|with|of|for|at|in|on|from|to|who|whose|involved|briefed)\b")
# `… with Donald Trump [tweeting]`: the subject of an absolute participle.
WITH_SUBJECT = re.compile(rf"\bwith\s+(?P<name>{_NAME})\s+(?:[a-z]+ly\s+)?$")
# `… asked for a photo and Clinton [said]`: a second clause with a subject of its own.
CLAUSE_JOIN = re.compile(r"(?:,\s*|\s)(?:and|but|while|so)\s+(?=[A-Z])")
# `… and has boasted of` right before a speaking verb: a second verb of the same subject.
COORDINATED_VP = re.compile(r"\sand\s+(?:(?:has|had|have|also|then|later|again|repeatedly)\s+)*$")
# Where the sentence after a quote ends: a stop and a space, or a paragraph break.
SENTENCE_END = re.compile(r"(?<=[.!?])\s|\n")
# `what Gilbert called “…”`, `what Zimmerman described as a “…”`
WHAT_X_CALLED = re.compile(
    rf"\b(?:what|which|whom)\s+(?P<name>{_NAME})\s+(?:has\s+|had\s+)?"
    rf"(?:calls|called|describes|described|terms|termed|dubbed)\b")
# What may stand between a subject and its verb: `Trump in his announcement speech [called]`,
# `Sanders himself [acknowledged]`, `Trump last week [invited]`.
SUBJECT_ADJUNCT = re.compile(
    r"\s+(?:(?:in|at|on|during|at|from|via|over)\s+(?:his|her|their|its|a|an|the)\b|himself|herself|"
    r"themselves|itself|last\s+(?:week|month|year|night)|this\s+(?:week|month|year))[^,]*$")
# `Here’s Clinton in December 1992: “…”`, `Here is Sen. Ann Smith on the bill:`: the frame names the speaker.
HERE_FRAME = re.compile(rf"^(?:Here[’']s|Here is|Listen to)\s+(?P<name>{_NAME})(?:\s[^:\"“”]{{0,80}})?:$")
# `When Sanders accused Clinton of …, she said`: an introductory clause, then a pronoun subject.
INTRO_CLAUSE = re.compile(
    r"\s*(?:But\s+|And\s+)?(?:When|After|As|While|Before|Although|Though|Because|If|Since|Once|Until|Asked)\b"
    r"[^,;:.\"“”]{3,200},\s+(?P<p>he|she)\s")
SUBORDINATOR = re.compile(r"\b(?:when|as|after|because|while|since|although|though|before|where|if)\s+(?=[A-Z])")
# The only finite verbs allowed before the speaking verb: its own auxiliaries (`Trump has boasted`).
AUXILIARY_BEFORE = re.compile(
    r"^(?:has|had|have|is|was|are|were|will|would|did|does|do|also|then|later|again|repeatedly|\s)+$")
AFTER_SHORT = re.compile(rf"\s*(?:[A-Z][\w'’\-]+\s+){{1,3}}{VERB}\b")
ANY_VERB = re.compile(rf"\b{VERB}\b")
# A verb inside what should be a noun phrase (`The TV host said he understood how people`): a clause.
CLAUSE_INSIDE = re.compile(rf"\b(?:{VERB}|is|was|are|were|has|had|have|will|would|could|can)\b")
_ABBREVIATION_DOT = re.compile(ABBREVIATION_DOT)
SUBORDINATE = re.compile(r"^.*\b(?:when|that|because|although|though|whether|after|before|since|as)\s+(?=\S)", re.S)
SENTENCE_END_MARK = re.compile(r"[.!?…](?=\s|$)")
SENTENCE_END_IN_AFTER = re.compile(rf"(?:{FULL_STOP}|[!?…])(?:\s|$)|\n")

# Words that mark a partial quote as somebody's speech (not a scare quote or a title).

MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "mister", "spokesman"}
FEMALE_TITLES = {"mrs", "ms", "miss", "dame", "lady", "baroness", "queen", "princess", "spokeswoman"}
# Common given names, so "he said" does not land on Yvette Cooper when no title says who is who.
FEMALE_NAMES = frozenset("""
Anne Ann Anna Angela Alison Amanda Amy Andrea Barbara Carol Caroline Catherine Charlotte Christine
Claire Clare Diane Dianne Elizabeth Emily Emma Fiona Gillian Hazel Helen Hillary Harriet Jacqui Jane
Janet Jennifer Jessica Joan Julia Julie Karen Kate Katherine Kathryn Kelly Kim Laura Linda Lisa Liz
Louise Lucy Margaret Maria Marie Mary Melanie Michelle Nicola Nicole Patricia Paula Penny Rachel
Rebecca Ruth Sally Sandra Sarah Sharon Sophie Stephanie Susan Suzanne Tessa Theresa Tracey Valerie
Victoria Yvette Zoe Angela Ursula Christine Giorgia Kemi Priti Liz Harriet Mhairi Nadine Natalie
""".split())
MALE_NAMES = frozenset("""
Adam Alan Alastair Alex Alexander Andrew Andy Anthony Tony Ben Bill Bob Boris Brian Charles Chris
Christopher Colin Daniel Dave David Dominic Ed Edward Emmanuel Frank Gary Geoff George Gordon Graham
Greg Harry Ian Jack James Jeremy Jim John Jonathan Joe Keir Keith Ken Kevin Liam Mark Martin Matt
Matthew Michael Mike Nick Nigel Oliver Patrick Paul Peter Philip Richard Rishi Rob Robert Robin Roger
Sadiq Sam Simon Stephen Steve Steven Stuart Thomas Tim Tom Vince William Wes Friedrich Olaf Vladimir
Donald Joe Barack Jacques Nicolas Silvio Gerhard Jose Carlos Rafael Arsene Alex Wayne Thierry Kim
""".split()) - FEMALE_NAMES
TITLE_GENDER = re.compile(r"\b(Mr|Sir|Lord|Mrs|Ms|Miss|Dame|Lady|Baroness)\.?\s+([A-Z][\w'’\-]+)")
PERSON_ROLES = re.compile(
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
ORG_WORDS = re.compile(
    r"\b(?:street|office|ministry|department|party|council|commission|union|company|ltd|plc|inc|"
    r"group|association|government|parliament|police|court|inquiry|bank|commons|house|no 10|"
    r"agency|authority|board|committee|federation|institute|corporation|firm|bbc|itv|fifa|uefa|"
    r"league|club|service|executive|administration|campaign|organisation|organization|"
    r"foundation|society|trust|network|times|guardian|observer|telegraph|post|news|statement|"
    r"ruling|report|spokesperson|officials|sources|source|spokesmen|team|network|pa|reuters|"
    r"ap|afp|airline|industry|regulator|watchdog|studio|band|label|firm's|company's)\b",
    re.I,
)
NOT_NAMES = {
    "The", "A", "An", "But", "And", "However", "In", "On", "At", "It", "This", "That", "These",
    "Those", "He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Its", "Our", "My",
    "Asked", "Speaking", "Writing", "If", "When", "While", "After", "Before", "As", "Since", "So", "Once",
    "Yet", "Now", "Then", "Meanwhile", "Mr", "Mrs", "Ms", "Sir", "Dr", "Last", "Earlier", "Later",
    "There", "Here", "What", "Why", "How", "Who", "Both", "All", "Some", "Many", "Most", "Few",
}


_VERB_SET = frozenset(v for v in VERB_FORMS if " " not in v)
_VERB_PAIRS = {tuple(v.split()) for v in VERB_FORMS if " " in v}
_VERB_FIRSTS = frozenset(first for first, _ in _VERB_PAIRS)
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


def verb_spans(text: str) -> list[tuple[int, int]]:
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
class Clause:
    """A reporting clause: the text of its subject and where its verb starts."""

    subj: str
    verb_start: int


def clause_at(text: str, verb: re.Match[str]) -> Clause:
    subj = ADVERB_END.sub("", " " + text[:verb.start()])[1:] if text[:verb.start()].strip() else ""
    return Clause(subj, verb.start())


def before_clause(lead: str) -> Clause | None:
    """`Mr X told reporters:` / `he said,` ending right where the quote opens."""
    start = max(0, len(lead) - 90)
    verbs = list(ANY_VERB.finditer(lead, start))
    for verb in reversed(verbs):
        if verb.group().endswith(" on") and re.match(r"\s+\w", lead[verb.end():]):
            continue  # `the Senate goes on recess,`: not `he went on:`
        if _BEFORE_TAIL.fullmatch(lead, verb.end()) or _BEFORE_SUBORDINATE.fullmatch(lead, verb.end()):
            return clause_at(lead, verb)
    return None


def after_normal(after: str) -> Clause | None:
    """`, Sir Keir told reporters` / `, he said` right after the closing mark."""
    verb = ANY_VERB.search(after, 0, 200)
    if verb is None:
        return None
    head = _ABBREVIATION_DOT.sub("", clean_mention(after[:verb.start()]))
    if any(c in head for c in ".!?;:\"“”"):
        return None
    clause = clause_at(after, verb)
    subj = clause.subj.lstrip(" \t,;:—–-")
    return Clause(subj, verb.start()) if subj.strip() else None


def is_passive(text: str, verb_start: int) -> bool:
    """`was told`, `is said`: the subject is not the source. `is telling` is active."""
    if text[verb_start:verb_start + 30].split(" ", 1)[0].endswith("ing"):
        return False
    return bool(PASSIVE.search(text[:verb_start]))


def participle_or_coordinated(lead: str, clause: Clause) -> bool:
    """`…, saying`, `by saying`, `… and called him`: the verb's subject is the main clause's."""
    verb = lead[clause.verb_start:clause.verb_start + 20].split()
    before = lead[:clause.verb_start].rstrip()
    if verb and verb[0].rstrip(",:;").endswith("ing"):
        if not before or before.endswith((",", " by")):
            return True
        # `Clinton responded on Facebook writing`: a participle after a finite verb, not `is telling`
        words = before.split()
        if words and words[-1].lower() not in _PROGRESSIVE and FINITE.search(before):
            return True
    return bool(_COORDINATED.search(before))


_PROGRESSIVE = {"is", "was", "are", "were", "be", "been", "am", "being", "keeps", "kept", "started", "began",
                "he's", "she's", "they're", "he’s", "she’s", "they’re", "not", "also", "still", "now"}


@dataclass(slots=True)
class Event:
    """Somebody speaking or acting as a sentence subject: a candidate antecedent."""

    pos: int
    mention: str
    kind: str  # "person", "org", "neutral"
    gender: str | None
    subject: bool = True  # False for a name met as an object (`… pressured officer Scott Sullivan`)
