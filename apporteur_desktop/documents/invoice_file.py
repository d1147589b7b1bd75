"""The file an issued invoice is: its PDF/A-3 with the Factur-X XML inside, worded for the user."""

from __future__ import annotations

from ..domain.invoices import InvoiceDocument
from ..i18n import Translator
from .facturx import build_cii_xml, seller_name
from .facturx_embed import attach_to_pdf
from .invoice_pdf import document_subject, document_title, render_invoice


def facturx_invoice(
    document: InvoiceDocument, tr: Translator, *, logo: bytes | None = None
) -> bytes:
    """The Factur-X PDF of ``document``: what is archived, hashed and sent to the buyer."""
    pdf = render_invoice(document, tr, logo=logo)
    metadata = {
        "author": seller_name(document.seller.identity),
        "title": document_title(document, tr),
        "subject": document_subject(document, tr),
        "keywords": "Factur-X",
    }
    return attach_to_pdf(
        pdf,
        build_cii_xml(document),
        lang="fr-FR" if tr.language == "fr" else "en-GB",
        metadata=metadata,
    )
