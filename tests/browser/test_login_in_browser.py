"""Team deployment in real Chromium: st.login against a real OIDC provider, two users, two roles."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import _free_port, _page, _serve, screenshot, wait_idle

pytestmark = pytest.mark.browser
ADVISER = "anna"
PROFESSIONAL = "piet"
TITLE = "Gezinstherapie thuis (GTT)"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """oidc-provider-mock on a free port, with an adviser and a professional."""
    from oidc_provider_mock import User, run_server_in_thread

    users = [
        User(
            sub=ADVISER,
            claims={"email": "anna@example.org", "email_verified": True, "name": "Anna Adviseur"},
        ),
        User(
            sub=PROFESSIONAL,
            claims={
                "email": "piet@example.org",
                "email_verified": True,
                "name": "Piet Professional",
            },
        ),
    ]
    with run_server_in_thread(user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="module")
def team_server(
    ui_kb: Path, provider: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """The app with st.login configured in a secrets.toml of its own and a writable KB copy."""
    root = tmp_path_factory.mktemp("team")
    kb = root / "kb"
    shutil.copytree(ui_kb, kb)
    port = _free_port()
    secrets = root / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "test-cookie-secret-that-is-long-enough-0123456789"\n'
        'client_id = "interventiewijzer"\n'
        'client_secret = "geheim"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        "\n[interventiewijzer]\n"
        'advisers = ["anna@example.org"]\n',
        encoding="utf-8",
    )
    for url in _serve(
        kb, tmp_path_factory, port=port, extra_args=["--secrets.files", str(secrets)]
    ):
        yield url, kb


def _sign_in(browser, url: str, user: str):
    pages = _page(browser, url)
    page = next(pages)
    page.goto(url)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("button", name=user, exact=True).click()  # the provider's own form
    page.wait_for_url(f"{url}/**", timeout=60_000)
    wait_idle(page)
    page.goto(f"{url}/beheer")
    wait_idle(page)
    return page, pages


def _open_entry(page) -> None:
    page.get_by_role("tab", name="Bewerken").click()
    page.get_by_label("Vermelding", exact=True).first.click()
    page.get_by_role("option", name=f"{TITLE} (gezinstherapie-test)").click()
    wait_idle(page)


def test_an_adviser_edits_and_a_professional_cannot(browser, team_server) -> None:
    url, kb = team_server
    path = kb / "interventie" / "gezinstherapie-test.md"
    before = path.read_text(encoding="utf-8")

    page, pages = _sign_in(browser, url, PROFESSIONAL)
    expect(page.get_by_text("Ingelogd als Piet Professional (alleen lezen)")).to_be_visible()
    expect(page.get_by_text("Alleen lezen: u heeft geen adviseursrol")).to_be_visible()
    _open_entry(page)
    expect(page.get_by_label("Titel *")).to_be_disabled()
    expect(page.get_by_role("button", name="Opslaan")).to_be_disabled()
    page.get_by_role("tab", name="Index").click()
    expect(page.get_by_role("button", name="Index opnieuw bouwen")).to_be_disabled()
    screenshot(page, "login-professional-beheer")
    pages.close()
    assert path.read_text(encoding="utf-8") == before

    page, pages = _sign_in(browser, url, ADVISER)
    expect(page.get_by_text("Ingelogd als Anna Adviseur (adviseur)")).to_be_visible()
    assert page.get_by_text("Alleen lezen").count() == 0
    _open_entry(page)
    title = page.get_by_label("Titel *")
    title.fill("Gezinstherapie aan huis (GTT)")
    title.press("Tab")
    wait_idle(page)
    page.get_by_role("button", name="Opslaan").click()
    wait_idle(page)
    screenshot(page, "login-adviser-saved")
    expect(page.get_by_text("Opgeslagen in kb/interventie/gezinstherapie-test.md")).to_be_visible()
    assert "title: Gezinstherapie aan huis (GTT)\n" in path.read_text(encoding="utf-8")
    pages.close()


def test_every_page_needs_a_login(browser, team_server) -> None:
    url, _ = team_server
    pages = _page(browser, url)
    page = next(pages)
    page.goto(f"{url}/kennisbank")
    wait_idle(page)
    expect(page.get_by_role("button", name="Inloggen")).to_be_visible()
    assert page.get_by_text(TITLE).count() == 0
    pages.close()
