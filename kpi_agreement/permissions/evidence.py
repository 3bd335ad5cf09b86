"""Who opens a unit's evidence, and what may stand as evidence of an assessment.

Evidence opens to the unit's own people (its data collectors, indicator owners and head), the assessment
committee and the coordinators. Frappe lets whoever may read the assessment read its private attachments; an
executive reads the assessment but not the files behind it. The rule holds on every path to a file's bytes:
``frappe.has_permission("File", ...)`` (this module's hook), the file URL and ``download_file`` (the File
class of ``kpi_agreement/overrides/file.py``) and Frappe's zip of files (``overrides/file.py``).

A private file of a unit's document, or of a Data Import (its figures before certification), is also listed
(REST, report view, counts) only to those who may read that document: Frappe lists every file attached to a
DocType the user may read at all, so another unit's staff saw the names and URLs of a unit's evidence."""

from __future__ import annotations

import frappe

from kpi_agreement.frappe_free import process
from kpi_agreement.frappe_free.unit_scope import UNIT_DOCUMENTS

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


GUARDED = (*UNIT_DOCUMENTS, "Data Import")
"""DocTypes whose private files are listed only with the document they are attached to."""


def is_evidence(file) -> bool:
	return bool(file.is_private) and file.attached_to_doctype in EVIDENCE_OF


def may_open(file, user: str | None = None) -> bool:
	"""A private file attached to an assessment or an appeal opens only to users with an evidence reader's
	role; every other file is left to Frappe."""
	return not is_evidence(file) or may_open_evidence(user or frappe.session.user)


def may_open_evidence(user: str) -> bool:
	return user == "Administrator" or bool(READERS & set(frappe.get_roles(user)))


def file_query_conditions(user: str | None = None) -> str:
	"""``permission_query_conditions`` of File (added to Frappe's own): a private file attached to one of
	:data:`GUARDED` only with a document of it the user may read (evidence also only to evidence readers),
	or their own upload."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	readable = [
		f"(`tabFile`.`attached_to_doctype` = {frappe.db.escape(doctype)} and `tabFile`.`attached_to_name` in "
		f"({frappe.get_list(doctype, fields=['name'], user=user, order_by='', limit_page_length=0, run=False)}))"
		for doctype in GUARDED
		if frappe.has_permission(doctype, "read", user=user)
		and (doctype not in EVIDENCE_OF or may_open_evidence(user))
	]
	guarded = ", ".join(frappe.db.escape(doctype) for doctype in GUARDED)
	listed = [
		"`tabFile`.`is_private` = 0",
		f"ifnull(`tabFile`.`attached_to_doctype`, '') not in ({guarded})",
		f"`tabFile`.`owner` = {frappe.db.escape(user)}",
		*readable,
	]
	return "(" + " or ".join(listed) + ")"


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
