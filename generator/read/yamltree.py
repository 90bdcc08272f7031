"""The located tree a record's YAML is read into (generator.read.yamlsource, generator.read.quickyaml).

Every value remembers the line and column it was written at, so that every later
diagnostic is located; a scalar is kept as the editor typed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Deepest nesting of mappings and sequences accepted; the format needs 4.
MAX_DEPTH = 12


@dataclass(slots=True)
class Scalar:
    value: str
    plain: bool  # written without quotes or block indicator: YAML may read it as non-text
    line: int
    col: int


@dataclass(slots=True)
class Mapping:
    line: int
    col: int
    entries: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)

    def get(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None


@dataclass(slots=True)
class Sequence:
    line: int
    col: int
    items: list[Node] = field(default_factory=list)


Node = Scalar | Mapping | Sequence
