"""The shared names of recommender.vocabulary agree with every place that must spell them out.

Python cannot build a ``Literal`` type, a YAML vocabulary or a translation table from the
constants, so those name the values again; these tests keep them in step with the one definition.
"""

from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest

from recommender import vocabulary as v
from recommender.config import RankingConfig
from recommender.loader import ENTRY_TYPES
from recommender.lokale_analyse import OWNER_ROLES
from recommender.partners import ROLE_VERBS
from recommender.plan import CARRIER_ROLES, SIDE_WORDS
from recommender.render import ROLE_COLOURS
from recommender.report import TYPE_HEADINGS
from recommender.results import ScoreParts
from recommender.schema import EntryType, PartnerRole, Status
from recommender.taxonomy import FACETS, Taxonomy
from recommender.ui.i18n import TEXTS

from .conftest import REAL_KB


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.from_file(REAL_KB / "taxonomy.yaml")


def test_the_schema_types_spell_the_vocabulary() -> None:
    assert typing.get_args(EntryType) == v.ENTRY_TYPES
    assert set(typing.get_args(PartnerRole)) == set(v.PARTNER_ROLES)
    assert v.WITHDRAWN_STATUS in typing.get_args(Status)
    assert set(v.STEP_TYPES) == set(v.ENTRY_TYPES) - {v.PARTNER_TYPE}
    assert tuple(TYPE_HEADINGS) == v.STEP_TYPES


def test_older_names_are_the_shared_ones() -> None:
    assert ENTRY_TYPES is v.ENTRY_TYPES
    assert FACETS is v.FACETS
    assert v.AGE_FACET in v.FACETS and v.AGE_FACET not in v.SET_FACETS


def test_the_taxonomy_defines_every_shared_id(taxonomy: Taxonomy) -> None:
    assert tuple(taxonomy.ids("types")) == v.ENTRY_TYPES
    assert set(taxonomy.ids("partner_roles")) == set(v.PARTNER_ROLES)
    assert v.WITHDRAWN_STATUS in taxonomy.ids("statuses")
    assert {v.CASE_SCOPE, v.ORGANISATION_SCOPE} <= set(taxonomy.ids("scopes"))
    assert {v.CASE_SCOPE, v.POLICY_QUESTION} <= set(taxonomy.ids("question_kinds"))
    assert {v.SAFETY_LANE, v.REGIE_LANE} <= set(taxonomy.lanes)
    sides = {lane.kant for lane in taxonomy.lanes.values()}
    assert {v.CARE_SIDE, v.SECURITY_SIDE} <= sides
    domains = set(taxonomy.ids("domains"))
    assert v.CARE_DOMAINS | v.SECURITY_DOMAINS | {v.GOVERNANCE_DOMAIN} <= domains
    assert v.OPERATIONAL_LEVEL in taxonomy.ids("levels")


def test_every_role_has_a_weight_a_verb_a_colour_and_a_translation() -> None:
    roles = set(v.PARTNER_ROLES)
    assert set(RankingConfig().partner_role_weights) == roles
    assert set(ROLE_VERBS) == roles
    assert set(ROLE_COLOURS) == roles
    assert {f"role_{role}" for role in roles} <= set(TEXTS)
    assert set(CARRIER_ROLES) <= roles
    assert set(OWNER_ROLES) <= roles


def test_every_score_part_is_a_field_and_has_a_label() -> None:
    assert tuple(ScoreParts.model_fields) == v.SCORE_PARTS
    assert {f"part_{part}" for part in (*v.SCORE_PARTS, v.TOTAL)} <= set(TEXTS)


def test_every_side_has_a_label() -> None:
    sides = {v.CARE_SIDE, v.SECURITY_SIDE, v.GOVERNANCE_SIDE}
    assert {f"side_{side}" for side in sides} <= set(TEXTS)
    assert set(SIDE_WORDS) == {v.CARE_SIDE, v.SECURITY_SIDE}


def test_no_name_is_defined_twice() -> None:
    # A second assignment would silently replace the first for every importer.
    tree = ast.parse(Path(v.__file__).read_text(encoding="utf-8"))
    names = [
        node.target.id if isinstance(node, ast.AnnAssign) else node.targets[0].id
        for node in tree.body
        if isinstance(node, ast.AnnAssign | ast.Assign)
    ]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
