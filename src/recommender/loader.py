"""Loading and validating the knowledge base.

:func:`load_kb` never stops at the first problem: it collects every problem as a
:class:`Problem` (``path:line: field: message``) and returns the entries that are
valid, so the app and the recommender keep serving the good part of a broken KB.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .markdown import ParsedDocument, parse_document, raw_html_lines
from .schema import (
    REQUIRED_SECTIONS,
    TAXONOMY_FIELDS,
    Canon,
    Casus,
    CasusFrontMatter,
    CheckedClaim,
    CheckRecord,
    Entry,
    EntryFrontMatter,
    FigureSource,
    FigureSourceCatalog,
    Signal,
    SignalCatalog,
    Tension,
    TensionCatalog,
)
from .taxonomy import Taxonomy
from .vocabulary import ENTRY_TYPES as ENTRY_TYPES
from .vocabulary import FACETS, PARTNER_TYPE
from .yamlsafe import load_yaml

CASUS_DIR = "casussen"
MAX_FILE_BYTES = 1_000_000
TAXONOMY_FILE = "taxonomy.yaml"
CANON_FILE = "canon.yaml"
SIGNALS_FILE = "signalen.yaml"
FIGURES_FILE = "cijferbronnen.yaml"
TENSIONS_FILE = "spanningen.yaml"
CHECKS_DIR = "checks"
#: Longest message or field name a problem carries; longer text is cut (a value can be huge).
MAX_PROBLEM_CHARS = 300
#: Longest piece of a KB value quoted in a message.
MAX_QUOTE_CHARS = 60


@dataclass(frozen=True, order=True)
class Problem:
    """One validation problem, printed as ``path:line: field: message``."""

    path: str
    line: int
    field: str
    message: str

    def __post_init__(self) -> None:
        # A message may quote part of a file; a damaged file must never make a huge message.
        for name in ("field", "message"):
            value = getattr(self, name)
            if len(value) > MAX_PROBLEM_CHARS:
                object.__setattr__(self, name, value[: MAX_PROBLEM_CHARS - 1] + "…")
        object.__setattr__(self, "line", max(1, self.line))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def _quote(value: object) -> str:
    """Return ``value`` quoted for a message, cut to MAX_QUOTE_CHARS."""
    text = repr(value)
    return text if len(text) <= MAX_QUOTE_CHARS else text[: MAX_QUOTE_CHARS - 1] + "…"


@dataclass
class KnowledgeBase:
    """The valid entries and case vignettes of a KB folder, plus every problem found."""

    root: Path
    taxonomy: Taxonomy | None
    entries: dict[str, Entry] = field(default_factory=dict)
    casussen: dict[str, Casus] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    canon: dict[str, list[str]] = field(default_factory=dict)
    signals: dict[str, list[Signal]] = field(default_factory=dict)
    figure_sources: list[FigureSource] = field(default_factory=list)
    tensions: list[Tension] = field(default_factory=list)
    #: Per entry id, the claims of its fact-check record (``kb/checks/<id>.yaml``).
    checks: dict[str, list[CheckedClaim]] = field(default_factory=dict)
    content_hash: str = ""

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def of_type(self, entry_type: str) -> list[Entry]:
        """Return the entries of one type, sorted by title."""
        return sorted(
            (e for e in self.entries.values() if e.type == entry_type), key=lambda e: e.title
        )

    @property
    def broken_files(self) -> list[str]:
        """Return the files that have at least one problem, sorted."""
        return sorted({p.path for p in self.problems})


def load_kb(root: Path | str) -> KnowledgeBase:
    """Load every entry and vignette under ``root`` and collect all problems.

    Args:
        root: The knowledge-base folder (holding ``taxonomy.yaml``).

    Returns:
        The knowledge base with the valid entries and the list of problems.
    """
    root = Path(root)
    kb = KnowledgeBase(root=root, taxonomy=None)
    if not root.is_dir():
        kb.problems.append(Problem(str(root), 1, "kb", "map bestaat niet"))
        return kb
    kb.taxonomy = _load_taxonomy(root, kb.problems)
    if kb.taxonomy is None:
        return kb
    kb.canon = _load_canon(root, kb.problems)
    hasher = hashlib.sha256()
    for path, text in _read_files(root, ENTRY_TYPES, kb.problems, hasher):
        entry = _parse_entry(path, text, root, kb.taxonomy, kb.problems)
        if entry is None:
            continue
        if entry.id in kb.entries:
            first = kb.entries[entry.id].path
            kb.problems.append(
                Problem(
                    entry.path, _line_of(text, "id"), "id", f"dubbel id; ook gebruikt in {first}"
                )
            )
            continue
        kb.entries[entry.id] = entry
    for path, text in _read_files(root, (CASUS_DIR,), kb.problems, hasher):
        casus = _parse_casus(path, text, root, kb.taxonomy, kb.problems)
        if casus is not None and casus.id not in kb.casussen:
            kb.casussen[casus.id] = casus
    hasher.update((root / TAXONOMY_FILE).read_bytes())
    kb.content_hash = hasher.hexdigest()
    _load_catalogs(kb)
    _load_tensions(kb)
    _load_checks(kb)
    _check_links(kb)
    _check_canon(kb)
    kb.problems.sort()
    return kb


# --- reading -----------------------------------------------------------------------------------


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent)) if root.parent != path else str(path)
    except ValueError:
        return str(path)


def _read_files(
    root: Path,
    folders: Iterable[str],
    problems: list[Problem],
    hasher: Any | None,
    pattern: str = "*.md",
) -> Iterator[tuple[Path, str]]:
    """Yield (path, text) of every readable file matching ``pattern`` in ``folders``.

    Files that cannot be used are reported; ``hasher`` (when given) sees every file read.
    """
    resolved_root = root.resolve()
    for folder in folders:
        directory = root / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob(pattern)):
            shown = _relative(path, root)
            try:
                # Checked for every file, not only links: the folder itself may be a link.
                inside = path.resolve(strict=True).is_relative_to(resolved_root)
            except (OSError, RuntimeError):  # a dangling link or a link loop
                problems.append(Problem(shown, 1, "bestand", "kapotte symbolische link (of lus)"))
                continue
            if not inside:
                problems.append(Problem(shown, 1, "bestand", "symbolische link naar buiten kb/"))
                continue
            text = _read_text(path, shown, problems)
            if text is None:
                continue
            if hasher is not None:
                hasher.update(shown.encode())
                hasher.update(text.encode())
            yield path, text


def _read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """Return the text of a KB file, or None after reporting why it cannot be used."""
    try:
        if not path.is_file():
            problems.append(Problem(shown, 1, "bestand", "geen gewoon bestand"))
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                Problem(
                    shown,
                    1,
                    "bestand",
                    f"bestand is {size:,} bytes; maximaal {MAX_FILE_BYTES:,} bytes",
                )
            )
            return None
        raw = path.read_bytes()
    except OSError as error:
        problems.append(Problem(shown, 1, "bestand", f"onleesbaar ({error.strerror or error})"))
        return None
    try:
        # utf-8-sig: editors on Windows put a byte-order mark first; it is not part of the text.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                shown,
                line,
                "bestand",
                f"geen geldige UTF-8 (byte {raw[error.start]:#04x} op positie {error.start})",
            )
        )
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem(shown, line, "bestand", "binair bestand (NUL-teken)"))
        return None
    return text


def _load_yaml_file(path: Path, root: Path, problems: list[Problem]) -> _FrontMatter | None:
    """Read a standalone YAML file of the KB as a mapping with its nodes, or report why not."""
    shown = _relative(path, root)
    text = _read_text(path, shown, problems)
    if text is None:
        return None
    parsed = _parse_yaml(text, 1, shown, problems)
    if parsed is None:
        return None
    data, node = parsed
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, "yaml", "verwacht sleutels en waarden"))
        return None
    return _FrontMatter(data=data, node=node, offset=1)


def _parse_yaml(
    text: str, offset: int, shown: str, problems: list[Problem]
) -> tuple[Any, yaml.Node | None] | None:
    """Return (value, node) of YAML text starting at file line ``offset``, or report the error."""
    try:
        return load_yaml(text)
    except yaml.YAMLError as error:
        mark = _error_mark(error)
        problems.append(
            Problem(shown, offset + (mark.line if mark else 0), "yaml", _yaml_message(error))
        )
    except ValueError as error:
        # PyYAML builds ints with int(), which refuses more than 4,300 digits.
        problems.append(Problem(shown, offset, "yaml", f"onbruikbare waarde ({error})"))
    return None


def _load_taxonomy(root: Path, problems: list[Problem]) -> Taxonomy | None:
    path = root / TAXONOMY_FILE
    if not path.is_file():
        problems.append(Problem(_relative(path, root), 1, "taxonomy", "bestand ontbreekt"))
        return None
    fm = _load_yaml_file(path, root, problems)
    if fm is None:
        return None
    taxonomy = _validate_model(Taxonomy, fm, _relative(path, root), problems)
    assert taxonomy is None or isinstance(taxonomy, Taxonomy)
    return taxonomy


def _load_canon(root: Path, problems: list[Problem]) -> dict[str, list[str]]:
    path = root / CANON_FILE
    if not path.is_file():
        return {}
    fm = _load_yaml_file(path, root, problems)
    if fm is None:
        return {}
    canon = _validate_model(Canon, fm, _relative(path, root), problems)
    if canon is None:
        return {}
    assert isinstance(canon, Canon)
    return canon.root


# --- parsing -----------------------------------------------------------------------------------


def _error_mark(error: yaml.YAMLError) -> yaml.Mark | None:
    """Return where the broken construct starts (e.g. an unclosed list), else where parsing failed."""
    return getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)


def _yaml_message(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    return f"ongeldige YAML: {problem}" + (f" ({context})" if context else "")


@dataclass
class _FrontMatter:
    data: Any  # a mapping, or a list for check records
    node: yaml.Node | None
    offset: int  # 1-based file line of the first YAML line

    def line(self, loc: tuple[Any, ...]) -> int:
        """Return the file line of the key at ``loc`` (deepest part found), else the '---' line."""
        node = self.node
        line = self.offset - 1
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                match = next((v for k, v in node.value if k.value == part), None)
                key = next((k for k, _ in node.value if k.value == part), None)
                if match is None or key is None:
                    return line
                line = self.offset + key.start_mark.line
                node = match
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return line
                node = node.value[part]
                line = self.offset + node.start_mark.line
            else:
                return line
        return line


def _front_matter(doc: ParsedDocument, shown: str, problems: list[Problem]) -> _FrontMatter | None:
    if doc.front_matter is None:
        problems.append(
            Problem(
                shown, 1, "front matter", "ontbreekt: het bestand moet beginnen met een ---blok"
            )
        )
        return None
    parsed = _parse_yaml(doc.front_matter, doc.front_matter_line, shown, problems)
    if parsed is None:
        return None
    data, node = parsed
    if not isinstance(data, dict):
        problems.append(
            Problem(
                shown, doc.front_matter_line - 1, "front matter", "verwacht sleutels en waarden"
            )
        )
        return None
    return _FrontMatter(data=data, node=node, offset=doc.front_matter_line)


_MESSAGES: dict[str, str] = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld",
    "string_type": "verwacht tekst",
    "list_type": "verwacht een lijst",
    "int_type": "verwacht een geheel getal",
    "int_parsing": "verwacht een geheel getal",
    "date_type": "verwacht een datum als JJJJ-MM-DD",
    "date_from_datetime_parsing": "verwacht een datum als JJJJ-MM-DD",
    "date_parsing": "verwacht een datum als JJJJ-MM-DD",
    "string_pattern_mismatch": "geen geldige slug (kleine letters, cijfers en koppeltekens)",
    "url_parsing": "geen geldige URL",
    "url_scheme": "URL moet met http:// of https:// beginnen",
    "url_type": "verwacht een URL",
    "model_type": "verwacht sleutels en waarden",
    "dict_type": "verwacht sleutels en waarden",
    "int_from_float": "verwacht een geheel getal",
    "bool_type": "verwacht ja of nee (true/false)",
    "model_attributes_type": "verwacht sleutels en waarden",
    "string_too_short": "te kort",
    "greater_than_equal": "te klein",
    "less_than_equal": "te groot",
}


def _translate(item: dict[str, Any]) -> tuple[tuple[Any, ...], str]:
    """Return (loc, Dutch message) for one pydantic error."""
    kind = item["type"]
    loc = tuple(item["loc"])
    if kind == "value_error":
        message = str(item.get("ctx", {}).get("error", item["msg"]))
        field_name, sep, rest = message.partition(": ")
        if sep and not loc and field_name.isidentifier():
            return (field_name,), rest
        return loc, message
    if kind == "literal_error":
        # pydantic joins the last two choices with the English "or".
        expected = str(item["ctx"]["expected"]).replace("' or '", "' of '")
        return loc, f"ongeldige waarde {_quote(item['input'])}; kies uit {expected}"
    if kind == "too_short":
        if isinstance(item.get("input"), list | tuple):
            return loc, "mag niet leeg zijn"
        return loc, "te kort"
    return loc, _MESSAGES.get(kind, item["msg"])


def _validate_model(
    model: type[BaseModel], fm: _FrontMatter, shown: str, problems: list[Problem]
) -> BaseModel | None:
    try:
        return model.model_validate(fm.data)
    except ValidationError as error:
        for item in error.errors():
            loc, message = _translate(item)
            field_name = ".".join(str(part) for part in loc) or "front matter"
            problems.append(Problem(shown, fm.line(loc), field_name, message))
        return None


def _taxonomy_problems(
    values: dict[str, Any],
    taxonomy: Taxonomy,
    fm: _FrontMatter,
    shown: str,
    fields: dict[str, str],
    prefix: tuple[str, ...] = (),
) -> list[Problem]:
    problems = []
    for field_name, vocabulary in fields.items():
        raw = values.get(field_name)
        # Wrong shapes (a dict, a nested list, a number) are type errors the schema reports.
        ids = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
        for position, term in enumerate(ids):
            if not isinstance(term, str) or term in taxonomy.vocabulary(vocabulary):
                continue
            loc = (*prefix, field_name) if isinstance(raw, str) else (*prefix, field_name, position)
            hint = taxonomy.suggest(vocabulary, term[:MAX_QUOTE_CHARS])
            message = f"onbekende id {_quote(term)}" + (f"; bedoel je {hint!r}?" if hint else "")
            message += f" (geldig: {', '.join(taxonomy.ids(vocabulary))})" if not hint else ""
            problems.append(Problem(shown, fm.line(loc), ".".join(map(str, loc)), message))
    return problems


def _open_document(
    path: Path, text: str, root: Path, problems: list[Problem]
) -> tuple[str, ParsedDocument, _FrontMatter | None]:
    """Return the shown path, the parsed document and its front matter (None when unusable)."""
    shown = _relative(path, root)
    doc = parse_document(text)
    return shown, doc, _front_matter(doc, shown, problems)


def _parse_entry(
    path: Path, text: str, root: Path, taxonomy: Taxonomy, problems: list[Problem]
) -> Entry | None:
    shown, doc, fm = _open_document(path, text, root, problems)
    if fm is None:
        return None
    found: list[Problem] = []
    meta = _validate_model(EntryFrontMatter, fm, shown, found)
    found += _taxonomy_problems(fm.data, taxonomy, fm, shown, TAXONOMY_FIELDS)
    if meta is not None:
        assert isinstance(meta, EntryFrontMatter)
        if meta.id != path.stem:
            found.append(
                Problem(
                    shown,
                    fm.line(("id",)),
                    "id",
                    f"{meta.id!r} moet gelijk zijn aan de bestandsnaam {path.stem!r}",
                )
            )
        if meta.type != path.parent.name:
            found.append(
                Problem(
                    shown,
                    fm.line(("type",)),
                    "type",
                    f"{meta.type!r} staat in de map {path.parent.name!r}",
                )
            )
    found += _section_problems(doc, fm, shown, str(fm.data.get("type", path.parent.name)))
    found += _html_problems(text, shown)
    problems.extend(found)
    # Only body problems leave the entry usable; anything wrong in the front matter drops it.
    if meta is None or any(p.field != "body" for p in found):
        return None
    sections = {section.title: section.text for section in doc.sections}
    return Entry.model_construct(**dict(meta), sections=sections, path=shown)


def _html_problems(text: str, shown: str) -> list[Problem]:
    # The page shows raw HTML as text (never as markup), so a tag is almost always a mistake.
    return [
        Problem(shown, line, "body", "ruwe HTML wordt als tekst getoond; gebruik Markdown")
        for line in raw_html_lines(text)
    ]


def _section_problems(
    doc: ParsedDocument, fm: _FrontMatter, shown: str, entry_type: str
) -> list[Problem]:
    required = REQUIRED_SECTIONS.get(entry_type)
    if required is None:
        return []
    present = {section.title: section for section in doc.sections}
    problems = []
    closing_line = fm.offset + len((doc.front_matter or "").splitlines())
    last_line = doc.sections[-1].line if doc.sections else closing_line
    for position, title in enumerate(required):
        if title not in present:
            # Point at the heading the missing section should stand before.
            following = next(
                (present[t].line for t in required[position + 1 :] if t in present), last_line
            )
            problems.append(Problem(shown, following, "body", f"sectie '## {title}' ontbreekt"))
        elif not present[title].text.strip():
            problems.append(
                Problem(shown, present[title].line, "body", f"sectie '## {title}' is leeg")
            )
    return problems


def _parse_casus(
    path: Path, text: str, root: Path, taxonomy: Taxonomy, problems: list[Problem]
) -> Casus | None:
    shown, doc, fm = _open_document(path, text, root, problems)
    if fm is None:
        return None
    found: list[Problem] = []
    meta = _validate_model(CasusFrontMatter, fm, shown, found)
    profile = fm.data.get("profile")
    if isinstance(profile, dict):
        facets = {name: name for name in FACETS}
        found += _taxonomy_problems(profile, taxonomy, fm, shown, facets, prefix=("profile",))
    steps = [(s.title, s.text) for s in doc.sections if s.title.lower().startswith("stap")]
    if len(steps) < 2:
        found.append(
            Problem(shown, fm.offset, "body", "minstens twee secties '## Stap N: ...' nodig")
        )
    if meta is not None:
        assert isinstance(meta, CasusFrontMatter)
        if meta.id != path.stem:
            found.append(
                Problem(
                    shown,
                    fm.line(("id",)),
                    "id",
                    f"{meta.id!r} moet gelijk zijn aan de bestandsnaam {path.stem!r}",
                )
            )
    problems.extend(found)
    if meta is None or found:
        return None
    problems.extend(_html_problems(text, shown))
    notes = next((s.text for s in doc.sections if s.title.lower().startswith("toelichting")), "")
    return Casus.model_construct(**dict(meta), steps=steps, trainer_notes=notes, path=shown)


# --- whole-KB checks ---------------------------------------------------------------------------


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _link_line(path: Path, loc: tuple[Any, ...]) -> int:
    # Only files that loaded cleanly get here, so reading and parsing them again succeeds.
    doc = parse_document(path.read_text(encoding="utf-8-sig"))
    _, node = load_yaml(doc.front_matter or "")
    return _FrontMatter(data={}, node=node, offset=doc.front_matter_line).line(loc)


def _check_links(kb: KnowledgeBase) -> None:
    partners = {e.id for e in kb.entries.values() if e.type == PARTNER_TYPE}
    base = kb.root.parent
    for entry in kb.entries.values():
        for position, link in enumerate(entry.partners):
            if link.id not in partners:
                kind = "geen partner" if link.id in kb.entries else "verwijst naar geen vermelding"
                kb.problems.append(
                    Problem(
                        entry.path,
                        _link_line(base / entry.path, ("partners", position, "id")),
                        f"partners.{position}.id",
                        f"{link.id!r}: {kind}",
                    )
                )
        for field_name in ("combines_with", "alternatives"):
            for position, slug in enumerate(getattr(entry, field_name)):
                if slug not in kb.entries:
                    kb.problems.append(
                        Problem(
                            entry.path,
                            _link_line(base / entry.path, (field_name, position)),
                            f"{field_name}.{position}",
                            f"{slug!r} verwijst naar geen vermelding",
                        )
                    )
    for casus in kb.casussen.values():
        for field_name in ("expert_entries", "expert_partners"):
            for position, choice in enumerate(getattr(casus, field_name)):
                wanted_partner = field_name == "expert_partners"
                target = kb.entries.get(choice.id)
                if target is None or (target.type == PARTNER_TYPE) != wanted_partner:
                    what = "partner" if wanted_partner else "vermelding (geen partner)"
                    kb.problems.append(
                        Problem(
                            casus.path,
                            _link_line(base / casus.path, (field_name, position, "id")),
                            f"{field_name}.{position}.id",
                            f"{choice.id!r} is geen bestaande {what}",
                        )
                    )


def _load_yaml_model(
    kb: KnowledgeBase, name: str, model: type[BaseModel]
) -> tuple[BaseModel, _FrontMatter, str] | None:
    path = kb.root / name
    if not path.is_file():
        return None
    shown = _relative(path, kb.root)
    fm = _load_yaml_file(path, kb.root, kb.problems)
    if fm is None:
        return None
    before = len(kb.problems)
    catalog = _validate_model(model, fm, shown, kb.problems)
    if catalog is None or len(kb.problems) > before:
        return None
    return catalog, fm, shown


def _load_catalogs(kb: KnowledgeBase) -> None:
    """Load the signal checklists and the figure sources of the Lokale analyse, with their checks."""
    assert kb.taxonomy is not None
    loaded = _load_yaml_model(kb, SIGNALS_FILE, SignalCatalog)
    if loaded is not None:
        catalog, fm, shown = loaded
        assert isinstance(catalog, SignalCatalog)
        seen: set[str] = set()
        for phenomenon, signals in catalog.fenomenen.items():
            if phenomenon not in kb.taxonomy.phenomena:
                hint = kb.taxonomy.suggest("phenomena", phenomenon)
                kb.problems.append(
                    Problem(
                        shown,
                        fm.line(("fenomenen", phenomenon)),
                        f"fenomenen.{phenomenon}",
                        "onbekend fenomeen" + (f"; bedoel je {hint!r}?" if hint else ""),
                    )
                )
                continue
            for position, signal in enumerate(signals):
                if signal.id in seen:
                    kb.problems.append(
                        Problem(
                            shown,
                            fm.line(("fenomenen", phenomenon, position, "id")),
                            f"fenomenen.{phenomenon}.{position}.id",
                            f"dubbel id {signal.id!r}",
                        )
                    )
                seen.add(signal.id)
            kb.signals[phenomenon] = signals
    loaded = _load_yaml_model(kb, FIGURES_FILE, FigureSourceCatalog)
    if loaded is not None:
        catalog, fm, shown = loaded
        assert isinstance(catalog, FigureSourceCatalog)
        for position, source in enumerate(catalog.bronnen):
            partner = kb.entries.get(source.partner)
            if partner is None or partner.type != PARTNER_TYPE:
                kb.problems.append(
                    Problem(
                        shown,
                        fm.line(("bronnen", position, "partner")),
                        f"bronnen.{position}.partner",
                        f"{source.partner!r} is geen bestaande partner",
                    )
                )
            for index, slug in enumerate(source.delen_via):
                if slug not in kb.entries:
                    kb.problems.append(
                        Problem(
                            shown,
                            fm.line(("bronnen", position, "delen_via", index)),
                            f"bronnen.{position}.delen_via.{index}",
                            f"{slug!r} verwijst naar geen vermelding",
                        )
                    )
        kb.figure_sources = catalog.bronnen


def _load_tensions(kb: KnowledgeBase) -> None:
    """Load ``spanningen.yaml``; a tension naming an unknown or partner entry is a problem."""
    loaded = _load_yaml_model(kb, TENSIONS_FILE, TensionCatalog)
    if loaded is None:
        return
    catalog, fm, shown = loaded
    assert isinstance(catalog, TensionCatalog)
    seen: set[str] = set()
    for position, tension in enumerate(catalog.spanningen):
        if tension.id in seen:
            kb.problems.append(
                Problem(
                    shown,
                    fm.line(("spanningen", position, "id")),
                    f"spanningen.{position}.id",
                    f"dubbel id {tension.id!r}",
                )
            )
        seen.add(tension.id)
        for side in ("kant_a", "kant_b"):
            for index, slug in enumerate(getattr(tension, side)):
                entry = kb.entries.get(slug)
                if entry is None or entry.type == PARTNER_TYPE:
                    kb.problems.append(
                        Problem(
                            shown,
                            fm.line(("spanningen", position, side, index)),
                            f"spanningen.{position}.{side}.{index}",
                            f"{slug!r} is geen bestaande interventie, instrument of werkwijze",
                        )
                    )
    kb.tensions = catalog.spanningen


def _load_checks(kb: KnowledgeBase) -> None:
    """Validate the fact-check records; a record whose entry does not exist is a problem.

    Records do not feed the index, so they stay out of the content hash: a new check of an
    entry does not force a rebuild.
    """
    for path, text in _read_files(kb.root, (CHECKS_DIR,), kb.problems, None, "*.yaml"):
        shown = _relative(path, kb.root)
        parsed = _parse_yaml(text, 1, shown, kb.problems)
        if parsed is None:
            continue
        data, node = parsed
        record = _validate_model(CheckRecord, _FrontMatter(data, node, 1), shown, kb.problems)
        if record is None:
            continue
        assert isinstance(record, CheckRecord)
        if path.stem in kb.entries:
            kb.checks[path.stem] = record.root
        elif not any((kb.root / folder / f"{path.stem}.md").exists() for folder in ENTRY_TYPES):
            # A broken entry file is reported on its own; only a record of no file at all is.
            kb.problems.append(
                Problem(shown, 1, "bestand", f"geen vermelding met id {path.stem!r}")
            )


def _check_canon(kb: KnowledgeBase) -> None:
    canon_path = kb.root / CANON_FILE
    if not kb.canon:
        return
    lines = canon_path.read_text(encoding="utf-8-sig").splitlines()
    for entry_type, slugs in kb.canon.items():
        for slug in slugs:
            entry = kb.entries.get(slug)
            if entry is not None and entry.type == entry_type:
                continue
            line = next((n for n, t in enumerate(lines, 1) if t.strip().startswith(f"- {slug}")), 1)
            file_exists = (kb.root / entry_type / f"{slug}.md").exists()
            reason = "bestand heeft fouten" if file_exists else f"ontbreekt in kb/{entry_type}/"
            kb.problems.append(
                Problem(_relative(canon_path, kb.root), line, slug, f"canon-vermelding {reason}")
            )
