# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

from decimal import Decimal

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from kpi_agreement.frappe_free import certification, process, ranking, rounds, scoring
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.signed_record import rules_of, sheets_of
from kpi_agreement.permissions.evidence import attached_evidence
from kpi_agreement.utils import cascade_results
from kpi_agreement.utils.validation import (
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

		from kpi_agreement.kpi_agreement.doctype.kpi_assessment_event.kpi_assessment_event import (
			KPIAssessmentEvent,
		)
		from kpi_agreement.kpi_agreement.doctype.kpi_assessment_evidence.kpi_assessment_evidence import (
			KPIAssessmentEvidence,
		)
		from kpi_agreement.kpi_agreement.doctype.kpi_assessment_line.kpi_assessment_line import (
			KPIAssessmentLine,
		)

		agreement: DF.Link
		amended_from: DF.Link | None
		assessed_on: DF.Date | None
		committee_remarks: DF.Text | None
		dimension_scores: DF.JSON | None
		endorsed_by: DF.Link | None
		endorsed_on: DF.Datetime | None
		evidence_files: DF.Table[KPIAssessmentEvidence]
		fiscal_year: DF.Int
		framework: DF.Link | None
		history: DF.Table[KPIAssessmentEvent]
		lines: DF.Table[KPIAssessmentLine]
		lines_certified: DF.Int
		lines_entered: DF.Int
		results_due_on: DF.Datetime | None
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
		if self.is_new():
			self.results_due_on = self.framework_doc().results_due(self.round_months)
		self.validate_evidence()
		self.track_entries()
		self.roll_up_children()
		self.compute_scores()
		self.count_progress()

	def validate_agreement(self) -> None:
		if frappe.db.get_value("KPI Agreement", self.agreement, "docstatus") != 1:
			fail(
				_(
					"Agreement {0} is not signed yet. Results can be assessed only for a signed agreement."
				).format(frappe.bold(self.agreement))
			)

	def validate_round(self) -> None:
		framework = self.framework_doc()
		if not framework.round_of(self.round_months):
			fail(
				_("Round (months): framework {0} has no {1}-month round; its rounds are {2}.").format(
					self.framework, self.round_months, ", ".join(framework.round_months()) or _("none")
				)
			)
		self.round_months = rounds.key(self.round_months)

	def framework_doc(self):
		return frappe.get_cached_doc("KPI Framework", self.framework)

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
		people = {  # who enters and who certifies each line, from the detail sheets as signed
			sheet.name: {"data_collector": sheet.data_collector, "indicator_owner": sheet.indicator_owner}
			for sheet in sheets_of(agreement)
		}
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
					**people.get(source.indicator, {}),
					"line_state": line.line_state or certification.NOT_ENTERED,
				}
			)

	def validate_evidence(self) -> None:
		"""Evidence is a private file attached to this assessment (or to the assessment it amends, or to an
		appeal of either): a line cannot borrow another document's file as its proof."""
		urls = {line.evidence for line in self.lines if line.evidence}
		urls |= {row.file for row in self.evidence_files if row.file}
		attached = attached_evidence(self, urls)
		rows = [(_("Evidence Files row {0}").format(row.idx), row.file) for row in self.evidence_files]
		rows += [(_("Evidence {0}").format(row_label(line)), line.evidence) for line in self.lines]
		for label, url in rows:
			if url and url not in attached:
				fail(
					_(
						"{0}: {1} is not a private file attached to this assessment. Attach the file here (tick Is Private when uploading) and choose it."
					).format(label, url),
					title=_("Evidence must be attached here"),
				)

	# --- certification: who stands behind each result (the moves are frappe_free/certification.py's)

	def onload(self) -> None:
		if self.docstatus == 0 and not self.is_new():
			self.set_onload("certification", self.allowed_actions())

	def allowed_actions(self) -> dict:
		"""The certification buttons the signed-in user may press, from the core's table of moves."""
		actors = self.actors_for()
		lines = [
			certification.LineFacts(
				line.name, line.line_state, frozenset(self.line_actors(line)), self.evidence_count(line)
			)
			for line in self.lines
		]
		return certification.allowed_actions(lines, actors, bool(self.endorsed_on))

	def actors_for(self, line=None) -> set[str]:
		"""Who the signed-in user is to this assessment, and to ``line`` when given: its collector or
		deputy, its owner, the unit head, the committee (or a coordinator). Code of the app itself is all."""
		if self.acting_for_the_process():
			return {certification.COLLECTOR, certification.OWNER, certification.HEAD, certification.COMMITTEE}
		roles = set(frappe.get_roles())
		actors = self.line_actors(line) if line else set()
		if (
			frappe.session.user == frappe.db.get_value("KPI Unit", self.unit, "unit_head")
			or process.UNIT_HEAD in roles
		) and frappe.has_permission("KPI Assessment", "write", self):
			actors.add(certification.HEAD)
		if {process.COMMITTEE, process.COORDINATOR} & roles:
			actors.add(certification.COMMITTEE)
		if {process.COORDINATOR, process.INTEGRATION} & roles:
			actors.add(certification.COLLECTOR)  # results fed from the department's spreadsheets and systems
		return actors

	@staticmethod
	def line_actors(line) -> set[str]:
		user = frappe.session.user
		actors = {certification.COLLECTOR} if user in (line.data_collector, line.deputy) else set()
		return actors | ({certification.OWNER} if user == line.indicator_owner else set())

	def check_move(self, action: str, line=None) -> None:
		"""Refuse ``action`` (on ``line``) when the core's table of moves does, saying why and what to do.
		Code of the app itself acts as if endorsed where the committee's moves need the endorsement."""
		endorsed = bool(self.endorsed_on) or (
			self.acting_for_the_process() and bool(certification.MOVES[action].endorsed)
		)
		refusal = certification.refusal(
			action,
			self.actors_for(line),
			endorsed,
			line.line_state if line else None,
			self.evidence_count(line) if line else 0,
			states=[row.line_state for row in self.lines],
			results=[
				bool(row.self_result or row.committee_result or row.committee_score) for row in self.lines
			],
		)
		if refusal:
			message, title = refusal_message(self, action, refusal, line)
			fail(
				message,
				title=title,
				exc=frappe.PermissionError if refusal == certification.ACTOR else frappe.ValidationError,
			)

	def track_entries(self) -> None:
		"""A line's result and evidence are entered by its data collector or the deputy the unit head named;
		each entry puts the line in Entered, as the core's table of moves allows."""
		if self.docstatus != 0 or (self.is_new() and self.amended_from):
			return  # an amendment keeps the states its original reached
		before = self.get_doc_before_save()
		old_lines = {line.name: line for line in before.lines} if before else {}
		old_files = {row.name: row for row in before.evidence_files} if before else {}
		changed = {
			line.indicator for line in self.lines if differs(line, old_lines.get(line.name), ENTRY_FIELDS)
		}
		current = {row.name for row in self.evidence_files}
		changed |= {
			row.indicator
			for row in self.evidence_files
			if differs(row, old_files.get(row.name), EVIDENCE_FIELDS)
		}
		changed |= {row.indicator for name, row in old_files.items() if name not in current}
		unknown = changed - {line.indicator for line in self.lines}
		if unknown:
			fail(
				_(
					"Evidence Files: {0} is not an indicator of this assessment. Choose one of its lines."
				).format(", ".join(sorted(str(name) for name in unknown)))
			)
		touched = [line for line in self.lines if differs(line, old_lines.get(line.name), COMMITTEE_FIELDS)]
		if touched:
			self.check_move(certification.SCORE, touched[0])
		sources = self.flags.result_sources or {}
		for line in self.lines:
			if line.indicator in changed:
				self.check_move(certification.ENTER, line)
				line.line_state = certification.state_after_entry(bool(line.self_result))
				self.record_entry(line, sources.get(line.indicator))

	def record_entry(self, line, source: str | None) -> None:
		"""Who entered the line's result, when, and from where (a posted or imported result names its
		source and its result entry; a typed one none): on the line and in the history."""
		line.update({"result_source": source, "result_by": frappe.session.user, "result_on": now_datetime()})
		self.record(certification.ENTER, line.indicator, source)

	def roll_up_children(self) -> None:
		"""A parent indicator's line takes its result from its children's certified results in the round
		(frappe_free/cascade.py): entered as the process enters it, or cleared while a child is missing, unless
		the coordinator accepts a partial roll-up on the line."""
		if self.docstatus != 0:
			return
		rules = frappe.get_all(
			"KPI Indicator",
			{"name": ("in", [line.indicator for line in self.lines]), "rollup_rule": ("is", "set")},
			pluck="name",
		)
		if not rules:
			return
		tree = cascade_results.indicators(self.framework, rules)
		parents = [line for line in self.lines if line.indicator in rules]
		lines = cascade_results.results(
			self.framework, self.round_months, list(tree)
		)  # the parents' children
		for line in parents:
			rolled, note = cascade_results.roll_up(
				tree, line.indicator, lines, self.round_months, bool(line.rollup_partial)
			)
			line.rollup_note = note
			value = None if not rolled or rolled.result is None else format(rolled.result, "f")
			if (line.self_result or None) != value:
				line.self_result = value
				line.line_state = certification.state_after_entry(bool(value))
				self.record_entry(line, note)

	def acting_for_the_process(self) -> bool:
		"""Code of the app itself (builders, an appeal's amendment) rather than a person in the desk."""
		return bool(self.flags.ignore_permissions) or frappe.session.user == "Administrator"

	def count_progress(self) -> None:
		self.lines_entered, self.lines_certified = certification.progress(
			line.line_state for line in self.lines
		)

	def record(self, action: str, indicator: str | None = None, reason: str | None = None) -> None:
		"""One event in the history table, and on the form's timeline."""
		row = self.append(
			"history",
			{
				"at": now_datetime(),
				"user": frappe.session.user,
				"action": action,
				"indicator": indicator,
				"reason": reason,
			},
		)
		if not self.is_new() and self.flags.moved_by_method:
			row.db_insert()
		name = next((line.indicator_name for line in self.lines if line.indicator == indicator), "")
		text = " ".join(filter(None, (_(action), name, f"— {reason}" if reason else "")))
		if not self.is_new() and not self.flags.one_timeline_comment:
			self.add_comment("Info", text)

	def line_of(self, row: str):
		line = next((line for line in self.lines if line.name == row or line.indicator == row), None)
		if not line:
			fail(_("Assessment {0} has no line {1}.").format(self.name, row))
		return line

	def evidence_count(self, line) -> int:
		return int(bool(line.evidence)) + sum(
			1 for row in self.evidence_files if row.indicator == line.indicator and row.file
		)

	def move_line(self, row: str, action: str, reason: str | None = None, **fields) -> None:
		"""A line's move made by a method (not a form save): checked against the core's table, then the
		line, the history and the counts."""
		self.check_permission("read")
		self.check_open()
		line = self.line_of(row)
		self.check_move(action, line)
		move = certification.MOVES[action]
		if move.reason:
			reason = required_reason(reason)
		values = {"line_state": move.target or line.line_state, "state_reason": reason, **fields}
		self.flags.moved_by_method = True
		line.update(values)
		frappe.db.set_value(line.doctype, line.name, values, update_modified=False)
		self.record(action, line.indicator, reason)
		self.count_progress()
		self.db_set({"lines_entered": self.lines_entered, "lines_certified": self.lines_certified})

	def check_open(self) -> None:
		if self.docstatus != 0:
			fail(
				_(
					"Assessment {0} is already submitted; it changes only by an appeal or an amendment."
				).format(self.name)
			)

	@frappe.whitelist()
	def certify_line(self, row: str) -> None:
		"""The indicator owner stands behind the line's result and evidence."""
		self.move_line(row, certification.CERTIFY)

	@frappe.whitelist()
	def return_line(self, row: str, reason: str) -> None:
		"""The indicator owner sends the line back to its data collector, saying why."""
		self.move_line(row, certification.RETURN, reason)

	@frappe.whitelist()
	def name_deputy(self, row: str, user: str) -> None:
		"""The unit head names who enters a line's result in its data collector's place."""
		if user and not frappe.has_permission("KPI Assessment", "write", self, user=user):
			fail(_("{0} cannot enter results of unit {1}: give them the unit first.").format(user, self.unit))
		self.move_line(row, certification.NAME_DEPUTY, None, deputy=user or None)

	@frappe.whitelist()
	def send_back_line(self, row: str, reason: str) -> None:
		"""The committee asks for more evidence on a line: back to its data collector, the endorsement
		void until the line is certified and endorsed again."""
		self.move_line(row, certification.SEND_BACK, reason)
		self.db_set({"endorsed_by": None, "endorsed_on": None})

	@frappe.whitelist()
	def endorse(self) -> None:
		"""The unit head stands behind the unit's assessment once every line is certified; it goes to the
		committee."""
		self.check_permission("read")
		self.check_open()
		self.check_move(certification.ENDORSE)
		self.flags.moved_by_method = True
		self.db_set({"endorsed_by": frappe.session.user, "endorsed_on": now_datetime()})
		self.record(certification.ENDORSE)

	def compute_scores(self) -> None:
		"""Each line's score and its share of the weighted total (``total_score``), which is over the lines
		that apply in the round: Σ(score × weight) / Σ(weight of those lines)."""
		rules = scoring.rule_arguments(self.rules())
		below_first, points = rules["below_first"], rules["tier_points"]
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
		return rules_of(self.agreement_doc())

	def agreement_doc(self):
		"""The agreement assessed, read once per save (its lines, round targets and signed rules)."""
		if not self.flags.agreement_doc or self.flags.agreement_doc.name != self.agreement:
			self.flags.agreement_doc = frappe.get_doc("KPI Agreement", self.agreement)
		return self.flags.agreement_doc

	def before_submit(self) -> None:
		self.check_move(certification.SUBMIT)


ENTRY_FIELDS = ("self_result", "evidence", "evidence_note")
EVIDENCE_FIELDS = ("indicator", "file", "note")
COMMITTEE_FIELDS = ("committee_result", "committee_score", "remarks")
MESSAGES = {
	"not_collector": (
		lambda: _(
			"Results {0} ({1}): only its data collector {2} or a deputy the unit head names enters its result and evidence."
		),
		lambda: _("Not your line"),
	),
	"certified": (
		lambda: _(
			"Results {0} ({1}) is certified by its indicator owner: ask them to return it before changing it."
		),
		None,
	),
	"unit_endorsed": (
		lambda: _(
			"Results {0} ({1}): the unit head has endorsed this assessment; only a line the committee sends back can change."
		),
		None,
	),
	"not_owner": (
		lambda: _("Results {0} ({1}): only its indicator owner {3} certifies or returns it."),
		lambda: _("Not your indicator"),
	),
	"nothing_entered": (
		lambda: _("Results {0} ({1}) has no result entered since it was last returned: nothing to certify."),
		None,
	),
	"no_evidence": (
		lambda: _("Results {0} ({1}): attach at least one evidence file (Evidence Files) before certifying."),
		None,
	),
	"not_for_owner": (lambda: _("Results {0} ({1}) is not waiting for its owner."), None),
	"not_committee": (lambda: _("Only the assessment committee does this."), None),
	"send_back_before_endorsement": (
		lambda: _(
			"Results {0} ({1}): the committee sends a line back once the unit head has endorsed the assessment."
		),
		lambda: _("Not endorsed"),
	),
	"not_certified": (
		lambda: _("Results {0} ({1}) is not certified: there is nothing to send back."),
		None,
	),
	"not_head": (lambda: _("Only the head of unit {4} does this."), lambda: _("Not the unit head")),
	"deputy_after_endorsement": (
		lambda: _("The unit head has endorsed this assessment: deputies are named before the endorsement."),
		None,
	),
	"not_all_certified": (
		lambda: _(
			"Every line must be certified by its indicator owner before the unit head endorses. Waiting: {5}."
		),
		lambda: _("Not all lines certified"),
	),
	"already_endorsed": (lambda: _("The unit head has already endorsed this assessment."), None),
	"score_before_endorsement": (
		lambda: _(
			"Verified Result / Committee Score {0}: the committee scores once the unit head has endorsed the assessment."
		),
		lambda: _("Not endorsed"),
	),
	"submit_before_endorsement": (
		lambda: _(
			"The unit head has not endorsed this assessment yet: the committee scores an endorsed assessment."
		),
		lambda: _("Not endorsed"),
	),
	"no_result": (lambda: _("Enter a result for every indicator before submitting. Missing: {6}."), None),
}
"""What a refusal says: ``{0}`` the row, ``{1}`` its indicator, ``{2}`` its data collector, ``{3}`` its
owner, ``{4}`` the unit, ``{5}`` the lines not certified, ``{6}`` the lines without a result."""
ACTOR, STATE = certification.ACTOR, certification.STATE
ENDORSED, NOT_ENDORSED = certification.ENDORSED, certification.NOT_ENDORSED
REFUSALS = {
	certification.ENTER: {ACTOR: "not_collector", STATE: "certified", ENDORSED: "unit_endorsed"},
	certification.CERTIFY: {
		ACTOR: "not_owner",
		STATE: "nothing_entered",
		ENDORSED: "not_for_owner",
		certification.NO_EVIDENCE: "no_evidence",
	},
	certification.RETURN: {ACTOR: "not_owner", STATE: "not_for_owner", ENDORSED: "not_for_owner"},
	certification.SEND_BACK: {
		ACTOR: "not_committee",
		NOT_ENDORSED: "send_back_before_endorsement",
		STATE: "not_certified",
	},
	certification.NAME_DEPUTY: {ACTOR: "not_head", ENDORSED: "deputy_after_endorsement"},
	certification.ENDORSE: {
		ACTOR: "not_head",
		ENDORSED: "already_endorsed",
		certification.NOT_ALL_CERTIFIED: "not_all_certified",
	},
	certification.SCORE: {ACTOR: "not_committee", NOT_ENDORSED: "score_before_endorsement"},
	certification.SUBMIT: {
		ACTOR: "not_committee",
		NOT_ENDORSED: "submit_before_endorsement",
		certification.NO_RESULT: "no_result",
	},
}
"""Each move's refusals of the core's table (certification.refusal), by the message that explains them."""


def refusal_message(doc, action: str, refusal: str, line=None) -> tuple[str, str | None]:
	"""The message and title of a refused move, naming the line and what to do."""
	message, title = MESSAGES[REFUSALS[action][refusal]]
	nobody = _("(none named)")
	values = (
		row_label(line) if line else "",
		line.indicator_name if line else "",
		(line.data_collector if line else None) or nobody,
		(line.indicator_owner if line else None) or nobody,
		doc.unit,
		", ".join(str(row.indicator_name) for row in doc.lines if row.line_state != certification.CERTIFIED),
		", ".join(
			str(row.indicator_name)
			for row in doc.lines
			if not (row.self_result or row.committee_result or row.committee_score)
		),
	)
	return message().format(*values), title() if title else None


def differs(row, old, fields: tuple) -> bool:
	"""A row added, or one of ``fields`` changed since the last save."""
	if old is None:
		return any(row.get(field) for field in fields)
	return any((row.get(field) or "") != (old.get(field) or "") for field in fields)


def required_reason(reason: str | None) -> str:
	if not (reason or "").strip():
		fail(
			_("Give the reason: the data collector reads it to know what to fix."), title=_("Reason required")
		)
	return reason.strip()


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
	framework_rounds = doc.framework_doc().round_list()
	assessed = frappe.get_list(
		"KPI Assessment", filters={"agreement": agreement, "docstatus": ("<", 2)}, pluck="round_months"
	)
	due = rounds.now_due(framework_rounds, assessed, getdate())
	return {
		"rounds": [r.key for r in framework_rounds],
		"assessed": [r.key for r in sorted({rounds.Round(months) for months in assessed})],
		"suggested": due.key if due else None,
	}
