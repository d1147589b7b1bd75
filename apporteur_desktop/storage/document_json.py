"""An issued document as JSON: exactly what was issued, readable without the code that made it.

The ``invoices.document`` column keeps it, so the ledger alone says what every invoice said
(seller and buyer as they were that day, the lines, the wordings), whatever changes later.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import Any

from apporteur_desktop.domain.enums import VatRegime
from apporteur_desktop.domain.invoices import (
    CitedInvoice,
    DocumentKind,
    DocumentLine,
    InvoiceDocument,
    LegalWordings,
)
from apporteur_desktop.domain.parties import Address, BusinessIdentity, LegalIdentity

FORMAT = 1


def document_to_json(document: InvoiceDocument) -> str:
    values = asdict(document)
    values["format"] = FORMAT
    return json.dumps(values, default=_plain, ensure_ascii=False, sort_keys=True)


def document_from_json(text: str) -> InvoiceDocument:
    values = json.loads(text)
    seller = values["seller"]
    return InvoiceDocument(
        kind=DocumentKind(values["kind"]),
        number=values["number"],
        issued_on=date.fromisoformat(values["issued_on"]),
        due_on=date.fromisoformat(values["due_on"]),
        service_first=date.fromisoformat(values["service_first"]),
        service_last=date.fromisoformat(values["service_last"]),
        seller=BusinessIdentity(
            identity=_identity(seller["identity"]),
            vat_regime=VatRegime(seller["vat_regime"]),
            vat_rate=_decimal(seller["vat_rate"]),
            vat_on_debits=seller["vat_on_debits"],
            iban=seller["iban"],
            bic=seller["bic"],
        ),
        buyer=_identity(values["buyer"]),
        lines=tuple(_line(line) for line in values["lines"]),
        wordings=LegalWordings(
            **{
                **values["wordings"],
                "checked_on": date.fromisoformat(values["wordings"]["checked_on"]),
            }
        ),
        currency=values["currency"],
        buyer_reference=values["buyer_reference"],
        purchase_order=values["purchase_order"],
        notes=values["notes"],
        cites=tuple(
            CitedInvoice(c["number"], date.fromisoformat(c["issued_on"])) for c in values["cites"]
        ),
        self_billed=values["self_billed"],
    )


def _identity(values: dict[str, Any]) -> LegalIdentity:
    return LegalIdentity(
        **{
            **values,
            "share_capital": _decimal(values["share_capital"]),
            "address": Address(**values["address"]),
        }
    )


def _line(values: dict[str, Any]) -> DocumentLine:
    return DocumentLine(
        description=values["description"],
        client=values["client"],
        period=values["period"],
        base=_decimal(values["base"]),
        rate=_decimal(values["rate"]),
        amount=Decimal(values["amount"]),
    )


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _plain(value: object) -> str:
    # Exact text for money and rates (never a float), ISO 8601 for dates.
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not part of a document")
