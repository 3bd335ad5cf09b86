"""The nine steps of the unit-level performance agreement and their due dates. No Frappe import.

Each step is a workflow state of KPI Agreement. From state 5 on the states are named for work already done,
so each state waits on the work of the *next* step of the process text: a state's due time is the time
allowed for the work that leaves it. Durations are the defaults of the process description; departments
change them in KPI Settings. Days are working days (Monday to Friday less holidays); hours are office hours
on working days (08:30-16:30 unless KPI Settings say otherwise).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

COORDINATOR = "KPI Coordinator"
INDICATOR_OWNER = "KPI Indicator Owner"
DATA_COLLECTOR = "KPI Data Collector"
EXECUTIVE = "KPI Executive"
UNIT_HEAD = "KPI Unit Head"
COMMITTEE = "KPI Committee"
INTEGRATION = "KPI Integration"
"""A department-wide integration user: posts results from another system, nothing else."""
ROLES = (COORDINATOR, INDICATOR_OWNER, DATA_COLLECTOR, EXECUTIVE, UNIT_HEAD, COMMITTEE, INTEGRATION)


FRAMEWORK_REVIEW = "Framework Review"
INDICATOR_DRAFTING = "Indicator Drafting"
NEGOTIATION = "Negotiation"
READY_FOR_SIGNING = "Ready for Signing"
SIGNED = "Signed"
BOOKLET_COMPILED = "Booklet Compiled"
ASSESSED = "Assessed"
SCORES_SUMMARIZED = "Scores Summarized"
PRESENTED = "Presented"
CANCELLED = "Cancelled"
"""The state of a cancelled agreement (docstatus 2): out of the process; an amendment starts again at step 1."""

START_DRAFTING = "Start Indicator Drafting"
SEND_FOR_NEGOTIATION = "Send for Negotiation"
APPROVE = "Approve"
RETURN_ACTION = "Return for Revision"
SIGN = "Sign"
COMPILE_BOOKLET = "Compile Booklet"
RECORD_ASSESSMENT = "Record Assessment"
SUMMARIZE_SCORES = "Summarize Scores"
PRESENT = "Present to Director-General"


@dataclass(frozen=True)
class Step:
	number: int
	state: str
	thai: str
	role: str
	working_days: int
	hours: int
	docstatus: int
	style: str
	color: str
	work: str
	"""``role`` does ``work`` (what leaves the state) within ``working_days``, then ``hours`` office hours.
	``style`` is the Workflow State's; ``color`` the list view's indicator."""


STEPS = (
	Step(1, FRAMEWORK_REVIEW, "ทบทวนและกำหนด (ร่าง) กรอบการประเมิน", COORDINATOR, 0, 3, 0, "Primary", "blue",
		"review and set the department's draft framework"),
	Step(2, INDICATOR_DRAFTING, "จัดทำรายละเอียดตัวชี้วัด", INDICATOR_OWNER, 10, 0, 0, "Warning", "orange",
		"write the indicator detail sheets"),
	Step(3, NEGOTIATION, "พิจารณา/เจรจาตัวชี้วัด", EXECUTIVE, 10, 0, 0, "Warning", "yellow",
		"consider and negotiate the indicators (the clock restarts on each return)"),
	Step(4, READY_FOR_SIGNING, "เตรียมลงนามคำรับรอง", COORDINATOR, 5, 3, 0, "Info", "cyan",
		"format the details, then hold the signing"),
	Step(5, SIGNED, "ลงนามคำรับรองแล้ว", COORDINATOR, 15, 0, 1, "Success", "green",
		"compile the booklet"),
	Step(6, BOOKLET_COMPILED, "จัดทำรูปเล่มคำรับรองแล้ว", COMMITTEE, 0, 0, 1, "Success", "green",
		"assess the round, by its assessment due date"),
	Step(7, ASSESSED, "ประเมินผลรอบ ๙ เดือนแล้ว", COORDINATOR, 5, 0, 1, "Success", "purple",
		"summarize the scores and tell every unit"),
	Step(8, SCORES_SUMMARIZED, "สรุปผลคะแนนแจ้งหน่วยงานแล้ว", COORDINATOR, 2, 0, 1, "Success", "purple",
		"present the scores to the Director-General"),
	Step(9, PRESENTED, "นำเสนอผู้บริหาร (อธิบดี) แล้ว", "", 0, 0, 1, "Success", "gray",
		"nothing: the cycle is done"),
)  # fmt: skip
ROUND_DUE_STATE = BOOKLET_COMPILED
"""The state whose due time is the assessment due date of the round that drives step 7, not a duration
(rounds.py)."""
DEPARTMENT_STATE = FRAMEWORK_REVIEW
"""The state whose work is the department's, timed on the framework: each agreement shows its dates."""


@dataclass(frozen=True)
class Transition:
	state: str
	action: str
	next_state: str
	role: str


TRANSITIONS = (
	Transition(FRAMEWORK_REVIEW, START_DRAFTING, INDICATOR_DRAFTING, COORDINATOR),
	Transition(INDICATOR_DRAFTING, SEND_FOR_NEGOTIATION, NEGOTIATION, INDICATOR_OWNER),
	Transition(INDICATOR_DRAFTING, SEND_FOR_NEGOTIATION, NEGOTIATION, COORDINATOR),
	Transition(NEGOTIATION, APPROVE, READY_FOR_SIGNING, EXECUTIVE),
	Transition(NEGOTIATION, RETURN_ACTION, INDICATOR_DRAFTING, EXECUTIVE),
	Transition(READY_FOR_SIGNING, SIGN, SIGNED, COORDINATOR),
	Transition(READY_FOR_SIGNING, SIGN, SIGNED, EXECUTIVE),
	Transition(SIGNED, COMPILE_BOOKLET, BOOKLET_COMPILED, COORDINATOR),
	Transition(BOOKLET_COMPILED, RECORD_ASSESSMENT, ASSESSED, COMMITTEE),
	Transition(BOOKLET_COMPILED, RECORD_ASSESSMENT, ASSESSED, COORDINATOR),
	Transition(ASSESSED, SUMMARIZE_SCORES, SCORES_SUMMARIZED, COORDINATOR),
	Transition(SCORES_SUMMARIZED, PRESENT, PRESENTED, COORDINATOR),
)

FIRST_STATE = STEPS[0].state
FINAL_STATE = STEPS[-1].state
CLOSED_STATES = (FINAL_STATE, CANCELLED)
"""States with nothing left to do: never late, waiting on nobody."""
APPEAL_WORKING_DAYS = 7
"""A unit appeals within this many working days after the round's scorecard is published."""
APPEAL_DECISION_WORKING_DAYS = 15
"""The committee decides an appeal within this many working days after it is filed."""
DIMENSIONS = (
	("มิติที่ ๑ ด้านประสิทธิผล", 40),
	("มิติที่ ๒ ด้านคุณภาพการให้บริการ", 20),
	("มิติที่ ๓ ด้านประสิทธิภาพ", 20),
	("มิติที่ ๔ ด้านการพัฒนาองค์การ", 20),
)
"""The dimensions and weights a new framework starts with (OPDC's four), editable on the framework."""
SCORED_STATES = (SCORES_SUMMARIZED, PRESENTED)
"""States in which a unit's score has been published to it."""

BY_STATE = {step.state: step for step in STEPS}


def step_of(state: str) -> Step | None:
	"""The step definition of a workflow state, or None for a state an admin added."""
	return BY_STATE.get(state)


def next_states(state: str) -> set:
	"""States reachable in one transition."""
	return {t.next_state for t in TRANSITIONS if t.state == state}


def reachable(start: str = FIRST_STATE) -> set:
	"""Every state reachable from ``start``."""
	seen, todo = {start}, [start]
	while todo:
		for nxt in next_states(todo.pop()) - seen:
			seen.add(nxt)
			todo.append(nxt)
	return seen


def is_working_day(day: dt.date, holidays: Iterable[dt.date] = ()) -> bool:
	"""Monday to Friday and not a holiday."""
	return day.weekday() < 5 and day not in set(holidays)


def add_working_days(start: dt.datetime, days: int, holidays: Iterable[dt.date] = ()) -> dt.datetime:
	"""End of the ``days``-th working day after ``start`` (the day of entry does not count)."""
	if days < 0:
		raise ValueError("a step duration cannot be negative")
	off = set(holidays)
	day, counted = start.date(), 0
	while counted < days:
		day += dt.timedelta(days=1)
		if is_working_day(day, off):
			counted += 1
	return dt.datetime.combine(day, dt.time(23, 59, 59)) if days else start


@dataclass(frozen=True)
class OfficeHours:
	start: dt.time = dt.time(8, 30)
	end: dt.time = dt.time(16, 30)


OFFICE_HOURS = OfficeHours()


def add_office_hours(
	start: dt.datetime, hours: int, holidays: Iterable[dt.date] = (), office: OfficeHours = OFFICE_HOURS
) -> dt.datetime:
	"""``hours`` of office time on working days after ``start``: 3 hours from Friday 15:30 end on Monday at
	10:30; time outside office hours does not count."""
	if hours < 0:
		raise ValueError("a step duration cannot be negative")
	if office.start >= office.end:
		raise ValueError("office hours must start before they end")
	off, left, moment = set(holidays), dt.timedelta(hours=hours), start
	while True:
		day = moment.date()
		opening, closing = dt.datetime.combine(day, office.start), dt.datetime.combine(day, office.end)
		if not is_working_day(day, off) or moment >= closing:
			moment = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0))
			continue
		moment = max(moment, opening)
		if left <= closing - moment:
			return moment + left
		left -= closing - moment
		moment = closing


def due_on(
	entered: dt.datetime,
	working_days: int = 0,
	hours: int = 0,
	holidays: Iterable[dt.date] = (),
	office: OfficeHours = OFFICE_HOURS,
) -> dt.datetime | None:
	"""When work started at ``entered`` is due: the end of the ``working_days``-th working day after it,
	then ``hours`` office hours; None when no time is allowed (nothing is waited on)."""
	if working_days < 0 or hours < 0:
		raise ValueError("a step duration cannot be negative")
	if not working_days and not hours:
		return None
	moment = add_working_days(entered, working_days, holidays) if working_days else entered
	return add_office_hours(moment, hours, holidays, office) if hours else moment


def working_days_late(due: dt.datetime | None, now: dt.datetime, holidays: Iterable[dt.date] = ()) -> int:
	"""Whole working days since ``due`` (0 when not yet due)."""
	if not due or now <= due:
		return 0
	off = set(holidays)
	day, late = due.date(), 0
	while day < now.date():
		day += dt.timedelta(days=1)
		if is_working_day(day, off):
			late += 1
	return max(late, 1)


def is_overdue(due: dt.datetime | None, now: dt.datetime, state: str | None = None) -> bool:
	"""Past its due time, and not in a state where nothing is left to do: the one rule of lateness."""
	return due is not None and now > due and state not in CLOSED_STATES


def step_days_late(
	state: str, due: dt.datetime | None, now: dt.datetime, holidays: Iterable[dt.date] = ()
) -> int:
	"""Working days late at the current step (0 when it is not overdue)."""
	return working_days_late(due, now, holidays) if is_overdue(due, now, state) else 0
