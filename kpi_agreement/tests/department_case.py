"""The department every DocType test builds on, and the checks they share."""

from decimal import Decimal as D

import frappe

from kpi_agreement.demo.builders import advance
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department


def dec(value) -> D:
	return D(str(value)).quantize(D("0.0001"))


class DepartmentTestCase(KPITestCase):
	"""Four units (A-D) of a department; A, B and C signed their agreements, D is still a draft."""

	PREFIX = "FND"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department(cls.PREFIX, units="ABCD")
		cls.units = cls.dept.units
		cls.agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.units}
		for unit in cls.units[:3]:
			advance(cls.agreements[unit], "Signed")

	def tearDown(self):
		frappe.set_user("Administrator")

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
