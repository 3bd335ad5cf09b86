# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

"""One result of one indicator of one unit in one round, as it comes from a spreadsheet (Data Import) or
another system (REST): entered on the unit's assessment by whoever posts it, under every rule the form
holds (unit isolation, the permission levels, the certification moves), with where the figure came from.

One entry per indicator, unit and round (its name is the assessment's and the indicator's): importing the
same file again changes nothing; *Update Existing Records* changes the result in place while the line still
accepts entry."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from kpi_agreement.frappe_free import rounds, scoring, thai
from kpi_agreement.kpi_agreement.doctype.kpi_framework.kpi_framework import framework_of_year
from kpi_agreement.utils.validation import date_text, fail, number


class KPIResultEntry(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		as_of: DF.Date | None
		assessment: DF.Link | None
		fiscal_year: DF.Int
		framework: DF.Link | None
		indicator: DF.Link | None
		indicator_code: DF.Data
		indicator_name: DF.Data | None
		posted_by: DF.Link | None
		posted_on: DF.Datetime | None
		result: DF.Data
		round_months: DF.Literal["", "6", "9", "12"]
		source: DF.Data
		unit: DF.Link
	# end: auto-generated types

	def before_insert(self) -> None:
		if not self.flags.prepared:
			self.prepare()

	def autoname(self) -> None:
		self.name = entry_name(self.assessment, self.indicator)

	def validate(self) -> None:
		self.validate_as_of()
		self.result = (self.result or "").strip()
		if self.has_value_changed("result") or self.has_value_changed("source"):
			self.posted_by, self.posted_on = frappe.session.user, now_datetime()
			if not self.flags.entered:  # a bulk import enters a unit's results with one save
				enter_results(self.assessment, [self])

	def prepare(self, found: dict | None = None) -> None:
		"""Find what the row names and refuse it before anything is saved; ``found`` keeps what was found
		for other rows of the same unit, year and round."""
		self.resolve({} if found is None else found)
		self.refuse_repeat()
		self.validate_as_of()
		self.flags.prepared = True

	def resolve(self, found: dict) -> None:
		"""The framework, assessment and indicator the row names by fiscal year, round, unit and code."""
		self.round_months = rounds.key(self.round_months)
		key = (self.unit, self.fiscal_year, self.round_months)
		if key not in found:
			found[key] = self.find_assessment()
		self.framework, self.assessment, lines = found[key]
		code = (self.indicator_code or "").strip()
		line = lines.get(code)
		if not line:
			fail(
				_(
					"Indicator Code: {0} is not an indicator of unit {1} assessed in the {2}-month round. Use the code printed on its detail sheet."
				).format(code, self.unit, self.round_months)
			)
		self.indicator_code, self.indicator, self.indicator_name = code, line.indicator, line.indicator_name
		if line.scoring_scheme != scoring.MILESTONE:
			number(self.result, _("Result"))

	def find_assessment(self) -> tuple[str, str, dict]:
		"""(framework, open assessment, its lines by indicator code) of the row's unit, year and round."""
		framework = framework_of_year(self.fiscal_year, self.unit)
		agreement = frappe.db.get_value(
			"KPI Agreement", {"unit": self.unit, "framework": framework, "docstatus": 1}, "name"
		)
		if not agreement:
			fail(
				_(
					"Unit: {0} has no signed agreement in fiscal year {1}. Check the unit's name, or sign its agreement first."
				).format(self.unit, self.fiscal_year)
			)
		assessment = frappe.db.get_value(
			"KPI Assessment", {"agreement": agreement, "round_months": self.round_months, "docstatus": 0}
		)
		if not assessment:
			fail(
				_(
					"Round (months): unit {0} has no open assessment of the {1}-month round. Make the round's assessments first, or check the round; a submitted assessment changes only by an appeal."
				).format(self.unit, self.round_months)
			)
		return framework, assessment, {line.indicator_code: line for line in assessment_lines(assessment)}

	def refuse_repeat(self) -> None:
		"""The same indicator, unit and round again: nothing changes, and the row says how to change it."""
		existing = entry_name(self.assessment, self.indicator)
		if frappe.db.exists(self.doctype, existing):
			fail(
				_(
					"Indicator {0} of unit {1}, {2}-month round, was posted already ({3}); nothing was changed. To change its result, import with Update Existing Records or edit {3}."
				).format(self.indicator_code, self.unit, self.round_months, existing),
				title=_("Already posted"),
				exc=frappe.DuplicateEntryError,
			)

	def validate_as_of(self) -> None:
		year = getdate(self.as_of).year if self.as_of else None
		if year and thai.typed_in_buddhist_era(year):
			fail(
				_(
					"Figure As Of: {0} is a Buddhist-era year. Dates are typed in the Christian era: {1} for {0}."
				).format(year, year - thai.BE_OFFSET)
			)

	def provenance(self) -> str:
		"""Where the figure came from, as the line and the history show it."""
		as_of = _(" as of {0}").format(date_text(self.as_of)) if self.as_of else ""
		return _("{0}{1} (result entry {2})").format(
			self.source, as_of, entry_name(self.assessment, self.indicator)
		)


def entry_name(assessment: str, indicator: str) -> str:
	return f"{assessment}-{indicator}"


def assessment_lines(assessment: str) -> list:
	line = frappe.qb.DocType("KPI Assessment Line")
	indicator = frappe.qb.DocType("KPI Indicator")
	return (
		frappe.qb.from_(line)
		.join(indicator)
		.on(indicator.name == line.indicator)
		.select(line.indicator, line.indicator_name, line.scoring_scheme, indicator.indicator_code)
		.where((line.parent == assessment) & (line.parenttype == "KPI Assessment"))
		.run(as_dict=True)
	)


def enter_results(assessment: str, entries: list[KPIResultEntry]) -> None:
	"""Enter ``entries`` (all of ``assessment``) on its lines as the signed-in user, in one save of the
	assessment: its permissions, permission levels and certification moves decide, as for a typed result."""
	doc = frappe.get_doc("KPI Assessment", assessment)
	if 2 not in doc.get_permlevel_access("write"):
		fail(
			_(
				"You may not enter results of unit {0}: ask the KPI Coordinator for the Data Collector role."
			).format(doc.unit),
			exc=frappe.PermissionError,
		)
	sources = {}
	for entry in entries:
		line = doc.line_of(entry.indicator)
		line.self_result = entry.result
		sources[entry.indicator] = entry.provenance()
	doc.flags.result_sources = sources
	doc.flags.one_timeline_comment = len(entries) > 1  # the history keeps each; the timeline one line
	doc.save()
	if doc.flags.one_timeline_comment:
		doc.add_comment(
			"Info",
			_("{0} results entered: {1}").format(
				len(entries), ", ".join(sorted({e.source for e in entries}))
			),
		)
