"""Three rounds, first-class: per-round targets and applicability on agreement lines, the composite over the
lines that apply, the round that completes step 7, and due dates from the process rules. Numbers by hand."""

import datetime as dt
from decimal import Decimal as D

import frappe
from frappe.model.workflow import apply_workflow

from kpi_agreement.demo.builders import advance, make_assessment, make_framework
from kpi_agreement.frappe_free import process
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import holidays
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department


def dec(value) -> D:
	return D(str(value)).quantize(D("0.0001"))


class TestRounds(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("RND", units="AB")
		cls.a, cls.b = cls.dept.units
		cls.agreement = agreement_for(cls.dept, cls.a)
		doc = frappe.get_doc("KPI Agreement", cls.agreement)
		budget, days = doc.lines
		days.in_round_6 = 0  # the service-days indicator is not assessed at 6 months
		doc.append(
			"round_targets",
			{
				"indicator": budget.indicator,
				"round_months": "6",
				**{f"level_{k}": 45 + 5 * k for k in range(1, 6)},
			},
		)
		doc.save()
		advance(cls.agreement, "Booklet Compiled")

	def test_a_round_assesses_only_its_lines_with_its_targets(self):
		six = frappe.get_doc("KPI Assessment", make_assessment(self.agreement, "6", ["57.5"], submit=False))
		self.assertEqual(len(six.lines), 1)  # service days do not apply at 6 months
		line = six.lines[0]
		self.assertEqual([line.get(f"level_{k}") for k in range(1, 6)], [50, 55, 60, 65, 70])
		# 57.5 lies between level 2 (55) and level 3 (60): 2 + 2.5 / 5 = 2.5; the composite is over the
		# lines that apply: 2.5 × 60 / 60
		self.assertEqual(dec(line.score), D("2.5000"))
		self.assertEqual(dec(line.weighted_score), D("2.5000"))
		self.assertEqual((dec(six.total_score), dec(six.total_weight)), (D("2.5000"), D("60.0000")))
		nine = frappe.get_doc(
			"KPI Assessment", make_assessment(self.agreement, "9", ["94.5", "8"], submit=False)
		)
		self.assertEqual(len(nine.lines), 2)
		self.assertEqual([nine.lines[0].get(f"level_{k}") for k in range(1, 6)], [92, 93, 94, 95, 96])
		# (3.5 × 60 + 3 × 40) / 100 = 3.3; the weighted scores add up to it
		self.assertEqual(dec(nine.total_score), D("3.3000"))
		self.assertEqual(sum(dec(line.weighted_score) for line in nine.lines), D("3.3000"))

	def test_what_if_follows_a_round(self):
		from kpi_agreement.api.what_if import run

		budget, days = frappe.get_doc("KPI Agreement", self.agreement).lines
		answer = run(
			"KPI Agreement", self.agreement, {budget.indicator: "57.5", days.indicator: "8"}, None, "6"
		)
		self.assertEqual(answer["composite"], "2.5000")
		self.assertEqual(answer["lines"][0]["score"], "2.5000")
		self.assertIn("not assessed in the 6-month round", answer["lines"][1]["error"])
		whole_year = run("KPI Agreement", self.agreement, {budget.indicator: "94.5", days.indicator: "8"})
		self.assertEqual(whole_year["composite"], "3.3000")

	def test_a_line_not_assessed_in_a_round_cannot_be_reported(self):
		doc = frappe.get_doc({"doctype": "KPI Assessment", "agreement": self.agreement, "round_months": "12"})
		doc.set_lines()
		doc.append("lines", {"indicator": self.dept.indicators[self.b][0], "self_result": "90"})
		with self.assertRaises(frappe.ValidationError):
			doc.insert()

	def test_round_targets_are_checked(self):
		doc = frappe.get_doc("KPI Agreement", agreement_for(self.dept, self.b))
		budget, days = doc.lines
		days.in_round_6 = 0
		doc.append("round_targets", {"indicator": days.indicator, "round_months": "6", "level_1": 1})
		with self.assertRaises(frappe.ValidationError) as caught:
			doc.save()
		self.assertIn("not assessed in the 6-month round", str(caught.exception))
		doc.reload()
		doc.append(
			"round_targets", {"indicator": budget.indicator, "round_months": "9", "level_1": 9, "level_2": 8}
		)
		with self.assertRaises(frappe.ValidationError):
			doc.save()  # out of order for a higher-is-better indicator
		doc.reload()
		for months in ("6", "9", "12"):
			doc.lines[0].set(f"in_round_{months}", 0)
		with self.assertRaises(frappe.ValidationError):
			doc.save()  # a line must be assessed in some round
		frappe.delete_doc("KPI Agreement", doc.name, force=True)

	def test_booklet_compiled_waits_on_the_rounds_assessment_due_date(self):
		doc = frappe.get_doc("KPI Agreement", self.agreement)
		framework = frappe.get_doc("KPI Framework", self.dept.framework)
		nine = next(row for row in framework.rounds if row.months == "9")
		# the 9-month cut-off (30 June 2569 B.E. = 2026) plus 15 working days, to the end of that day
		self.assertEqual(str(nine.assessment_due_date), "2026-07-21")
		self.assertEqual(str(doc.step_due_on), "2026-07-21 23:59:59")
		self.assertEqual(doc.workflow_state, process.BOOKLET_COMPILED)


class TestTwelveMonthRoundCompletesStep7(KPITestCase):
	def test_the_framework_names_the_round(self):
		frappe.set_user("Administrator")
		dept = build_department("R12", units="A")
		framework = frappe.get_doc("KPI Framework", dept.framework)
		framework.assessed_round = "12"
		framework.save()
		name = agreement_for(dept, dept.units[0])
		advance(name, process.BOOKLET_COMPILED)
		doc = frappe.get_doc("KPI Agreement", name)
		# 30 Sep + 15 working days; 13 Oct (วันนวมินทรมหาราช) counts only when it is on the holiday list
		expected = "2026-10-22" if dt.date(2026, 10, 13) in holidays() else "2026-10-21"
		self.assertEqual(str(doc.step_due_on), f"{expected} 23:59:59")
		make_assessment(name, "9", ["94", "8"])
		with self.assertRaises(frappe.ValidationError) as caught:
			apply_workflow(doc, process.RECORD_ASSESSMENT)
		self.assertIn("12-month", str(caught.exception))
		make_assessment(name, "12", ["95", "7"])
		apply_workflow(frappe.get_doc("KPI Agreement", name), process.RECORD_ASSESSMENT)
		nine = frappe.get_doc({"doctype": "KPI Scorecard", "framework": dept.framework, "round_months": "9"})
		nine.insert()
		nine.build()
		nine.submit()  # the 9-month scorecard is published, but it is not the round of step 7
		self.assertEqual(frappe.db.get_value("KPI Agreement", name, "workflow_state"), process.ASSESSED)
		twelve = frappe.get_doc(
			{"doctype": "KPI Scorecard", "framework": dept.framework, "round_months": "12"}
		)
		twelve.insert()
		twelve.build()
		twelve.submit()
		self.assertEqual(
			frappe.db.get_value("KPI Agreement", name, "workflow_state"), process.SCORES_SUMMARIZED
		)

	def test_agreements_start_from_a_reviewed_framework(self):
		frappe.set_user("Administrator")
		dept = build_department("RVW", units="A")
		draft = make_framework(dept.root, 2570, reviewed=False)
		framework = frappe.get_doc("KPI Framework", draft)
		self.assertTrue(framework.review_due_on)
		with self.assertRaises(frappe.ValidationError):
			frappe.get_doc({"doctype": "KPI Agreement", "unit": dept.units[0], "framework": draft}).insert()
		with self.assertRaises(frappe.ValidationError):
			framework.create_agreements()
		framework.mark_reviewed()
		self.assertTrue(framework.reviewed_on)
		self.assertGreater(framework.create_agreements(), 0)
