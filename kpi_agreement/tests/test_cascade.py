"""Line of sight on the bench: a bureau's indicators made of its units' indicators, rolled up by each rule
into the bureau's assessment line against figures computed by hand (a missing child, a child returned by its
owner, a partial roll-up the coordinator accepts), the KPI Cascade report as the coordinator and as a unit's
staff, the links an indicator may name, and the report over HTTP for outsiders."""

from __future__ import annotations

from decimal import Decimal as D

import frappe

from kpi_agreement.demo.builders import (
	advance,
	bind_user_to_unit,
	make_agreement,
	make_assessment,
	make_indicator,
	make_user,
)
from kpi_agreement.frappe_free import cascade, certification, process
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet import PAGED_TEMPLATES, render_html
from kpi_agreement.kpi_agreement.report.kpi_cascade import kpi_cascade
from kpi_agreement.kpi_agreement.report.kpi_score_summary import kpi_score_summary
from kpi_agreement.tests.http_client import ServedSiteCase, refused
from kpi_agreement.tests.utils import (
	BUDGET,
	DAYS,
	KPITestCase,
	agreement_for,
	build_department,
	forget_department,
	user,
)

REPORT = "frappe.desk.query_report.run"


class TestCascade(ServedSiteCase):
	@classmethod
	def build(cls):
		cls.dept = build_department("CSC", units="ABC")
		cls.framework = cls.dept.framework
		frappe.db.set_value("KPI Framework", cls.framework, "signs_bureau", 1)  # the bureau signs its own
		people = {"indicator_owner": user("owner"), "data_collector": user("collector")}
		cls.total = make_indicator(
			cls.framework,
			"B.1",
			"Bureau disbursement",
			"D1",
			BUDGET,
			unit=cls.dept.bureau,
			rollup_rule=cascade.SUM,
			**people,
		)
		cls.days = make_indicator(
			cls.framework,
			"B.2",
			"Bureau service days",
			"D2",
			DAYS,
			unit=cls.dept.bureau,
			direction="Lower is better",
			rollup_rule=cascade.AVERAGE,
			**people,
		)
		weights = dict(zip(cls.dept.units, (120, 60, 20)))
		for unit in cls.dept.units:
			budget, days = cls.dept.indicators[unit]
			frappe.db.set_value(
				"KPI Indicator", budget, {"parent_indicator": cls.total, "rollup_weight": weights[unit]}
			)
			frappe.db.set_value("KPI Indicator", days, "parent_indicator", cls.days)
		cls.agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.dept.units}
		cls.bureau_agreement = make_agreement(
			cls.dept.bureau,
			cls.framework,
			[(cls.total, 60), (cls.days, 40)],
			unit_head_name="Bureau Director",
			unit_head_position="Director",
		)
		for name in (*cls.agreements.values(), cls.bureau_agreement):
			advance(name, process.BOOKLET_COMPILED)
		cls.results = dict(zip(cls.dept.units, (("94.5", "8"), ("93", "7"), ("96", "9"))))
		cls.assessments = {}
		for unit in cls.dept.units:
			doc = frappe.get_doc(
				{"doctype": "KPI Assessment", "agreement": cls.agreements[unit], "round_months": "9"}
			)
			doc.set_lines()
			for line, result in zip(doc.lines, cls.results[unit]):
				line.self_result = result
			doc.insert(ignore_permissions=True)
			for line in doc.lines:
				frappe.db.set_value(line.doctype, line.name, "line_state", certification.CERTIFIED)
			cls.assessments[unit] = doc.name
		cls.staff = make_user("csc-staff-a@test.kpi.example", "Staff A", [process.DATA_COLLECTOR], "en")
		bind_user_to_unit(cls.staff, cls.dept.units[0])

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		if cls.base:
			forget_department(cls.framework)
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.set_value("KPI Indicator", self.total, "rollup_rule", cascade.SUM)
		frappe.db.delete("KPI Assessment", {"agreement": self.bureau_agreement})
		for unit in self.dept.units:
			for line in frappe.get_doc("KPI Assessment", self.assessments[unit]).lines:
				frappe.db.set_value(line.doctype, line.name, "line_state", certification.CERTIFIED)

	def bureau_lines(self, **partial) -> dict:
		"""The bureau's 9-month assessment made now: its lines by indicator."""
		doc = frappe.get_doc(
			{"doctype": "KPI Assessment", "agreement": self.bureau_agreement, "round_months": "9"}
		)
		doc.set_lines()
		for line in doc.lines:
			line.rollup_partial = partial.get(line.indicator, 0)
		doc.insert(ignore_permissions=True)
		return {line.indicator: line for line in doc.lines}

	def test_each_rule_against_figures_by_hand(self):
		for rule, expected in (
			(cascade.SUM, "283.5000"),  # 94.5 + 93 + 96
			(cascade.AVERAGE, "94.5000"),  # 283.5 / 3
			(cascade.MINIMUM, "93.0000"),
			(cascade.WEIGHTED_AVERAGE, "94.2000"),  # (94.5×120 + 93×60 + 96×20) / 200 = 18840 / 200
		):
			frappe.db.set_value("KPI Indicator", self.total, "rollup_rule", rule)
			frappe.db.delete("KPI Assessment", {"agreement": self.bureau_agreement})
			lines = self.bureau_lines()
			self.assertEqual(lines[self.total].self_result, expected, rule)
			self.assertEqual(lines[self.total].line_state, certification.ENTERED)
		self.assertEqual(lines[self.days].self_result, "8.0000")  # (8 + 7 + 9) / 3, lower is better
		self.assertGreater(lines[self.days].score, 0)

	def test_a_child_returned_by_its_owner_stops_the_total_unless_the_coordinator_accepts_it(self):
		unit = self.dept.units[1]
		assessment = frappe.get_doc("KPI Assessment", self.assessments[unit])
		frappe.set_user(user("owner"))
		assessment.return_line(assessment.lines[0].name, "the disbursement report is not signed")
		frappe.set_user("Administrator")
		lines = self.bureau_lines()
		self.assertFalse(lines[self.total].self_result)
		self.assertEqual(lines[self.total].line_state, certification.NOT_ENTERED)
		self.assertIn("2.1", lines[self.total].rollup_note)
		frappe.db.delete("KPI Assessment", {"agreement": self.bureau_agreement})
		partial = self.bureau_lines(**{self.total: 1})
		self.assertEqual(partial[self.total].self_result, "190.5000")  # 94.5 + 96

	def test_a_missing_child_is_shown_as_missing(self):
		unit = self.dept.units[2]
		line = frappe.get_doc("KPI Assessment", self.assessments[unit]).lines[0]
		frappe.db.set_value(
			line.doctype, line.name, {"self_result": None, "line_state": certification.NOT_ENTERED}
		)
		try:
			lines = self.bureau_lines()
			self.assertFalse(lines[self.total].self_result)
			self.assertIn("3.1", lines[self.total].rollup_note)
		finally:
			frappe.db.set_value(line.doctype, line.name, "self_result", self.results[unit][0])

	def test_the_cascade_report_as_the_coordinator_and_as_a_units_staff(self):
		frappe.set_user(user("coordinator"))
		_columns, rows = kpi_cascade.execute({"framework": self.framework})
		by = {row["indicator"]: row for row in rows}
		self.assertEqual(by[self.total]["indent"], 0)
		self.assertEqual(by[self.total]["result_9"], "283.5000")
		child = self.dept.indicators[self.dept.units[1]][0]
		self.assertEqual((by[child]["indent"], by[child]["parent_indicator"]), (1, self.total))
		self.assertEqual(by[child]["result_9"], "93")

		frappe.set_user(self.staff)
		_columns, rows = kpi_cascade.execute({"framework": self.framework})
		shown = {row["indicator"] for row in rows}
		own = set(self.dept.indicators[self.dept.units[0]])
		self.assertEqual(shown, own | {self.total, self.days})
		total = next(row for row in rows if row["indicator"] == self.total)
		self.assertEqual(total["result_9"], "283.5000")  # the parent's total, not the other units' lines
		self.assertNotIn("2.1", total["status_9"])

	def test_the_links_an_indicator_may_name(self):
		budget_a = self.dept.indicators[self.dept.units[0]][0]
		doc = frappe.get_doc("KPI Indicator", self.total)
		doc.parent_indicator = budget_a  # a loop: the total would roll into its own child
		frappe.db.set_value("KPI Indicator", budget_a, "rollup_rule", cascade.SUM)
		try:
			self.assertRaises(frappe.ValidationError, doc.save)
		finally:
			frappe.db.set_value("KPI Indicator", budget_a, "rollup_rule", None)
		child = frappe.get_doc("KPI Indicator", budget_a)
		child.parent_indicator = self.dept.indicators[self.dept.units[1]][1]  # says nothing of roll-up
		self.assertRaises(frappe.ValidationError, child.save)
		child.reload()
		frappe.db.set_value("KPI Indicator", self.total, "rollup_rule", cascade.WEIGHTED_AVERAGE)
		child.rollup_weight = 0
		self.assertRaises(frappe.ValidationError, child.save)
		child.reload()
		child.strategic_issue = "not one of the framework's"
		self.assertRaises(frappe.ValidationError, child.save)

	def test_the_report_over_http(self):
		query = {"report_name": "KPI Cascade", "filters": {"framework": self.framework}}
		self.assertTrue(refused(self.client_for(None).call(REPORT, **query)))
		plain = make_user("csc-plain@test.kpi.example", "Plain", [], "en")
		frappe.db.commit()
		self.assertTrue(refused(self.client_for(plain).call(REPORT, **query)))
		answer = self.client_for(self.staff).call(REPORT, **query)
		self.assertEqual(answer.status_code, 200, answer.text)
		text = answer.text
		for unit in self.dept.units[1:]:
			for name in self.dept.indicators[unit]:
				self.assertNotIn(name, text)
			self.assertNotIn(unit, text)


class TestStrategy(KPITestCase):
	"""A framework's strategic issues: each indicator names the one it serves, the booklet prints it on the
	detail sheet and the Score Summary groups the round's scores by it."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("SSI", units="AB")
		framework = frappe.get_doc("KPI Framework", cls.dept.framework)
		framework.set(
			"strategic_issues",
			[{"issue_code": "1", "issue": ISSUES[0]}, {"issue_code": "2", "issue": ISSUES[1]}],
		)
		framework.save()
		for unit in cls.dept.units:
			budget, days = cls.dept.indicators[unit]
			frappe.db.set_value("KPI Indicator", budget, "strategic_issue", ISSUES[0])
			frappe.db.set_value("KPI Indicator", days, "strategic_issue", ISSUES[1])
		cls.agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.dept.units}
		for name in cls.agreements.values():
			advance(name, process.BOOKLET_COMPILED)
		results = {cls.dept.units[0]: ["94.5", "8"], cls.dept.units[1]: ["93", "7"]}
		for unit, values in results.items():
			make_assessment(cls.agreements[unit], "9", values)

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		forget_department(cls.dept.framework)
		super().tearDownClass()

	def test_the_booklet_prints_the_strategic_issue(self):
		doc = frappe.get_doc("KPI Agreement", self.agreements[self.dept.units[0]])
		html = render_html(doc, PAGED_TEMPLATES[0])
		self.assertIn("ประเด็นยุทธศาสตร์", html)
		self.assertIn(ISSUES[0], html)

	def test_the_score_summary_groups_by_strategic_issue(self):
		_columns, rows = kpi_score_summary.execute(
			{"framework": self.dept.framework, "round_months": "9", "group_by_strategic_issue": 1}
		)[:2]
		by = {(row.get("parent_unit"), row["unit"]): row["total_score"] for row in rows}
		a, b = self.dept.units
		# budget 94.5 → 3.5, 93 → 2.0; days 8 → 3.0, 7 → 4.0 (lower is better); one line each, so the
		# issue's score is the plain mean of the units' lines
		self.assertEqual(by[(ISSUES[0], a)], D("3.5000"))
		self.assertEqual(by[(ISSUES[0], b)], D("2.0000"))
		self.assertEqual(by[(None, ISSUES[0])], D("2.7500"))
		self.assertEqual(by[(None, ISSUES[1])], D("3.5000"))
		self.assertEqual([row["unit"] for row in rows if row.get("is_group")], list(ISSUES))


ISSUES = ("ยกระดับการบริหารงบประมาณ", "บริการประชาชนรวดเร็ว")
