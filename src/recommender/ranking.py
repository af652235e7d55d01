"""Hybrid ranking: dense similarity, BM25 and facet match fused into one score.

The :class:`Recommender` loads the KB, the encoder and the index once and answers any number
of case profiles. :meth:`Recommender.rank` reads a case and orders the entries that fit it;
the plan (:mod:`recommender.plan`), the partners (:mod:`recommender.partners`) and the
explanations (:mod:`recommender.explain`) are plain functions over that :class:`Ranking`, and
:meth:`Recommender.recommend` only composes them. All weights live in :class:`RankingConfig`;
how they were chosen is in ``docs/benchmarks.md``.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .applicability import CaseFacts, FitMatrix, case_facts
from .config import RankingConfig
from .encoders import Encoder, load_encoder
from .explain import ExplainContext, explain_rows, matched_facets, not_fitting, query_notices
from .facets import SET_FACETS, UMBRELLA_PHENOMENON, FacetMatrix, entry_age_span
from .frame import read_frame
from .frame_corrections import apply_corrections
from .index import Progress, SearchIndex, ensure_search_index
from .inference import KeywordIndex, infer_facets
from .loader import KnowledgeBase, load_kb
from .partners import PartnerGraph, partner_graph, suggest_partners
from .paths import default_index_dir, default_kb_dir
from .plan import (
    PlanContext,
    compose_plan,
    entry_lane,
    entry_lanes,
    package_items,
    package_notes,
)
from .profile import CaseProfile
from .ranked import PreparedQuery, Ranking, shown_scores, top_indices
from .results import Recommendation
from .schema import Casus, Entry
from .taxonomy import Taxonomy
from .text import tokenize
from .vocabulary import (
    CASES,
    COMBINATION,
    CONTRA,
    DENSE,
    FACET_MATCH,
    LEXICAL,
    PARTNER_TYPE,
    SITUATION,
    TOTAL,
    WITHDRAWN_STATUS,
)

log = logging.getLogger(__name__)


def _has_facets(profile: CaseProfile, taxonomy: Taxonomy) -> bool:
    return any(getattr(profile, f) for f in SET_FACETS) or (profile.age_span(taxonomy) is not None)


def casus_query(casus: Casus) -> str:
    """Return the text a vignette is matched on: its profile text and summary."""
    return f"{casus.profile.text} {casus.summary}".strip()


#: Characters of a Kennisbank search that are read (a search box, not a case description).
SEARCH_CHARS = 500
#: An entry is a search result when a query word occurs in it (BM25 above 0) or its best
#: passage is this close in meaning (cosine); below it "xyzzy qwerty" still found everything.
SEARCH_DENSE_FLOOR = 0.5


def base_partner(parts: dict[str, np.ndarray]) -> np.ndarray:
    """Return the base score (dense + lexical + facets) used to rank partner entries directly."""
    return parts[DENSE] + parts[LEXICAL] + parts[FACET_MATCH]


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
    for facet in SET_FACETS:
        wanted = getattr(profile, facet)
        if not wanted:
            continue
        have = set(getattr(entry, facet))
        credit = float(sum(1 for term in wanted if term in have))
        if facet == "phenomena" and UMBRELLA_PHENOMENON in have:
            credit += config.umbrella_credit * sum(
                1 for term in wanted if term not in have and term != UMBRELLA_PHENOMENON
            )
        weight = config.facet_weights.get(facet, 0.0)
        weighted += weight * f_beta(credit, len(wanted), len(have), config.facet_beta)
        total += weight
    span = profile.age_span(taxonomy)
    entry_span = entry_age_span(entry, taxonomy)
    if span is not None:
        weight = config.facet_weights.get("age", 0.0)
        if entry_span is None:
            credit = config.unknown_age_credit
        else:
            credit = 1.0 if max(span[0], entry_span[0]) <= min(span[1], entry_span[1]) else 0.0
        weighted += weight * credit
        total += weight
    matched, age_note = matched_facets(
        entry, profile, span, profile.effective_age_groups(taxonomy), entry_span
    )
    return (weighted / total if total else 0.0), matched, age_note


def lift(order: list[int], rows: list[int], position: int) -> list[int]:
    """Return ``order`` with ``rows`` right after its first ``position`` rows.

    The best ``position`` matches keep their place and the protective steps among the rest
    follow them, in the order given; the others keep their order after that.
    """
    head = order[:position]
    lifted = [row for row in rows if row not in head]
    chosen = set(head) | set(lifted)
    return head + lifted + [row for row in order if row not in chosen]


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
        self._fit = FitMatrix(self._entries, self.taxonomy)
        self._plan_context = PlanContext(
            entries=self._entries,
            taxonomy=self.taxonomy,
            titles={e.id: e.title for e in self._entries if e.type == PARTNER_TYPE},
            tensions=kb.tensions,
            config=self.config,
            lanes=[entry_lane(entry, self.taxonomy) for entry in self._entries],
            lane_options=[entry_lanes(entry, self.taxonomy) for entry in self._entries],
            age_fits=self._fit.age_fits,
            row_of_entry=index.row_of_entry,
        )
        self._is_partner = np.array([e.type == PARTNER_TYPE for e in self._entries], dtype=bool)
        self._withdrawn = np.array(
            [e.status == WITHDRAWN_STATUS for e in self._entries], dtype=bool
        )
        self._keywords = KeywordIndex(self.taxonomy)
        self._partner_graph = partner_graph(
            self._entries,
            {term: self.taxonomy.label("phenomena", term) for term in self.taxonomy.phenomena},
        )
        neighbours: list[list[int]] = [[] for _ in self._entries]
        for row, entry in enumerate(self._entries):
            for other in entry.combines_with:
                target = index.row_of_entry.get(other)
                if target is not None and target != row:
                    neighbours[row].append(target)
                    neighbours[target].append(row)
        self._neighbour_rows = [np.array(n, dtype=np.int64) for n in neighbours]
        self._casus_ids = sorted(kb.casussen)
        self._casus_choices = {
            casus_id: frozenset(choice.id for choice in casus.expert_entries)
            for casus_id, casus in kb.casussen.items()
        }
        self._casus_vectors = (
            encoder.encode([casus_query(kb.casussen[c]) for c in self._casus_ids])
            if self._casus_ids
            else np.zeros((0, encoder.dimension), dtype=np.float32)
        )
        self._explain_context = ExplainContext(
            entries=self._entries,
            index=index,
            taxonomy=self.taxonomy,
            fit=self._fit,
            config=self.config,
            age_spans=self._facets.age_spans,
            neighbour_rows=self._neighbour_rows,
            casussen={
                casus_id: (casus.title, self._casus_choices[casus_id])
                for casus_id, casus in kb.casussen.items()
            },
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

    @property
    def entries(self) -> list[Entry]:
        """Return the entries in index row order (the rows of a :class:`Ranking`)."""
        return self._entries

    @property
    def plan_context(self) -> PlanContext:
        """Return what :func:`recommender.plan.compose_plan` needs besides a ranking."""
        return self._plan_context

    @property
    def explain_context(self) -> ExplainContext:
        """Return what :func:`recommender.explain.explain_rows` needs besides a ranking."""
        return self._explain_context

    @property
    def partner_graph(self) -> PartnerGraph:
        """Return the compiled partner links :func:`recommender.partners.suggest_partners` uses."""
        return self._partner_graph

    def with_config(self, config: RankingConfig) -> Recommender:
        """Return a recommender sharing this one's KB, encoder and index, with other weights."""
        variant = copy.copy(self)
        variant.config = config
        variant._plan_context = dataclasses.replace(self._plan_context, config=config)
        variant._explain_context = dataclasses.replace(self._explain_context, config=config)
        return variant

    # --- scoring ---------------------------------------------------------------------------------

    def parse_profile(self, profile: CaseProfile | Mapping[str, Any]) -> CaseProfile:
        """Validate ``profile`` against this KB's taxonomy.

        Raises:
            pydantic.ValidationError: unknown ids (with the valid ones) or an empty profile.
        """
        data = profile.model_dump() if isinstance(profile, CaseProfile) else dict(profile)
        return CaseProfile.model_validate(data, context={"taxonomy": self.taxonomy})

    def prepare(self, profile: CaseProfile, vector: np.ndarray | None = None) -> PreparedQuery:
        """Derive once what scoring needs from a validated profile: text, tokens, vector, facets.

        Args:
            profile: A profile validated by :meth:`parse_profile`.
            vector: The query vector, when already encoded (the encoder is then not called).
        """
        text = profile.truncated_text()[0].strip()
        labels = profile.facets_query_text(self.taxonomy)
        text_tokens = tokenize(text)
        tokens = text_tokens + tokenize(labels)
        frame = apply_corrections(read_frame(profile, self.taxonomy), profile, self.taxonomy)
        facts = case_facts(frame, profile, self.taxonomy)
        scoring_profile, inferred = self.effective_profile(profile, text_tokens, facts)
        # The labels put what the user chose into the words BM25 and the encoder see, so a
        # description that never says 'huiselijk geweld' still meets entries about it.
        query_text = ". ".join(part for part in (text, labels) if part)
        lexical = self.index.lexical_entry_scores(tokens)
        # The encoder comes last: its large model pushes everything else out of the CPU caches.
        if vector is None and query_text:
            vector = self.encoder.encode([query_text])[0]
        return PreparedQuery(
            profile=profile,
            frame=frame,
            facts=facts,
            scoring_profile=scoring_profile,
            inferred=inferred,
            tokens=tokens,
            lexical=lexical,
            vector=vector if query_text else None,
        )

    def effective_profile(
        self,
        profile: CaseProfile,
        text_tokens: list[str] | None = None,
        facts: CaseFacts | None = None,
    ) -> tuple[CaseProfile, dict[str, list[str]]]:
        """Return the profile with facets read from the text filled in where the user gave none.

        Args:
            profile: A validated profile.
            text_tokens: The tokens of the profile's text, when already known.
            facts: The case facts from the frame; its subject's age decides the age group, so
                ages of other people in the story do not.

        Returns:
            The profile to score with, and the inferred ids per facet (empty when none).
        """
        text, _ = profile.truncated_text()
        found = infer_facets(text, self.taxonomy, self._keywords, text_tokens)
        inferred: dict[str, list[str]] = {}
        if not profile.phenomena and found.phenomena:
            inferred["phenomena"] = found.phenomena
        if not profile.age_groups and profile.age is None:
            if facts is not None:
                groups = (
                    self.taxonomy.age_groups_for(facts.subject_age)
                    if facts.subject_age is not None
                    else []
                )
            else:
                groups = found.age_groups(self.taxonomy)
            if groups:
                inferred["age_groups"] = groups
        if not inferred:
            return profile, {}
        return profile.model_copy(update=inferred), inferred

    def score(
        self, query: PreparedQuery | CaseProfile, exclude_casus: str | None = None
    ) -> dict[str, np.ndarray]:
        """Return the per-entry signals for a prepared query (or a validated profile).

        Keys (:mod:`recommender.vocabulary`): ``dense``, ``lexical`` and ``facets`` (the weighted
        base signals), ``combination`` (boost from well-scoring entries that list this one under
        ``combines_with``), ``cases`` (boost from similar workshop vignettes whose experts chose
        this entry), ``contra`` (the 'Wanneer niet' deduction) and ``total``.
        ``exclude_casus`` leaves one vignette out, so a vignette never answers itself.
        """
        if isinstance(query, CaseProfile):
            query = self.prepare(query)
        config = self.config
        profile, inferred, query_vector = query.scoring_profile, query.inferred, query.vector
        given_facets = _has_facets(query.profile, self.taxonomy)
        lexical = query.lexical
        dense = np.zeros(len(self._entries), dtype=np.float32)
        contra = np.zeros(len(self._entries), dtype=np.float32)
        if query_vector is not None:
            dense, contra = self.index.dense_scores(query_vector, config.dense_depth)
        facets = self._facets.scores(profile, config)
        w_dense, w_lex, w_facet = config.signal_weights(
            _has_facets(profile, self.taxonomy),
            inferred_only=bool(inferred) and not given_facets,
        )
        dense_norm = dense / dense.max() if dense.size and dense.max() > 0 else dense
        lexical_norm = lexical / lexical.max() if lexical.size and lexical.max() > 0 else lexical
        parts = {
            DENSE: w_dense * dense_norm,
            LEXICAL: w_lex * lexical_norm,
            FACET_MATCH: w_facet * facets,
        }
        base = (parts[DENSE] + parts[LEXICAL] + parts[FACET_MATCH]).astype(np.float32)
        # Partners and withdrawn entries pass no combination boost on (nor is it explained).
        base = np.where(self._is_partner | self._withdrawn, 0.0, base)
        parts[COMBINATION] = config.combination_weight * self._combination_boost(base)
        parts[CASES] = config.casus_weight * self._casus_boost(self._similar(query, exclude_casus))
        # What the entry's own fields say it is for counts beside the wording: 13b when drugs
        # are kept in a premises, Veilig Thuis when a child is unsafe at home.
        requirement_met, danger_answered = self._fit.made_for(query.facts)
        parts[SITUATION] = np.where(
            self._is_partner | self._withdrawn,
            0.0,
            config.situation_weight * requirement_met + config.danger_weight * danger_answered,
        ).astype(np.float32)
        # A case closer to an entry's 'Wanneer niet' than to the rest of it counts against it.
        dense_top = float(dense.max()) if dense.size and dense.max() > 0 else 1.0
        parts[CONTRA] = -config.contra_weight * np.maximum(contra - dense, 0.0) / dense_top
        total = base + parts[COMBINATION] + parts[CASES] + parts[SITUATION] + parts[CONTRA]
        total = np.where(self._withdrawn, -1.0, total)
        # Partners are ranked by their own base match; boosts only lift entries.
        parts[TOTAL] = np.where(self._is_partner, base_partner(parts), total)
        return parts

    def _combination_boost(self, base: np.ndarray) -> np.ndarray:
        """Return per entry the best base score among top entries it is linked to by combines_with."""
        boost = np.zeros_like(base)
        top = top_indices(base, self.config.combination_sources)
        targets = [self._neighbour_rows[source] for source in top]
        counts = [len(t) for t in targets]
        if sum(counts):
            np.maximum.at(boost, np.concatenate(targets), np.repeat(base[top], counts))
        return boost

    def _similar(self, query: PreparedQuery, exclude: str | None) -> list[tuple[str, float]]:
        """Return :meth:`similar_cases` for a prepared query, computed once per query."""
        key = (exclude, self.config.casus_neighbours)
        found = query.neighbours.get(key)
        if found is None:
            found = query.neighbours[key] = self.similar_cases(query.vector, exclude)
        return found

    def _casus_boost(self, similar: list[tuple[str, float]]) -> np.ndarray:
        """Return per entry the highest similarity of a nearby vignette whose experts chose it."""
        boost = np.zeros(len(self._entries), dtype=np.float32)
        for casus_id, similarity in similar:
            for choice in self._casus_choices[casus_id]:
                target = self.index.row_of_entry.get(choice)
                if target is not None:
                    boost[target] = max(boost[target], similarity)
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
        top_k = max(1, min(int(top_k), 100))
        ranking = self.rank(profile, exclude_casus)
        query = ranking.query
        shown = ranking.order[:top_k]
        explain = self._explain_context
        plan = compose_plan(ranking, self._plan_context)
        # Plain dicts validated once by pydantic-core are faster than constructing models here.
        return Recommendation.model_validate(
            {
                "profile": query.profile,
                "frame": query.frame,
                "question_kind": query.facts.question_kind,
                "unsafe": ranking.safety_first != [] or query.facts.unsafe,
                "inferred_facets": query.inferred,
                "results": explain_rows(shown, ranking, explain),
                "other_scope": explain_rows(
                    ranking.other_scope[: self.config.other_group_count], ranking, explain
                ),
                "elsewhere": explain_rows(
                    ranking.elsewhere[: self.config.other_group_count], ranking, explain
                ),
                "not_fitting": not_fitting(ranking, explain),
                "plan": plan,
                "package": package_items(plan, ranking, self._plan_context),
                "package_notes": package_notes(plan, self.taxonomy),
                "partners": suggest_partners(
                    ranking,
                    shown,
                    shown_scores(ranking.signals[TOTAL], shown),
                    self._partner_graph,
                    self.config,
                ),
                "notices": query_notices(query, self.taxonomy),
            }
        )

    def rank(
        self, profile: CaseProfile | Mapping[str, Any], exclude_casus: str | None = None
    ) -> Ranking:
        """Read the case, score every entry and order those that fit.

        Entries whose hard limits or preconditions rule them out never enter ``order``; they are
        kept apart in ``not_fitting`` with the reason. When someone is unsafe, the protective
        steps that fit (``safety_first``, the plan's first lane) follow the best
        ``config.safety_position`` matches.

        Args:
            profile: The case profile (validated against the taxonomy).
            exclude_casus: Id of a workshop vignette to leave out of the case-based signal.

        Raises:
            pydantic.ValidationError: the profile is empty or names unknown ids.
        """
        return self.rank_query(self.prepare(self.parse_profile(profile)), exclude_casus)

    def rank_query(self, query: PreparedQuery, exclude_casus: str | None = None) -> Ranking:
        """Return :meth:`rank` for an already prepared query (evaluation reuses prepared queries)."""
        signals = self.score(query, exclude_casus)
        facts = query.facts
        fit = self._fit.check(facts)
        ranked = self._ranked_rows(signals[TOTAL])
        if not self.config.apply_fit:
            fit = self._fit.everything_fits()
        fits, other_scope, elsewhere = fit.fits, fit.other_scope, fit.elsewhere
        order = [r for r in ranked if fits[r] and not other_scope[r] and not elsewhere[r]]
        safety: list[int] = []
        if facts.unsafe and not facts.is_policy and self.config.apply_fit:
            # What anyone can do now (a report, a safety plan) comes before what others decide.
            answers = self._fit.answers_danger(facts)
            protective = self._fit.protective & answers
            first = self._fit.first_response & answers
            count = self.config.safety_count
            safety = [r for r in order if first[r]][: min(count, self.config.first_response_count)]
            safety += [r for r in order if protective[r] and r not in safety][: count - len(safety)]
            order = lift(order, safety, self.config.safety_position)
        return Ranking(
            query=query,
            signals=signals,
            fit=fit,
            order=order,
            safety_first=safety,
            other_scope=[r for r in ranked if fits[r] and other_scope[r] and not elsewhere[r]],
            elsewhere=[r for r in ranked if fits[r] and elsewhere[r]],
            not_fitting=[r for r in ranked if not fits[r]],
            similar_cases=self._similar(query, exclude_casus),
        )

    def _ranked_rows(self, total: np.ndarray, depth: int = 200) -> list[int]:
        """Return the best non-partner, non-withdrawn rows, best first (at most ``depth``)."""
        eligible = np.flatnonzero(~self._is_partner & (total >= 0))
        return eligible[top_indices(total[eligible], depth)].tolist()

    # --- searching -------------------------------------------------------------------------------

    def search(self, text: str) -> list[tuple[str, float]]:
        """Return the entries relevant to a search text with their score, best first.

        This is the Kennisbank search: every entry, partners and withdrawn ones included, that
        shares a word with the text or is close to it in meaning (``SEARCH_DENSE_FLOOR``);
        ties keep index order. A text of nonsense words finds nothing.
        """
        if not text.strip():
            return []
        query = self.prepare(self.parse_profile(CaseProfile(text=text[:SEARCH_CHARS])))
        total = self.score(query)[TOTAL]
        relevant = query.lexical > 0
        if query.vector is not None:
            dense = self.index.dense_entry_scores(query.vector, self.config.dense_depth)
            relevant |= dense >= SEARCH_DENSE_FLOOR
        rows = np.flatnonzero(relevant)
        rows = rows[np.argsort(-total[rows], kind="stable")]
        return [(self._entries[row].id, float(total[row])) for row in rows.tolist()]
