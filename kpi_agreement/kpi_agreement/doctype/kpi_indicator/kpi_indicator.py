# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kpi_agreement.frappe_free import cascade, scoring
from kpi_agreement.frappe_free.detail_sheet import missing_fields
from kpi_agreement.kpi_agreement.doctype.kpi_framework.kpi_framework import framework_of_year
from kpi_agreement.utils.validation import fail


class KPIIndicator(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kpi_agreement.kpi_agreement.doctype.kpi_indicator_baseline.kpi_indicator_baseline import (
			KPIIndicatorBaseline,
		)
		from kpi_agreement.kpi_agreement.doctype.kpi_indicator_level.kpi_indicator_level import (
			KPIIndicatorLevel,
		)

		baselines: DF.Table[KPIIndicatorBaseline]
		copied_from: DF.Link | None
		data_collector: DF.Link | None
		data_collector_name: DF.Data | None
		definition: DF.Text | None
		detail_complete: DF.Check
		dimension: DF.Autocomplete | None
		direction: DF.Literal["Higher is better", "Lower is better"]
		fiscal_year: DF.Int
		formula: DF.Text | None
		framework: DF.Link
		indicator_code: DF.Data
		indicator_name: DF.Data
		indicator_owner: DF.Link | None
		indicator_owner_name: DF.Data | None
		levels: DF.Table[KPIIndicatorLevel]
		parent_indicator: DF.Link | None
		reported_beside: DF.Check
		required_evidence: DF.Text | None
		rollup_rule: DF.Literal["", "Sum", "Weighted Average", "Average", "Minimum"]
		rollup_weight: DF.Float
		rollup_weight_label: DF.Data | None
		scoring_scheme: DF.Literal["Five Level", "Milestone", "Tier"]
		strategic_issue: DF.Autocomplete | None
		unit: DF.Link | None
		unit_of_measure: DF.Data | None
	# end: auto-generated types

	def before_insert(self) -> None:
		if not self.framework and self.fiscal_year:  # an imported sheet names its year, not the framework
			self.framework = framework_of_year(self.fiscal_year, self.unit)

	def validate(self) -> None:
		self.validate_unique_code()
		self.validate_framework_fit()
		self.validate_line_of_sight()
		self.sort_levels()
		self.validate_levels()
		self.validate_baselines()
		self.detail_complete = int(not self.missing_details())

	def on_update(self) -> None:
		self.carry_levels_to_draft_agreements()

	def carry_levels_to_draft_agreements(self) -> None:
		"""Edited targets reach the lines of agreements not yet signed that still carry the indicator's
		previous targets; a line whose targets were negotiated otherwise keeps them, and a signed agreement
		changes only by amendment."""
		before = self.get_doc_before_save()
		if not before or before.thresholds() == self.thresholds():
			return
		old = before.thresholds()
		new = {f"level_{row.level}": row.threshold for row in self.levels}
		line = frappe.qb.DocType("KPI Agreement Line")
		agreement = frappe.qb.DocType("KPI Agreement")
		rows = (
			frappe.qb.from_(line)
			.join(agreement)
			.on(agreement.name == line.parent)
			.select(line.name, *[line[f"level_{k}"] for k in range(1, len(old) + 1)])
			.where((line.indicator == self.name) & (agreement.docstatus == 0))
			.run(as_list=True)
		)
		for name, *levels in rows:
			if [scoring.to_decimal(value or 0) for value in levels] == old:
				frappe.db.set_value("KPI Agreement Line", name, new)

	def validate_line_of_sight(self) -> None:
		"""The strategic issue is the framework's; the parent is an indicator of the same framework that says
		how its children roll up, not one of this indicator's own descendants."""
		issues = frappe.get_cached_doc("KPI Framework", self.framework).issue_names()
		if self.strategic_issue and self.strategic_issue not in issues:
			fail(
				_("Strategic Issue {0} is not in framework {1}. Choose one of: {2}.").format(
					frappe.bold(self.strategic_issue), self.framework, ", ".join(issues) or _("none")
				)
			)
		if not self.parent_indicator:
			return
		parent = frappe.db.get_value(
			"KPI Indicator", self.parent_indicator, ["framework", "rollup_rule"], as_dict=True
		)
		if not parent or parent.framework != self.framework:
			fail(
				_(
					"Parent Indicator: {0} is not an indicator of framework {1}. Choose one of the same year."
				).format(self.parent_indicator, self.framework)
			)
		if not parent.rollup_rule:
			fail(
				_(
					"Parent Indicator: {0} does not say how its children roll up. Set its Roll-up of Its Children first."
				).format(self.parent_indicator)
			)
		parents = dict(
			frappe.get_all(
				"KPI Indicator", {"framework": self.framework}, ["name", "parent_indicator"], as_list=True
			)
		)
		if cascade.loop_through(self.name, self.parent_indicator, parents):
			fail(
				_(
					"Parent Indicator: {0} is part of {1} already; an indicator cannot roll up into itself."
				).format(self.parent_indicator, self.name)
			)
		rolls_up = not self.reported_beside
		if rolls_up and parent.rollup_rule == cascade.WEIGHTED_AVERAGE and not (self.rollup_weight or 0) > 0:
			fail(
				_(
					"Roll-up Weight: {0} rolls into {1} by a weighted average; enter this indicator's weight (for example its budget)."
				).format(self.indicator_code, self.parent_indicator)
			)

	def validate_unique_code(self) -> None:
		other = frappe.db.exists(
			"KPI Indicator",
			{"framework": self.framework, "indicator_code": self.indicator_code, "name": ("!=", self.name)},
		)
		if other:
			fail(
				_(
					"Code: {0} is already indicator {1} of framework {2}. Give each indicator its own code."
				).format(frappe.bold(self.indicator_code), other, self.framework),
				title=_("Duplicate indicator code"),
				exc=frappe.DuplicateEntryError,
			)

	@property
	def lower_is_better(self) -> bool:
		return scoring.is_lower_better(self.direction)

	def validate_framework_fit(self) -> None:
		framework = frappe.get_cached_doc("KPI Framework", self.framework)
		dimensions = framework.dimension_names()
		if self.dimension and self.dimension not in dimensions:
			fail(
				_("Dimension {0} is not in framework {1}. Choose one of: {2}.").format(
					frappe.bold(self.dimension), self.framework, ", ".join(dimensions)
				)
			)
		if (self.scoring_scheme == scoring.TIER) != (framework.scoring_scheme == scoring.TIER):
			fail(
				_("Scoring Scheme {0} does not fit framework {1}, which scores with {2}.").format(
					_(self.scoring_scheme), self.framework, _(framework.scoring_scheme)
				)
			)

	def sort_levels(self) -> None:
		self.levels.sort(key=lambda row: row.level or 0)
		for idx, row in enumerate(self.levels, start=1):
			row.idx = idx

	def validate_levels(self) -> None:
		count = scoring.level_count(self.scoring_scheme)
		if not self.levels:
			return
		if [row.level for row in self.levels] != list(range(1, count + 1)):
			fail(
				_(
					"Scoring Criteria: a {0} indicator needs exactly the levels 1 to {1}, one row each."
				).format(_(self.scoring_scheme), count),
				title=_("Incomplete scoring criteria"),
			)
		problem = self.thresholds_problem()
		if problem:
			fail(problem, title=_("Thresholds out of order"))

	def thresholds_problem(self) -> str | None:
		"""Why the thresholds are out of order for the indicator's direction, or None."""
		if self.scoring_scheme == scoring.MILESTONE:
			return None
		count = scoring.level_count(self.scoring_scheme)
		try:
			scoring.check_thresholds(self.thresholds(), lower_is_better=self.lower_is_better, count=count)
		except ValueError:
			order = _("decrease") if self.lower_is_better else _("increase")
			return _(
				"Scoring Criteria: for a '{0}' indicator the thresholds must {1} strictly from level 1 to level {2}; got {3}."
			).format(_(self.direction), order, count, ", ".join(str(t) for t in self.thresholds()))
		return None

	def validate_baselines(self) -> None:
		years = [row.fiscal_year for row in self.baselines]
		if len(years) != len(set(years)):
			fail(_("Baseline Data: each fiscal year may appear only once."))

	def thresholds(self) -> list:
		return [scoring.to_decimal(row.threshold or 0) for row in self.levels]

	def missing_details(self) -> list[str]:
		"""Labels of the detail-sheet parts still empty."""
		meta = frappe.get_meta(self.doctype)
		return [meta.get_label(field) for field in missing_fields(self.as_dict(), len(self.levels))]

	@frappe.whitelist()
	def preview_score(self, result: str) -> str:
		"""Score a sample result with the thresholds as they stand on the form."""
		if not result:
			return ""
		try:
			return str(
				scoring.score_line(
					self.scoring_scheme, result, self.thresholds(), lower_is_better=self.lower_is_better
				)
			)
		except (TypeError, ValueError) as error:
			return _("Cannot score: {0}").format(error)


@frappe.whitelist()
def check_levels(doc: str | dict) -> str:
	"""The form's live check of the criteria, before saving: the server's own rule, on the form's values
	(nothing is saved, and the form keeps what the user typed)."""
	indicator = frappe.get_doc(frappe.parse_json(doc))
	indicator.check_permission("read")
	if len(indicator.levels) != scoring.level_count(indicator.scoring_scheme):
		return ""  # still being filled in
	return indicator.thresholds_problem() or ""
