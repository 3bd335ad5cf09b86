# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

from datetime import datetime

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from kpi_agreement.frappe_free import process, rounds, scoring, thai, units
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.agreement_workflow import enqueue_step
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet import start_compiling
from kpi_agreement.kpi_agreement.doctype.kpi_framework import copy_forward
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import (
	assessment_working_days,
	due_after,
	grade_bands,
	holidays,
	working_days,
)
from kpi_agreement.utils import bulk_jobs
from kpi_agreement.utils.validation import date_text, duplicate_of, fail, weights_total_100

INLINE_AGREEMENTS = 20
"""Up to this many agreements are made in the request; more are made by background jobs."""
CREATE_CHUNK = 50
"""Agreements one background job makes: 1,000 units make 20 jobs, shared by the workers of the long queue."""


class KPIFramework(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kpi_agreement.kpi_agreement.doctype.kpi_framework_dimension.kpi_framework_dimension import (
			KPIFrameworkDimension,
		)
		from kpi_agreement.kpi_agreement.doctype.kpi_framework_round.kpi_framework_round import (
			KPIFrameworkRound,
		)
		from kpi_agreement.kpi_agreement.doctype.kpi_grade_band.kpi_grade_band import KPIGradeBand
		from kpi_agreement.kpi_agreement.doctype.kpi_strategic_issue.kpi_strategic_issue import (
			KPIStrategicIssue,
		)

		assessed_round: DF.Literal["6", "9", "12"]
		below_level_one_rule: DF.Literal["Score 0", "Score 1"]
		copied_from: DF.Link | None
		department: DF.Link
		dimensions: DF.Table[KPIFrameworkDimension]
		end_date: DF.Date | None
		fiscal_year: DF.Int
		grade_bands: DF.Table[KPIGradeBand]
		review_due_on: DF.Datetime | None
		reviewed_by: DF.Link | None
		reviewed_on: DF.Datetime | None
		rounds: DF.Table[KPIFrameworkRound]
		scoring_scheme: DF.Literal["Five Level", "Milestone", "Tier"]
		signs_bureau: DF.Check
		signs_department: DF.Check
		signs_division: DF.Check
		signs_group: DF.Check
		signs_section: DF.Check
		start_date: DF.Date | None
		strategic_issues: DF.Table[KPIStrategicIssue]
		tier_1_points: DF.Float
		tier_2_points: DF.Float
		tier_3_points: DF.Float
		title: DF.Data | None
		total_dimension_weight: DF.Float
	# end: auto-generated types

	def before_validate(self) -> None:
		self.set_defaults_from_settings()

	def set_defaults_from_settings(self) -> None:
		"""A new framework's scheme and below-level-1 rule default to KPI Settings."""
		defaults = frappe.get_cached_doc("KPI Settings")
		self.scoring_scheme = self.scoring_scheme or defaults.default_scoring_scheme or scoring.FIVE_LEVEL
		self.below_level_one_rule = self.below_level_one_rule or defaults.below_level_one_rule or "Score 0"

	def before_insert(self) -> None:
		self.time_the_review()

	def validate(self) -> None:
		self.set_fiscal_dates()
		self.validate_unique_year()
		self.validate_dimensions()
		self.validate_rounds()
		self.validate_assessed_round()
		self.set_rules()
		self.title = self.title or _("Assessment Framework FY {0}").format(self.fiscal_year)

	def set_fiscal_dates(self) -> None:
		try:
			self.start_date, self.end_date = thai.fiscal_year_dates(int(self.fiscal_year or 0))
		except ValueError:
			fail(
				_(
					"Fiscal Year {0} is not a Buddhist-era year. Enter the year in B.E., for example 2569."
				).format(frappe.bold(self.fiscal_year))
			)

	def validate_unique_year(self) -> None:
		other = duplicate_of(self, department=self.department, fiscal_year=self.fiscal_year)
		if other:
			fail(
				_("{0} already has framework {1} for fiscal year {2}. Open that framework instead.").format(
					self.department, frappe.bold(other), self.fiscal_year
				),
				title=_("Duplicate framework"),
			)

	def validate_dimensions(self) -> None:
		names = [row.dimension.strip() for row in self.dimensions]
		duplicates = {name for name in names if names.count(name) > 1}
		if duplicates:
			fail(_("Dimensions: {0} is listed more than once.").format(", ".join(sorted(duplicates))))
		self.total_dimension_weight = weights_total_100(self.dimensions, _("Dimensions"))

	def validate_rounds(self) -> None:
		seen = set()
		for row in self.rounds:
			months = rounds.key(row.months)
			if not months:
				fail(
					_("Assessment Rounds row {0}: choose the round's months, one of {1}.").format(
						row.idx, ", ".join(rounds.OPTIONS)
					)
				)
			if months in seen:
				fail(
					_("Assessment Rounds row {0}: the {1}-month round is listed twice.").format(
						row.idx, months
					)
				)
			seen.add(months)
			filled = round_of_row(row).with_dates(
				int(self.fiscal_year), assessment_working_days(), holidays()
			)
			row.months, row.cut_off_date, row.assessment_due_date = (
				months,
				filled.cut_off,
				filled.assessment_due,
			)
			if not getdate(self.start_date) <= filled.cut_off <= getdate(self.end_date):
				fail(
					_(
						"Assessment Rounds row {0}: the cut-off date {1} is outside fiscal year {2} ({3} to {4})."
					).format(
						row.idx,
						date_text(row.cut_off_date),
						self.fiscal_year,
						date_text(self.start_date),
						date_text(self.end_date),
					)
				)

	# --- the scheme's rules: tier points and grade bands on its scale

	def set_rules(self) -> None:
		points = [self.get(f"tier_{k}_points") for k in (1, 2, 3)]
		if not any(points):
			points = list(scoring.TIER_POINTS)
			for k, value in enumerate(points, start=1):
				self.set(f"tier_{k}_points", value)
		if not all(a < b for a, b in zip([0, *points], points)):
			fail(
				_(
					"Scoring Rules: the tier points must increase from the basic to the advanced tier; got {0}."
				).format(" / ".join(str(p) for p in points))
			)
		if not self.grade_bands or (not self.is_new() and self.has_value_changed("scoring_scheme")):
			self.grade_bands = []  # a new scheme, a new scale
			for name, minimum in scoring.bands_for(self.scoring_scheme, grade_bands()):
				self.append("grade_bands", {"grade": name, "min_score": minimum})

	def rules(self) -> dict:
		"""The rules that score an agreement of this framework (kept on an agreement when it is signed)."""
		return {
			"scoring_scheme": self.scoring_scheme,
			"below_level_one_rule": self.below_level_one_rule,
			"tier_points": [str(scoring.to_decimal(self.get(f"tier_{k}_points") or 0)) for k in (1, 2, 3)],
			"grade_bands": [[row.grade, str(scoring.to_decimal(row.min_score))] for row in self.grade_bands],
		}

	def validate_assessed_round(self) -> None:
		if not self.round_of(self.assessed_round or rounds.DEFAULT_ASSESSED):
			fail(
				_(
					"Round That Completes Step 7: the framework has no {0}-month round; add it under Assessment Rounds or choose one of {1}."
				).format(self.assessed_round, ", ".join(self.round_months()) or _("none"))
			)

	# --- step 1: the department reviews its framework

	def time_the_review(self) -> None:
		"""Step 1 is the department's: the review is timed on the framework, from its creation."""
		self.review_due_on = due_after(process.DEPARTMENT_STATE, now_datetime())

	@frappe.whitelist()
	def mark_reviewed(self) -> None:
		"""The coordinator has reviewed and set the draft framework: agreements can now be made from it."""
		self.check_permission("write")
		if self.reviewed_on:
			return
		self.reviewed_on, self.reviewed_by = now_datetime(), frappe.session.user
		self.save()

	def round_list(self) -> list[rounds.Round]:
		"""The framework's rounds in order, with their dates."""
		return sorted(round_of_row(row) for row in self.rounds)

	def round_of(self, months: object) -> rounds.Round | None:
		"""The framework's ``months``-month round, None when it has none."""
		return rounds.find(self.round_list(), months)

	def round_months(self) -> list[str]:
		return [r.key for r in self.round_list()]

	def round_due(self, months: object) -> datetime | None:
		"""The end of the day the ``months``-month round's assessment is due."""
		found = self.round_of(months)
		return found.assessment_deadline() if found else None

	def results_due(self, months: object) -> datetime | None:
		"""Results of the ``months``-month round are due at its cut-off plus the working days KPI Settings
		allows."""
		found = self.round_of(months)
		return found.results_due(working_days("results_working_days"), holidays()) if found else None

	def signing_levels(self) -> list[str]:
		"""The unit types whose units sign agreements under this framework."""
		return [level for level, field in units.SIGNING_FIELDS.items() if self.get(field)]

	def dimension_names(self) -> list[str]:
		return [row.dimension for row in self.dimensions]

	def issue_names(self) -> list[str]:
		return [row.issue for row in self.strategic_issues]

	@frappe.whitelist()
	def create_agreements(self) -> int:
		"""One draft agreement, at step 1, for every unit of the signing levels under the department that has
		none yet: here and now for a few, in background jobs past INLINE_AGREEMENTS. Returns how many are made
		(or being made); running it again makes only the ones still missing."""
		self.check_permission("write")
		self.check_reviewed()
		units = self.units_without_agreement()
		if len(units) <= INLINE_AGREEMENTS:
			for unit in units:
				create_agreement(unit, self.name)
			frappe.msgprint(_("{0} agreements created").format(len(units)), alert=True)
			return len(units)
		title = _("Creating agreements: {0}").format(self.name)
		bulk_jobs.start(
			"kpi_agreement.kpi_agreement.doctype.kpi_framework.kpi_framework.create_agreement",
			units,
			title=title,
			chunk_size=CREATE_CHUNK,
			arguments={"framework": self.name},
		)
		bulk_jobs.queued_message(title, len(units))
		return len(units)

	def units_without_agreement(self) -> list[str]:
		"""The units of the signing levels under the department with no agreement under this framework."""
		signing = self.signing_levels()
		if not signing:
			fail(
				_(
					"Units That Sign Agreements: tick at least one level (department, bureau, division, group or section) before creating agreements."
				),
				title=_("No level signs agreements"),
			)
		lft, rgt = frappe.db.get_value("KPI Unit", self.department, ["lft", "rgt"])
		signing_units = frappe.get_all(
			"KPI Unit",
			filters={"unit_type": ("in", signing), "lft": (">=", lft), "rgt": ("<=", rgt)},
			pluck="name",
			order_by="lft",
		)
		existing = set(
			frappe.get_all(
				"KPI Agreement", filters={"framework": self.name, "docstatus": ("<", 2)}, pluck="unit"
			)
		)
		return [unit for unit in signing_units if unit not in existing]

	def check_reviewed(self) -> None:
		if not self.reviewed_on:
			fail(
				_(
					"Framework {0} has not been reviewed yet. Review it and press Mark Reviewed (step 1) before making agreements from it."
				).format(frappe.bold(self.name)),
				title=_("Framework not reviewed"),
			)

	@frappe.whitelist()
	def start_indicator_drafting(self) -> str:
		"""Step 1 -> 2 for every unit's agreement, in the background with a progress bar."""
		self.check_permission("write")

		return enqueue_step(self.name, process.FRAMEWORK_REVIEW, process.START_DRAFTING)

	@frappe.whitelist()
	def compile_booklets(self) -> str:
		"""Booklets for every signed agreement that has none, in background jobs on the long queue, ending in
		one ZIP attached here; running it again makes only the missing booklets. Returns the run's id."""
		self.check_permission("write")

		return start_compiling(self.name)

	@frappe.whitelist()
	def next_year_choices(self) -> dict:
		"""The indicators Copy to Next Fiscal Year offers, by dimension (the coordinator's; refused when next
		year's framework exists and was not copied from this one)."""
		return copy_forward.choices(self)

	@frappe.whitelist()
	def copy_to_next_year(self, indicators: list[str] | str | None = None) -> dict:
		"""Make next year's framework from this one and copy the chosen indicators into it (see
		copy_forward.py); nothing of this year's framework, indicators or agreements changes."""
		chosen = frappe.parse_json(indicators) if isinstance(indicators, str) else indicators
		return copy_forward.copy_forward(self, chosen or [])


def round_of_row(row) -> rounds.Round:
	"""A framework's Assessment Rounds row as a Round."""
	return rounds.Round(
		row.months,
		getdate(row.cut_off_date) if row.cut_off_date else None,
		getdate(row.assessment_due_date) if row.assessment_due_date else None,
	)


def create_agreement(unit: str, framework: str) -> bulk_jobs.Outcome:
	"""The unit's draft agreement under ``framework``, unless it has one. The unit's row is locked meanwhile,
	so two runs at once never make two agreements for one unit."""
	agreement = frappe.get_doc({"doctype": "KPI Agreement", "unit": unit, "framework": framework})
	bulk_jobs.reserve_name(agreement)
	frappe.db.get_value("KPI Unit", unit, "name", for_update=True)
	if frappe.db.exists("KPI Agreement", {"unit": unit, "framework": framework, "docstatus": ("<", 2)}):
		return "skipped"
	agreement.insert()
	return "done"


def framework_of_year(fiscal_year: int, unit: str | None = None) -> str:
	"""The framework of ``unit``'s department for the fiscal year (Buddhist era); without a unit, the
	year's only framework. Imports and posted results name a year, not a framework's ID."""
	framework = frappe.qb.DocType("KPI Framework")
	query = (
		frappe.qb.from_(framework)
		.select(framework.name)
		.where((framework.fiscal_year == fiscal_year) & (framework.docstatus < 2))
	)
	if unit:
		bounds = frappe.db.get_value("KPI Unit", unit, ["lft", "rgt"], as_dict=True)
		if not bounds:
			fail(_("Unit: {0} does not exist. Use a unit's name exactly as in the unit tree.").format(unit))
		department = frappe.qb.DocType("KPI Unit")
		query = (
			query.join(department)
			.on(department.name == framework.department)
			.where((department.lft <= bounds.lft) & (department.rgt >= bounds.rgt))
		)
	found = query.run(pluck=True)
	if len(found) != 1:
		fail(
			_(
				"Fiscal Year (B.E.): {0} frameworks of {1} fit {2}. Type the year in the Buddhist era, e.g. 2569, and name the unit (or the framework)."
			).format(len(found), fiscal_year, unit or _("the department"))
		)
	return found[0]
