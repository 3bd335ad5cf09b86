"""What waits on whom (the core of KPI My Work): states by role with KPI Settings' overrides, assessment lines,
and working days left, with hand-computed dates."""

import datetime as dt

from kpi_agreement.frappe_free import certification, my_work, process

THU, FRI = dt.datetime(2026, 11, 26, 10), dt.datetime(2026, 11, 27, 10)


def test_states_wait_on_the_role_that_does_the_work_leaving_them():
	roles = my_work.responsible_roles()
	assert my_work.states_waiting_on([process.COORDINATOR], roles) == [
		process.FRAMEWORK_REVIEW,
		process.READY_FOR_SIGNING,
		process.SIGNED,
		process.ASSESSED,
		process.SCORES_SUMMARIZED,
	]
	assert my_work.states_waiting_on([process.EXECUTIVE], roles) == [process.NEGOTIATION]
	assert my_work.states_waiting_on([process.INDICATOR_OWNER], roles) == [process.INDICATOR_DRAFTING]
	assert my_work.states_waiting_on([process.COMMITTEE], roles) == [process.BOOKLET_COMPILED]
	assert my_work.states_waiting_on([process.DATA_COLLECTOR, "Desk User"], roles) == []


def test_kpi_settings_give_a_state_to_another_role_or_to_nobody():
	roles = my_work.responsible_roles({process.NEGOTIATION: process.COORDINATOR, process.SIGNED: None})
	coordinator = my_work.states_waiting_on([process.COORDINATOR], roles)
	assert process.NEGOTIATION in coordinator and process.SIGNED not in coordinator
	assert my_work.states_waiting_on([process.EXECUTIVE], roles) == []


def test_the_last_and_the_cancelled_state_wait_on_nobody():
	roles = my_work.responsible_roles(
		{process.PRESENTED: process.COORDINATOR, process.CANCELLED: process.COORDINATOR}
	)
	waiting = my_work.states_waiting_on([process.COORDINATOR], roles)
	assert process.PRESENTED not in waiting and process.CANCELLED not in waiting


def test_a_state_an_administrator_added_comes_after_the_nine():
	roles = my_work.responsible_roles({"Legal Review": process.COORDINATOR})
	assert my_work.states_waiting_on([process.COORDINATOR], roles)[-1] == "Legal Review"


def test_the_work_named_by_the_actions_that_leave_a_state():
	assert my_work.actions_leaving(process.NEGOTIATION) == [process.APPROVE, process.RETURN_ACTION]
	assert my_work.actions_leaving(process.READY_FOR_SIGNING) == [process.SIGN]  # once, for two roles
	assert my_work.actions_leaving(process.PRESENTED) == []


def test_a_line_waits_on_its_collector_or_deputy_then_on_its_owner():
	who = {"collector": "c@x", "deputy": "d@x", "owner": "o@x"}
	for state in (None, certification.NOT_ENTERED, certification.RETURNED, certification.SENT_BACK):
		assert my_work.line_work(state, "c@x", **who) == my_work.ENTER_RESULT
		assert my_work.line_work(state, "d@x", **who) == my_work.ENTER_RESULT
		assert my_work.line_work(state, "o@x", **who) is None
	assert my_work.line_work(certification.ENTERED, "o@x", **who) == my_work.CHECK_RESULT
	assert my_work.line_work(certification.ENTERED, "c@x", **who) is None
	for user in who.values():
		assert my_work.line_work(certification.CERTIFIED, user, **who) is None
	assert my_work.line_work(certification.NOT_ENTERED, "", collector=None) is None


def test_a_certified_assessment_waits_on_its_unit_head_then_on_the_committee():
	certified = [certification.CERTIFIED] * 2
	assert my_work.assessment_work(certified, endorsed=False) == my_work.ENDORSE
	assert my_work.assessment_work(certified, endorsed=True) == my_work.VERIFY
	partly = [certification.CERTIFIED, certification.ENTERED]
	assert my_work.assessment_work(partly, endorsed=False) is None
	sent_back = [certification.CERTIFIED, certification.SENT_BACK]  # the committee waits on the unit again
	assert my_work.assessment_work(sent_back, endorsed=False) is None
	assert my_work.assessment_work([], endorsed=False) is None


def test_working_days_left_and_late():
	due = dt.datetime(2026, 11, 30, 23, 59, 59)  # a Monday
	assert my_work.working_days_left(due, THU) == 2  # Friday, Monday
	assert my_work.working_days_left(due, FRI) == 1
	assert my_work.working_days_left(due, dt.datetime(2026, 11, 30, 9)) == 0  # due today
	assert my_work.working_days_left(due, dt.datetime(2026, 12, 2, 9)) == -2  # Tuesday and Wednesday late
	assert my_work.working_days_left(due, THU, holidays=[dt.date(2026, 11, 27)]) == 1
	assert my_work.working_days_left(None, THU) is None


def test_overdue_and_urgency():
	due = dt.datetime(2026, 11, 26, 11, 30)
	assert not my_work.is_overdue(due, THU) and my_work.is_overdue(due, dt.datetime(2026, 11, 26, 11, 31))
	assert not my_work.is_overdue(None, THU)
	later = dt.datetime(2026, 12, 1)
	assert sorted([None, later, due], key=my_work.by_urgency) == [due, later, None]
