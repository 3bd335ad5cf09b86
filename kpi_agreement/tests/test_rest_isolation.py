"""Unit isolation through the HTTP API, as a browser or a script would reach it.

The web server only sees committed data, so this class commits a department of its own (with a unique
name); it is skipped when the site's host_name does not answer."""

import frappe

from kpi_agreement.demo.builders import advance, bind_user_to_unit, make_assessment, make_user
from kpi_agreement.frappe_free import process
from kpi_agreement.tests.http_client import ServedSiteCase
from kpi_agreement.tests.utils import agreement_for, build_department


class TestRestIsolation(ServedSiteCase):
	@classmethod
	def build(cls):
		cls.dept = build_department(f"API{frappe.generate_hash(length=5)}", units="AB")
		cls.a, cls.b = cls.dept.units
		cls.agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.dept.units}
		for unit in cls.dept.units:
			advance(cls.agreements[unit], "Signed")
			make_assessment(cls.agreements[unit], "9", ["94", "8"])
		cls.staff = make_user(
			f"rest-{frappe.scrub(cls.a)}@test.kpi.example", "Rest Staff", [process.UNIT_HEAD], "en"
		)
		bind_user_to_unit(cls.staff, cls.a)

	def setUp(self):
		super().setUp()
		signed_in = self.get("/api/method/frappe.auth.get_logged_user")
		self.assertEqual(signed_in.status_code, 200, signed_in.text[:200])
		self.assertEqual(signed_in.json()["message"], self.staff)

	def get(self, path: str, **params):
		return self.client_for(self.staff).get(path, **params)

	def test_resource_api(self):
		own, other = self.agreements[self.a], self.agreements[self.b]
		self.assertEqual(self.get(f"/api/resource/KPI Agreement/{own}").status_code, 200)
		self.assertIn(self.get(f"/api/resource/KPI Agreement/{other}").status_code, (403, 404))
		listed = self.get(
			"/api/resource/KPI Agreement",
			fields=["name", "unit"],
			filters=[["framework", "=", self.dept.framework]],
			limit_page_length=0,
		).json()["data"]
		self.assertEqual({row["unit"] for row in listed}, {self.a})

	def test_client_methods_and_reports(self):
		rows = self.get(
			"/api/method/frappe.client.get_list",
			doctype="KPI Assessment",
			fields=["unit"],
			filters={"framework": self.dept.framework},
			limit_page_length=0,
		).json()["message"]
		self.assertEqual({row["unit"] for row in rows}, {self.a})
		other = self.get(
			"/api/method/frappe.client.get", doctype="KPI Agreement", name=self.agreements[self.b]
		)
		self.assertIn(other.status_code, (403, 404))
		report = self.get(
			"/api/method/frappe.desk.query_report.run",
			report_name="KPI Indicator Results",
			filters={"framework": self.dept.framework, "round_months": "9"},
		).json()["message"]
		self.assertEqual({row["unit"] for row in report["result"] if isinstance(row, dict)}, {self.a})

	def test_print_url(self):
		other = self.get(
			"/api/method/frappe.utils.print_format.download_pdf",
			doctype="KPI Agreement",
			name=self.agreements[self.b],
			format="KPI Agreement Signature Page",
		)
		self.assertIn(other.status_code, (403, 404))
		page = self.get(
			"/printview",
			doctype="KPI Agreement",
			name=self.agreements[self.b],
			format="KPI Agreement Booklet",
		)
		self.assertNotIn(self.b, page.text)
		own = self.get(
			"/api/method/frappe.utils.print_format.download_pdf",
			doctype="KPI Agreement",
			name=self.agreements[self.a],
			format="KPI Agreement Booklet",
		)
		self.assertEqual(own.status_code, 200)
		self.assertTrue(own.content.startswith(b"%PDF"))
