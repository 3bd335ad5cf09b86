"""Copy to Next Fiscal Year: the next year's framework made from this one (dimensions and weights, the rounds
with their cut-offs a year on, the signing levels, the scoring rules) as a fresh draft whose step 1 is still to
do, and the indicators the coordinator picks, with their detail sheets, levels and owners; each indicator's
final result of last year becomes its newest baseline column (frappe_free/next_year.py says which result).

Last year's framework, indicators, agreements and assessments are only read. Each indicator is copied once:
copying again adds only the chosen indicators not yet in next year's framework, so a stopped background run
resumes and an indicator left out can be added later. A next year's framework made otherwise is not touched."""

from __future__ import annotations

import frappe
from frappe import _

from kpi_agreement.frappe_free import next_year, process
from kpi_agreement.utils import bulk_jobs
from kpi_agreement.utils.validation import fail

INLINE_COPIES = 50
"""Up to this many indicators are copied in the request; more are copied by background jobs."""
COPY_CHUNK = 100
"""Indicators one background job copies."""
PROCESS_FIELDS = ["copied_from"]
"""Written only here (permission level 3: no role writes them)."""


def check_coordinator(framework) -> None:
	framework.check_permission("read")
	if process.COORDINATOR not in frappe.get_roles():
		fail(
			_("Only a KPI Coordinator copies a framework to the next fiscal year."),
			title=_("Not permitted"),
			exc=frappe.PermissionError,
		)


def next_framework_of(framework) -> frappe._dict | None:
	"""The department's framework of the next fiscal year, if there is one: name and what it was copied from."""
	return frappe.db.get_value(
		"KPI Framework",
		{"department": framework.department, "fiscal_year": framework.fiscal_year + 1},
		["name", "copied_from"],
		as_dict=True,
	)


def existing_copy(framework) -> frappe._dict | None:
	"""Next year's framework when it was copied from ``framework``; a refusal when it was made otherwise."""
	existing = next_framework_of(framework)
	if existing and existing.copied_from != framework.name:
		fail(
			_(
				"Fiscal year {0} already has framework {1}, which was not copied from {2}. Copy to Next Fiscal Year makes the next year's framework and leaves one made otherwise alone: open {1} and add the indicators there."
			).format(framework.fiscal_year + 1, frappe.bold(existing.name), framework.name),
			title=_("Next year's framework exists"),
		)
	return existing


def copied_into(target: str | None) -> set[str]:
	"""The indicators of last year already copied into ``target``."""
	if not target:
		return set()
	return set(
		frappe.get_all(
			"KPI Indicator", filters={"framework": target, "copied_from": ("is", "set")}, pluck="copied_from"
		)
	)


def choices(framework) -> dict:
	"""What the dialog offers: the framework's indicators the user reads, by dimension in the framework's
	order and by code, those already copied marked; next year's framework when it exists (a copy of this one)."""
	check_coordinator(framework)
	existing = existing_copy(framework)
	copied = copied_into(existing and existing.name)
	indicators = frappe.get_list(
		"KPI Indicator",
		filters={"framework": framework.name},
		fields=["name", "indicator_code", "indicator_name", "dimension"],
		limit_page_length=0,
	)
	dimensions = framework.dimension_names()
	groups: dict[str, list] = {name: [] for name in dimensions}
	for row in sorted(indicators, key=lambda row: next_year.code_order(row.indicator_code)):
		groups.setdefault(row.dimension if row.dimension in groups else "", []).append(
			{
				"value": row.name,
				"label": f"{row.indicator_code} {row.indicator_name}",
				"copied": row.name in copied,
			}
		)
	return {
		"fiscal_year": framework.fiscal_year + 1,
		"next_framework": existing and existing.name,
		"dimensions": [
			{"dimension": name or _("No dimension"), "indicators": rows}
			for name, rows in groups.items()
			if rows
		],
	}


def copy_forward(framework, indicators: list[str]) -> dict:
	"""Make next year's framework (or take the copy made before) and copy the chosen indicators into it:
	in the request for a few, in background jobs past INLINE_COPIES."""
	check_coordinator(framework)
	frappe.has_permission("KPI Framework", "create", throw=True)
	frappe.has_permission("KPI Indicator", "create", throw=True)
	chosen = frappe.get_list(  # as the user: indicators they may not read are not copied
		"KPI Indicator",
		filters={"framework": framework.name, "name": ("in", list(indicators) or [""])},
		pluck="name",
		limit_page_length=0,
	)
	existing = existing_copy(framework)
	target = existing.name if existing else make_next_framework(framework)
	todo = sorted(set(chosen) - copied_into(target))
	answer = {"framework": target, "made": not existing, "indicators": len(todo), "in_background": False}
	if len(todo) <= INLINE_COPIES:
		for name in todo:
			copy_indicator(name, target)
		frappe.msgprint(_("{0} indicators copied to {1}").format(len(todo), target), alert=True)
		return answer
	title = _("Copying indicators to {0}").format(target)
	bulk_jobs.start(
		"kpi_agreement.kpi_agreement.doctype.kpi_framework.copy_forward.copy_indicator",
		todo,
		title=title,
		chunk_size=COPY_CHUNK,
		arguments={"framework": target},
	)
	bulk_jobs.queued_message(title, len(todo))
	return {**answer, "in_background": True}


def make_next_framework(framework) -> str:
	"""Next year's framework as a fresh draft: step 1 (the review) still to do, due from now; the rounds'
	cut-offs a year on, their assessment due dates worked out again from next year's holidays."""
	doc = frappe.copy_doc(framework, ignore_no_copy=False)
	doc.fiscal_year = framework.fiscal_year + 1
	doc.title = next_year.next_title(framework.title, framework.fiscal_year, doc.fiscal_year)
	doc.copied_from = framework.name
	doc.flags.ignore_permlevel_for_fields = PROCESS_FIELDS
	for row in doc.rounds:
		row.cut_off_date = next_year.next_cut_off(row.cut_off_date) if row.cut_off_date else None
		row.assessment_due_date = None
	doc.insert()
	return doc.name


def copy_indicator(name: str, framework: str) -> bulk_jobs.Outcome:
	"""Last year's indicator ``name`` copied into next year's ``framework``, unless it is there already (the
	source's row is locked meanwhile, so two runs at once copy it once)."""
	source = frappe.get_doc("KPI Indicator", name)
	source.check_permission("read")
	doc = frappe.copy_doc(source, ignore_no_copy=False)
	doc.framework = framework
	doc.fiscal_year = frappe.get_cached_value("KPI Framework", framework, "fiscal_year")
	doc.copied_from = name
	doc.flags.ignore_permlevel_for_fields = PROCESS_FIELDS
	result, note = last_result(source)
	doc.set(
		"baselines",
		next_year.rolled_baselines(
			[row.as_dict() for row in source.baselines], source.fiscal_year, result, note
		),
	)
	bulk_jobs.reserve_name(doc)
	frappe.db.get_value("KPI Indicator", name, "name", for_update=True)
	if frappe.db.exists("KPI Indicator", {"framework": framework, "copied_from": name}):
		return "skipped"
	doc.insert()
	return "done"


def last_result(indicator) -> tuple:
	"""The indicator's result in its framework's final round, as a baseline figure, and a note saying whose
	it is; (None, "") when it has none (not assessed, or several units share it and none is responsible)."""
	framework = frappe.get_cached_doc("KPI Framework", indicator.framework)
	carriers = frappe.get_all(
		"KPI Agreement Line",
		filters={"indicator": indicator.name, "parenttype": "KPI Agreement"},
		pluck="parent",
	)
	unit = next_year.responsible_unit(
		indicator.unit,
		frappe.get_all(
			"KPI Agreement",
			filters={"name": ("in", carriers or [""]), "docstatus": ("<", 2)},
			pluck="unit",
		),
	)
	final = framework.round_list()[-1].key if framework.rounds else ""
	assessment, line = frappe.qb.DocType("KPI Assessment"), frappe.qb.DocType("KPI Assessment Line")
	found = (
		frappe.qb.from_(line)
		.join(assessment)
		.on((assessment.name == line.parent) & (line.parenttype == "KPI Assessment"))
		.select(line.self_result, line.committee_result)
		.where(
			(assessment.framework == indicator.framework)
			& (assessment.round_months == final)
			& (assessment.docstatus == 1)
			& (assessment.unit == unit)
			& (line.indicator == indicator.name)
		)
		.run(as_dict=True)
		if unit
		else None
	)
	if not found:
		return None, ""
	result, verified = next_year.final_result(found[0].self_result, found[0].committee_result)
	note = (
		_("{0}-month result, verified by the committee")
		if verified
		else _("{0}-month result, as the unit reported it")
	)
	return next_year.baseline_value(indicator.scoring_scheme, result), note.format(final)
