"""The role rule: who is an adviser in a team deployment."""

from __future__ import annotations

from recommender.ui.auth import is_adviser

RULE = {"advisers": ["Anna@Example.org"], "adviser_group": "kb-advisers", "groups_claim": "roles"}


def test_an_adviser_by_e_mail_address_case_insensitive() -> None:
    assert is_adviser({"email": "anna@example.org"}, RULE)
    assert not is_adviser({"email": "piet@example.org"}, RULE)


def test_an_unverified_address_is_not_trusted() -> None:
    assert not is_adviser({"email": "anna@example.org", "email_verified": False}, RULE)


def test_an_adviser_by_group_claim() -> None:
    assert is_adviser({"email": "piet@example.org", "roles": ["kb-advisers", "x"]}, RULE)
    assert is_adviser({"roles": "kb-advisers"}, RULE)
    assert not is_adviser({"groups": ["kb-advisers"]}, RULE)  # a different claim than configured


def test_no_rule_means_no_advisers() -> None:
    assert not is_adviser({"email": "anna@example.org", "groups": ["kb-advisers"]}, {})
