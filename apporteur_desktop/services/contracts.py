"""Contract drafts from agreements: who is the introducer and who the provider, then the PDF."""

from __future__ import annotations

from ..documents.contract_pdf import render_contract
from ..domain.contracts import ContractDraft
from ..domain.enums import Direction, VatRegime
from ..storage import repository
from .context import AppContext
from .errors import UserError
from .invoice_parts import my_identity


def contract_draft(ctx: AppContext, agreement_name: str) -> ContractDraft:
    """Earned: I am the introducer and the counterparty the provider; owed: the reverse.

    An introducer other than me is taken to be under the VAT franchise when it has no VAT
    number (the same rule self-billed invoices follow).
    """
    with ctx.ledger.transaction(write=False) as session:
        agreement = repository.find_agreement_by_name(session, agreement_name)
        if agreement is None:
            raise UserError.of("not_found", what="agreement", key=agreement_name)
        me = my_identity(session)
        other = repository.get_party(session, agreement.counterparty_id).identity
    if agreement.direction is Direction.EARNED:
        return ContractDraft(
            agreement,
            introducer=me.identity,
            provider=other,
            introducer_vat_franchise=me.vat_regime is VatRegime.FRANCHISE,
            drafted_on=ctx.clock.today(),
        )
    return ContractDraft(
        agreement,
        introducer=other,
        provider=me.identity,
        introducer_vat_franchise=not other.vat_number,
        drafted_on=ctx.clock.today(),
    )


def contract_draft_pdf(ctx: AppContext, agreement_name: str) -> bytes:
    return render_contract(contract_draft(ctx, agreement_name), ctx.translator)
