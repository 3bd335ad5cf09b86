"""Every unit's weighted average score for a framework and round: each dimension's points in it, rank
within the unit's level (or among all units), grade and the change from the previous round, grouped by
bureau."""

from __future__ import annotations

from decimal import Decimal

import frappe
from frappe import _

from kpi_agreement.frappe_free import ranking, rounds, scoring, units
from kpi_agreement.permissions.unit_access import allowed_units
from kpi_agreement.utils.cascade_results import indicator_lines
from kpi_agreement.utils.round_results import (
	certification_progress,
	framework_bands,
	levels_of,
	round_assessments,
	signed_bands,
)

NOT_ASSESSED = "Not assessed"


def execute(filters: dict | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	framework = (
		frappe.get_cached_doc("KPI Framework", filters.framework)
		if filters.framework and frappe.db.exists("KPI Framework", filters.framework)
		else None
	)
	this = framework.round_of(filters.round_months) if framework else None
	if not this:
		return columns([]), []
	dimensions = framework.dimension_names()
	if frappe.utils.cint(filters.group_by_strategic_issue):
		rows = by_strategic_issue(framework.name, this)
		return columns(dimensions), rows, None, None
	rows = summary_rows(framework, this, dimensions, filters.rank_within)
	if frappe.utils.cint(filters.group_by_bureau):
		rows = group_by_bureau(rows, dimensions)
	return columns(dimensions), rows, None, chart(rows)


def columns(dimensions: list[str]) -> list[dict]:
	score = {"fieldtype": "Float", "precision": 4, "width": 120}
	return [
		{"fieldname": "unit", "label": _("Unit"), "fieldtype": "Link", "options": "KPI Unit", "width": 240},
		{
			"fieldname": "bureau",
			"label": _("Bureau / Division"),
			"fieldtype": "Link",
			"options": "KPI Unit",
			"width": 200,
		},
		{
			"fieldname": "unit_level",
			"label": _("Unit Level"),
			"fieldtype": "Select",
			"options": "\n".join(units.UNIT_TYPES),
			"width": 110,
		},
		{"fieldname": "total_score", "label": _("Weighted Average Score"), **score},
		*[
			{"fieldname": f"dimension_{i}", "label": _("{0} (weighted)").format(name), **score}
			for i, name in enumerate(dimensions, start=1)
		],
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		{"fieldname": "grade", "label": _("Grade"), "fieldtype": "Data", "width": 130},
		{"fieldname": "previous", "label": _("Previous Round"), **score},
		{"fieldname": "change", "label": _("Change"), **score},
		{
			"fieldname": "certification",
			"label": _("Results Certification"),
			"fieldtype": "Data",
			"width": 240,
		},
		{
			"fieldname": "assessment",
			"label": _("Assessment"),
			"fieldtype": "Link",
			"options": "KPI Assessment",
			"width": 130,
		},
	]


def summary_rows(framework, this: object, dimensions: list[str], rank_within: str | None) -> list[dict]:
	"""One row per unit with an agreement, in tree order; each dimension column is its points in the
	weighted total, so the columns add up to it. Units are ranked within their level unless
	``rank_within`` says all units."""
	assessments = round_assessments(framework.name, this)
	scores = ranking.recorded_scores((a.unit, a.total_score, a.dimension_scores) for a in assessments)
	ranked = {
		u.unit: u
		for u in ranking.rank_and_grade(
			scores.values(),
			framework_bands(framework.name),
			signed_bands(assessments),
			levels_of(assessments, rank_within),
		)
	}
	previous = previous_scores(framework, this)
	by_unit = {a.unit: a.name for a in assessments}
	agreement = frappe.qb.DocType("KPI Agreement")
	unit = frappe.qb.DocType("KPI Unit")
	agreed = (
		frappe.qb.from_(agreement)
		.join(unit)
		.on(unit.name == agreement.unit)
		.select(agreement.name, agreement.unit, unit.parent_kpi_unit, unit.unit_type, unit.lft)
		.where((agreement.framework == framework.name) & (agreement.docstatus < 2))
		.orderby(unit.lft)
		.run(as_dict=True)
	)
	allowed = allowed_units(doctype="KPI Assessment")
	progress = certification_progress(framework=framework.name, round_months=rounds.key(this))
	by_agreement = {a.agreement: a for a in progress.values()}
	rows = []
	for entry in agreed:
		if allowed is not None and entry.unit not in allowed:
			continue
		score = ranked.get(entry.unit)
		row = {
			"unit": entry.unit,
			"bureau": entry.parent_kpi_unit,
			"unit_level": entry.unit_type,
			"assessment": by_unit.get(entry.unit) or by_agreement.get(entry.name, {}).get("name"),
			"certification": by_agreement[entry.name].progress if entry.name in by_agreement else "",
		}
		row.update(dict.fromkeys(score_fields(dimensions)))  # None prints as empty, not 0.0000
		if score:
			row.update(total_score=score.total_score, rank=score.rank, grade=_(score.grade))
			for i, name in enumerate(dimensions, start=1):
				row[f"dimension_{i}"] = score.points.get(name)
			if entry.unit in previous:
				row["previous"] = previous[entry.unit]
				row["change"] = scoring.quantize(score.total_score - previous[entry.unit])
		else:
			row["grade"] = _(NOT_ASSESSED)
		rows.append(row)
	return rows


def score_fields(dimensions: list[str]) -> list[str]:
	return [
		"total_score",
		*[f"dimension_{i}" for i in range(1, len(dimensions) + 1)],
		"rank",
		"previous",
		"change",
	]


def previous_scores(framework, this: object) -> dict[str, Decimal]:
	"""Weighted totals of the round before in the same fiscal year (rounds.previous); none for the year's
	first round."""
	before = rounds.previous(framework.round_list(), this)
	if not before:
		return {}
	return {a.unit: scoring.to_decimal(a.total_score) for a in round_assessments(framework.name, before)}


def group_by_bureau(rows: list[dict], dimensions: list[str]) -> list[dict]:
	"""Bureau subtotal rows (the plain mean of their units) with the units indented beneath."""
	grouped: dict[str, list[dict]] = {}
	for row in rows:
		grouped.setdefault(row["bureau"] or "", []).append(row)
	result = []
	fields = [f for f in score_fields(dimensions) if f not in ("rank", "change")]
	for bureau, members in grouped.items():
		subtotal = {"unit": bureau, "bureau": None, "indent": 0, "is_group": 1, "grade": _("Average")}
		subtotal.update(dict.fromkeys(score_fields(dimensions)))
		for field in fields:
			values = [m[field] for m in members if m.get(field) is not None]
			if values:
				subtotal[field] = scoring.weighted_average((v, 1) for v in values)
		result.append(subtotal)
		result.extend({**m, "indent": 1, "parent_unit": bureau} for m in members)
	return result


def by_strategic_issue(framework: str, this: object) -> list[dict]:
	"""Each strategic issue with the weighted average score of the indicator lines that serve it (submitted
	assessments of the round), and each unit's beneath: Σ(score × weight) / Σ(weight) over its lines."""
	query, line, assessment, indicator = indicator_lines(framework)
	query = query.select(indicator.strategic_issue, assessment.unit, line.score, line.weight).where(
		(assessment.round_months == rounds.key(this)) & (assessment.docstatus == 1)
	)
	allowed = allowed_units(doctype="KPI Assessment")
	if allowed is not None:
		query = query.where(assessment.unit.isin(list(allowed) or [""]))
	issues: dict[str, dict[str, list]] = {}
	for row in query.run(as_dict=True):
		issue = row.strategic_issue or _("No strategic issue")
		issues.setdefault(issue, {}).setdefault(row.unit, []).append((row.score or 0, row.weight or 0))
	order = frappe.get_all(
		"KPI Strategic Issue",
		{"parent": framework, "parenttype": "KPI Framework"},
		pluck="issue",
		order_by="idx",
	)
	result = []
	for issue in sorted(issues, key=lambda name: order.index(name) if name in order else len(order)):
		units_of = issues[issue]
		every = [pair for lines in units_of.values() for pair in lines]
		result.append(
			{"unit": issue, "indent": 0, "is_group": 1, "total_score": scoring.weighted_average(every)}
		)
		result.extend(
			{"unit": unit, "indent": 1, "parent_unit": issue, "total_score": scoring.weighted_average(lines)}
			for unit, lines in sorted(units_of.items())
		)
	return result


def chart(rows: list[dict]) -> dict:
	scored = sorted(
		(r for r in rows if r.get("total_score") is not None and not r.get("is_group")),
		key=lambda r: r["total_score"],
		reverse=True,
	)
	return {
		"data": {
			"labels": [r["unit"] for r in scored],
			"datasets": [
				{"name": _("Weighted Average Score"), "values": [str(r["total_score"]) for r in scored]}
			],
		},
		"type": "bar",
		"colors": ["#2490ef"],
	}
