"""Bulk reads of assessment results and lines for the scorecard, the score reports, My Work and the
digests: a fixed number of parameterised queries per call, whatever the number of units (no per-row
get_doc)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import datetime

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import get_datetime

from kpi_agreement.frappe_free import rounds, units


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


def round_assessments(framework: str, round_months: object) -> list[frappe._dict]:
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
			& (assessment.round_months == rounds.key(round_months))
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
	for a in sorted(assessments, key=lambda a: rounds.months_of(a.round_months) or 0):
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


def waiting_assessments(
	rows: list[frappe._dict],
	assessment_due: Callable[[str, str], datetime | None],
	unit_head: Callable[[frappe._dict], str | None],
	read=frappe.get_list,
) -> list[dict]:
	"""Draft assessments (``rows`` with name, unit, fiscal_year, framework, round_months, endorsed_on and
	results_due_on) as ``waiting.waiting`` reads them, with their lines; results are due on the assessment's
	own *Results Due*, else with the round's assessment."""
	lines_of = waiting_lines([a.name for a in rows], read)
	result = []
	for a in rows:
		verify_by = assessment_due(a.framework, a.round_months)
		result.append(
			{
				"name": a.name,
				"unit": a.unit,
				"fiscal_year": a.fiscal_year,
				"months": a.round_months,
				"endorsed": bool(a.endorsed_on),
				"results_due": get_datetime(a.results_due_on) if a.results_due_on else verify_by,
				"assessment_due": verify_by,
				"unit_head": unit_head(a),
				"lines": lines_of.get(a.name, []),
			}
		)
	return result


def waiting_lines(assessments: list[str], read=frappe.get_list) -> dict[str, list[dict]]:
	"""The lines of ``assessments`` as ``waiting.waiting`` reads them (who enters, who certifies, how many
	evidence files), by assessment, in two queries: read as the user (``frappe.get_list``, My Work) or for
	everyone (``frappe.get_all``, the digests)."""
	if not assessments:
		return {}
	parent = {"parent_doctype": "KPI Assessment"} if read is frappe.get_list else {}
	lines = read(
		"KPI Assessment Line",
		filters={"parent": ("in", assessments), "parenttype": "KPI Assessment"},
		fields=[
			"parent", "indicator", "indicator_name", "line_state", "data_collector", "deputy",
			"indicator_owner", "evidence",
		],
		order_by="idx asc",
		limit_page_length=0,
		**parent,
	)  # fmt: skip
	files = read(
		"KPI Assessment Evidence",
		filters={"parent": ("in", assessments), "parenttype": "KPI Assessment", "file": ("is", "set")},
		fields=["parent", "indicator"],
		limit_page_length=0,
		**parent,
	)
	evidence = Counter((row.parent, row.indicator) for row in files)
	lines_of: dict[str, list[dict]] = defaultdict(list)
	for line in lines:
		lines_of[line.parent].append(
			{
				"indicator": line.indicator_name,
				"state": line.line_state,
				"collector": line.data_collector,
				"deputy": line.deputy,
				"owner": line.indicator_owner,
				"evidence": int(bool(line.evidence)) + evidence[(line.parent, line.indicator)],
			}
		)
	return lines_of


class RoundDue:
	"""A round's assessment due date, each framework read once."""

	def __init__(self) -> None:
		self.frameworks: dict = {}

	def __call__(self, framework: str | None, months) -> datetime | None:
		if not framework:
			return None
		if framework not in self.frameworks:
			self.frameworks[framework] = frappe.get_cached_doc("KPI Framework", framework)
		return self.frameworks[framework].round_due(months)
