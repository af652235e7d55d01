"""The plan for the family: per lane the few entries that fit best, for whom, by whom, and why.

A plan is composed from a :class:`recommender.ranked.Ranking`: only entries that fit the case
enter it. The package (the plan's entries with the sides they cover) and the notes on a missing
side are read from the plan. Which domains feed which lane, and which side of the approach (care, security,
cooperation) a lane is, lives in ``kb/taxonomy.yaml`` (``lanes``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .applicability import ADULT_AGE
from .config import RankingConfig
from .lexicon import load_lexicon
from .schema import Entry, Tension
from .taxonomy import Taxonomy
from .vocabulary import (
    CARE_DOMAINS,
    CARE_SIDE,
    GOVERNANCE_DOMAIN,
    GOVERNANCE_SIDE,
    REGIE_LANE,
    SAFETY_LANE,
    SECURITY_DOMAINS,
    SECURITY_SIDE,
    TOTAL,
)

if TYPE_CHECKING:
    from .frame import CaseFrame, Person
    from .ranked import Ranking

#: Partner roles that carry out a step, in the order the plan names them.
CARRIER_ROLES = ("uitvoering", "besluit", "regie")
#: How a plan item addresses a kind of target that is no single person.
GROUP_TARGETS = {
    "gezin": "voor het gezin",
    "familienetwerk": "voor het familienetwerk",
    "pand-onderneming": "voor het pand of de onderneming",
    "professional": "voor de professionals",
    "organisatie-bestuur": "voor de organisatie",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_FIRST_BULLET = re.compile(r"^\s*[-*]\s+(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class PlanContext:
    """What composing a plan needs besides the ranking: the KB's entries, lanes and tensions."""

    entries: Sequence[Entry]
    taxonomy: Taxonomy
    titles: dict[str, str]
    tensions: Sequence[Tension]
    config: RankingConfig
    #: Per row the lane id its domains put it in (None when no lane takes it).
    lanes: Sequence[str | None]
    #: Per row whether a person of (age, roles) is within the entry's hard age limits.
    age_fits: Callable[[int, frozenset[str]], np.ndarray]
    #: The row of every entry id.
    row_of_entry: Mapping[str, int]
    #: Per row every lane its domains feed, in the entry's domain order (empty: only ``lanes``).
    lane_options: Sequence[tuple[str, ...]] = ()


def entry_lane(entry: Entry, taxonomy: Taxonomy) -> str | None:
    """Return the lane of an entry: the lane of its first domain that a lane takes."""
    lanes = entry_lanes(entry, taxonomy)
    return lanes[0] if lanes else None


def entry_lanes(entry: Entry, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Return every lane the entry's domains feed, in the order of its domains."""
    found: list[str] = []
    for domain in entry.domains:
        for lane_id, lane in taxonomy.lanes.items():
            if domain in lane.domeinen and lane_id not in found:
                found.append(lane_id)
    return tuple(found)


def first_sentence(text: str) -> str:
    """Return the first sentence of ``text`` (whitespace folded)."""
    flat = " ".join(text.split())
    return _SENTENCE_END.split(flat, maxsplit=1)[0]


def first_step(entry: Entry) -> str | None:
    """Return the first bullet of the entry's ``Wie doet wat`` section, markup removed."""
    match = _FIRST_BULLET.search(entry.sections.get("Wie doet wat", ""))
    return match.group(1).replace("**", "").strip() if match else None


def carrier(entry: Entry, titles: dict[str, str]) -> tuple[str | None, str | None]:
    """Return the partner who carries out ``entry`` and its role (uitvoering first)."""
    for role in CARRIER_ROLES:
        for link in entry.partners:
            if link.role == role and link.id in titles:
                return link.id, role
    return None, None


def acts_on(entry: Entry, person: Person) -> bool:
    """Return whether ``entry`` acts on ``person`` (by its ``for_whom`` and the person's roles)."""
    wanted = set(entry.for_whom)
    roles = set(person.roles)
    young = person.age is not None and person.age < ADULT_AGE
    return (
        ("jeugdige" in wanted and (young or (person.is_subject and person.age is None)))
        or ("ouder" in wanted and "ouder-opvoeder" in roles)
        or ("uitbuiter-dader" in wanted and bool(roles & {"uitbuiter", "dader-verdachte"}))
        or ("volwassen-slachtoffer" in wanted and "slachtoffer" in roles and not young)
    )


def persons_at_risk(frame: CaseFrame) -> list[Person]:
    """Return the persons the plan must cover: the subject, every minor and every victim.

    Whoever exploits others is never among them: the plan acts against them instead.
    """
    return [
        person
        for person in frame.persons
        if "uitbuiter" not in person.roles
        and (
            person.is_subject
            or "slachtoffer" in person.roles
            or (person.age is not None and person.age < ADULT_AGE)
        )
    ]


def _persons_for(entry: Entry, frame: CaseFrame) -> list[Person]:
    """Return the persons of the frame an entry acts on: first those in the role the entry is
    for (youth probation for the son who offends, not for his sister), then the subject."""
    facet_roles = load_lexicon().facet_roles
    wanted = {facet_roles[role] for role in entry.roles if role in facet_roles}
    chosen = [person for person in frame.persons if acts_on(entry, person)]
    chosen.sort(key=lambda p: (not wanted & set(p.roles), not p.is_subject, p.key))
    return chosen


def addressee(entry: Entry, frame: CaseFrame) -> tuple[str, str | None]:
    """Return for whom a plan item is ("voor de jongen (13)", "tegen de ooms") and the person key."""
    persons = _persons_for(entry, frame)
    if persons:
        person = persons[0]
        against = set(person.roles) & {"uitbuiter"} and not person.is_subject
        return (f"{'tegen' if against else 'voor'} {person.label}", person.key)
    for kind, phrase in GROUP_TARGETS.items():
        if kind in entry.for_whom:
            return phrase, None
    return "voor het gezin", None


def _case_hooks(entry: Entry, ranking: Ranking, taxonomy: Taxonomy) -> list[str]:
    facts = ranking.query.facts
    hooks = [taxonomy.label("signals", s).lower() for s in entry.requires if s in facts.signals]
    profile = ranking.query.scoring_profile
    hooks += [
        taxonomy.label("phenomena", p).lower() for p in profile.phenomena if p in entry.phenomena
    ]
    return list(dict.fromkeys(hooks))[:3]


def why(entry: Entry, ranking: Ranking, taxonomy: Taxonomy) -> str:
    """Return one sentence: what the entry does, and what in the case it answers."""
    sentence = first_sentence(entry.summary).rstrip(".")
    hooks = _case_hooks(entry, ranking, taxonomy)
    if hooks:
        return f"{sentence}; hier vanwege {', '.join(hooks)}."
    return f"{sentence}."


def compose_plan(ranking: Ranking, context: PlanContext) -> dict[str, Any]:
    """Return the plan: lanes with their items and the tensions the plan holds.

    Entries come only from ``ranking.order`` (those that fit); a lane holds at most
    ``config.plan_lane_max`` entries above ``config.plan_relevance`` of the best score; a plan
    of fewer than ``config.plan_min_items`` takes the next entries above
    ``config.plan_side_relevance`` where a lane has room, and is never padded below that. Care and
    security are both present when any fitting entry of that side is above
    ``config.plan_side_relevance``; a concrete case always gets one step of regie, and each person
    at risk in the frame a step that acts on them and fits their age.
    """
    config, taxonomy, entries = context.config, context.taxonomy, context.entries
    frame, facts = ranking.query.frame, ranking.query.facts
    total = ranking.signals[TOTAL]
    candidates = ranking.order[: config.plan_depth]
    if not candidates:
        return {"lanes": [], "tensions": []}
    non_safety = [r for r in candidates if r not in ranking.safety_first]
    best = float(total[non_safety[0]]) if non_safety else float(total[candidates[0]])
    lane_rows: dict[str, list[int]] = {lane: [] for lane in taxonomy.lanes}
    targets: dict[int, tuple[str, str | None]] = {}
    placed: dict[int, str] = {}

    def add(row: int, lane: str, target: tuple[str, str | None] | None = None) -> None:
        lane_rows[lane].append(row)
        placed[row] = lane
        targets[row] = target or addressee(entries[row], frame)

    def options(row: int) -> tuple[str, ...]:
        found = context.lane_options[row] if context.lane_options else ()
        first = context.lanes[row]
        lanes = found or ((first,) if first else ())
        return tuple(lane for lane in lanes if lane != SAFETY_LANE)

    def open_lane(row: int, side: str | None = None) -> str | None:
        # An entry of several domains goes to the first of their lanes that has room, so a
        # crowded care lane does not push out a step that is also a legal one.
        return next(
            (
                lane
                for lane in options(row)
                if len(lane_rows[lane]) < config.plan_lane_max
                and (side is None or taxonomy.lanes[lane].kant == side)
            ),
            None,
        )

    for row in ranking.safety_first:
        add(row, SAFETY_LANE)
    for row in candidates:
        if row in placed or float(total[row]) < config.plan_relevance * best:
            continue
        lane = open_lane(row)
        if lane is not None:
            add(row, lane)

    # A thin plan (a few strong steps, the rest just under plan_relevance) takes the next
    # relevant entries rather than leaving lanes empty.
    for row in candidates:
        if len(placed) >= config.plan_min_items:
            break
        if row in placed or float(total[row]) < config.plan_side_relevance * best:
            continue
        lane = open_lane(row)
        if lane is not None:
            add(row, lane)

    for side in (CARE_SIDE, SECURITY_SIDE):
        if any(taxonomy.lanes[lane].kant == side for lane in placed.values()):
            continue
        pick = next(
            (
                (r, lane)
                for r in candidates
                if r not in placed
                and float(total[r]) >= config.plan_side_relevance * best
                and (lane := open_lane(r, side)) is not None
            ),
            None,
        )
        if pick is not None:
            add(*pick)
    if not facts.is_policy:
        if not lane_rows[REGIE_LANE]:
            pick_row = next(
                (r for r in ranking.order if r not in placed and REGIE_LANE in options(r)),
                None,
            )
            if pick_row is not None:
                add(pick_row, REGIE_LANE)
        covered = {key for _, key in targets.values() if key}
        for person in persons_at_risk(frame):
            if person.key in covered or person.age is None:
                continue
            fits_age = context.age_fits(person.age, frozenset(person.roles))
            pick_row = next(
                (
                    r
                    for r in candidates
                    if r not in placed
                    and options(r)
                    and fits_age[r]
                    and acts_on(entries[r], person)
                    and float(total[r]) >= config.plan_side_relevance * best
                ),
                None,
            )
            if pick_row is not None:
                lane = open_lane(pick_row) or options(pick_row)[0]
                add(pick_row, lane, (f"voor {person.label}", person.key))
                covered.add(person.key)
    lanes = []
    step = 0
    for lane_id, lane in taxonomy.lanes.items():
        rows = lane_rows[lane_id]
        if not rows:
            continue
        items = []
        for row in rows:
            entry = entries[row]
            step += 1
            partner, role = carrier(entry, context.titles)
            label, key = targets[row]
            items.append(
                {
                    "id": entry.id,
                    "title": entry.title,
                    "type": entry.type,
                    "for": label,
                    "person": key,
                    "partner": context.titles.get(partner, "") if partner else "",
                    "partner_id": partner,
                    "partner_role": role,
                    "why": why(entry, ranking, taxonomy),
                    "first_step": first_step(entry),
                    "step": step,
                    "protective": entry.protective,
                }
            )
        lanes.append({"id": lane_id, "title": lane.nl, "title_en": lane.en, "items": items})
    held = {item["id"] for lane in lanes for item in lane["items"]}
    tensions = [
        {
            "id": tension.id,
            "between": [
                *[s for s in tension.kant_a if s in held],
                *[s for s in tension.kant_b if s in held],
            ],
            "note": tension.vraag,
            "source": str(tension.bron.url),
        }
        for tension in context.tensions
        if held & set(tension.kant_a) and held & set(tension.kant_b)
    ]
    return {"lanes": lanes, "tensions": tensions}


def plan_entry_ids(plan: dict[str, Any]) -> list[str]:
    """Return the entry ids of a plan in lane order (the batch contract's ``package``)."""
    return [item["id"] for lane in plan["lanes"] for item in lane["items"]]


def entry_sides(entry: Entry) -> list[str]:
    """Return which sides of an integrated approach an entry covers."""
    sides = []
    domains = set(entry.domains)
    if domains & CARE_DOMAINS:
        sides.append(CARE_SIDE)
    if domains & SECURITY_DOMAINS:
        sides.append(SECURITY_SIDE)
    if GOVERNANCE_DOMAIN in domains:
        sides.append(GOVERNANCE_SIDE)
    return sides


def package_items(
    plan: dict[str, Any], ranking: Ranking, context: PlanContext
) -> list[dict[str, Any]]:
    """Return the plan's entries in lane order as package items (the old package contract)."""
    total = ranking.signals[TOTAL]
    items = []
    for entry_id in plan_entry_ids(plan):
        row = context.row_of_entry[entry_id]
        entry = context.entries[row]
        items.append(
            {
                "id": entry.id,
                "title": entry.title,
                "type": entry.type,
                "sides": entry_sides(entry),
                "score": round(float(total[row]), 4),
            }
        )
    return items


#: How a note names a side of the approach ("de zorgkant").
SIDE_WORDS: Mapping[str, str] = {CARE_SIDE: "zorg", SECURITY_SIDE: "veiligheid"}


def package_notes(plan: dict[str, Any], taxonomy: Taxonomy) -> list[str]:
    """Return notes on what the plan lacks: a side of the approach with no fitting step."""
    if not plan["lanes"]:
        return []
    sides = {taxonomy.lanes[lane["id"]].kant for lane in plan["lanes"]}
    return [
        f"Geen passende stap gevonden voor de {SIDE_WORDS[side]}kant; bespreek in het"
        " casusoverleg wie die kant oppakt."
        for side in (CARE_SIDE, SECURITY_SIDE)
        if side not in sides
    ]
