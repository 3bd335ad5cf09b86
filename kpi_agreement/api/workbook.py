"""The Year's Workbook: one .xlsx per framework, a sheet per round, a row per unit and indicator line (unit,
indicator, weight, the round's targets, result, self, committee and final scores, weighted score) with the
unit's weighted total, rank and grade; for OPDC and the department's own files.

Its numbers are the reports' own: the lines are the KPI Indicator Results rows and the units the KPI Score
Summary rows (both as the user may read them: a unit-bound user's workbook holds only their units). A
round's weighted total, rank and grade are those of its published scorecard; a round not published yet shows the
Score Summary's (units ranked within their level), and its sheet says so. Numbers are numeric cells (scores to
4 places, weights to 2), headers are in the user's language, dates in the Buddhist era."""

from __future__ import annotations

from collections import defaultdict
from io import BytesIO

import frappe
from frappe import _
from frappe.utils import now_datetime
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kpi_agreement.frappe_free import scoring, thai, year_workbook
from kpi_agreement.kpi_agreement.report.kpi_indicator_results.kpi_indicator_results import result_rows
from kpi_agreement.kpi_agreement.report.kpi_score_summary.kpi_score_summary import summary_rows
from kpi_agreement.permissions.unit_access import allowed_units

REPORT = "KPI Score Summary"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 7
"""The row of the column headings; above it the framework, the year, the round and where the ranks are from."""
WIDTHS = {"unit": 32, "indicator_name": 48, "dimension": 24, "grade": 16}


@frappe.whitelist()
@frappe.read_only()
def download(framework: str) -> None:
	"""The framework's Year's Workbook as a download, for those who may read the Score Summary."""
	doc = readable_framework(framework)
	frappe.response.filename = f"{doc.name}-FY{doc.fiscal_year}.xlsx"
	frappe.response.filecontent = workbook(doc)
	frappe.response.content_type = XLSX
	frappe.response.type = "download"


def readable_framework(name: str):
	doc = frappe.get_doc("KPI Framework", name)
	doc.check_permission("read")
	report = frappe.get_doc("Report", REPORT)
	if not report.is_permitted() or not frappe.has_permission(report.ref_doctype, "report"):
		raise frappe.PermissionError(_("You may not read the {0}.").format(_(REPORT)))
	return doc


def workbook(framework) -> bytes:
	book = Workbook()
	book.remove(book.active)
	for months in sorted(framework.round_months(), key=int):
		write_sheet(book.create_sheet(_("{0}-month round").format(months)), framework, months)
	content = BytesIO()
	book.save(content)
	return content.getvalue()


def published_scorecard(framework: str, months: str) -> frappe._dict | None:
	found = frappe.get_all(
		"KPI Scorecard",
		filters={"framework": framework, "round_months": months, "docstatus": 1},
		fields=["name", "published_on", "revised_after_appeal_on"],
		order_by="published_on desc",
		limit=1,
	)
	return found[0] if found else None


def unit_scores(framework, months: str, scorecard: frappe._dict | None) -> dict[str, dict]:
	"""unit -> its level, weighted total, rank and grade, for the units the user may read, in the Score Summary's
	order: the published scorecard's figures when there is one, else the Score Summary's."""
	units = {
		row["unit"]: {key: row.get(key) for key in ("unit_level", "total_score", "rank", "grade")}
		for row in summary_rows(framework, months, framework.dimension_names(), None)
	}
	if not scorecard:
		return units
	published = {
		row.unit: row
		for row in frappe.get_all(
			"KPI Scorecard Row",
			filters={
				"parent": scorecard.name,
				"parenttype": "KPI Scorecard",
				"unit": ("in", list(units) or [""]),
			},
			fields=["unit", "total_score", "rank", "grade"],
		)
	}
	for unit, entry in units.items():
		row = published.get(unit)
		if row:
			entry.update(total_score=row.total_score, rank=row.rank, grade=_(row.grade))
		elif entry.get("total_score") is not None:  # assessed after the scorecard was published
			entry.update(total_score=None, rank=None, grade=_("Not on the published scorecard"))
	return units


def round_records(framework, months: str, scorecard: frappe._dict | None) -> list[dict]:
	"""The sheet's rows: each unit's lines in agreement order (one row for a unit with none assessed), each
	with the unit's weighted total, rank and grade."""
	units = unit_scores(framework, months, scorecard)
	lines = result_rows(frappe._dict(framework=framework.name, round_months=months))
	codes = dict(
		frappe.get_all(
			"KPI Indicator",
			filters={"name": ("in", list({line["indicator"] for line in lines}) or [""])},
			fields=["name", "indicator_code"],
			as_list=True,
		)
	)
	by_unit = defaultdict(list)
	for line in lines:
		by_unit[line["unit"]].append(line)
	for unit in by_unit.keys() - units.keys():  # assessed, but its agreement is no longer live
		units[unit] = {"unit_level": frappe.get_cached_value("KPI Unit", unit, "unit_type")}
	records = []
	for unit, entry in units.items():
		common = {**entry, "unit": unit, "unit_level": _(entry.get("unit_level") or "")}
		for line in by_unit.get(unit) or [{}]:
			records.append({**line, "indicator_code": codes.get(line.get("indicator")), **common})
	return records


def labels() -> dict[str, str]:
	return {
		"unit": _("Unit"),
		"unit_level": _("Unit Level"),
		"indicator_code": _("Code"),
		"indicator_name": _("Indicator Name"),
		"dimension": _("Dimension"),
		"weight": _("Weight (%)"),
		**{f"level_{k}": _("Level {0}").format(k) for k in scoring.LEVELS},
		"result": _("Result"),
		"self_score": _("Self Score"),
		"committee_score": _("Committee Score"),
		"score": _("Final Score"),
		"weighted_score": _("Weighted Score"),
		"total_score": _("Weighted Average Score"),
		"rank": _("Rank"),
		"grade": _("Grade"),
	}


def be_date(value) -> str:
	return thai.format_date(value, thai_numerals=False, short=True)


def heading(framework, months: str, scorecard: frappe._dict | None) -> list[str]:
	"""The lines above the table: the framework, its year, the round, where the ranks come from, and who may
	read what."""
	this = framework.round_of(months)
	cut_off = this.cut_off if this else None
	if scorecard:
		source = _("Weighted average score, rank and grade as published on scorecard {0} on {1}.").format(
			scorecard.name, be_date(scorecard.published_on)
		)
		if scorecard.revised_after_appeal_on:
			source += " " + _("Revised after an appeal on {0}.").format(
				be_date(scorecard.revised_after_appeal_on)
			)
	else:
		source = _(
			"Not published yet: weighted average score, rank and grade as the Score Summary shows them on {0} (units ranked within their level)."
		).format(be_date(now_datetime()))
	allowed = allowed_units(doctype="KPI Assessment")
	scope = (
		_("Units you may read: {0}.").format(", ".join(sorted(allowed)))
		if allowed is not None
		else _("Every unit of the department.")
	)
	return [
		framework.title,
		_("Fiscal year {0}: {1} to {2}").format(
			framework.fiscal_year, be_date(framework.start_date), be_date(framework.end_date)
		),
		_("{0}-month round, cut-off {1}").format(months, be_date(cut_off)),
		source,
		scope,
	]


def write_sheet(sheet, framework, months: str) -> None:
	scorecard = published_scorecard(framework.name, months)
	for number, line in enumerate(heading(framework, months, scorecard), start=1):
		put(sheet.cell(number, 1), line)
	sheet.cell(1, 1).font = Font(bold=True, size=14)
	names = labels()
	for column, (field, _kind) in enumerate(year_workbook.COLUMNS, start=1):
		cell = sheet.cell(HEADER_ROW, column)
		put(cell, names[field])
		cell.font = Font(bold=True)
		cell.alignment = Alignment(wrap_text=True, vertical="top")
		sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(field, 12)
	row = HEADER_ROW
	for row, record in enumerate(round_records(framework, months, scorecard), start=HEADER_ROW + 1):
		for column, ((_field, kind), value) in enumerate(
			zip(year_workbook.COLUMNS, year_workbook.row(record)), start=1
		):
			cell = sheet.cell(row, column)
			put(cell, value)
			if kind in year_workbook.FORMATS and not isinstance(value, str):
				cell.number_format = year_workbook.FORMATS[kind]
	sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
	sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(year_workbook.COLUMNS))}{row}"


def put(cell, value) -> None:
	"""Write a value; text stays text (a name beginning with "=" is not a formula)."""
	if isinstance(value, str):
		cell.value = year_workbook.text(value)
		cell.data_type = "s"
	else:
		cell.value = value
