"""Roles of the persons in a case text: who exploits, harms, reports or witnesses whom.

Part of the case frame (:mod:`recommender.frame`). Roles come from the verbs around persons
in one clause ('wordt door zijn ooms ingezet', 'zagen hoe vader moeder sloeg', 'dealing for
older boys'); the cue words are in ``data/frame_lexicon.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .frame_persons import Draft, Mention
from .lexicon import (
    EXPLOITER,
    OFFENDER,
    REPORTER,
    VICTIM,
    WITNESS,
    CueOrFor,
    LexiconIndex,
)
from .negation import Scanned


def cue_matches(
    scanned: Scanned, compiled: LexiconIndex, mask: list[bool]
) -> list[tuple[CueOrFor, int, int]]:
    """Return (group, first word, end word) of every role cue that is not negated.

    A cue counts as negated only with the negation right before it ('niet bedreigd', 'not
    beaten'): 'zonder papieren moet hij werken' still says he must work. A negation after the
    verb ('hij slaat haar niet') is not seen.
    """
    found: list[tuple[CueOrFor, int, int]] = []
    position = 0
    size = len(scanned)
    while position < size:
        for needle, group in compiled.cues.get(scanned.folded[position], ()):
            if tuple(scanned.folded[position : position + len(needle)]) == needle:
                if not (mask[position] and _negation_just_before(scanned, compiled, position)):
                    found.append((group, position, position + len(needle)))
                position += len(needle) - 1
                break
        position += 1
    return found


def _negation_just_before(scanned: Scanned, compiled: LexiconIndex, position: int) -> bool:
    return any(
        scanned.folded[p] in compiled.triggers and scanned.clause[p] == scanned.clause[position]
        for p in range(max(0, position - 2), position)
    )


@dataclass
class _Clause:
    """The persons of one clause around a cue."""

    here: list[Mention]
    before: list[Mention]  # before the cue, without modifiers ('moeder' in 'vriend van moeder')
    after: list[Mention]
    antecedent: Mention | None  # the word a 'die'/'who' right before the cue points to


def _clause_at(
    scanned: Scanned,
    sets: dict[str, frozenset[str]],
    mentions: list[Mention],
    start: int,
    end: int,
) -> _Clause:
    clause = scanned.clause[start]
    here = [m for m in mentions if scanned.clause[m.start] == clause]
    antecedent = None
    preceding = [m for m in here if m.end <= start]
    if preceding:
        last = preceding[-1]
        between = scanned.folded[last.end : start]
        if between and between[0] in sets["relative_pronouns"] and len(between) <= 4:
            antecedent = last
    elif start > 0:
        # 'haar broer, die dealt': the comma opened a new clause, the antecedent ends the last one.
        opening = start
        while opening > 0 and scanned.clause[opening - 1] == clause:
            opening -= 1
        if start - opening <= 3 and scanned.folded[opening] in sets["relative_pronouns"]:
            antecedent = next((m for m in mentions if m.end == opening and m.relation), None)
    return _Clause(
        here=here,
        before=[m for m in preceding if not m.modifier],
        after=[m for m in here if m.start >= end],
        antecedent=antecedent,
    )


def assign_roles(
    scanned: Scanned,
    compiled: LexiconIndex,
    mentions: list[Mention],
    cues: list[tuple[CueOrFor, int, int]],
    drafts: dict[str, Draft],
    pronoun_roles: set[str],
    writer: list[int],
    pronoun_objects: list[tuple[int, str]],
) -> bool:
    """Give persons roles from the verbs around them, clause by clause.

    A clause without any person word ('..., maar wordt bedreigd') is about the subject:
    typed notes drop it all the time.

    An object pronoun ('partner mishandelt haar') is listed in ``pronoun_objects`` with its
    position and role, not in ``pronoun_roles``: whom it means is decided once the subject is
    known.

    Returns:
        Whether the writer, a professional, is threatened or harmed ('vader dreigt mij').
    """
    sets = compiled.sets
    subject = Mention(-1, -1, None)  # stands for the subject, chosen later
    writer_harmed = False

    def give(mention: Mention | None, role: str, here: list[Mention]) -> list[Mention]:
        given = _coordinated(scanned, sets, mention, here) if mention else []
        for person in given:
            if person.key is None:
                # The subject placeholder (start -1) is no word of the text.
                if person.start >= 0 and scanned.folded[person.start] in sets["object_pronouns"]:
                    pronoun_objects.append((person.start, role))
                else:
                    pronoun_roles.add(role)
            else:
                drafts[person.key].roles.add(role)
        return given

    for group, start, end in cues:
        around = _clause_at(scanned, sets, mentions, start, end)
        here = around.here
        if group == "exploit_for":
            agent = next((m for m in around.after if m.start - end <= 2 and m.relation), None)
            if agent is not None:
                give(agent, EXPLOITER, here)
                give(
                    around.antecedent or (around.before[-1] if around.before else subject),
                    VICTIM,
                    here,
                )
            continue
        if group in ("exploit", "harm"):
            agent, patient = _agent_and_patient(scanned, sets, around, start, end)
            if patient is None and (
                not here or any(w in sets["object_pronouns"] for w in scanned.folded[start:end])
            ):
                patient = subject
            agents = give(agent, EXPLOITER if group == "exploit" else OFFENDER, here)
            patients = give(patient, VICTIM, here)
            if group == "harm":
                writer_harmed = writer_harmed or any(
                    start - 3 <= w < end + 2 and scanned.clause[w] == scanned.clause[start]
                    for w in writer
                )
                for doer in agents:
                    if doer.key:
                        drafts[doer.key].harmed_by.update(p.key or "__subject__" for p in patients)
            continue
        holder = around.antecedent or (around.before[-1] if around.before else None)
        if holder is None and group in ("offend", "detain") and around.after:
            # 'Opgepakt: jongen van 15'; but after 'meldt dat' comes what is reported, not who.
            holder = around.after[0]
        if holder is None and not here:
            holder = subject
        if group == "detain":
            for person in _coordinated(scanned, sets, holder, here) if holder else []:
                if person.key:
                    drafts[person.key].detained = True
            continue
        give(
            holder,
            {"offend": OFFENDER, "report": REPORTER, "witness": WITNESS}[group],
            here,
        )
    return writer_harmed


def _agent_and_patient(
    scanned: Scanned,
    sets: dict[str, frozenset[str]],
    around: _Clause,
    start: int,
    end: int,
) -> tuple[Mention | None, Mention | None]:
    """Return who acts and who undergoes an exploit or harm verb."""
    before, after = around.before, around.after
    clause = scanned.clause[start]
    agent = _agent(scanned, sets, around.here, clause)
    if agent is not None:
        patient = around.antecedent if around.antecedent is not agent else None
        patient = patient or next((m for m in reversed(before) if m is not agent), None)
        return agent, patient or next((m for m in after if m is not agent), None)
    # Passive when 'wordt'/'is' stands between the last person and the verb.
    since = before[-1].end if before else 0
    passive = any(
        scanned.folded[p] in sets["passive_markers"]
        for p in range(since, start)
        if scanned.clause[p] == clause
    )
    if passive:
        return None, around.antecedent or (before[-1] if before else None)
    # Active voice. An object pronoun before the verb is undergoing it ('die haar laat werken').
    doers = [m for m in before if m.relation or scanned.folded[m.start] in sets["subject_pronouns"]]
    if around.antecedent is not None and around.antecedent not in doers:
        doers.append(around.antecedent)
    objects = [m for m in before if m not in doers and m.start >= (doers[-1].end if doers else 0)]
    if after:
        return (doers[-1] if doers else None), after[0]
    if objects:
        return (doers[-1] if doers else None), objects[-1]
    # Dutch puts both before the verb in a subordinate clause: 'zagen hoe vader moeder sloeg'.
    if len(doers) >= 2 and _adjacent(scanned, sets, doers[-2], doers[-1]):
        return doers[-2], doers[-1]
    return (doers[-1] if doers else None), None


def _adjacent(
    scanned: Scanned, sets: dict[str, frozenset[str]], first: Mention, second: Mention
) -> bool:
    between = scanned.folded[first.end : second.start]
    return len(between) <= 1 and all(word in sets["between_persons"] for word in between)


def _coordinated(
    scanned: Scanned,
    sets: dict[str, frozenset[str]],
    mention: Mention,
    here: list[Mention],
) -> list[Mention]:
    """Return ``mention`` with the persons joined to it by 'en'/'and' ('zus en broer')."""
    if mention.start < 0:
        return [mention]
    group = [mention]
    ordered = sorted(here, key=lambda m: m.start)
    index = next((i for i, m in enumerate(ordered) if m is mention), None)
    if index is None:
        return group
    for step in (1, -1):
        current = index
        while 0 <= current + step < len(ordered):
            left, right = sorted((ordered[current], ordered[current + step]), key=lambda m: m.start)
            # Ages in between do not break the link: 'zus (15) en broer (17)'.
            between = [w for w in scanned.folded[left.end : right.start] if not w.isdigit()]
            if not (
                0 < len(between) <= 3
                and any(word in sets["coordinators"] for word in between)
                and all(
                    word in sets["coordinators"] or word in sets["between_persons"]
                    for word in between
                )
            ):
                break
            current += step
            group.append(ordered[current])
    return group


def _agent(
    scanned: Scanned, sets: dict[str, frozenset[str]], here: list[Mention], clause: int
) -> Mention | None:
    """Return the person right after 'door'/'by' in the clause, if any.

    A pronoun there ('door hem') points to someone else than the subject, so it is skipped.
    """
    for mention in here:
        if mention.relation is None:
            continue
        for link in range(mention.start - 1, max(-1, mention.start - 5), -1):
            if scanned.clause[link] != clause:
                break
            if scanned.folded[link] in sets["agent_markers"]:
                return mention
    return None
