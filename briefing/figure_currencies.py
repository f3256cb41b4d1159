"""Which currency a written amount is in: symbols, codes and names as news writes them.

Tables only (no engine): `briefing.figures` builds its patterns from them. Names, codes and
symbols were checked against Microsoft Recognizers-Text's English currency tables
(Patterns/English/English-NumbersWithUnit.yaml, MIT licence, github.com/microsoft/Recognizers-Text);
its engine is not used (on `£500m` it reads £500 and 500 metres, see NOTES.md).
"""

from __future__ import annotations

import re

# Prefixes written before the number, as the text spells them (matched case-insensitively,
# spaces removed): the letters before a dollar name it ("HK$" is Hong Kong dollars, not USD).
SYMBOLS: dict[str, str] = {
    "£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "y=": "JPY", "₹": "INR", "₩": "KRW", "₪": "ILS",
    "₦": "NGN", "฿": "THB", "₽": "RUB", "₺": "TRY",
    "us$": "USD", "$us": "USD", "a$": "AUD", "au$": "AUD", "$a": "AUD", "c$": "CAD", "ca$": "CAD",
    "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "r$": "BRL", "nt$": "TWD", "z$": "ZWD",
    "rs": "INR", "rs.": "INR",
    "sh": "KES", "sh.": "KES", "ksh": "KES", "ksh.": "KES", "tsh": "TZS", "ush": "UGX",
    "rm": "MYR", "rmb": "CNY", "sfr": "CHF", "sfr.": "CHF",
}

# ISO 4217 codes read before or after an amount ("USD 350", "300m GBP", "EUR1.2bn"); matched
# case-sensitively, so "try 5 times" is not Turkish lira. "MUSD 12" is 12 million dollars.
ISO_CODES = frozenset(
    (
        "USD EUR GBP JPY CHF CNY INR AUD CAD HKD NZD SGD SEK NOK DKK ZAR BRL MXN RUB KRW TRY ILS "
        "MYR THB NGN AED SAR QAR PLN CZK HUF IDR PHP PKR EGP ARS CLP COP TWD KES ISK TZS UGX"
    ).split()
)

# Names written after the number. Ambiguous names (pesos, crowns, francs, rupees, riyals, lira...)
# give their most common currency here; an adjective ("Mexican pesos") or the article's country
# (`COUNTRY_CURRENCY`) decides first.
WORDS: dict[str, str] = {
    "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "quid": "GBP",
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "rupee": "INR", "shekels": "ILS", "shekel": "ILS",
    "ringgit": "MYR", "ringgits": "MYR", "rupiah": "IDR", "baht": "THB", "won": "KRW", "naira": "NGN",
    "rand": "ZAR", "rands": "ZAR", "reais": "BRL", "pesos": "MXN", "peso": "MXN",
    "francs": "CHF", "franc": "CHF", "kronor": "SEK", "krona": "SEK", "kronur": "ISK",
    "kroner": "DKK", "krone": "NOK", "koruna": "CZK",
    "lira": "TRY", "liras": "TRY", "lire": "ITL", "dirhams": "AED", "dirham": "AED",
    "riyals": "SAR", "riyal": "SAR", "rials": "IRR", "rial": "IRR", "dinars": "IQD", "dinar": "IQD",
    "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB", "zloty": "PLN", "zlotys": "PLN",
    "forints": "HUF", "forint": "HUF", "hryvnia": "UAH", "hryvnias": "UAH", "shillings": "KES",
    "cedis": "GHS", "kwacha": "ZMW", "dong": "VND", "ariary": "MGA", "taka": "BDT",
    # currencies of before the euro, still in the archives
    "markka": "FIM", "markkaa": "FIM", "pesetas": "ESP", "peseta": "ESP", "guilders": "NLG",
    "guilder": "NLG", "deutschmarks": "DEM", "deutschemarks": "DEM", "escudos": "PTE", "drachmas": "GRD",
    "drachma": "GRD", "schillings": "ATS",
}

# "Hong Kong dollars", "Swiss francs", "CFA francs": the adjective names the currency.
ADJECTIVES: dict[str, dict[str, str]] = {
    "dollars": {
        "us": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD", "hong kong": "HKD",
        "new zealand": "NZD", "singapore": "SGD", "zimbabwean": "ZWD", "zimbabwe": "ZWD", "taiwan": "TWD",
        "taiwanese": "TWD",
    },
    "francs": {"swiss": "CHF", "cfa": "XOF", "french": "FRF", "belgian": "BEF", "congolese": "CDF", "rwandan": "RWF"},
    "rupees": {"indian": "INR", "pakistani": "PKR", "sri lankan": "LKR", "nepalese": "NPR", "mauritian": "MUR"},
    "roubles": {"russian": "RUB", "belarusian": "BYR"},
    "pesos": {
        "mexican": "MXN", "argentine": "ARS", "argentinian": "ARS", "chilean": "CLP", "colombian": "COP",
        "philippine": "PHP", "cuban": "CUP", "uruguayan": "UYU", "dominican": "DOP",
    },
    "rand": {"south african": "ZAR"},
    "yuan": {"chinese": "CNY"},
    "yen": {"japanese": "JPY"},
    "kronor": {"swedish": "SEK"},
    "krona": {"swedish": "SEK", "icelandic": "ISK"},
    "kroner": {"danish": "DKK", "norwegian": "NOK"},
    "krone": {"danish": "DKK", "norwegian": "NOK"},
    "crowns": {
        "swedish": "SEK", "norwegian": "NOK", "danish": "DKK", "czech": "CZK", "slovak": "SKK", "estonian": "EEK",
    },
    "lira": {"turkish": "TRY", "italian": "ITL", "maltese": "MTL"},
    "dirhams": {"moroccan": "MAD", "uae": "AED", "emirati": "AED"},
    "riyals": {"saudi": "SAR", "qatari": "QAR", "omani": "OMR", "yemeni": "YER"},
    "rials": {"iranian": "IRR", "omani": "OMR", "yemeni": "YER"},
    "dinars": {
        "iraqi": "IQD", "kuwaiti": "KWD", "jordanian": "JOD", "bahraini": "BHD", "libyan": "LYD",
        "algerian": "DZD", "tunisian": "TND", "serbian": "RSD",
    },
    "pounds": {
        "egyptian": "EGP", "lebanese": "LBP", "syrian": "SYP", "sudanese": "SDG", "irish": "IEP", "cypriot": "CYP",
    },
    "shillings": {"kenyan": "KES", "ugandan": "UGX", "tanzanian": "TZS", "somali": "SOS", "austrian": "ATS"},
    "won": {"south korean": "KRW", "korean": "KRW", "north korean": "KPW"},
    "marks": {"german": "DEM", "finnish": "FIM"},
}
# singular names share their plural's adjectives
for _singular, _plural in (
    ("dollar", "dollars"), ("franc", "francs"), ("rupee", "rupees"), ("rouble", "roubles"), ("ruble", "roubles"),
    ("rubles", "roubles"), ("peso", "pesos"), ("rands", "rand"), ("riyal", "riyals"), ("rial", "rials"),
    ("dinar", "dinars"), ("pound", "pounds"), ("dirham", "dirhams"), ("liras", "lira"), ("shilling", "shillings"),
):
    ADJECTIVES[_singular] = ADJECTIVES[_plural]

# Names that need an adjective to be money at all ("10 German marks"; "the 10 marks" is a grade);
# "crowns" may also take the article's country ("three crowns" in sport are titles).
ADJECTIVE_ONLY = frozenset({"marks", "mark", "real", "reals"})
CONTEXT_ONLY = frozenset({"crowns"})
ADJECTIVES["mark"] = ADJECTIVES["marks"]
ADJECTIVES["real"] = ADJECTIVES["reals"] = {"brazilian": "BRL"}

# An ambiguous name in an article about one country: "24.2 trillion pesos" in a story on
# Colombia is Colombian pesos. Country stems, matched at word starts.
COUNTRY_CURRENCY: dict[str, dict[str, str]] = {
    "pesos": {"Colombia": "COP", "Argentin": "ARS", "Chile": "CLP", "Philippin": "PHP", "Mexic": "MXN", "Cuba": "CUP"},
    "francs": {"Switzerland": "CHF", "Swiss": "CHF", "Cameroon": "XAF", "Senegal": "XOF", "Ivory Coast": "XOF",
               "Congo": "CDF", "Rwanda": "RWF", "France": "FRF", "Belgi": "BEF"},
    "rupees": {"India": "INR", "Pakistan": "PKR", "Sri Lanka": "LKR", "Nepal": "NPR", "Mauriti": "MUR"},
    "crowns": {"Swed": "SEK", "Norw": "NOK", "Denmark": "DKK", "Danish": "DKK", "Czech": "CZK", "Slovak": "SKK"},
    "kroner": {"Norw": "NOK", "Denmark": "DKK", "Danish": "DKK"},
    "krone": {"Norw": "NOK", "Denmark": "DKK", "Danish": "DKK"},
    "krona": {"Swed": "SEK", "Iceland": "ISK"},
    "riyals": {"Saudi": "SAR", "Qatar": "QAR", "Oman": "OMR", "Yemen": "YER"},
    "rials": {"Iran": "IRR", "Oman": "OMR", "Yemen": "YER"},
    "dinars": {"Iraq": "IQD", "Kuwait": "KWD", "Jordan": "JOD", "Bahrain": "BHD", "Libya": "LYD", "Algeria": "DZD",
               "Tunisia": "TND", "Serbia": "RSD"},
    "dirhams": {"Morocc": "MAD", "Emirates": "AED", "Dubai": "AED", "UAE": "AED", "Abu Dhabi": "AED"},
    "lira": {"Turk": "TRY", "Ital": "ITL", "Malta": "MTL"},
    "dollars": {"Zimbabwe": "ZWD"},
    "shillings": {"Kenya": "KES", "Uganda": "UGX", "Tanzania": "TZS", "Somali": "SOS"},
}
for _singular, _plural in (("peso", "pesos"), ("franc", "francs"), ("rupee", "rupees"), ("riyal", "riyals"),
                           ("rial", "rials"), ("dinar", "dinars"), ("dirham", "dirhams"), ("liras", "lira")):
    COUNTRY_CURRENCY[_singular] = COUNTRY_CURRENCY[_plural]

# Subunits: a hundredth of the main unit.
SUBUNITS: dict[str, str] = {"p": "GBP", "pence": "GBP", "penny": "GBP", "cents": "USD", "cent": "USD"}

# Scales written after a number; lakh and crore are Indian (100,000 and 10,000,000).
SCALES: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9, "tn": 1e12, "trn": 1e12, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "crore": 1e7, "crores": 1e7,
    # machine translation renders "£700m" as "£ 700 meters": only ever read after a currency
    "meters": 1e6, "metres": 1e6, "meter": 1e6, "metre": 1e6,
}


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


# The prefix before a number: symbols, letter-prefixed dollars, "Rs", "RM", "RMB", "Y=", ISO codes.
PREFIX_PATTERN = (
    r"(?-i:\b(?:US|AU|NZ|HK|NT|CA)[ \t]?\$|\b[ACSRZ]\$|\$[ \t]?(?:US|A)(?![A-Za-z]))|[£$€¥₹₩₪₦฿₽₺]|(?-i:Y=)"
    r"|\b(?-i:Rs\.?|RMB|RM|SFr\.?|K?Sh\.?|KSH|[TU][Ss]h|M?(?:" + "|".join(sorted(ISO_CODES)) + r"))(?![A-Za-z])"
)
# The same prefixes, found from the digits backwards (the number scan starts at digits).
PREFIX_BEFORE = re.compile(r"(?:" + PREFIX_PATTERN + r")[ \t]?$")
WORD_PATTERN = _alternation(set(WORDS) | ADJECTIVE_ONLY | CONTEXT_ONLY)
ADJECTIVE_PATTERN = _alternation({a for table in ADJECTIVES.values() for a in table})
ISO_PATTERN = "|".join(sorted(ISO_CODES))


def prefix_currency(prefix: str) -> tuple[str, float]:
    """The ISO code of a prefix as written, and its scale ("MUSD" is millions of dollars)."""
    key = "".join(prefix.split()).lower()
    if key in SYMBOLS:
        return SYMBOLS[key], 1.0
    code = "".join(prefix.split())
    if code in ISO_CODES:
        return code, 1.0
    if code[:1] == "M" and code[1:] in ISO_CODES:
        return code[1:], 1e6
    return "USD", 1.0


def word_currency(word: str, adjective: str | None, body: str = "") -> str | None:
    """The ISO code of a currency name; None when the word alone is not money ("marks")."""
    word = word.lower()
    if adjective:
        code = ADJECTIVES.get(word, {}).get(" ".join(adjective.lower().split()))
        if code:
            return code
    if word in ADJECTIVE_ONLY:
        return None
    countries = COUNTRY_CURRENCY.get(word)
    if countries and body:
        code = _country_currency(body, countries)
        if code:
            return code
    return WORDS.get(word)


def _country_currency(body: str, countries: dict[str, str]) -> str | None:
    """The currency of the country the article names most often (first named on a tie)."""
    best: tuple[int, int, str] | None = None
    for stem, code in countries.items():
        hits = [m.start() for m in re.finditer(r"\b" + re.escape(stem), body)]
        if hits:
            key = (-len(hits), hits[0], code)
            best = key if best is None or key < best else best
    return best[2] if best else None
