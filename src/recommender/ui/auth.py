"""Who uses the app, and may they maintain the KB.

Two deployments:

* On its own machine (the server listens on loopback, the default) there is one user, and that
  user is an adviser, as before.
* In a team deployment Streamlit's own login (``st.login`` with OIDC) is configured in
  ``.streamlit/secrets.toml``; every page needs a signed-in user and the role rule in the
  ``[interventiewijzer]`` section decides who is an adviser: an e-mail address in ``advisers``, or
  the group ``adviser_group`` in the provider's ``groups_claim`` (default ``groups``).

Anyone else may use every page, but Beheer is read-only for them.
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import streamlit as st

from ..history import Author

ROLE_SECTION = "interventiewijzer"
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
Mode = Literal["local", "team", "open"]


@dataclass(frozen=True)
class User:
    """The person behind this session and what they may do."""

    name: str
    email: str
    is_adviser: bool
    signed_in: bool
    mode: Mode

    def author(self) -> Author:
        """Return the git author for this user's changes."""
        return Author(self.name or self.email, self.email)


def is_adviser(claims: Mapping[str, Any], rule: Mapping[str, Any]) -> bool:
    """Apply the role rule to the identity provider's claims.

    Args:
        claims: The claims of the signed-in user (``st.user``).
        rule: The ``[interventiewijzer]`` section: ``advisers`` (e-mail addresses),
            ``adviser_group`` and ``groups_claim``.
    """
    email = str(claims.get("email") or "").strip().lower()
    # A provider that says the address is not verified does not get it trusted.
    verified = claims.get("email_verified", True) is not False
    advisers = {str(a).strip().lower() for a in rule.get("advisers", [])}
    if email and verified and email in advisers:
        return True
    group = rule.get("adviser_group")
    if not group:
        return False
    groups = claims.get(str(rule.get("groups_claim", "groups")), [])
    if isinstance(groups, str):
        groups = [groups]
    return str(group) in {str(g) for g in groups}


def _secrets_section(name: str) -> Mapping[str, Any]:
    try:
        section = st.secrets.get(name)
    except Exception:  # no secrets.toml at all: Streamlit raises on the first access
        return {}
    return section if isinstance(section, Mapping) else {}


def login_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section for ``st.login``."""
    return bool(_secrets_section("auth"))


def on_loopback() -> bool:
    """True when the server only listens on this machine."""
    return str(st.get_option("server.address") or "") in LOOPBACK


def current_user() -> User:
    """Return the user of this session and their role."""
    if login_configured():
        if not st.user.is_logged_in:
            return User("", "", False, False, "team")
        claims = st.user.to_dict()
        email = str(claims.get("email") or "")
        name = str(claims.get("name") or email or claims.get("sub") or "")
        return User(name, email, is_adviser(claims, _secrets_section(ROLE_SECTION)), True, "team")
    if on_loopback():
        account = getpass.getuser()
        return User(account, f"{account}@localhost", True, True, "local")
    # Reachable from other machines without a login: nobody can be trusted to edit.
    return User("", "", False, True, "open")


def require_login(title: str, button: str) -> None:
    """In a team deployment, stop the page until the user has signed in."""
    if login_configured() and not st.user.is_logged_in:
        st.title(title)
        st.button(button, on_click=st.login, type="primary", key="auth_login")
        st.stop()


def sidebar_user(signed_in_as: str, adviser: str, reader: str, logout: str) -> None:
    """In a team deployment, show who is signed in, with which role, and a sign-out button."""
    if not login_configured() or not st.user.is_logged_in:
        return
    user = current_user()
    st.sidebar.caption(
        signed_in_as.format(name=user.name, role=adviser if user.is_adviser else reader)
    )
    st.sidebar.button(logout, on_click=st.logout, key="auth_logout")
