"""Checks around `bench migrate` that a unit test cannot make (migrate runs in its own process).

run-tests.sh calls, on the fresh test site:  prepare → migrate → snapshot → migrate → verify.
`prepare` makes the edits an administrator makes in the desk; `verify` checks they survived and that the
second migrate changed nothing. Each check prints one line; the last line counts them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_field
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.desk.utils import slug

from kpi_agreement.frappe_free import process
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.agreement_workflow import WORKFLOW
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import holidays
from kpi_agreement.setup.install import MY_WORK_BLOCK, WORKSPACE

CUSTOM_FIELD = "custom_ministry_reference"
DIMENSIONS_PATCH = "kpi_agreement.patches.dimension_scores_json"
POINTS_PATCH = "kpi_agreement.patches.dimension_points"
OLD_DIMENSIONS = "tabKPI Scorecard Dimension"
CUSTOM_FORMAT = "Department Signature Page"
TOTAL_PATCH = "kpi_agreement.patches.scorecard_row_total_score"
SCORECARD_FORMAT = "Department Scorecard"
ADMIN_ACTION = "Approve on Behalf"
TRUST_PATCHES = (
	"kpi_agreement.patches.cancelled_workflow_state",
	"kpi_agreement.patches.escape_json_shaped_markup",
	"kpi_agreement.patches.assessment_line_direction",
	"kpi_agreement.patches.due_times_by_the_work_that_leaves",
)
OLD_STEP_SETTINGS = {  # state: (duration, unit) as settings held them before, Negotiation customized
	"Framework Review": (3, "Hours"),
	"Indicator Drafting": (10, "Working Days"),
	"Negotiation": (12, "Working Days"),
	"Ready for Signing": (5, "Working Days"),
	"Signed": (3, "Hours"),
	"Booklet Compiled": (15, "Working Days"),
	"Assessed": (15, "Working Days"),
	"Scores Summarized": (5, "Working Days"),
	"Presented": (2, "Working Days"),
}
RAW_JSON_MARKUP = '["<img src=x onerror=alert(1)>"]'
ADMIN_HOME = "app/kpi-agreement"
ADMIN_LANDINGS = {"mig-lands-nowhere@test.kpi.example": "", "mig-lands-on-users@test.kpi.example": "Users"}
ADMIN_BLOCK_STYLE = ".kpi-my-work { font-size: 15px; }"


def snapshot_path(name: str = "snapshot") -> Path:
	return Path(frappe.get_site_path("private", f"kpi_migration_{name}.json"))


def prepare() -> None:
	create_custom_field(
		"KPI Agreement",
		{
			"fieldname": CUSTOM_FIELD,
			"label": "Ministry Reference",
			"fieldtype": "Data",
			"insert_after": "framework",
		},
	)
	make_property_setter("KPI Indicator", "unit_of_measure", "reqd", 1, "Check")
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	if not frappe.db.exists("Workflow Action Master", ADMIN_ACTION):
		frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": ADMIN_ACTION}).insert()
	workflow.append(
		"transitions",
		{
			"state": "Negotiation",
			"action": ADMIN_ACTION,
			"next_state": "Ready for Signing",
			"allowed": "KPI Coordinator",
		},
	)
	workflow.states[0].allow_edit = "KPI Executive"
	workflow.save()
	prepare_old_trust_data()
	if not frappe.db.exists("Print Format", CUSTOM_FORMAT):
		frappe.get_doc(
			{
				"doctype": "Print Format",
				"name": CUSTOM_FORMAT,
				"doc_type": "KPI Agreement",
				"standard": "No",
				"custom_format": 1,
				"print_format_type": "Jinja",
				"html": "<h1>{{ doc.unit }}</h1>",
			}
		).insert()
	prepare_old_dimension_scores()
	prepare_old_scorecard_total()
	prepare_landing()
	frappe.db.commit()


def prepare_landing() -> None:
	"""Where an administrator sends people instead of the KPI workspace: a KPI role's home page, a KPI user
	with no default workspace and one with another, and the My Work block restyled."""
	from kpi_agreement.demo.builders import make_user

	role = frappe.get_doc("Role", process.EXECUTIVE)
	role.home_page = ADMIN_HOME
	role.save()
	for email, workspace in ADMIN_LANDINGS.items():
		make_user(email, "Migration Landing", [process.COORDINATOR], "en")
		user = frappe.get_doc("User", email)
		user.default_workspace = workspace
		user.save()
	block = frappe.get_doc("Custom HTML Block", MY_WORK_BLOCK)
	block.style = ADMIN_BLOCK_STYLE
	block.save()


def prepare_old_dimension_scores() -> None:
	"""Data as a site had it before dimension sub-scores became JSON: an assessment without them and a
	scorecard whose sub-scores sit in the old KPI Scorecard Dimension table. The next migrate re-runs the
	patch that moves them."""
	assessment = next(  # the last submitted assessment of a round whose scorecard is not published
		frappe.get_doc("KPI Assessment", name)
		for name, framework, months in frappe.get_all(
			"KPI Assessment",
			filters={"docstatus": 1},
			fields=["name", "framework", "round_months"],
			order_by="creation desc",
			as_list=True,
		)
		if not frappe.db.exists(
			"KPI Scorecard", {"framework": framework, "round_months": months, "docstatus": 1}
		)
	)
	keys = {"framework": assessment.framework, "round_months": assessment.round_months}
	existing = frappe.db.get_value("KPI Scorecard", {**keys, "docstatus": 0})
	scorecard = (
		frappe.get_doc("KPI Scorecard", existing)
		if existing
		else frappe.get_doc({"doctype": "KPI Scorecard", **keys})
	)
	scorecard.build()
	row = scorecard.rows[0]
	row_scores = row.dimension_scores  # as its assessment recorded them, points included
	frappe.db.sql_ddl(
		f"""create table if not exists `{OLD_DIMENSIONS}` (name varchar(140) primary key, parent varchar(140),
		unit varchar(140), dimension varchar(140), score decimal(21,9), weight decimal(21,9))"""
	)
	frappe.db.sql(
		f"insert into `{OLD_DIMENSIONS}` values ('old-1', %s, %s, 'Old Dimension', 3.456789, 60)",
		(scorecard.name, row.unit),
	)
	frappe.db.sql(
		"update `tabKPI Scorecard Row` set dimension_scores = null where parent = %s", scorecard.name
	)
	frappe.db.set_value("KPI Assessment", assessment.name, "dimension_scores", None, update_modified=False)
	frappe.db.delete("Patch Log", {"patch": ("in", (DIMENSIONS_PATCH, POINTS_PATCH))})
	expected = {
		"assessment": assessment.name,
		"assessment_scores": assessment.dimension_scores,
		"row": row.name,
		"row_scores": row_scores,
	}
	snapshot_path("dimensions").write_text(json.dumps(expected))


def prepare_old_scorecard_total() -> None:
	"""As a site was before a scorecard row's weighted total had the assessment's name: the totals in a
	composite_score column, none in total_score, and a scorecard print format made in the desk that prints
	the old name. The next migrate re-runs the patch that renames the field."""
	row, total = frappe.db.get_value("KPI Scorecard Row", {"total_score": (">", 0)}, ["name", "total_score"])
	if not frappe.db.has_column("KPI Scorecard Row", "composite_score"):
		frappe.db.sql_ddl("alter table `tabKPI Scorecard Row` add column composite_score decimal(21,9)")
		frappe.cache.hdel("table_columns", "tabKPI Scorecard Row")
	frappe.db.sql("update `tabKPI Scorecard Row` set composite_score = total_score, total_score = 0")
	if not frappe.db.exists("Print Format", SCORECARD_FORMAT):
		frappe.get_doc(
			{
				"doctype": "Print Format",
				"name": SCORECARD_FORMAT,
				"doc_type": "KPI Scorecard",
				"standard": "No",
				"custom_format": 1,
				"print_format_type": "Jinja",
				"html": "{% for row in doc.rows %}<p>{{ row.unit }} {{ row.composite_score }}</p>{% endfor %}",
			}
		).insert()
	frappe.db.delete("Patch Log", {"patch": TOTAL_PATCH})
	snapshot_path("total").write_text(json.dumps({"row": row, "total": total}))


def prepare_old_trust_data() -> None:
	"""As a site was before cancelled agreements had their own state and before JSON-shaped text was
	neutralized: the workflow without a Cancelled state, an agreement cancelled in state Signed, markup
	stored raw. The next migrate re-runs both patches."""
	from kpi_agreement.demo.builders import advance
	from kpi_agreement.tests.utils import agreement_for, build_department

	dept = build_department("MIG", units="A")
	name = agreement_for(dept, dept.units[0])
	advance(name, "Signed")
	frappe.get_doc("KPI Agreement", name).cancel()
	frappe.db.set_value("KPI Agreement", name, "workflow_state", "Signed", update_modified=False)
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	workflow.states = [row for row in workflow.states if str(row.doc_status) != "2"]
	workflow.save()
	indicator = dept.indicators[dept.units[0]][0]
	frappe.db.set_value("KPI Indicator", indicator, "definition", RAW_JSON_MARKUP, update_modified=False)
	line = frappe.get_last_doc("KPI Assessment Line", filters={"direction": "Lower is better"}).name
	if not frappe.db.has_column("KPI Assessment Line", "lower_is_better"):
		frappe.db.sql_ddl("alter table `tabKPI Assessment Line` add column lower_is_better int(1) default 0")
	frappe.db.sql(
		"update `tabKPI Assessment Line` set direction = null, lower_is_better = 1 where name = %s", line
	)
	in_flight = prepare_old_step_settings()
	frappe.db.delete("Patch Log", {"patch": ("in", TRUST_PATCHES)})
	snapshot_path("trust").write_text(
		json.dumps({"agreement": name, "indicator": indicator, "line": line, "in_flight": in_flight})
	)


def prepare_old_step_settings() -> str:
	"""Step durations named by the state of the same number, and a signed agreement due 3 hours after it
	was signed (as such sites have them); returns that agreement."""
	for column, kind in (("duration", "int(11)"), ("duration_unit", "varchar(140)")):
		if not frappe.db.has_column("KPI Step Setting", column):
			frappe.db.sql_ddl(f"alter table `tabKPI Step Setting` add column {column} {kind}")
	for state, (duration, unit) in OLD_STEP_SETTINGS.items():
		frappe.db.sql(
			"""update `tabKPI Step Setting` set duration = %s, duration_unit = %s, working_days = 0, hours = 0
			where parent = 'KPI Settings' and step = %s""",
			(duration, unit, state),
		)
	agreement = frappe.get_last_doc("KPI Agreement", filters={"workflow_state": "Signed", "docstatus": 1})
	frappe.db.set_value(
		"KPI Agreement",
		agreement.name,
		"step_due_on",
		frappe.utils.add_to_date(agreement.step_entered_on, hours=3),
		update_modified=False,
	)
	return agreement.name


def state() -> dict:
	"""What a migrate could change: the app's doctypes, workflow, print formats, reports, workspace."""
	tables = {
		"DocType": {"module": "KPI Agreement"},
		"DocField": {"parent": ("like", "KPI %")},
		"DocPerm": {"parent": ("like", "KPI %")},
		"Custom Field": {"dt": ("like", "KPI %")},
		"Property Setter": {"doc_type": ("like", "KPI %")},
		"Workflow Transition": {"parent": WORKFLOW},
		"Workflow Document State": {"parent": WORKFLOW},
		"Print Format": {"doc_type": ("like", "KPI %")},
		"Report": {"module": "KPI Agreement"},
		"Workspace": {"module": "KPI Agreement"},
		"Number Card": {"module": "KPI Agreement"},
		"Dashboard Chart": {"module": "KPI Agreement"},
		"Notification": {"module": "KPI Agreement"},
		"Role": {"name": ("like", "KPI %")},
		"Custom HTML Block": {"name": MY_WORK_BLOCK},
	}
	result = {}
	for doctype, filters in tables.items():
		rows = frappe.get_all(doctype, filters=filters, fields=["*"], order_by="name")
		result[doctype] = hashlib.sha256(json.dumps(rows, default=str, sort_keys=True).encode()).hexdigest()
	return result


def snapshot() -> None:
	snapshot_path().write_text(json.dumps(state(), indent=1))


def verify() -> None:
	checks = []

	def check(name: str, ok: bool) -> None:
		checks.append(ok)
		print(f"{'ok  ' if ok else 'FAIL'} {name}")

	before = json.loads(snapshot_path().read_text())
	after = state()
	for doctype in before:
		check(f"second migrate left {doctype} unchanged", before[doctype] == after[doctype])
	check("admin's custom field survives", frappe.get_meta("KPI Agreement").has_field(CUSTOM_FIELD))
	check(
		"admin's property setter survives",
		bool(frappe.get_meta("KPI Indicator").get_field("unit_of_measure").reqd),
	)
	workflow = frappe.get_doc("Workflow", WORKFLOW)
	check("admin's workflow transition survives", any(t.action == ADMIN_ACTION for t in workflow.transitions))
	check("admin's workflow state edit survives", workflow.states[0].allow_edit == "KPI Executive")
	check("admin's print format survives", frappe.db.exists("Print Format", CUSTOM_FORMAT) is not None)
	check(
		"standard print formats present",
		frappe.db.count("Print Format", {"doc_type": ("like", "KPI %"), "standard": "Yes"}) >= 4,
	)
	expected = json.loads(snapshot_path("dimensions").read_text())
	check(
		"patches recorded dimension scores and points on an old assessment",
		frappe.db.get_value("KPI Assessment", expected["assessment"], "dimension_scores")
		== expected["assessment_scores"]
		and '"points"' in expected["assessment_scores"],
	)
	check(
		"patches gave an old scorecard row its assessment's dimension scores and points",
		frappe.db.get_value("KPI Scorecard Row", expected["row"], "dimension_scores")
		== expected["row_scores"],
	)
	check(
		"patch dropped the old dimension table",
		not frappe.db.table_exists("KPI Scorecard Dimension", cached=False),
	)
	total = json.loads(snapshot_path("total").read_text())
	check(
		"patch moved the scorecard rows' composite_score to total_score and dropped the old column",
		frappe.db.get_value("KPI Scorecard Row", total["row"], "total_score") == total["total"]
		and not frappe.db.has_column("KPI Scorecard Row", "composite_score"),
	)
	check(
		"admin's scorecard print format prints total_score",
		"row.total_score" in frappe.db.get_value("Print Format", SCORECARD_FORMAT, "html"),
	)
	trust = json.loads(snapshot_path("trust").read_text())
	check(
		"patch added a Cancelled state to the workflow",
		any(str(row.doc_status) == "2" for row in frappe.get_doc("Workflow", WORKFLOW).states),
	)
	check(
		"patch put an agreement cancelled earlier in the Cancelled state",
		frappe.db.get_value("KPI Agreement", trust["agreement"], "workflow_state") == "Cancelled",
	)
	check(
		"patch neutralized JSON-shaped markup stored earlier",
		"<img" not in frappe.db.get_value("KPI Indicator", trust["indicator"], "definition"),
	)
	check(
		"patch stated the direction on an old assessment line",
		frappe.db.get_value("KPI Assessment Line", trust["line"], "direction") == "Lower is better",
	)
	rows = {row.step: (row.working_days, row.hours) for row in frappe.get_single("KPI Settings").steps}
	check(
		"patch timed each state by the work that leaves it, keeping the department's own durations",
		(rows["Ready for Signing"], rows["Signed"], rows["Negotiation"], rows["Booklet Compiled"])
		== ((5, 3), (15, 0), (12, 0), (0, 0)),
	)
	agreement = frappe.get_doc("KPI Agreement", trust["in_flight"])
	check(
		"patch recomputed the due date of a signed agreement in flight (15 working days for the booklet)",
		agreement.step_due_on == process.due_on(agreement.step_entered_on, 15, 0, holidays()),
	)
	check(
		"KPI roles land on the KPI workspace",
		frappe.db.get_value("Role", process.COORDINATOR, "home_page") == f"app/{slug(WORKSPACE)}",
	)
	check(
		"admin's home page for a KPI role survives",
		frappe.db.get_value("Role", process.EXECUTIVE, "home_page") == ADMIN_HOME,
	)
	check(
		"admin's default workspaces for KPI users survive (none, and another)",
		all(
			(frappe.db.get_value("User", email, "default_workspace") or "") == workspace
			for email, workspace in ADMIN_LANDINGS.items()
		),
	)
	check(
		"admin's edit of the My Work block survives",
		frappe.db.get_value("Custom HTML Block", MY_WORK_BLOCK, "style") == ADMIN_BLOCK_STYLE,
	)
	passed = sum(checks)
	print(f"migration: {passed} passed, {len(checks) - passed} failed")
