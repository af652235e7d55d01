"""What a recommendation returns: ranked entries with explanations, a package and partners."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .profile import CaseProfile


class ScoreParts(BaseModel):
    """The weighted contributions that add up to the score."""

    dense: float = Field(description="Semantische gelijkenis (gewogen).")
    lexical: float = Field(description="Trefwoorden, BM25 (gewogen).")
    facets: float = Field(description="Overeenkomst van kenmerken (gewogen).")
    combination: float = Field(0.0, description="Koppeling met andere sterk passende vermeldingen.")
    cases: float = Field(0.0, description="Gekozen door experts in vergelijkbare casussen.")


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


class PackageItem(BaseModel):
    """An entry in the integrated package and the side of the approach it covers."""

    id: str
    title: str
    type: str
    sides: list[str]
    score: float


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
    inferred_facets: dict[str, list[str]] = Field(
        default_factory=dict, description="Kenmerken die uit de tekst zijn afgeleid."
    )
    results: list[Result]
    package: list[PackageItem]
    package_notes: list[str] = Field(default_factory=list)
    partners: list[PartnerSuggestion]
    notices: list[str] = Field(default_factory=list)

    def grouped(self) -> dict[str, list[Result]]:
        """Return the results by type, in the order interventie, instrument, werkwijze."""
        groups: dict[str, list[Result]] = {"interventie": [], "instrument": [], "werkwijze": []}
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
            "package": [item.id for item in self.package],
        }
