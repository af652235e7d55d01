"""What a recommendation returns: ranked entries with explanations, a package and partners."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from .profile import CaseProfile
from .vocabulary import CASE_SCOPE, STEP_TYPES


class ScoreParts(BaseModel):
    """The weighted contributions that add up to the score."""

    dense: float = Field(description="Semantische gelijkenis (gewogen).")
    lexical: float = Field(description="Trefwoorden, BM25 (gewogen).")
    facets: float = Field(description="Overeenkomst van kenmerken (gewogen).")
    combination: float = Field(0.0, description="Koppeling met andere sterk passende vermeldingen.")
    cases: float = Field(0.0, description="Gekozen door experts in vergelijkbare casussen.")
    situation: float = Field(
        0.0,
        description="De casus toont een situatie waarvoor de vermelding bedoeld is (requires, protects).",
    )
    contra: float = Field(
        0.0, description="Aftrek: de casus lijkt op wanneer de vermelding niet past (≤ 0)."
    )


class Passage(BaseModel):
    """The best matching piece of an entry."""

    section: str
    snippet: str = Field(description="Fragment; zoektermen staan tussen ** **.")
    terms: list[str] = Field(default_factory=list, description="Gevonden zoektermen.")


class Why(BaseModel):
    """Why an entry was suggested."""

    matched_facets: dict[str, list[str]] = Field(default_factory=dict)
    age_overlap: str | None = None
    passage: Passage | None = None
    combines_with: list[str] = Field(
        default_factory=list, description="Sterk passende vermeldingen waarmee dit combineert."
    )
    similar_cases: list[str] = Field(
        default_factory=list, description="Vergelijkbare workshopcasussen waarin experts dit kozen."
    )
    situation: list[str] = Field(
        default_factory=list,
        description="Signalen in de casus waarvoor de vermelding bedoeld is (requires, protects).",
    )
    score_parts: ScoreParts


class Result(BaseModel):
    """One suggested entry."""

    id: str
    type: str
    title: str
    summary: str
    evidence: str | None
    status: str
    score: float
    why: Why
    protective: bool = Field(False, description="Maakt iemand nu veilig.")
    safety_first: bool = Field(
        False, description="Vooraan gezet omdat iemand in de casus onveilig is."
    )
    region: str = "landelijk"
    scope: list[str] = Field(default_factory=list)
    decision_maker: str | None = None


class NotFitting(BaseModel):
    """An entry that matches the words of the case but does not fit it, and why not."""

    id: str
    title: str
    type: str
    reasons: list[str]


class PackageItem(BaseModel):
    """An entry in the integrated package and the side of the approach it covers."""

    id: str
    title: str
    type: str
    sides: list[str]
    score: float


class PlanItem(BaseModel):
    """One step of the plan: what, for whom, carried out by whom, and why."""

    id: str
    title: str
    type: str
    for_: str = Field(alias="for", description="Voor wie: 'voor de jongen (13)', 'tegen de ooms'.")
    person: str | None = Field(None, description="Sleutel van de persoon in het casusbeeld.")
    partner: str = Field("", description="Wie voert uit (partnernaam).")
    partner_id: str | None = None
    partner_role: str | None = None
    why: str
    first_step: str | None = Field(None, description="Eerste stap uit 'Wie doet wat'.")
    step: int = Field(description="Volgorde in het plan: wat eerst komt.")
    protective: bool = False

    model_config = {"populate_by_name": True}


class PlanLane(BaseModel):
    """A lane of the plan ("Eerst: veiligheid", "Zorg en ondersteuning", ...)."""

    id: str
    title: str
    title_en: str = ""
    items: list[PlanItem]


class PlanTension(BaseModel):
    """Two steps in the plan that pull against each other: a question for the case meeting."""

    id: str
    between: list[str]
    note: str
    source: str


class Plan(BaseModel):
    """The plan for the family: lanes in order, and the tensions between their steps."""

    lanes: list[PlanLane] = Field(default_factory=list)
    tensions: list[PlanTension] = Field(default_factory=list)

    def entry_ids(self) -> list[str]:
        """Return the entry ids in lane order."""
        return [item.id for lane in self.lanes for item in lane.items]

    def batch_record(self) -> dict[str, object]:
        """Return the plan as the batch contract shapes it."""
        return {
            "lanes": [
                {
                    "id": lane.id,
                    "title": lane.title,
                    "items": [
                        {"id": i.id, "for": i.for_, "partner": i.partner, "why": i.why}
                        for i in lane.items
                    ],
                }
                for lane in self.lanes
            ],
            "tensions": [{"between": t.between, "note": t.note} for t in self.tensions],
        }


class PartnerSuggestion(BaseModel):
    """A partner organisation to involve, with the reason."""

    id: str
    title: str
    score: float
    reason: str
    carries_out: list[str] = Field(
        default_factory=list, description="Ids van voorgestelde vermeldingen."
    )


class Recommendation(BaseModel):
    """The full answer to a case profile."""

    profile: CaseProfile
    frame: Any = Field(None, description="Het casusbeeld: personen, signalen, soort vraag.")
    question_kind: str = CASE_SCOPE
    unsafe: bool = Field(False, description="Iemand in de casus is nu onveilig.")
    inferred_facets: dict[str, list[str]] = Field(
        default_factory=dict, description="Kenmerken die uit de tekst zijn afgeleid."
    )
    results: list[Result]
    other_scope: list[Result] = Field(
        default_factory=list,
        description="Passend, maar van de andere soort: voor de organisatie (of casusstappen bij een beleidsvraag).",
    )
    elsewhere: list[Result] = Field(
        default_factory=list, description="Aanpakken die in een andere regio zijn ontwikkeld."
    )
    not_fitting: list[NotFitting] = Field(
        default_factory=list, description="Lijken op de casus maar passen niet, met de reden."
    )
    plan: Plan = Field(default_factory=Plan)
    package: list[PackageItem]
    package_notes: list[str] = Field(default_factory=list)
    partners: list[PartnerSuggestion]
    notices: list[str] = Field(default_factory=list)

    def scoring_profile(self) -> CaseProfile:
        """Return the profile the answer was scored with: the inferred facets filled in."""
        return self.profile.model_copy(update=self.inferred_facets)

    def grouped(self) -> dict[str, list[Result]]:
        """Return the results by type, in the order interventie, instrument, werkwijze."""
        groups: dict[str, list[Result]] = {entry_type: [] for entry_type in STEP_TYPES}
        for result in self.results:
            groups.setdefault(result.type, []).append(result)
        return groups

    def batch_record(self) -> dict[str, object]:
        """Return the stable JSON shape of the batch contract (one line per profile)."""
        return {
            "results": [
                {
                    "id": r.id,
                    "type": r.type,
                    "title": r.title,
                    "score": round(r.score, 4),
                    "why": r.why.model_dump(),
                }
                for r in self.results
            ],
            "partners": [
                {"id": p.id, "title": p.title, "score": round(p.score, 4), "reason": p.reason}
                for p in self.partners
            ],
            "plan": self.plan.batch_record(),
            "package": self.plan.entry_ids(),
            "frame": self.frame.model_dump(mode="json") if self.frame is not None else None,
            "other_scope": [r.id for r in self.other_scope],
            "not_fitting": [{"id": n.id, "reasons": n.reasons} for n in self.not_fitting],
        }
