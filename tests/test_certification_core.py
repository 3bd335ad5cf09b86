"""The certification and appeal state machines of the core: who makes each move from which state, why it is
refused, and the form drawing its buttons from them (no state or role of its own)."""

import datetime as dt
import itertools
import re
from pathlib import Path

from kpi_agreement.frappe_free import appeals
from kpi_agreement.frappe_free import certification as c

APP = Path(__file__).resolve().parents[1] / "kpi_agreement"
ASSESSMENT = APP / "kpi_agreement" / "doctype" / "kpi_assessment"
APPEAL = APP / "kpi_agreement" / "doctype" / "kpi_appeal"
EVERYONE = {c.COLLECTOR, c.OWNER, c.HEAD, c.COMMITTEE}


def test_the_committee_sends_a_line_back_only_after_the_endorsement():
	assert c.refusal(c.SEND_BACK, {c.COMMITTEE}, False, c.CERTIFIED) == c.NOT_ENDORSED
	assert c.refusal(c.SEND_BACK, {c.COMMITTEE}, True, c.CERTIFIED) is None
	assert c.refusal(c.SEND_BACK, {c.HEAD, c.OWNER}, True, c.CERTIFIED) == c.ACTOR


def test_each_line_move_by_its_own_person_from_its_own_states():
	assert c.refusal(c.ENTER, {c.OWNER}, False, c.NOT_ENTERED) == c.ACTOR
	assert c.refusal(c.ENTER, {c.COLLECTOR}, False, c.CERTIFIED) == c.STATE
	assert c.refusal(c.ENTER, {c.COLLECTOR}, True, c.CERTIFIED) == c.ENDORSED
	for state in (*c.WAITING_FOR_ENTRY, c.ENTERED):
		assert c.refusal(c.ENTER, {c.COLLECTOR}, False, state) is None
	assert c.refusal(c.CERTIFY, {c.OWNER}, False, c.ENTERED, evidence_count=0) == c.NO_EVIDENCE
	assert c.refusal(c.CERTIFY, {c.OWNER}, False, c.ENTERED, evidence_count=2) is None
	assert c.refusal(c.CERTIFY, {c.OWNER}, False, c.RETURNED, evidence_count=2) == c.STATE
	assert c.refusal(c.CERTIFY, {c.COLLECTOR}, False, c.ENTERED, evidence_count=2) == c.ACTOR
	assert c.refusal(c.RETURN, {c.OWNER}, False, c.CERTIFIED) is None
	assert c.refusal(c.RETURN, {c.OWNER}, True, c.CERTIFIED) == c.ENDORSED
	assert c.refusal(c.NAME_DEPUTY, {c.HEAD}, True, c.ENTERED) == c.ENDORSED


def test_endorsing_scoring_and_submitting():
	certified = [c.CERTIFIED, c.CERTIFIED]
	assert c.refusal(c.ENDORSE, {c.HEAD}, False, states=[c.CERTIFIED, c.ENTERED]) == c.NOT_ALL_CERTIFIED
	assert c.refusal(c.ENDORSE, {c.HEAD}, False, states=[]) == c.NOT_ALL_CERTIFIED
	assert c.refusal(c.ENDORSE, {c.HEAD}, False, states=certified) is None
	assert c.refusal(c.ENDORSE, {c.HEAD}, True, states=certified) == c.ENDORSED
	assert c.refusal(c.ENDORSE, {c.COLLECTOR}, False, states=certified) == c.ACTOR
	assert c.refusal(c.SCORE, {c.COMMITTEE}, False) == c.NOT_ENDORSED
	assert c.refusal(c.SUBMIT, {c.COMMITTEE}, True, results=[True, False]) == c.NO_RESULT
	assert c.refusal(c.SUBMIT, {c.COMMITTEE}, True, results=[True, True]) is None


def test_every_move_names_a_person_and_reaches_a_known_state():
	for move in c.MOVES.values():
		assert move.actor in EVERYONE
		assert move.target in (None, *c.LINE_STATES)
		assert move.sources is None or move.sources <= set(c.LINE_STATES)
		assert not (move.reason and move.sources is None)


def test_the_forms_buttons_are_the_moves_the_table_allows():
	lines = [
		c.LineFacts("r1", c.ENTERED, frozenset({c.OWNER}), 1),
		c.LineFacts("r2", c.ENTERED, frozenset({c.OWNER}), 0),
		c.LineFacts("r3", c.CERTIFIED, frozenset({c.COLLECTOR}), 1),
	]
	owner = c.allowed_actions(lines, set(), endorsed=False)
	assert owner == {"lines": {"r1": [c.CERTIFY, c.RETURN], "r2": [c.RETURN]}, "assessment": []}
	head = c.allowed_actions(lines, {c.HEAD}, endorsed=False)
	assert head["assessment"] == []  # not every line is certified
	assert all(c.NAME_DEPUTY in actions for actions in head["lines"].values())
	done = [c.LineFacts(f"r{i}", c.CERTIFIED, frozenset(), 1) for i in range(2)]
	assert c.allowed_actions(done, {c.HEAD}, endorsed=False)["assessment"] == [c.ENDORSE]
	committee = c.allowed_actions(done, {c.COMMITTEE}, endorsed=False)
	assert committee == {"lines": {}, "assessment": []}  # nothing to send back before the endorsement
	committee = c.allowed_actions(done, {c.COMMITTEE}, endorsed=True)
	assert committee["lines"] == {"r0": [c.SEND_BACK], "r1": [c.SEND_BACK]}
	# every combination: a button is shown exactly when the table allows the move
	for state, endorsed, evidence in itertools.product(c.LINE_STATES, (False, True), (0, 1)):
		for actors in ({c.COLLECTOR}, {c.OWNER}, {c.HEAD}, {c.COMMITTEE}):
			shown = c.allowed_actions([c.LineFacts("r", state, frozenset(actors), evidence)], set(), endorsed)
			expected = [
				a
				for a in c.BUTTONS
				if a in c.LINE_MOVES and c.refusal(a, actors, endorsed, state, evidence) is None
			]
			assert shown["lines"].get("r", []) == expected


def test_the_assessment_form_keeps_no_states_or_roles_of_its_own():
	script = (ASSESSMENT / "kpi_assessment.js").read_text(encoding="utf-8")
	assert "__onload?.certification" in script and "certification_moves" in script
	for literal in (*c.LINE_STATES, *c.EVENTS, "KPI Unit Head", "KPI Committee", "KPI Coordinator"):
		assert f'"{literal}"' not in script, literal
	controller = (ASSESSMENT / "kpi_assessment.py").read_text(encoding="utf-8")
	for method in c.METHODS.values():
		assert re.search(rf"@frappe.whitelist\(\)\n\tdef {method}\(", controller), method
		assert f'"{method}"' in script, method


def test_appeal_moves():
	now, due = dt.datetime(2026, 6, 1, 10), dt.datetime(2026, 6, 5, 16, 30)
	assert appeals.refusal(appeals.FILE, {appeals.HEAD}, appeals.DRAFT, now, due) is None
	assert appeals.refusal(appeals.FILE, {appeals.HEAD}, appeals.DRAFT, due + dt.timedelta(1), due) == (
		appeals.TOO_LATE
	)
	assert appeals.refusal(appeals.FILE, {appeals.COMMITTEE}, appeals.DRAFT, now, due) == appeals.ACTOR
	assert appeals.refusal(appeals.FILE, {appeals.HEAD}, appeals.FILED, now, due) == appeals.STATE
	assert appeals.refusal(appeals.ACCEPT, {appeals.HEAD}, appeals.FILED, reason="x") == appeals.ACTOR
	assert (
		appeals.refusal(appeals.REJECT, {appeals.COMMITTEE}, appeals.FILED, reason=" ") == appeals.NO_REASON
	)
	assert (
		appeals.refusal(
			appeals.ACCEPT, {appeals.COMMITTEE}, appeals.FILED, reason="ok", decided_scores=["4", ""]
		)
		== appeals.NO_SCORE
	)
	assert (
		appeals.refusal(appeals.ACCEPT, {appeals.COMMITTEE}, appeals.ACCEPTED, reason="ok") == appeals.STATE
	)
	assert appeals.allowed_actions({appeals.HEAD}, appeals.DRAFT) == [appeals.FILE]
	assert appeals.allowed_actions({appeals.COMMITTEE}, appeals.FILED) == [appeals.ACCEPT, appeals.REJECT]
	assert appeals.allowed_actions({appeals.HEAD}, appeals.FILED) == []
	assert appeals.unit_side_frozen(appeals.FILED) and not appeals.unit_side_frozen(appeals.DRAFT)


def test_the_appeal_form_draws_its_buttons_from_the_server():
	script = (APPEAL / "kpi_appeal.js").read_text(encoding="utf-8")
	assert "__onload?.actions" in script
	for literal in (*appeals.STATES, "KPI Committee", "KPI Coordinator", "KPI Unit Head"):
		assert f'"{literal}"' not in script, literal
