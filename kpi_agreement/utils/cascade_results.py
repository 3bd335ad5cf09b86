"""Reads of the cascade (frappe_free/cascade.py): a framework's indicator tree and each indicator's result in a
round, in two queries whatever the size, for the parent lines of an assessment and for the KPI Cascade report."""

from __future__ import annotations

from dataclasses import dataclass, field

import frappe
from frappe import _

from kpi_agreement.frappe_free import cascade, certification, scoring


@dataclass(slots=True)
class Sheet:
	"""An indicator's place in the tree (a department holds tens of thousands: kept light)."""

	name: str
	indicator_code: str
	indicator_name: str
	unit: str | None
	strategic_issue: str | None
	parent_indicator: str | None
	reported_beside: int
	rollup_weight: float | None
	rollup_rule: str | None
	children: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Line:
	"""An indicator's line in a round: its result, state, score and weight."""

	indicator: str
	round_months: str
	self_result: str | None
	line_state: str | None
	score: float | None
	weight: float | None
	own: int


def indicators(framework: str, parents: list[str] | None = None) -> dict[str, Sheet]:
	"""Every indicator of the framework with its place in the tree and its children, by name (or only
	``parents`` and their children)."""
	sheet = frappe.qb.DocType("KPI Indicator")
	query = (
		frappe.qb.from_(sheet)
		.select(
			sheet.name,
			sheet.indicator_code,
			sheet.indicator_name,
			sheet.unit,
			sheet.strategic_issue,
			sheet.parent_indicator,
			sheet.reported_beside,
			sheet.rollup_weight,
			sheet.rollup_rule,
		)
		.where(sheet.framework == framework)
		.orderby(sheet.indicator_code)
	)
	if parents:
		query = query.where(sheet.name.isin(parents) | sheet.parent_indicator.isin(parents))
	rows = [Sheet(*values) for values in query.run()]
	tree = {row.name: row for row in rows}
	for row in rows:
		if row.parent_indicator in tree:
			tree[row.parent_indicator].children.append(row.name)
	return tree


def indicator_lines(framework: str):
	"""The framework's assessment lines joined to their assessment and indicator: (query, line, assessment,
	indicator), for the caller's select and conditions."""
	line = frappe.qb.DocType("KPI Assessment Line")
	assessment = frappe.qb.DocType("KPI Assessment")
	indicator = frappe.qb.DocType("KPI Indicator")
	query = (
		frappe.qb.from_(line)
		.join(assessment)
		.on((assessment.name == line.parent) & (line.parenttype == "KPI Assessment"))
		.join(indicator)
		.on(indicator.name == line.indicator)
		.where(assessment.framework == framework)
	)
	return query, line, assessment, indicator


def results(
	framework: str, round_months: str | None = None, indicators: list[str] | None = None
) -> dict[tuple[str, str], Line]:
	"""Each indicator's line (of ``indicators``, or all) in each round (or in ``round_months``), from its
	responsible unit's assessment (or the only unit carrying it): result, state, score and weight, by
	(indicator, round)."""
	query, line, assessment, indicator = indicator_lines(framework)
	query = query.select(
		line.indicator,
		assessment.round_months,
		line.self_result,
		line.line_state,
		line.score,
		line.weight,
		(indicator.unit == assessment.unit).as_("own"),
	).where(assessment.docstatus < 2)
	if round_months:
		query = query.where(assessment.round_months == round_months)
	if indicators:
		query = query.where(line.indicator.isin(indicators))
	found: dict[tuple[str, str], Line] = {}
	for row in (Line(*values) for values in query.run()):
		key = (row.indicator, row.round_months)
		if key not in found or (row.own and not found[key].own):
			found[key] = row
	return found


def children(tree: dict[str, Sheet], parent: str, lines: dict, round_months: str) -> list[cascade.Child]:
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
