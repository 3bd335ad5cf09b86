"""Two people saving the same document: the one who saves a stale copy gets Frappe's conflict message and the
first save stays as it was (no lost update). The load test (benchmarks/load_test.py) checks the same over
HTTP with many users at once."""

from __future__ import annotations

import frappe
from frappe.utils import flt

from kpi_agreement.demo.builders import advance, make_assessment
from kpi_agreement.frappe_free import process
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department


class TestConcurrentSave(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("CON", units="A")
		agreement = agreement_for(cls.dept, cls.dept.units[0])
		advance(agreement, process.SIGNED)
		cls.assessment = make_assessment(agreement, "9", ["94", "8"], submit=False)

	def test_the_second_save_of_the_same_version_is_refused_and_loses_nothing(self):
		first = frappe.get_doc("KPI Assessment", self.assessment)
		second = frappe.get_doc("KPI Assessment", self.assessment)  # opened at the same time
		first.lines[0].self_result = "95"
		first.save()
		second.lines[0].self_result = "96"
		with self.assertRaises(frappe.TimestampMismatchError) as conflict:
			second.save()
		self.assertIn("has been modified after you have opened it", str(conflict.exception))
		stored = frappe.db.get_value("KPI Assessment Line", first.lines[0].name, "self_result")
		self.assertEqual(flt(stored), 95)
		second.reload()  # what the desk offers: open the latest version, then change it
		second.lines[0].self_result = "96"
		second.save()
		self.assertEqual(
			flt(frappe.db.get_value("KPI Assessment Line", first.lines[0].name, "self_result")), 96
		)
