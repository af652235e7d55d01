"""Creating and editing KB entries: templates, the same checks as ``recommender validate``, saves.

Front matter is changed with ruamel.yaml's round-trip mode, key by key: keys that did not change
keep their order, style and comments, and a file nobody changed is written back byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import tempfile
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .loader import ENTRY_TYPES, Problem, load_kb
from .markdown import parse_document
from .schema import (
    REQUIRED_SECTIONS,
    SLUG_PATTERN,
    TAXONOMY_FIELDS,
    Entry,
    EntryFrontMatter,
    SlugRef,
)
from .vocabulary import PARTNER_TYPE

FieldKind = Literal[
    "bool", "text", "longtext", "lines", "choice", "choices", "entries", "int", "date", "table"
]

#: Fields that are one line of text; every other text field gets a text area.
SHORT_TEXT_FIELDS: frozenset[str] = frozenset({"title", "reviewed_by", "law", "article", "url"})
#: Link fields whose targets must be of one type.
LINK_TARGET_TYPES: dict[str, str] = {"partners": PARTNER_TYPE}
#: Fields the form never edits: fixed by the file's place, or set only by a review.
FIXED_FIELDS: frozenset[str] = frozenset({"id", "type"})
REVIEW_FIELDS: frozenset[str] = frozenset({"reviewed_by"})


class EditorError(ValueError):
    """A request the editor refuses (bad type or slug, a path outside kb/, a conflicting save)."""


@dataclass(frozen=True)
class FieldSpec:
    """How the form shows one schema field, derived from its type annotation."""

    name: str
    kind: FieldKind
    required: bool
    vocabulary: str | None = None
    options: tuple[str, ...] = ()
    columns: tuple[FieldSpec, ...] = ()
    description: str = ""


@dataclass
class Draft:
    """An entry as the form holds it: plain front-matter values and the body sections."""

    entry_type: str
    slug: str
    front: dict[str, Any]
    sections: dict[str, str] = field(default_factory=dict)


# --- the form, derived from the schema ---------------------------------------------------------


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _is_slug(annotation: Any) -> bool:
    return typing.get_origin(annotation) is typing.Annotated and any(
        isinstance(m, SlugRef) for m in typing.get_args(annotation)[1:]
    )


def _spec(name: str, annotation: Any, required: bool, description: str) -> FieldSpec:
    inner, _ = _unwrap_optional(annotation)
    origin = typing.get_origin(inner)
    vocabulary = TAXONOMY_FIELDS.get(name)
    if origin is Literal:
        return FieldSpec(name, "choice", required, options=typing.get_args(inner))
    if origin is list:
        (item,) = typing.get_args(inner) or (str,)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return FieldSpec(
                name, "table", required, columns=model_fields(item), description=description
            )
        if vocabulary:
            return FieldSpec(name, "choices", required, vocabulary, description=description)
        if _is_slug(item):
            return FieldSpec(name, "entries", required, description=description)
        return FieldSpec(name, "lines", required, description=description)
    if inner is dt.date:
        return FieldSpec(name, "date", required, description=description)
    if inner is bool:
        return FieldSpec(name, "bool", required, description=description)
    if inner is int:
        return FieldSpec(name, "int", required, description=description)
    if vocabulary:
        return FieldSpec(name, "choice", required, vocabulary, description=description)
    if _is_slug(inner):
        return FieldSpec(name, "text", required, description=description)
    kind: FieldKind = "text" if name in SHORT_TEXT_FIELDS else "longtext"
    return FieldSpec(name, kind, required, description=description)


def model_fields(model: type[BaseModel] = EntryFrontMatter) -> tuple[FieldSpec, ...]:
    """Return one :class:`FieldSpec` per field of ``model``, in schema order."""
    return tuple(
        _spec(name, info.annotation, info.is_required(), info.description or "")
        for name, info in model.model_fields.items()
    )


def form_fields() -> tuple[FieldSpec, ...]:
    """Return the entry fields the edit form shows (all but id, type and the review fields)."""
    return tuple(spec for spec in model_fields() if spec.name not in FIXED_FIELDS | REVIEW_FIELDS)


def section_titles(entry_type: str, present: Mapping[str, str] | None = None) -> list[str]:
    """Return the body sections of a form: the required ones of the type, then any others present."""
    titles = list(REQUIRED_SECTIONS.get(entry_type, ()))
    titles += [title for title in (present or {}) if title not in titles]
    return titles


# --- paths -------------------------------------------------------------------------------------


def entry_path(kb_root: Path, entry_type: str, slug: str) -> Path:
    """Return ``kb_root/<type>/<slug>.md`` after checking type, slug and that it stays inside kb/.

    Raises:
        EditorError: unknown type, a slug that is not kebab-case, or a path leaving kb/.
    """
    if entry_type not in ENTRY_TYPES:
        raise EditorError(f"type: onbekend type {entry_type!r}; kies uit {', '.join(ENTRY_TYPES)}")
    if not re.fullmatch(SLUG_PATTERN, slug or ""):
        raise EditorError(
            f"id: {slug!r} is geen geldige slug (kleine letters, cijfers en koppeltekens)"
        )
    root = kb_root.resolve()
    path = (root / entry_type / f"{slug}.md").resolve()
    if not path.is_relative_to(root) or path.parent != root / entry_type:
        raise EditorError(f"pad valt buiten de kennisbank: {path}")
    return path


def find_entry_file(kb_root: Path, slug: str) -> Path | None:
    """Return the file of entry ``slug`` in any type folder, if it exists."""
    for entry_type in ENTRY_TYPES:
        path = entry_path(kb_root, entry_type, slug)
        if path.is_file():
            return path
    return None


# --- YAML --------------------------------------------------------------------------------------


def _yaml() -> YAML:
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line nobody changed
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _plain(value: Any) -> Any:
    """Return ruamel's loaded value as plain Python (dicts, lists, str, int, date)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _styled(new: Any, old: Any) -> Any:
    """Return ``new`` in ruamel containers, keeping a list in flow style when it was (``[a, b]``)."""
    if isinstance(new, list):
        seq = CommentedSeq([_styled(v, None) for v in new])
        if isinstance(old, CommentedSeq) and old.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    if isinstance(new, Mapping):
        return CommentedMap((k, _styled(v, None)) for k, v in new.items())
    return new


_NO_DEFAULT = object()
_DEFAULTS: dict[str, Any] = {
    name: info.get_default(call_default_factory=True)
    for name, info in EntryFrontMatter.model_fields.items()
    if not info.is_required()
}


def _schema_order() -> list[str]:
    return list(EntryFrontMatter.model_fields)


def update_front_matter(front: str, changes: Mapping[str, Any]) -> str:
    """Apply ``changes`` (field -> plain value; empty removes) to front-matter YAML text.

    Unchanged keys keep their place, style and comments; new keys go where the schema puts them.
    When nothing differs, ``front`` is returned unchanged.
    """
    yaml = _yaml()
    data = yaml.load(front) if front.strip() else CommentedMap()
    if not isinstance(data, CommentedMap):
        raise EditorError("front matter: verwacht sleutels en waarden")
    order = _schema_order()
    changed = False
    for key, new in changes.items():
        present = key in data
        if _empty(new) or (not present and new == _DEFAULTS.get(key, _NO_DEFAULT)):
            # An absent key that would only state the schema's default stays absent.
            if present and _empty(new) and not _empty(_plain(data[key])):
                del data[key]
                changed = True
            continue
        if present and _plain(data[key]) == new:
            continue
        if present:
            data[key] = _styled(new, data[key])
        else:
            rank = order.index(key) if key in order else len(order)
            before = [i for i, k in enumerate(data) if k in order and order.index(k) < rank]
            data.insert(before[-1] + 1 if before else 0, key, _styled(new, None))
        changed = True
    if not changed:
        return front
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


# --- documents ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parts:
    head: str  # '---\n'
    front: str
    closing: str  # '---\n'
    body: str


def _split(text: str) -> _Parts:
    doc = parse_document(text)
    if doc.front_matter is None:
        raise EditorError("front matter: ontbreekt: het bestand moet beginnen met een ---blok")
    lines = text.splitlines(keepends=True)
    start = doc.front_matter_line - 1
    length = len(doc.front_matter.splitlines())
    return _Parts(
        head="".join(lines[:start]),
        front="".join(lines[start : start + length]),
        closing=lines[start + length] if start + length < len(lines) else "---\n",
        body="".join(lines[start + length + 1 :]),
    )


def _body(sections: Mapping[str, str], preamble: str = "") -> str:
    parts = [preamble.strip()] if preamble.strip() else []
    parts += [f"## {title}\n\n{text.strip()}".rstrip() for title, text in sections.items()]
    return "\n" + "\n\n".join(parts) + "\n"


def front_values(text: str) -> dict[str, Any]:
    """Return the front matter of an entry file's text as plain values."""
    data = _yaml().load(_split(text).front) or {}
    return {str(k): _plain(v) for k, v in data.items()}


def body_sections(text: str) -> dict[str, str]:
    """Return the ``## `` sections of an entry file's text, by title."""
    return {s.title: s.text for s in parse_document(text).sections}


def read_draft(path: Path) -> Draft:
    """Return the form values of an existing entry file (plain values, body sections)."""
    text = path.read_text(encoding="utf-8")
    return Draft(path.parent.name, path.stem, front_values(text), body_sections(text))


def describe_change(slug: str, original: str | None, text: str) -> str:
    """Return a commit message that says what changed: which fields, and whether the text did."""
    if original is None:
        return f"{slug}: nieuwe vermelding"
    before, after = front_values(original), front_values(text)
    fields = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    parts = ["velden " + ", ".join(fields)] if fields else []
    if body_sections(original) != body_sections(text):
        parts.append("tekst")
    return f"{slug}: " + (" en ".join(parts) or "niets") + " gewijzigd"


def _normalise(front: Mapping[str, Any]) -> dict[str, Any]:
    """Drop the form's empty table rows and strip text, so an untouched form changes nothing."""
    result: dict[str, Any] = {}
    for key, value in front.items():
        if isinstance(value, str):
            value = value.strip()
        elif isinstance(value, list):
            items = []
            for item in value:
                if isinstance(item, Mapping):
                    item = {k: v.strip() if isinstance(v, str) else v for k, v in item.items()}
                    item = {k: v for k, v in item.items() if not _empty(v)}
                elif isinstance(item, str):
                    item = item.strip()
                if not _empty(item):
                    items.append(item)
            value = items
        result[key] = value
    return result


def render_text(draft: Draft, original: str | None = None) -> str:
    """Return the file text for ``draft``; with ``original``, change only what the draft changed."""
    front = {"id": draft.slug, "type": draft.entry_type, **_normalise(draft.front)}
    if original is None:
        order = _schema_order()
        ordered = {
            k: front[k]
            for k in sorted(front, key=lambda k: order.index(k) if k in order else len(order))
        }
        yaml_text = update_front_matter("", ordered)
        return f"---\n{yaml_text}---\n" + _body(draft.sections)
    parts = _split(original)
    yaml_text = update_front_matter(parts.front, front)
    old_doc = parse_document(original)
    old_sections = {s.title: s.text for s in old_doc.sections}
    wanted = {title: text.strip() for title, text in draft.sections.items()}
    body = parts.body if wanted == old_sections else _body(wanted, old_doc.preamble)
    return parts.head + yaml_text + parts.closing + body


def change_front(text: str, changes: Mapping[str, Any]) -> str:
    """Return ``text`` with only the front-matter fields in ``changes`` changed (body untouched)."""
    parts = _split(text)
    return parts.head + update_front_matter(parts.front, changes) + parts.closing + parts.body


def template(entry_type: str, slug: str, today: dt.date | None = None) -> str:
    """Return the text of a new entry: every required field empty, the sections of its type.

    The template is deliberately invalid until an adviser fills it in: nothing in it is presented
    as a fact.
    """
    entry_path(Path("/"), entry_type, slug)  # checks type and slug
    front: dict[str, Any] = {}
    for spec in model_fields():
        if spec.name in FIXED_FIELDS:
            continue
        needed = spec.required or (
            spec.name in ("mandate", "access")
            if entry_type == PARTNER_TYPE
            else spec.name == "evidence"
        )
        if entry_type == "instrument" and spec.name == "legal_basis":
            needed = True
        if not needed:
            continue
        if spec.name == "status":
            front[spec.name] = "concept"
        elif spec.kind == "date":
            front[spec.name] = today or dt.date.today()
        elif spec.kind in ("choices", "entries", "lines", "table"):
            front[spec.name] = CommentedSeq()
        else:
            front[spec.name] = ""
    yaml = _yaml()
    data = CommentedMap({"id": slug, "type": entry_type, **front})
    out = io.StringIO()
    yaml.dump(data, out)
    sections = {title: "" for title in REQUIRED_SECTIONS[entry_type]}
    return f"---\n{out.getvalue()}---\n" + _body(sections)


# --- checking and saving -----------------------------------------------------------------------


def check_text(kb_root: Path, entry_type: str, slug: str, text: str) -> list[Problem]:
    """Return the problems ``recommender validate`` would report for this file, with this text."""
    return check_entry(kb_root, entry_type, slug, text)[0]


def check_entry(
    kb_root: Path, entry_type: str, slug: str, text: str
) -> tuple[list[Problem], Entry | None]:
    """Return the problems of this file with this text, and the entry as loaded when it is valid.

    The KB is copied to a temporary folder with the file replaced, so every whole-KB check
    (links, duplicate ids, canon) runs exactly as on disk and the messages are the same.
    """
    target = entry_path(kb_root, entry_type, slug)
    with tempfile.TemporaryDirectory(prefix="iw-check-") as scratch:
        copy = Path(scratch) / kb_root.resolve().name
        shutil.copytree(kb_root, copy, ignore=shutil.ignore_patterns(".*"))
        (copy / entry_type).mkdir(exist_ok=True)
        (copy / entry_type / target.name).write_text(text, encoding="utf-8")
        kb = load_kb(copy)
    shown = f"{copy.name}/{entry_type}/{target.name}"
    problems = [p for p in kb.problems if p.path == shown]
    entry = kb.entries.get(slug)
    if entry is not None:
        entry = entry.model_copy(update={"path": shown})
    return problems, (entry if not problems else None)


def write_atomic(kb_root: Path, path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (inside ``kb_root``) via a temporary file and a rename.

    Raises:
        EditorError: the path is not an entry file inside the KB.
    """
    root = kb_root.resolve()
    path = path.resolve()
    if not path.is_relative_to(root) or path.suffix != ".md":
        raise EditorError(f"pad valt buiten de kennisbank: {path}")
    path.parent.mkdir(exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass
class SaveResult:
    """What a save did: the problems (nothing written when there are any) and the file."""

    problems: list[Problem]
    path: Path
    written: bool
    text: str


def save_entry(
    kb_root: Path, draft: Draft, original: str | None, *, create: bool = False
) -> SaveResult:
    """Check ``draft`` and write it atomically when it is valid; never write an invalid entry.

    Args:
        kb_root: The knowledge-base folder.
        draft: The form values.
        original: The file text the form was opened with (None for a new entry).
        create: True for a new entry: the slug must not be in use yet.

    Raises:
        EditorError: the slug is taken, or the file changed on disk since the form was opened.
    """
    path = entry_path(kb_root, draft.entry_type, draft.slug)
    if create and find_entry_file(kb_root, draft.slug) is not None:
        raise EditorError(f"id: {draft.slug!r} bestaat al")
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if current != original:
        raise EditorError(
            f"{path.name} is intussen op schijf gewijzigd; open de vermelding opnieuw"
        )
    text = render_text(draft, original)
    problems = check_text(kb_root, draft.entry_type, draft.slug, text)
    if problems or text == original:
        return SaveResult(problems, path, written=False, text=text)
    write_atomic(kb_root, path, text)
    return SaveResult([], path, written=True, text=text)
