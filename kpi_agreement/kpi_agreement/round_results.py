"""Bulk reads of assessment results for the scorecard and the score reports: a fixed number of
parameterised queries per call, whatever the number of units (no per-row get_doc)."""

from __future__ import annotations

import frappe


def round_assessments(framework: str, round_months: str | int) -> list[frappe._dict]:
	"""Submitted assessments of one framework and round: name, unit, agreement, the weighted average and
	dimension sub-scores each recorded when it was saved."""
	assessment = frappe.qb.DocType("KPI Assessment")
	return (
		frappe.qb.from_(assessment)
		.select(
			assessment.name,
			assessment.unit,
			assessment.agreement,
			assessment.total_score,
			assessment.dimension_scores,
		)
		.where(
			(assessment.framework == framework)
			& (assessment.round_months == str(round_months))
			& (assessment.docstatus == 1)
		)
		.run(as_dict=True)
	)
