# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

from decimal import Decimal

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from kpi_agreement.frappe_free import process, ranking, scoring
from kpi_agreement.kpi_agreement.validation import (
	duplicate_of,
	fail,
	number,
	reset_unwritable_row_fields,
	row_label,
)


class KPIAssessment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kpi_agreement.kpi_agreement.doctype.kpi_assessment_line.kpi_assessment_line import (
			KPIAssessmentLine,
		)

		agreement: DF.Link
		amended_from: DF.Link | None
		assessed_on: DF.Date | None
		committee_remarks: DF.Text | None
		dimension_scores: DF.JSON | None
		fiscal_year: DF.Int
		framework: DF.Link | None
		lines: DF.Table[KPIAssessmentLine]
		round_months: DF.Literal["", "6", "9", "12"]
		self_total: DF.Float
		title: DF.Data | None
		total_score: DF.Float
		total_weight: DF.Float
		unit: DF.Link | None
	# end: auto-generated types

	def validate(self) -> None:
		reset_unwritable_row_fields(self)
		self.validate_agreement()
		self.validate_round()
		self.validate_unique()
		self.title = _("{0} - {1} months").format(self.unit, self.round_months)
		self.set_lines()
		self.validate_evidence()
		self.compute_scores()

	def validate_agreement(self) -> None:
		if frappe.db.get_value("KPI Agreement", self.agreement, "docstatus") != 1:
			fail(
				_(
					"Agreement {0} is not signed yet. Results can be assessed only for a signed agreement."
				).format(frappe.bold(self.agreement))
			)

	def validate_round(self) -> None:
		rounds = frappe.get_cached_doc("KPI Framework", self.framework).round_months()
		if str(self.round_months) not in rounds:
			fail(
				_("Round (months): framework {0} has no {1}-month round; its rounds are {2}.").format(
					self.framework, self.round_months, ", ".join(rounds) or _("none")
				)
			)

	def validate_unique(self) -> None:
		other = duplicate_of(self, agreement=self.agreement, round_months=self.round_months)
		if other:
			fail(
				_(
					"Agreement {0} already has assessment {1} for the {2}-month round. Open that one instead."
				).format(self.agreement, frappe.bold(other), self.round_months),
				title=_("Duplicate assessment"),
			)

	def set_lines(self) -> None:
		"""One line per indicator of the agreement, carrying its weight and targets."""
		agreement = self.agreement_doc()
		applicable = [line for line in agreement.lines if agreement.applies(line, self.round_months)]
		targets = agreement.round_targets_of(self.round_months)
		by_indicator = {line.indicator: line for line in self.lines}
		extra = set(by_indicator) - {line.indicator for line in applicable}
		if extra:
			fail(
				_(
					"Results: {0} is not an indicator of agreement {1} assessed in the {2}-month round. Remove that row."
				).format(
					", ".join(sorted(str(name or _("a row without indicator")) for name in extra)),
					self.agreement,
					self.round_months,
				)
			)
		for source in applicable:
			line = by_indicator.get(source.indicator) or self.append("lines", {"indicator": source.indicator})
			line.update(
				{
					"indicator_name": source.indicator_name,
					"dimension": source.dimension,
					"scoring_scheme": source.scoring_scheme,
					"direction": source.direction,
					"weight": source.weight,
					**{f"level_{k}": targets[source.indicator].get(f"level_{k}") for k in scoring.LEVELS},
				}
			)

	def validate_evidence(self) -> None:
		"""Evidence is a private file of the site: only those who may read the assessment can open it."""
		urls = {line.evidence for line in self.lines if line.evidence}
		private = set(
			frappe.get_all(
				"File", filters={"file_url": ("in", list(urls) or [""]), "is_private": 1}, pluck="file_url"
			)
		)
		for line in self.lines:
			if line.evidence and line.evidence not in private:
				fail(
					_(
						"Evidence {0}: attach the file to this assessment as a private file (tick Is Private when uploading)."
					).format(row_label(line)),
					title=_("Evidence must be private"),
				)

	def compute_scores(self) -> None:
		"""Each line's score and its share of the composite; the composite is over the lines that apply in
		the round: Σ(score × weight) / Σ(weight of those lines)."""
		rules = self.rules()
		below_first = Decimal(1) if rules.get("below_level_one_rule") == "Score 1" else Decimal(0)
		points = rules.get("tier_points") or scoring.TIER_POINTS
		self.total_weight = sum((scoring.to_decimal(line.weight or 0) for line in self.lines), Decimal(0))
		for line in self.lines:
			self_score = self.line_score(
				line, line.self_result, _("Self-reported Result"), below_first, points
			)
			verified = self.line_score(line, line.committee_result, _("Verified Result"), below_first, points)
			awarded = self.committee_score(line)
			final = next((s for s in (awarded, verified, self_score) if s is not None), Decimal(0))
			line.self_score = self_score or 0
			line.score = final
			line.weighted_score = scoring.weighted_score(final, line.weight or 0, self.total_weight)
		pairs = [(line.score, line.weight or 0) for line in self.lines]
		self.total_score = scoring.weighted_total(pairs)  # what the weighted-score column adds up to
		self.self_total = scoring.weighted_total((line.self_score, line.weight or 0) for line in self.lines)
		self.dimension_scores = ranking.dimensions_json(
			ranking.dimension_scores((line.dimension, line.score, line.weight) for line in self.lines),
			ranking.dimension_points((line.dimension, line.weighted_score) for line in self.lines),
		)

	def line_score(
		self, line, result, label: str, below_first: Decimal, tier_points=scoring.TIER_POINTS
	) -> Decimal | None:
		if result is None or not str(result).strip():
			return None
		thresholds = [line.get(f"level_{k}") or 0 for k in scoring.LEVELS]
		if line.scoring_scheme != scoring.MILESTONE:
			result = number(result, label, line)
		try:
			return scoring.score_line(
				line.scoring_scheme,
				result,
				thresholds,
				lower_is_better=scoring.is_lower_better(line.direction),
				below_first=below_first,
				tier_points=tier_points,
			)
		except (TypeError, ValueError) as error:
			fail(_("{0} {1} ({2}): {3}").format(label, row_label(line), line.indicator_name, error))

	def committee_score(self, line) -> Decimal | None:
		awarded = number(line.committee_score, _("Committee Score"), line, allow_negative=False)
		if awarded is None:
			return None
		best = scoring.max_score(line.scoring_scheme)
		if awarded > best:
			fail(
				_("Committee Score {0}: {1} is above the best possible score {2}.").format(
					row_label(line), awarded, best
				)
			)
		line.committee_score = str(scoring.quantize(awarded))
		return scoring.quantize(awarded)

	def rules(self) -> dict:
		"""The rules of the agreement as signed (scheme, below-level-1 rule, tier points, grade bands)."""
		from kpi_agreement.kpi_agreement.signed_record import rules_of

		return rules_of(self.agreement_doc())

	def agreement_doc(self):
		"""The agreement assessed, read once per save (its lines, round targets and signed rules)."""
		if not self.flags.agreement_doc or self.flags.agreement_doc.name != self.agreement:
			self.flags.agreement_doc = frappe.get_doc("KPI Agreement", self.agreement)
		return self.flags.agreement_doc

	def before_submit(self) -> None:
		missing = [
			line.indicator_name
			for line in self.lines
			if not (line.self_result or line.committee_result or line.committee_score)
		]
		if missing:
			fail(
				_("Enter a result for every indicator before submitting. Missing: {0}.").format(
					", ".join(missing)
				)
			)


@frappe.whitelist()
def preview(doc: str | dict) -> dict:
	"""Scores and totals of an unsaved assessment form, for live totals; refusals come back as messages."""
	assessment = frappe.get_doc(frappe.parse_json(doc))
	assessment.check_permission("read")
	assessment.compute_scores()
	fields = ("self_score", "score", "weighted_score")
	return {
		"lines": [{field: line.get(field) for field in fields} for line in assessment.lines],
		"totals": {field: assessment.get(field) for field in ("total_score", "self_total", "total_weight")},
	}


@frappe.whitelist()
def round_choices(agreement: str) -> dict:
	"""For a new assessment of ``agreement``: the framework's rounds, those already assessed, and the round
	now due (the form proposes it; nothing is saved until the user saves)."""
	doc = frappe.get_doc("KPI Agreement", agreement)
	doc.check_permission("read")
	rounds = [
		(str(row.months), getdate(row.cut_off_date) if row.cut_off_date else None)
		for row in frappe.get_cached_doc("KPI Framework", doc.framework).rounds
	]
	assessed = frappe.get_list(
		"KPI Assessment", filters={"agreement": agreement, "docstatus": ("<", 2)}, pluck="round_months"
	)
	return {
		"rounds": [months for months, _cut_off in rounds],
		"assessed": sorted(set(assessed), key=int),
		"suggested": process.round_now_due(rounds, assessed, getdate()),
	}
