"""Import and export of the ledger exchange file (JSON), all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..domain.ledger import LedgerSnapshot
from ..domain.problems import Notice, Problem, Refused
from ..exchange import read_ledger_with_notices, write_ledger
from ..storage import repository
from ..storage.snapshots import load_snapshot, save_snapshot
from .context import AppContext
from .coverage_notices import uncovered_engagements


@dataclass(frozen=True, slots=True)
class ImportReport:
    counts: dict[str, int]
    notices: tuple[Notice, ...]


def import_ledger(ctx: AppContext, text: str) -> ImportReport:
    """Read ``text`` and add everything in it to the ledger in one transaction.

    Raises ``Refused`` with every problem (its place in the file included) and writes
    nothing when anything is wrong, including names the ledger already holds.
    """
    snapshot, notices = read_ledger_with_notices(text)
    with ctx.ledger.transaction() as session:
        clashes = _name_clashes(session, snapshot)
        if clashes:
            raise Refused(clashes)
        saved = save_snapshot(session, snapshot, repository.next_change_seq(session))
    return ImportReport(
        counts=_counts(saved),
        notices=tuple(notices) + tuple(uncovered_engagements(saved)),
    )


def export_ledger(ctx: AppContext) -> str:
    with ctx.ledger.transaction(write=False) as session:
        snapshot = load_snapshot(session)
    return write_ledger(snapshot)


def _name_clashes(session: Session, snapshot: LedgerSnapshot) -> list[Problem]:
    problems = []
    for index, party in enumerate(snapshot.parties):
        if repository.find_party(session, party.kind, party.name) is not None:
            problems.append(Problem.of(f"parties[{index}].name", party.name, "already_in_ledger"))
    for index, agreement in enumerate(snapshot.agreements):
        if repository.find_agreement_by_name(session, agreement.name) is not None:
            problems.append(
                Problem.of(f"agreements[{index}].name", agreement.name, "already_in_ledger")
            )
    if snapshot.identity is not None and repository.get_identity(session) is not None:
        problems.append(
            Problem.of("identity", snapshot.identity.identity.name, "identity_already_set")
        )
    return problems


def _counts(snapshot: LedgerSnapshot) -> dict[str, int]:
    return {
        "parties": len(snapshot.parties),
        "agreements": len(snapshot.agreements),
        "introductions": len(snapshot.introductions),
        "engagements": len(snapshot.engagements),
        "revenue": len(snapshot.revenue),
    }
