"""Static checks of the shipped DocType, Workflow, Report and Print Format JSON, and of the core's purity."""

import ast
import json
import re
from pathlib import Path

import pytest

from kpi_agreement.frappe_free import process, rounds

APP = Path(__file__).resolve().parents[1] / "kpi_agreement"
MODULE = APP / "kpi_agreement"
CORE = sorted(p.name for p in (APP / "frappe_free").glob("*.py"))
"""Every module of the Frappe-free core package: none may import Frappe or compute with floats."""
CORE_DOCTYPES = {"User", "Role", "Workflow State", "Department", "File"}
NO_VALUE = {"Section Break", "Column Break", "Tab Break", "HTML", "Button", "Heading"}


def load(path: Path) -> dict:
	return json.loads(path.read_text(encoding="utf-8"))


DOCTYPES = {load(p)["name"]: load(p) for p in sorted(MODULE.glob("doctype/*/*.json"))}


def test_expected_doctypes_exist():
	for name in [
		"KPI Unit",
		"KPI Framework",
		"KPI Indicator",
		"KPI Agreement",
		"KPI Assessment",
		"KPI Scorecard",
		"KPI Settings",
	]:
		assert name in DOCTYPES, name
	assert DOCTYPES["KPI Unit"]["is_tree"] == 1
	assert DOCTYPES["KPI Settings"]["issingle"] == 1
	for name in ("KPI Agreement", "KPI Assessment", "KPI Scorecard"):
		assert DOCTYPES[name]["is_submittable"] == 1
		assert any(f["fieldname"] == "amended_from" for f in DOCTYPES[name]["fields"])


@pytest.mark.parametrize("name", sorted(DOCTYPES))
def test_doctype_json_is_consistent(name):
	doc = DOCTYPES[name]
	fieldnames = [f["fieldname"] for f in doc["fields"]]
	assert doc["field_order"] == fieldnames
	assert len(set(fieldnames)) == len(fieldnames)
	assert doc["module"] == "KPI Agreement"
	folder = MODULE / "doctype" / name.lower().replace(" ", "_")
	assert (folder / f"{folder.name}.py").exists()
	for field in doc["fields"]:
		if field["fieldtype"] in ("Link", "Table"):
			target = field["options"]
			assert target in DOCTYPES or target in CORE_DOCTYPES, (name, field["fieldname"], target)
		if field["fieldtype"] == "Table":
			assert DOCTYPES[field["options"]].get("istable") == 1
	if doc.get("title_field"):
		assert doc["title_field"] in fieldnames
	if not doc.get("istable"):
		assert doc["permissions"], f"{name} has no permissions"


@pytest.mark.parametrize("name", sorted(n for n, d in DOCTYPES.items() if not d.get("istable")))
def test_controllers_declare_every_field_type(name):
	folder = MODULE / "doctype" / name.lower().replace(" ", "_")
	source = (folder / f"{folder.name}.py").read_text()
	for field in DOCTYPES[name]["fields"]:
		if field["fieldtype"] not in NO_VALUE:
			assert f"\t\t{field['fieldname']}: DF." in source, (name, field["fieldname"])


def test_roles_in_permissions_are_the_process_roles():
	roles = {perm["role"] for doc in DOCTYPES.values() for perm in doc.get("permissions", [])}
	assert roles <= set(process.ROLES) | {"System Manager"}
	assert set(process.ROLES) <= roles


def test_workflow_json_matches_the_process():
	folder = MODULE / "workflow" / "kpi_agreement_process"
	workflow = load(folder / "kpi_agreement_process.json")
	assert workflow["name"] == "KPI Agreement Process"
	assert workflow["document_type"] == "KPI Agreement"
	assert [(s["state"], int(s["doc_status"])) for s in workflow["states"]] == [
		(s.state, s.docstatus) for s in process.STEPS
	] + [(process.CANCELLED, 2)]
	assert {(t["state"], t["action"], t["next_state"], t["allowed"]) for t in workflow["transitions"]} == {
		(t.state, t.action, t.next_state, t.role) for t in process.TRANSITIONS
	}
	masters = load(folder / "masters.json")
	assert {s["workflow_state_name"] for s in masters["workflow_states"]} == {
		*process.BY_STATE,
		process.CANCELLED,
	}
	assert {a["workflow_action_name"] for a in masters["workflow_action_masters"]} == {
		t.action for t in process.TRANSITIONS
	}


PRINT_FORMATS = {load(p)["name"]: load(p) for p in MODULE.glob("print_format/*/*.json")}


def test_print_formats():
	assert set(PRINT_FORMATS) >= {
		"KPI Agreement Signature Page",
		"KPI Agreement Booklet",
		"KPI Assessment Report",
		"KPI Scorecard",
	}
	for doc in PRINT_FORMATS.values():
		assert doc["doc_type"] in DOCTYPES
		assert doc["standard"] == "Yes" and doc["print_format_type"] == "Jinja"
		for include in doc["html"].split('"')[1::2]:
			if include.startswith("templates/"):
				assert (APP / include).exists(), include


def test_templates_escape_document_text():
	"""Every field printed from a document goes through |e (the Jinja env does not autoescape)."""
	for template in (APP / "templates" / "kpi_print").glob("*.html"):
		for line in template.read_text().splitlines():
			for chunk in line.split("{{")[1:]:
				expression = chunk.split("}}")[0]
				if any(
					f in expression
					for f in (
						"_name",
						"unit",
						"definition",
						"formula",
						"evidence",
						"remarks",
						"dimension",
						"position",
					)
				):
					assert "|kpi_text" in expression or expression.strip().startswith("kpi_"), (
						template.name,
						expression,
					)


@pytest.mark.parametrize("path", sorted(MODULE.glob("report/*/*.json")))
def test_reports(path):
	report = load(path)
	assert report["report_type"] == "Script Report" and report["is_standard"] == "Yes"
	assert report["ref_doctype"] in DOCTYPES
	assert (path.parent / f"{path.parent.name}.py").exists()
	assert (path.parent / f"{path.parent.name}.js").exists()


@pytest.mark.parametrize("module", CORE)
def test_core_is_frappe_free_and_float_free(module):
	path = APP / "frappe_free" / module
	tree = ast.parse(path.read_text())
	for node in ast.walk(tree):
		if isinstance(node, ast.Import | ast.ImportFrom):
			names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
			assert not any(n.split(".")[0] == "frappe" for n in names), f"{module} imports frappe"
		if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
			assert node.func.id not in ("float", "round"), f"{module} calls {node.func.id}()"


def options_of(doctype: str, fieldname: str) -> list[str]:
	field = next(f for f in DOCTYPES[doctype]["fields"] if f["fieldname"] == fieldname)
	assert field["fieldtype"] == "Select", f"{doctype}.{fieldname} shows coded values: make it a Select"
	return [option for option in field["options"].split("\n") if option]


def test_coded_values_are_selects_so_the_desk_shows_them_translated():
	states = [step.state for step in process.STEPS] + [process.CANCELLED]
	assert options_of("KPI Agreement Step", "state") == states
	assert options_of("KPI Step Setting", "step") == states
	for doctype in ("KPI Agreement Line", "KPI Assessment Line"):
		assert options_of(doctype, "scoring_scheme") == options_of("KPI Indicator", "scoring_scheme")
		assert options_of(doctype, "direction") == options_of("KPI Indicator", "direction")
	units = options_of("KPI Unit", "unit_type")
	assert options_of("KPI Head Position", "unit_type") == units
	assert options_of("KPI Scorecard Row", "unit_level") == units


def test_confirmed_actions_are_workflow_actions():
	script = (MODULE / "doctype/kpi_agreement/kpi_agreement.js").read_text(encoding="utf-8")
	block = script.split("ACTION_CONSEQUENCES = {", 1)[1].split("\n};", 1)[0]
	keys = re.findall(r'^\t"?([A-Z][^":]*)"?: \(doc\)', block, re.M)
	assert set(keys) == {process.APPROVE, process.SIGN, process.PRESENT}
	assert set(keys) <= {t.action for t in process.TRANSITIONS}


ROUND_FIELDS = {
	("KPI Framework", "assessed_round"),
	("KPI Framework Round", "months"),
	("KPI Agreement Round Target", "round_months"),
	("KPI Assessment", "round_months"),
	("KPI Scorecard", "round_months"),
	("KPI Result Entry", "round_months"),
}
ROUNDS_LIST = re.compile(r"""(?<![\d.])6['"]?(\s*,\s*|\s+|\\n)['"]?9['"]?(\s*,\s*|\s+|\\n)['"]?12(?![\d.])""")
"""6, 9 and 12 one after the other, however quoted or separated: a list of the rounds of its own."""


def test_round_selects_offer_the_cores_rounds():
	"""Frappe checks a Select's value against its JSON options, so they stay in the JSON: as rounds.py's."""
	found = set()
	for name, doc in DOCTYPES.items():
		for field in doc["fields"]:
			if field["fieldtype"] == "Select" and ROUNDS_LIST.search(field.get("options") or ""):
				found.add((name, field["fieldname"]))
	assert found == ROUND_FIELDS
	for doctype, fieldname in ROUND_FIELDS:
		assert options_of(doctype, fieldname) == list(rounds.OPTIONS), (doctype, fieldname)
	framework = {f["fieldname"]: f for f in DOCTYPES["KPI Framework"]["fields"]}
	assert framework["assessed_round"]["default"] == str(rounds.DEFAULT_ASSESSED)
	line = {
		f["fieldname"]
		for f in DOCTYPES["KPI Agreement Line"]["fields"]
		if f["fieldname"].startswith("in_round_")
	}
	assert line == {rounds.Round(months).line_field for months in rounds.MONTHS}
	assert DOCTYPES["KPI Appeal"]["fields"]  # its round is fetched from the assessment, not chosen


def test_no_script_report_or_template_lists_the_rounds_itself():
	"""The rounds are spelled once, in frappe_free/rounds.py: scripts read them from the boot, reports and
	templates from the core, the DocType JSON is checked above (the generated type blocks name its options)."""
	spelled = []
	for path in sorted(APP.rglob("*")):
		if (
			path.suffix not in (".py", ".js", ".html", ".json")
			or path.name == "rounds.py"
			or "dist" in path.parts
		):
			continue
		for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
			generated = "DF.Literal[" in line or ('"options":' in line and path.suffix == ".json")
			if ROUNDS_LIST.search(line) and not generated:
				spelled.append(f"{path.relative_to(APP)}:{number}: {line.strip()}")
	assert not spelled, "\n".join(spelled)
