"""Input checks shared by the KPI doctypes: each refusal names the field, the row and the fix."""

from __future__ import annotations

from decimal import Decimal

import frappe
from frappe import _

from kpi_agreement.frappe_free import scoring, thai


def row_label(row) -> str:
	return _("row {0}").format(row.idx) if getattr(row, "idx", None) else ""


def fail(message: str, title: str | None = None, exc: type[Exception] = frappe.ValidationError) -> None:
	frappe.throw(message, exc=exc, title=title or _("Please check your input"))


def date_text(value) -> str:
	"""A date in a message, the way the user reads it: "31 มี.ค. 2571" (Buddhist era) in Thai, the site's date
	format otherwise."""
	if not value:
		return ""
	if (frappe.local.lang or "").startswith("th"):
		return thai.format_date(value, thai_numerals=False, short=True)
	return frappe.utils.formatdate(value)


def reset_unwritable_row_fields(doc) -> None:
	"""Frappe resets the fields of permission levels the user may not write, except in the rows of a new
	document: do the same there, so a new document cannot carry values the user could never type."""
	if not doc.is_new() or doc.flags.ignore_permissions or frappe.session.user == "Administrator":
		return
	writable = doc.get_permlevel_access("write")
	for table in doc.meta.get_table_fields():
		locked = [
			df.fieldname
			for df in frappe.get_meta(table.options).get_high_permlevel_fields()
			if df.permlevel not in writable
		]
		for row in doc.get(table.fieldname) if locked else ():
			row.update(dict.fromkeys(locked))


def duplicate_of(doc, **fields) -> str | None:
	"""Another live (not cancelled) document with the same values; an amendment's original does not count."""
	other = frappe.db.exists(doc.doctype, {**fields, "docstatus": ("<", 2), "name": ("!=", doc.name)})
	return None if other and other == doc.get("amended_from") else other


def number(value, label: str, row=None, *, allow_negative: bool = True) -> Decimal | None:
	"""A finite Decimal from a form value, None when empty; otherwise a clear refusal."""
	try:
		result = scoring.parse_number(value, label)
	except ValueError as error:
		problem = _("is too large") if "too large" in str(error) else _("is not a number")
		fail(
			_("{0} {1}: {2} {3}. Enter digits only, for example 94.5.").format(
				_(label), row_label(row), frappe.bold(str(value)), problem
			)
		)
	if result is not None and not allow_negative and result < 0:
		fail(_("{0} {1} cannot be negative.").format(_(label), row_label(row)))
	return result


def weights_total_100(rows, label: str, field: str = "weight") -> Decimal:
	"""Every weight positive and no more than 100, and their sum exactly 100."""
	total = Decimal(0)
	for row in rows:
		weight = number(row.get(field), _("Weight"), row) or Decimal(0)
		if weight != weight.quantize(Decimal("0.01")):
			fail(
				_(
					"{0} {1}: the weight {2} has more than two decimal places; enter it to two places, for example 2.5 or 0.25."
				).format(_(label), row_label(row), format(weight.normalize(), "f"))
			)
		if weight <= 0 or weight > 100:
			fail(
				_("{0} {1}: the weight must be more than 0 and at most 100, not {2}.").format(
					_(label), row_label(row), weight
				)
			)
		total += weight
	if rows and total != 100:
		fail(
			_(
				"{0}: the weights total {1}; they must total exactly 100. Adjust the weights and save again."
			).format(_(label), format(total.normalize(), "f")),
			title=_("Weights must total 100"),
		)
	return total
