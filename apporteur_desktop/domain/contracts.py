"""The draft of a « contrat d'apport d'affaires »: an agreement and who stands on each side of it.

The roles are the contract's, not the ledger's: the introducer is whoever brings the clients and
the provider whoever pays the commission. In the earned direction the ledger's owner is the
introducer; in the owed direction, the provider. The service that builds a draft decides which
identity goes where, so the document never has to reason about directions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .agreements import Agreement, Terms, TermsVersion
from .parties import LegalIdentity


@dataclass(frozen=True, slots=True)
class ContractDraft:
    """Everything the contract draft document shows, as plain values."""

    agreement: Agreement
    introducer: LegalIdentity
    provider: LegalIdentity
    introducer_vat_franchise: bool  # commissions invoiced without VAT (art. 293 B du CGI)
    drafted_on: date  # the document's own date: its metadata never read the clock

    @property
    def terms(self) -> Terms:
        """The terms as first signed: a contract states them; amendments are listed apart."""
        return self.agreement.original_terms

    @property
    def amendments(self) -> tuple[TermsVersion, ...]:
        return self.agreement.amendments
