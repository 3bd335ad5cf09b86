"""The Year's Workbook against the scorecard, the Score Summary and the Indicator Results, cell by cell; Thai
headers and Buddhist-era dates; a unit's staff get their unit only, in the process and over HTTP."""

from __future__ import annotations

from decimal import Decimal as D
from io import BytesIO

import frappe
from openpyxl import load_workbook

from kpi_agreement.api import workbook
from kpi_agreement.demo.builders import advance, bind_user_to_unit, make_assessment, make_user
from kpi_agreement.frappe_free import process, year_workbook
from kpi_agreement.kpi_agreement.report.kpi_indicator_results import kpi_indicator_results
from kpi_agreement.kpi_agreement.report.kpi_score_summary import kpi_score_summary
from kpi_agreement.tests.http_client import ServedSiteCase, refused
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department, user

FIELDS = [field for field, _kind in year_workbook.COLUMNS]
KINDS = dict(year_workbook.COLUMNS)
FORMULA = '=HYPERLINK("http://attacker.example","Budget")'


def dec(value) -> D | None:
	return None if value in (None, "") else D(str(value)).quantize(D("0.0001"))


def build(prefix: str) -> frappe._dict:
	"""Units A-D: A assessed at 6 and 9 months, B (with a committee score) and C at 9, D not at all; the
	9-month scorecard published, the 6-month one not; C's budget indicator named like a formula."""
	dept = build_department(prefix, units="ABCD")
	a, b, c, _d = dept.units
	frappe.db.set_value("KPI Indicator", dept.indicators[c][0], "indicator_name", FORMULA)
	dept.agreements = {unit: agreement_for(dept, unit) for unit in dept.units}
	for unit in (a, b, c):
		advance(dept.agreements[unit], "Signed")
	make_assessment(dept.agreements[a], "6", ["93", "9"])
	make_assessment(dept.agreements[a], "9", ["94.5", "8"])
	make_assessment(dept.agreements[c], "9", ["94.5", "8"])
	doc = frappe.get_doc({"doctype": "KPI Assessment", "agreement": dept.agreements[b], "round_months": "9"})
	doc.set_lines()
	doc.lines[0].self_result, doc.lines[1].self_result, doc.lines[1].committee_score = "96", "6", "4.8"
	doc.insert().submit()
	scorecard = frappe.get_doc({"doctype": "KPI Scorecard", "framework": dept.framework, "round_months": "9"})
	scorecard.insert()
	scorecard.build()
	scorecard.flags.ignore_agreement_moves = True
	scorecard.submit()
	dept.scorecard = scorecard.name
	return dept


def open_book(content: bytes):
	return load_workbook(BytesIO(content))


def table(sheet) -> list[dict]:
	"""The sheet's rows below the headings, as {field: cell}."""
	return [
		dict(zip(FIELDS, cells))
		for cells in sheet.iter_rows(min_row=workbook.HEADER_ROW + 1, max_col=len(FIELDS))
	]


def values(rows: list[dict]) -> list[dict]:
	return [{field: cell.value for field, cell in row.items()} for row in rows]


class TestYearWorkbook(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build("YWB")
		cls.a, cls.b, cls.c, cls.d = cls.dept.units
		cls.staff = make_user("ywb-head-a@test.kpi.example", "Workbook Head", [process.UNIT_HEAD], "en")
		bind_user_to_unit(cls.staff, cls.a)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def download(self, who: str | None = None):
		frappe.set_user(who or user("coordinator"))
		workbook.download(self.dept.framework)
		self.assertEqual((frappe.response.type, frappe.response.content_type), ("download", workbook.XLSX))
		self.assertTrue(frappe.response.filename.endswith(".xlsx"))
		return open_book(frappe.response.pop("filecontent"))

	def test_a_sheet_per_round_with_the_headings(self):
		book = self.download()
		self.assertEqual(book.sheetnames, ["6-month round", "9-month round", "12-month round"])
		sheet = book["9-month round"]
		self.assertEqual(
			[cell.value for cell in sheet[workbook.HEADER_ROW]],
			[workbook.labels()[field] for field in FIELDS],
		)
		heading = [sheet.cell(row, 1).value for row in range(1, 6)]
		self.assertEqual(heading[1], "Fiscal year 2569: 1 ต.ค. 2568 to 30 ก.ย. 2569")
		self.assertEqual(heading[2], "9-month round, cut-off 30 มิ.ย. 2569")
		self.assertTrue(
			heading[3].startswith(
				f"Weighted average score, rank and grade as published on scorecard {self.dept.scorecard}"
			)
		)
		self.assertEqual(heading[4], "Every unit of the department.")

	def test_the_published_round_is_the_scorecard_cell_by_cell(self):
		rows = table(self.download()["9-month round"])
		scorecard = frappe.get_doc("KPI Scorecard", self.dept.scorecard)
		self.assertEqual(len(scorecard.rows), 3)
		for card in scorecard.rows:
			mine = [row for row in rows if row["unit"].value == card.unit]
			self.assertEqual(len(mine), 2)  # one row per indicator line, each with the unit's figures
			for row in mine:
				self.assertEqual(
					(dec(row["total_score"].value), row["rank"].value, row["grade"].value),
					(dec(card.total_score), card.rank, card.grade),
				)
				self.assertEqual(row["total_score"].number_format, "0.0000")
		unassessed = [values([row])[0] for row in rows if row["unit"].value == self.d]
		self.assertEqual(len(unassessed), 1)
		self.assertEqual(
			{k: v for k, v in unassessed[0].items() if v is not None},
			{"unit": self.d, "unit_level": "Group", "grade": "Not assessed"},
		)

	def test_the_lines_are_the_indicator_results_cell_by_cell(self):
		rows = [row for row in table(self.download()["9-month round"]) if row["indicator_name"].value]
		_columns, results, *_rest = kpi_indicator_results.execute(
			{"framework": self.dept.framework, "round_months": "9"}
		)
		self.assertEqual(len(rows), len(results))
		by_line = {(row["unit"].value, row["indicator_name"].value): row for row in rows}
		for line in results:
			row = by_line[(line["unit"], line["indicator_name"])]
			self.assertEqual(D(str(row["weight"].value)), D(str(line["weight"])))
			self.assertEqual(row["weight"].number_format, "0.00")
			for k in range(1, 6):
				self.assertEqual(D(str(row[f"level_{k}"].value)), D(str(line[f"level_{k}"])))
			self.assertEqual(D(str(row["result"].value)), D(line["result"]))
			for field in ("self_score", "committee_score", "score", "weighted_score"):
				self.assertEqual(dec(row[field].value), dec(line[field]), field)
				if row[field].value is not None:
					self.assertIsInstance(row[field].value, int | float)  # a number, not text
					self.assertEqual(row[field].number_format, "0.0000")
		b_days = by_line[(self.b, f"Service days {self.b}")]
		self.assertEqual(
			(dec(b_days["committee_score"].value), dec(b_days["score"].value)), (D("4.8"), D("4.8"))
		)
		self.assertIsNone(by_line[(self.a, f"Budget disbursement {self.a}")]["committee_score"].value)

	def test_a_formula_shaped_name_stays_text(self):
		rows = table(self.download()["9-month round"])
		cell = next(
			row["indicator_name"]
			for row in rows
			if row["unit"].value == self.c and row["indicator_name"].value.startswith("=")
		)
		self.assertEqual((cell.value, cell.data_type), (FORMULA, "s"))

	def test_a_round_not_published_follows_the_score_summary(self):
		sheet = self.download()["6-month round"]
		self.assertTrue(sheet.cell(4, 1).value.startswith("Not published yet"))
		rows = values(table(sheet))
		_columns, summary, *_rest = kpi_score_summary.execute(
			{"framework": self.dept.framework, "round_months": "6", "group_by_bureau": 0}
		)
		self.assertEqual([row["unit"] for row in summary], [self.a, self.b, self.c, self.d])
		for entry in summary:
			for row in (row for row in rows if row["unit"] == entry["unit"]):
				self.assertEqual(
					(dec(row["total_score"]), row["rank"], row["grade"]),
					(dec(entry["total_score"]), entry["rank"], entry["grade"]),
				)
		self.assertEqual(
			[dec(row["total_score"]) for row in rows if row["unit"] == self.a], [D("2.0000")] * 2
		)
		twelve = values(table(self.download()["12-month round"]))
		self.assertEqual(
			[(row["unit"], row["grade"]) for row in twelve], [(u, "Not assessed") for u in self.dept.units]
		)

	def test_thai_headers_and_buddhist_era_dates(self):
		frappe.local.lang = "th"
		book = self.download()
		self.assertEqual(book.sheetnames, ["รอบ 6 เดือน", "รอบ 9 เดือน", "รอบ 12 เดือน"])
		sheet = book["รอบ 9 เดือน"]
		self.assertEqual(sheet.cell(2, 1).value, "ปีงบประมาณ 2569: 1 ต.ค. 2568 ถึง 30 ก.ย. 2569")
		self.assertEqual(sheet.cell(3, 1).value, "รอบ 9 เดือน ตัดรอบ 30 มิ.ย. 2569")
		headers = [cell.value for cell in sheet[workbook.HEADER_ROW]]
		self.assertEqual(headers[:2], ["หน่วยงาน", "ระดับหน่วยงาน"])
		self.assertIn("คะแนนเฉลี่ยถ่วงน้ำหนัก", headers)
		grades = {row["grade"] for row in values(table(sheet))}
		self.assertIn("ดีเด่น", grades)  # Excellent

	def test_a_unit_bound_user_gets_only_their_unit(self):
		book = self.download(self.staff)
		for sheet in book.worksheets:
			self.assertEqual({row["unit"] for row in values(table(sheet))}, {self.a}, sheet.title)
			self.assertEqual(sheet.cell(5, 1).value, f"Units you may read: {self.a}.")
		rank = {row["rank"] for row in values(table(book["9-month round"]))}
		self.assertEqual(rank, {2})  # as published, among all units

	def test_refused_to_those_who_may_not_read_the_score_summary(self):
		self.assertRaises(frappe.PermissionError, self.download, user("plain"))


class TestYearWorkbookOverHTTP(ServedSiteCase):
	"""The web server sees committed data: a department of its own, with a unique name."""

	@classmethod
	def build(cls):
		cls.dept = build(f"YWH{frappe.generate_hash(length=5)}")
		cls.a, cls.b = cls.dept.units[:2]
		cls.staff = make_user(
			f"ywh-{frappe.scrub(cls.b)}@test.kpi.example", "Workbook Staff", [process.UNIT_HEAD], "en"
		)
		bind_user_to_unit(cls.staff, cls.b)

	def get(self, who: str):
		return self.client_for(who).get(
			"/api/method/kpi_agreement.api.workbook.download", framework=self.dept.framework
		)

	def test_another_units_staff_download_only_their_unit(self):
		response = self.get(self.staff)
		self.assertEqual(response.status_code, 200, response.text[:300])
		self.assertEqual(response.headers["Content-Type"], workbook.XLSX)
		self.assertIn("attachment", response.headers["Content-Disposition"])
		book = open_book(response.content)
		others = set(self.dept.units) - {self.b}
		for sheet in book.worksheets:
			self.assertEqual({row["unit"] for row in values(table(sheet))}, {self.b})
			text = " ".join(
				str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None
			)
			for other in others:
				self.assertNotIn(other, text)

	def test_the_coordinators_workbook_holds_every_unit(self):
		response = self.get(user("coordinator"))
		self.assertEqual(response.status_code, 200, response.text[:300])
		units = {row["unit"] for row in values(table(open_book(response.content)["9-month round"]))}
		self.assertEqual(units, set(self.dept.units))

	def test_a_plain_user_is_refused(self):
		self.assertTrue(refused(self.get(user("plain"))))
