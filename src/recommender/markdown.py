"""Splitting a Markdown file into YAML front matter and ``## `` sections with markdown-it-py."""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

# "js-default" disables raw HTML: KB text is never trusted as markup.
_PARSER = MarkdownIt("js-default").use(front_matter_plugin)
# CommonMark with HTML on, only to find raw HTML that the page would show as text.
_HTML_FINDER = MarkdownIt("commonmark").use(front_matter_plugin)


@dataclass
class Section:
    """A ``## `` section of the body."""

    title: str
    text: str
    line: int  # 1-based line of the heading in the file


@dataclass
class ParsedDocument:
    """Front matter text and body sections of one Markdown file."""

    front_matter: str | None
    front_matter_line: int  # 1-based line where the YAML starts
    sections: list[Section] = field(default_factory=list)
    preamble: str = ""


def parse_document(source: str) -> ParsedDocument:
    """Split ``source`` into front matter and level-2 sections, keeping the original Markdown."""
    tokens = _PARSER.parse(source)
    lines = source.splitlines()
    front_matter: str | None = None
    front_matter_line = 2
    body_start = 0
    headings: list[tuple[str, int, int]] = []  # title, start line (0-based), end of heading line
    for index, token in enumerate(tokens):
        if token.type == "front_matter" and token.map:
            front_matter = token.content
            front_matter_line = token.map[0] + 2
            body_start = token.map[1]
        elif token.type == "heading_open" and token.tag == "h2" and token.map:
            title = tokens[index + 1].content.strip()
            headings.append((title, token.map[0], token.map[1]))
    sections: list[Section] = []
    for position, (title, start, heading_end) in enumerate(headings):
        end = headings[position + 1][1] if position + 1 < len(headings) else len(lines)
        text = "\n".join(lines[heading_end:end]).strip()
        sections.append(Section(title=title, text=text, line=start + 1))
    preamble_end = headings[0][1] if headings else len(lines)
    preamble = "\n".join(lines[body_start:preamble_end]).strip()
    return ParsedDocument(front_matter, front_matter_line, sections, preamble)


def raw_html_lines(source: str) -> list[int]:
    """Return the 1-based lines of the body where raw HTML (tags, comments) starts."""
    lines: list[int] = []
    for token in _HTML_FINDER.parse(source):
        children = token.children or []
        is_html = token.type == "html_block" or any(c.type == "html_inline" for c in children)
        if is_html and token.map:
            lines.append(token.map[0] + 1)
    return lines
