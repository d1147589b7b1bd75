"""Reading a PDF's text back with pypdf, the way the document tests compare it.

Text is compared with every run of white space (the no-break and narrow no-break spaces of French
numbers and punctuation, line breaks) made one plain space.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, flattened."""
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
