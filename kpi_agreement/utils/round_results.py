"""Bulk reads of assessment results for the scorecard and the score reports: a fixed number of
parameterised queries per call, whatever the number of units (no per-row get_doc)."""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from kpi_agreement.frappe_free import units


def framework_bands(framework: str) -> list[tuple[str, str]]:
	"""The framework's grade bands, on its scheme's scale."""
	return [tuple(band) for band in frappe.get_cached_doc("KPI Framework", framework).rules()["grade_bands"]]


def signed_bands(assessments: list) -> dict:
	"""unit -> the grade bands its agreement was signed with (units signed before the record have none)."""
	result = {}
	for row in assessments:
		rules = json.loads(row.signed_rules) if row.get("signed_rules") else {}
		if rules.get("grade_bands"):
			result[row.unit] = [tuple(band) for band in rules["grade_bands"]]
	return result


def levels_of(assessments: list, rank_within: str | None) -> dict:
	"""unit -> the group it is ranked in: its level, or one group for all units."""
	return {row.unit: units.ranking_level(row.unit_level, rank_within) for row in assessments}


def round_assessments(framework: str, round_months: str | int) -> list[frappe._dict]:
	"""Submitted assessments of one framework and round: name, unit and its level, agreement, the weighted
	average and dimension sub-scores each recorded when it was saved, and the grade bands its agreement was
	signed with."""
	assessment, agreement = frappe.qb.DocType("KPI Assessment"), frappe.qb.DocType("KPI Agreement")
	unit = frappe.qb.DocType("KPI Unit")
	return (
		frappe.qb.from_(assessment)
		.left_join(agreement)
		.on(agreement.name == assessment.agreement)
		.left_join(unit)
		.on(unit.name == assessment.unit)
		.select(
			unit.unit_type.as_("unit_level"),
			assessment.name,
			assessment.unit,
			assessment.agreement,
			assessment.total_score,
			assessment.dimension_scores,
			agreement.signed_rules,
		)
		.where(
			(assessment.framework == framework)
			& (assessment.round_months == str(round_months))
			& (assessment.docstatus == 1)
		)
		.run(as_dict=True)
	)


def certification_progress(**filters) -> dict[str, frappe._dict]:
	"""agreement -> its latest assessment (the highest round among ``filters``) as far as the user may read:
	lines entered, certified, in all, and whether the unit head endorsed it; with ``progress`` in words."""
	assessments = frappe.get_list(
		"KPI Assessment",
		filters={"docstatus": ("<", 2), **filters},
		fields=[
			"name",
			"agreement",
			"round_months",
			"docstatus",
			"lines_entered",
			"lines_certified",
			"endorsed_on",
		],
		limit_page_length=0,
	)
	if not assessments:
		return {}
	in_progress = [a.name for a in assessments if a.docstatus == 0 and not a.endorsed_on]
	line = frappe.qb.DocType("KPI Assessment Line")
	counts = (  # only the progress of an assessment still being entered names its number of lines
		dict(
			frappe.qb.from_(line)
			.select(line.parent, Count(line.name))
			.where((line.parenttype == "KPI Assessment") & line.parent.isin(in_progress))
			.groupby(line.parent)
			.run()
		)
		if in_progress
		else {}
	)
	latest: dict[str, frappe._dict] = {}
	for a in sorted(assessments, key=lambda a: int(a.round_months or 0)):
		a.lines = counts.get(a.name, 0)
		a.progress = progress_text(a)
		latest[a.agreement] = a
	return latest


def progress_text(a: frappe._dict) -> str:
	"""How far an assessment's results are certified, for reports: "6 m: 5/8 entered, 3/8 certified"."""
	if a.docstatus == 1:
		state = _("scored by the committee")
	elif a.endorsed_on:
		state = _("endorsed")
	else:
		state = _("{0}/{1} entered, {2}/{1} certified").format(
			a.lines_entered or 0, a.lines, a.lines_certified or 0
		)
	return _("{0}-month round: {1}").format(a.round_months, state)
