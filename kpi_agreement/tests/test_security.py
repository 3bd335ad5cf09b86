"""Who may do what, unit isolation, locked signed agreements, concurrent edits and hostile input."""

import frappe
from frappe.model.workflow import apply_workflow

from kpi_agreement.demo.builders import (
	advance,
	bind_user_to_unit,
	make_assessment,
	make_indicator,
	make_user,
)
from kpi_agreement.frappe_free import process
from kpi_agreement.tests.utils import BUDGET, KPITestCase, agreement_for, build_department

# Who may do what: r read, w write, c create, d delete, s submit, x cancel, a amend, p report, e export.
# This table is the permission model of the app; the test checks every cell against the live site.
PERMISSIONS = {
	#                    Coordinator   Owner    Collector  Executive  Unit Head  Committee  Integration  plain user
	"KPI Settings":     ("rw",         "",      "",        "",        "",        "",        "",          ""),
	"KPI Unit":         ("rwcdpei",    "rp",    "rp",      "rp",      "rp",      "rp",      "r",         ""),
	"KPI Framework":    ("rwcdpei",    "rp",    "rp",      "rp",      "rp",      "rp",      "r",         ""),
	"KPI Indicator":    ("rwcdpei",    "rwcpe", "rp",      "rwp",     "rp",      "rp",      "r",         ""),
	"KPI Agreement":    ("rwcdsxape",  "rwp",   "r",       "rwsp",    "rp",      "rwsp",    "",          ""),
	"KPI Assessment":   ("rwcdsxape",  "rwcp",  "rwcp",    "rp",      "rwp",     "rwcspe",  "rw",        ""),
	"KPI Scorecard":    ("rwcdsxape",  "",      "",        "rp",      "",        "rp",      "",          ""),
	"KPI Appeal":       ("rwcdpe",     "r",     "r",       "rp",      "rwcdp",   "rwpe",    "",          ""),
	"KPI Result Entry": ("rwcdpei",    "rp",    "rwcpi",   "rp",      "rp",      "rp",      "rwc",       ""),
}  # fmt: skip
ROLE_COLUMNS = (
	process.COORDINATOR,
	process.INDICATOR_OWNER,
	process.DATA_COLLECTOR,
	process.EXECUTIVE,
	process.UNIT_HEAD,
	process.COMMITTEE,
	process.INTEGRATION,
	None,
)
PTYPES = {
	"r": "read",
	"w": "write",
	"c": "create",
	"d": "delete",
	"s": "submit",
	"x": "cancel",
	"a": "amend",
	"p": "report",
	"e": "export",
	"i": "import",
}
HOSTILE = "<img src=x onerror=alert(1)><script>alert('kpi')</script>"


def role_user(role: str | None) -> str:
	key = (role or "plain desk").lower().replace(" ", "-")
	return make_user(
		f"perm-{key}@test.kpi.example",
		f"Perm {key}",
		[role] if role else ["Desk User"] if frappe.db.exists("Role", "Desk User") else [],
		"en",
	)


class TestPermissionMatrix(KPITestCase):
	def test_every_role_on_every_doctype(self):
		mismatches = []
		for doctype, row in PERMISSIONS.items():
			for role, allowed in zip(ROLE_COLUMNS, row, strict=True):
				user = role_user(role)
				for code, ptype in PTYPES.items():
					expected = code in allowed
					actual = bool(frappe.has_permission(doctype, ptype, user=user))
					if expected != actual:
						mismatches.append(
							f"{role or 'plain user'} {ptype} {doctype}: expected {expected}, got {actual}"
						)
		self.assertEqual(mismatches, [])


class TestIsolationAndLocking(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("SEC", units="AB")
		cls.a, cls.b = cls.dept.units
		cls.agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.dept.units}
		for unit in cls.dept.units:
			advance(cls.agreements[unit], "Signed")
		cls.assessments = {
			unit: make_assessment(cls.agreements[unit], "9", ["94", "8"]) for unit in cls.dept.units
		}
		cls.staff = make_user(
			"staff-a@test.kpi.example", "Staff A", [process.UNIT_HEAD, process.DATA_COLLECTOR], "en"
		)
		bind_user_to_unit(cls.staff, cls.a)

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_unit_user_cannot_reach_another_unit(self):
		import frappe.client
		from frappe.desk.search import search_link

		other_agreement, other_assessment = self.agreements[self.b], self.assessments[self.b]
		frappe.set_user(self.staff)
		self.assertEqual(
			set(frappe.get_list("KPI Agreement", filters={"framework": self.dept.framework}, pluck="unit")),
			{self.a},
		)
		rows = frappe.client.get_list(
			"KPI Assessment", filters={"framework": self.dept.framework}, fields=["unit"], limit_page_length=0
		)
		self.assertEqual({r["unit"] for r in rows}, {self.a})
		for doctype, name in (("KPI Agreement", other_agreement), ("KPI Assessment", other_assessment)):
			with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
				frappe.client.get(doctype, name)
			with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
				frappe.get_print(doctype, name)
		found = search_link("KPI Agreement", "SEC Unit", page_length=50)
		self.assertEqual({r["value"] for r in found}, {self.agreements[self.a]})
		# the print view URL as the desk builds it
		from frappe.www.printview import validate_print_permission

		with self.assertRaises((frappe.PermissionError, frappe.DoesNotExistError)):
			validate_print_permission(frappe.get_doc("KPI Agreement", other_agreement))

	def test_signed_agreement_is_locked(self):
		doc = frappe.get_doc("KPI Agreement", self.agreements[self.a])
		doc.lines[0].weight = 50
		doc.lines[1].weight = 50
		with self.assertRaises(frappe.UpdateAfterSubmitError):
			doc.save()
		doc.reload()
		doc.lines[0].level_3 = 1
		with self.assertRaises(frappe.UpdateAfterSubmitError):
			doc.save()

	def test_change_only_through_cancel_and_amend(self):
		original = frappe.get_doc("KPI Agreement", self.agreements[self.b])
		for assessment in frappe.get_all(
			"KPI Assessment", filters={"agreement": original.name, "docstatus": 1}, pluck="name"
		):
			frappe.get_doc("KPI Assessment", assessment).cancel()
		original.reload()
		original.cancel()
		amended = frappe.copy_doc(original, ignore_no_copy=False)  # as the desk's Amend button does
		amended.amended_from, amended.docstatus, amended.workflow_state = original.name, 0, None
		amended.lines[0].level_5 = 97  # a changed target (the weights stay the framework's 60 / 40 split)
		amended.insert()
		self.assertEqual(frappe.db.get_value("KPI Agreement", original.name, "docstatus"), 2)
		self.assertEqual(amended.amended_from, original.name)
		self.assertTrue(amended.name.startswith(original.name))
		self.assertEqual(amended.workflow_state, "Framework Review")
		self.assertEqual([row.state for row in amended.step_history], ["Framework Review"])
		before = frappe.db.count("Version", {"ref_doctype": "KPI Agreement", "docname": amended.name})
		amended = frappe.get_doc("KPI Agreement", amended.name)
		amended.lines[0].level_5 = 98
		amended.save(ignore_version=False)  # Frappe skips versions in tests unless asked
		versions = frappe.get_all(
			"Version",
			filters={"ref_doctype": "KPI Agreement", "docname": amended.name},
			fields=["owner", "data"],
			order_by="creation desc",
		)
		self.assertEqual(len(versions), before + 1)
		self.assertEqual(versions[0].owner, "Administrator")
		self.assertIn("level_5", versions[0].data)

	def test_assessment_results_only_change_before_submit(self):
		doc = frappe.get_doc("KPI Assessment", self.assessments[self.a])
		doc.lines[0].self_result = "96"
		with self.assertRaises(frappe.UpdateAfterSubmitError):
			doc.save()

	def test_concurrent_edit_keeps_first_save(self):
		name = self.make_draft()
		first = frappe.get_doc("KPI Agreement", name)
		second = frappe.get_doc("KPI Agreement", name)
		first.executive_name = "First editor"
		first.save()
		second.executive_name = "Second editor"
		with self.assertRaises(frappe.TimestampMismatchError):
			second.save()
		self.assertEqual(frappe.db.get_value("KPI Agreement", name, "executive_name"), "First editor")

	def make_draft(self) -> str:
		from kpi_agreement.demo.builders import make_unit

		unit = make_unit("SEC Unit C", self.dept.bureau, "Group")
		indicator = make_indicator(
			self.dept.framework,
			"3.1",
			"Concurrency",
			"D1",
			BUDGET,
			indicator_owner="Administrator",
			data_collector="Administrator",
		)
		second = make_indicator(
			self.dept.framework,
			"3.2",
			"Concurrency days",
			"D2",
			BUDGET,
			indicator_owner="Administrator",
			data_collector="Administrator",
		)
		from kpi_agreement.demo.builders import make_agreement

		return make_agreement(unit, self.dept.framework, [(indicator, 60), (second, 40)])

	def test_workflow_guard_cannot_be_skipped_through_the_api(self):
		import frappe.client

		name = (
			self.make_draft()
			if not frappe.db.exists("KPI Agreement", {"unit": "SEC Unit C"})
			else frappe.db.get_value("KPI Agreement", {"unit": "SEC Unit C", "docstatus": 0})
		)
		frappe.set_user(make_user("api-owner@test.kpi.example", "Api Owner", [process.INDICATOR_OWNER], "en"))
		with self.assertRaises(frappe.ValidationError):
			frappe.client.set_value("KPI Agreement", name, "workflow_state", "Signed")
		with self.assertRaises(frappe.ValidationError):
			apply_workflow(frappe.get_doc("KPI Agreement", name), "Sign")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("KPI Agreement", name, "workflow_state"), "Framework Review")


class TestHostileInput(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("HOS", units="A")

	def assertRefusedCleanly(self, action, *fragments):
		"""Refused with a ValidationError whose message names the problem; nothing half-saved."""
		frappe.db.savepoint("hostile")
		with self.assertRaises(frappe.ValidationError) as caught:
			action()
		frappe.db.rollback(save_point="hostile")
		for fragment in fragments:
			self.assertIn(fragment, str(caught.exception))

	def test_markup_in_text_fields_is_stored_as_text(self):
		name = make_indicator(
			self.dept.framework, "9.9", HOSTILE, "D1", BUDGET, definition=HOSTILE, formula=HOSTILE
		)
		doc = frappe.get_doc("KPI Indicator", name)
		for field in ("indicator_name", "definition", "formula"):
			self.assertNotIn("<script", doc.get(field))

	def test_bad_numbers(self):
		agreement = agreement_for(self.dept, self.dept.units[0])
		advance(agreement, "Signed")
		for bad, message in (
			("abc", "not a number"),
			("1e30", "too large"),
			("12..5", "not a number"),
			("'; drop table x;--", "not a number"),
		):
			self.assertRefusedCleanly(
				lambda bad=bad: make_assessment(agreement, "9", [bad, "8"], submit=False), message
			)
		self.assertRefusedCleanly(
			lambda: make_assessment(agreement, "9", ["", "8"]), "Enter a result for every indicator"
		)
		self.assertFalse(frappe.db.exists("KPI Assessment", {"agreement": agreement, "docstatus": 1}))
		negative = make_assessment(agreement, "9", ["-5", "8"], submit=False)
		self.assertEqual(
			frappe.db.get_value("KPI Assessment Line", {"parent": negative, "idx": 1}, "self_score"), 0
		)

	def test_bad_weights_and_thresholds(self):
		unit = self.dept.units[0]
		first, second = self.dept.indicators[unit]
		from kpi_agreement.demo.builders import make_agreement, make_unit

		other = make_unit("HOS Unit W", self.dept.bureau, "Group")
		for weights, message in (
			((0, 100), "more than 0"),
			((-10, 110), "more than 0"),
			((150, -50), "at most 100"),
		):
			self.assertRefusedCleanly(
				lambda weights=weights: make_agreement(
					other, self.dept.framework, list(zip((first, second), weights))
				),
				message,
			)
		for levels, message in (
			((1, 1, 2, 3, 4), "strictly"),
			((5, 4, 3, 2, 1), "strictly"),
			((1, 2, 3), "levels 1 to 5"),
		):
			self.assertRefusedCleanly(
				lambda levels=levels: make_indicator(self.dept.framework, "8.8", "Bad levels", "D1", levels),
				message,
			)


class TestDataImport(KPITestCase):
	"""The importer commits after each row, so this class commits a department of its own."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department(f"IMP{frappe.generate_hash(length=5)}", units="A")
		frappe.db.commit()

	def test_data_import_reports_bad_rows_and_keeps_good_ones(self):
		from frappe.core.doctype.data_import.data_import import DataImport

		rows = [
			["Code", "Indicator Name", "Framework", "Dimension", "Direction", "Scoring Scheme"],
			["7.1", "Imported good one", self.dept.framework, "D1", "Higher is better", "Five Level"],
			["7.2", "Imported bad dimension", self.dept.framework, "Nope", "Higher is better", "Five Level"],
			["7.3", "Imported good two", self.dept.framework, "D2", "Lower is better", "Five Level"],
			["7.4", "", self.dept.framework, "D1", "Higher is better", "Five Level"],
		]
		content = "\n".join(",".join(f'"{cell}"' for cell in row) for row in rows)
		file = frappe.get_doc(
			{"doctype": "File", "file_name": "indicators.csv", "content": content, "is_private": 1}
		).insert()
		data_import: DataImport = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "KPI Indicator",
				"import_type": "Insert New Records",
				"import_file": file.file_url,
			}
		).insert()
		try:
			data_import.start_import()
		finally:
			frappe.flags.in_import = False  # the importer leaves it set for the rest of the process
		data_import.reload()
		self.assertEqual(data_import.status, "Partial Success")
		imported = set(
			frappe.get_all(
				"KPI Indicator", filters={"indicator_name": ("like", "Imported%")}, pluck="indicator_name"
			)
		)
		self.assertEqual(imported, {"Imported good one", "Imported good two"})
		logs = frappe.get_all(
			"Data Import Log",
			filters={"data_import": data_import.name, "success": 0},
			fields=["messages", "row_indexes"],
		)
		self.assertEqual(len(logs), 2)
		self.assertTrue(any("not in framework" in log.messages for log in logs))
