"""The words of a name, for canonical speaker names: titles, role words, suffixes, and the
patterns that tell an institution or a description from a person.

Kept apart from `briefing.speakers` (which folds mentions into one name across the corpus) so the
vocabulary can grow without the resolver growing with it.
"""

from __future__ import annotations

import re

TITLES = {
    "sir", "mr", "mrs", "ms", "miss", "dr", "dame", "prof", "professor", "rev", "reverend", "lady",
    "lord", "baroness", "baron", "mister", "madam", "madame", "monsieur", "herr", "st", "saint",
    # US titles, written with a full stop ("Sen. Ann Smith", "Lt. Gen. Tom Ray")
    "sen", "rep", "gov", "lt", "gen", "col", "sgt", "capt", "adm", "maj", "cmdr", "pres", "atty", "amb",
}
# Dotted US titles that name a role too: "Ohio Sen. Rob Portman" is "the Ohio senator".
TITLE_ROLES = {"sen": "senator", "sens": "senator", "rep": "representative", "gov": "governor", "gen": "general",
                "pres": "president", "amb": "ambassador", "lt": "lieutenant", "col": "colonel", "adm": "admiral"}
KEEP_TITLES = {"lord", "lady", "baroness", "baron", "dame"}  # kept when no full name is known
FIRST_NAME_TITLES = {"sir", "dame"}  # "Sir Keir" is Keir Starmer: a knight is called by first name
ROLE_WORDS = {
    "prime", "minister", "president", "secretary", "chancellor", "home", "foreign", "defence",
    "defense", "deputy", "shadow", "first", "leader", "chairman", "chairwoman", "chair", "chief",
    "executive", "general", "attorney", "commissioner", "governor", "senator", "mayor", "judge",
    "captain", "coach", "manager", "mp", "mep", "qc", "kc", "former", "ex", "energy", "health",
    "trade", "industry", "culture", "education", "justice", "business", "transport", "environment",
    "work", "pensions", "interior", "finance", "economy", "economic", "party", "labour", "tory",
    "conservative", "liberal", "democrat", "democrats", "lib", "dem", "dems", "green", "french", "british", "german",
    "italian", "us", "uk", "american", "european", "irish", "scottish", "welsh", "spokesman",
    "spokeswoman", "spokesperson", "director", "head", "boss", "founder", "analyst", "economist",
    "striker", "midfielder", "defender", "goalkeeper", "player", "star", "champion", "world",
    "olympic", "officer", "correspondent", "editor", "presenter", "king", "queen", "prince",
    "princess", "pope", "ambassador", "envoy", "state", "of", "for", "and", "the", "to", "pm",
    "colonel", "col", "lt", "lieutenant", "commander", "sergeant", "admiral", "brigadier", "marshal",
    "under-secretary", "vice-president", "vice-chairman", "co-founder", "director-general",
    # occupations written before a name, capitalised at a sentence start ("Actor Leonardo DiCaprio")
    "actor", "actress", "singer", "model", "comedian", "writer", "author", "producer", "host", "rapper",
    "musician", "artist", "designer", "chef", "dj", "playwright", "novelist", "poet",
    "broadcaster", "journalist", "reporter", "businessman", "businesswoman", "tycoon", "entrepreneur",
    "billionaire", "winger", "prop", "flanker", "centre", "fly-half", "scrum-half", "hooker", "lock",
    "wing", "full-back", "sprinter", "athlete", "runner", "swimmer", "cyclist", "boxer", "golfer",
    "jockey", "trainer", "skipper", "forward", "batsman", "bowler", "keeper", "veteran", "legend",
    "teenager", "youngster", "campaigner", "activist", "lawyer", "barrister", "professor", "researcher",
    "scientist", "expert", "owner", "investor", "banker",
    # US offices written before a name ("House Speaker Paul Ryan", "Representative Brooks")
    "speaker", "representative", "congressman", "congresswoman", "delegate", "nominee", "candidate",
    "archbishop", "bishop", "cardinal", "duke", "duchess", "earl",
}
INSTITUTION_ALIASES = {
    "downing street": "Downing Street",
    "no 10": "Downing Street",
    "no. 10": "Downing Street",
    "number 10": "Downing Street",
    "number ten": "Downing Street",
    "no10": "Downing Street",
    "prime minister's": "Downing Street",
    "prime minister’s": "Downing Street",
    "pm's": "Downing Street",
    "pm’s": "Downing Street",
}
SPOKES = re.compile(r"\bspokes(?:man|woman|person|people|men|women)\b", re.I)
PLURAL = re.compile(r"^(?:the\s+)?(?:pair|two|both|three|leaders|sources|officials)\b", re.I)
LINK_WORDS = {"of", "for", "and", "the", "to", "state", "first", "world", "us", "uk"}
CONNECTIVES = {"But", "And", "However", "Meanwhile", "Yet", "Now", "So", "Still", "Also", "Earlier", "Later",
                "Then", "Instead", "Separately", "Elsewhere", "When", "While", "After", "Before", "As", "If",
                "Asked", "Speaking", "Once", "In", "On", "At", "By", "For", "With", "From", "Under", "Since"}
DETERMINERS = {"the", "a", "an", "our", "their", "its", "his", "her"}
DETERMINER = re.compile(rf"^(?:{'|'.join(sorted(DETERMINERS))})\s+", re.I)  # one of them leading a mention
ROLE_PREFIXES = ("ex-", "former-", "then-", "acting-", "interim-", "vice-", "co-")
ORG_HEAD = re.compile(
    r"^(?:government|ministry|department|office|council|commission|committee|company|firm|group|party|"
    r"union|bank|agency|authority|board|court|club|federation|association|administration|executive|"
    r"police|service|parliament|assembly|institute|foundation|trust|corporation|regulator|watchdog|"
    r"organisation|organization|newspaper|paper|broadcaster|network|studio|embassy|army|navy|military|"
    r"[A-Z][\w'’-]*)$"
)
SUFFIXES = {"qc", "kc", "mp", "mep", "msp", "am", "mla", "td", "jr", "sr", "obe", "mbe", "cbe", "kbe", "phd"}
# A possessive before a name: "The Post's Ruth Marcus" is Ruth Marcus, not a role.
OWNER = re.compile(r"[\w.]['’]s\s+[A-Z]")
# "Clinton's campaign", "the Trump campaign", "Sanders's campaign" (not "Sanders's campaign manager")
OWNER_ORG = re.compile(
    r"^(?:the\s+|The\s+)?([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)(?:['’]s?)?\s+(campaign|administration)$")
# Capitalised heads that describe a person, not an institution: "the Wisconsin Republican", "the Texan".
PERSON_HEAD = re.compile(r"(?:an|ans|crat|crats|can|cans|ese|ish|er|ers|ist|ists|ite|ites|i)$")
# "Oscar-winner", "Texas-born", "Brooklyn-based": a capitalised word joined to a lowercase description
ROLE_COMPOUND = re.compile(r"^[A-Z][\w.]*-(?:[a-z][\w-]*)$")
# "Donald Trump's campaign manager", "Hillary Clinton's right-hand woman": a role the owner names
OWNER_ROLE = re.compile(r"^(?:[A-Z][\w\-]*\s+){0,2}[A-Z][\w\-]*['’]s?\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}$")
# "the Archbishop of Canterbury, " right before a name: the role the name is in apposition to
APPOSITIVE_ROLE = re.compile(r"\b[Tt]he\s+((?:[\w\-]+\s+){0,4}[\w\-]+),\s+$")
QUALIFIERS = {"shadow", "former", "ex", "deputy", "junior", "vice", "acting", "interim", "assistant"}
# A run of capitalised words, dotted US titles and middle initials included ("Sen. Mary J. Blake").
CAP_WORD = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|Gen|Col|Sgt|Capt|Adm|Maj|Rev)\.|[A-Z]\.(?=\s+[A-Z])|[A-Z][\w'’\-]*)"
CAP_RUN = re.compile(
    rf"(?<![\w'’]){CAP_WORD}(?:\s+(?:(?:de|van|von|der|da|di|du|le|la|al|bin)\s+)?{CAP_WORD})*"
)
SURNAME_PARTICLES = {"le", "la", "de", "van", "von", "der", "da", "di", "du", "al", "bin", "el", "del"}
PARTY_WORDS = re.compile(r"\b(?:Lib|Dem|Dems|Labour|Tory|Tories|Conservatives?|Liberals?|Democrats?|Republicans?)\b")
TITLED = re.compile(r"\b(?:Sir|Mr|Mrs|Ms|Miss|Dr|Dame|Lord|Lady|Sen|Rep|Gov)\.?\s+([A-Z][\w'’\-]+)")
ORG_HINT = re.compile(
    r"\b(?:Street|Office|Ministry|Department|Party|Council|Commission|Union|Company|Group|"
    r"Association|Government|Parliament|Police|Court|Bank|House|Agency|Authority|Board|Committee|"
    r"Channel|Times|Monde|News|Media|Graphics|Summit|Airways|League|Club|Cup|Corporation|Inc|Ltd|"
    r"Plc|University|Institute|Foundation|Fund|Service|Coalition|Campaign|Commons|Lords|Europe|"
    r"Kingdom|States|Nations|Britain|France|Germany|Italy|Canada|Russia|Ukraine|England|Scotland|"
    r"Wales|Ireland|Rockies|Sea|Day|Week|Year|Act|Bill|Award|Awards|Festival|Prix|Grand|Games)\b"
)


def strip_titles(mention: str) -> str:
    """`Prime Minister Sir Keir Starmer` -> `Keir Starmer`; `Mr Macron` -> `Macron`."""
    words = mention.replace("’s ", "'s ").split()
    for i in range(len(words) - 2, -1, -1):
        low = words[i].lower().rstrip(".,")
        if words[i][:1].isupper() and low in TITLES:
            words = words[i:]  # "BBC Mr Howard", "Tuesday Mr Ebbers": the name starts at its title
            break
        if low in ROLE_WORDS and low not in LINK_WORDS:
            words = words[i + 1:]  # "London UKIP MEP Gerard Batten": the name follows the last role word
            break
    while words and (words[0].lower() in DETERMINERS or words[0] in CONNECTIVES):
        words.pop(0)
    while len(words) > 1:
        low = words[0].lower()
        if (low.rstrip(".") in TITLES or low.rstrip(".,") in ROLE_WORDS or words[0][:1].islower()
                or low.startswith(ROLE_PREFIXES) or ROLE_COMPOUND.search(words[0])):
            words.pop(0)
        else:
            break
    owners = [i for i, w in enumerate(words[:-1]) if w.endswith(("'s", "’s", "s'"))]
    if owners and owners[-1] + 1 < len(words):
        words = words[owners[-1] + 1:]  # "ABN Amro's Eddie Wong" -> "Eddie Wong"
    for i, w in enumerate(words[2:-1], start=2):
        if w in {"of", "from", "at"} and all(x[:1].isupper() for x in words[:i]):
            words = words[:i]  # "Anne Thompson of the Hollywood Reporter" -> "Anne Thompson"
            break
    while len(words) > 1 and words[-1].lower().rstrip(".,") in SUFFIXES:
        words.pop()
    return " ".join(words)


def is_person_name(name: str) -> bool:
    """Two or three capitalised words (particles allowed): "Ruth Marcus", "Nachman Shai"."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(
        w[:1].isupper() or w.lower() in SURNAME_PARTICLES for w in words) and not ORG_HINT.search(name)
