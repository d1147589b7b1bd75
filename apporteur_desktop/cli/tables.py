"""Rows as an aligned table for people, or as JSON or CSV for other programs.

Shared by every sub-command that prints records, so that they all look alike.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from .console import Console


def print_table(
    console: Console,
    headings: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: Collection[int] = (),
) -> None:
    """Columns padded to their widest cell; the ``numeric`` columns aligned to the right."""
    table = [list(headings), *(list(row) for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(headings))]
    for index, row in enumerate(table):
        cells = [
            cell.rjust(widths[i]) if i in numeric and index else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        console.print("  ".join(cells).rstrip())


def print_json(console: Console, data: Any) -> None:
    console.print(json.dumps(data, ensure_ascii=False, indent=2))


def print_csv(
    console: Console, fields: Sequence[str], records: Iterable[Mapping[str, Any]]
) -> None:
    """One row per record, with ``fields`` as the header; None is an empty cell."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow({key: ("" if value is None else value) for key, value in record.items()})
    console.out.write(buffer.getvalue())
