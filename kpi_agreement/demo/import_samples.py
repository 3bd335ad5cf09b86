"""The import templates and sample files of ``docs/import/``: for each kind a department brings in from Excel
(the unit tree, a framework, indicator detail sheets with their levels and baselines, a round's results) the
columns Frappe's Data Import offers, headed as it heads them for a Thai user, and sample rows that import
into the demo department, with a second file of rows that each break one rule.

``write(folder)`` makes the files from Frappe's own exporter, so a template's headers are the ones Data
Import matches: ``bench --site <site> execute kpi_agreement.demo.import_samples.write --args '["docs/import"]'``.
"""

from __future__ import annotations

import os

import frappe
from frappe.core.doctype.data_import.exporter import Exporter
from frappe.utils.xlsxutils import make_xlsx

from kpi_agreement.demo import DEPARTMENT, EMAIL_DOMAIN
from kpi_agreement.frappe_free.process import DIMENSIONS

YEAR = 2570
"""The fiscal year of the samples: the demo's year from October 2026 to September 2027. To import them into
a demo of a later year, change the year column."""

KINDS = {
	"units": (
		"KPI Unit",
		{
			"KPI Unit": [
				"unit_name",
				"unit_type",
				"parent_kpi_unit",
				"is_group",
				"unit_head",
				"unit_head_position",
			]
		},
	),
	"frameworks": (
		"KPI Framework",
		{
			"KPI Framework": ["department", "fiscal_year", "scoring_scheme"],
			"dimensions": ["dimension", "weight"],
			"rounds": ["months"],
		},
	),
	"indicators": (
		"KPI Indicator",
		{
			"KPI Indicator": [
				"indicator_code",
				"indicator_name",
				"fiscal_year",
				"unit",
				"dimension",
				"unit_of_measure",
				"direction",
				"scoring_scheme",
				"definition",
				"formula",
				"required_evidence",
				"indicator_owner",
				"data_collector",
			],
			"levels": ["level", "threshold"],
			"baselines": ["fiscal_year", "result"],
		},
	),
	"results": (
		"KPI Result Entry",
		{
			"KPI Result Entry": [
				"fiscal_year",
				"round_months",
				"unit",
				"indicator_code",
				"result",
				"source",
				"as_of",
			]
		},
	),
}
"""Each kind: the DocType Data Import fills, and the columns of its template (a child table's by the
table's field)."""

EFFECTIVENESS, QUALITY, EFFICIENCY, DEVELOPMENT = (name for name, _weight in DIMENSIONS)
HEAD = f"head4@{EMAIL_DOMAIN}"
OWNER, COLLECTOR = f"owner@{EMAIL_DOMAIN}", f"collector@{EMAIL_DOMAIN}"
NEW_BUREAU, NEW_GROUP = "กองตรวจสอบภายใน", "กลุ่มงานตรวจสอบภายใน"


def indicator(code, name, unit, dimension, levels, baselines, direction="Higher is better", measure="ร้อยละ"):
	"""An indicator's rows: the sheet on the first, a level (and a baseline) on each."""
	first = [code, name, YEAR, unit, dimension, measure, direction, "Five Level"]
	first += [f"{name} ของหน่วยงาน", "ผลการดำเนินงาน ÷ เป้าหมาย × ๑๐๐", "รายงานผลพร้อมเอกสาร", OWNER, COLLECTOR]
	rows = []
	for k, threshold in enumerate(levels, start=1):
		row = first if k == 1 else [""] * len(first)
		baseline = baselines[k - 1] if k <= len(baselines) else ("", "")
		rows.append([*row, k, threshold, *baseline])
	return rows


GOOD = {
	"units": [
		[NEW_BUREAU, "Division", DEPARTMENT, 1, HEAD, "ผู้อำนวยการกองตรวจสอบภายใน"],
		["กลุ่มตรวจสอบการเงิน", "Group", "กองคลัง", 0, HEAD, "หัวหน้ากลุ่ม"],
		["กลุ่มตรวจสอบการดำเนินงาน", "Group", "กองคลัง", 0, HEAD, "หัวหน้ากลุ่ม"],
		[NEW_GROUP, "Group", NEW_BUREAU, 0, HEAD, "หัวหน้ากลุ่ม"],  # under the bureau of row 2
	],
	"frameworks": [
		[DEPARTMENT, YEAR + 1, "Five Level", EFFECTIVENESS, 60, 6],
		["", "", "", QUALITY, 20, 9],
		["", "", "", EFFICIENCY, 10, 12],
		["", "", "", DEVELOPMENT, 10, ""],
	],
	"indicators": [
		*indicator(
			"10.1",
			"ร้อยละของหน่วยรับตรวจที่ได้รับการตรวจสอบตามแผน",
			"กองการเจ้าหน้าที่",
			EFFECTIVENESS,
			(80, 85, 90, 95, 100),
			((YEAR - 3, 82), (YEAR - 2, 88), (YEAR - 1, 91)),
		),
		*indicator(
			"10.2",
			"ระยะเวลาเฉลี่ยในการออกรายงานผลการตรวจสอบ",
			"กองการเจ้าหน้าที่",
			EFFICIENCY,
			(30, 25, 20, 15, 10),
			((YEAR - 3, 27), (YEAR - 2, 22), (YEAR - 1, 18)),
			direction="Lower is better",
			measure="วัน",
		),
	],
}
"""Rows that import cleanly into the demo department. Rows are imported in order, so a unit's parent comes
before it, in the file or in the site."""

MISTAKES = {
	"units": [
		["กลุ่มตรวจสอบพิเศษ", "Group", "กองที่ไม่มีอยู่จริง", 0, HEAD, "หัวหน้ากลุ่ม"],  # no such parent unit
		["กลุ่มตรวจสอบสารสนเทศ", "Group", "กองการเจ้าหน้าที่", 0, HEAD, "หัวหน้ากลุ่ม"],  # a good row
		["กลุ่มตรวจสอบระบบงาน", "กลุ่ม", "กองการเจ้าหน้าที่", 0, HEAD, "หัวหน้ากลุ่ม"],  # a type not offered
	],
	"frameworks": [  # the dimensions weigh 95, not 100
		[DEPARTMENT, YEAR + 2, "Five Level", EFFECTIVENESS, 60, 9],
		["", "", "", QUALITY, 35, 12],
	],
	"indicators": [
		*indicator(  # a good sheet
			"11.1", "ร้อยละของข้อเสนอแนะที่ได้รับการแก้ไข", "กองการเจ้าหน้าที่", QUALITY, (60, 70, 80, 90, 100), ()
		),
		*indicator(  # levels out of order
			"11.2", "ร้อยละของบุคลากรที่ผ่านการอบรม", "กองการเจ้าหน้าที่", QUALITY, (70, 60, 80, 90, 100), ()
		),
		*indicator(  # the code of the good sheet again
			"11.1", "ร้อยละของคู่มือที่ปรับปรุง", "กองการเจ้าหน้าที่", QUALITY, (60, 70, 80, 90, 100), ()
		),
		*indicator(  # text in a number column (a level's threshold)
			"11.3", "ร้อยละของงานที่แล้วเสร็จ", "กองการเจ้าหน้าที่", QUALITY, (60, 70, "ร้อยละ 80", 90, 100), ()
		),
		*indicator(  # a responsible unit that does not exist
			"11.4", "ร้อยละของเรื่องร้องเรียนที่ตอบ", "กองที่ไม่มีอยู่จริง", QUALITY, (60, 70, 80, 90, 100), ()
		),
	],
}
"""Rows that each break one rule: the good ones among them import, the others are refused with their row."""

RESULT_SOURCE = "ระบบ GFMIS"


def results(rows: list[tuple[str, str, object]], as_of: str = "2027-09-30") -> list[list]:
	"""Result rows of the 12-month round: (unit, indicator code, result)."""
	return [[YEAR, "12", unit, code, result, RESULT_SOURCE, as_of] for unit, code, result in rows]


GOOD["results"] = results(
	[
		("กลุ่มพัสดุ", "6.1", 95.5),
		("กลุ่มพัสดุ", "6.2", 88),
		("กลุ่มสรรหาและบรรจุแต่งตั้ง", "7.1", 94),
	]
)
MISTAKES["results"] = [
	*results([("กลุ่มพัสดุ", "6.3", 4)]),  # a good row
	*results([("กลุ่มพัสดุ", "6.4", "ร้อยละ 95")]),  # text in a number column
	*results([("กลุ่มสรรหาและบรรจุแต่งตั้ง", "7.2", 3)], as_of="2570-09-30"),  # a date typed in พ.ศ.
	*results([("กลุ่มที่ไม่มีอยู่จริง", "6.3", 4)]),  # a unit that does not exist
]


def header(doctype: str, fields: dict) -> list[str]:
	"""The column headers Data Import's template gives these fields, in the user's language."""
	exporter = Exporter(doctype, export_fields=fields, export_data=False, file_type="Excel")
	return [column for column in exporter.get_csv_array_for_export()[0] if column != _id()]


def _id() -> str:
	return frappe._("ID")


def sheet(kind: str, rows: list[list] | None = None) -> bytes:
	doctype, fields = KINDS[kind]
	return make_xlsx([header(doctype, fields), *(rows or [])], kind).getvalue()


def write(folder: str = "docs/import") -> None:
	"""The templates and samples of every kind, headed in Thai."""
	frappe.local.lang = "th"
	os.makedirs(folder, exist_ok=True)
	for kind in KINDS:
		for name, rows in (
			(f"template-{kind}", None),
			(kind, GOOD[kind]),
			(f"{kind}-with-mistakes", MISTAKES[kind]),
		):
			with open(os.path.join(folder, f"{name}.xlsx"), "wb") as file:
				file.write(sheet(kind, rows))
