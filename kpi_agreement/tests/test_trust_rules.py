"""The trust rules that are not a single HTTP attack: how User Permissions are read, the demo installer's
gate and clean-up, what the booklet renderer may fetch, PDFs of other print formats left as Frappe makes
them."""

from __future__ import annotations

import frappe

from kpi_agreement import demo
from kpi_agreement.demo import builders
from kpi_agreement.demo.builders import make_user
from kpi_agreement.frappe_free import process
from kpi_agreement.kpi_agreement.doctype.kpi_agreement import booklet
from kpi_agreement.mail.digest import units_by_user
from kpi_agreement.permissions.unit_access import allowed_units
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department


class TestUserPermissionsReadAsFrappeReadsThem(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("UPR", units="AB")

	def tearDown(self):
		frappe.set_user("Administrator")

	def bound(self, key: str, **permission) -> str:
		user = make_user(f"upr-{key}@test.kpi.example", f"UPR {key}", [process.UNIT_HEAD], "en")
		frappe.db.delete("User Permission", {"user": user})
		frappe.get_doc(
			{"doctype": "User Permission", "user": user, "allow": "KPI Unit", **permission}
		).insert(ignore_permissions=True)
		frappe.cache.hdel("user_permissions", user)
		return user

	def test_sub_units_are_included_unless_hidden(self):
		user = self.bound("tree", for_value=self.dept.bureau)
		self.assertEqual(allowed_units(user, "KPI Assessment"), {self.dept.bureau, *self.dept.units})
		self.assertEqual(units_by_user()[user], {self.dept.bureau, *self.dept.units})
		hidden = self.bound("hidden", for_value=self.dept.bureau, hide_descendants=1)
		self.assertEqual(allowed_units(hidden, "KPI Assessment"), {self.dept.bureau})
		self.assertEqual(units_by_user()[hidden], {self.dept.bureau})

	def test_a_permission_for_another_doctype_does_not_restrict(self):
		user = self.bound(
			"applicable",
			for_value=self.dept.units[0],
			apply_to_all_doctypes=0,
			applicable_for="KPI Scorecard",
		)
		self.assertIsNone(allowed_units(user, "KPI Assessment"))
		self.assertEqual(allowed_units(user, "KPI Scorecard"), {self.dept.units[0]})
		self.assertNotIn(user, units_by_user())

	def test_reports_show_only_the_users_units(self):
		from kpi_agreement.kpi_agreement.report.kpi_process_tracker import kpi_process_tracker

		for unit in self.dept.units:
			agreement_for(self.dept, unit)
		user = self.bound("report", for_value=self.dept.units[0])
		frappe.set_user(user)
		rows = kpi_process_tracker.execute(frappe._dict(framework=self.dept.framework))[1]
		self.assertEqual({row.get("unit") for row in rows}, {self.dept.units[0]})


class TestEvidence(KPITestCase):
	def test_public_evidence_is_refused(self):
		from kpi_agreement.demo.builders import advance, make_assessment

		dept = build_department("EVD", units="A")
		agreement = agreement_for(dept, dept.units[0])
		advance(agreement, "Signed")
		doc = frappe.get_doc("KPI Assessment", make_assessment(agreement, "6", ["94", "8"], submit=False))
		public = frappe.get_doc(
			{"doctype": "File", "file_name": "evidence-public.txt", "is_private": 0, "content": b"open"}
		).insert(ignore_permissions=True)
		doc.lines[0].evidence = public.file_url
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		private = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "evidence-private.txt",
				"is_private": 1,
				"content": b"closed",
				"attached_to_doctype": "KPI Assessment",
				"attached_to_name": doc.name,
			}
		).insert(ignore_permissions=True)
		doc.reload()
		doc.lines[0].evidence = private.file_url
		doc.save()


class TestDemoGate(KPITestCase):
	def test_install_refused_where_the_site_does_not_allow_it(self):
		in_test, allowed = frappe.flags.in_test, frappe.conf.get(demo.ALLOW_KEY)
		try:
			frappe.flags.in_test = False
			frappe.local.conf[demo.ALLOW_KEY] = 0
			with self.assertRaises(frappe.PermissionError):
				demo.install()
			with self.assertRaises(frappe.PermissionError):
				demo.install_from_settings()
		finally:
			frappe.flags.in_test = in_test
			frappe.local.conf[demo.ALLOW_KEY] = allowed

	def test_demo_password_is_the_sites_own(self):
		password = builders.demo_password()
		self.assertGreaterEqual(len(password), 16)
		self.assertEqual(password, builders.demo_password())
		self.assertFalse(hasattr(demo, "PASSWORD") or hasattr(builders, "PASSWORD"))

	def test_remove_restores_the_settings_it_changed(self):
		keys = ("time_zone", "date_format", "country", "setup_complete")
		before = {key: frappe.db.get_single_value("System Settings", key) for key in keys}
		home = frappe.db.get_default("desktop:home_page")
		saved = frappe.db.get_default(demo.SAVED_SETTINGS)
		frappe.db.set_default(demo.SAVED_SETTINGS, None)
		frappe.db.set_single_value(
			"System Settings", {"time_zone": "Europe/Berlin", "date_format": "yyyy-mm-dd"}
		)
		try:
			demo.prepare_site()
			self.assertEqual(frappe.db.get_single_value("System Settings", "time_zone"), "Asia/Bangkok")
			self.assertEqual(frappe.db.get_default("date_format"), "dd-mm-yyyy")  # what the desk reads
			demo.restore_site()
			self.assertEqual(frappe.db.get_single_value("System Settings", "time_zone"), "Europe/Berlin")
			self.assertEqual(frappe.db.get_single_value("System Settings", "date_format"), "yyyy-mm-dd")
			self.assertEqual(frappe.db.get_default("date_format"), "yyyy-mm-dd")
		finally:
			demo.set_system_settings(before)
			frappe.db.set_default("desktop:home_page", home)
			frappe.db.set_default(demo.SAVED_SETTINGS, saved)


def fetched(url: str) -> bytes:
	result = booklet.site_fetcher(url)
	return result["string"] if "string" in result else result["file_obj"].read()


class TestBookletFetcher(KPITestCase):
	def test_reads_only_the_sites_own_files_and_data_urls(self):
		site = frappe.utils.get_url()
		self.assertEqual(fetched("data:text/plain,kpi"), b"kpi")
		self.assertTrue(fetched(f"{site}/assets/frappe/images/default-skin.svg"))
		for url in (
			"file:///etc/passwd",
			f"{site}/assets/../../../etc/passwd",
			f"{site}/files/../../site_config.json",
			"http://169.254.169.254/latest/meta-data/",
			"https://example.com/logo.png",
			f"{site}/api/method/frappe.auth.get_logged_user",
		):
			with self.assertRaises(ValueError, msg=url):
				booklet.site_fetcher(url)

	def test_private_files_need_read_permission(self):
		file = frappe.get_doc(
			{"doctype": "File", "file_name": "kpi-private.txt", "is_private": 1, "content": b"secret"}
		).insert(ignore_permissions=True)
		url = f"{frappe.utils.get_url()}{file.file_url}"
		self.assertEqual(fetched(url), b"secret")  # Administrator
		frappe.set_user(make_user("fetch-plain@test.kpi.example", "Fetch Plain", ["Desk User"], "en"))
		try:
			with self.assertRaises(ValueError):
				booklet.site_fetcher(url)
		finally:
			frappe.set_user("Administrator")

	def test_paged_engine_follows_the_template_not_the_name(self):
		copy = frappe.copy_doc(frappe.get_doc("Print Format", booklet.BOOKLET_FORMAT))
		copy.name = copy.__newname = "Department Booklet Copy"
		copy.standard = "No"
		copy.insert(ignore_permissions=True)
		self.assertEqual(booklet.paged_template(copy.name), booklet.PAGED_TEMPLATES[0])
		self.assertIsNone(booklet.paged_template("KPI Agreement Signature Page"))
		self.assertIsNone(booklet.paged_template("Standard"))
