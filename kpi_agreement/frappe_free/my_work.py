"""What waits on whom, and how long is left for it. No Frappe import.

An agreement waits on the role that does the work leaving its state (the process defaults, or KPI Settings'
role for that state). An assessment line waits on its data collector (or the deputy the unit head named)
until its result is entered, again when it is returned or sent back, then on its indicator owner to certify
it; a draft assessment whose every line is certified waits on its unit head to endorse it, then on the
committee to verify and score it. Time left is counted in working days, as due dates are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from kpi_agreement.frappe_free import certification, process

ENTER_RESULT = "enter result"
CHECK_RESULT = "check result"
ENDORSE = "endorse"
VERIFY = "verify"


def responsible_roles(overrides: Mapping[str, str | None] | None = None) -> dict[str, str]:
	"""The role that acts in each state: the process defaults, replaced by KPI Settings' row for a state
	where it has one (a row with no role means nobody acts in that state)."""
	roles = {step.state: step.role for step in process.STEPS}
	roles.update({state: role or "" for state, role in (overrides or {}).items() if state})
	return {state: role for state, role in roles.items() if role}


def states_waiting_on(user_roles: Iterable[str], responsible: Mapping[str, str]) -> list[str]:
	"""The states in which one of ``user_roles`` acts, in process order (states an administrator added last);
	never the final or the cancelled state, where nothing is left to do."""
	held = set(user_roles)
	order = {step.state: step.number for step in process.STEPS}
	closed = {process.FINAL_STATE, process.CANCELLED}
	return sorted(
		(state for state, role in responsible.items() if role in held and state not in closed),
		key=lambda state: (order.get(state, len(order) + 1), state),
	)


def actions_leaving(state: str) -> list[str]:
	"""The workflow actions that take an agreement out of ``state`` (Approve, Return for Revision), once each."""
	return list(dict.fromkeys(t.action for t in process.TRANSITIONS if t.state == state))


FOR_COLLECTOR = (certification.NOT_ENTERED, certification.RETURNED, certification.SENT_BACK)
"""The line states in which a line waits on its data collector."""


def line_work(
	state: str | None,
	user: str,
	collector: str | None = None,
	deputy: str | None = None,
	owner: str | None = None,
) -> str | None:
	"""What an assessment line waits on ``user`` for: its data collector, or the deputy the unit head named,
	enters the result (again once returned or sent back); its indicator owner then certifies it. None when
	it waits on someone else, or on nobody (certified)."""
	if not user:
		return None
	state = state or certification.NOT_ENTERED
	if state in FOR_COLLECTOR:
		return ENTER_RESULT if user in (collector, deputy) else None
	if state == certification.ENTERED:
		return CHECK_RESULT if user == owner else None
	return None


def assessment_work(line_states: Iterable[str], endorsed: bool) -> str | None:
	"""What a draft assessment as a whole waits for once every line is certified: the unit head's
	endorsement, then the committee's verification and scores (a line the committee sends back voids the
	endorsement, and the assessment waits on its lines again)."""
	if not certification.may_endorse(line_states):
		return None
	return VERIFY if endorsed else ENDORSE


def working_days_left(
	due: dt.datetime | None, now: dt.datetime, holidays: Iterable[dt.date] = ()
) -> int | None:
	"""Working days from ``now`` until ``due``: 0 when due today, negative (the working days late) once past,
	None when nothing is due."""
	if due is None:
		return None
	if now > due:
		return -process.working_days_late(due, now, holidays)
	off = set(holidays)
	day, left = now.date(), 0
	while day < due.date():
		day += dt.timedelta(days=1)
		if process.is_working_day(day, off):
			left += 1
	return left


def is_overdue(due: dt.datetime | None, now: dt.datetime) -> bool:
	return due is not None and now > due


def by_urgency(due: dt.datetime | None) -> tuple:
	"""Sort key: the earliest due first, work with no due time last."""
	return (due is None, due or dt.datetime.max)
