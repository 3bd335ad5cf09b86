"""Framework, indicators, agreements, assessments and the scorecard on a real site: every number and
every validation of the domain model."""

from decimal import Decimal as D

import frappe

from kpi_agreement.frappe_free.ranking import dimensions_from_json
from kpi_agreement.kpi_agreement.builders import advance, make_agreement, make_assessment, make_indicator
from kpi_agreement.tests.utils import BUDGET, KPITestCase, agreement_for, bind_head, build_department, user


def dec(value) -> D:
	return D(str(value)).quantize(D("0.0001"))


class TestFoundation(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("FND", units="ABCD")
		cls.units = cls.dept.units
		cls.agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.units}
		for unit in cls.units[:3]:
			advance(cls.agreements[unit], "Signed")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_framework_dates_and_dimensions(self):
		framework = frappe.get_doc("KPI Framework", self.dept.framework)
		self.assertEqual(str(framework.start_date), "2025-10-01")
		self.assertEqual(str(framework.end_date), "2026-09-30")
		self.assertEqual(framework.total_dimension_weight, 100)
		self.assertEqual(
			sorted(str(r.cut_off_date) for r in framework.rounds), ["2026-03-31", "2026-06-30", "2026-09-30"]
		)

	def test_agreement_takes_targets_from_indicator(self):
		agreement = frappe.get_doc("KPI Agreement", self.agreements[self.units[0]])
		first = agreement.lines[0]
		self.assertEqual([first.get(f"level_{k}") for k in range(1, 6)], list(BUDGET))
		self.assertEqual(agreement.total_weight, 100)
		self.assertEqual(agreement.unit_head_user, user("head"))

	def test_assessment_and_scorecard_numbers(self):
		a, b, c, _d = self.units
		assessments = {
			a: make_assessment(self.agreements[a], "9", ["94.5", "8"]),
			c: make_assessment(self.agreements[c], "9", ["94.5", "8"]),
		}
		doc = frappe.get_doc(
			{"doctype": "KPI Assessment", "agreement": self.agreements[b], "round_months": "9"}
		)
		doc.set_lines()
		doc.lines[0].self_result, doc.lines[1].self_result = "96", "6"
		doc.lines[1].committee_score = "4.8"
		doc.insert()
		doc.submit()
		assessments[b] = doc.name

		first = frappe.get_doc("KPI Assessment", assessments[a])
		self.assertEqual([dec(line.score) for line in first.lines], [D("3.5000"), D("3.0000")])
		self.assertEqual([dec(line.weighted_score) for line in first.lines], [D("2.1000"), D("1.2000")])
		self.assertEqual(dec(first.total_score), D("3.3000"))
		second = frappe.get_doc("KPI Assessment", assessments[b])
		self.assertEqual(dec(second.lines[1].self_score), D("5.0000"))
		self.assertEqual(dec(second.lines[1].score), D("4.8000"))
		self.assertEqual(dec(second.self_total), D("5.0000"))
		self.assertEqual(dec(second.total_score), D("4.9200"))

		scorecard = frappe.get_doc(
			{"doctype": "KPI Scorecard", "framework": self.dept.framework, "round_months": "9"}
		)
		scorecard.insert()
		scorecard.build()
		rows = [(r.unit, r.rank, dec(r.composite_score), r.grade) for r in scorecard.rows]
		self.assertEqual(
			rows,
			[(b, 1, D("4.9200"), "Excellent"), (a, 2, D("3.3000"), "Fair"), (c, 2, D("3.3000"), "Fair")],
		)
		self.assertEqual(scorecard.unit_count, 3)
		self.assertEqual(dec(scorecard.average_score), D("3.8400"))
		dims = {row.unit: dimensions_from_json(row.dimension_scores) for row in scorecard.rows}
		self.assertEqual(dims[a]["D1"][0], D("3.5000"))
		self.assertEqual(dims[b]["D2"][0], D("4.8000"))
		self.assertEqual(
			dims[a],
			dimensions_from_json(frappe.db.get_value("KPI Assessment", assessments[a], "dimension_scores")),
		)
		in_memory = [
			(r.name, r.unit, r.rank, dec(r.composite_score), r.dimension_scores) for r in scorecard.rows
		]
		scorecard.reload()
		stored = [
			(r.name, r.unit, r.rank, dec(r.composite_score), r.dimension_scores) for r in scorecard.rows
		]
		self.assertEqual(in_memory, stored)

	def test_build_saves_a_new_scorecard_first(self):
		scorecard = frappe.get_doc(
			{"doctype": "KPI Scorecard", "framework": self.dept.framework, "round_months": "12"}
		)
		scorecard.build()  # nothing assessed yet for this round
		self.assertTrue(frappe.db.exists("KPI Scorecard", scorecard.name))
		self.assertEqual((scorecard.unit_count, scorecard.rows), (0, []))

	def assertRefused(self, doc_or_callable, *fragments):
		with self.assertRaises(frappe.ValidationError) as caught:
			doc_or_callable() if callable(doc_or_callable) else doc_or_callable.insert()
		for fragment in fragments:
			self.assertIn(fragment, str(caught.exception))

	def framework_doc(self, fiscal_year: int, dimensions=(("X", 100),), cut_off_date=None):
		return frappe.get_doc(
			{
				"doctype": "KPI Framework",
				"department": self.dept.root,
				"fiscal_year": fiscal_year,
				"dimensions": [{"dimension": name, "weight": weight} for name, weight in dimensions],
				"rounds": [{"months": "9", "cut_off_date": cut_off_date}],
			}
		)

	def test_dimension_weights_must_total_100(self):
		self.assertRefused(self.framework_doc(2570, (("X", 70), ("Y", 20))), "total 90", "100")

	def test_fiscal_year_must_be_buddhist_era(self):
		self.assertRefused(self.framework_doc(2026), "Fiscal Year", "2569")

	def test_round_cut_off_inside_fiscal_year(self):
		self.assertRefused(self.framework_doc(2571, cut_off_date="2030-01-01"), "outside fiscal year")

	def test_duplicate_framework_refused(self):
		self.assertRefused(self.framework_doc(2569), "already has framework")

	def test_thresholds_must_follow_direction(self):
		self.assertRefused(
			lambda: make_indicator(self.dept.framework, "9.1", "Out of order", "D1", (92, 93, 93, 95, 96)),
			"strictly",
		)
		self.assertRefused(
			lambda: make_indicator(
				self.dept.framework, "9.2", "Wrong way", "D1", BUDGET, direction="Lower is better"
			),
			"decrease",
		)

	def test_five_level_needs_five_levels(self):
		self.assertRefused(
			lambda: make_indicator(self.dept.framework, "9.3", "Four levels", "D1", (1, 2, 3, 4)),
			"levels 1 to 5",
		)

	def test_dimension_must_belong_to_framework(self):
		self.assertRefused(
			lambda: make_indicator(self.dept.framework, "9.4", "Stray", "Nope", BUDGET), "not in framework"
		)

	def test_agreement_weights_must_total_100(self):
		unit = self.units[3]
		doc = frappe.get_doc("KPI Agreement", self.agreements[unit])
		doc.lines[0].weight = 50
		self.assertRefused(doc.save, "total 90")
		doc.reload()
		doc.lines[0].weight = 0
		self.assertRefused(doc.save, "more than 0")
		doc.reload()
		doc.lines[0].weight = 160
		self.assertRefused(doc.save, "at most 100")

	def test_indicator_used_twice_refused(self):
		unit = self.units[3]
		first, _second = self.dept.indicators[unit]
		doc = frappe.get_doc("KPI Agreement", self.agreements[unit])
		doc.append("lines", {"indicator": first, "weight": 10})
		self.assertRefused(doc.save, "already in this agreement")

	def test_second_agreement_for_unit_refused(self):
		unit = self.units[0]
		self.assertRefused(
			lambda: make_agreement(unit, self.dept.framework, [(self.dept.indicators[unit][0], 100)]),
			"already has agreement",
		)

	def test_assessment_validations(self):
		unit = self.units[0]
		agreement = self.agreements[unit]
		self.assertRefused(
			lambda: make_assessment(agreement, "12", ["abc", "8"], submit=False), "not a number"
		)
		self.assertRefused(lambda: make_assessment(agreement, "12", ["1e30", "8"], submit=False), "too large")
		framework = frappe.get_doc("KPI Framework", self.dept.framework)
		framework.rounds = [r for r in framework.rounds if r.months != "6"]
		framework.save()
		try:
			self.assertRefused(
				lambda: make_assessment(agreement, "6", ["94", "8"], submit=False), "no 6-month round"
			)
		finally:
			framework.append("rounds", {"months": "6"})
			framework.save()
		self.assertRefused(
			lambda: make_assessment(self.agreements[self.units[3]], "9", ["94", "8"], submit=False),
			"not signed",
		)

	def test_committee_score_bounds(self):
		doc = frappe.get_doc(
			{"doctype": "KPI Assessment", "agreement": self.agreements[self.units[2]], "round_months": "12"}
		)
		doc.set_lines()
		doc.lines[0].self_result, doc.lines[1].self_result = "94", "8"
		doc.lines[0].committee_score = "5.5"
		self.assertRefused(doc.insert, "above the best possible score")
		doc.lines[0].committee_score = "-1"
		self.assertRefused(doc.insert, "cannot be negative")

	def test_unit_user_sees_only_their_unit(self):
		a, b = self.units[0], self.units[1]
		bind_head(a)
		try:
			frappe.set_user(user("head"))
			visible = frappe.get_list(
				"KPI Agreement", filters={"framework": self.dept.framework}, pluck="unit"
			)
			self.assertEqual(visible, [a])
			self.assertTrue(frappe.has_permission("KPI Agreement", "read", self.agreements[a]))
			self.assertFalse(frappe.has_permission("KPI Agreement", "read", self.agreements[b]))
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("KPI Agreement", self.agreements[b]).check_permission("read")
		finally:
			frappe.set_user("Administrator")
			frappe.db.delete("User Permission", {"user": user("head")})
