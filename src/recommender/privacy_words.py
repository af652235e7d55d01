"""Word lists for the personal-data check (data only; the logic is in ``privacy``).

deduce reads a capitalised word before a name as part of it, and some shop and organisation
names look like names of persons. Both lists are short on purpose: deduce's own lookup lists
do the real work.
"""

from __future__ import annotations

#: Words that introduce a person but are not part of the name ("Vader Jan de Vries").
ROLE_WORDS: frozenset[str] = frozenset(
    {
        "vader", "moeder", "oom", "tante", "opa", "oma", "broer", "zus", "neef", "nicht",
        "zoon", "dochter", "stiefvader", "stiefmoeder", "grootvader", "grootmoeder",
        "mevrouw", "meneer", "mevr", "mw", "dhr", "mr", "mrs", "ms",
        "jongen", "meisje", "vriend", "vriendin", "mentor", "wijkagent",
        "father", "mother", "uncle", "aunt", "brother", "sister", "son", "daughter", "boy",
        "girl", "grandfather", "grandmother", "cousin", "nephew", "niece", "friend",
    }
)  # fmt: skip

#: Shops, organisations and places named after a person; never flagged as a name.
NOT_PERSONS: tuple[str, ...] = (
    "Albert Heijn",
    "Jan Linders",
    "Hoogvliet",
    "Dirk van den Broek",
    "William Schrikker",
    "Leger des Heils",
    "Hoog Catharijne",
    "Johan de Witt",
    "Johan Cruijff",
    "Anne Frank",
    "Willem-Alexander",
    "Veilig Thuis",
)
