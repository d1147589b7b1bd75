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

# The same mentions for a user who works in English. French law lets a buyer ask for a French
# translation, so a French default stays one setting away.
DEFAULT_WORDINGS_EN = LegalWordings(
    late_penalties=(
        "Late-payment penalties: the interest rate of the European Central Bank's most recent "
        "refinancing operation plus 10 percentage points (French Commercial Code, art. L441-10)."
    ),
    recovery_indemnity="Fixed indemnity for recovery costs in case of late payment: €40.",
    early_payment_discount="No discount for early payment.",
    franchise="VAT not applicable, art. 293 B of the French General Tax Code (CGI).",
    operation_category="Services",
    vat_on_debits="Option for VAT payment on debits.",
    self_billing="Self-billing",
    checked_on=date(2026, 11, 23),
)


def default_wordings(language: str) -> LegalWordings:
    """The dated defaults in the user's language (French unless English)."""
    return DEFAULT_WORDINGS_EN if language == "en" else DEFAULT_WORDINGS
