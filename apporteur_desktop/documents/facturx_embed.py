"""The Factur-X PDF: the invoice's PDF with its CII XML attached as ``factur-x.xml``.

The ``factur-x`` package does the embedding: it checks the XML against the EN 16931 XSD,
attaches it with the relationship « Data », and writes the PDF/A-3 and Factur-X XMP metadata.
It does not make the PDF itself PDF/A: the PDF given must already embed its fonts (and carry an
sRGB output intent) for the result to pass a strict PDF/A-3 checker.
"""

from __future__ import annotations

from collections.abc import Mapping

import facturx

FACTURX_FILENAME = "factur-x.xml"
FACTURX_LEVEL = "en16931"


class NoFacturXAttachment(ValueError):
    """The PDF carries no ``factur-x.xml``: it is not a Factur-X invoice."""


def attach_to_pdf(
    pdf: bytes,
    xml: bytes,
    *,
    lang: str = "fr-FR",
    metadata: Mapping[str, str] | None = None,
) -> bytes:
    """The Factur-X PDF/A-3 made of ``pdf`` with ``xml`` attached as ``factur-x.xml``.

    ``metadata`` (``author``, ``keywords``, ``title``, ``subject``) sets the PDF's document
    properties; without it the package words them itself, in English, from the XML. Raises when
    the XML does not pass the Factur-X EN 16931 XSD.
    """
    return facturx.generate_from_binary(
        pdf,
        xml,
        flavor="factur-x",
        level=FACTURX_LEVEL,
        check_xsd=True,
        pdf_metadata=dict(metadata) if metadata is not None else None,
        lang=lang,
    )


def xml_from_pdf(pdf: bytes) -> bytes:
    """The ``factur-x.xml`` a Factur-X PDF carries, byte for byte as it was attached.

    The XML is not checked again: an archived invoice is read back as it was issued.
    """
    filename, xml = facturx.get_xml_from_pdf(pdf, check_xsd=False, filenames=[FACTURX_FILENAME])
    if not filename or not xml:
        raise NoFacturXAttachment(FACTURX_FILENAME)
    return bytes(xml)
