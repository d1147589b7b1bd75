"""Both directions through the ``apporteur`` command: what I owe an introducer (statement, their
invoice, my payment, DAS2), and invoices numbered by the other side (self-billing)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ..documents.pdf_text import pdf_pages
from ..services.invoicing_ledgers import agreement, ledger_file
from .helpers import Result, apporteur, normalise_spaces, write_ledger_file

GIRARD = "Paul Girard"
ATELIER = "Atelier Numérique SAS"

Run = Callable[..., Result]


def ledger_with(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *agreements: dict[str, Any]
) -> Run:
    """A ledger of these agreements with the first quarter's commissions saved; runs commands."""
    data_dir = tmp_path / "ledger"

    def run(*args: str) -> Result:
        return apporteur(capsys, data_dir, *args)

    source = write_ledger_file(tmp_path, ledger_file(list(agreements)))
    assert run("import", str(source)).code == 0
    assert run("commissions", "--from", "2026-01", "--to", "2026-03").code == 0
    return run


def owed_to_girard(revenue: str, *, self_billing: bool = False) -> dict[str, Any]:
    """I owe Paul Girard 20 % of a client's March revenue."""
    return agreement(
        "Girard",
        direction="owed",
        counterparty=GIRARD,
        self_billing=self_billing,
        revenue=(("2026-03", revenue),),
    )


def test_paying_an_introducer_more_than_2400_euros_in_a_year_warns_for_the_das2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = ledger_with(tmp_path, capsys, owed_to_girard("12500.00"))  # 2,500.00 owed
    recorded = run(
        *("invoice", "record", "--introducer", GIRARD, "--number", "PG-12"),
        *("--date", "2026-04-05", "--amount", "2500", "--period", "2026-03"),
    )
    assert recorded.code == 0, recorded.err
    assert recorded.err == ""  # the amount agrees with the lines
    assert "PG-12" in recorded.out and "2 500,00 €" in normalise_spaces(recorded.out)
    paid = run("payment", "add", "PG-12", "2 500,00", "--date", date.today().isoformat())
    assert paid.code == 0, paid.err

    year = str(date.today().year)
    figures = run("das2", "--year", year)
    assert figures.code == 0, figures.err
    assert GIRARD in figures.out and "44306184100013" in figures.out
    assert "3 place du Capitole, 31000 Toulouse" in figures.out
    (warning,) = figures.err_lines
    assert GIRARD in warning and "2 500,00 €" in normalise_spaces(warning)
    assert "2 400,00 €" in normalise_spaces(warning)

    records = run("das2", "--year", year, "--format", "json").json()
    assert records == [
        {
            "name": GIRARD,
            "siret": "44306184100013",
            "address": {
                "street": "3 place du Capitole",
                "postcode": "31000",
                "city": "Toulouse",
                "country": "FR",
            },
            "paid": "2500.00",
            "must_declare": True,
        }
    ]


def test_below_the_threshold_das2_lists_without_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run = ledger_with(tmp_path, capsys, owed_to_girard("1000.00"))  # 200.00 owed
    run(
        *("invoice", "record", "--introducer", GIRARD, "--number", "PG-1"),
        *("--date", "2026-04-05", "--amount", "200", "--period", "2026-03"),
    )
    assert run("payment", "add", "PG-1", "200", "--date", date.today().isoformat()).code == 0
    figures = run("das2", "--year", str(date.today().year))
    assert figures.err == ""
    assert GIRARD in figures.out
    monkeypatch.setenv("LANGUAGE", "en")
    assert run("das2", "--year", "2020").out == "Nothing paid to introducers in 2020.\n"


def test_the_statement_of_what_i_owe_is_a_pdf_naming_the_introducer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = ledger_with(tmp_path, capsys, owed_to_girard("1000.00"))
    out = tmp_path / "releve.pdf"
    written = run(
        "statement",
        "--introducer",
        GIRARD,
        "--from",
        "2026-01",
        "--to",
        "2026-03",
        "--out",
        str(out),
    )
    assert written.code == 0, written.err
    assert written.out == f"{out}\n"
    content = out.read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(pdf_pages(content))
    assert GIRARD in text and "200,00" in text


def test_a_statement_range_backwards_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = ledger_with(tmp_path, capsys, owed_to_girard("1000.00"))
    out = tmp_path / "releve.pdf"
    result = run(
        "statement",
        "--introducer",
        GIRARD,
        "--from",
        "2026-03",
        "--to",
        "2026-01",
        "--out",
        str(out),
    )
    assert result.code == 2
    assert len(result.err_lines) == 1 and "2026-03" in result.err
    assert not out.exists()


def test_a_self_billed_invoice_that_differs_from_the_lines_is_recorded_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run = ledger_with(tmp_path, capsys, agreement(self_billing=True))  # 200.00 earned
    monkeypatch.setenv("LANGUAGE", "en")
    # The provider writes the invoice: nothing for me to number.
    assert run("invoice", "issue", "--period", "2026-03").out == (
        "Nothing to invoice up to 2026-03.\n"
    )
    recorded = run(
        *("invoice", "record", "--provider", ATELIER, "--number", "AT-77"),
        *("--date", "2026-04-03", "--amount", "190.00", "--period", "2026-03"),
    )
    assert recorded.code == 0, recorded.err
    assert recorded.out.startswith(f"Recorded invoice AT-77 of {ATELIER} dated 03/04/2026")
    assert recorded.err_lines == [
        "AT-77 says €190.00 excl. VAT but its commission lines add up to €200.00: "
        "a difference of -€10.00"
    ]
    (listed,) = run("invoice", "list", "--format", "json").json()
    assert (listed["number"], listed["origin"], listed["difference"]) == (
        "AT-77",
        "recorded",
        "-10.00",
    )


def test_an_introducer_invoice_needs_due_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = ledger_with(tmp_path, capsys, owed_to_girard("1000.00"))
    args = ("invoice", "record", "--introducer", GIRARD, "--date", "2026-04-05")
    assert run(*args, "--number", "PG-1", "--amount", "200", "--period", "2026-03").code == 0
    again = run(*args, "--number", "PG-2", "--amount", "200", "--period", "2026-03")
    assert again.code == 2 and len(again.err_lines) == 1
    assert again.err.startswith("lines: ")


def test_for_a_self_billing_introducer_i_issue_the_invoice_in_its_own_series(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = ledger_with(tmp_path, capsys, owed_to_girard("1000.00", self_billing=True))
    issued = run("invoice", "issue", "--period", "2026-03", "--format", "json")
    assert issued.code == 0, issued.err
    (document,) = issued.json()["issued"]
    assert (document["number"], document["counterparty"]) == ("AF-2026-0001", GIRARD)
    assert document["self_billed"] is True
    assert Path(document["file"]).read_bytes().startswith(b"%PDF")
