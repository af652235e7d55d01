"""How well the case frame reads the annotated sentences of ``tests/eval/frames.yaml``.

Per field, precision (of what the reader says, how much is right) and recall (of what the
annotation says, how much the reader finds): the subject's relation, age, age group and roles,
the other persons, the roles of all persons, signals, negated signals, the question kind
(``beleid`` counted as the positive class) and the region.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .frame import CaseFrame, read_frame
from .lexicon import load_lexicon
from .paths import REPO_ROOT
from .profile import CaseProfile
from .taxonomy import Taxonomy
from .vocabulary import CASE_SCOPE, POLICY_QUESTION

DEFAULT_FRAME_CASES = REPO_ROOT / "tests" / "eval" / "frames.yaml"

#: The fields reported, in table order, with their Dutch names.
FIELDS: dict[str, str] = {
    "subject": "hoofdpersoon (relatie)",
    "subject_age": "leeftijd hoofdpersoon",
    "subject_age_group": "leeftijdsgroep hoofdpersoon",
    "subject_roles": "rollen hoofdpersoon",
    "persons": "andere personen",
    "person_roles": "rollen van alle personen",
    "signals": "signalen",
    "negated": "ontkende signalen",
    "question_kind": "soort vraag (beleid)",
    "region": "regio",
}


class ExpectedSubject(BaseModel):
    """Who the sentence is about, as annotated."""

    model_config = ConfigDict(extra="forbid")

    relation: str
    age: int | None = None
    age_group: str | None = None
    roles: list[str] = Field(default_factory=list)


class FrameCase(BaseModel):
    """One annotated sentence."""

    model_config = ConfigDict(extra="forbid")

    id: str
    text: str
    subject: ExpectedSubject | None
    persons: dict[str, list[str]] = Field(default_factory=dict)
    signals: list[str] = Field(default_factory=list)
    negated: list[str] = Field(default_factory=list)
    question_kind: str = CASE_SCOPE
    region: str | None = None
    holdout: int = Field(
        default=0,
        ge=0,
        description="0: used to develop the reader; 1, 2: holdout rounds, reported apart.",
    )


@dataclass
class FieldScore:
    """Counts and precision/recall of one field over all sentences."""

    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Return tp / (tp + fp), or 1.0 when the reader said nothing."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Return tp / (tp + fn), or 1.0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add_sets(self, predicted: set, expected: set) -> None:
        """Count a set-valued field of one sentence."""
        self.tp += len(predicted & expected)
        self.fp += len(predicted - expected)
        self.fn += len(expected - predicted)

    def add_value(self, predicted: object, expected: object) -> None:
        """Count a single-valued field of one sentence (None means 'not stated')."""
        if predicted is not None and predicted == expected:
            self.tp += 1
            return
        if predicted is not None:
            self.fp += 1
        if expected is not None:
            self.fn += 1


@dataclass
class FrameReport:
    """Scores per field, and per sentence the fields the reader got wrong."""

    sentences: int
    scores: dict[str, FieldScore]
    mistakes: dict[str, list[str]] = field(default_factory=dict)


def load_frame_cases(path: Path | None = None, taxonomy: Taxonomy | None = None) -> list[FrameCase]:
    """Load and validate the annotated sentences.

    Raises:
        ValueError: naming the file, the sentence id and the field when an annotation is
            malformed or uses an id the vocabularies do not know.
    """
    source = path or DEFAULT_FRAME_CASES
    with source.open(encoding="utf-8") as handle:
        items = yaml.safe_load(handle) or []
    cases = []
    for number, item in enumerate(items, start=1):
        try:
            case = FrameCase.model_validate(item)
        except ValidationError as error:
            where = item.get("id", f"#{number}") if isinstance(item, dict) else f"#{number}"
            raise ValueError(f"{source}: {where}: {error}") from error
        if taxonomy is not None:
            _check_ids(source, case, taxonomy)
        cases.append(case)
    return cases


def _check_ids(source: Path, case: FrameCase, taxonomy: Taxonomy) -> None:
    relations = load_lexicon().relations
    checks: list[tuple[str, Iterable[str], Iterable[str]]] = [
        ("signals", case.signals, taxonomy.ids("signals")),
        ("negated", case.negated, taxonomy.ids("signals")),
        ("question_kind", [case.question_kind], taxonomy.ids("question_kinds")),
        ("persons", case.persons, relations),
        (
            "persons.roles",
            [r for roles in case.persons.values() for r in roles],
            taxonomy.ids("person_roles"),
        ),
    ]
    if case.subject is not None:
        checks += [
            ("subject.relation", [case.subject.relation], relations),
            ("subject.roles", case.subject.roles, taxonomy.ids("person_roles")),
            (
                "subject.age_group",
                [g for g in [case.subject.age_group] if g],
                taxonomy.ids("age_groups"),
            ),
        ]
    for name, used, valid in checks:
        known = set(valid)
        unknown = [value for value in used if value not in known]
        if unknown:
            raise ValueError(f"{source}: {case.id}: {name}: onbekend: {', '.join(unknown)}")


def _other_relations(frame: CaseFrame) -> set[str]:
    return {person.relation for person in frame.persons if not person.is_subject}


def _role_pairs(frame: CaseFrame) -> set[tuple[str, str]]:
    return {(person.relation, role) for person in frame.persons for role in person.roles}


def evaluate_frames(cases: list[FrameCase], taxonomy: Taxonomy) -> FrameReport:
    """Read every sentence and score the frame against its annotation, field by field."""
    scores = {name: FieldScore(name) for name in FIELDS}
    mistakes: dict[str, list[str]] = {}
    for case in cases:
        frame = read_frame(CaseProfile(text=case.text), taxonomy)
        subject = frame.subject
        expected = case.subject
        before = {name: (s.fp, s.fn) for name, s in scores.items()}
        scores["subject"].add_value(
            subject.relation if subject else None,
            expected.relation if expected else None,
        )
        scores["subject_age"].add_value(frame.subject_age, expected.age if expected else None)
        scores["subject_age_group"].add_value(
            frame.subject_age_group, expected.age_group if expected else None
        )
        scores["subject_roles"].add_sets(
            set(subject.roles) if subject else set(),
            set(expected.roles) if expected else set(),
        )
        scores["persons"].add_sets(_other_relations(frame), set(case.persons))
        expected_pairs = {(rel, role) for rel, roles in case.persons.items() for role in roles}
        if expected:
            expected_pairs |= {(expected.relation, role) for role in expected.roles}
        scores["person_roles"].add_sets(_role_pairs(frame), expected_pairs)
        scores["signals"].add_sets(set(frame.signal_ids()), set(case.signals))
        scores["negated"].add_sets(set(frame.negated_ids()), set(case.negated))
        scores["question_kind"].add_value(
            POLICY_QUESTION if frame.question_kind == POLICY_QUESTION else None,
            POLICY_QUESTION if case.question_kind == POLICY_QUESTION else None,
        )
        scores["region"].add_value(frame.region, case.region)
        wrong = [name for name, s in scores.items() if (s.fp, s.fn) != before[name]]
        if wrong:
            mistakes[case.id] = wrong
    return FrameReport(sentences=len(cases), scores=scores, mistakes=mistakes)


def frames_table(report: FrameReport) -> str:
    """Return the scores as a Markdown table."""
    lines = [
        f"Casusbeeld: {report.sentences} geannoteerde zinnen",
        "",
        "| veld | precisie | recall | goed | fout | gemist |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, label in FIELDS.items():
        s = report.scores[name]
        lines.append(f"| {label} | {s.precision:.2f} | {s.recall:.2f} | {s.tp} | {s.fp} | {s.fn} |")
    return "\n".join(lines)
