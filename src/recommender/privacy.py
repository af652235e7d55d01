"""Personal data in a case description: detect it and offer a pseudonymised version.

Case descriptions are sensitive. Before matching, the app checks the free text for names of
persons, BSN numbers, phone numbers, e-mail addresses, street addresses and postcodes, and
dates. Names, dates and addresses come from `deduce`, a de-identifier built for Dutch text; BSN
numbers are checked with `python-stdnum`, phone numbers with `phonenumbers`; e-mail addresses and
a few Dutch forms deduce does not know (a name before an age in brackets, "Dorpsstraat 14b")
with patterns that cannot backtrack. Detection prefers a warning too many over a name missed,
and the user decides.

Work is bounded: a text longer than ``MAX_CHECK_CHARS`` is refused before anything is scanned,
and every pattern here runs in time linear in the text (possessive quantifiers, fixed
repetition counts, matches anchored at the start of a run), so one request cannot hold the
interpreter for long.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import phonenumbers
from stdnum.nl import bsn as stdnum_bsn

from .privacy_words import NOT_PERSONS, ROLE_WORDS

if TYPE_CHECKING:
    from deduce import Deduce

MAX_CHECK_CHARS = 20_000
"""Longest text that is checked; the Casus description (5,000) and analysis notes fit."""
DEDUCE_CHUNK_CHARS = 1_000
"""Longest piece of text deduce sees at once (see ``_deduce_findings``)."""

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

# deduce tags (or tag parts: "voornaam+achternaam") and the kind each stands for. Its place
# names ("locatie" without a number) are left out: a city or neighbourhood does not identify.
_DEDUCE_KINDS: dict[str, str] = {
    "persoon": "naam",
    "patient": "naam",
    "naam": "naam",
    "voornaam": "naam",
    "achternaam": "naam",
    "initiaal": "naam",
    "datum": "datum",
    "straat": "adres",
    "huisnummer": "adres",
    "locatie": "adres",
}
# deduce's own e-mail, URL, phone and identifier patterns can backtrack on crafted text; the
# checks below replace them. Ages and institutions are not personal data here.
_DEDUCE_DISABLED = frozenset(
    {"email_addresses", "urls", "phone_numbers", "identifiers", "ages", "institutions"}
)

# deduce's context annotators grow a name or a house number one token per pass and run again
# on what changed: on a run of name-like words ("Jan Piet Jan Piet …") that is cubic (1,000
# characters took 8 s). One pass still joins a name with the word beside it ("Jan" + "de
# Vries"); tests/eval/privacy.yaml measures what that costs.
_DEDUCE_CONFIG = {
    "annotators": {
        "name_context": {"args": {"iterative": False}},
        "housenumber": {"args": {"iterative": False}},
    }
}

# Each pattern starts only where a run starts (a lookbehind) and its quantifiers are possessive
# or bounded, so no character is scanned more than a fixed number of times.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}+@[\w-]++(?:\.[\w-]++)++")
_NINE_DIGITS = re.compile(
    r"(?<![\d.,-])(?:\d{4}[. ]?\d{2}[. ]?\d{3}|\d{3}[. ]\d{3}[. ]\d{3})(?![\d,-]|[.]\d)"
)
_POSTCODE_HOUSE = re.compile(
    r"(?<![\w])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\w])(?:,? (?:huisnummer )?\d{1,5}+[a-z]?(?![\w]))?"
)
_STREET_HOUSE = re.compile(
    r"(?<![\w])(?:[A-Z][a-zà-ÿ]{1,30}+ )?[A-Z][a-zà-ÿ]{0,30}+"
    r"(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|park|markt)"
    r" \d{1,5}+[a-z]?(?![\w])"
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec|"
    "january|february|march|may|june|july|august|october"
)
_DATE = re.compile(
    rf"(?<![\w])(?:[0-3]?\d[-/.][01]?\d[-/.](?:19|20)\d{{2}}|(?:19|20)\d{{2}}-[01]\d-[0-3]\d"
    rf"|[0-3]?\d (?:{_MONTHS})\.?(?: (?:19|20)\d{{2}})?)(?![\w])",
    re.IGNORECASE,
)
_TITLE_NAME = re.compile(
    r"(?<![\w])(?i:mevrouw|meneer|mevr\.|mw\.|dhr\.|de heer|mr\.|mrs\.|ms\.|mister) "
    r"((?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Hh]et|'t|[Ee]l|[Aa]l) ){0,3}"
    r"[A-Z][\w'-]{0,40}+(?: [A-Z][\w'-]{0,40}+)?)"
)
# A capitalised word directly before an age in brackets: "Dani (13)".
_NAME_AGE = re.compile(r"(?<![\w])([A-Z][a-zà-ÿ]{0,40}+) \(\d{1,2}\)")
_TRIM = " \t\r\n.,;:!?()[]\"'"
_NOT_PERSONS = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(name) for name in NOT_PERSONS) + r")(?![\w])"
)


class TextTooLong(ValueError):
    """The text exceeds ``MAX_CHECK_CHARS`` and was not scanned."""


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

        The same name or number gets the same placeholder each time it appears; the text
        around each finding (spaces, punctuation) is kept as it was.
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
    return len(digits) == 9 and digits != "000000000" and stdnum_bsn.is_valid(digits)


@cache
def deidentifier() -> Deduce:
    """Return the Dutch de-identifier, loaded once per process (about a second from its cache)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    from deduce import Deduce  # deferred: importing it reads its lookup lists

    # Importing deduce calls logging.basicConfig(level=DEBUG) with a handler on stdout: every
    # library's debug record (markdown-it logs each block rule it tries) would then be built
    # and printed on every page run, which made each Streamlit rerun several seconds slower.
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return Deduce(config=_DEDUCE_CONFIG)


def warm_up() -> None:
    """Load the de-identifier now (at server start), so no visitor waits for it."""
    deidentifier().deidentify("Warm")


def _finding(kind: str, text: str, start: int, end: int) -> Finding | None:
    """Return a finding for text[start:end] without surrounding spaces and punctuation."""
    piece = text[start:end]
    stripped = piece.strip(_TRIM)
    if not stripped:
        return None
    start += piece.find(stripped)
    return Finding(kind, stripped, start, start + len(stripped))


def _without_role_words(finding: Finding) -> Finding | None:
    """Drop leading words such as "Vader" or "Mevrouw" from a name; None when nothing is left."""
    words = finding.text.split(" ")
    dropped = 0
    while dropped < len(words) and words[dropped].rstrip(".").lower() in ROLE_WORDS:
        dropped += 1
    if dropped == 0:
        return finding
    if dropped == len(words):  # "Boy of 14 …": deduce took the role word for a first name
        return None
    rest = " ".join(words[dropped:])
    start = finding.end - len(rest)
    return Finding("naam", rest, start, finding.end)


def _chunks(text: str, limit: int = DEDUCE_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split ``text`` into pieces of at most ``limit`` characters, with their offsets.

    A piece ends after a sentence or a line where it can, else at the last space, so a name is
    cut only inside a run of more than ``limit`` characters without either.
    """
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("? "), window.rfind("! "))
        if cut <= 0:
            cut = window.rfind(" ")
        end = start + (cut + 1 if cut > 0 else limit)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def _deduce_findings(text: str) -> list[Finding]:
    # deduce's street and name matching grows faster than the length of a run of
    # street-like words (20,000 characters of "Aastraat " held the interpreter for 8 s), so it
    # sees bounded pieces: the work per piece is bounded and the total linear.
    found = []
    for offset, piece in _chunks(text):
        found += [
            Finding(f.kind, f.text, f.start + offset, f.end + offset)
            for f in _deduce_piece_findings(piece)
        ]
    return found


def _deduce_piece_findings(text: str) -> list[Finding]:
    document = deidentifier().deidentify(text, disabled=set(_DEDUCE_DISABLED))
    found = []
    for annotation in document.annotations:
        parts = annotation.tag.split("+")
        kinds = {_DEDUCE_KINDS[p] for p in parts if p in _DEDUCE_KINDS}
        if not kinds:
            continue
        # A name wins over a location when deduce saw both ("voornaam+locatie" is rare).
        kind = "naam" if "naam" in kinds else "datum" if "datum" in kinds else "adres"
        if kind == "adres" and not any(c.isdigit() for c in annotation.text):
            continue  # a place or street without a number identifies no one
        finding = _finding(kind, text, annotation.start_char, annotation.end_char)
        if finding is not None and kind == "naam":
            finding = _without_role_words(finding)
        if finding is not None:
            found.append(finding)
    return found


def _phone_findings(text: str) -> list[Finding]:
    found = []
    matcher = phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID)
    for match in matcher:
        if finding := _finding("telefoon", text, match.start, match.end):
            found.append(finding)
    return found


def _pattern_findings(text: str) -> list[Finding]:
    found: list[Finding] = []
    for kind, pattern in (
        ("email", _EMAIL),
        ("adres", _POSTCODE_HOUSE),
        ("adres", _STREET_HOUSE),
        ("datum", _DATE),
    ):
        for match in pattern.finditer(text):
            if finding := _finding(kind, text, match.start(), match.end()):
                found.append(finding)
    for match in _NINE_DIGITS.finditer(text):
        if elfproef(re.sub(r"\D", "", match.group())):
            found.append(Finding("bsn", match.group(), match.start(), match.end()))
    for pattern in (_TITLE_NAME, _NAME_AGE):
        for match in pattern.finditer(text):
            found.append(Finding("naam", match.group(1), match.start(1), match.end(1)))
    return found


def check_text(text: str) -> PrivacyCheck:
    """Return every piece of personal data found in ``text``, without overlaps, in order.

    Raises:
        TextTooLong: the text is longer than ``MAX_CHECK_CHARS``; nothing was scanned.
    """
    if len(text) > MAX_CHECK_CHARS:
        raise TextTooLong(
            f"de tekst is {len(text)} tekens lang; de controle op persoonsgegevens neemt er "
            f"ten hoogste {MAX_CHECK_CHARS}"
        )
    if not text.strip():
        return PrivacyCheck(text=text)
    found = [*_pattern_findings(text), *_phone_findings(text), *_deduce_findings(text)]
    shops = [(m.start(), m.end()) for m in _NOT_PERSONS.finditer(text)]
    found = [
        f for f in found if f.kind != "naam" or not any(s < f.end and f.start < e for s, e in shops)
    ]
    # Repeat a detected name everywhere else it occurs ("Dani (13) ... Dani zegt"); one
    # alternation of all names keeps this a single linear pass.
    names = sorted({f.text for f in found if f.kind == "naam"}, key=len, reverse=True)
    if names:
        every = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])")
        found += [Finding("naam", m.group(), m.start(), m.end()) for m in every.finditer(text)]
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
