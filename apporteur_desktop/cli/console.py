"""Where the command writes: results to standard output, one line per error to standard error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class Console:
    out: TextIO
    err: TextIO

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def error(self, text: str) -> None:
        # One line per problem, whatever the message holds.
        self.err.write(" ".join(text.splitlines()) + "\n")

    def warn(self, text: str) -> None:
        self.error(text)
