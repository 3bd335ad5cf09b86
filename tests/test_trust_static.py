"""Static checks of the trust rules: which DocTypes are unit-scoped, which fields only the committee or the
process writes, which fields are fixed at creation. Read from the shipped DocType JSON and hooks.py."""

import importlib
import json
from pathlib import Path

from kpi_agreement.frappe_free import process
from kpi_agreement.frappe_free.unit_scope import UNIT_DOCUMENTS, UNIT_SCOPED

MODULE = Path(__file__).resolve().parents[1] / "kpi_agreement" / "kpi_agreement"
DOCTYPES = {
	doc["name"]: doc
	for doc in (json.loads(p.read_text(encoding="utf-8")) for p in sorted(MODULE.glob("doctype/*/*.json")))
}
HOOKS = importlib.import_module("kpi_agreement.hooks")


def fields(doctype: str) -> dict:
	return {f["fieldname"]: f for f in DOCTYPES[doctype]["fields"]}


def parents_of(child: str) -> set:
	return {
		name
		for name, doc in DOCTYPES.items()
		for f in doc["fields"]
		if f["fieldtype"] == "Table" and f.get("options") == child
	}


def holds_unit(doctype: str) -> bool:
	unit = fields(doctype).get("unit")
	return bool(unit) and unit.get("options") == "KPI Unit"


def test_unit_scope_is_generated_from_the_doctypes():
	expected = {name: None for name in DOCTYPES if holds_unit(name)}
	for name, doc in DOCTYPES.items():
		if doc.get("istable") and not holds_unit(name):
			holders = [p for p in parents_of(name) if expected.get(p, "x") is None]
			if holders:
				expected[name] = holders[0]
	assert expected == UNIT_SCOPED
	assert set(UNIT_DOCUMENTS) == {n for n, holder in UNIT_SCOPED.items() if not DOCTYPES[n].get("istable")}


def test_hooks_cover_every_unit_scoped_doctype():
	# File: a unit's files listed only with the document they are attached to
	assert set(HOOKS.permission_query_conditions) == {*UNIT_SCOPED, "File"}
	assert set(HOOKS.has_permission) == {*UNIT_DOCUMENTS, "File"}  # File: who opens evidence
	assert set(HOOKS.standard_queries) == set(UNIT_DOCUMENTS)
	parents = {name for name, doc in DOCTYPES.items() if not doc.get("istable") and not doc.get("issingle")}
	assert set(HOOKS.doc_events) >= parents | {"KPI Settings"}


def test_links_to_the_owning_documents_are_fixed_at_creation():
	for doctype, names in {
		"KPI Agreement": ("unit", "framework"),
		"KPI Assessment": ("agreement", "round_months"),
		"KPI Indicator": ("framework", "unit"),
		"KPI Scorecard": ("framework", "round_months"),
	}.items():
		for name in names:
			assert fields(doctype)[name].get("set_only_once") == 1, f"{doctype}.{name}"


def permlevel_roles(doctype: str, level: int, right: str) -> set:
	return {
		p["role"] for p in DOCTYPES[doctype]["permissions"] if p.get("permlevel", 0) == level and p.get(right)
	}


def test_committee_fields_are_the_committees():
	line = fields("KPI Assessment Line")
	for name in ("committee_result", "committee_score", "remarks"):
		assert line[name].get("permlevel") == 1, name
	assert fields("KPI Assessment")["committee_remarks"].get("permlevel") == 1
	assert permlevel_roles("KPI Assessment", 1, "write") == {
		"System Manager",
		process.COORDINATOR,
		process.COMMITTEE,
	}
	for name in ("self_result", "evidence", "evidence_note"):
		assert line[name].get("permlevel") == 2, name
	assert process.COMMITTEE not in permlevel_roles("KPI Assessment", 2, "write")
	readers = permlevel_roles("KPI Assessment", 0, "read")
	assert (
		permlevel_roles("KPI Assessment", 1, "read")
		== readers
		== permlevel_roles("KPI Assessment", 2, "read")
	)


def test_process_fields_have_no_writer():
	for doctype, names in {
		"KPI Agreement": (
			"step_entered_on",
			"step_due_on",
			"responsible_role",
			"step_notify",
			"step_history",
			"booklet",
		),
		"KPI Scorecard": ("rows", "built_on", "unit_count", "average_score", "presented_on", "presented_by"),
		"KPI Framework": ("copied_from",),
		"KPI Indicator": ("copied_from",),
	}.items():
		for name in names:
			assert fields(doctype)[name].get("permlevel") == 3, f"{doctype}.{name}"
		assert permlevel_roles(doctype, 3, "write") == set(), doctype
		assert permlevel_roles(doctype, 3, "read") == permlevel_roles(doctype, 0, "read"), doctype


def test_every_table_row_controller_goes_through_its_parent():
	for name, doc in DOCTYPES.items():
		if doc.get("istable"):
			folder = name.lower().replace(" ", "_")
			source = (MODULE / "doctype" / folder / f"{folder}.py").read_text(encoding="utf-8")
			assert "(TableRow):" in source, name
