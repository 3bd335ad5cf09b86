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


STEPS = (
	Step(1, "Framework Review", "ทบทวนและกำหนด (ร่าง) กรอบการประเมิน", COORDINATOR, 3, HOURS, 0, "Primary"),
	Step(2, "Indicator Drafting", "จัดทำรายละเอียดตัวชี้วัด", INDICATOR_OWNER, 10, WORKING_DAYS, 0, "Warning"),
	Step(3, "Negotiation", "พิจารณา/เจรจาตัวชี้วัด", EXECUTIVE, 10, WORKING_DAYS, 0, "Warning"),
	Step(4, "Ready for Signing", "เตรียมลงนามคำรับรอง", COORDINATOR, 5, WORKING_DAYS, 0, "Info"),
	Step(5, "Signed", "ลงนามคำรับรองแล้ว", COORDINATOR, 3, HOURS, 1, "Success"),
	Step(6, "Booklet Compiled", "จัดทำรูปเล่มคำรับรองแล้ว", COMMITTEE, 15, WORKING_DAYS, 1, "Success"),
	Step(7, "Assessed", "ประเมินผลรอบ ๙ เดือนแล้ว", COORDINATOR, 15, WORKING_DAYS, 1, "Success"),
	Step(8, "Scores Summarized", "สรุปผลคะแนนแจ้งหน่วยงานแล้ว", COORDINATOR, 5, WORKING_DAYS, 1, "Success"),
	Step(9, "Presented", "นำเสนอผู้บริหาร (อธิบดี) แล้ว", COORDINATOR, 2, WORKING_DAYS, 1, "Success"),
)
"""``role`` is who acts while the agreement is in the state; ``duration`` is how long that action may take."""


@dataclass(frozen=True)
class Transition:
	state: str
	action: str
	next_state: str
	role: str


TRANSITIONS = (
	Transition("Framework Review", "Start Indicator Drafting", "Indicator Drafting", COORDINATOR),
	Transition("Indicator Drafting", "Send for Negotiation", "Negotiation", INDICATOR_OWNER),
	Transition("Indicator Drafting", "Send for Negotiation", "Negotiation", COORDINATOR),
	Transition("Negotiation", "Approve", "Ready for Signing", EXECUTIVE),
	Transition("Negotiation", "Return for Revision", "Indicator Drafting", EXECUTIVE),
	Transition("Ready for Signing", "Sign", "Signed", COORDINATOR),
	Transition("Ready for Signing", "Sign", "Signed", EXECUTIVE),
	Transition("Signed", "Compile Booklet", "Booklet Compiled", COORDINATOR),
	Transition("Booklet Compiled", "Record Assessment", "Assessed", COMMITTEE),
	Transition("Booklet Compiled", "Record Assessment", "Assessed", COORDINATOR),
	Transition("Assessed", "Summarize Scores", "Scores Summarized", COORDINATOR),
	Transition("Scores Summarized", "Present to Director-General", "Presented", COORDINATOR),
)

CANCELLED = "Cancelled"
"""The state of a cancelled agreement (docstatus 2): out of the process; an amendment starts again at step 1."""
RETURN_ACTION = "Return for Revision"
FIRST_STATE = STEPS[0].state
ASSESSED_ROUND_MONTHS = 9
DEPARTMENT_WIDE = ("Framework Review", "Assessed", "Scores Summarized")
"""States whose next step is taken for every unit at once (from the framework or the scorecard)."""

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
	return 0 if state == STEPS[-1].state else working_days_late(due, now, holidays)
