"""Month end through the ``apporteur`` command: the worked examples' commissions of the first
quarter become one numbered invoice per provider, whose files are archived, printed, paid and
cancelled by credit note; the numbering follows the user's pattern."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from apporteur_desktop.cli.main import main

from ..documents.pdf_text import pdf_pages
from .helpers import EXAMPLES, Result, apporteur, normalise_spaces

QUARTER = ("--from", "2026-01", "--to", "2026-03")
PROVIDERS = {"Atelier Numérique SAS", "Nantes Conseil SARL", "Sophie Bernard"}


def today() -> str:
    """Documents are issued on the computer's date, and cannot be paid before it."""
    return date.today().isoformat()


@pytest.fixture
def ledger(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The worked examples imported and their first quarter's commissions saved."""
    data_dir = tmp_path / "ledger"
    assert apporteur(capsys, data_dir, "import", str(EXAMPLES)).code == 0
    assert apporteur(capsys, data_dir, "commissions", *QUARTER).code == 0
    return data_dir


@pytest.fixture
def invoiced(ledger: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    issued = apporteur(capsys, ledger, "invoice", "issue", "--period", "2026-03")
    assert issued.code == 0, issued.err
    return ledger


def quarter_lines(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[dict[str, Any]]:
    run = apporteur(capsys, data_dir, "commissions", *QUARTER, "--preview", "--format", "json")
    assert run.code == 0, run.err
    return list(run.json())


def invoices(capsys: pytest.CaptureFixture[str], data_dir: Path, *states: str) -> list[Any]:
    status = ("--status", *states) if states else ()
    listed = apporteur(capsys, data_dir, "invoice", "list", *status, "--format", "json")
    assert listed.code == 0, listed.err
    return list(listed.json())


def assert_one_line(result: Result, code: int = 2) -> str:
    assert result.code == code, result
    assert "Traceback" not in result.err
    assert len(result.err_lines) == 1, result.err
    return result.err_lines[0]


# --- drafts and issuing ---------------------------------------------------------------------------


def test_issuing_numbers_one_invoice_per_provider_with_the_commission_lines_totals(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = quarter_lines(capsys, ledger)
    expected: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        expected[line["provider"]] += Decimal(line["amount"])
    counted = Counter(line["provider"] for line in lines)

    issued = apporteur(
        capsys, ledger, "invoice", "issue", "--period", "2026-03", "--format", "json"
    )

    assert issued.code == 0, issued.err
    documents = issued.json()["issued"]
    assert sorted(d["number"] for d in documents) == ["2026-0001", "2026-0002", "2026-0003"]
    assert {d["counterparty"] for d in documents} == PROVIDERS
    for document in documents:
        provider = document["counterparty"]
        assert Decimal(document["net_total"]) == expected[provider]
        assert Decimal(document["gross_total"]) == expected[provider]  # VAT franchise
        assert len(document["lines"]) == counted[provider]
        content = Path(document["file"]).read_bytes()
        assert content.startswith(b"%PDF")
        assert hashlib.sha256(content).hexdigest() == document["sha256"]


def test_the_issue_table_shows_numbers_totals_due_dates_and_files(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issued = apporteur(capsys, ledger, "invoice", "issue", "--period", "2026-03")
    assert issued.code == 0, issued.err
    table = normalise_spaces(issued.out)
    assert "2026-0001" in table and "Atelier Numérique SAS" in table
    assert "1 700,00 €" in table  # A 640 + B 160 + H 900
    assert str(ledger / "archive" / "2026" / "2026-0003.pdf") in table


def test_with_nothing_due_issue_says_so_and_succeeds(
    invoiced: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    again = apporteur(capsys, invoiced, "invoice", "issue", "--period", "2026-03")
    assert again.code == 0, again.err
    assert again.out == "Nothing to invoice up to 2026-03.\n"
    assert len(invoices(capsys, invoiced)) == 3


def test_drafts_have_no_number_and_can_be_limited_to_one_provider(
    ledger: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    drafted = apporteur(
        capsys, ledger, "invoice", "draft", "--period", "2026-03", "--format", "json"
    )
    assert drafted.code == 0, drafted.err
    drafts = drafted.json()["drafts"]
    assert {d["counterparty"] for d in drafts} == PROVIDERS
    assert all(d["number"] == "" and d["state"] == "draft" for d in drafts)

    monkeypatch.setenv("LANGUAGE", "en")
    one = apporteur(
        capsys, ledger, "invoice", "draft", "--period", "2026-03", "--provider", "Sophie Bernard"
    )
    assert one.code == 0, one.err
    heading, row = one.out.splitlines()
    assert heading.split() == [
        *("Counterparty", "Kind", "Total", "excl.", "VAT", "VAT", "Total", "incl."),
        *("VAT", "Lines"),
    ]
    assert row.split() == ["Sophie", "Bernard", "invoice", "€1,300.00", "€0.00", "€1,300.00", "3"]


def test_drafts_up_to_a_month_leave_the_later_months_out(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drafted = apporteur(
        capsys, ledger, "invoice", "draft", "--period", "2026-01", "--format", "json"
    )
    totals = {d["counterparty"]: d["net_total"] for d in drafted.json()["drafts"]}
    # January: A 160 + B 160 + H 300; I 100; F 400 (C earns nothing on its trial).
    assert totals == {
        "Atelier Numérique SAS": "620.00",
        "Nantes Conseil SARL": "100.00",
        "Sophie Bernard": "400.00",
    }


def test_an_unknown_provider_is_one_line(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = apporteur(
        capsys, ledger, "invoice", "draft", "--period", "2026-03", "--provider", "Personne"
    )
    assert "Personne" in assert_one_line(result)


# --- the list, the archive ------------------------------------------------------------------------


def test_the_list_gives_every_document_with_what_is_paid_and_left(
    invoiced: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = invoices(capsys, invoiced)
    assert [(i["number"], i["state"], i["outstanding"]) for i in listed] == [
        ("2026-0001", "issued", "1700.00"),
        ("2026-0002", "issued", "1380.00"),
        ("2026-0003", "issued", "1300.00"),
    ]
    monkeypatch.setenv("LANGUAGE", "en")
    table = apporteur(capsys, invoiced, "invoice", "list")
    assert table.out.splitlines()[0].split() == [
        *("Number", "Date", "Counterparty", "Kind", "Status", "Total", "incl.", "VAT"),
        *("Paid", "Left", "to", "pay", "Due", "date"),
    ]
    csv_text = apporteur(capsys, invoiced, "invoice", "list", "--format", "csv").out
    assert csv_text.splitlines()[0].startswith("number,kind,state,")
    assert len(csv_text.splitlines()) == 4


def test_pdf_writes_the_archived_file_beside_the_user(
    invoiced: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    archived = invoices(capsys, invoiced)[0]
    monkeypatch.chdir(tmp_path)
    written = apporteur(capsys, invoiced, "invoice", "pdf", "2026-0001")
    assert written.code == 0, written.err
    assert written.out == "2026-0001.pdf\n"
    assert (tmp_path / "2026-0001.pdf").read_bytes() == Path(archived["file"]).read_bytes()

    elsewhere = tmp_path / "out" / "facture.pdf"
    elsewhere.parent.mkdir()
    assert (
        apporteur(capsys, invoiced, "invoice", "pdf", "2026-0001", "--out", str(elsewhere)).code
        == 0
    )
    assert elsewhere.read_bytes() == Path(archived["file"]).read_bytes()


def test_pdf_of_an_unknown_number_is_one_line(
    invoiced: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    result = apporteur(capsys, invoiced, "invoice", "pdf", "2026-0099", "--out", str(out))
    assert "2026-0099" in assert_one_line(result)
    assert not out.exists()


# --- payments and credit notes --------------------------------------------------------------------


def test_a_partial_then_a_full_payment_make_an_invoice_paid(
    invoiced: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    first = apporteur(
        capsys, invoiced, "payment", "add", "2026-0001", "1 000,00", "--date", today()
    )
    assert first.code == 0, first.err
    assert (
        first.out
        == "Payment of €1,000.00 recorded on 2026-0001: partly paid, €700.00 left to pay.\n"
    )
    second = apporteur(
        capsys,
        invoiced,
        *("payment", "add", "2026-0001", "700.00", "--date", today()),
        *("--method", "cheque", "--note", "chèque n° 12"),
    )
    assert second.code == 0, second.err
    assert "2026-0001: paid, €0.00 left to pay" in second.out
    assert [i["number"] for i in invoices(capsys, invoiced, "paid")] == ["2026-0001"]
    assert len(invoices(capsys, invoiced, "issued", "partly_paid")) == 2


def test_paying_more_than_is_left_is_refused(
    invoiced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = apporteur(
        capsys, invoiced, "payment", "add", "2026-0003", "1300.01", "--date", today()
    )
    line = normalise_spaces(assert_one_line(result))
    assert line == "amount: 1300.01 dépasse les 1300.00 restant à payer"
    assert invoices(capsys, invoiced, "issued")[-1]["paid"] == "0.00"


def test_cancelling_issues_a_credit_note_and_a_second_cancel_is_refused(
    invoiced: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    cancelled = apporteur(
        capsys, invoiced, "invoice", "cancel", "2026-0002", "--reason", "wrong client"
    )
    assert cancelled.code == 0, cancelled.err
    message, file_line = cancelled.out.splitlines()
    assert message == "Credit note 2026-0004 issued, cancelling 2026-0002: €1,380.00"
    assert Path(file_line).read_bytes().startswith(b"%PDF")

    again = apporteur(capsys, invoiced, "invoice", "cancel", "2026-0002", "--reason", "again")
    assert assert_one_line(again) == "2026-0002 is already cancelled"
    listed = invoices(capsys, invoiced)
    assert [(i["number"], i["kind"], i["state"]) for i in listed] == [
        ("2026-0001", "invoice", "issued"),
        ("2026-0002", "invoice", "cancelled"),
        ("2026-0003", "invoice", "issued"),
        ("2026-0004", "credit_note", "paid"),  # it settles the unpaid invoice
    ]


# --- numbering ------------------------------------------------------------------------------------


def test_a_pattern_without_the_year_is_refused_and_a_good_one_numbers_the_next_invoice(
    invoiced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refused = apporteur(capsys, invoiced, "settings", "set", "numbering.invoice_pattern=F-{seq}")
    assert normalise_spaces(assert_one_line(refused)) == (
        "numbering.invoice_pattern: « F-{seq} » n’a pas de champ {year} : la numérotation "
        "repart chaque année, les numéros se répéteraient"
    )
    shown = apporteur(capsys, invoiced, "settings", "show", "--format", "json").json()
    assert shown["numbering.invoice_pattern"] == "{year}-{seq:04d}"

    saved = apporteur(
        capsys, invoiced, "settings", "set", "numbering.invoice_pattern=F-{year}-{seq:03d}"
    )
    assert saved.code == 0, saved.err
    assert (
        apporteur(capsys, invoiced, "commissions", "--from", "2026-04", "--to", "2026-04").code == 0
    )
    issued = apporteur(
        capsys, invoiced, "invoice", "issue", "--period", "2026-04", "--format", "json"
    )
    assert issued.code == 0, issued.err
    # The series goes on where it was, in the new format: no gap, no restart.
    assert sorted(d["number"] for d in issued.json()["issued"]) == [
        "F-2026-004",
        "F-2026-005",
        "F-2026-006",
    ]


def test_settings_show_every_key_and_refuse_unknown_ones_all_at_once(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = apporteur(capsys, ledger, "settings", "show")
    keys = [line.split()[0] for line in shown.out.splitlines()[1:-1]]
    assert keys[:3] == [
        "numbering.invoice_pattern",
        "numbering.credit_note_pattern",
        "numbering.self_billing_pattern",
    ]
    assert "wordings.late_penalties" in keys
    refused = apporteur(capsys, ledger, "settings", "set", "pattern=X", "wordings.colour=red")
    assert refused.code == 2
    assert [line.split(":")[0] for line in refused.err_lines] == ["pattern", "wordings.colour"]

    wording = "Pénalités de retard : trois fois le taux d’intérêt légal"
    saved = apporteur(capsys, ledger, "settings", "set", f"wordings.late_penalties={wording}")
    assert saved.code == 0, saved.err
    shown = apporteur(capsys, ledger, "settings", "show", "--format", "json").json()
    assert shown["wordings.late_penalties"] == wording
    assert shown["wordings.checked_on"] == today()


# --- identity and contract drafts -----------------------------------------------------------------


def test_a_bad_siret_is_refused_with_its_field_and_changes_nothing(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = apporteur(capsys, ledger, "identity", "show", "--format", "json").json()
    refused = apporteur(
        capsys, ledger, "identity", "set", "siret=12345678200011", "street=1 rue Neuve"
    )
    assert assert_one_line(refused).startswith("identity.siret: 12345678200011")
    assert apporteur(capsys, ledger, "identity", "show", "--format", "json").json() == before

    saved = apporteur(capsys, ledger, "identity", "set", "street=1 rue Neuve", "city=Villeurbanne")
    assert saved.code == 0, saved.err
    after = apporteur(capsys, ledger, "identity", "show", "--format", "json").json()
    assert after == {**before, "street": "1 rue Neuve", "city": "Villeurbanne"}
    table = apporteur(capsys, ledger, "identity", "show").out
    assert "siret          12345678200010" in table


def test_an_unknown_identity_field_is_named(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refused = apporteur(capsys, ledger, "identity", "set", "colour=blue")
    assert assert_one_line(refused).startswith("colour: ")


def test_identity_show_on_an_empty_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = apporteur(capsys, tmp_path / "empty", "identity", "show", "--format", "json")
    assert shown.code == 0 and shown.json() is None


def test_a_contract_draft_is_a_pdf_naming_both_parties(
    ledger: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "contrat.pdf"
    written = apporteur(capsys, ledger, "contract", "draft", "Example A", "--out", str(out))
    assert written.code == 0, written.err
    assert written.out == f"{out}\n"
    content = out.read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(pdf_pages(content))
    assert "Atelier Numérique SAS" in text and "Jeanne Martin" in text


def test_a_contract_draft_of_an_unknown_agreement_is_one_line(
    ledger: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "contrat.pdf"
    result = apporteur(capsys, ledger, "contract", "draft", "Example Z", "--out", str(out))
    assert "Example Z" in assert_one_line(result)
    assert not out.exists()


def test_the_data_folder_may_follow_the_command(
    invoiced: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["invoice", "list", "--format", "json", "--data-dir", str(invoiced)]) == 0
    assert len(Result(0, capsys.readouterr().out, "").json()) == 3


def test_a_logo_set_from_a_file_is_printed_on_the_next_invoices(
    ledger: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import io

    from PIL import Image
    from pypdf import PdfReader

    missing = apporteur(capsys, ledger, "identity", "logo", str(tmp_path / "absent.png"))
    assert missing.code != 0 and len(missing.err_lines) == 1
    assert "absent.png" in missing.err
    picture = tmp_path / "logo.png"
    Image.new("RGB", (90, 30), (200, 60, 40)).save(picture)
    saved = apporteur(capsys, ledger, "identity", "logo", str(picture))
    assert (saved.code, saved.out.strip()) == (0, "Logo enregistré.")
    assert apporteur(capsys, ledger, "invoice", "issue", "--period", "2026-03").code == 0
    pdf = apporteur(capsys, ledger, "invoice", "pdf", "2026-0001", "--out", str(tmp_path / "f.pdf"))
    assert pdf.code == 0
    reader = PdfReader(io.BytesIO((tmp_path / "f.pdf").read_bytes()))
    assert len(reader.pages[0].images) == 1
