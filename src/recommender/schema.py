"""Pydantic models for knowledge-base entries and workshop case vignettes.

The models check structure and types. Checks that need the whole knowledge base
(taxonomy ids, links between entries, duplicate ids) live in :mod:`recommender.loader`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    field_validator,
    model_validator,
)

from recommender.sources import LawUrl, SourceUrl

SCHEMA_VERSION = 1

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EntryType = Literal["interventie", "instrument", "werkwijze", "partner"]
PartnerRole = Literal["regie", "uitvoering", "verwijzer", "informatie", "besluit"]
Status = Literal["concept", "actueel", "herzien-nodig", "vervallen"]

_CORE_SECTIONS = (
    "Wat is het",
    "Voor wie",
    "Wanneer inzetten",
    "Wanneer niet",
    "Wie doet wat",
    "Combineren met",
)

#: Body sections (``## `` headings) every entry of a type must have, in this order.
REQUIRED_SECTIONS: dict[str, tuple[str, ...]] = {
    "interventie": _CORE_SECTIONS,
    "werkwijze": _CORE_SECTIONS,
    "instrument": (*_CORE_SECTIONS, "Juridische basis"),
    "partner": (
        "Wat is het",
        "Mandaat",
        "Rol in een familienetwerkcasus",
        "Wie doet wat",
        "Bereikbaarheid",
    ),
}

#: Entry fields that hold taxonomy ids, mapped to their vocabulary.
TAXONOMY_FIELDS: dict[str, str] = {
    "phenomena": "phenomena",
    "domains": "domains",
    "age_groups": "age_groups",
    "roles": "roles",
    "levels": "levels",
    "evidence": "evidence",
    "for_whom": "for_whom",
    "scope": "scopes",
    "requires": "signals",
    "excludes": "signals",
    "protects": "signals",
}

#: Value of ``region`` for an approach available everywhere in the Netherlands.
NATIONWIDE = "landelijk"


class SlugRef:
    """Marks a text field as the slug of a KB entry, so the editor can offer the existing ones."""


Slug = Annotated[str, SlugRef()]


class Strict(BaseModel):
    """Base model: unknown keys are errors, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PartnerLink(Strict):
    """A partner organisation and its role in an entry."""

    id: Slug = Field(pattern=SLUG_PATTERN)
    role: PartnerRole


class LegalBasis(Strict):
    """A legal article an entry rests on, with a link to the official text."""

    law: str = Field(min_length=2)
    article: str = Field(min_length=1)
    url: LawUrl


class Source(Strict):
    """A public source that backs the facts of an entry."""

    title: str = Field(min_length=3)
    publisher: str = Field(min_length=2)
    url: SourceUrl


class EntryFrontMatter(Strict):
    """The YAML front matter of a knowledge-base entry."""

    id: Slug = Field(pattern=SLUG_PATTERN)
    type: EntryType
    title: str = Field(min_length=3)
    aliases: list[str] = Field(default_factory=list)
    summary: str = Field(min_length=20)
    phenomena: list[str] = Field(min_length=1)
    domains: list[str] = Field(min_length=1)
    age_groups: list[str] = Field(default_factory=list)
    # strict: YAML's true/false must not pass as 1/0.
    age_min: int | None = Field(default=None, ge=0, le=120, strict=True)
    age_max: int | None = Field(default=None, ge=0, le=120, strict=True)
    roles: list[str] = Field(min_length=1)
    levels: list[str] = Field(min_length=1)
    evidence: str | None = None
    partners: list[PartnerLink] = Field(default_factory=list)
    decision_maker: str | None = None
    legal_basis: list[LegalBasis] = Field(default_factory=list)
    combines_with: list[Slug] = Field(default_factory=list)
    alternatives: list[Slug] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    last_reviewed: dt.date
    status: Status
    reviewed_by: str | None = None
    mandate: str | None = None
    access: str | None = None
    # Applicability: whom the entry acts on and when it does not apply (see docs/kb-format.md).
    for_whom: list[str] = Field(default_factory=list)
    scope: list[str] = Field(default_factory=list)
    requires: list[str] = Field(default_factory=list)
    excludes: list[str] = Field(default_factory=list)
    region: str = Field(default=NATIONWIDE, min_length=2, max_length=80)
    protective: bool = False
    first_response: bool = False
    #: The dangers (signals) a protective step answers; it leads the answer only when the case
    #: shows one of them. Empty: it answers any danger.
    protects: list[str] = Field(default_factory=list)

    @field_validator("scope", mode="before")
    @classmethod
    def _one_scope_or_both(cls, value: object) -> object:
        # Most entries are one kind of step; an approach that is both is written as a list.
        return [value] if isinstance(value, str) else value

    @field_validator("last_reviewed", mode="before")
    @classmethod
    def _date_not_text(cls, value: object) -> object:
        # YAML turns 2026-11-28 into a date; a quoted or odd string should still parse or fail clearly.
        if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError("verwacht een datum als JJJJ-MM-DD")
        if isinstance(value, int | float):  # pydantic would read a number as a Unix time
            raise ValueError("verwacht een datum als JJJJ-MM-DD")
        return value

    # Messages of model-level rules start with "<field>: " so the loader can point at that key.
    @model_validator(mode="after")
    def _type_rules(self) -> EntryFrontMatter:
        if self.first_response and not self.protective:
            raise ValueError("first_response: alleen voor een beschermende stap (protective: true)")
        if self.protects and not self.protective:
            raise ValueError("protects: alleen voor een beschermende stap (protective: true)")
        if set(self.requires) & set(self.excludes):
            both = ", ".join(sorted(set(self.requires) & set(self.excludes)))
            raise ValueError(f"requires: {both} staat ook onder excludes")
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError(f"age_min: {self.age_min} is groter dan age_max ({self.age_max})")
        if self.type == "partner":
            for name in ("mandate", "access"):
                if not getattr(self, name):
                    raise ValueError(f"{name}: verplicht voor een partner")
        elif not self.evidence:
            raise ValueError(
                "evidence: verplicht (gebruik 'onbekend' als geen erkenning bekend is)"
            )
        if self.status == "actueel" and not self.reviewed_by:
            # 'actueel' means someone checked the sources; recommender review records who.
            raise ValueError("reviewed_by: verplicht bij status 'actueel' (zet via een review)")
        if self.type == "instrument" and not self.legal_basis:
            raise ValueError(
                "legal_basis: een juridisch instrument heeft minstens één wettelijke grondslag"
            )
        return self


class Entry(EntryFrontMatter):
    """A loaded entry: front matter plus its body sections and where it came from."""

    sections: dict[str, str] = Field(default_factory=dict)
    path: str = ""

    @property
    def age_range(self) -> tuple[int, int] | None:
        """Return the numeric age range, if the entry states one."""
        if self.age_min is None and self.age_max is None:
            return None
        return (self.age_min or 0, self.age_max if self.age_max is not None else 120)


class CasusProfile(Strict):
    """The case profile of a vignette, as a professional would enter it."""

    text: str = ""
    phenomena: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)
    age_groups: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    levels: list[str] = Field(default_factory=list)


class ExpertChoice(Strict):
    """An entry or partner an expert would consider, with the reason."""

    id: Slug = Field(pattern=SLUG_PATTERN)
    why: str = Field(min_length=5)


class CasusFrontMatter(Strict):
    """The YAML front matter of a workshop case vignette."""

    id: Slug = Field(pattern=SLUG_PATTERN)
    title: str = Field(min_length=3)
    summary: str = Field(min_length=10)
    profile: CasusProfile
    questions: list[str] = Field(min_length=1)
    expert_entries: list[ExpertChoice] = Field(min_length=1)
    expert_partners: list[ExpertChoice] = Field(default_factory=list)
    last_reviewed: dt.date
    status: Status


class Casus(CasusFrontMatter):
    """A loaded vignette: front matter plus the story steps."""

    steps: list[tuple[str, str]] = Field(default_factory=list)
    trainer_notes: str = ""
    path: str = ""


class Signal(Strict):
    """An observable signal of a phenomenon, with the source that names it."""

    id: Slug = Field(pattern=SLUG_PATTERN)
    tekst: str = Field(min_length=10)
    bron: Source


class SignalCatalog(Strict):
    """``kb/signalen.yaml``: checklists of signals per phenomenon."""

    last_reviewed: dt.date
    status: Status
    fenomenen: dict[str, list[Signal]]


class FigureSource(Strict):
    """A kind of figures one partner holds, and where the KB explains sharing them."""

    id: Slug = Field(pattern=SLUG_PATTERN)
    titel: str = Field(min_length=3)
    partner: Slug
    voorbeelden: str = Field(min_length=5)
    delen_via: list[Slug] = Field(min_length=1)


class FigureSourceCatalog(Strict):
    """``kb/cijferbronnen.yaml``."""

    last_reviewed: dt.date
    status: Status
    bronnen: list[FigureSource]


class Tension(Strict):
    """Two kinds of steps that pull against each other in one plan, and the dilemma between them.

    The tension shows on a plan that holds at least one entry of each side.
    """

    id: Slug = Field(pattern=SLUG_PATTERN)
    kant_a: list[Slug] = Field(min_length=1, description="Entries on one side.")
    kant_b: list[Slug] = Field(min_length=1, description="Entries on the other side.")
    vraag: str = Field(
        min_length=20, max_length=600, description="The question for the case meeting."
    )
    bron: Source


class TensionCatalog(Strict):
    """``kb/spanningen.yaml``: tensions between entries, each with its public source."""

    last_reviewed: dt.date
    status: Status
    spanningen: list[Tension]


CheckResult = Literal["ok", "gecorrigeerd"]


class CheckedClaim(Strict):
    """One load-bearing claim of an entry, checked against a public source on a date."""

    claim: str = Field(min_length=10, max_length=600)
    source_url: SourceUrl
    checked: dt.date
    result: CheckResult
    note: str = Field("", max_length=1500, description="What the source says; may be empty.")

    @field_validator("checked")
    @classmethod
    def _not_in_future(cls, value: dt.date) -> dt.date:
        if value > dt.date.today():
            raise ValueError("controledatum ligt in de toekomst")
        return value


class CheckRecord(RootModel[list[CheckedClaim]]):
    """``kb/checks/<slug>.yaml``: what was checked in one entry, against which source and when."""

    root: list[CheckedClaim] = Field(min_length=1)


class Canon(RootModel[dict[str, list[Slug]]]):
    """``kb/canon.yaml``: per entry type, the slugs every release must contain."""
