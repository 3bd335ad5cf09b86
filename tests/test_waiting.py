"""Who waits on what (the one answer of My Work and the digests): states by role with KPI Settings'
overrides, assessment lines read from the certification table, appeals, and working days left, with
hand-computed dates."""

import datetime as dt

from kpi_agreement.frappe_free import appeals, certification, process, waiting

THU, FRI = dt.datetime(2026, 11, 26, 10), dt.datetime(2026, 11, 27, 10)


def test_states_wait_on_the_role_that_does_the_work_leaving_them():
	roles = waiting.responsible_roles()
	assert waiting.states_waiting_on([process.COORDINATOR], roles) == [
		process.FRAMEWORK_REVIEW,
		process.READY_FOR_SIGNING,
		process.SIGNED,
		process.ASSESSED,
		process.SCORES_SUMMARIZED,
	]
	assert waiting.states_waiting_on([process.EXECUTIVE], roles) == [process.NEGOTIATION]
	assert waiting.states_waiting_on([process.INDICATOR_OWNER], roles) == [process.INDICATOR_DRAFTING]
	assert waiting.states_waiting_on([process.COMMITTEE], roles) == [process.BOOKLET_COMPILED]
	assert waiting.states_waiting_on([process.DATA_COLLECTOR, "Desk User"], roles) == []


def test_kpi_settings_give_a_state_to_another_role_or_to_nobody():
	roles = waiting.responsible_roles({process.NEGOTIATION: process.COORDINATOR, process.SIGNED: None})
	coordinator = waiting.states_waiting_on([process.COORDINATOR], roles)
	assert process.NEGOTIATION in coordinator and process.SIGNED not in coordinator
	assert waiting.states_waiting_on([process.EXECUTIVE], roles) == []


def test_the_last_and_the_cancelled_state_wait_on_nobody():
	roles = waiting.responsible_roles(
		{process.PRESENTED: process.COORDINATOR, process.CANCELLED: process.COORDINATOR}
	)
	states = waiting.states_waiting_on([process.COORDINATOR], roles)
	assert process.PRESENTED not in states and process.CANCELLED not in states


def test_a_state_an_administrator_added_comes_after_the_nine():
	roles = waiting.responsible_roles({"Legal Review": process.COORDINATOR})
	assert waiting.states_waiting_on([process.COORDINATOR], roles)[-1] == "Legal Review"


def test_the_work_named_by_the_actions_that_leave_a_state():
	assert waiting.actions_leaving(process.NEGOTIATION) == [process.APPROVE, process.RETURN_ACTION]
	assert waiting.actions_leaving(process.READY_FOR_SIGNING) == [process.SIGN]  # once, for two roles
	assert waiting.actions_leaving(process.PRESENTED) == []


def test_a_line_waits_on_whoever_makes_its_next_move():
	collector, owner, head = certification.COLLECTOR, certification.OWNER, certification.HEAD
	for state in (None, certification.NOT_ENTERED, certification.RETURNED, certification.SENT_BACK):
		assert waiting.line_waits_on(state, 1) == (collector, waiting.ENTER_RESULT)
		assert waiting.line_waits_on(state, 1, has_enterer=False) == (head, waiting.NAME_DEPUTY)
	assert waiting.line_waits_on(certification.ENTERED, 1) == (owner, waiting.CERTIFY_RESULT)
	# certifying needs evidence: until it is attached the line waits on its collector, not its owner
	assert waiting.line_waits_on(certification.ENTERED, 0) == (collector, waiting.ATTACH_EVIDENCE)
	assert waiting.line_waits_on(certification.CERTIFIED, 1) is None


def test_a_certified_assessment_waits_on_its_unit_head_then_on_the_committee():
	certified = [certification.CERTIFIED] * 2
	head, committee = certification.HEAD, certification.COMMITTEE
	assert waiting.assessment_waits_on(certified, endorsed=False) == (head, waiting.ENDORSE)
	assert waiting.assessment_waits_on(certified, endorsed=True) == (committee, waiting.VERIFY)
	assert waiting.assessment_waits_on([certification.CERTIFIED, certification.ENTERED], False) is None
	sent_back = [certification.CERTIFIED, certification.SENT_BACK]  # the committee waits on the unit again
	assert waiting.assessment_waits_on(sent_back, endorsed=False) is None
	assert waiting.assessment_waits_on([], endorsed=False) is None


def test_appeals_wait_on_the_head_then_the_committee():
	assert waiting.appeal_waits_on(appeals.DRAFT) == (appeals.HEAD, waiting.FILE_APPEAL)
	assert waiting.appeal_waits_on(appeals.FILED) == (appeals.COMMITTEE, waiting.DECIDE_APPEAL)
	assert waiting.appeal_waits_on(appeals.ACCEPTED) is None


USERS = {
	"coord": {"roles": {process.COORDINATOR}, "units": None},
	"exec": {"roles": {process.EXECUTIVE}, "units": None},
	"owner": {"roles": {process.INDICATOR_OWNER}, "units": None},
	"other-owner": {"roles": {process.INDICATOR_OWNER}, "units": None},
	"collector": {"roles": {process.DATA_COLLECTOR}, "units": {"A"}},
	"head": {"roles": {process.UNIT_HEAD}, "units": {"A"}},
	"committee": {"roles": {process.COMMITTEE}, "units": None},
}
DUE = dt.datetime(2026, 12, 15, 23, 59, 59)
VERIFY_BY = dt.datetime(2026, 12, 30, 23, 59, 59)


def found(**rows):
	result = waiting.waiting(USERS, waiting.responsible_roles(), **rows)
	return {user: [(w.kind, w.name, w.indicator) for w in items] for user, items in result.items()}


def test_agreements_wait_on_the_role_of_their_state_as_the_process_table_says():
	agreements = [
		{"name": "AG1", "unit": "A", "state": process.NEGOTIATION, "due": DUE},
		{"name": "AG2", "unit": "A", "state": process.READY_FOR_SIGNING, "due": DUE, "unit_head": "head"},
		{"name": "AG3", "unit": "A", "state": process.INDICATOR_DRAFTING, "due": DUE, "owners": {"owner"}},
		{"name": "AG4", "unit": "A", "state": process.PRESENTED, "due": DUE},
	]
	result = found(agreements=agreements)
	assert result["exec"] == [(waiting.AGREEMENT_STEP, "AG1", "")]
	assert result["coord"] == [(waiting.AGREEMENT_STEP, "AG2", "")]  # signing is the coordinator's work
	assert result["owner"] == [(waiting.AGREEMENT_STEP, "AG3", "")]
	assert "head" not in result and "other-owner" not in result


def test_assessment_lines_and_appeals_reach_whoever_they_wait_on():
	line = {"collector": "collector", "owner": "owner", "evidence": 1}
	assessments = [
		{
			"name": "S1",
			"unit": "A",
			"months": "9",
			"results_due": DUE,
			"assessment_due": VERIFY_BY,
			"unit_head": "head",
			"lines": [
				{**line, "indicator": "returned", "state": certification.RETURNED},
				{**line, "indicator": "no evidence", "state": certification.ENTERED, "evidence": 0},
				{**line, "indicator": "entered", "state": certification.ENTERED},
				{**line, "indicator": "nobody", "state": certification.NOT_ENTERED, "collector": None},
			],
		},
		{
			"name": "S2",
			"unit": "B",
			"months": "9",
			"endorsed": True,
			"assessment_due": VERIFY_BY,
			"lines": [{**line, "indicator": "x", "state": certification.CERTIFIED}],
		},
	]
	appeal_rows = [
		{"name": "AP1", "unit": "A", "status": appeals.DRAFT, "unit_head": "head", "due": DUE},
		{"name": "AP2", "unit": "B", "status": appeals.FILED, "due": DUE},
	]
	result = found(assessments=assessments, appeals_=appeal_rows)
	assert result["collector"] == [
		(waiting.ENTER_RESULT, "S1", "returned"),
		(waiting.ATTACH_EVIDENCE, "S1", "no evidence"),
	]
	assert result["owner"] == [(waiting.CERTIFY_RESULT, "S1", "entered")]
	assert result["head"] == [(waiting.FILE_APPEAL, "AP1", ""), (waiting.NAME_DEPUTY, "S1", "nobody")]
	assert result["committee"] == [(waiting.DECIDE_APPEAL, "AP2", ""), (waiting.VERIFY, "S2", "")]
	items = waiting.waiting(USERS, waiting.responsible_roles(), assessments=assessments)
	assert {w.due for w in items["collector"]} == {DUE}  # the results deadline the form shows
	assert [w.due for w in items["committee"]] == [VERIFY_BY]


def test_a_unit_bound_person_waits_only_on_their_units():
	line = {"collector": "collector", "owner": "owner", "evidence": 0, "state": certification.NOT_ENTERED}
	assessments = [{"name": "S9", "unit": "B", "months": "6", "lines": [{**line, "indicator": "b"}]}]
	assert "collector" not in found(assessments=assessments)


def test_working_days_left_and_late():
	due = dt.datetime(2026, 11, 30, 23, 59, 59)  # a Monday
	assert waiting.working_days_left(due, THU) == 2  # Friday, Monday
	assert waiting.working_days_left(due, FRI) == 1
	assert waiting.working_days_left(due, dt.datetime(2026, 11, 30, 9)) == 0  # due today
	assert waiting.working_days_left(due, dt.datetime(2026, 12, 2, 9)) == -2  # Tuesday and Wednesday late
	assert waiting.working_days_left(due, THU, holidays=[dt.date(2026, 11, 27)]) == 1
	assert waiting.working_days_left(None, THU) is None


def test_overdue_and_urgency():
	due, late = dt.datetime(2026, 11, 26, 11, 30), dt.datetime(2026, 11, 26, 11, 31)
	assert not process.is_overdue(due, THU) and process.is_overdue(due, late)
	assert not process.is_overdue(None, THU)
	for state in process.CLOSED_STATES:  # nothing left to do is never late
		assert not process.is_overdue(due, late, state)
		assert process.step_days_late(state, due, late) == 0
	assert process.is_overdue(due, late, process.NEGOTIATION)
	later = dt.datetime(2026, 12, 1)
	assert sorted([None, later, due], key=waiting.by_urgency) == [due, later, None]
