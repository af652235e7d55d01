"""Rules for the URLs of sources and legal bases, beyond "is it a URL".

A link that parses can still be wrong in ways a reader only finds by clicking: two
addresses glued together, a copy from an acceptance server, or a "legal basis" that
points at a news item or at an old version of the law. The checks here raise
``ValueError`` with a Dutch message; :mod:`recommender.schema` runs them on every
``url`` so :mod:`recommender.loader` reports them as ``path:line: field: message``.
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, HttpUrl

#: Hosts that publish the official, consolidated text of Dutch and EU law.
LAW_HOSTS: frozenset[str] = frozenset({"wetten.overheid.nl", "eur-lex.europa.eu"})

#: Host-label words that mark an acceptance, test or staging copy of a site.
TEST_HOST_WORDS: frozenset[str] = frozenset(
    {"acc", "acceptatie", "accept", "test", "tst", "staging", "stage", "ontw"}
)

# A scheme anywhere after the start means two addresses were pasted into one.
_SECOND_SCHEME = re.compile(r"(?:https?|ftp)(?::|%3A)(?:/|%2F)", re.IGNORECASE)
# A page name followed by more path ("a.html/b.html") is a second address glued on.
_PAGE_THEN_PATH = re.compile(r"\.(?:html?|aspx?)/", re.IGNORECASE)
# wetten.overheid.nl pins a historical version with a date segment or a g=/z= parameter.
_PINNED_VERSION = re.compile(r"/\d{4}-\d{2}-\d{2}(?:/|$)|[?&;][gz]=\d{4}-\d{2}-\d{2}")


def _is_test_host(host: str) -> bool:
    # Labels like "wetten-acc" or "acc2" count; "contest" or "accountant" do not.
    for label in host.split("."):
        for word in label.split("-"):
            if word.rstrip("0123456789") in TEST_HOST_WORDS:
                return True
    return False


def check_url(value: object) -> object:
    """Reject a malformed, joined or test-server URL; pass anything else on unchanged.

    Args:
        value: The raw value from the front matter (usually a string).

    Returns:
        The value, for pydantic's own URL parsing.

    Raises:
        ValueError: If the URL has whitespace, a second scheme, a page glued onto a page,
            or a host on an acceptance or test server.
    """
    if not isinstance(value, str):
        return value
    url = value.strip()
    if re.search(r"\s", url):
        raise ValueError("URL bevat een spatie of regeleinde (twee URL's aan elkaar?)")
    if _SECOND_SCHEME.search(url, 1):
        raise ValueError("URL bevat een tweede 'http(s)://' (twee URL's aan elkaar geplakt)")
    parts = urlsplit(url)
    if _PAGE_THEN_PATH.search(parts.path):
        raise ValueError("URL plakt een tweede pad achter een pagina (twee URL's aan elkaar)")
    host = (parts.hostname or "").lower()
    if host and "." not in host:
        raise ValueError(f"host {host!r} heeft geen domein")
    if _is_test_host(host):
        raise ValueError(f"host {host!r} is een acceptatie- of testserver; link naar de echte site")
    return url


def check_law_url(url: HttpUrl) -> HttpUrl:
    """Require the official, current text of the law for a ``legal_basis`` link.

    Args:
        url: A URL that already passed :func:`check_url` and pydantic's parsing.

    Returns:
        The URL unchanged.

    Raises:
        ValueError: If the host is not wetten.overheid.nl or eur-lex.europa.eu, or the link
            pins an old version of the law instead of the current consolidated text.
    """
    host = (url.host or "").lower()
    if host not in LAW_HOSTS:
        shown = " of ".join(sorted(LAW_HOSTS))
        raise ValueError(f"wettelijke grondslag moet naar {shown} linken, niet naar {host}")
    if host == "wetten.overheid.nl" and _PINNED_VERSION.search(str(url)):
        raise ValueError("link pint een oude versie van de wet; link naar de geldende tekst")
    return url


#: URL of a source: a valid http(s) URL that passes :func:`check_url`.
SourceUrl = Annotated[HttpUrl, BeforeValidator(check_url)]

#: URL of a legal basis: a :data:`SourceUrl` on an official law host, current version.
LawUrl = Annotated[HttpUrl, BeforeValidator(check_url), AfterValidator(check_law_url)]
