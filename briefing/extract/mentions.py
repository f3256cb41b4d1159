"""What a mention of a speaker is made of, and what kind of speaker it names.

Names in news carry titles (`Sen.`, `Lt. Gen.`, `Mr`), middle initials (`Mary J. Blake`),
suffixes (`Jr.`) and party tags (`Sen. Ann Smith (D-Ore.)`); a speaker may also be an
organisation or outlet (`the Times`, `a Downing Street spokesman` speaks for one) or a role with no
name (`the Ohio senator`). These rules are shared by the extractor and the speaker resolver.
"""

from __future__ import annotations

import re

from briefing.models import SpeakerKind

# Titles written before a name, with or without a full stop (`Sen.`, `Mr`); the full stop is optional.
TITLES = frozenset(
    "Mr Mrs Ms Miss Dr Sir Lord Lady Dame Prof Baroness Sen Rep Gov Lt Gen Col Sgt Capt Adm Maj Cmdr "
    "Rev Pres Atty Amb Gens Sens Reps Del".split()
)
# Titles that are abbreviations and keep their full stop in US style.
_DOTTED = "Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Sen|Rep|Gov|Lt|Gen|Col|Sgt|Capt|Adm|Maj|Cmdr|Rev|Pres|Atty|Amb|Sens|Reps|Del"
# One word of a name: a dotted title, an initial (`J.`), a capitalised word, `No 10`.
NAME_TOKEN = rf"(?:(?:{_DOTTED})\.|(?:[A-Z]\.){{2,}}|[A-Z]\.(?=\s+[A-Z])|[A-Z][\w'’\-]*|No\.?\s\d+)"
# `(D-Ore.)`, `(R-N.H.)`, `(I-Vt.)`, `(D)`, `(R-Texas)`: dropped from a speaker's mention.
PARTY_TAG = re.compile(r"\s*\((?:[DRI]|Dem|Rep|Ind)(?:[-–,]\s?[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\)")
SUFFIX = re.compile(r",?\s+(?:Jr|Sr|II|III|IV)\.?(?=\s|$|,)")

_ROLE_HEAD = re.compile(
    r"\b(?:minister|president|secretary|chancellor|leader|chairman|chairwoman|chair|chief|executive|"
    r"director|spokes(?:man|woman|person)|boss|manager|coach|captain|mp|mayor|governor|senator|"
    r"congressman|congresswoman|lawmaker|official|officials|aide|aides|adviser|advisor|candidate|"
    r"nominee|judge|lawyer|attorney|commissioner|officer|analyst|economist|expert|source|sources|"
    r"representative|member|founder|editor|host|moderator|player|striker|star|singer|actor|actress|"
    r"prime minister|pm|general|ambassador|envoy|campaigner|activist|strategist|pollster|voter|voters|"
    r"resident|residents|supporter|supporters|critic|critics|man|woman|father|mother|wife|husband)\b",
    re.I,
)
_ORG_WORD = re.compile(
    r"\b(?:street|office|ministry|department|party|council|commission|union|company|ltd|plc|inc|"
    r"corp|group|association|government|parliament|police|court|bank|commons|agency|authority|board|"
    r"committee|federation|institute|corporation|firm|bbc|itv|cnn|nbc|abc|cbs|msnbc|fox|league|club|"
    r"service|administration|campaign|organisation|organization|foundation|society|trust|network|"
    r"times|guardian|observer|telegraph|post|news|journal|reuters|ap|afp|airline|regulator|watchdog|"
    r"studio|report|statement|poll|survey|study|letter|white house|pentagon|kremlin|no 10|"
    r"downing street|university|coalition|pac|fund|bureau|magazine|newspaper|website|tribune|"
    r"herald|gazette|politico|breitbart|huffington|buzzfeed|bloomberg|axios|associated press)\b",
    re.I,
)
# Capitalised at a sentence start, never a first name: dropped from the front of a run of names.
SENTENCE_STARTERS = frozenset("""
A An The This That These Those Both Either Neither Each Every Some Any All Another Other Such No Not Despite
Although Though Because Since Unless Until After Before During While When Whenever Where Whereas If Once As
Among Amid Against Absent Beyond Besides Between Without Within Unlike Like Including Under Over Through
About Above Across Along Around At By For From In Into Near Of Off On Onto Out Past Per To Toward Towards
Upon Via With And But Or Nor So Yet Also Even Still Just Only Then Thus Hence However Meanwhile Moreover
Indeed Instead Perhaps Maybe Certainly Clearly Surely Already Again Now Today Yesterday Tomorrow Here There
Did Does Do Is Was Are Were Has Had Have Will Would Can Could Should May Might Must Let Go Ask Say Tell
Dear See Why What Who Whom Whose Which How Sen Rep Gov Former Ex Late Dr Mr Mrs Ms Sir Lord Lady Dame
January February March April June July August September October November December Monday Tuesday Wednesday
Thursday Friday Saturday Sunday
""".split()) - {"Dr", "Mr", "Mrs", "Ms", "Sir", "Lord", "Lady", "Dame", "Sen", "Rep", "Gov", "Former", "Ex", "Late"}
_PERSON_TITLE = re.compile(rf"\b(?:{'|'.join(sorted(TITLES))})\b\.?\s+[A-Z]")
_PLURAL_ROLES = {"officials", "sources", "aides", "advisers", "advisors", "voters", "supporters", "critics",
                 "residents", "lawmakers", "leaders", "spokesmen", "staffers", "members", "people"}
_DETERMINER = re.compile(r"^(?:the|a|an|its|their|his|her|our|one|another|some|two|three|several)\s", re.I)


def clean_mention(mention: str) -> str:
    """A mention without party tags and name suffixes: `Sen. Ann Smith (D-Ore.)` -> `Sen. Ann Smith`."""
    return SUFFIX.sub("", PARTY_TAG.sub("", mention)).strip()


def speaker_kind(mention: str | None) -> SpeakerKind | None:
    """`person` for a name, `organisation` for an institution or outlet (its spokesperson speaks
    for it), `role` for a description with no name (`the Ohio senator`); None for no mention."""
    if not mention or not mention.strip():
        return None
    text = mention.strip()
    lower = text.lower()
    if _PERSON_TITLE.search(text):
        return "person"
    described = bool(_DETERMINER.match(text)) or text[:1].islower()
    last = text.split()[-1]
    if len(last) >= 2 and last.isupper() and last.isalpha():
        return "organisation"  # `the DNC`, `NATO` (not `UN Ambassador John Bolton`)
    if "spokes" in lower or (_ORG_WORD.search(lower) and not _ROLE_HEAD.search(lower)):
        return "organisation"
    if described:
        return "role"
    words = text.split()
    if words[-1].lower() in _PLURAL_ROLES:
        return "role"  # "White House officials", "Clinton aides"
    if _ORG_WORD.search(lower) and len(words) >= 2 and not _ROLE_HEAD.search(lower.split()[-1]):
        return "organisation"
    return "person"


_BAD_FIRST = {"of", "for", "and", "to", "with", "by", "from", "in", "on", "at", "as", "but", "or", "than", "that",
              "which", "who", "when", "while", "if", "because"}
_BAD_LAST = {"and", "of", "the", "a", "an", "to", "for", "so", "with", "by", "in", "on", "at", "that", "her", "his",
             "their", "its", "our", "some", "said"}
_SPEAKER_NOUN = re.compile(
    r"\b(?:people|crowd|crowds|protesters|protestors|demonstrators|fans|students|parents|workers|members|group|"
    r"groups|panel|jury|police|troops|delegates|audience|public|majority|minority|republicans|democrats|"
    r"americans|opponents|proponents|backers|allies|leaders|experts|scientists|researchers|economists|"
    r"analysts|authors|lawyers|prosecutors|investigators|officers|agents|doctors|teachers|residents|"
    r"neighbours|neighbors|witnesses|victims|families|website|site|account|page|memo|document|documents|"
    r"filing|lawsuit|suit|complaint|ad|advert|advertisement|video|message|email|e-mail|tweet|release|"
    r"release|book|paper|article|editorial|column|blog|magazine|outlet|network|station|channel|broadcaster|"
    r"pope|pontiff|king|queen|prince|princess|president|senator|governor|mayor|candidate|nominee|"
    r"frontrunner|front-runner|billionaire|businessman|businesswoman|mogul|star|singer|rapper|actor|actress|"
    r"comedian|host|anchor|moderator|reporter|journalist|correspondent|columnist|writer|author|historian|"
    r"professor|lawmaker|congressman|congresswoman|representative|speaker|leader|chief|head|boss|chair|"
    r"chairman|chairwoman|official|officials|spokesman|spokeswoman|spokesperson|aide|adviser|advisor|"
    r"strategist|pollster|consultant|operative|activist|campaigner|organizer|organiser|supporter|critic|"
    r"voter|resident|veteran|mother|father|wife|husband|son|daughter|brother|sister|man|woman|boy|girl|"
    r"teenager|friend|colleague|source|sources|insider|insiders|person|one|child|commenter|commenters|"
    r"designer|authors|poll|polls|survey|study|report|statement|champion|athlete|sprinter|runner|swimmer|"
    r"cyclist|boxer|golfer|coach|manager|captain|striker|midfielder|defender|goalkeeper|keeper|winger|player|"
    r"skipper|batsman|bowler|jockey|trainer|referee|umpire|director|producer|presenter|artist|musician|band|"
    r"chef|owner|investor|banker|executive|founder|engineer|minister|secretary|chancellor|premier|judge|"
    r"commissioner|ambassador|envoy|general|colonel|officer|soldier|inspector|detective|superintendent|"
    r"constable|mp|mep|msp|peer|lord|councillor|firm|company|club|side|team|squad|union|body|watchdog|"
    r"regulator|board|society|government|ministry|department|council|party|agency|court|bank|"
    r"[a-z]+-year-old|[A-Z][a-z]+(?:an|ese|ish))\b",
    re.I,
)


def is_plausible_speaker(mention: str) -> bool:
    """A mention that can speak: a name, a pronoun, or a description headed by a speaking noun (a role,
    an organisation, a document). Not a fragment (`and`, `of Flint`, `the so-`) nor a thing
    (`the primary schedule`, `The attack`, `a Sunday`)."""
    words = mention.split()
    if not words or not any(c.isalpha() for c in mention):
        return False  # `60`, `2016`: a number says nothing
    if words[0].lower() in _BAD_FIRST or words[-1].lower() in _BAD_LAST or mention.endswith("-"):
        return False
    if len(words) >= 2 and mention.isupper():
        return False  # a dateline or a headline (`NEW YORK`, `JUST TOO EARLY`)
    if not (_DETERMINER.match(mention) or mention[:1].islower()):
        return True  # a name, an institution in capitals, a pronoun
    if len(words) == 1:
        return words[0].lower() in {"he", "she", "they", "it", "i", "we"}
    return bool(_SPEAKER_NOUN.search(mention) or _ROLE_HEAD.search(mention) or _ORG_WORD.search(mention)
                or any(w[:1].isupper() for w in words[1:]))
