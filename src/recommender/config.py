"""Every weight and limit of the ranker in one model, :class:`RankingConfig`.

How the defaults were chosen is in ``docs/benchmarks.md``.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class RankingConfig(BaseModel):
    """Every weight of the ranker in one place."""

    dense_weight: float = Field(0.3, ge=0, description="Gewicht semantische gelijkenis.")
    lexical_weight: float = Field(0.3, ge=0, description="Gewicht BM25.")
    facet_weight: float = Field(0.4, ge=0, description="Gewicht kenmerken.")
    facet_weights: dict[str, float] = Field(
        default_factory=lambda: {
            "phenomena": 0.35,
            "domains": 0.15,
            "roles": 0.15,
            "levels": 0.2,
            "age": 0.15,
        }
    )
    umbrella_credit: float = Field(
        0.5, description="Deelscore voor 'ondermijning' als een specifiek fenomeen gevraagd is."
    )
    facet_beta: float = Field(
        2.0,
        gt=0,
        description="F-beta per kenmerk: hoeveel zwaarder dekking telt dan specificiteit.",
    )
    inferred_facet_factor: float = Field(
        1.0,
        ge=0,
        le=1,
        description="Deel van het kenmerkgewicht voor kenmerken die uit de tekst zijn afgeleid.",
    )
    unknown_age_credit: float = Field(
        0.6, description="Leeftijdsscore voor vermeldingen zonder leeftijd."
    )
    dense_depth: int = Field(400, description="Aantal passages dat FAISS per vraag teruggeeft.")
    package_min: int = 5
    package_max: int = 8
    package_relevance: float = Field(
        0.6,
        description="Na het minimum komt een vermelding alleen in het pakket boven deze fractie van de topscore.",
    )
    partner_role_weights: dict[str, float] = Field(
        default_factory=lambda: {
            "uitvoering": 1.0,
            "regie": 0.9,
            "besluit": 0.9,
            "verwijzer": 0.6,
            "informatie": 0.4,
        }
    )
    partner_direct_weight: float = Field(
        0.6, description="Gewicht van een directe match van de partner zelf."
    )
    partner_count: int = 8
    combination_weight: float = Field(
        0.4,
        ge=0,
        description="Gewicht van de 'combineren met'-koppeling vanuit goed scorende vermeldingen.",
    )
    combination_sources: int = Field(
        20, ge=0, description="Aantal topvermeldingen dat koppelingen doorgeeft."
    )
    casus_weight: float = Field(
        0.4, ge=0, description="Gewicht van de expertkeuzes in vergelijkbare workshopcasussen."
    )
    casus_neighbours: int = Field(3, ge=0, description="Aantal vergelijkbare casussen dat meetelt.")
    situation_weight: float = Field(
        0.2,
        ge=0,
        description=(
            "Bonus als de casus een voorwaarde toont waarvoor de vermelding bedoeld is (requires):"
            " 13b Opiumwet bij drugs in een pand."
        ),
    )
    danger_weight: float = Field(
        0.2,
        ge=0,
        description=(
            "Bonus voor een beschermende stap die een gevaar in de casus beantwoordt (protects):"
            " Veilig Thuis bij een onveilig kind, niet bij bedreigde handhavers."
        ),
    )
    contra_weight: float = Field(
        0.3,
        ge=0,
        description=(
            "Aftrek als de casus meer lijkt op de sectie 'Wanneer niet' van een vermelding dan op"
            " de rest ervan (per eenheid verschil in gelijkenis, genormaliseerd)."
        ),
    )
    apply_fit: bool = Field(
        True,
        description=(
            "Pas de toepasbaarheidsregels toe (leeftijd, voorwaarden, soort vraag, regio) en zet"
            " beschermende stappen vooraan; uit voor de baselines van gewoon zoeken."
        ),
    )
    safety_count: int = Field(
        3, ge=0, description="Aantal beschermende stappen dat vooraan komt als iemand onveilig is."
    )
    safety_position: int = Field(
        4,
        ge=0,
        description=(
            "Zoveel best passende vermeldingen houden hun plaats boven de beschermende stappen in"
            " de ranglijst (die zo in de top tien staan); het plan opent altijd met 'Eerst:"
            " veiligheid'."
        ),
    )
    first_response_count: int = Field(
        2,
        ge=0,
        description="Hoeveel daarvan eerste stappen zijn die elke professional nu kan zetten.",
    )
    not_fitting_count: int = Field(
        5,
        ge=0,
        description="Aantal sterk lijkende maar niet passende vermeldingen dat apart staat.",
    )
    other_group_count: int = Field(
        5,
        ge=0,
        description="Aantal vermeldingen in de groep 'Voor de organisatie' (of 'Casusstappen').",
    )

    plan_depth: int = Field(
        40, ge=1, description="Aantal best passende vermeldingen waaruit het plan kiest."
    )
    plan_lane_max: int = Field(3, ge=1, description="Hoogstens zoveel vermeldingen per baan.")
    plan_relevance: float = Field(
        0.75,
        ge=0,
        description="Een vermelding komt in haar baan boven deze fractie van de beste score.",
    )
    plan_min_items: int = Field(
        8,
        ge=0,
        description=(
            "Een plan met minder stappen vult aan met de volgende passende vermeldingen boven"
            " plan_side_relevance, in een baan met plaats."
        ),
    )
    plan_side_relevance: float = Field(
        0.5,
        ge=0,
        description=(
            "Ondergrens (fractie van de beste score) om de zorg- of veiligheidskant, of een"
            " persoon die gevaar loopt, alsnog een stap te geven."
        ),
    )

    def signal_weights(
        self, has_facets: bool, inferred_only: bool = False
    ) -> tuple[float, float, float]:
        """Return normalised (dense, lexical, facet) weights.

        Facets drop out when there are none, and count for ``inferred_facet_factor`` of their
        weight when all of them were read from the text rather than chosen by the user.
        """
        facet = self.facet_weight if has_facets else 0.0
        if inferred_only:
            facet *= self.inferred_facet_factor
        total = self.dense_weight + self.lexical_weight + facet
        if total <= 0:
            return (0.0, 0.0, 0.0)
        return (self.dense_weight / total, self.lexical_weight / total, facet / total)
