"""The nine steps: their table, the transitions and working-day due dates."""

import datetime as dt

import pytest

from kpi_agreement.frappe_free import process
from kpi_agreement.frappe_free.process import HOURS, WORKING_DAYS, due_on, working_days_late


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
	assert [(s.duration, s.unit) for s in process.STEPS] == [
		(3, HOURS),
		(10, WORKING_DAYS),
		(10, WORKING_DAYS),
		(5, WORKING_DAYS),
		(3, HOURS),
		(15, WORKING_DAYS),
		(15, WORKING_DAYS),
		(5, WORKING_DAYS),
		(2, WORKING_DAYS),
	]


def test_signing_submits_and_later_states_stay_submitted():
	statuses = [s.docstatus for s in process.STEPS]
	assert statuses == [0, 0, 0, 0, 1, 1, 1, 1, 1]


def test_roles_are_known():
	assert {s.role for s in process.STEPS} <= set(process.ROLES)
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
	assert due_on(FRIDAY, 1, WORKING_DAYS) == dt.datetime(2026, 11, 30, 23, 59, 59)
	assert due_on(FRIDAY, 10, WORKING_DAYS) == dt.datetime(2026, 12, 11, 23, 59, 59)
	assert due_on(dt.datetime(2026, 11, 28, 9), 1, WORKING_DAYS).date() == dt.date(2026, 11, 30)


def test_working_days_skip_holidays():
	holidays = [dt.date(2026, 12, 7), dt.date(2026, 12, 10)]
	assert due_on(FRIDAY, 10, WORKING_DAYS, holidays).date() == dt.date(2026, 12, 15)


def test_hour_based_steps_run_on_the_clock():
	assert due_on(FRIDAY, 3, HOURS) == dt.datetime(2026, 11, 27, 13, 0)
	assert due_on(dt.datetime(2026, 11, 27, 23, 0), 3, HOURS) == dt.datetime(2026, 11, 28, 2, 0)


def test_zero_and_bad_durations():
	assert due_on(FRIDAY, 0, WORKING_DAYS) == FRIDAY
	with pytest.raises(ValueError):
		due_on(FRIDAY, -1, WORKING_DAYS)
	with pytest.raises(ValueError):
		due_on(FRIDAY, 1, "Fortnights")


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
