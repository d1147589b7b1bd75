"""The legal wordings of French invoices, with the date their defaults were last checked.

Every wording stays editable (the law moves: the VAT articles moved to the CIBS on
1 September 2026, and invoices may cite the old CGI articles until 31 December 2027).
"""

from __future__ import annotations

from datetime import date

from .invoices import LegalWordings

RECOVERY_INDEMNITY_EUROS = 40

DEFAULT_WORDINGS = LegalWordings(
    late_penalties=(
        "Pénalités de retard : taux d’intérêt appliqué par la BCE à son opération de "
        "refinancement la plus récente, majoré de 10 points (art. L441-10 du Code de commerce)."
    ),
    recovery_indemnity=(
        "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €."
    ),
    early_payment_discount="Pas d’escompte pour paiement anticipé.",
    franchise="TVA non applicable, art. 293 B du CGI.",
    operation_category="Prestations de services",
    vat_on_debits="Option pour le paiement de la taxe d’après les débits.",
    self_billing="Autofacturation",
    checked_on=date(2026, 11, 23),
)
