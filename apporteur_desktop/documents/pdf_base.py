"""The page frame every PDF document shares: A4, DejaVu Sans embedded, PDF/A-3B, page numbers.

Invoices, credit notes, statements and contract drafts are drawn on a :class:`DocumentPage`: it
sets the margins, the fonts, the running head of the following pages, the footer with « Page X/Y »,
and metadata taken from the document itself (never from the clock), so that the same document
always gives the same bytes.

Fonts are parsed once per process. Parsing DejaVu Sans with fontTools and subsetting it on output
are what make a fresh ``FPDF`` slow (about 200 ms a page), so each face is kept here as a parsed
template whose metrics every document shares, with its outlines cut once to the characters an
invoice in a Latin script uses; fpdf2 subsets that small font on output, and falls back to the
full font for a document that uses a character outside it.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from html import escape

from fontTools import subset as font_subset
from fontTools import ttLib
from fpdf import FPDF, FPDF_VERSION
from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.fonts import SubsetMap, TTFFont

from apporteur_desktop.infra.resources import resource_file

FONT_FAMILY = "DejaVuSans"
# fpdf2 styles: "" regular, "B" bold.
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
PDFA = "PDFA_3B"
CREATOR = "Apporteur Desktop"

# Colours (RGB): body text, secondary text, the accent of titles and table headings, rules.
INK = (33, 37, 41)
MUTED = (104, 112, 120)
ACCENT = (31, 58, 95)
RULE = (206, 212, 218)
TINT = (241, 244, 248)

PAGE_MARGIN = 18.0  # mm, left and right
TOP_MARGIN = 16.0
BOTTOM_MARGIN = 22.0  # room for the footer

# The characters of invoices in French and other Latin-script languages: Latin letters with their
# accents, general punctuation (the narrow no-break space, ’ « » — …), currency symbols, №.
_COMMON_CODEPOINTS = (
    *range(0x20, 0x250),
    *range(0x2000, 0x2070),
    *range(0x20A0, 0x20C1),
    0x2116,
    0x2122,
)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What a PDF says about itself: title, author, subject, language and date."""

    title: str
    author: str
    created_on: date
    language: str  # "fr" or "en"
    subject: str = ""


@dataclass(frozen=True, slots=True)
class _Face:
    """One face parsed once: fpdf2's font object (metrics, character map) and its outlines."""

    template: TTFFont
    full: bytes  # the whole font, for documents that need a rare character
    common: bytes  # the font cut to _COMMON_CODEPOINTS, glyph names kept
    common_glyphs: frozenset[str]


@cache
def _face(style: str) -> _Face:
    name = FONT_FILES[style]
    with resource_file("fonts", name) as path:
        full = path.read_bytes()
        loader = FPDF()
        loader.add_font(FONT_FAMILY, style, path)
        template = loader.fonts[f"{FONT_FAMILY.lower()}{style}"]
        assert isinstance(template, TTFFont)
        template.ttfont.close()
    common = _cut_to_common(full)
    glyphs = frozenset(ttLib.TTFont(io.BytesIO(common), lazy=True).getGlyphOrder())
    return _Face(template, full, common, glyphs)


def _cut_to_common(full: bytes) -> bytes:
    font = ttLib.TTFont(io.BytesIO(full), recalcTimestamp=False, lazy=True)
    options = font_subset.Options(
        notdef_outline=True,
        recommended_glyphs=True,
        glyph_names=True,  # fpdf2 finds glyphs by the names of the full font
        hinting=False,
        layout_features=[],
        name_IDs=["*"],
        name_languages=["*"],
        ignore_missing_unicodes=True,
    )
    options.drop_tables += ["FFTM", "GDEF", "GPOS", "GSUB", "MATH", "kern"]
    subsetter = font_subset.Subsetter(options)
    subsetter.populate(unicodes=_COMMON_CODEPOINTS)
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def _document_font(face: _Face, index: int) -> TTFFont:
    """A font object of its own for one document, sharing the parsed template's read-only data.

    fpdf2 records the glyphs a document uses in the font object and cuts ``ttfont`` down to them
    on output, so both are fresh for each document; the outlines are attached in
    :meth:`DocumentPage.to_bytes` once the glyphs are known.
    """
    font = copy.copy(face.template)
    font.i = index
    font.cw = copy.copy(face.template.cw)  # a defaultdict: reading a missing width adds it
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.subset = SubsetMap(font)
    return font


def warm_up() -> None:
    """Parse the fonts now (about half a second), so the first document is as fast as the next."""
    for style in FONT_FILES:
        _face(style)


class DocumentPage(FPDF):
    """An A4 PDF/A-3B page frame with the shared fonts, running head, footer and metadata."""

    def __init__(
        self,
        info: DocumentInfo,
        *,
        page_label: str,
        running_head: str = "",
        footer_text: str = "",
    ) -> None:
        """``page_label`` is worded with ``{page}`` and ``{pages}`` (« Page {page}/{pages} »);
        ``running_head`` tops every page after the first; ``footer_text`` sits left of the page
        number on every page."""
        super().__init__(orientation="portrait", unit="mm", format="A4", enforce_compliance=PDFA)
        self._faces = {style: _face(style) for style in FONT_FILES}
        for face in self._faces.values():
            font = _document_font(face, len(self.fonts) + 1)
            self.fonts[font.fontkey] = font
        self._info = info
        self._page_label = page_label
        self._running_head = running_head
        self._footer_text = footer_text
        self.set_margins(PAGE_MARGIN, TOP_MARGIN, PAGE_MARGIN)
        self.set_auto_page_break(auto=True, margin=BOTTOM_MARGIN)
        self.c_margin = 0
        self.set_title(info.title)
        self.set_author(info.author)
        if info.subject:
            self.set_subject(info.subject)
        self.set_creator(CREATOR)
        self.set_producer(f"fpdf2 {FPDF_VERSION}")
        self.set_lang("fr-FR" if info.language == "fr" else "en-GB")
        self.set_creation_date(datetime.combine(info.created_on, time(), tzinfo=UTC))
        self.set_xmp_metadata(_xmp_metadata(self, info))
        self.set_text_color(*INK)
        self.set_draw_color(*RULE)

    # --- text helpers -----------------------------------------------------------------------

    def style(self, size: float, *, bold: bool = False, color: Sequence[int] = INK) -> None:
        self.set_font(FONT_FAMILY, "B" if bold else "", size)
        self.set_text_color(*color)

    def text_lines(
        self,
        lines: Sequence[str],
        *,
        x: float,
        width: float,
        height: float,
        align: str = "L",
    ) -> None:
        """Each line below the previous one, wrapped within ``width``; ``y`` ends below them."""
        for line in lines:
            self.set_x(x)
            if self._fits(line, width):  # a cell is much cheaper than a wrapped multi_cell
                self.cell(width, height, line, align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)
            else:
                self.multi_cell(width, height, line, align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)

    def text_height(self, text: str, *, width: float, height: float) -> float:
        """The height ``text`` takes wrapped within ``width`` in the current font."""
        if self._fits(text, width):
            return height
        measured = self.multi_cell(
            width, height, text, dry_run=True, output=MethodReturnValue.HEIGHT
        )
        assert isinstance(measured, float | int)
        return float(measured)

    def _fits(self, text: str, width: float) -> bool:
        return "\n" not in text and self.get_string_width(text) <= width - 2 * self.c_margin

    def keep_together(self, height: float) -> None:
        """Start a new page unless ``height`` fits in what is left of this one."""
        if self.will_page_break(height):
            self.add_page()

    def rule(self, y: float | None = None, *, color: Sequence[int] = RULE) -> None:
        at = self.get_y() if y is None else y
        self.set_draw_color(*color)
        self.set_line_width(0.2)
        self.line(self.l_margin, at, self.w - self.r_margin, at)

    # --- the frame ----------------------------------------------------------------------------

    def header(self) -> None:
        if self.page_no() > 1 and self._running_head:
            self.style(7.5, color=MUTED)
            self.set_xy(self.l_margin, TOP_MARGIN - 6)
            self.cell(self.epw, 4, self._running_head, align="R")
            self.set_y(TOP_MARGIN + 2)

    def footer(self) -> None:
        top = self.h - BOTTOM_MARGIN + 7
        self.rule(top)
        self.style(7, color=MUTED)
        label_width = 24.0
        if self._footer_text:
            self.set_xy(self.l_margin, top + 1.5)
            self.multi_cell(self.epw - label_width - 4, 3.4, self._footer_text, align="L")
        self.set_xy(self.w - self.r_margin - label_width, top + 1.5)
        label = self._page_label.format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(label_width, 3.4, label, align="R")

    def to_bytes(self) -> bytes:
        """The finished PDF; the document cannot be drawn on afterwards."""
        for style, face in self._faces.items():
            font = self.fonts[f"{FONT_FAMILY.lower()}{style}"]
            assert isinstance(font, TTFFont)
            used = set(font.subset.get_all_glyph_names())
            outlines = face.common if used <= face.common_glyphs else face.full
            # Bounding boxes are the font's own: recomputing them would decompile every glyph.
            font.ttfont = ttLib.TTFont(
                io.BytesIO(outlines), recalcTimestamp=False, recalcBBoxes=False, lazy=True
            )
        return bytes(self.output())


def _xmp_metadata(pdf: FPDF, info: DocumentInfo) -> str:
    """PDF/A identification and the document information, dated by the document.

    fpdf2 would write this itself for a PDF/A file, but stamps it with the current time; the
    dates here are the document's, so that output depends on the document only.
    """
    stamp = datetime.combine(info.created_on, time(), tzinfo=UTC).isoformat(timespec="seconds")
    language = "fr-FR" if info.language == "fr" else "en-GB"
    subject = (
        f'      <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.subject)}'
        "</rdf:li></rdf:Alt></dc:description>\n"
        if info.subject
        else ""
    )
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '    <rdf:Description rdf:about=""\n'
        '        xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '        xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '        xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '        xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        "      <pdfaid:part>3</pdfaid:part>\n"
        "      <pdfaid:conformance>B</pdfaid:conformance>\n"
        f'      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.title)}'
        "</rdf:li></rdf:Alt></dc:title>\n"
        f"      <dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq>"
        "</dc:creator>\n"
        f"{subject}"
        f"      <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>\n"
        f"      <xmp:CreatorTool>{escape(CREATOR)}</xmp:CreatorTool>\n"
        f"      <xmp:CreateDate>{stamp}</xmp:CreateDate>\n"
        f"      <xmp:ModifyDate>{stamp}</xmp:ModifyDate>\n"
        f"      <xmp:MetadataDate>{stamp}</xmp:MetadataDate>\n"
        f"      <pdf:Producer>{escape(pdf.producer)}</pdf:Producer>\n"
        "    </rdf:Description>\n"
        "  </rdf:RDF>\n"
        "</x:xmpmeta>"
    )
