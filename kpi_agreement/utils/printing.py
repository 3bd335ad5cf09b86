"""Jinja helpers for the print formats: Thai dates and digits as KPI Settings ask, the booklet's data."""

from __future__ import annotations

import html

import frappe
from frappe.www.printview import validate_print_permission

from kpi_agreement.frappe_free import ranking, rounds, scoring, thai
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.signed_record import sheets_of
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import head_position


def kpi_print_settings() -> frappe._dict:
	settings = frappe.get_cached_doc("KPI Settings")
	return frappe._dict(
		thai_digits=bool(settings.thai_digits),
		buddhist_era=bool(settings.buddhist_era),
		emblem=settings.emblem,
	)


def kpi_digits(value: object) -> str:
	"""Text with Thai digits when KPI Settings ask for them."""
	if value is None:
		return ""
	return thai.digits(value, kpi_print_settings().thai_digits)


def kpi_date(value: object, short: bool = False) -> str:
	"""A date the Thai way (พ.ศ.), or in the ordinary format when Buddhist-era dates are off."""
	if not value:
		return ""
	settings = kpi_print_settings()
	if not settings.buddhist_era:
		return frappe.utils.formatdate(value)
	return thai.format_date(value, thai_numerals=settings.thai_digits, short=short)


def kpi_number(value: object, places: int = 2) -> str:
	return thai.format_number(value, places, thai_numerals=kpi_print_settings().thai_digits)


def kpi_level_name(scheme: str, level: int) -> str:
	"""A criteria column heading: ระดับ ๑-๕, or the tier's Thai name (ขั้นต้น / มาตรฐาน / ขั้นสูง)."""
	if scheme == scoring.TIER and 1 <= int(level) <= len(scoring.TIER_NAMES):
		return scoring.TIER_NAMES[int(level) - 1]
	return "ระดับ " + kpi_digits(level)


def kpi_below_target(line, doc) -> bool:
	"""An assessment line scored below target (:func:`scoring.below_target`), by the tier points its
	agreement was signed with."""
	tier_points = scoring.rule_arguments(doc.rules())["tier_points"]
	return scoring.below_target(line.scoring_scheme, line.score, tier_points)


def kpi_weight(value: object) -> str:
	"""A weight as entered (2.5, 0.25, 10), in Thai digits when KPI Settings ask for them."""
	return kpi_digits(scoring.weight_text(value or 0))


def kpi_line_rounds(line) -> list[str]:
	"""The rounds an agreement line is assessed in, in order: ["6", "9"]."""
	return [r.key for r in map(rounds.Round, rounds.MONTHS) if line.get(r.line_field)]


def kpi_fiscal_dates(fiscal_year: int) -> tuple[str, str]:
	start, end = thai.fiscal_year_dates(int(fiscal_year))
	return kpi_date(start), kpi_date(end)


def kpi_booklet_data(doc) -> frappe._dict:
	"""The stored agreement (the user must be allowed to print it), its framework and the detail sheets of
	its own indicators. A document sent with a print request only names which agreement to load."""
	stored = frappe.get_doc(doc.doctype, doc.name)
	validate_print_permission(stored)
	return frappe._dict(
		doc=stored,
		framework=frappe.get_doc("KPI Framework", stored.framework),
		indicators=sheets_of(stored),  # the detail sheets as signed
	)


def kpi_framework_dimensions(framework: str) -> list[str]:
	"""The framework's dimensions in their order, for table headings."""
	return frappe.get_cached_doc("KPI Framework", framework).dimension_names()


def kpi_dimension_scores(dimension_scores: str | None, dimensions: list[str]) -> list:
	"""A scorecard row's dimension points (each dimension's share of the weighted total, so the row adds up) in
	the order of ``dimensions`` (None where the unit has none)."""
	points = ranking.points_from_json(dimension_scores)
	return [points.get(name) for name in dimensions]


def kpi_appeals(scorecard) -> list:
	"""The decided appeals of the scorecard's round, for the note under the printed scorecard (printed to
	those who may print the scorecard: the department's people)."""
	return frappe.get_all(
		"KPI Appeal",
		filters={"scorecard": scorecard.name, "status": ("in", ("Accepted", "Rejected"))},
		fields=["name", "unit", "status", "decided_on", "decision_reason"],
		order_by="decided_on",
	)


def kpi_head_position(doc) -> str:
	"""The unit head's position as the agreement gives it, else by the unit's type (KPI Settings)."""
	return doc.unit_head_position or head_position(doc.unit)


def kpi_text(value: object) -> str:
	"""Document text made safe for HTML exactly once.

	Frappe stores Data fields that contain markup already escaped, while values written directly are raw:
	undo any escaping, then escape, so ``<script>`` always prints as text and never as ``&lt;script&gt;``.
	"""
	if value is None:
		return ""
	return html.escape(html.unescape(str(value)), quote=True)
