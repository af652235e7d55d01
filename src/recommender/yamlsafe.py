"""YAML for files people edit: no anchors or aliases, bounded nesting, nodes kept for line numbers.

PyYAML's ``safe_load`` expands aliases while it builds the value, so a 2 KB file of nested
aliases (a "billion laughs") becomes gigabytes before any check can run. The knowledge base
never needs anchors, so :class:`KBLoader` refuses the first anchor or alias it meets, while
composing, before anything is built. Its composer also stops at :data:`MAX_DEPTH` levels of
nesting, because PyYAML composes recursively and deep nesting would end in a RecursionError.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

#: Deepest nesting of lists and mappings a KB file may use; real files need fewer than ten.
MAX_DEPTH = 40


class KBLoader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors and aliases and bounds nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        """Compose one node, refusing aliases, anchors and nesting deeper than MAX_DEPTH."""
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise ComposerError(
                None, None, "aliassen (*naam) zijn niet toegestaan", event.start_mark
            )
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.anchor is not None:
            raise ComposerError(None, None, "ankers (&naam) zijn niet toegestaan", event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(
                    None, None, f"meer dan {MAX_DEPTH} niveaus genest", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """Return the value of a single YAML document and its node tree (for line numbers).

    Raises:
        yaml.YAMLError: invalid YAML, an anchor or alias, or nesting deeper than MAX_DEPTH.
    """
    loader = KBLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        return loader.construct_document(node), node
    finally:
        loader.dispose()
