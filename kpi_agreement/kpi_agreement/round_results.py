"""Bulk reads of assessment results for the scorecard and the score reports: a fixed number of
parameterised queries per call, whatever the number of units (no per-row get_doc)."""

from __future__ import annotations

import json

import frappe

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
