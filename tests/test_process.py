"""The nine steps: their table, the transitions, and due dates in working days and office hours (each state
timed by the work that leaves it), with hand-computed dates."""

import datetime as dt

import pytest

from kpi_agreement.frappe_free import process
from kpi_agreement.frappe_free.process import add_office_hours, due_on, working_days_late


def test_nine_steps_in_order_with_design_durations():
	assert [s.number for s in process.STEPS] == list(range(1, 10))
	assert [s.state for s in process.STEPS] == [
		"Framework Review",
		"Indicator Drafting",
		"Negotiation",
		"Ready for Signing",
		"Signed",
		"Booklet Compiled",
		"Assessed",
		"Scores Summarized",
		"Presented",
	]
	# working days, then office hours, for the work that leaves each state (DESIGN.md's table)
	assert [(s.working_days, s.hours) for s in process.STEPS] == [
		(0, 3),  # review the framework (the department's step)
		(10, 0),  # write the detail sheets
		(10, 0),  # negotiate, restarted on each return
		(5, 3),  # format the details, then sign
		(15, 0),  # compile the booklet
		(0, 0),  # assess the round: due at the round's assessment due date
		(5, 0),  # summarize
		(2, 0),  # present
		(0, 0),  # nothing left
	]
	assert process.ROUND_DUE_STATE == "Booklet Compiled"
	assert process.DEPARTMENT_STATE == "Framework Review"


def test_signing_submits_and_later_states_stay_submitted():
	statuses = [s.docstatus for s in process.STEPS]
	assert statuses == [0, 0, 0, 0, 1, 1, 1, 1, 1]


def test_roles_are_known():
	assert {s.role for s in process.STEPS} <= {*process.ROLES, ""}
	assert {t.role for t in process.TRANSITIONS} <= set(process.ROLES)


def test_every_state_reachable_and_no_dead_ends():
	assert process.reachable() == set(process.BY_STATE)
	finals = [s.state for s in process.STEPS if not process.next_states(s.state)]
	assert finals == ["Presented"]


def test_negotiation_approves_or_returns():
	negotiation = [t for t in process.TRANSITIONS if t.state == "Negotiation"]
	assert {(t.action, t.next_state, t.role) for t in negotiation} == {
		("Approve", "Ready for Signing", process.EXECUTIVE),
		("Return for Revision", "Indicator Drafting", process.EXECUTIVE),
	}
	assert "Negotiation" in process.next_states("Indicator Drafting")


def test_transitions_only_between_known_states():
	for t in process.TRANSITIONS:
		assert t.state in process.BY_STATE and t.next_state in process.BY_STATE


FRIDAY = dt.datetime(2026, 11, 27, 10, 0)


def test_working_days_skip_weekends():
	assert due_on(FRIDAY, 1) == dt.datetime(2026, 11, 30, 23, 59, 59)
	assert due_on(FRIDAY, 10) == dt.datetime(2026, 12, 11, 23, 59, 59)
	assert due_on(dt.datetime(2026, 11, 28, 9), 1).date() == dt.date(2026, 11, 30)


def test_working_days_skip_holidays():
	holidays = [dt.date(2026, 12, 7), dt.date(2026, 12, 10)]
	assert due_on(FRIDAY, 10, 0, holidays).date() == dt.date(2026, 12, 15)


def test_hours_are_office_hours_on_working_days():
	friday_afternoon = dt.datetime(2026, 11, 27, 15, 30)
	assert due_on(friday_afternoon, 0, 3) == dt.datetime(2026, 11, 30, 10, 30)  # Monday 10:30
	assert due_on(FRIDAY, 0, 3) == dt.datetime(2026, 11, 27, 13, 0)  # within the day
	assert add_office_hours(dt.datetime(2026, 11, 27, 23, 0), 3) == dt.datetime(2026, 11, 30, 11, 30)
	assert add_office_hours(dt.datetime(2026, 11, 30, 7, 0), 1) == dt.datetime(2026, 11, 30, 9, 30)
	assert add_office_hours(dt.datetime(2026, 11, 27, 16, 30), 8) == dt.datetime(2026, 11, 30, 16, 30)
	# a holiday on Monday pushes the rest to Tuesday
	assert due_on(friday_afternoon, 0, 3, [dt.date(2026, 11, 30)]) == dt.datetime(2026, 12, 1, 10, 30)
	# other office hours
	office = process.OfficeHours(dt.time(9, 0), dt.time(17, 0))  # 1.5 h on Friday, 1.5 h from Monday 09:00
	assert due_on(friday_afternoon, 0, 3, (), office) == dt.datetime(2026, 11, 30, 10, 30)


def test_days_then_hours_for_compiling_and_signing():
	# Ready for Signing: 5 working days to compile, then 3 office hours to sign
	assert due_on(FRIDAY, 5, 3) == dt.datetime(2026, 12, 7, 11, 30)
	holidays = [dt.date(2026, 12, 7)]
	assert due_on(FRIDAY, 5, 3, holidays) == dt.datetime(2026, 12, 8, 11, 30)


def test_every_state_by_hand():
	entered = dt.datetime(2026, 11, 2, 9, 0)  # Monday 09:00
	expected = {
		"Framework Review": dt.datetime(2026, 11, 2, 12, 0),
		"Indicator Drafting": dt.datetime(2026, 11, 16, 23, 59, 59),
		"Negotiation": dt.datetime(2026, 11, 16, 23, 59, 59),
		"Ready for Signing": dt.datetime(2026, 11, 10, 11, 30),
		"Signed": dt.datetime(2026, 11, 23, 23, 59, 59),
		"Booklet Compiled": None,  # due at the round's assessment due date instead
		"Assessed": dt.datetime(2026, 11, 9, 23, 59, 59),
		"Scores Summarized": dt.datetime(2026, 11, 4, 23, 59, 59),
		"Presented": None,
	}
	assert {s.state: due_on(entered, s.working_days, s.hours) for s in process.STEPS} == expected


def test_a_return_restarts_the_negotiation_clock():
	negotiation = process.BY_STATE["Negotiation"]
	first = due_on(dt.datetime(2026, 11, 2, 9), negotiation.working_days)
	returned_and_sent_again = dt.datetime(2026, 11, 12, 14)  # a Thursday, after one round trip
	again = due_on(returned_and_sent_again, negotiation.working_days)
	assert (first.date(), again.date()) == (dt.date(2026, 11, 16), dt.date(2026, 11, 26))


def test_zero_and_bad_durations():
	assert due_on(FRIDAY, 0, 0) is None
	with pytest.raises(ValueError):
		due_on(FRIDAY, -1)
	with pytest.raises(ValueError):
		due_on(FRIDAY, 0, -1)
	with pytest.raises(ValueError):  # office hours that never open would never end
		due_on(FRIDAY, 0, 3, (), process.OfficeHours(dt.time(9), dt.time(9)))


def test_days_late_counts_working_days():
	due = dt.datetime(2026, 11, 20, 23, 59, 59)  # a Friday
	assert working_days_late(due, dt.datetime(2026, 11, 20, 12)) == 0
	assert working_days_late(due, dt.datetime(2026, 11, 23, 9)) == 1
	assert working_days_late(due, dt.datetime(2026, 11, 25, 9)) == 3
	assert working_days_late(due, dt.datetime(2026, 11, 25, 9), [dt.date(2026, 11, 24)]) == 2
	assert working_days_late(None, FRIDAY) == 0


def test_the_last_step_is_never_late():
	due = dt.datetime(2020, 1, 6, 23, 59, 59)
	assert process.step_days_late("Presented", due, FRIDAY) == 0
	assert process.step_days_late("Negotiation", due, FRIDAY) == working_days_late(due, FRIDAY)
