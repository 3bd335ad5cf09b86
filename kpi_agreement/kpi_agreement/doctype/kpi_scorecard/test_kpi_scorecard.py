"""KPI Scorecard: every number of an assessment and of the round's scorecard, by hand."""

from decimal import Decimal as D

import frappe

from kpi_agreement.demo.builders import make_assessment
from kpi_agreement.frappe_free.ranking import dimensions_from_json
from kpi_agreement.tests.department_case import DepartmentTestCase, dec


class TestKPIScorecard(DepartmentTestCase):
	PREFIX = "FSC"

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
		rows = [(r.unit, r.rank, dec(r.total_score), r.grade) for r in scorecard.rows]
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
		in_memory = [(r.name, r.unit, r.rank, dec(r.total_score), r.dimension_scores) for r in scorecard.rows]
		scorecard.reload()
		stored = [(r.name, r.unit, r.rank, dec(r.total_score), r.dimension_scores) for r in scorecard.rows]
		self.assertEqual(in_memory, stored)

	def test_build_saves_a_new_scorecard_first(self):
		scorecard = frappe.get_doc(
			{"doctype": "KPI Scorecard", "framework": self.dept.framework, "round_months": "12"}
		)
		scorecard.build()  # nothing assessed yet for this round
		self.assertTrue(frappe.db.exists("KPI Scorecard", scorecard.name))
		self.assertEqual((scorecard.unit_count, scorecard.rows), (0, []))
