"""Who opens a unit's evidence, and what may stand as evidence of an assessment.

Evidence opens to the unit's own people (its data collectors, indicator owners and head), the assessment
committee and the coordinators. Frappe lets whoever may read the assessment read its private attachments; an
executive reads the assessment but not the files behind it. The rule holds on every path to a file's bytes:
``frappe.has_permission("File", ...)`` (this module's hook), the file URL and ``download_file`` (the File
class of ``kpi_agreement/overrides/file.py``) and Frappe's zip of files (``overrides/file.py``)."""

from __future__ import annotations

import frappe

from kpi_agreement.frappe_free import process

EVIDENCE_OF = ("KPI Assessment", "KPI Appeal")
READERS = {
	process.COORDINATOR,
	process.COMMITTEE,
	process.DATA_COLLECTOR,
	process.INDICATOR_OWNER,
	process.UNIT_HEAD,
	"System Manager",
}
"""Roles that may open evidence (unit isolation still applies through the document the file is attached to)."""


def is_evidence(file) -> bool:
	return bool(file.is_private) and file.attached_to_doctype in EVIDENCE_OF


def may_open(file, user: str | None = None) -> bool:
	"""A private file attached to an assessment or an appeal opens only to users with an evidence reader's
	role; every other file is left to Frappe."""
	if not is_evidence(file):
		return True
	user = user or frappe.session.user
	return user == "Administrator" or bool(READERS & set(frappe.get_roles(user)))


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	"""``has_permission`` hook of File: evidence refused to users who may not open it; the rest is Frappe's."""
	return None if may_open(doc, user) else False


def evidence_sources(assessment) -> list[tuple[str, str]]:
	"""The documents whose attachments may stand as evidence of ``assessment``: the assessment itself, the
	assessments it amends (an accepted appeal's amendment keeps the original's evidence), and the appeals of
	any of them."""
	assessments = [] if assessment.is_new() else [assessment.name]
	name = assessment.amended_from
	while name and name not in assessments:
		assessments.append(name)
		name = frappe.db.get_value("KPI Assessment", name, "amended_from")
	appeals = frappe.get_all(
		"KPI Appeal",
		or_filters={"assessment": ("in", assessments), "amended_assessment": ("in", assessments)},
		pluck="name",
	)
	return [("KPI Assessment", a) for a in assessments] + [("KPI Appeal", a) for a in appeals]


def attached_evidence(assessment, urls: set[str]) -> set[str]:
	"""Those of ``urls`` that are private files attached to ``assessment`` (or to its amended originals and
	their appeals)."""
	sources = evidence_sources(assessment)
	if not urls or not sources:
		return set()
	rows = frappe.get_all(
		"File",
		filters={
			"file_url": ("in", list(urls)),
			"is_private": 1,
			"attached_to_doctype": ("in", sorted({doctype for doctype, _name in sources})),
			"attached_to_name": ("in", [name for _doctype, name in sources]),
		},
		fields=["file_url", "attached_to_doctype", "attached_to_name"],
	)
	allowed = set(sources)
	return {row.file_url for row in rows if (row.attached_to_doctype, row.attached_to_name) in allowed}
