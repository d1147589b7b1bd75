"""Documents the command writes to a file the user names: the file's path is what it prints."""

from __future__ import annotations

from pathlib import Path

from .console import Console


def write_document(console: Console, path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` and print the path, for the next command in a script.

    A file that cannot be written raises ``OSError``, which the command words as one line.
    """
    path.write_bytes(content)
    console.print(str(path))
