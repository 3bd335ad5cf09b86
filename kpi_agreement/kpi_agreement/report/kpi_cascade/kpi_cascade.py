"""Line of sight as a tree: the department's indicators, the bureaus' beneath them and the units' beneath
those, each with its unit, strategic issue, weight and, per round of the framework, its result, score and
where its roll-up stands (frappe_free/cascade.py). A user bound to units sees their units' indicators and the
totals of the indicators above them, never another unit's lines."""

from __future__ import annotations

import frappe
from frappe import _

from kpi_agreement.frappe_free import cascade, certification
from kpi_agreement.permissions.unit_access import allowed_units
from kpi_agreement.utils import cascade_results


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	if not filters.framework:
		return columns([]), []
	framework = frappe.get_doc("KPI Framework", filters.framework)
	framework.check_permission("read")
	months = framework.round_months()
	return columns(months), rows(filters.framework, months)


def columns(months: list[str]) -> list[dict]:
	fixed = [
		{
			"fieldname": "indicator",
			"label": _("Indicator"),
			"fieldtype": "Link",
			"options": "KPI Indicator",
			"width": 130,
		},
		{"fieldname": "indicator_name", "label": _("Indicator Name"), "fieldtype": "Data", "width": 280},
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Link", "options": "KPI Unit", "width": 170},
		{"fieldname": "strategic_issue", "label": _("Strategic Issue"), "fieldtype": "Data", "width": 160},
		{"fieldname": "rollup", "label": _("Roll-up"), "fieldtype": "Data", "width": 120},
		{"fieldname": "weight", "label": _("Weight"), "fieldtype": "Float", "precision": 2, "width": 80},
	]
	for m in months:
		fixed += [
			{
				"fieldname": f"result_{m}",
				"label": _("Result, {0} months").format(m),
				"fieldtype": "Data",
				"width": 110,
			},
			{
				"fieldname": f"score_{m}",
				"label": _("Score, {0} months").format(m),
				"fieldtype": "Float",
				"precision": 4,
				"width": 100,
			},
			{
				"fieldname": f"status_{m}",
				"label": _("Status, {0} months").format(m),
				"fieldtype": "Data",
				"width": 200,
			},
		]
	return fixed


def rows(framework: str, months: list[str]) -> list[dict]:
	tree = cascade_results.indicators(framework)
	lines = cascade_results.results(framework)
	shown, own = visible(framework, tree)
	words = labels()
	assessed = [m for m in months if any(key[1] == m for key in lines)]
	out: list[dict] = []

	def walk(name: str, indent: int) -> None:
		if name in shown:
			out.append(row(tree, name, lines, months, assessed, words, indent, own is None or name in own))
		for child in tree[name].children:
			walk(child, indent + 1 if name in shown else indent)

	for root in (name for name, sheet in tree.items() if sheet.parent_indicator not in tree):
		walk(root, 0)
	return out


def visible(framework: str, tree: dict) -> tuple[set[str], set[str] | None]:
	"""What the user may see, and of it their own units' indicators (None: all of it is theirs to see): all,
	or their units' indicators (theirs by responsibility or on their agreements) and the ones above them
	(their totals only)."""
	allowed = allowed_units(doctype="KPI Indicator")
	if allowed is None:
		return set(tree), None
	line = frappe.qb.DocType("KPI Agreement Line")
	agreement = frappe.qb.DocType("KPI Agreement")
	carried = (
		frappe.qb.from_(line)
		.join(agreement)
		.on(agreement.name == line.parent)
		.select(line.indicator)
		.where((agreement.framework == framework) & agreement.unit.isin(list(allowed) or [""]))
		.run(pluck=True)
	)
	own = {name for name, row in tree.items() if row.unit in allowed} | (set(carried) & set(tree))
	parents = {row.name: row.parent_indicator for row in tree.values()}
	return own | {above for name in own for above in cascade.ancestors(name, parents) if above in tree}, own


def labels() -> dict[str, str]:
	"""The words of the report's cells, translated once (a row per indicator of the department)."""
	words = [*cascade.RULES, *certification.LINE_STATES, "Reported beside", "Rolls up", "No result yet"]
	return {word: _(word) for word in words}


def row(
	tree: dict,
	name: str,
	lines: dict,
	months: list[str],
	assessed: list[str],
	words: dict[str, str],
	indent: int,
	detail: bool = True,
) -> dict:
	"""One indicator's row; a round nobody has results in yet is not rolled up."""
	sheet = tree[name]
	parent = tree.get(sheet.parent_indicator)
	rollup = words[sheet.rollup_rule] if sheet.rollup_rule else ""
	if parent:
		rollup = words["Reported beside"] if sheet.reported_beside else rollup or words["Rolls up"]
	out = {
		"indicator": name,
		"parent_indicator": sheet.parent_indicator if parent else None,
		"indent": indent,
		"indicator_name": f"{sheet.indicator_code} {sheet.indicator_name}",
		"unit": sheet.unit,
		"strategic_issue": sheet.strategic_issue,
		"rollup": rollup,
	}
	for m in months:
		line = lines.get((name, m))
		if line and not out.get("weight"):
			out["weight"] = line.weight
		if sheet.rollup_rule and m in assessed:
			rolled, status = cascade_results.roll_up(tree, name, lines, m, detail=detail)
			result = None if not rolled or rolled.result is None else format(rolled.result, "f")
		elif line:
			result, status = line.self_result, words.get(line.line_state, line.line_state)
		else:
			result, status = None, words["No result yet"]
		out[f"result_{m}"] = result
		out[f"score_{m}"] = line.score if line and line.self_result else None
		out[f"status_{m}"] = status
	return out
