"""The invoicing settings and my identity, as the services keep them in the ledger."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from apporteur_desktop.domain.legal import DEFAULT_WORDINGS
from apporteur_desktop.domain.numbering import DEFAULT_PATTERN
from apporteur_desktop.domain.problems import Refused
from apporteur_desktop.services import identity, invoice_settings

from .invoicing_ledgers import ready_ledger


def test_defaults_until_the_user_changes_them(tmp_path: Path) -> None:
    with ready_ledger(tmp_path, run_through=None) as ctx:
        settings = invoice_settings.invoicing_settings(ctx)
        assert settings.wordings == DEFAULT_WORDINGS
        assert settings.numbering.invoice_pattern == DEFAULT_PATTERN
        changed = invoice_settings.update_settings(
            ctx,
            {
                "wordings.franchise": "TVA non applicable, art. 293 B du CGI (franchise).",
                "numbering.invoice_pattern": "F{year}-{seq:05d}",
            },
        )
        assert changed.wordings.checked_on == date(2026, 4, 2)  # the day it was edited
        assert invoice_settings.invoicing_settings(ctx) == changed


def test_bad_settings_are_refused_whole_with_each_problem(tmp_path: Path) -> None:
    with ready_ledger(tmp_path, run_through=None) as ctx:
        with pytest.raises(Refused) as refused:
            invoice_settings.update_settings(
                ctx,
                {
                    "wordings.late_penalties": "  ",
                    "numbering.invoice_pattern": "F-{seq:04d}",
                    "numbering.credit_note_pattern": "AV {year}-{seq}",
                },
            )
        assert {(p.field, p.code) for p in refused.value.problems} == {
            ("numbering.invoice_pattern", "pattern_without_year"),
            ("numbering.credit_note_pattern", "number_bad_characters"),
            ("wordings.late_penalties", "required"),
        }
        with pytest.raises(Refused) as refused:
            invoice_settings.update_settings(
                ctx, {"numbering.credit_note_pattern": "{year}-{seq:04d}"}
            )
        assert [p.code for p in refused.value.problems] == ["same_numbers_as"]
        with pytest.raises(Refused) as refused:
            invoice_settings.update_settings(ctx, {"wordings.colour": "blue"})
        assert [p.field for p in refused.value.problems] == ["wordings.colour"]
        assert invoice_settings.invoicing_settings(ctx).wordings == DEFAULT_WORDINGS


def test_identity_changes_are_checked_and_all_or_nothing(tmp_path: Path) -> None:
    with ready_ledger(tmp_path, run_through=None) as ctx:
        with pytest.raises(Refused) as refused:
            identity.set_identity(ctx, {"siret": "12345678200011", "city": "Villeurbanne"})
        assert [p.field for p in refused.value.problems] == ["identity.siret"]
        current = identity.show_identity(ctx)
        assert current is not None and current.identity.address.city == "Lyon"
        changed = identity.set_identity(
            ctx, {"city": "Villeurbanne", "postcode": "69100", "vat_on_debits": "oui"}
        )
        assert changed.identity.address.city == "Villeurbanne"
        assert changed.vat_on_debits is True
        assert identity.show_identity(ctx) == changed
        with pytest.raises(Refused) as refused:
            identity.set_identity(ctx, {"vat_regime": "sometimes", "nickname": "Jeannot"})
        assert [p.field for p in refused.value.problems] == ["nickname"]


def test_identity_and_settings_are_saved_together_or_not_at_all(tmp_path: Path) -> None:
    from apporteur_desktop.services.setup import save_setup

    with ready_ledger(tmp_path, run_through=None) as ctx:
        with pytest.raises(Refused) as refused:
            save_setup(
                ctx,
                {"city": "Villeurbanne", "iban": "FR7630006000011234567890180"},
                {"numbering.invoice_pattern": "F-{seq}"},
            )
        assert {p.field for p in refused.value.problems} == {"iban", "numbering.invoice_pattern"}
        current = identity.show_identity(ctx)
        assert current is not None and current.identity.address.city == "Lyon"
        saved = save_setup(
            ctx, {"city": "Villeurbanne"}, {"numbering.invoice_pattern": "F{year}-{seq}"}
        )
        assert saved.identity is not None and saved.identity.identity.address.city == "Villeurbanne"
        assert invoice_settings.invoicing_settings(ctx).numbering.invoice_pattern == "F{year}-{seq}"
