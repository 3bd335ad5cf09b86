"""Reads of the cascade (frappe_free/cascade.py): a framework's indicator tree and each indicator's result in a
round, in two queries whatever the size, for the parent lines of an assessment and for the KPI Cascade report."""

from __future__ import annotations

import frappe
from frappe import _

from kpi_agreement.frappe_free import cascade, certification, scoring


def indicators(framework: str, parents: list[str] | None = None) -> dict[str, frappe._dict]:
	"""Every indicator of the framework with its place in the tree and its children, by name (or only
	``parents`` and their children)."""
	or_filters = [["name", "in", parents], ["parent_indicator", "in", parents]] if parents else None
	rows = frappe.get_all(
		"KPI Indicator",
		filters={"framework": framework},
		or_filters=or_filters,
		fields=[
			"name",
			"indicator_code",
			"indicator_name",
			"unit",
			"dimension",
			"strategic_issue",
			"parent_indicator",
			"reported_beside",
			"rollup_weight",
			"rollup_rule",
		],
		order_by="indicator_code",
	)
	tree = {row.name: row for row in rows}
	for row in rows:
		row.children = []
	for row in rows:
		if row.parent_indicator in tree:
			tree[row.parent_indicator].children.append(row.name)
	return tree


def results(framework: str, round_months: str | None = None) -> dict[tuple[str, str], frappe._dict]:
	"""Each indicator's line in each round (or in ``round_months``), from its responsible unit's assessment
	(or the only unit carrying it): result, state, score, weight and unit, by (indicator, round)."""
	line = frappe.qb.DocType("KPI Assessment Line")
	assessment = frappe.qb.DocType("KPI Assessment")
	indicator = frappe.qb.DocType("KPI Indicator")
	query = (
		frappe.qb.from_(line)
		.join(assessment)
		.on((assessment.name == line.parent) & (line.parenttype == "KPI Assessment"))
		.join(indicator)
		.on(indicator.name == line.indicator)
		.select(
			line.indicator,
			assessment.round_months,
			assessment.unit,
			line.self_result,
			line.line_state,
			line.score,
			line.weight,
			(indicator.unit == assessment.unit).as_("own"),
		)
		.where((assessment.framework == framework) & (assessment.docstatus < 2))
	)
	if round_months:
		query = query.where(assessment.round_months == round_months)
	found: dict[tuple[str, str], frappe._dict] = {}
	for row in query.run(as_dict=True):
		key = (row.indicator, row.round_months)
		if key not in found or (row.own and not found[key].own):
			found[key] = row
	return found


def children(
	tree: dict[str, frappe._dict], parent: str, lines: dict, round_months: str
) -> list[cascade.Child]:
	"""The parent's children in the round, as the core rolls them up."""
	out = []
	for name in tree[parent].children:
		row = tree[name]
		line = lines.get((name, round_months))
		out.append(
			cascade.Child(
				name,
				number_or_none(line.self_result if line else None),
				bool(line) and line.line_state == certification.CERTIFIED,
				scoring.to_decimal(row.rollup_weight) if row.rollup_weight else None,
				bool(row.reported_beside),
			)
		)
	return out


def number_or_none(result) -> object:
	"""A child's result as a number; none when it has none or it is not a number (a milestone's levels)."""
	try:
		return scoring.parse_number(result, "result")
	except ValueError:
		return None


def roll_up(
	tree: dict, parent: str, lines: dict, round_months: str, partial: bool = False, detail: bool = True
):
	"""The parent's roll-up in the round and a note of what made it (or what is missing), in the user's
	language; (None, note) when its children's weights do not allow a weighted average."""
	kids = children(tree, parent, lines, round_months)
	try:
		rolled = cascade.roll_up(tree[parent].rollup_rule, kids, partial)
	except ValueError:
		return None, _(
			"Enter a Roll-up Weight on every child of {0} to compute its weighted average."
		).format(tree[parent].indicator_code)
	return rolled, note(tree, rolled, detail)


def note(tree: dict, rolled: cascade.Rollup, detail: bool = True) -> str:
	"""What made the roll-up and what it waits for; without ``detail`` only how many (for a user who may not
	see the children of other units)."""
	if not detail:
		counted = len(rolled.rolled_up) + len(rolled.missing) + len(rolled.uncertified)
		return _("{0} of {1} children certified").format(len(rolled.rolled_up), counted)
	codes = lambda names: ", ".join(tree[name].indicator_code for name in names)  # noqa: E731
	parts = [_("Rolled up from {0}").format(codes(rolled.rolled_up) or _("no child yet"))]
	if rolled.missing:
		parts.append(_("no result yet: {0}").format(codes(rolled.missing)))
	if rolled.uncertified:
		parts.append(_("not certified: {0}").format(codes(rolled.uncertified)))
	return "; ".join(parts)
