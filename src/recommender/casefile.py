"""A saved case: the Casus form as a small, versioned JSON file on the user's own computer.

Nothing is stored on the server: "Casus opslaan" hands the file to the browser and "Casus
openen" reads it back. Opening validates every field and names the one that is wrong.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .profile import MAX_TEXT_CHARS
from .taxonomy import FACETS, Taxonomy

FORMAT = "interventiewijzer-casus"
VERSION = 1
MAX_FILE_BYTES = 200_000
"""A saved case is a few kilobytes; anything larger is not one of ours."""


class CaseFileError(ValueError):
    """The file is not a valid saved case; the message names the field or the line."""


class CaseFile(BaseModel):
    """What a saved case holds: the description, the chosen facets and the age."""

    model_config = ConfigDict(extra="forbid", strict=True)

    format: Literal["interventiewijzer-casus"] = FORMAT
    version: Literal[1] = VERSION
    text: str = Field(default="", max_length=MAX_TEXT_CHARS)
    phenomena: list[str] = Field(default_factory=list, max_length=50)
    domains: list[str] = Field(default_factory=list, max_length=50)
    age_groups: list[str] = Field(default_factory=list, max_length=50)
    roles: list[str] = Field(default_factory=list, max_length=50)
    levels: list[str] = Field(default_factory=list, max_length=50)
    age: int | None = Field(default=None, ge=0, le=99)

    def facets(self) -> dict[str, list[str]]:
        """Return the chosen facets by name."""
        return {facet: list(getattr(self, facet)) for facet in FACETS}

    def dumps(self) -> str:
        """Return the file's JSON text."""
        return json.dumps(self.model_dump(), ensure_ascii=False, indent=2) + "\n"


def _field_errors(error: ValidationError) -> str:
    # Never echo the input value: a description may hold personal data.
    parts = []
    for problem in error.errors(include_input=False, include_url=False)[:5]:
        where = ".".join(str(p) for p in problem["loc"]) or "bestand"
        parts.append(f"{where}: {problem['msg']}")
    return "; ".join(parts)


def load_case(data: bytes, taxonomy: Taxonomy) -> CaseFile:
    """Parse and validate a saved case.

    Raises:
        CaseFileError: too large, not UTF-8 JSON, a wrong or missing field, an unknown id.
    """
    if len(data) > MAX_FILE_BYTES:
        raise CaseFileError(f"het bestand is groter dan {MAX_FILE_BYTES // 1000} kB")
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise CaseFileError(f"geen UTF-8-tekst (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise CaseFileError(f"geen geldige JSON (regel {error.lineno}: {error.msg})") from None
    except RecursionError:
        raise CaseFileError("de JSON is te diep genest") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise CaseFileError(f"dit is geen opgeslagen casus (veld 'format' moet '{FORMAT}' zijn)")
    try:
        case = CaseFile.model_validate(raw)
    except ValidationError as error:
        raise CaseFileError(_field_errors(error)) from None
    for facet in FACETS:
        unknown = [v for v in getattr(case, facet) if v not in taxonomy.ids(facet)]
        if unknown:
            raise CaseFileError(f"{facet}: onbekende id's {', '.join(v[:40] for v in unknown[:5])}")
    return case
