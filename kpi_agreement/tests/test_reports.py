"""Score reports against numbers worked out by hand, hostile filters, and unit isolation."""

from decimal import Decimal as D

import frappe

from kpi_agreement.demo.builders import advance, make_assessment
from kpi_agreement.kpi_agreement.report.kpi_indicator_results import kpi_indicator_results
from kpi_agreement.kpi_agreement.report.kpi_process_tracker import kpi_process_tracker
from kpi_agreement.kpi_agreement.report.kpi_score_summary import kpi_score_summary
from kpi_agreement.kpi_agreement.report.kpi_score_trend import kpi_score_trend
from kpi_agreement.tests.utils import KPITestCase, agreement_for, bind_head, build_department, user

HOSTILE = ["x' OR '1'='1", "9; DROP TABLE `tabKPI Assessment`; --", '" OR ""="', "%", "\\"]


def dec(value) -> D | None:
	return None if value is None else D(str(value)).quantize(D("0.0001"))


class TestReports(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("RPT", units="ABCD")
		a, b, c, _d = cls.units = cls.dept.units
		cls.agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.units}
		for unit in (a, b, c):
			advance(cls.agreements[unit], "Signed")
		make_assessment(cls.agreements[a], "6", ["93", "9"])
		make_assessment(cls.agreements[a], "9", ["94.5", "8"])
		make_assessment(cls.agreements[c], "9", ["94.5", "8"])
		doc = frappe.get_doc(
			{"doctype": "KPI Assessment", "agreement": cls.agreements[b], "round_months": "9"}
		)
		doc.set_lines()
		doc.lines[0].self_result, doc.lines[1].self_result, doc.lines[1].committee_score = "96", "6", "4.8"
		doc.insert().submit()
		cls.filters = {"framework": cls.dept.framework, "round_months": "9"}

	def tearDown(self):
		frappe.set_user("Administrator")

	def summary(self, **extra):
		_columns, rows, _message, chart = kpi_score_summary.execute({**self.filters, **extra})
		return rows, chart

	def test_score_summary_rows(self):
		a, b, c, d = self.units
		rows, chart = self.summary(group_by_bureau=0)
		by_unit = {r["unit"]: r for r in rows}
		self.assertEqual([r["unit"] for r in rows], [a, b, c, d])
		self.assertEqual(
			[(dec(by_unit[u].get("total_score")), by_unit[u].get("rank")) for u in (a, b, c, d)],
			[(D("3.3000"), 2), (D("4.9200"), 1), (D("3.3000"), 2), (None, None)],
		)
		self.assertEqual(by_unit[d]["grade"], "Not assessed")
		self.assertEqual(by_unit[b]["grade"], "Excellent")
		self.assertEqual(  # each dimension's points: 3.5 × 60 % and 3 × 40 %, adding up to 3.3
			(dec(by_unit[a]["dimension_1"]), dec(by_unit[a]["dimension_2"])), (D("2.1000"), D("1.2000"))
		)
		self.assertEqual((dec(by_unit[a]["previous"]), dec(by_unit[a]["change"])), (D("2.0000"), D("1.3000")))
		self.assertIsNone(by_unit[b]["previous"])
		self.assertEqual(chart["data"]["labels"][0], b)

	def test_score_summary_grouped_by_bureau(self):
		rows, _chart = self.summary(group_by_bureau=1)
		bureau = rows[0]
		self.assertEqual((bureau["unit"], bureau["indent"]), (self.dept.bureau, 0))
		self.assertEqual(dec(bureau["total_score"]), D("3.8400"))
		self.assertTrue(all(r["indent"] == 1 and r["parent_unit"] == self.dept.bureau for r in rows[1:]))

	def test_indicator_results(self):
		_c, rows, _m, _chart, summary = kpi_indicator_results.execute(self.filters)
		self.assertEqual(len(rows), 6)
		a_rows = [r for r in rows if r["unit"] == self.units[0]]
		self.assertEqual([dec(r["score"]) for r in a_rows], [D("3.5000"), D("3.0000")])
		self.assertEqual([dec(r["weighted_score"]) for r in a_rows], [D("2.1000"), D("1.2000")])
		self.assertEqual(a_rows[0]["level_3"], 94)
		b_days = next(
			r for r in rows if r["unit"] == self.units[1] and r["indicator_name"].startswith("Service")
		)
		self.assertEqual(
			(dec(b_days["self_score"]), dec(b_days["committee_score"])), (D("5.0000"), D("4.8000"))
		)
		self.assertEqual(summary[1]["value"], 0)
		_c, low, *_ = kpi_indicator_results.execute({**self.filters, "round_months": "6", "below_target": 1})
		self.assertEqual([(r["unit"], dec(r["score"])) for r in low], [(self.units[0], D("2.0000"))] * 2)

	def test_score_trend(self):
		_c, rows, _m, chart = kpi_score_trend.execute({"unit": self.units[0]})
		self.assertEqual(
			[(r["fiscal_year"], r["round_months"], dec(r["score"])) for r in rows],
			[
				(2569, 6, D("2.0000")),
				(2569, 9, D("3.3000")),
			],
		)
		self.assertEqual(chart["type"], "line")

	def test_hostile_filter_values_return_no_rows(self):
		for value in HOSTILE:
			for key in ("framework", "round_months"):
				_c, rows, *_ = kpi_score_summary.execute({**self.filters, key: value})
				self.assertEqual(rows, [])
				_c, rows, *_ = kpi_indicator_results.execute({**self.filters, key: value})
				self.assertEqual(rows, [])
			_c, rows, *_ = kpi_score_trend.execute({"unit": value})
			self.assertEqual(rows, [])
			_c, rows, *_ = kpi_process_tracker.execute({"framework": value})
			self.assertEqual(rows, [])
		self.assertTrue(frappe.db.table_exists("KPI Assessment"))

	def test_reports_through_the_report_api(self):
		from frappe.desk.query_report import run

		result = run("KPI Score Summary", filters=self.filters)
		self.assertTrue(result["result"])
		result = run("KPI Indicator Results", filters={**self.filters, "framework": HOSTILE[0]})
		self.assertEqual(result["result"], [])

	def test_auto_email_report_mails_the_summary(self):
		report = frappe.get_doc(
			{
				"doctype": "Auto Email Report",
				"report": "KPI Score Summary",
				"user": "Administrator",
				"enabled": 1,
				"email_to": user("coordinator"),
				"format": "HTML",
				"frequency": "Weekly",
				"day_of_week": "Monday",
				"filters": frappe.as_json({**self.filters, "group_by_bureau": 0}),
			}
		).insert()
		content = report.get_report_content()
		self.assertIn(self.units[1], content)
		self.assertIn("4.92", content)

	def test_unit_user_sees_only_their_unit(self):
		a = self.units[0]
		bind_head(a)
		try:
			frappe.set_user(user("head"))
			rows, _chart = self.summary(group_by_bureau=0)
			self.assertEqual([r["unit"] for r in rows], [a])
			self.assertEqual(rows[0]["rank"], 2)  # ranked within the whole department
			_c, rows, *_ = kpi_indicator_results.execute(self.filters)
			self.assertEqual({r["unit"] for r in rows}, {a})
			_c, rows, *_ = kpi_indicator_results.execute({**self.filters, "unit": self.units[1]})
			self.assertEqual(rows, [])
			_c, rows, *_ = kpi_score_trend.execute({})
			self.assertEqual([r["units"] for r in rows], [1, 1])
			_c, rows, *_ = kpi_process_tracker.execute({"framework": self.dept.framework})
			self.assertEqual({r["unit"] for r in rows}, {a})
		finally:
			frappe.set_user("Administrator")
			frappe.db.delete("User Permission", {"user": user("head")})
