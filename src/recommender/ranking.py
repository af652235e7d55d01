"""Hybrid ranking: dense similarity, BM25 and facet match fused into one score.

The :class:`Recommender` loads the KB, the encoder and the index once and answers any number
of case profiles. All weights live in :class:`RankingConfig`; how they were chosen is in
``docs/benchmarks.md``.
"""

from __future__ import annotations

import copy
import logging
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from .encoders import Encoder, load_encoder
from .explain import best_passage
from .facets import UMBRELLA_PHENOMENON, FacetMatrix, entry_age_span
from .index import Progress, SearchIndex, ensure_search_index
from .inference import infer_facets
from .loader import KnowledgeBase, load_kb
from .paths import default_index_dir, default_kb_dir
from .profile import CaseProfile
from .results import PackageItem, PartnerSuggestion, Recommendation, Result, ScoreParts, Why
from .schema import Casus, Entry
from .taxonomy import FACET_NAMES, Taxonomy
from .text import tokenize

log = logging.getLogger(__name__)

CARE_DOMAINS = frozenset({"zorg", "jeugdbescherming"})
SECURITY_DOMAINS = frozenset({"strafrecht", "bestuursrecht"})
GOVERNANCE_LEVELS = frozenset({"strategisch", "bestuurlijk"})


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
        0.5,
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
        0.2,
        ge=0,
        description="Gewicht van de 'combineren met'-koppeling vanuit goed scorende vermeldingen.",
    )
    combination_sources: int = Field(
        20, ge=0, description="Aantal topvermeldingen dat koppelingen doorgeeft."
    )
    casus_weight: float = Field(
        0.2, ge=0, description="Gewicht van de expertkeuzes in vergelijkbare workshopcasussen."
    )
    casus_neighbours: int = Field(3, ge=0, description="Aantal vergelijkbare casussen dat meetelt.")

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


def _has_facets(profile: CaseProfile, taxonomy: Taxonomy) -> bool:
    return any(getattr(profile, f) for f in ("phenomena", "domains", "roles", "levels")) or (
        profile.age_span(taxonomy) is not None
    )


def casus_query(casus: Casus) -> str:
    """Return the text a vignette is matched on: its profile text and summary."""
    return f"{casus.profile.text} {casus.summary}".strip()


def base_partner(parts: dict[str, np.ndarray]) -> np.ndarray:
    """Return the base score (dense + lexical + facets) used to rank partner entries directly."""
    return parts["dense"] + parts["lexical"] + parts["facets"]


def entry_sides(entry: Entry) -> list[str]:
    """Return which sides of an integrated approach an entry covers."""
    sides = []
    domains = set(entry.domains)
    if domains & CARE_DOMAINS:
        sides.append("zorg")
    if domains & SECURITY_DOMAINS:
        sides.append("veiligheid")
    if "samenwerking" in domains:
        sides.append("samenwerking")
    return sides


def f_beta(hits: float, wanted: int, offered: int, beta: float) -> float:
    """Return the F-beta of matching ``wanted`` profile terms against ``offered`` entry terms.

    Recall (share of the profile's terms the entry covers) counts beta times as much as
    precision (share of the entry's terms the profile asked for), so an entry made for the
    situation outranks one that lists every phenomenon.
    """
    if hits <= 0 or wanted <= 0 or offered <= 0:
        return 0.0
    recall = min(1.0, hits / wanted)
    precision = min(1.0, hits / offered)
    return (1 + beta**2) * precision * recall / (beta**2 * precision + recall)


def facet_match(
    entry: Entry, profile: CaseProfile, taxonomy: Taxonomy, config: RankingConfig
) -> tuple[float, dict[str, list[str]], str | None]:
    """Return the facet score in [0, 1], the matched ids per facet and an age note."""
    weighted, total = 0.0, 0.0
    matched: dict[str, list[str]] = {}
    for facet in ("phenomena", "domains", "roles", "levels"):
        wanted = getattr(profile, facet)
        if not wanted:
            continue
        have = set(getattr(entry, facet))
        hits = [term for term in wanted if term in have]
        credit = float(len(hits))
        if facet == "phenomena" and UMBRELLA_PHENOMENON in have:
            credit += config.umbrella_credit * sum(
                1 for term in wanted if term not in have and term != UMBRELLA_PHENOMENON
            )
        if hits:
            matched[facet] = hits
        weight = config.facet_weights.get(facet, 0.0)
        weighted += weight * f_beta(credit, len(wanted), len(have), config.facet_beta)
        total += weight
    age_note = None
    span = profile.age_span(taxonomy)
    if span is not None:
        weight = config.facet_weights.get("age", 0.0)
        entry_span = entry_age_span(entry, taxonomy)
        if entry_span is None:
            credit = config.unknown_age_credit
        else:
            low, high = max(span[0], entry_span[0]), min(span[1], entry_span[1])
            credit = 1.0 if low <= high else 0.0
            if low <= high:
                age_note = (
                    f"leeftijd {entry_span[0]}-{entry_span[1]} overlapt met {span[0]}-{span[1]}"
                )
        groups = [g for g in profile.effective_age_groups(taxonomy) if g in entry.age_groups]
        if groups:
            matched["age_groups"] = groups
        weighted += weight * credit
        total += weight
    return (weighted / total if total else 0.0), matched, age_note


class Recommender:
    """Answers case profiles from a loaded KB, encoder and index (read-only, thread-safe)."""

    def __init__(
        self,
        kb: KnowledgeBase,
        encoder: Encoder,
        index: SearchIndex,
        config: RankingConfig | None = None,
        index_message: str | None = None,
    ) -> None:
        if kb.taxonomy is None:
            raise ValueError("de kennisbank heeft geen geldige taxonomy.yaml")
        self.kb = kb
        self.taxonomy: Taxonomy = kb.taxonomy
        self.encoder = encoder
        self.index = index
        self.config = config or RankingConfig()
        self.index_message = index_message
        self._entries = [kb.entries[entry_id] for entry_id in index.entry_ids]
        self._facets = FacetMatrix(self._entries, self.taxonomy)
        self._partner_rows = np.array(
            [row for row, e in enumerate(self._entries) if e.type == "partner"], dtype=np.int64
        )
        self._is_partner = np.array([e.type == "partner" for e in self._entries], dtype=bool)
        self._withdrawn = np.array([e.status == "vervallen" for e in self._entries], dtype=bool)
        self._neighbours: list[list[int]] = [[] for _ in self._entries]
        for row, entry in enumerate(self._entries):
            for other in entry.combines_with:
                target = index.row_of_entry.get(other)
                if target is not None and target != row:
                    self._neighbours[row].append(target)
                    self._neighbours[target].append(row)
        self._casus_ids = sorted(kb.casussen)
        self._casus_vectors = (
            encoder.encode([casus_query(kb.casussen[c]) for c in self._casus_ids])
            if self._casus_ids
            else np.zeros((0, encoder.dimension), dtype=np.float32)
        )

    @classmethod
    def load(
        cls,
        kb_dir: Path | str | None = None,
        index_dir: Path | str | None = None,
        encoder: Encoder | str | None = None,
        config: RankingConfig | None = None,
        progress: Progress | None = None,
    ) -> Recommender:
        """Load the KB, the encoder and the index, rebuilding the index when needed.

        Args:
            kb_dir: Knowledge-base folder; default ``./kb`` or ``$INTERVENTIEWIJZER_KB``.
            index_dir: Index cache folder; default ``<repo>/.index`` or ``$INTERVENTIEWIJZER_INDEX``.
            encoder: An encoder or its name (see :func:`recommender.encoders.load_encoder`).
            config: Ranking weights.
            progress: Called with (fraction, message) while an index is built.
        """
        kb = load_kb(Path(kb_dir) if kb_dir is not None else default_kb_dir())
        if kb.taxonomy is None:
            raise ValueError("; ".join(str(p) for p in kb.problems) or "kennisbank onleesbaar")
        model = encoder if isinstance(encoder, Encoder) else load_encoder(encoder)
        folder = Path(index_dir) if index_dir is not None else default_index_dir()
        index, message = ensure_search_index(kb, model, folder, progress)
        return cls(kb, model, index, config, message)

    def with_config(self, config: RankingConfig) -> Recommender:
        """Return a recommender sharing this one's KB, encoder and index, with other weights."""
        variant = copy.copy(self)
        variant.config = config
        return variant

    # --- scoring ---------------------------------------------------------------------------------

    def parse_profile(self, profile: CaseProfile | Mapping[str, Any]) -> CaseProfile:
        """Validate ``profile`` against this KB's taxonomy.

        Raises:
            pydantic.ValidationError: unknown ids (with the valid ones) or an empty profile.
        """
        data = profile.model_dump() if isinstance(profile, CaseProfile) else dict(profile)
        return CaseProfile.model_validate(data, context={"taxonomy": self.taxonomy})

    def effective_profile(self, profile: CaseProfile) -> tuple[CaseProfile, dict[str, list[str]]]:
        """Return the profile with facets read from the text filled in where the user gave none.

        Returns:
            The profile to score with, and the inferred ids per facet (empty when none).
        """
        text, _ = profile.truncated_text()
        found = infer_facets(text, self.taxonomy)
        inferred: dict[str, list[str]] = {}
        if not profile.phenomena and found.phenomena:
            inferred["phenomena"] = found.phenomena
        if not profile.age_groups and profile.age is None:
            groups = found.age_groups(self.taxonomy)
            if groups:
                inferred["age_groups"] = groups
        if not inferred:
            return profile, {}
        return profile.model_copy(update=inferred), inferred

    def query_text(self, profile: CaseProfile) -> str:
        """Return the text to search with: the description followed by the chosen facets' labels.

        The labels put what the user chose into the words BM25 and the encoder see, so a
        description that never says 'huiselijk geweld' still meets entries about it.
        """
        text, _ = profile.truncated_text()
        labels = profile.facets_query_text(self.taxonomy)
        return ". ".join(part for part in (text.strip(), labels) if part)

    def score(
        self,
        profile: CaseProfile,
        query_vector: np.ndarray | None = None,
        exclude_casus: str | None = None,
        effective: tuple[CaseProfile, dict[str, list[str]]] | None = None,
    ) -> dict[str, np.ndarray]:
        """Return the per-entry signals for a validated profile.

        Keys: ``dense``, ``lexical`` and ``facets`` (the weighted base signals), ``combination``
        (boost from well-scoring entries that list this one under ``combines_with``), ``cases``
        (boost from similar workshop vignettes whose experts chose this entry) and ``total``.
        ``exclude_casus`` leaves one vignette out, so a vignette never answers itself;
        ``effective`` passes the result of :meth:`effective_profile` when already known.
        """
        config = self.config
        query_text = self.query_text(profile)
        given_facets = _has_facets(profile, self.taxonomy)
        profile, inferred = effective or self.effective_profile(profile)
        count = len(self._entries)
        dense = np.zeros(count, dtype=np.float32)
        lexical = np.zeros(count, dtype=np.float32)
        if query_text:
            if query_vector is None:
                query_vector = self.encoder.encode([query_text])[0]
            dense = np.clip(
                self.index.dense_entry_scores(query_vector, config.dense_depth), 0, None
            )
            lexical = self.index.lexical_entry_scores(tokenize(query_text))
        facets = self._facets.scores(profile, config)
        w_dense, w_lex, w_facet = config.signal_weights(
            _has_facets(profile, self.taxonomy),
            inferred_only=bool(inferred) and not given_facets,
        )
        dense_norm = dense / dense.max() if dense.size and dense.max() > 0 else dense
        lexical_norm = lexical / lexical.max() if lexical.size and lexical.max() > 0 else lexical
        parts = {
            "dense": w_dense * dense_norm,
            "lexical": w_lex * lexical_norm,
            "facets": w_facet * facets,
        }
        base = (parts["dense"] + parts["lexical"] + parts["facets"]).astype(np.float32)
        base = np.where(self._is_partner, 0.0, base)
        parts["combination"] = config.combination_weight * self._combination_boost(base)
        parts["cases"] = config.casus_weight * self._casus_boost(query_vector, exclude_casus)
        total = base + parts["combination"] + parts["cases"]
        total = np.where(self._withdrawn, -1.0, total)
        # Partners are ranked by their own base match; boosts only lift entries.
        parts["total"] = np.where(self._is_partner, base_partner(parts), total)
        return parts

    def _combination_boost(self, base: np.ndarray) -> np.ndarray:
        """Return per entry the best base score among top entries it is linked to by combines_with."""
        boost = np.zeros_like(base)
        top = np.argsort(-base)[: self.config.combination_sources]
        for source in top:
            for target in self._neighbours[source]:
                boost[target] = max(boost[target], base[source])
        return boost

    def _casus_boost(self, query_vector: np.ndarray | None, exclude: str | None) -> np.ndarray:
        """Return per entry the highest similarity of a nearby vignette whose experts chose it."""
        boost = np.zeros(len(self._entries), dtype=np.float32)
        if query_vector is None or not self._casus_ids:
            return boost
        similarity = self._casus_vectors @ query_vector
        for row in np.argsort(-similarity)[: self.config.casus_neighbours + (1 if exclude else 0)]:
            casus = self.kb.casussen[self._casus_ids[row]]
            if casus.id == exclude:
                continue
            for choice in casus.expert_entries:
                target = self.index.row_of_entry.get(choice.id)
                if target is not None:
                    boost[target] = max(boost[target], float(similarity[row]))
        return boost

    def similar_cases(
        self, query_vector: np.ndarray | None, exclude: str | None = None
    ) -> list[tuple[str, float]]:
        """Return the ids and similarities of the vignettes nearest to the query."""
        if query_vector is None or not self._casus_ids:
            return []
        similarity = self._casus_vectors @ query_vector
        ranked = [(self._casus_ids[i], float(similarity[i])) for i in np.argsort(-similarity)]
        return [item for item in ranked if item[0] != exclude][: self.config.casus_neighbours]

    # Results are built with model_construct: every value is produced here and typed already, and
    # validation would cost more than the whole search. The models still validate when loaded.

    # --- answering -------------------------------------------------------------------------------

    def recommend(
        self,
        profile: CaseProfile | Mapping[str, Any],
        top_k: int = 10,
        exclude_casus: str | None = None,
    ) -> Recommendation:
        """Return ranked, explained entries, an integrated package and partners for ``profile``.

        Args:
            profile: The case profile (validated against the taxonomy).
            top_k: Number of entries to return (1-100).
            exclude_casus: Id of a workshop vignette to leave out of the case-based signal.

        Raises:
            pydantic.ValidationError: the profile is empty or names unknown ids.
        """
        profile = self.parse_profile(profile)
        top_k = max(1, min(int(top_k), 100))
        notices = []
        text, cut = profile.truncated_text()
        if cut:
            notices.append(
                f"De beschrijving is ingekort tot de eerste {len(text):,} tekens voor het zoeken."
            )
        query_text = self.query_text(profile)
        query_vector = self.encoder.encode([query_text])[0] if query_text else None
        scoring_profile, inferred = self.effective_profile(profile)
        signals = self.score(profile, query_vector, exclude_casus, (scoring_profile, inferred))
        if inferred:
            described = "; ".join(
                f"{FACET_NAMES[facet].lower()}: {', '.join(self.taxonomy.label(facet, t) for t in terms)}"
                for facet, terms in inferred.items()
            )
            notices.append(f"Afgeleid uit de beschrijving (niet zelf gekozen): {described}.")
        similar = self.similar_cases(query_vector, exclude_casus)
        query_stems = frozenset(tokenize(query_text))
        order = self._ranked_rows(signals["total"])
        results = [
            self._result(row, signals, scoring_profile, query_vector, query_stems, order, similar)
            for row in order[:top_k]
        ]
        package, package_notes = self._package(order, signals, profile)
        partners = self._partners(results, signals, scoring_profile)
        return Recommendation(
            profile=profile,
            inferred_facets=inferred,
            results=results,
            package=package,
            package_notes=package_notes,
            partners=partners,
            notices=notices,
        )

    def _ranked_rows(self, total: np.ndarray, depth: int = 200) -> list[int]:
        """Return the best non-partner, non-withdrawn rows, best first (at most ``depth``)."""
        eligible = np.flatnonzero(~self._is_partner & (total >= 0))
        if eligible.size > depth:
            eligible = eligible[np.argpartition(-total[eligible], depth - 1)[:depth]]
        return [int(r) for r in eligible[np.lexsort((eligible, -total[eligible]))]]

    def _result(
        self,
        row: int,
        signals: dict[str, np.ndarray],
        profile: CaseProfile,
        query_vector: np.ndarray | None,
        query_stems: frozenset[str],
        order: list[int],
        similar: list[tuple[str, float]],
    ) -> Result:
        entry = self._entries[row]
        _, matched, age_note = facet_match(entry, profile, self.taxonomy, self.config)
        top = order[: self.config.combination_sources]
        combines = [self._entries[n].title for n in self._neighbours[row] if n in top]
        cases = [
            self.kb.casussen[casus_id].title
            for casus_id, _ in similar
            if any(c.id == entry.id for c in self.kb.casussen[casus_id].expert_entries)
        ]
        why = Why.model_construct(
            matched_facets=matched,
            age_overlap=age_note,
            passage=best_passage(self.index, entry.id, query_vector, query_stems),
            combines_with=list(dict.fromkeys(combines)),
            similar_cases=cases,
            score_parts=ScoreParts.model_construct(
                **{
                    part: round(float(signals[part][row]), 4)
                    for part in ("dense", "lexical", "facets", "combination", "cases")
                }
            ),
        )
        return Result.model_construct(
            id=entry.id,
            type=entry.type,
            title=entry.title,
            summary=entry.summary,
            evidence=entry.evidence,
            status=entry.status,
            score=round(float(signals["total"][row]), 4),
            why=why,
        )

    def required_sides(self, profile: CaseProfile) -> list[str]:
        """Return the sides the package must cover for this profile."""
        sides = ["zorg", "veiligheid"]
        if set(profile.levels) & GOVERNANCE_LEVELS:
            sides.append("samenwerking")
        return sides

    def _package(
        self, order: list[int], signals: dict[str, np.ndarray], profile: CaseProfile
    ) -> tuple[list[PackageItem], list[str]]:
        """Choose 5-8 relevant entries that together cover every required side."""
        config = self.config
        if not order:
            return [], []
        top = float(signals["total"][order[0]])
        chosen: list[int] = []
        notes: list[str] = []

        def conflicts(row: int) -> bool:
            entry = self._entries[row]
            for other_row in chosen:
                other = self._entries[other_row]
                if entry.id in other.alternatives or other.id in entry.alternatives:
                    return True
            return False

        for side in self.required_sides(profile):
            if any(side in entry_sides(self._entries[r]) for r in chosen):
                continue
            pick = next(
                (
                    r
                    for r in order
                    if side in entry_sides(self._entries[r])
                    and r not in chosen
                    and not conflicts(r)
                ),
                None,
            )
            if pick is None:
                notes.append(f"Geen vermelding gevonden voor de kant '{side}'.")
                continue
            if float(signals["total"][pick]) < config.package_relevance * top * 0.5:
                notes.append(
                    f"Voor de kant '{side}' past niets sterk; '{self._entries[pick].title}' is de beste optie."
                )
            chosen.append(pick)
        for row in order:
            if len(chosen) >= config.package_max:
                break
            if row in chosen or conflicts(row):
                continue
            if (
                len(chosen) >= config.package_min
                and float(signals["total"][row]) < config.package_relevance * top
            ):
                break
            chosen.append(row)
        chosen.sort(key=lambda r: -float(signals["total"][r]))
        items = [
            PackageItem.model_construct(
                id=self._entries[r].id,
                title=self._entries[r].title,
                type=self._entries[r].type,
                sides=entry_sides(self._entries[r]),
                score=round(float(signals["total"][r]), 4),
            )
            for r in chosen
        ]
        return items, notes

    def _partners(
        self, results: list[Result], signals: dict[str, np.ndarray], profile: CaseProfile
    ) -> list[PartnerSuggestion]:
        """Rank partners by the entries they serve (rank- and role-weighted) and their own match."""
        config = self.config
        scores: dict[str, float] = {}
        reasons: dict[str, dict[str, list[str]]] = {}
        carries: dict[str, list[str]] = {}
        for rank, result in enumerate(results):
            entry = self.kb.entries[result.id]
            rank_weight = max(result.score, 0.0) / math.log2(rank + 2)
            for link in entry.partners:
                if link.id not in self.kb.entries:
                    continue
                weight = config.partner_role_weights.get(link.role, 0.5)
                scores[link.id] = scores.get(link.id, 0.0) + rank_weight * weight
                reasons.setdefault(link.id, {}).setdefault(link.role, []).append(
                    _short_title(entry)
                )
                carries.setdefault(link.id, []).append(entry.id)
        direct = np.maximum(signals["total"][self._partner_rows], 0.0)
        # Only the best direct matches can reach the list; the rest need not be visited.
        best_direct = np.argsort(-direct)[: config.partner_count * 3]
        for position in best_direct:
            partner_id = self._entries[self._partner_rows[position]].id
            bonus = config.partner_direct_weight * float(direct[position])
            scores[partner_id] = scores.get(partner_id, 0.0) + bonus
        if not scores:
            return []
        best = max(scores.values()) or 1.0
        ranked = sorted(scores, key=lambda pid: -scores[pid])[: config.partner_count]
        suggestions = []
        for partner_id in ranked:
            entry = self.kb.entries[partner_id]
            reason = _partner_reason(reasons.get(partner_id, {}), entry, profile, self.taxonomy)
            suggestions.append(
                PartnerSuggestion.model_construct(
                    id=partner_id,
                    title=entry.title,
                    score=round(scores[partner_id] / best, 4),
                    reason=reason,
                    carries_out=list(dict.fromkeys(carries.get(partner_id, []))),
                )
            )
        return suggestions


ROLE_VERBS = {
    "uitvoering": "voert uit",
    "regie": "regie over",
    "besluit": "besluit over",
    "verwijzer": "verwijst naar",
    "informatie": "levert informatie voor",
}


_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z0-9/-]{1,11})\)\s*$")


def _short_title(entry: Entry) -> str:
    """Return the abbreviation if the title has one in brackets, else the title."""
    match = _ABBREVIATION.search(entry.title)
    return match.group(1) if match else entry.title


def _partner_reason(
    by_role: dict[str, list[str]], entry: Entry, profile: CaseProfile, taxonomy: Taxonomy
) -> str:
    parts = [
        f"{ROLE_VERBS[role]}: {', '.join(dict.fromkeys(titles))}"
        for role, titles in sorted(
            by_role.items(), key=lambda item: list(ROLE_VERBS).index(item[0])
        )
    ]
    shared = [taxonomy.label("phenomena", p) for p in profile.phenomena if p in entry.phenomena]
    if shared:
        parts.append(f"werkt op: {', '.join(shared).lower()}")
    if not parts:
        parts.append("past bij de beschreven situatie")
    return "; ".join(parts)
