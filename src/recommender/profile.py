"""The case profile a professional enters: free text plus facets."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .taxonomy import FACETS, Taxonomy

#: Longer descriptions are cut here (with a notice): matching needs the gist, not a whole file.
MAX_TEXT_CHARS = 5_000


class CaseProfile(BaseModel):
    """A described situation. All fields are optional, but at least one must be given.

    Validate with ``CaseProfile.model_validate(data, context={"taxonomy": taxonomy})`` to
    reject unknown facet ids with the list of valid ones.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(default="", description="Vrije beschrijving, Nederlands of Engels.")
    phenomena: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)
    age_groups: list[str] = Field(default_factory=list)
    # strict: JSON's true must not pass as age 1.
    age: int | None = Field(
        default=None, ge=0, le=120, strict=True, description="Leeftijd in jaren."
    )
    roles: list[str] = Field(default_factory=list)
    levels: list[str] = Field(default_factory=list)

    @field_validator("text", mode="before")
    @classmethod
    def _text_or_empty(cls, value: Any) -> Any:
        return "" if value is None else value

    @field_validator(*FACETS, mode="before")
    @classmethod
    def _list_of_ids(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        return value

    @field_validator(*FACETS)
    @classmethod
    def _known_ids(cls, value: list[str], info: ValidationInfo) -> list[str]:
        taxonomy: Taxonomy | None = (info.context or {}).get("taxonomy")
        if taxonomy is None or info.field_name is None:
            return list(dict.fromkeys(value))
        valid = taxonomy.ids(info.field_name)
        unknown = [term for term in value if term not in valid]
        if unknown:
            raise ValueError(
                f"onbekende {info.field_name}: {', '.join(unknown)}; geldig zijn: {', '.join(valid)}"
            )
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _something_given(self) -> CaseProfile:
        if not self.text.strip() and self.age is None and not any(getattr(self, f) for f in FACETS):
            raise ValueError(
                "geef een beschrijving of kies minstens één kenmerk (fenomeen, domein, leeftijd, rol of niveau)"
            )
        return self

    def truncated_text(self) -> tuple[str, bool]:
        """Return the text cut to MAX_TEXT_CHARS and whether it was cut."""
        if len(self.text) <= MAX_TEXT_CHARS:
            return self.text, False
        return self.text[:MAX_TEXT_CHARS], True

    def age_span(self, taxonomy: Taxonomy) -> tuple[int, int] | None:
        """Return the numeric age range the profile covers, from ``age`` or the age groups."""
        if self.age is not None:
            return (self.age, self.age)
        if not self.age_groups:
            return None
        spans = [taxonomy.age_range(group) for group in self.age_groups]
        return (min(s[0] for s in spans), max(s[1] for s in spans))

    def effective_age_groups(self, taxonomy: Taxonomy) -> list[str]:
        """Return the age groups, derived from ``age`` when only a number was given."""
        if self.age_groups or self.age is None:
            return self.age_groups
        return taxonomy.age_groups_for(self.age)

    def facets_query_text(self, taxonomy: Taxonomy) -> str:
        """Return the chosen facets as Dutch labels, to search with when there is no text."""
        labels = [
            taxonomy.label(facet, term)
            for facet in FACETS
            for term in (
                self.effective_age_groups(taxonomy)
                if facet == "age_groups"
                else getattr(self, facet)
            )
        ]
        return ", ".join(labels)
