"""Errors about the sources people edit, written for the person who edits them.

Every problem names the file and line, says what is wrong and how to fix it. Code collects
problems into a :class:`Problems` list so a check can report all of them at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    what: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        text = f"{where}: {self.what}"
        if self.fix:
            text += f"\n    How to fix: {self.fix}"
        return text


class SourceError(Exception):
    """One or more problems in the sources; the build must stop and publish nothing."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        return f"{head} found:\n" + "\n".join(f"  - {p}" for p in self.problems)


@dataclass
class Problems:
    """Collects problems while checking, so every one is reported, not only the first."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str | Path, line: int | None, what: str, fix: str = "") -> None:
        self.items.append(Problem(str(file), line, what, fix))

    def extend(self, other: "Problems | list[Problem]") -> None:
        self.items.extend(other.items if isinstance(other, Problems) else other)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise SourceError(self.items)
