"""Problems found in a catalog, each one sentence with its place (file, path, line)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from dtdesktop.i18n import _


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    path: tuple[str | int, ...]
    message: str
    line: int | None = None
    warning: bool = False  # a warning does not stop the catalog from loading, but asks its author to look

    @property
    def where(self) -> str:
        return format_path(self.path)

    @property
    def text(self) -> str:
        """The message, marked as a warning when it is one."""
        return _("warning: {message}").format(message=self.message) if self.warning else self.message

    def __str__(self) -> str:
        if not self.file:
            return self.text
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place}: {self.where}: {self.text}" if self.path else f"{place}: {self.text}"


def format_path(path: Sequence[str | int]) -> str:
    """`pillars[0].indicators[3].rule` — the way a reader finds the place in the file."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "/"


def locate_lines(text: str, paths: Sequence[Sequence[str | int]]) -> list[int | None]:
    """The 1-based line of each path in the YAML *text*; the nearest existing parent when a key is absent."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return [None for _ in paths]
    return [_line_of(root, path) for path in paths]


def _line_of(node: yaml.Node | None, path: Sequence[str | int]) -> int | None:
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in path:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if str(key.value) == str(part):
                    child = value
                    line = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            return line
        node = child
    return line
