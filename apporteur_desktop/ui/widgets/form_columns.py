"""Aligning the label columns of forms stacked one above the other.

Each QFormLayout sizes its label column to its own longest label, so two group boxes one
above the other start their fields at different places; giving every label the width of the
longest of all lines the fields up.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel


def align_labels(*forms: QFormLayout) -> None:
    labels = [
        label
        for form in forms
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
        and isinstance(label := item.widget(), QLabel)
    ]
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)
