"""The nine steps of the unit-level performance agreement and their due dates. No Frappe import.

Each step is a workflow state of KPI Agreement. Durations are the defaults of the process description;
departments change them in KPI Settings. Days are working days (Saturday and Sunday excluded, plus holidays).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

HOURS = "Hours"
WORKING_DAYS = "Working Days"

COORDINATOR = "KPI Coordinator"
INDICATOR_OWNER = "KPI Indicator Owner"
DATA_COLLECTOR = "KPI Data Collector"
EXECUTIVE = "KPI Executive"
UNIT_HEAD = "KPI Unit Head"
COMMITTEE = "KPI Committee"
ROLES = (COORDINATOR, INDICATOR_OWNER, DATA_COLLECTOR, EXECUTIVE, UNIT_HEAD, COMMITTEE)


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
	duration: int
	unit: str
	docstatus: int
	style: str
	color: str
	"""``style`` is the Workflow State's; ``color`` the list view's indicator."""


STEPS = (
	Step(
		1, FRAMEWORK_REVIEW, "ทบทวนและกำหนด (ร่าง) กรอบการประเมิน", COORDINATOR, 3, HOURS, 0, "Primary", "blue"
	),
	Step(
		2, INDICATOR_DRAFTING, "จัดทำรายละเอียดตัวชี้วัด", INDICATOR_OWNER, 10, WORKING_DAYS, 0, "Warning", "orange"
	),
	Step(3, NEGOTIATION, "พิจารณา/เจรจาตัวชี้วัด", EXECUTIVE, 10, WORKING_DAYS, 0, "Warning", "yellow"),
	Step(4, READY_FOR_SIGNING, "เตรียมลงนามคำรับรอง", COORDINATOR, 5, WORKING_DAYS, 0, "Info", "cyan"),
	Step(5, SIGNED, "ลงนามคำรับรองแล้ว", COORDINATOR, 3, HOURS, 1, "Success", "green"),
	Step(6, BOOKLET_COMPILED, "จัดทำรูปเล่มคำรับรองแล้ว", COMMITTEE, 15, WORKING_DAYS, 1, "Success", "green"),
	Step(7, ASSESSED, "ประเมินผลรอบ ๙ เดือนแล้ว", COORDINATOR, 15, WORKING_DAYS, 1, "Success", "purple"),
	Step(
		8, SCORES_SUMMARIZED, "สรุปผลคะแนนแจ้งหน่วยงานแล้ว", COORDINATOR, 5, WORKING_DAYS, 1, "Success", "purple"
	),
	Step(9, PRESENTED, "นำเสนอผู้บริหาร (อธิบดี) แล้ว", COORDINATOR, 2, WORKING_DAYS, 1, "Success", "gray"),
)
"""``role`` is who acts while the agreement is in the state; ``duration`` is how long that action may take."""


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
ASSESSED_ROUND_MONTHS = 9
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


def due_on(entered: dt.datetime, duration: int, unit: str, holidays: Iterable[dt.date] = ()) -> dt.datetime:
	"""When a step entered at ``entered`` is due: hours on the clock, or whole working days."""
	if unit == HOURS:
		return entered + dt.timedelta(hours=duration)
	if unit == WORKING_DAYS:
		return add_working_days(entered, duration, holidays)
	raise ValueError(f"unknown duration unit {unit!r}; use {HOURS!r} or {WORKING_DAYS!r}")


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


def step_days_late(
	state: str, due: dt.datetime | None, now: dt.datetime, holidays: Iterable[dt.date] = ()
) -> int:
	"""Working days late at the current step; the last step has nothing left to do and is never late."""
	return 0 if state == FINAL_STATE else working_days_late(due, now, holidays)
