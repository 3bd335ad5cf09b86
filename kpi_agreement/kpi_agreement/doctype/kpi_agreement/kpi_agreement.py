# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.model.document import Document
from frappe.model.workflow import WorkflowPermissionError, get_transitions
from frappe.rate_limiter import rate_limit
from frappe.utils import cstr, flt, now_datetime, today

from kpi_agreement.frappe_free import process, rounds, scoring
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.agreement_workflow import (
	cancelled_state,
	initial_state,
	state_docstatus,
	state_editors,
)
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet import attach_booklet, booklet_file
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.signed_record import capture
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.step_mail import send_step_emails
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import (
	due_after,
	head_position,
	step_setting,
)
from kpi_agreement.utils.validation import duplicate_of, fail, weights_total_100


class KPIAgreement(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kpi_agreement.kpi_agreement.doctype.kpi_agreement_line.kpi_agreement_line import KPIAgreementLine
		from kpi_agreement.kpi_agreement.doctype.kpi_agreement_round_target.kpi_agreement_round_target import (
			KPIAgreementRoundTarget,
		)
		from kpi_agreement.kpi_agreement.doctype.kpi_agreement_step.kpi_agreement_step import KPIAgreementStep

		amended_from: DF.Link | None
		booklet: DF.Attach | None
		executive_name: DF.Data | None
		executive_position: DF.Data | None
		executive_signed_on: DF.Date | None
		executive_user: DF.Link | None
		fiscal_year: DF.Int
		framework: DF.Link
		lines: DF.Table[KPIAgreementLine]
		responsible_role: DF.Link | None
		revision_reason: DF.SmallText | None
		round_targets: DF.Table[KPIAgreementRoundTarget]
		signed_rules: DF.JSON | None
		signed_sheets: DF.JSON | None
		step_due_on: DF.Datetime | None
		step_entered_on: DF.Datetime | None
		step_history: DF.Table[KPIAgreementStep]
		step_notify: DF.SmallText | None
		title: DF.Data | None
		total_weight: DF.Float
		unit: DF.Link
		unit_head_name: DF.Data | None
		unit_head_position: DF.Data | None
		unit_head_signed_on: DF.Date | None
		unit_head_user: DF.Link | None
		workflow_state: DF.Link | None
	# end: auto-generated types

	def onload(self) -> None:
		self.set_onload("can_generate_booklet", self.docstatus == 1 and self.may_compile_booklet())

	def validate(self) -> None:
		self.check_docstatus_follows_state()
		self.check_edit_rights()
		self.validate_framework_reviewed()
		self.validate_signing_level()
		self.validate_unique()
		self.set_title()
		self.set_signatory_defaults()
		self.fill_targets()
		self.validate_lines()
		self.track_step()

	def before_update_after_submit(self) -> None:
		self.check_docstatus_follows_state()
		self.check_edit_rights()
		self.track_step()

	def before_cancel(self) -> None:
		"""Cancelling takes the agreement out of the process: its state says so too."""
		self.workflow_state = cancelled_state() or self.workflow_state
		self.close_step(self.workflow_state, now_datetime(), None, None, None)
		self.responsible_role, self.step_notify = None, None

	def on_update(self) -> None:
		self.post_revision_reason()
		self.tell_responsible_people()

	def on_update_after_submit(self) -> None:
		self.post_revision_reason()
		self.tell_responsible_people()

	def tell_responsible_people(self) -> None:
		if self.flags.step_entered:
			self.flags.step_entered = False

			send_step_emails(self)

	# --- validation

	def validate_framework_reviewed(self) -> None:
		"""Agreements start from a reviewed framework (step 1 is the department's)."""
		if self.is_new():
			self.framework_doc().check_reviewed()

	def validate_signing_level(self) -> None:
		"""Only units of the levels the framework ticks under Units That Sign Agreements sign one."""
		if not self.is_new():
			return
		levels = self.framework_doc().signing_levels()
		unit_type = frappe.db.get_value("KPI Unit", self.unit, "unit_type")
		if unit_type not in levels:
			fail(
				_(
					"Unit: {0} is a {1}, and under framework {2} agreements are signed by: {3}. Choose a unit of those levels, or tick {1} under Units That Sign Agreements on the framework."
				).format(
					frappe.bold(self.unit),
					_(unit_type or ""),
					self.framework,
					", ".join(_(level) for level in levels) or _("no level"),
				),
				title=_("Unit level does not sign agreements"),
			)

	def framework_doc(self):
		return frappe.get_cached_doc("KPI Framework", self.framework)

	def validate_unique(self) -> None:
		other = duplicate_of(self, unit=self.unit, framework=self.framework)
		if other:
			fail(
				_(
					"Unit {0} already has agreement {1} under framework {2}. Open that agreement instead."
				).format(frappe.bold(self.unit), frappe.bold(other), self.framework),
				title=_("Duplicate agreement"),
			)

	def set_title(self) -> None:
		self.title = _("{0} FY {1}").format(self.unit, self.fiscal_year or "")

	def set_signatory_defaults(self) -> None:
		if self.executive_user and not self.executive_name:
			self.executive_name = frappe.db.get_value("User", self.executive_user, "full_name")
		if self.executive_user and not self.executive_position:
			self.executive_position = head_position(self.framework_doc().department)
		if not self.unit_head_user and not self.unit_head_name:
			head = frappe.db.get_value(
				"KPI Unit", self.unit, ["unit_head", "unit_head_name", "unit_head_position"], as_dict=True
			)
			if head:
				self.unit_head_user, self.unit_head_name = head.unit_head, head.unit_head_name
				self.unit_head_position = self.unit_head_position or head.unit_head_position
		if self.unit and not self.unit_head_position:
			self.unit_head_position = head_position(self.unit)

	def fill_targets(self) -> None:
		"""New lines take the indicator's level thresholds as their targets."""
		for line in self.lines:
			if line.indicator and not any(line.get(f"level_{k}") for k in scoring.LEVELS):
				levels = frappe.get_all(
					"KPI Indicator Level",
					filters={"parent": line.indicator, "parenttype": "KPI Indicator"},
					fields=["level", "threshold"],
				)
				for row in levels:
					line.set(f"level_{row.level}", row.threshold)

	def validate_lines(self) -> None:
		seen = set()
		frameworks = dict(
			frappe.get_all(
				"KPI Indicator",
				filters={"name": ("in", [line.indicator for line in self.lines] or [""])},
				fields=["name", "framework"],
				as_list=True,
			)
		)
		for line in self.lines:
			if line.indicator in seen:
				fail(
					_("Indicator Lines row {0}: indicator {1} is already in this agreement.").format(
						line.idx, frappe.bold(line.indicator_name or line.indicator)
					),
					title=_("Indicator used twice"),
				)
			seen.add(line.indicator)
			framework = frameworks.get(line.indicator)
			if framework != self.framework:
				fail(
					_("Indicator Lines row {0}: indicator {1} belongs to framework {2}, not {3}.").format(
						line.idx, line.indicator, framework, self.framework
					)
				)
			self.validate_targets(line, line)
			self.validate_applies(line)
		self.total_weight = weights_total_100(self.lines, _("Indicator Lines"))
		self.validate_dimension_weights()
		self.validate_round_targets()

	def validate_dimension_weights(self) -> None:
		"""The lines of each of the framework's dimensions weigh what the framework gives the dimension."""
		if not self.lines:
			return
		lines = {}
		for line in self.lines:
			lines[line.dimension] = lines.get(line.dimension, 0) + scoring.to_decimal(line.weight or 0)
		for row in self.framework_doc().dimensions:
			wanted, got = scoring.to_decimal(row.weight), lines.get(row.dimension, 0)
			if got != wanted:
				fail(
					_(
						"Dimension {0}: its indicator lines weigh {1}, but the framework gives the dimension {2} ({3} {4}). Adjust the weights of its lines."
					).format(
						frappe.bold(row.dimension),
						scoring.weight_text(got),
						scoring.weight_text(wanted),
						_("over by") if got > wanted else _("short by"),
						scoring.weight_text(abs(got - wanted)),
					),
					title=_("Dimension weights"),
				)

	# --- rounds: which lines apply, and their targets in each round

	def applies(self, line, months: object) -> bool:
		"""Whether ``line`` is assessed in the ``months``-month round (False for anything not a round)."""
		return bool(rounds.months_of(months) and line.get(rounds.Round(months).line_field))

	def validate_applies(self, line) -> None:
		framework_rounds = self.framework_doc().round_months()
		if framework_rounds and not any(self.applies(line, months) for months in framework_rounds):
			fail(
				_(
					"Indicator Lines row {0} ({1}): tick at least one round the indicator is assessed in ({2} months)."
				).format(line.idx, line.indicator_name or line.indicator, ", ".join(framework_rounds)),
				title=_("No round"),
			)

	def validate_round_targets(self) -> None:
		lines = {line.indicator: line for line in self.lines}
		framework_rounds, seen = self.framework_doc().round_months(), set()
		for row in self.round_targets:
			line = lines.get(row.indicator)
			label = _("Targets by Round row {0}").format(row.idx)
			if not line:
				fail(_("{0}: indicator {1} is not a line of this agreement.").format(label, row.indicator))
			months = rounds.key(row.round_months)
			if months not in framework_rounds or not self.applies(line, months):
				fail(
					_(
						"{0}: {1} is not assessed in the {2}-month round; tick that round on its line or remove the row."
					).format(label, line.indicator_name or line.indicator, row.round_months)
				)
			if (row.indicator, months) in seen:
				fail(
					_("{0}: the {1}-month targets of {2} are already given.").format(
						label, months, line.indicator_name
					)
				)
			seen.add((row.indicator, months))
			self.validate_targets(row, line)

	def round_targets_of(self, months: object) -> dict:
		"""indicator -> the row holding its targets in the ``months``-month round (its line unless a round
		row says otherwise)."""
		wanted = rounds.key(months)
		rows = {row.indicator: row for row in self.round_targets if rounds.key(row.round_months) == wanted}
		return {line.indicator: rows.get(line.indicator, line) for line in self.lines}

	def validate_targets(self, row, line) -> None:
		"""The level targets on ``row`` (a line, or a round's targets of ``line``) in the line's direction."""
		if line.scoring_scheme == scoring.MILESTONE:  # milestones are criteria, not numbers
			return
		count = scoring.level_count(line.scoring_scheme)
		targets = [row.get(f"level_{k}") or 0 for k in range(1, count + 1)]
		try:
			scoring.check_thresholds(
				targets, lower_is_better=scoring.is_lower_better(line.direction), count=count
			)
		except ValueError as error:
			fail(
				_("{0} row {1} ({2}): the level targets are not in order: {3}.").format(
					_("Targets by Round") if row is not line else _("Indicator Lines"),
					row.idx,
					line.indicator_name or line.indicator,
					error,
				),
				title=_("Targets out of order"),
			)

	# --- what the workflow allows

	def check_docstatus_follows_state(self) -> None:
		"""Signing (docstatus 1) happens only as a workflow action: the state the request arrives in must be
		one of the workflow's states with that docstatus, so a direct submit is refused."""
		state = self.workflow_state or initial_state()
		expected = state_docstatus(state)
		if expected is not None and expected != self.docstatus:
			frappe.throw(
				_(
					"An agreement in state {0} cannot be saved as {1}. Signing and cancelling happen only through the workflow actions (the Actions button), which check who may act and what must be complete."
				).format(frappe.bold(_(state)), frappe.bold(_(DOCSTATUS_LABELS[self.docstatus]))),
				WorkflowPermissionError,
				title=_("Use the workflow action"),
			)

	def check_edit_rights(self) -> None:
		"""The workflow names who may edit an agreement in each state; the server holds to it, not only the
		browser. Changing state is the workflow's own check; this one is about the content."""
		before = self.get_doc_before_save()
		if not before or self.flags.ignore_permissions or frappe.session.user == "Administrator":
			return
		editors = state_editors(before.workflow_state)
		if editors is None or editors & set(frappe.get_roles()):
			return
		changed = changed_content(before, self)
		if changed:
			frappe.throw(
				_("In state {0} only {1} may change this agreement; the change to {2} was not saved.").format(
					frappe.bold(_(before.workflow_state)),
					", ".join(_(role) for role in sorted(editors)) or _("nobody"),
					", ".join(changed),
				),
				frappe.PermissionError,
				title=_("Not editable in this state"),
			)

	# --- the nine steps

	def track_step(self) -> None:
		"""On entering a step: check its guard, close the previous step, record who, when and the due time."""
		before = self.get_doc_before_save()
		old = before.workflow_state if before else None
		self.workflow_state = self.workflow_state or initial_state()
		new = self.workflow_state
		if not new or old == new:
			return
		self.check_guard(old, new)
		if new == process.SIGNED:
			capture(self)
		now = now_datetime()
		reason = None
		if old and new == _return_target(old):
			reason, self.revision_reason = self.revision_reason, None
			self.flags.revision_reason = reason
		self.close_step(new, *state_times(self.framework_doc(), new, now), reason)
		self.responsible_role = step_setting(new).get("role") or None
		self.step_notify = ", ".join(self.responsible_users())
		self.flags.step_entered = True

	def close_step(self, new: str, entered, due, left, reason: str | None) -> None:
		"""Close the step being left and open ``new`` in the step history."""
		now = now_datetime()
		for row in self.step_history:
			row.left_on = row.left_on or now
		self.step_entered_on, self.step_due_on = entered, None if left else due
		self.append(
			"step_history",
			{
				"state": new,
				"entered_on": entered,
				"entered_by": frappe.session.user,
				"due_on": due,
				"left_on": left,
				"reason": reason,
			},
		)

	def responsible_users(self) -> list[str]:
		"""Who acts at the current step: the unit head, the indicator owners, or the holders of the role."""
		role = self.responsible_role
		if role == process.UNIT_HEAD:
			users = [self.unit_head_user]
		elif role == process.INDICATOR_OWNER:
			users = frappe.get_all(
				"KPI Indicator",
				filters={"name": ("in", [line.indicator for line in self.lines] or [""])},
				pluck="indicator_owner",
			)
		elif role:
			users = frappe.get_all(
				"Has Role", filters={"role": role, "parenttype": "User"}, pluck="parent", distinct=True
			)
		else:
			users = []
		enabled = set(
			frappe.get_all("User", filters={"name": ("in", users or [""]), "enabled": 1}, pluck="name")
		)
		return sorted({user for user in users if user in enabled} - {"Administrator", "Guest"})

	def check_guard(self, old: str | None, new: str) -> None:
		guard = GUARDS.get(new)
		if old and new == _return_target(old):
			guard = KPIAgreement.guard_revision_reason
		message = guard(self) if guard else None
		if message:
			frappe.throw(message, title=_("Cannot move to {0}").format(_(new)))

	def guard_lines_complete(self) -> str | None:
		if not self.lines:
			return _("Add the indicators of this agreement before sending it for negotiation.")
		for line in self.lines:
			indicator = frappe.get_doc("KPI Indicator", line.indicator)
			missing = indicator.missing_details()
			if missing:
				return _("The detail sheet of indicator {0} is incomplete: {1}. Complete it first.").format(
					frappe.bold(indicator.indicator_name), ", ".join(_(label) for label in missing)
				)
		return None

	def guard_revision_reason(self) -> str | None:
		if not (self.revision_reason or "").strip():
			return _("Enter the Reason for Revision so that the indicator owners know what to change.")
		return None

	def guard_signatories(self) -> str | None:
		for side, label in (("executive", _("Receiving Executive")), ("unit_head", _("Unit Head"))):
			if not (self.get(f"{side}_name") and self.get(f"{side}_position")):
				return _("Enter the name and position of the {0} before signing.").format(label)
			self.set(f"{side}_signed_on", self.get(f"{side}_signed_on") or today())
		return None

	def guard_booklet(self) -> str | None:

		if not booklet_file(self):
			return _("Generate the booklet first (Booklet > Generate Booklet).")
		return None

	def guard_assessment(self) -> str | None:
		months = rounds.key(self.framework_doc().assessed_round)
		if not frappe.db.exists(
			"KPI Assessment", {"agreement": self.name, "round_months": months, "docstatus": 1}
		):
			return _("Submit the {0}-month KPI Assessment of this agreement first.").format(months)
		return None

	def guard_scorecard_published(self) -> str | None:
		if not self.round_scorecard():
			return _("Publish (submit) the {0}-month KPI Scorecard of framework {1} first.").format(
				self.framework_doc().assessed_round, self.framework
			)
		return None

	def guard_scorecard_presented(self) -> str | None:
		scorecard = self.round_scorecard()
		if not scorecard or not frappe.db.get_value("KPI Scorecard", scorecard, "presented_on"):
			return _("Mark the {0}-month KPI Scorecard as presented to the Director-General first.").format(
				self.framework_doc().assessed_round
			)
		return None

	def round_scorecard(self) -> str | None:
		return frappe.db.exists(
			"KPI Scorecard",
			{
				"framework": self.framework,
				"round_months": rounds.key(self.framework_doc().assessed_round),
				"docstatus": 1,
			},
		)

	def post_revision_reason(self) -> None:
		if self.flags.revision_reason:
			self.add_comment("Comment", _("Returned for revision: {0}").format(self.flags.revision_reason))
			self.flags.revision_reason = None

	def may_compile_booklet(self) -> bool:
		return any(t.next_state == process.BOOKLET_COMPILED for t in get_transitions(self))

	@frappe.whitelist()
	@rate_limit(limit=10, seconds=60)
	def generate_booklet(self) -> str:
		"""Step 6: typeset the booklet and attach it (the Booklet Compiled step needs it). Only while the
		booklet is being compiled, by whoever may then take the agreement to Booklet Compiled; a booklet
		made again replaces the previous file."""
		self.check_permission("write")
		if not self.may_compile_booklet():
			fail(
				_("The booklet is compiled in state {0}, by those who may move the agreement to {1}.").format(
					frappe.bold(_(process.SIGNED)), frappe.bold(_(process.BOOKLET_COMPILED))
				)
			)

		previous = booklet_file(self)
		self.db_set("booklet", attach_booklet(self))
		if previous:
			frappe.delete_doc("File", previous, ignore_permissions=True)
		return self.booklet


DOCSTATUS_LABELS = {0: "Draft", 1: "Submitted", 2: "Cancelled"}


def changed_content(before: Document, after: Document) -> list[str]:
	"""Labels of the fields a user can type into (tables included) that differ between two versions."""
	return [
		_(df.label)
		for df in after.meta.fields
		if is_content(df) and content_value(before, df) != content_value(after, df)
	]


def is_content(df) -> bool:
	return not (
		df.read_only or df.permlevel or df.fieldtype in no_value_fields or df.fieldname == "workflow_state"
	)


def content_value(doc: Document, df) -> object:
	if df.fieldtype in table_fields:
		columns = [c for c in frappe.get_meta(df.options).fields if is_content(c)]
		return [tuple(content_value(row, c) for c in columns) for row in doc.get(df.fieldname)]
	value = doc.get(df.fieldname)
	if df.fieldtype in ("Float", "Int", "Check", "Currency", "Percent"):
		return flt(value)
	return cstr(value).strip() if df.fieldtype not in ("Date", "Datetime") else cstr(value)[:19]


def state_times(framework, state: str, entered) -> tuple:
	"""(entered, due, done) of an agreement entering ``state`` at ``entered``: the department's step 1 is
	timed and done on the framework; Booklet Compiled waits on the driving round's assessment due date;
	every other state allows the time for the work that leaves it."""
	if state == process.DEPARTMENT_STATE:
		return framework.creation, framework.review_due_on, framework.reviewed_on
	if state == process.ROUND_DUE_STATE:
		return entered, framework.round_due(framework.assessed_round), None
	return entered, due_after(state, entered), None


def _return_target(state: str) -> str | None:
	for transition in process.TRANSITIONS:
		if transition.state == state and transition.action == process.RETURN_ACTION:
			return transition.next_state
	return None


GUARDS = {
	process.NEGOTIATION: KPIAgreement.guard_lines_complete,
	process.SIGNED: KPIAgreement.guard_signatories,
	process.BOOKLET_COMPILED: KPIAgreement.guard_booklet,
	process.ASSESSED: KPIAgreement.guard_assessment,
	process.SCORES_SUMMARIZED: KPIAgreement.guard_scorecard_published,
	process.PRESENTED: KPIAgreement.guard_scorecard_presented,
}
"""What must hold before an agreement enters a step; each returns the refusal message or None."""
