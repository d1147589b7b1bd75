"""Words for the codes the core returns: problems, warnings, reasons and line explanations.

The engine, validation and storage hold no user-facing sentence; everything the user reads
is worded here, through the one catalogue, in the user's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from ..domain.commissions import Explanation
from ..domain.enums import ComponentKind
from ..domain.periods import BadPeriod
from ..domain.problems import NotFound, Notice, Problem, Refused
from ..formatting import date_text, money_text, rate_text
from ..i18n import N_, Translator
from .errors import UserError

COMPONENT_NAMES: Mapping[str, str] = {
    ComponentKind.REVENUE_PERCENT: N_("percentage of revenue"),
    ComponentKind.QUALIFIED_FEE: N_("fixed fee per qualified introduction"),
    ComponentKind.SIGNATURE_FEE: N_("fixed fee at signature"),
    ComponentKind.CONTRACT_VALUE_PERCENT: N_("percentage of contract value"),
    ComponentKind.TIERED: N_("tiered percentage"),
}

# Why an engagement earns nothing (engine.coverage reason codes).
COVERAGE_REASONS: Mapping[str, str] = {
    "introduction_outside_validity": N_(
        "the introduction was made outside the agreement's validity, so it earns nothing"
    ),
    "signed_after_agreement": N_(
        "it was signed after the agreement ended and its tail, so no commission rights start"
    ),
    "trial_not_covered": N_(
        "the agreement covers conversions only, so the trial month earns nothing"
    ),
    "conversion_not_covered": N_(
        "the agreement covers the trial only: this long-term engagement earns nothing"
    ),
    "outside_conversion_window": N_(
        "it starts after the conversion window, so it is not a conversion of the trial and "
        "no commission rights ever started"
    ),
    "no_rights_clock": N_("no engagement started the commission rights, so it earns nothing"),
    "one_off_rights": N_("the rights are one-off: only the first engagement earns"),
    "before_rights": N_("it started before the commission rights, so it earns nothing"),
    "after_rights": N_("it starts after the commission rights have ended, so it earns nothing"),
}

LINE_REASONS: Mapping[str, str] = {
    "cap_introduction": N_("cut by the cap per introduction"),
    "cap_year": N_("cut by the yearly cap"),
    "clawback": N_("reversed: the client left within the clawback window"),
    "correction": N_("correction of what was computed before"),
    "not_covered": N_("withdrawn: the agreement no longer covers it"),
}


def explain(tr: Translator, explanation: Explanation) -> str:
    """One sentence that says how a line's amount came about."""
    _ = tr.gettext
    language = tr.language
    parts = [_(COMPONENT_NAMES[explanation.component])]
    parts.append(_base_and_rate(tr, explanation))
    if explanation.month_number is not None:
        if explanation.month_count is None:
            parts.append(_("month {n} of the rights").format(n=explanation.month_number))
        else:
            parts.append(
                _("month {n} of {count}").format(
                    n=explanation.month_number, count=explanation.month_count
                )
            )
    if explanation.reason:
        parts.append(_(LINE_REASONS.get(explanation.reason, explanation.reason)))
    if explanation.uncapped is not None:
        parts.append(
            _("{amount} before the cap").format(amount=money_text(explanation.uncapped, language))
        )
    if explanation.cap_left is not None:
        parts.append(
            _("{amount} left under the cap").format(
                amount=money_text(explanation.cap_left, language)
            )
        )
    if explanation.previous is not None:
        parts.append(
            _("previously {amount}").format(amount=money_text(explanation.previous, language))
        )
    # TRANSLATORS: the separator between the parts of a line's explanation.
    return _("; ").join(part for part in parts if part)


def _base_and_rate(tr: Translator, explanation: Explanation) -> str:
    _ = tr.gettext
    language = tr.language
    details = explanation.details or {}
    day = details.get("date")
    if explanation.component is ComponentKind.TIERED and explanation.base is not None:
        before = details.get("cumulative_before", Decimal(0))
        after = details.get("cumulative_after", Decimal(0))
        split = " + ".join(
            f"{rate_text(rate, language)} × {money_text(amount, language)}"
            for amount, rate in details.get("portions", ())
        )
        mode = _("whole volume") if details.get("mode") == "whole_volume" else _("marginal")
        return _("{mode}, year to date {before} → {after}: {split}").format(
            mode=mode,
            before=money_text(before, language),
            after=money_text(after, language),
            split=split or rate_text(explanation.rate or Decimal(0), language),
        )
    if explanation.rate is not None and explanation.base is not None:
        text = f"{rate_text(explanation.rate, language)} × {money_text(explanation.base, language)}"
        if isinstance(day, date):
            text += " " + _("signed on {date}").format(date=date_text(day, language))
        return text
    if isinstance(day, date):
        return _("due on {date}").format(date=date_text(day, language))
    return ""


def coverage_reason(tr: Translator, code: str) -> str:
    return tr.gettext(COVERAGE_REASONS.get(code, code))


# --- problems and warnings ----------------------------------------------------------------------

PROBLEM_MESSAGES: dict[str, str] = {
    "required": N_("is required"),
    "below_minimum": N_("{value} is below {minimum}"),
    "above_maximum": N_("{value} is above {maximum}"),
    "too_many_decimals": N_("{value} has more than {places} decimal places"),
    "invalid_number": N_("{value} is not a number"),
    "not_applicable": N_("does not apply to a {kind}"),
    "open_tier_not_last": N_("only the last bracket may be open-ended"),
    "not_ascending": N_("{value} must be above the previous bracket's {previous}"),
    "date_before_minimum": N_("{value} is before {reference} ({minimum})"),
    "not_after_previous": N_("{value} must come after the previous amendment ({previous})"),
    "date_before_previous": N_("{value} is before the previous step ({previous})"),
    "after_final_status": N_("no step can follow « {final} »"),
    "unknown_trial": N_("{value} is not a trial of this introduction"),
    "not_a_trial": N_("{value} is a {kind}, not a trial"),
    "estimate_after_confirmed": N_(
        "an estimate cannot replace the confirmed figure already recorded for {period}"
    ),
    "invalid_period": N_("{value} is not a month: write it {expected_format}"),
    "invalid_length": N_("{value} has the wrong length for a {identifier}"),
    "invalid_format": N_("{value} is not written like a {identifier}"),
    "invalid_checksum": N_("{value} is not a valid {identifier}: its check digits are wrong"),
    "unknown_country": N_("{value} does not start with a known EU country code"),
    "siret_siren_mismatch": N_("{value} does not belong to SIREN {siren}"),
    "vat_siren_mismatch": N_("{value} does not belong to SIREN {siren}"),
    "invalid_email": N_("{value} is not an e-mail address"),
    "invalid_country": N_("{value} is not a two-letter country code such as FR"),
    "unknown_party": N_("« {value} » is not a {kind} in parties"),
    "unknown_agreement": N_("{value} is not an agreement of this ledger"),
    "unknown_introduction": N_("{value} is not an introduction of this ledger"),
    "unknown_engagement": N_("{value} is not an engagement of this ledger"),
    "duplicate_name": N_("« {value} » is used twice"),
    "duplicate_label": N_("« {value} » is used twice in this introduction"),
    "json_syntax": N_("not valid JSON at line {line}, column {column}: {detail}"),
    "not_an_object": N_("must be an object"),
    "not_a_list": N_("must be a list"),
    "not_a_text": N_("must be text"),
    "not_a_boolean": N_("must be true or false"),
    "not_a_whole_number": N_("{value} is not a whole number"),
    "invalid_date": N_("{value} is not a date: write it {expected_format}"),
    "not_one_of": N_("{value} is not one of {allowed}"),
    "unknown_field": N_("unknown field; allowed: {allowed}"),
    "duplicate_key": N_("{key} is given twice"),
    "unsupported_format": N_("this is not a ledger file (expected format « {expected} »)"),
    "unsupported_version": N_("version {value} is not supported (supported: {supported})"),
    "invalid": N_("{value} is not allowed: {detail}"),
    "already_in_ledger": N_("« {value} » already exists in this ledger"),
    "identity_already_set": N_("this ledger already has a business identity"),
    "kind_locked": N_(
        "cannot change from {kind}: an agreement, an introduction or an invoice already "
        "names this contact"
    ),
    "fixed_after_commissions": N_(
        "cannot change once commissions were computed under this agreement: record an "
        "amendment instead"
    ),
    "same_terms": N_("the terms are those already in force: change at least one of them"),
    "unknown_line": N_("the draft has no line {value}"),
    "not_an_image": N_("must be a PNG or JPEG image"),
    "file_too_large": N_("the file has {value} bytes; at most {maximum} are allowed"),
    "nothing_left_to_pay": N_("nothing is left to pay on this document"),
    "above_left_to_pay": N_("{value} is more than the {maximum} left to pay"),
    "no_due_lines": N_("no due commission line to record this invoice against"),
    "same_numbers_as": N_("« {value} » would give the same numbers as {other}"),
    "pattern_without_seq": N_("« {value} » has no {{seq}} field for the sequence number"),
    "pattern_without_year": N_(
        "« {value} » has no {{year}} field: numbers restart each year, so they would repeat"
    ),
    "pattern_unknown_field": N_("« {value} » may only use the fields {{year}} and {{seq}}"),
    "pattern_unreadable": N_("« {value} » is not a valid pattern, e.g. {{year}}-{{seq:04d}}"),
    "number_too_long": N_("« {value} » gives numbers longer than 35 characters"),
    "number_bad_characters": N_(
        "« {value} » gives numbers with characters other than A–Z, a–z, 0–9 and + - _ /"
    ),
    # Spreadsheet imports (services.spreadsheet_import): the file, then its rows.
    "not_a_spreadsheet": N_(
        "« {value} » is not a spreadsheet this app reads: save it as .xlsx or CSV"
    ),
    "unknown_sheet": N_("« {value} » has no sheet « {sheet} »"),
    "empty_spreadsheet": N_("« {value} » is empty"),
    "no_header_row": N_(
        "the first row of « {value} » holds no column names: add a row of headings above the data"
    ),
    "no_rows": N_("there is no row to import under the headings"),
    "no_column": N_("choose the column that holds it"),
    "not_yes_no": N_("{value} is neither yes nor no"),
    "unknown_client": N_("« {value} » is not a client of this ledger"),
    "no_introduction": N_("« {value} » has no introduction under « {agreement} »"),
    "no_introduction_on": N_("« {value} » has no introduction under « {agreement} » on {date}"),
    "no_engagement": N_("no engagement of « {client} » matches « {value} »"),
    "ambiguous_engagement": N_("several engagements of « {client} » fit: name one of {names}"),
    "introduction_recorded": N_(
        "« {value} » was already introduced under « {agreement} » on {date}"
    ),
    "engagement_recorded": N_("this introduction already has a {kind} that starts on {date}"),
    "same_as_row": N_("this row repeats row {other}"),
    # Recording introductions and engagements (services.introductions, services.engagements).
    "client_given_twice": N_("choose an existing client or type a new name, not both"),
    "already_converted": N_("the trial « {value} » is already converted"),
}

NOTICE_MESSAGES: dict[str, str] = {
    "buyer_siren_soon_required": N_(
        "{field}: the buyer's SIREN will be required on invoices from 1 September 2027; "
        "ask for it now"
    ),
    "rate_above_usual": N_("a rate of {rate} % is above the usual 30 %: check it (it is allowed)"),
    "client_created": N_("« {name} » is not a client yet: the import will create it"),
}


# Codes that problems put into sentences ({kind}, {identifier}, {reference}, {final}…).
VALUE_NAMES: Mapping[str, str] = {
    "provider": N_("provider"),
    "client": N_("client"),
    "introducer": N_("introducer"),
    "trial": N_("trial"),
    "long_term": N_("long-term engagement"),
    "one_off": N_("one-off engagement"),
    "months": N_("rights for a number of months"),
    "until_date": N_("rights until a date"),
    "while_client_stays": N_("rights while the client stays"),
    "net": N_("net payment terms"),
    "days_end_of_month": N_("payment terms in days, end of month"),
    "end_of_month_days": N_("payment terms at end of month, then days"),
    "siren": N_("SIREN"),
    "siret": N_("SIRET"),
    "vat_number": N_("VAT number"),
    "iban": N_("IBAN"),
    "bic": N_("BIC"),
    "valid_from": N_("the start of the agreement"),
    "start": N_("the start"),
    "introduced_on": N_("the introduction date"),
    "issued_on": N_("the invoice date"),
    "lost": N_("lost"),
    "original_terms": N_("the original terms"),
    "trial_start": N_("the start of the trial"),
    # Steps of an introduction and states of a revenue figure ("trial" and "lost" are above).
    "introduced": N_("introduced"),
    "qualified": N_("qualified"),
    "meeting": N_("meeting"),
    "won": N_("won"),
    "estimated": N_("estimated"),
    "confirmed": N_("confirmed"),
    **COMPONENT_NAMES,
}


def name_of(tr: Translator, code: object) -> str:
    """The user's word for a code, or the code itself when it has none."""
    text = str(code)
    return tr.gettext(VALUE_NAMES[text]) if text in VALUE_NAMES else text


def word_problem(tr: Translator, problem: Problem) -> str:
    """« field: what is wrong », e.g. ``agreements[2].components[0].rate: 130 is above 100``."""
    template = PROBLEM_MESSAGES.get(problem.code)
    params = _params(problem.params)
    for name in ("kind", "identifier", "reference", "final", "found_kind"):
        if name in problem.params:
            params[name] = name_of(tr, problem.params[name])
    allowed = problem.params.get("allowed")
    if isinstance(allowed, list | tuple):
        # Field names are what the user types: they stay as they are, values get words.
        word = str if problem.code == "unknown_field" else (lambda v: name_of(tr, v))
        params["allowed"] = ", ".join(word(v) for v in allowed)
    params.setdefault("value", _value_text(problem.value))
    if template is None:
        message = tr.gettext("{value} is not allowed ({rule})").format(
            value=params["value"], rule=problem.code
        )
    else:
        message = _safe_format(tr.gettext(template), params)
    if "suggestion" in params:
        message += " " + tr.gettext("(did you mean « {suggestion} »?)").format(
            suggestion=params["suggestion"]
        )
    # The place comes first, as in a compiler's message: the same in every language.
    return f"{problem.field}: {message}" if problem.field else message


def word_notice(tr: Translator, notice: Notice) -> str:
    template = NOTICE_MESSAGES.get(notice.code)
    params = _params(notice.params)
    if template is None:
        if notice.code in COVERAGE_REASONS:
            message = coverage_reason(tr, notice.code)
            subject = params.get("subject")
            return f"{subject}: {message}" if subject else message
        return notice.code
    return _safe_format(tr.gettext(template), params)


def _params(params: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _value_text(value) for key, value in params.items()}


def _value_text(value: Any) -> str:
    if isinstance(value, list | tuple | frozenset | set):
        return ", ".join(_value_text(v) for v in value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if value is None:
        return "(empty)"
    return str(value)


def _safe_format(template: str, params: Mapping[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


USER_ERRORS: dict[str, str] = {
    "not_found": N_("no {what} « {key} » in this ledger"),
    "bad_period": N_("{value} is not a month: write it YYYY-MM, e.g. 2026-03"),
    "bad_range": N_("--from {first} comes after --to {last}"),
    "file_error": N_("cannot use the file {path}: {reason}"),
    "ledger_not_empty": N_(
        "this ledger already holds data; demo data goes into a new, empty data folder"
    ),
    "bad_scale": N_("--scale must be a whole number from 1 to 1000, not {value}"),
    "ledger_too_new": N_(
        "the ledger {path} was written by a newer version of Apporteur Desktop; "
        "update the app to open it"
    ),
    "ledger_unreadable": N_("{path} is not a ledger this app can read ({reason})"),
    "no_identity": N_(
        "your business identity is not set yet: set it first (apporteur identity set, or "
        "Settings in the app)"
    ),
    "ambiguous_number": N_(
        "several invoices have the number {number} ({counterparties}): which one is meant "
        "cannot be told from the number alone"
    ),
    "not_a_draft": N_("{number} is issued: an issued document can never be changed"),
    "not_issued": N_("{number} is a draft: issue it first"),
    "not_chronological": N_(
        "the series « {series} » already has a document dated {latest}: numbers must follow "
        "the order of the dates"
    ),
    "no_archived_file": N_("{number} has no archived file"),
    "archive_altered": N_(
        "the archived file of {number} ({path}) is not the one issued: its SHA-256 differs"
    ),
    "reason_required": N_("give the reason for the credit note"),
    "cannot_cancel_kind": N_(
        "{number} is a credit note or an invoice recorded from the other side: only an "
        "invoice issued here can be cancelled here"
    ),
    "already_cancelled": N_("{number} is already cancelled"),
}

WHAT: dict[str, str] = {
    "agreement": N_("agreement"),
    "party": N_("party"),
    "provider": N_("provider"),
    "client": N_("client"),
    "introducer": N_("introducer"),
    "introduction": N_("introduction"),
    "engagement": N_("engagement"),
    "invoice": N_("invoice"),
}


def word_user_error(tr: Translator, error: Any) -> str:
    params = _params(error.params)
    if "what" in params:
        params["what"] = tr.gettext(WHAT.get(params["what"], params["what"]))
    template = USER_ERRORS.get(error.code, error.code)
    return _safe_format(tr.gettext(template), params)


def word_failure(tr: Translator, failure: BaseException) -> list[str] | None:
    """The lines that tell the user why an action failed, or None for a bug (not theirs).

    Shared by the command and the desktop app, so both say a refusal the same way.
    """
    if isinstance(failure, Refused):
        return [word_problem(tr, problem) for problem in failure.problems]
    if isinstance(failure, NotFound):
        failure = UserError.of("not_found", what=failure.what, key=failure.key)
    elif isinstance(failure, BadPeriod):
        failure = UserError.of("bad_period", value=str(failure))
    elif isinstance(failure, OSError):
        failure = UserError.of(
            "file_error", path=str(failure.filename or ""), reason=failure.strerror or str(failure)
        )
    if isinstance(failure, UserError):
        return [word_user_error(tr, failure)]
    return None
