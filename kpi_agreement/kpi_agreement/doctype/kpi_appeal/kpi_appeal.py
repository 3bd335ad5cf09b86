# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

"""A unit's request to review its published scores (ขอทบทวนผลคะแนน): filed by its unit head within the
days KPI Settings allows after the scorecard is published, decided by the committee with a reason. An
accepted appeal amends the assessment (the original kept and linked) and revises the scorecard."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from kpi_agreement.frappe_free import appeals, certification, process, scoring
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import after_working_days
from kpi_agreement.utils.validation import fail, number, row_label


class KPIAppeal(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kpi_agreement.kpi_agreement.doctype.kpi_appeal_line.kpi_appeal_line import KPIAppealLine

		amended_assessment: DF.Link | None
		appeal_due: DF.Datetime | None
		assessment: DF.Link
		decided_by: DF.Link | None
		decided_on: DF.Datetime | None
		decision_due: DF.Datetime | None
		decision_reason: DF.SmallText | None
		filed_by: DF.Link | None
		filed_on: DF.Datetime | None
		fiscal_year: DF.Int
		framework: DF.Link | None
		lines: DF.Table[KPIAppealLine]
		round_months: DF.Data | None
		scorecard: DF.Link | None
		status: DF.Literal["Draft", "Filed", "Accepted", "Rejected"]
		title: DF.Data | None
		unit: DF.Link | None
	# end: auto-generated types

	def validate(self) -> None:
		self.check_unit_side_frozen()
		self.set_from_assessment()
		self.validate_lines()
		self.title = _("Appeal of {0}, {1}-month round").format(self.unit, self.round_months)

	def set_from_assessment(self) -> None:
		assessment = self.assessment_doc()
		assessment.check_permission("read")  # a unit appeals its own scores only
		if assessment.docstatus != 1:
			fail(
				_("Assessment Appealed: {0} is not submitted; a unit appeals published scores.").format(
					self.assessment
				)
			)
		self.unit, self.fiscal_year = assessment.unit, assessment.fiscal_year
		self.framework, self.round_months = assessment.framework, assessment.round_months
		self.scorecard = frappe.db.get_value(
			"KPI Scorecard",
			{"framework": self.framework, "round_months": self.round_months, "docstatus": 1},
		)
		if not self.scorecard:
			fail(
				_(
					"The {0}-month scorecard is not published yet: appeals follow the published scores."
				).format(self.round_months)
			)
		self.appeal_due = after_working_days(published_on(self.scorecard), "appeal_working_days")

	def validate_lines(self) -> None:
		lines = {line.indicator: line for line in self.assessment_doc().lines}
		seen = set()
		for row in self.lines:
			line = lines.get(row.indicator)
			if not line:
				fail(
					_("Lines Appealed {0}: {1} is not a line of assessment {2}.").format(
						row_label(row), row.indicator, self.assessment
					)
				)
			if row.indicator in seen:
				fail(
					_("Lines Appealed {0}: {1} is listed twice.").format(row_label(row), line.indicator_name)
				)
			seen.add(row.indicator)
			row.indicator_name, row.current_score = line.indicator_name, line.score
			for field, label in (
				("requested_score", _("Score Asked For")),
				("decided_score", _("Committee's New Score")),
			):
				self.check_score(row, field, label, line.scoring_scheme)

	@staticmethod
	def check_score(row, field: str, label: str, scheme: str) -> None:
		value = number(row.get(field), label, row, allow_negative=False)
		if value is not None and value > scoring.max_score(scheme):
			fail(
				_("{0} {1}: {2} is above the best possible score {3}.").format(
					label, row_label(row), value, scoring.max_score(scheme)
				)
			)

	def check_unit_side_frozen(self) -> None:
		"""Once filed, what the unit asked is the record: its lines and reasons no longer change."""
		before = self.get_doc_before_save()
		if not before or not appeals.unit_side_frozen(before.status):
			return
		asked = lambda doc: [(r.indicator, r.requested_score, r.reason) for r in doc.lines]  # noqa: E731
		if asked(before) != asked(self) or before.assessment != self.assessment:
			fail(
				_("Appeal {0} was filed on {1}: what it asks can no longer change.").format(
					self.name, before.filed_on
				)
			)

	def assessment_doc(self):
		return frappe.get_doc("KPI Assessment", self.assessment)

	def onload(self) -> None:
		if not self.is_new():
			self.set_onload("actions", appeals.allowed_actions(self.actors(), self.status))

	def actors(self) -> set[str]:
		"""Who the signed-in user is to the appeal: the unit head (who may write it), the committee."""
		if frappe.session.user == "Administrator":
			return {appeals.HEAD, appeals.COMMITTEE}
		roles = set(frappe.get_roles())
		actors = {appeals.HEAD} if process.UNIT_HEAD in roles and self.has_permission("write") else set()
		return actors | ({appeals.COMMITTEE} if {process.COMMITTEE, process.COORDINATOR} & roles else set())

	def check_move(self, action: str) -> None:
		"""Refuse ``action`` when the core's table of appeal moves does, saying why."""
		self.check_permission("read")
		refusal = appeals.refusal(
			action,
			self.actors(),
			self.status,
			now=now_datetime(),
			appeal_due=get_datetime(self.appeal_due) if self.appeal_due else None,
			reason=self.decision_reason,
			decided_scores=[row.decided_score for row in self.lines],
		)
		if refusal:
			message, title = APPEAL_REFUSALS[
				(action, refusal) if (action, refusal) in APPEAL_REFUSALS else refusal
			]
			fail(
				message().format(
					name=self.name,
					status=_(self.status),
					months=self.round_months,
					due=self.appeal_due,
					missing=", ".join(
						str(r.indicator_name or r.indicator)
						for r in self.lines
						if r.decided_score in (None, "")
					),
				),
				title=title() if title else None,
				exc=frappe.PermissionError if refusal == appeals.ACTOR else frappe.ValidationError,
			)

	@frappe.whitelist()
	def file(self) -> None:
		"""The unit head files the appeal, within the days allowed after the scorecard is published."""
		self.check_move(appeals.FILE)
		now = now_datetime()
		self.db_set(
			{
				"status": appeals.FILED,
				"filed_by": frappe.session.user,
				"filed_on": now,
				"decision_due": after_working_days(now, "appeal_decision_working_days"),
			}
		)
		self.note_on_assessment(
			certification.APPEAL_FILED, "; ".join(f"{r.indicator_name}: {r.reason}" for r in self.lines)
		)

	@frappe.whitelist()
	def accept(self) -> str:
		"""The committee accepts: its new scores amend the assessment and the scorecard is revised."""
		self.check_move(appeals.ACCEPT)
		amended = self.amend_assessment()
		self.decide(appeals.ACCEPTED, amended_assessment=amended)
		scorecard = frappe.get_doc("KPI Scorecard", self.scorecard)
		scorecard.revise_after_appeal(self)
		return amended

	@frappe.whitelist()
	def reject(self) -> None:
		"""The committee rejects, saying why; the scores stand."""
		self.check_move(appeals.REJECT)
		self.decide(appeals.REJECTED)

	def decide(self, status: str, **fields) -> None:
		self.db_set(
			{"status": status, "decided_by": frappe.session.user, "decided_on": now_datetime(), **fields}
		)
		action = (
			certification.APPEAL_ACCEPTED if status == appeals.ACCEPTED else certification.APPEAL_REJECTED
		)
		self.note_on_assessment(action, self.decision_reason, fields.get("amended_assessment"))

	def note_on_assessment(self, action: str, reason: str | None, assessment: str | None = None) -> None:
		"""The appeal's moves appear in the assessment's history (the amended one's, once accepted)."""
		doc = frappe.get_doc("KPI Assessment", assessment or self.assessment)
		doc.flags.moved_by_method = True
		doc.record(action, None, reason)
		self.add_comment("Info", " ".join(filter(None, (_(action), reason))))

	def amend_assessment(self) -> str:
		"""Cancel the appealed assessment and submit its amendment with the committee's new scores."""
		original = self.assessment_doc()
		decided = {row.indicator: row.decided_score for row in self.lines}
		amended = frappe.copy_doc(original)
		amended.amended_from = original.name
		for line in amended.lines:
			if line.indicator in decided:
				line.committee_score = decided[line.indicator]
		original.flags.ignore_links = True  # the published scorecard keeps pointing at it until revised
		original.flags.ignore_permissions = True
		original.cancel()
		amended.flags.ignore_permissions = True
		amended.insert()
		amended.submit()
		return amended.name


APPEAL_REFUSALS = {
	(appeals.FILE, appeals.ACTOR): (
		lambda: _("The unit head files the unit's appeal."),
		lambda: _("Not the unit head"),
	),
	(appeals.FILE, appeals.STATE): (lambda: _("Appeal {name} is already {status}."), None),
	appeals.ACTOR: (lambda: _("The assessment committee decides appeals."), None),
	appeals.STATE: (lambda: _("Appeal {name} is {status}: only a filed appeal is decided."), None),
	appeals.TOO_LATE: (
		lambda: _("The time to appeal the {months}-month scores ended on {due}."),
		lambda: _("Too late to appeal"),
	),
	appeals.NO_REASON: (
		lambda: _("Reason for the Decision: give it before deciding; the unit reads it."),
		lambda: _("Reason required"),
	),
	appeals.NO_SCORE: (lambda: _("Committee's New Score: enter it for {missing} before accepting."), None),
}
"""What each refusal of the core's appeal moves says, by (move, refusal) or by refusal alone."""


def published_on(scorecard: str):
	"""When the scorecard was published (submitted)."""
	published, modified = frappe.db.get_value("KPI Scorecard", scorecard, ["published_on", "modified"])
	return get_datetime(published or modified)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def assessment_indicators(doctype: str, txt: str, searchfield: str, start: int, page_len: int, filters: dict):
	"""Link search of an appeal's lines: the indicators of the appealed assessment the user may read."""
	assessment = frappe.get_doc("KPI Assessment", (filters or {}).get("assessment"))
	assessment.check_permission("read")
	found = [
		(line.indicator, line.indicator_name)
		for line in assessment.lines
		if (txt or "").lower() in f"{line.indicator} {line.indicator_name}".lower()
	]
	return found[int(start) : int(start) + int(page_len)]
