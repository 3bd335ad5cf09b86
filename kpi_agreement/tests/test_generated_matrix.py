"""The permission model, generated from the app's own code: every DocType of the module (child tables
included) on every read path for every role and a unit-bound user, and every whitelisted method, module
function or document method. A DocType or method added later is covered without anyone listing it; a
method whose arguments this test cannot make fails until ARGUMENTS says how to call it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import frappe
import frappe.client
from frappe.model.base_document import get_controller

from kpi_agreement.demo.builders import advance, bind_user_to_unit, make_assessment, make_user
from kpi_agreement.frappe_free import process
from kpi_agreement.overrides import frappe_api
from kpi_agreement.permissions.unit_access import UNIT_SCOPED
from kpi_agreement.tests.test_security import PERMISSIONS, ROLE_COLUMNS, role_user
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department

MODULE = "KPI Agreement"
REFUSED = (frappe.PermissionError, frappe.DoesNotExistError)
DOC_METHODS = {
	"generate_booklet": "changes",
	"create_agreements": "changes",
	"start_indicator_drafting": "changes",
	"mark_reviewed": "changes",
	"compile_booklets": "changes",
	"copy_to_next_year": "changes",
	"next_year_choices": "reads",
	"build": "changes",
	"mark_presented": "changes",
	"resume_moves": "changes",
	"preview_score": "reads",
	"certify_line": "changes",
	"return_line": "changes",
	"name_deputy": "unit",
	"endorse": "changes",
	"send_back_line": "changes",
	"file": "unit",
	"accept": "changes",
	"reject": "changes",
}
"""Every whitelisted document method and whether it changes data (the lowest role may not), is the unit
head's own act on the unit's document (no other unit may), or reads."""
ANSWERS_EVERY_DESK_USER = {"is_wkhtmltopdf_valid"}
"""Whitelisted functions that replace a Frappe method every desk user calls and that read no app data: they
answer the plain user too, with a bare True/False."""


def app_doctypes() -> list[frappe._dict]:
	return frappe.get_all("DocType", filters={"module": MODULE}, fields=["name", "istable", "issingle"])


def parent_of(child: str) -> str:
	"""The app DocType whose table holds ``child``."""
	return frappe.get_all(
		"DocField",
		filters={"options": child, "fieldtype": ("in", ["Table", "Table MultiSelect"])},
		pluck="parent",
	)[0]


def whitelisted_functions() -> list:
	"""Module-level whitelisted functions of the app (document methods are found on the controllers)."""
	import kpi_agreement

	for module in pkgutil.walk_packages(kpi_agreement.__path__, "kpi_agreement."):
		if not any(part in module.name for part in (".tests", ".patches")):
			importlib.import_module(module.name)
	return sorted(
		(
			fn
			for fn in frappe.whitelisted
			if fn.__module__.startswith("kpi_agreement") and "." not in fn.__qualname__
		),
		key=lambda fn: f"{fn.__module__}.{fn.__qualname__}",
	)


def document_methods() -> dict[str, list[str]]:
	found = {}
	for doctype in app_doctypes():
		controller = get_controller(doctype.name)
		names = [
			name
			for name, member in inspect.getmembers(controller, callable)
			if member in frappe.whitelisted and member.__module__.startswith("kpi_agreement")
		]
		if names:
			found[doctype.name] = names
	return found


class TestGeneratedMatrix(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("GEN", units="AB")
		cls.a, cls.b = cls.dept.units
		for unit, indicators in cls.dept.indicators.items():
			for indicator in indicators:
				frappe.db.set_value("KPI Indicator", indicator, "unit", unit)
				frappe.get_doc(
					{
						"doctype": "KPI Indicator Baseline",
						"parent": indicator,
						"parenttype": "KPI Indicator",
						"parentfield": "baselines",
						"fiscal_year": 2568,
						"result": 90,
					}
				).db_insert()
		cls.agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.dept.units}
		for unit in cls.dept.units:
			advance(cls.agreements[unit], "Signed")
		cls.assessments = {u: make_assessment(cls.agreements[u], "9", ["94", "8"]) for u in cls.dept.units}
		scorecard = frappe.get_doc(
			{"doctype": "KPI Scorecard", "framework": cls.dept.framework, "round_months": "9"}
		)
		cls.scorecard = scorecard.insert().name
		scorecard = frappe.get_doc("KPI Scorecard", cls.scorecard)
		scorecard.build()
		scorecard.flags.ignore_agreement_moves = True
		scorecard.submit()  # published, so each unit has an appeal to attack
		cls.appeals = {
			unit: frappe.get_doc(
				{
					"doctype": "KPI Appeal",
					"assessment": cls.assessments[unit],
					"lines": [{"indicator": cls.dept.indicators[unit][0], "reason": "เกณฑ์คลาดเคลื่อน"}],
				}
			)
			.insert()
			.name
			for unit in cls.dept.units
		}
		cls.unit_user = make_user(
			"gen-unit-a@test.kpi.example", "Unit A staff", [process.DATA_COLLECTOR, process.UNIT_HEAD], "en"
		)
		bind_user_to_unit(cls.unit_user, cls.a)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()

	def documents_of(self, unit: str) -> dict[str, str]:
		return {
			"KPI Agreement": self.agreements[unit],
			"KPI Assessment": self.assessments[unit],
			"KPI Indicator": self.dept.indicators[unit][0],
			"KPI Appeal": self.appeals[unit],
		}

	def test_every_doctype_is_in_the_permission_matrix(self):
		for doctype in app_doctypes():
			if doctype.istable:
				self.assertIn(parent_of(doctype.name), PERMISSIONS, doctype.name)
			else:
				self.assertIn(doctype.name, PERMISSIONS, f"{doctype.name}: add its row to PERMISSIONS")

	def test_every_unit_scoped_doctype_is_isolated(self):
		"""A DocType with a unit, or a table of one, is in UNIT_SCOPED (and so has the hooks)."""
		for doctype in app_doctypes():
			meta = frappe.get_meta(doctype.name)
			has_unit = any(df.fieldname == "unit" and df.options == "KPI Unit" for df in meta.fields)
			parent = parent_of(doctype.name) if doctype.istable else None
			if has_unit or (parent in UNIT_SCOPED and UNIT_SCOPED[parent] is None):
				self.assertIn(doctype.name, UNIT_SCOPED, doctype.name)
				hook = frappe.get_hooks("permission_query_conditions").get(doctype.name)
				self.assertTrue(hook, f"{doctype.name} has no permission_query_conditions hook")

	def test_every_read_path_follows_the_matrix(self):
		mismatches = []
		users = {role: role_user(role) for role in ROLE_COLUMNS}
		for doctype in app_doctypes():
			if doctype.issingle:
				continue
			parent = parent_of(doctype.name) if doctype.istable else None
			row = PERMISSIONS[parent or doctype.name]
			for role, allowed in zip(ROLE_COLUMNS, row, strict=True):
				frappe.set_user(users[role])
				for path, read in self.read_paths(doctype.name, parent).items():
					try:
						read()
						works = True
					except REFUSED:
						works = False
					if works != ("r" in allowed):
						mismatches.append(f"{role or 'plain user'} {path} {doctype.name}: {works}")
				frappe.set_user("Administrator")
		self.assertEqual(mismatches, [])

	def read_paths(self, doctype: str, parent: str | None) -> dict:
		paths = {
			"get_list": lambda: frappe.get_list(doctype, parent_doctype=parent, limit=1),
			"client.get_list": lambda: frappe.client.get_list(doctype, parent=parent, limit_page_length=1),
			"get_value": lambda: frappe.client.get_value(doctype, "name", parent=parent),
		}
		if not parent:
			paths["get_count"] = lambda: frappe_api.get_count(doctype)
		return paths

	def test_unit_bound_user_sees_no_other_unit_on_any_list(self):
		frappe.set_user(self.unit_user)
		for doctype, holder in UNIT_SCOPED.items():
			if doctype == "KPI Scorecard Row":
				parent = "KPI Scorecard"
			else:
				parent = holder
			try:
				rows = frappe.get_list(doctype, parent_doctype=parent, fields=["*"], limit_page_length=0)
			except REFUSED:
				continue
			units = {self.unit_of_row(doctype, holder, row) for row in rows}
			self.assertLessEqual(units, {self.a, None}, doctype)

	def unit_of_row(self, doctype: str, holder: str | None, row: dict) -> str | None:
		if not holder:
			return row.get("unit")
		return frappe.db.get_value(holder, row["parent"], "unit")

	def test_unit_bound_user_reaches_no_other_units_document(self):
		frappe.set_user(self.unit_user)
		for doctype, name in self.documents_of(self.b).items():
			doc = frappe.get_doc(doctype, name)
			for ptype in ("read", "write", "print", "email", "submit", "cancel", "amend", "share"):
				self.assertFalse(frappe.has_permission(doctype, ptype, doc), f"{ptype} {doctype}")
			for table in doc.meta.get_table_fields():
				for child in doc.get(table.fieldname):
					row = frappe.get_doc(child.doctype, child.name)  # as the REST resource loads a row
					for ptype in ("read", "write", "delete"):
						self.assertFalse(row.has_permission(ptype), f"{ptype} {child.doctype}")
					with self.assertRaises(REFUSED):
						frappe.client.get(child.doctype, child.name, parent=doctype)
		for doctype, name in self.documents_of(self.a).items():
			self.assertTrue(frappe.has_permission(doctype, "read", frappe.get_doc(doctype, name)), doctype)

	# --- whitelisted methods

	def arguments(self, fn, unit: str) -> dict:
		target = self.documents_of(unit)
		values = {
			"doctype": "KPI Assessment",
			"name": target["KPI Assessment"],
			"doc": frappe.get_doc("KPI Assessment", target["KPI Assessment"]).as_dict(
				convert_dates_to_str=True
			),
			"txt": unit,
			"results": {},
			"target_score": None,
		}
		values.update(ARGUMENTS.get(fn.__qualname__, lambda target, unit: {})(target, unit))
		self.request = values  # methods that read the request (form_dict) read these
		args = {}
		for parameter in inspect.signature(inspect.unwrap(fn)).parameters.values():
			if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
				continue
			if parameter.name in values:
				args[parameter.name] = values[parameter.name]
			elif parameter.default is parameter.empty:
				self.fail(
					f"{fn.__module__}.{fn.__qualname__}: add a value for {parameter.name!r} to ARGUMENTS"
				)
		return args

	def test_every_whitelisted_function_refuses_outsiders(self):
		functions = whitelisted_functions()
		self.assertGreater(len(functions), 10)
		plain = role_user(None)
		for fn in functions:
			label = f"{fn.__module__}.{fn.__qualname__}"
			args = self.arguments(fn, self.b)
			frappe.set_user(plain)
			frappe.local.form_dict = frappe._dict(self.request)
			if fn.__qualname__ in ANSWERS_EVERY_DESK_USER:
				self.assertIsInstance(fn(**args), bool, label)
				continue
			with self.assertRaises(REFUSED, msg=f"plain user: {label}"):
				fn(**args)
			frappe.set_user(self.unit_user)
			frappe.local.form_dict = frappe._dict(self.request)
			try:
				result = fn(**args)
			except (*REFUSED, frappe.ValidationError):
				continue
			finally:
				frappe.local.response.pop("filecontent", None)
			self.assertNotIn(self.b, frappe.as_json(result), f"unit A user got unit B through {label}")

	def test_every_document_method_is_classified_and_guarded(self):
		found = document_methods()
		self.assertEqual({m for methods in found.values() for m in methods}, set(DOC_METHODS))
		plain = role_user(None)
		for doctype, methods in found.items():
			own = self.documents_of(self.a).get(doctype) or frappe.get_all(doctype, limit=1, pluck="name")[0]
			other = self.documents_of(self.b).get(doctype)
			for method in methods:
				for user in (plain, self.unit_user):
					frappe.set_user(user)
					for name in filter(None, (own if user != self.unit_user else other, other)):
						self.assertRaises(REFUSED, self.run_doc_method, doctype, name, method)
				if DOC_METHODS[method] == "changes":
					frappe.set_user(self.unit_user)
					self.assertRaises(
						(*REFUSED, frappe.ValidationError), self.run_doc_method, doctype, own, method
					)

	@staticmethod
	def run_doc_method(doctype: str, name: str, method: str):
		"""What ``run_doc_method`` does before calling: the user must read the document."""
		doc = frappe.get_doc(doctype, name)
		if not doc.has_permission("read"):
			raise frappe.PermissionError
		fn = getattr(doc, method)
		values = {"result": "94", "row": "1", "reason": "a reason", "user": ""}
		args = {p: values[p] for p in inspect.signature(inspect.unwrap(fn)).parameters if p in values}
		return fn(**args)


ARGUMENTS = {
	"get_children": lambda target, unit: {"doctype": "KPI Unit"},
	"start": lambda target, unit: {"data_import": results_import()},
	"add_node": lambda target, unit: {
		"doctype": "KPI Unit",
		"unit_name": "New",
		"parent": unit,
		"is_root": "false",
	},
	"download_pdf": lambda target, unit: {
		"doctype": "KPI Agreement",
		"name": target["KPI Agreement"],
		"format": "KPI Agreement Booklet",
	},
	"search_query": lambda target, unit: {"doctype": "KPI Agreement"},
	"round_choices": lambda target, unit: {"agreement": target["KPI Agreement"]},
	"zip_files": lambda target, unit: {"files": frappe.as_json([evidence_file(target["KPI Assessment"])])},
	"number_card_result": lambda target, unit: {
		"doc": frappe.get_doc("Number Card", "KPI Agreements Total").as_dict(convert_dates_to_str=True),
		"filters": [["KPI Agreement", "unit", "=", unit]],
	},
	"assessment_indicators": lambda target, unit: {
		"doctype": "KPI Indicator",
		"txt": "",
		"searchfield": "name",
		"start": 0,
		"page_len": 20,
		"filters": {"assessment": target["KPI Assessment"]},
	},
	"download": lambda target, unit: {
		"framework": frappe.db.get_value("KPI Indicator", target["KPI Indicator"], "framework")
	},
	"check_levels": lambda target, unit: {
		"doc": frappe.get_doc("KPI Indicator", target["KPI Indicator"]).as_dict(convert_dates_to_str=True)
	},
}
"""Arguments a method needs beyond the common ones (by the function's name), from the target unit's
documents."""


def evidence_file(assessment: str) -> str:
	"""A private evidence file of ``assessment`` (made once)."""
	attached = {"attached_to_doctype": "KPI Assessment", "attached_to_name": assessment, "is_private": 1}
	found = frappe.db.get_value("File", attached)
	if found:
		return found
	file = {"doctype": "File", "file_name": f"matrix-{assessment}.txt", **attached}
	return frappe.get_doc({**file, "content": assessment.encode()}).insert(ignore_permissions=True).name


def results_import() -> str:
	"""A coordinator's Data Import of results (another user's: only the coordinator may start it)."""
	return (
		frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "KPI Result Entry",
				"import_type": "Insert New Records",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
