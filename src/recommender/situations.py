"""Situations some entries presuppose, and what in a Lokale analyse shows that they are there.

Data only. An entry listed under a situation is proposed in step 6 only when the analysis
shows that situation: a figure from one of its sources, or one of its words in a note.
Support for children of detained parents, say, fits no network in which nobody is detained.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Situation:
    """Entries that need a situation, and the figure sources and words that show it."""

    entries: tuple[str, ...]
    sources: tuple[str, ...]
    words: tuple[str, ...]


SITUATIONS: dict[str, Situation] = {
    "detentie": Situation(
        entries=(
            "steun-kinderen-gedetineerde-ouders",
            "nazorg-ex-gedetineerden",
            "nieuwe-perspectieven-bij-terugkeer",
        ),
        sources=("detentie-toezicht",),
        words=(
            "detentie",
            "gedetineerd",
            "gevangenis",
            "jeugdinrichting",
            "penitentiair",
            "vastzit",
            "vast zit",
            "zit vast",
            "vrijgelaten",
            "terug uit de gevangenis",
        ),
    ),
}
