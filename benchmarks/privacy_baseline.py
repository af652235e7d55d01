"""The personal-data checker as it was before deduce (hand-written patterns and word list).

Kept only as the baseline for `benchmarks/privacy.py`; the app uses `recommender.privacy`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KINDS: dict[str, str] = {
    "naam": "naam van een persoon",
    "bsn": "burgerservicenummer (BSN)",
    "telefoon": "telefoonnummer",
    "email": "e-mailadres",
    "adres": "postcode met huisnummer of adres",
    "datum": "(geboorte)datum",
}

PLACEHOLDERS: dict[str, str] = {
    "naam": "PERSOON",
    "bsn": "BSN",
    "telefoon": "TELEFOON",
    "email": "E-MAIL",
    "adres": "ADRES",
    "datum": "DATUM",
}

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+31[\s-]?(?:\(0\))?|0031[\s-]?|0)(?:[1-9][\s-]?){1}(?:\d[\s-]?){7}\d(?!\d)"
)
_NINE_DIGITS = re.compile(r"(?<![\d.,-])(\d{4}[.\s]?\d{2}[.\s]?\d{3}|\d{9})(?![\d,-])")
_POSTCODE_HOUSE = re.compile(
    r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b(?:[\s,]+\d{1,5}\s?[a-zA-Z]?\b)?"
    r"|\b[A-Z][a-zà-ÿ]+(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|park)"
    r"\s+\d{1,5}\s?[a-zA-Z]?\b"
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october"
)
_DATE = re.compile(
    rf"\b(?:[0-3]?\d[-/.][01]?\d[-/.](?:19|20)\d{{2}}|(?:19|20)\d{{2}}-[01]\d-[0-3]\d"
    rf"|[0-3]?\d\s+(?:{_MONTHS})\s+(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_INFIX = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Hh]et|'t|[Ee]l|[Aa]l)"
_TITLE_NAME = re.compile(
    r"\b(?i:mevrouw|meneer|mevr\.|mw\.|dhr\.|de heer|mr\.|mrs\.|ms\.|mister)\s+"
    rf"((?:{_INFIX}\s+)*[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)"
)
# A capitalised first name followed by an infix and/or capitalised surname: "Jan de Vries".
_FULL_NAME = re.compile(
    r"([A-Z][a-zà-ÿ]+(?:\s+(?:van|de|der|den|ter|ten|el|al|van de|van der|van den))?\s+[A-Z][a-zà-ÿ]{2,})\b"
)
_CAPITAL = re.compile(r"\b[A-Z]")
# A capitalised word directly followed by an age in brackets: "Dani (13)".
_NAME_AGE = re.compile(r"\b([A-Z][a-zà-ÿ]+)\s+\(\d{1,2}\)")

# Capitalised words that are not names of persons in case descriptions.
_NOT_NAMES = frozenset(
    [
        "De",
        "Het",
        "Een",
        "Hij",
        "Zij",
        "Ze",
        "Wij",
        "We",
        "Ik",
        "Jij",
        "Je",
        "U",
        "Er",
        "Dit",
        "Dat",
        "Deze",
        "Die",
        "Zijn",
        "Haar",
        "Hun",
        "Ons",
        "Onze",
        "Mijn",
        "Als",
        "Maar",
        "En",
        "Of",
        "Want",
        "Toen",
        "Nu",
        "Daarna",
        "Later",
        "Eerst",
        "Ook",
        "Na",
        "Bij",
        "In",
        "Op",
        "Van",
        "Met",
        "Voor",
        "Door",
        "Om",
        "Uit",
        "Volgens",
        "Sinds",
        "Tijdens",
        "Omdat",
        "Terwijl",
        "Wanneer",
        "Waar",
        "Wie",
        "Wat",
        "Welke",
        "Hoe",
        "Geen",
        "Niet",
        "Nog",
        "Al",
        "Zo",
        "Moeder",
        "Vader",
        "Oom",
        "Tante",
        "Opa",
        "Oma",
        "Neef",
        "Nicht",
        "Broer",
        "Zus",
        "Zoon",
        "Dochter",
        "Gezin",
        "Familie",
        "Politie",
        "Gemeente",
        "Wijkteam",
        "Veilig",
        "Thuis",
        "Raad",
        "Kinderbescherming",
        "Zorg",
        "Veiligheidshuis",
        "School",
        "Halt",
        "Reclassering",
        "Jeugdbescherming",
        "Leerplicht",
        "Belastingdienst",
        "Openbaar",
        "Ministerie",
        "Burgemeester",
        "College",
        "Wethouder",
        "Officier",
        "Justitie",
        "Rechter",
        "Kinderrechter",
        "Jeugdreclassering",
        "Bibob",
        "Opiumwet",
        "Maandag",
        "Dinsdag",
        "Woensdag",
        "Donderdag",
        "Vrijdag",
        "Zaterdag",
        "Zondag",
        "Nederland",
        "Nederlandse",
        "The",
        "A",
        "An",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "It",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Their",
        "Our",
        "My",
        "Mum",
        "Mom",
        "Dad",
        "Father",
        "Mother",
        "Uncle",
        "Aunt",
        "Brother",
        "Sister",
        "Son",
        "Daughter",
        "Police",
        "Municipality",
        "School",
        "Mayor",
        "Januari",
        "Februari",
        "Maart",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Augustus",
        "September",
        "Oktober",
        "November",
        "December",
    ]
)


@dataclass(frozen=True)
class Finding:
    """One piece of personal data in the text."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def label(self) -> str:
        """Return the Dutch description of the kind."""
        return KINDS[self.kind]


@dataclass
class PrivacyCheck:
    """The findings in a text and its pseudonymised version."""

    text: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """True when nothing was found."""
        return not self.findings

    def kinds(self) -> list[str]:
        """Return the kinds found, in a fixed order."""
        found = {f.kind for f in self.findings}
        return [kind for kind in KINDS if kind in found]

    def pseudonymised(self) -> str:
        """Return the text with every finding replaced by a numbered placeholder.

        The same name or number gets the same placeholder each time it appears.
        """
        numbering: dict[tuple[str, str], str] = {}
        counters: dict[str, int] = {}
        pieces: list[str] = []
        cursor = 0
        for finding in self.findings:
            key = (finding.kind, finding.text.lower())
            if key not in numbering:
                counters[finding.kind] = counters.get(finding.kind, 0) + 1
                numbering[key] = f"[{PLACEHOLDERS[finding.kind]}-{counters[finding.kind]}]"
            pieces.append(self.text[cursor : finding.start])
            pieces.append(numbering[key])
            cursor = finding.end
        pieces.append(self.text[cursor:])
        return "".join(pieces)


def elfproef(digits: str) -> bool:
    """Return True when nine digits pass the BSN eleven test."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def _is_name(candidate: str) -> bool:
    words = candidate.split()
    return not any(word in _NOT_NAMES for word in words if word[:1].isupper())


def check_text(text: str) -> PrivacyCheck:
    """Return every piece of personal data found in ``text``, without overlaps, in order."""
    found: list[Finding] = []
    for match in _EMAIL.finditer(text):
        found.append(Finding("email", match.group(), match.start(), match.end()))
    for match in _NINE_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if elfproef(digits):
            found.append(Finding("bsn", match.group(), match.start(), match.end()))
    for match in _PHONE.finditer(text):
        found.append(
            Finding(
                "telefoon",
                match.group().strip(),
                match.start(),
                match.start() + len(match.group().strip()),
            )
        )
    for match in _POSTCODE_HOUSE.finditer(text):
        found.append(Finding("adres", match.group(), match.start(), match.end()))
    for match in _DATE.finditer(text):
        found.append(Finding("datum", match.group(), match.start(), match.end()))
    candidates = [*_TITLE_NAME.finditer(text), *_NAME_AGE.finditer(text)]
    # Full names may start at any capital, also right after a word like "Vader".
    candidates += [m for c in _CAPITAL.finditer(text) if (m := _FULL_NAME.match(text, c.start()))]
    for match in candidates:
        name = match.group(1)
        if match.re is _TITLE_NAME or _is_name(name):
            start = match.start(1)
            found.append(Finding("naam", name, start, start + len(name)))
    # Repeat a detected name everywhere else it occurs ("Dani (13) ... Dani zegt").
    for name in {f.text for f in found if f.kind == "naam"}:
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            found.append(Finding("naam", name, match.start(), match.end()))
    return PrivacyCheck(text=text, findings=_without_overlaps(found))


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep the longest finding where several overlap; earlier kinds win ties."""
    order = list(KINDS)
    ranked = sorted(findings, key=lambda f: (f.start, -(f.end - f.start), order.index(f.kind)))
    kept: list[Finding] = []
    for finding in ranked:
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept
