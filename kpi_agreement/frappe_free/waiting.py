"""Who waits on what, and how long is left for it: the one answer My Work, the digests and the workspace read.
No Frappe import.

An agreement waits on the role that does the work leaving its state (the process defaults, or KPI Settings'
role for that state): on an indicator owner only when it carries their indicators, on a unit head only for
their unit. A framework not yet reviewed waits on the role of the department's step. An assessment line waits
on the person who can make its next move in the certification table (``certification.py``): its data
collector (or the deputy named) to enter its result, again when it is returned or sent back, and to attach
evidence; then its indicator owner to certify it; a line nobody may enter waits on its unit head to name a
deputy. A draft assessment whose every line is certified waits on its unit head to endorse it, then on the
committee to verify and score it. A draft appeal waits on its unit head to file it, a filed one on the
committee. Lines and endorsements are due with the round's results (the assessment's *Results Due*), the
committee's verification on the round's assessment due date. Time left is counted in working days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kpi_agreement.frappe_free import appeals, certification, process, rounds

AGREEMENT_STEP, REVIEW_FRAMEWORK = "agreement step", "review framework"
ENTER_RESULT, ATTACH_EVIDENCE, CERTIFY_RESULT, NAME_DEPUTY = (
	"enter result",
	"attach evidence",
	"certify result",
	"name deputy",
)
ENDORSE, VERIFY, FILE_APPEAL, DECIDE_APPEAL = "endorse", "verify", "file appeal", "decide appeal"
KINDS = (
	AGREEMENT_STEP,
	REVIEW_FRAMEWORK,
	ENTER_RESULT,
	ATTACH_EVIDENCE,
	CERTIFY_RESULT,
	NAME_DEPUTY,
	ENDORSE,
	VERIFY,
	FILE_APPEAL,
	DECIDE_APPEAL,
)


def responsible_roles(overrides: Mapping[str, str | None] | None = None) -> dict[str, str]:
	"""The role that acts in each state: the process defaults, replaced by KPI Settings' row for a state
	where it has one (a row with no role means nobody acts in that state)."""
	roles = {step.state: step.role for step in process.STEPS}
	roles.update({state: role or "" for state, role in (overrides or {}).items() if state})
	return {state: role for state, role in roles.items() if role}


def states_waiting_on(user_roles: Iterable[str], responsible: Mapping[str, str]) -> list[str]:
	"""The states in which one of ``user_roles`` acts, in process order (states an administrator added last);
	never a closed state, where nothing is left to do."""
	held = set(user_roles)
	order = {step.state: step.number for step in process.STEPS}
	return sorted(
		(state for state, role in responsible.items() if role in held and state not in process.CLOSED_STATES),
		key=lambda state: (order.get(state, len(order) + 1), state),
	)


def actions_leaving(state: str) -> list[str]:
	"""The workflow actions that take an agreement out of ``state`` (Approve, Return for Revision), once each."""
	return list(dict.fromkeys(t.action for t in process.TRANSITIONS if t.state == state))


def line_waits_on(state: str | None, evidence_count: int, has_enterer: bool = True) -> tuple[str, str] | None:
	"""(who, what) a line of a draft assessment waits on, read from the certification table: the collector
	enters, or attaches the evidence certifying needs; the owner certifies; with nobody to enter it, the unit
	head names a deputy. None when it waits on nobody (certified)."""
	state = state or certification.NOT_ENTERED
	if state in certification.WAITING_FOR_ENTRY:
		return (certification.COLLECTOR, ENTER_RESULT) if has_enterer else (certification.HEAD, NAME_DEPUTY)
	refusal = certification.refusal(
		certification.CERTIFY, {certification.OWNER}, False, state, evidence_count
	)
	if refusal is None:
		return certification.OWNER, CERTIFY_RESULT
	if refusal == certification.NO_EVIDENCE:
		return (
			(certification.COLLECTOR, ATTACH_EVIDENCE) if has_enterer else (certification.HEAD, NAME_DEPUTY)
		)
	return None


def assessment_waits_on(line_states: Iterable[str], endorsed: bool) -> tuple[str, str] | None:
	"""(who, what) a draft assessment as a whole waits on once every line is certified: the unit head's
	endorsement, then the committee's verification and scores (a line the committee sends back voids the
	endorsement, and the assessment waits on its lines again)."""
	states = list(line_states)
	if endorsed:
		return certification.COMMITTEE, VERIFY
	if certification.refusal(certification.ENDORSE, {certification.HEAD}, False, states=states) is None:
		return certification.HEAD, ENDORSE
	return None


def appeal_waits_on(status: str | None) -> tuple[str, str] | None:
	"""(who, what) an appeal waits on: its unit head to file a draft, the committee to decide a filed one."""
	moves = [move for move in appeals.MOVES.values() if move.source == status]
	if not moves:
		return None
	return moves[0].actor, FILE_APPEAL if moves[0].action == appeals.FILE else DECIDE_APPEAL


@dataclass(frozen=True)
class Work:
	"""One thing waiting on one person."""

	kind: str
	doctype: str
	name: str
	unit: str | None = None
	due: dt.datetime | None = None
	state: str = ""
	"""The agreement's state, the line's state, the appeal's status."""
	fiscal_year: int | None = None
	months: str | None = None
	indicator: str = ""
	"""The line's indicator, by its name."""
	role: str = ""
	"""For an agreement step: the role that acts in its state."""


def waiting(
	users: Mapping[str, Mapping],
	responsible: Mapping[str, str],
	agreements: Iterable[Mapping] = (),
	frameworks: Iterable[Mapping] = (),
	assessments: Iterable[Mapping] = (),
	appeals_: Iterable[Mapping] = (),
) -> dict[str, list[Work]]:
	"""Everything waiting on each of ``users``, earliest due first.

	``users``: user -> {"roles": set, "units": set of units they may see, or None for every unit}.
	``agreements``: {"name", "unit", "fiscal_year", "state", "due", "unit_head", "owners": indicator owners of
	its lines}. ``frameworks`` (not yet reviewed): {"name", "unit", "fiscal_year", "due"}. ``assessments``
	(drafts): {"name", "unit", "fiscal_year", "months", "endorsed", "results_due", "assessment_due",
	"unit_head", "lines": [{"indicator", "state", "collector", "deputy", "owner", "evidence": count}]}.
	``appeals_``: {"name", "unit", "fiscal_year", "months", "status", "due", "unit_head"}."""
	work: dict[str, list[Work]] = defaultdict(list)
	holders: dict[str, set[str]] = defaultdict(set)
	for user, person in users.items():
		for role in person.get("roles") or ():
			holders[role].add(user)

	def give(people: Iterable[str | None], item: Work) -> None:
		for user in set(people) - {None, ""}:
			person = users.get(user)
			if person is not None and may_see(person, item.unit):
				work[user].append(item)

	committee = holders[process.COMMITTEE]
	for a in agreements:
		role = responsible.get(a["state"])
		if not role or a["state"] in process.CLOSED_STATES:
			continue
		people = holders[role]
		if role == process.INDICATOR_OWNER:
			people = people & set(a.get("owners") or ())
		elif role == process.UNIT_HEAD:
			people = people & {a.get("unit_head")}
		give(
			people,
			Work(AGREEMENT_STEP, "KPI Agreement", a["name"], a.get("unit"), a.get("due"), a["state"],
				a.get("fiscal_year"), role=role),
		)  # fmt: skip
	reviewer = responsible.get(process.DEPARTMENT_STATE)
	for f in frameworks:
		give(
			holders[reviewer] if reviewer else (),
			Work(REVIEW_FRAMEWORK, "KPI Framework", f["name"], f.get("unit"), f.get("due"),
				process.DEPARTMENT_STATE, f.get("fiscal_year")),
		)  # fmt: skip
	for s in assessments:
		people = {certification.HEAD: {s.get("unit_head")}, certification.COMMITTEE: committee}
		for line in s.get("lines") or ():
			enterers = {line.get("collector"), line.get("deputy")} - {None, ""}
			found = line_waits_on(line.get("state"), line.get("evidence") or 0, bool(enterers))
			if found:
				who, kind = found
				line_people = {certification.COLLECTOR: enterers, certification.OWNER: {line.get("owner")}}
				give({**people, **line_people}[who], assessment_work(s, kind, s.get("results_due"), line))
		found = assessment_waits_on([line.get("state") for line in s.get("lines") or ()], s.get("endorsed"))
		if found:
			who, kind = found
			due = s.get("assessment_due") if kind == VERIFY else s.get("results_due")
			give(people[who], assessment_work(s, kind, due))
	for a in appeals_:
		found = appeal_waits_on(a.get("status"))
		if found:
			who, kind = found
			give(
				committee if who == appeals.COMMITTEE else {a.get("unit_head")},
				Work(kind, "KPI Appeal", a["name"], a.get("unit"), a.get("due"), a.get("status") or "",
					a.get("fiscal_year"), rounds.key(a.get("months"))),
			)  # fmt: skip
	return {user: sorted(items, key=lambda w: (*by_urgency(w.due), w.name)) for user, items in work.items()}


def assessment_work(s: Mapping, kind: str, due: dt.datetime | None, line: Mapping | None = None) -> Work:
	line = line or {}
	return Work(kind, "KPI Assessment", s["name"], s.get("unit"), due, line.get("state") or "",
		s.get("fiscal_year"), rounds.key(s.get("months")), line.get("indicator") or "")  # fmt: skip


def may_see(person: Mapping, unit: str | None) -> bool:
	"""A person bound to units (``units`` is a set) hears only of those units; None means every unit."""
	units = person.get("units")
	return units is None or not unit or unit in units


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


def by_urgency(due: dt.datetime | None) -> tuple:
	"""Sort key: the earliest due first, work with no due time last."""
	return (due is None, due or dt.datetime.max)
