"""How long issuing an invoice takes, against bare fpdf2 drawing the same page.

    .venv/bin/python benchmarks/invoices.py

Builds a ledger of 101 providers, each owed three commission lines for March 2026, then prints,
in one run:

- the first invoice issued in a fresh process (fonts parsed, stylesheets of the libraries
  loaded): draft → number → PDF/A-3 → Factur-X XML checked against the XSD and embedded →
  file archived → hash and lines committed;
- the next 100 invoices, each issued on its own (one transaction each), with their median;
- bare fpdf2 drawing the same text on one A4 page with DejaVu Sans, fonts parsed once per
  document as fpdf2 does (``add_font`` cannot share a parsed font between documents), and the
  same with fpdf2's built-in Helvetica, which needs no font file at all;
- the ratio of the median invoice to the bare DejaVu render (target: at most 1.5×).
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fpdf import FPDF
from pypdf import PdfReader

from apporteur_desktop.domain.periods import Period
from apporteur_desktop.i18n import Translator
from apporteur_desktop.infra.clock import FixedClock
from apporteur_desktop.infra.resources import resource_file
from apporteur_desktop.services import commissions, invoicing
from apporteur_desktop.services.context import open_context
from apporteur_desktop.services.exchange import import_ledger

MARCH = Period(2026, 3)
PROVIDERS = 101
CLOCK = FixedClock(datetime(2026, 4, 2, 9, 0, tzinfo=UTC))
TARGET = 1.5

# Jeanne Martin, sole trader under the VAT franchise: the identity of the worked examples.
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "worked-examples.json"
IDENTITY = json.loads(EXAMPLES.read_text(encoding="utf-8"))["identity"]


def ledger_content() -> dict[str, object]:
    parties: list[dict[str, object]] = []
    agreements = []
    for n in range(PROVIDERS):
        provider = f"Prestataire {n:03d} SAS"
        parties.append(
            {
                "kind": "provider",
                "name": provider,
                "legal_form": "SAS",
                "siren": "987654324",
                "address": {"street": f"{n + 1} avenue Foch", "postcode": "75008", "city": "Paris"},
            }
        )
        introductions = []
        for c in range(3):
            client = f"Client {n:03d}-{c} Boulangerie Pâtissière"
            parties.append({"kind": "client", "name": client})
            introductions.append(
                {
                    "client": client,
                    "introduced_on": "2026-01-10",
                    "engagements": [
                        {
                            "label": "contrat",
                            "kind": "long_term",
                            "start": "2026-03-01",
                            "revenue": [{"period": "2026-03", "amount": f"{1200 + 37 * c}.50"}],
                        }
                    ],
                }
            )
        agreements.append(
            {
                "name": f"Accord {n:03d}",
                "direction": "earned",
                "counterparty": provider,
                "signed_on": "2026-01-05",
                "valid_from": "2026-01-05",
                "terms": {
                    "components": [{"kind": "revenue_percent", "rate": "20"}],
                    "rights": {"kind": "months", "months": 12},
                },
                "introductions": introductions,
            }
        )
    return {
        "format": "apporteur-ledger",
        "version": 1,
        "identity": IDENTITY,
        "parties": parties,
        "agreements": agreements,
    }


def font_paths() -> tuple[str, str]:
    with (
        resource_file("fonts", "DejaVuSans.ttf") as regular,
        resource_file("fonts", "DejaVuSans-Bold.ttf") as bold,
    ):
        return str(regular), str(bold)


def bare_render(lines: list[str], *, dejavu: bool) -> bytes:
    """The same text on one A4 page with fpdf2 and nothing else."""
    pdf = FPDF(unit="mm", format="A4")
    if dejavu:
        regular, bold = FONTS
        pdf.add_font("DejaVu", "", regular)
        pdf.add_font("DejaVu", "B", bold)
        family = "DejaVu"
    else:
        family = "Helvetica"
    pdf.add_page()
    for number, line in enumerate(lines):
        pdf.set_font(family, "B" if number % 5 == 0 else "", 8)
        text = line if dejavu else line.encode("latin-1", "replace").decode("latin-1")
        pdf.cell(0, 4, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def timed(action):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


FONTS = font_paths()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="apporteur-invoices-"))
    try:
        with open_context(str(folder), {}, Translator("fr"), CLOCK) as ctx:
            import_ledger(ctx, json.dumps(ledger_content()))
            commissions.run_commissions(ctx, MARCH, MARCH, preview=False)
            drafts = invoicing.prepare_drafts(ctx, MARCH).drafts
            assert len(drafts) == PROVIDERS
            first_time, first = timed(lambda: invoicing.issue_drafts(ctx, [drafts[0].id]))
            times = []
            for draft in drafts[1:]:
                elapsed, _issued = timed(lambda d=draft: invoicing.issue_drafts(ctx, [d.id]))
                times.append(elapsed)
            (document,) = first.documents
            assert document.file is not None
            page = PdfReader(io.BytesIO(document.file.read_bytes())).pages[0]
            lines = [line for line in page.extract_text().splitlines() if line.strip()]
        bare_dejavu = [timed(lambda: bare_render(lines, dejavu=True))[0] for _ in range(20)]
        bare_core = [timed(lambda: bare_render(lines, dejavu=False))[0] for _ in range(20)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    each = median(times)
    bare = median(bare_dejavu)
    print(f"first invoice issued (cold process)         {first_time * 1000:8.1f} ms")
    print(f"next {len(times)} invoices, in a row           {sum(times) * 1000:8.1f} ms")
    print(f"  median per invoice                        {each * 1000:8.1f} ms")
    print(f"  slowest                                   {max(times) * 1000:8.1f} ms")
    print(f"bare fpdf2, same page, DejaVu Sans          {bare * 1000:8.1f} ms  (median of 20)")
    print(f"bare fpdf2, same page, built-in Helvetica   {median(bare_core) * 1000:8.1f} ms")
    verdict = "met" if each <= TARGET * bare else "not met"
    ratio = each / bare
    print(f"ratio invoice / bare DejaVu render          {ratio:8.2f}×  (≤ {TARGET}×: {verdict})")


if __name__ == "__main__":
    main()
