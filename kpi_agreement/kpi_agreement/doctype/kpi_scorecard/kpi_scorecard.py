# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from kpi_agreement.frappe_free import process, ranking, rounds
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.agreement_workflow import enqueue_step
from kpi_agreement.utils.round_results import (
	framework_bands,
	levels_of,
	round_assessments,
	signed_bands,
)
from kpi_agreement.utils.validation import duplicate_of, fail


class KPIScorecard(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kpi_agreement.kpi_agreement.doctype.kpi_scorecard_row.kpi_scorecard_row import KPIScorecardRow

		amended_from: DF.Link | None
		average_score: DF.Float
		built_on: DF.Datetime | None
		fiscal_year: DF.Int
		framework: DF.Link
		presented_by: DF.Link | None
		presented_on: DF.Datetime | None
		published_on: DF.Datetime | None
		rank_within: DF.Literal["Unit Level", "All Units"]
		revised_after_appeal_on: DF.Datetime | None
		round_months: DF.Literal["6", "9", "12"]
		rows: DF.Table[KPIScorecardRow]
		title: DF.Data | None
		unit_count: DF.Int
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_round()
		self.validate_unique()
		self.title = _("Scorecard FY {0} - {1} months").format(self.fiscal_year, self.round_months)

	def validate_round(self) -> None:
		framework = frappe.get_cached_doc("KPI Framework", self.framework)
		if not framework.round_of(self.round_months):
			fail(
				_("Round (months): framework {0} has no {1}-month round; its rounds are {2}.").format(
					self.framework, self.round_months, ", ".join(framework.round_months())
				)
			)
		self.round_months = rounds.key(self.round_months)

	def validate_unique(self) -> None:
		other = duplicate_of(self, framework=self.framework, round_months=self.round_months)
		if other:
			fail(
				_("Framework {0} already has scorecard {1} for the {2}-month round.").format(
					self.framework, frappe.bold(other), self.round_months
				),
				title=_("Duplicate scorecard"),
			)

	def before_submit(self) -> None:
		if not self.rows:
			fail(_("Build the scorecard (Build Scorecard button) before publishing it."))
		self.published_on = now_datetime()

	def on_submit(self) -> None:
		self.move_agreements(process.ASSESSED, process.SUMMARIZE_SCORES)

	@frappe.whitelist()
	def build(self) -> None:
		"""Rank the round's submitted assessments by the scores they recorded, one row per unit: one read
		and one bulk write."""
		self.check_permission("write")
		if self.docstatus != 0:
			fail(_("A published scorecard cannot be rebuilt; cancel and amend it instead."))
		if self.is_new() or not self.name:
			self.insert()
		self.rank_units()
		self.add_comment("Info", _("Scorecard built: {0} units").format(self.unit_count))

	def rank_units(self) -> None:
		"""The rows from the round's submitted assessments, ranked and graded, written in bulk."""
		rows = round_assessments(self.framework, self.round_months)
		assessments = {a.unit: a for a in rows}
		scores = ranking.recorded_scores((a.unit, a.total_score, a.dimension_scores) for a in rows)
		ranked = ranking.rank_and_grade(
			scores.values(),
			framework_bands(self.framework),
			signed_bands(rows),
			levels_of(rows, self.rank_within),
		)
		self.unit_count, self.average_score = len(ranked), ranking.average(ranked)
		self.built_on = now_datetime()
		self.replace_rows(
			[
				{
					"rank": unit.rank,
					"unit": unit.unit,
					"unit_level": assessments[unit.unit].unit_level,
					"assessment": assessments[unit.unit].name,
					"agreement": assessments[unit.unit].agreement,
					"total_score": unit.total_score,
					"grade": unit.grade,
					"dimension_scores": assessments[unit.unit].dimension_scores,
				}
				for unit in ranked
			]
		)
		self.db_set(
			{"unit_count": self.unit_count, "average_score": self.average_score, "built_on": self.built_on}
		)

	def revise_after_appeal(self, appeal) -> None:
		"""An accepted appeal amended a unit's assessment: rank the round again and say so on the scorecard."""
		if self.docstatus != 1:
			return
		self.rank_units()
		self.db_set("revised_after_appeal_on", now_datetime())
		self.add_comment(
			"Info",
			_("Revised after appeal {0} of {1}: assessment {2} amended").format(
				appeal.name, appeal.unit, appeal.amended_assessment
			),
		)

	def replace_rows(self, rows: list[dict]) -> None:
		"""Swap the unit rows in one delete and one multi-row insert (a department has hundreds of units),
		and keep the document in memory in step with the database."""
		frappe.db.delete("KPI Scorecard Row", {"parent": self.name, "parenttype": self.doctype})
		user = frappe.session.user
		standard = {
			"parent": self.name,
			"parenttype": self.doctype,
			"parentfield": "rows",
			"docstatus": self.docstatus,
			"creation": self.built_on,
			"modified": self.built_on,
			"owner": user,
			"modified_by": user,
		}
		records = [
			{"name": frappe.generate_hash(length=10), "idx": idx, **standard, **row}
			for idx, row in enumerate(rows, start=1)
		]
		if records:
			self.insert_rows(records)
		self.set("rows", records)

	@staticmethod
	def insert_rows(records: list[dict]) -> None:
		columns = ", ".join(f"`{column}`" for column in records[0])
		placeholders = ", ".join(["(" + ", ".join(["%s"] * len(records[0])) + ")"] * len(records))
		frappe.db.sql(
			f"insert into `tabKPI Scorecard Row` ({columns}) values {placeholders}",
			[value for record in records for value in record.values()],
		)

	@frappe.whitelist()
	def mark_presented(self) -> None:
		"""Step 9: the scores went to the Director-General."""
		self.check_permission("submit")
		if self.docstatus != 1:
			fail(_("Publish (submit) the scorecard before presenting it."))
		self.presented_on, self.presented_by = now_datetime(), frappe.session.user
		self.save(ignore_permissions=True)  # the process writes these fields; permission checked above
		self.move_agreements(process.SCORES_SUMMARIZED, process.PRESENT)

	@frappe.whitelist()
	def resume_moves(self) -> str | None:
		"""Move the agreements this published scorecard moves that have not moved yet (after a failed or
		stopped job); agreements already moved are left alone."""
		self.check_permission("submit")
		if self.docstatus != 1:
			fail(_("Publish (submit) the scorecard before moving its agreements."))
		if self.presented_on:
			return self.move_agreements(process.SCORES_SUMMARIZED, process.PRESENT)
		return self.move_agreements(process.ASSESSED, process.SUMMARIZE_SCORES)

	def move_agreements(self, state: str, action: str) -> str | None:
		if self.flags.ignore_agreement_moves:
			return None
		if rounds.key(self.round_months) == rounds.key(
			frappe.get_cached_value("KPI Framework", self.framework, "assessed_round")
		):
			return enqueue_step(self.framework, state, action)
		return None
