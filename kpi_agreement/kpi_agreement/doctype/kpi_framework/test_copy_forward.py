"""Copy to Next Fiscal Year: what the next year's framework and indicators are, their baselines, that nothing
of last year changes, and who may copy when."""

from decimal import Decimal as D
from unittest.mock import patch

import frappe

from kpi_agreement.demo.builders import (
	advance,
	make_agreement,
	make_assessment,
	make_framework,
	make_indicator,
)
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.signed_record import SHEET_FIELDS
from kpi_agreement.kpi_agreement.doctype.kpi_framework import copy_forward
from kpi_agreement.tests.utils import BUDGET, KPITestCase, build_department, user

SHEET = (*SHEET_FIELDS, "unit")


def snapshot(doctype: str, names) -> dict:
	return {name: frappe.get_doc(doctype, name).as_dict() for name in names}


class TestCopyForward(KPITestCase):
	"""Units A, B, C of fiscal year 2569: A and B are responsible for their indicators; C's indicators name no
	unit but only C's agreement carries them; one indicator A and B share names no unit."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = dept = build_department("CPY", units="ABC")
		a, b, c = cls.units = dept.units
		cls.old = dept.framework
		for unit in (a, b):
			for indicator in dept.indicators[unit]:
				frappe.db.set_value("KPI Indicator", indicator, "unit", unit)
		cls.budget_a, cls.days_a = dept.indicators[a]
		budget = frappe.get_doc("KPI Indicator", cls.budget_a)
		for year, result in ((2566, 90), (2567, 91), (2568, 92.5)):
			budget.append("baselines", {"fiscal_year": year, "result": result})
		budget.save()
		cls.shared = make_indicator(
			cls.old,
			"1.3",
			"Shared service survey",
			"D1",
			BUDGET,
			indicator_owner=user("owner"),
			data_collector=user("collector"),
		)
		cls.agreements = {
			a: make_agreement(a, cls.old, [(cls.budget_a, 30), (cls.shared, 30), (cls.days_a, 40)]),
			b: make_agreement(
				b, cls.old, [(dept.indicators[b][0], 30), (cls.shared, 30), (dept.indicators[b][1], 40)]
			),
			c: make_agreement(c, cls.old, [(dept.indicators[c][0], 60), (dept.indicators[c][1], 40)]),
		}
		for agreement in cls.agreements.values():
			advance(agreement, "Signed")
		make_assessment(cls.agreements[a], "9", ["92", "99", "10"])  # not the final round: not a baseline
		final = frappe.get_doc(
			{"doctype": "KPI Assessment", "agreement": cls.agreements[a], "round_months": "12"}
		)
		final.set_lines()
		for line, result in zip(final.lines, ("94.5", "95", "8")):
			line.self_result = result
		final.lines[0].committee_result = "93.25"  # the committee verified another result
		final.insert().submit()
		make_assessment(cls.agreements[b], "12", ["96", "93", "7"], submit=False)  # never submitted
		make_assessment(cls.agreements[c], "12", ["95.5", "6"])
		cls.before = cls.last_year()
		cls.everything = frappe.get_all("KPI Indicator", filters={"framework": cls.old}, pluck="name")
		cls.left_out = dept.indicators[c][1]
		frappe.set_user(user("coordinator"))
		framework = frappe.get_doc("KPI Framework", cls.old)
		cls.choices = framework.next_year_choices()
		cls.answer = framework.copy_to_next_year([n for n in cls.everything if n != cls.left_out])
		frappe.set_user("Administrator")
		cls.new = cls.answer["framework"]
		cls.copies = {
			row.copied_from: row.name
			for row in frappe.get_all(
				"KPI Indicator", filters={"framework": cls.new}, fields=["name", "copied_from"]
			)
		}

	@classmethod
	def last_year(cls) -> dict:
		"""Everything of last year the copy must leave as it was, signed record included."""
		assessments = frappe.get_all("KPI Assessment", filters={"framework": cls.old}, pluck="name")
		return {
			"framework": snapshot("KPI Framework", [cls.old]),
			"indicators": snapshot(
				"KPI Indicator", frappe.get_all("KPI Indicator", filters={"framework": cls.old}, pluck="name")
			),
			"agreements": snapshot("KPI Agreement", cls.agreements.values()),
			"assessments": snapshot("KPI Assessment", assessments),
		}

	def tearDown(self):
		frappe.set_user("Administrator")

	def baselines(self, old: str) -> list[tuple]:
		rows = frappe.get_doc("KPI Indicator", self.copies[old]).baselines
		return [(row.fiscal_year, D(str(row.result)).quantize(D("0.0001")), row.note) for row in rows]

	def test_next_years_framework_is_a_fresh_draft_a_year_on(self):
		old, new = frappe.get_doc("KPI Framework", self.old), frappe.get_doc("KPI Framework", self.new)
		self.assertTrue(self.answer["made"])
		self.assertEqual((new.department, new.fiscal_year, new.copied_from), (old.department, 2570, self.old))
		self.assertEqual((str(new.start_date), str(new.end_date)), ("2026-10-01", "2027-09-30"))
		self.assertEqual(new.title, "Assessment Framework FY 2570")
		self.assertEqual(
			[(d.dimension, d.weight) for d in new.dimensions],
			[(d.dimension, d.weight) for d in old.dimensions],
		)
		self.assertEqual(
			[(r.months, str(r.cut_off_date)) for r in new.rounds],
			[("6", "2027-03-31"), ("9", "2027-06-30"), ("12", "2027-09-30")],
		)
		for row in new.rounds:  # worked out again from next year's calendar, after the cut-off
			self.assertGreater(row.assessment_due_date, row.cut_off_date)
		self.assertEqual(new.rules(), old.rules())
		self.assertEqual(new.signing_levels(), old.signing_levels())
		self.assertEqual(new.assessed_round, old.assessed_round)
		self.assertIsNone(new.reviewed_on)  # step 1 is still to do
		self.assertIsNotNone(new.review_due_on)

	def test_chosen_indicators_come_with_their_detail_sheets(self):
		self.assertEqual(set(self.copies), set(self.everything) - {self.left_out})
		for old, new in self.copies.items():
			source, copy = frappe.get_doc("KPI Indicator", old), frappe.get_doc("KPI Indicator", new)
			self.assertEqual([copy.get(f) for f in SHEET], [source.get(f) for f in SHEET], old)
			self.assertEqual(
				[(r.level, r.threshold, r.criterion) for r in copy.levels],
				[(r.level, r.threshold, r.criterion) for r in source.levels],
			)
			self.assertEqual((copy.framework, copy.fiscal_year), (self.new, 2570))
			self.assertTrue(copy.detail_complete)

	def test_last_years_final_result_is_the_newest_baseline(self):
		_a, b, c = self.units
		verified = "12-month result, verified by the committee"
		reported = "12-month result, as the unit reported it"
		self.assertEqual(  # the committee's result; three columns, the oldest dropped
			self.baselines(self.budget_a),
			[(2567, D("91.0000"), ""), (2568, D("92.5000"), ""), (2569, D("93.2500"), verified)],
		)
		self.assertEqual(self.baselines(self.days_a), [(2569, D("8.0000"), reported)])
		self.assertEqual(self.baselines(self.dept.indicators[c][0]), [(2569, D("95.5000"), reported)])
		self.assertEqual(self.baselines(self.shared), [])  # A and B share it, neither responsible
		self.assertEqual(self.baselines(self.dept.indicators[b][0]), [])  # B's 12 months never submitted

	def test_nothing_of_last_year_changes(self):
		self.assertEqual(self.last_year(), self.before)

	def test_the_dialog_offers_the_indicators_by_dimension(self):
		self.assertEqual(self.choices["fiscal_year"], 2570)
		self.assertIsNone(self.choices["next_framework"])
		groups = {
			g["dimension"]: [row["label"].split(" ")[0] for row in g["indicators"]]
			for g in self.choices["dimensions"]
		}
		self.assertEqual(groups, {"D1": ["1.1", "1.3", "2.1", "3.1"], "D2": ["1.2", "2.2", "3.2"]})
		frappe.set_user(user("coordinator"))
		again = frappe.get_doc("KPI Framework", self.old).next_year_choices()
		self.assertEqual(again["next_framework"], self.new)
		copied = {row["value"] for g in again["dimensions"] for row in g["indicators"] if row["copied"]}
		self.assertEqual(
			copied, set(frappe.get_all("KPI Indicator", filters={"framework": self.new}, pluck="copied_from"))
		)
		self.assertIn(self.budget_a, copied)

	def test_copying_again_adds_only_what_is_missing_in_background_jobs(self):
		frappe.set_user(user("coordinator"))
		with patch.object(copy_forward, "INLINE_COPIES", 0):
			answer = frappe.get_doc("KPI Framework", self.old).copy_to_next_year(self.everything)
		self.assertEqual((answer["framework"], answer["made"], answer["indicators"]), (self.new, False, 1))
		self.assertTrue(answer["in_background"])
		copies = frappe.get_all("KPI Indicator", filters={"framework": self.new}, pluck="copied_from")
		self.assertEqual(sorted(copies), sorted(self.everything))
		self.assertEqual(copy_forward.copy_indicator(self.left_out, self.new), "skipped")

	def test_only_a_coordinator_copies(self):
		framework = frappe.get_doc("KPI Framework", self.old)
		for who in ("owner", "executive", "head", "committee"):
			frappe.set_user(user(who))
			self.assertRaises(frappe.PermissionError, framework.copy_to_next_year, self.everything)
			self.assertRaises(frappe.PermissionError, framework.next_year_choices)
		frappe.set_user(user("plain"))
		self.assertRaises(frappe.PermissionError, framework.copy_to_next_year, self.everything)

	def test_a_next_year_made_otherwise_is_refused(self):
		other = make_framework(self.dept.root, 2571)
		frappe.set_user(user("coordinator"))
		framework = frappe.get_doc("KPI Framework", self.new)
		for call in (framework.next_year_choices, lambda: framework.copy_to_next_year([])):
			with self.assertRaises(frappe.ValidationError) as caught:
				call()
			self.assertIn(f"already has framework <strong>{other}</strong>", str(caught.exception))
			self.assertIn("not copied from", str(caught.exception))
		frappe.set_user("Administrator")
		self.assertEqual(frappe.get_all("KPI Indicator", filters={"framework": other}), [])

	def test_thai_refusal(self):
		other = make_framework(self.dept.root, 2571)
		frappe.set_user(user("coordinator"))
		lang, frappe.local.lang = frappe.local.lang, "th"
		try:
			with self.assertRaises(frappe.ValidationError) as caught:
				frappe.get_doc("KPI Framework", self.new).copy_to_next_year([])
		finally:
			frappe.local.lang = lang
		self.assertIn(f"ปีงบประมาณ 2571 มีกรอบการประเมิน <strong>{other}</strong> อยู่แล้ว", str(caught.exception))
