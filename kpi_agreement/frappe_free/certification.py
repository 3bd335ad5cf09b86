"""Who stands behind each result: a line's states from entry to certification, the unit head's endorsement
and the committee's sending back, and what each step needs. No Frappe import; KPI Assessment enforces it."""

from __future__ import annotations

from collections.abc import Iterable

NOT_ENTERED, ENTERED, RETURNED, CERTIFIED, SENT_BACK = (
	"Not Entered",
	"Entered",
	"Returned",
	"Certified",
	"Sent Back",
)
LINE_STATES = (NOT_ENTERED, ENTERED, RETURNED, CERTIFIED, SENT_BACK)
"""A line's states: entered by its data collector, certified (or returned) by its indicator owner, sent
back by the committee for more evidence."""

WAITING_FOR_ENTRY = (NOT_ENTERED, RETURNED, SENT_BACK)
"""The states in which a line waits on its data collector."""

ENTER, CERTIFY, RETURN, ENDORSE, SEND_BACK, NAME_DEPUTY = (
	"Entered",
	"Certified",
	"Returned",
	"Endorsed",
	"Sent Back",
	"Deputy Named",
)
APPEAL_FILED, APPEAL_ACCEPTED, APPEAL_REJECTED = "Appeal Filed", "Appeal Accepted", "Appeal Rejected"
EVENTS = (
	ENTER,
	CERTIFY,
	RETURN,
	ENDORSE,
	SEND_BACK,
	NAME_DEPUTY,
	APPEAL_FILED,
	APPEAL_ACCEPTED,
	APPEAL_REJECTED,
)
"""What the history of an assessment records, each with who, when and why."""

DRAFT, FILED, ACCEPTED, REJECTED = "Draft", "Filed", "Accepted", "Rejected"
APPEAL_STATES = (DRAFT, FILED, ACCEPTED, REJECTED)


def state_after_entry(state: str, has_result: bool) -> str:
	"""A line whose result or evidence the collector changed: entered (again), or not entered when the
	result was cleared."""
	return ENTERED if has_result else NOT_ENTERED


def entry_refusal(state: str, endorsed: bool) -> str | None:
	"""Why a line's result may not be changed now (a key of the controller's messages), or None."""
	if endorsed and state != SENT_BACK:
		return "endorsed"
	if state == CERTIFIED:
		return "certified"
	return None


def certify_refusal(state: str, evidence_count: int) -> str | None:
	"""Why a line may not be certified now, or None."""
	if state != ENTERED:
		return "not_entered"
	if evidence_count < 1:
		return "no_evidence"
	return None


def may_endorse(states: Iterable[str]) -> bool:
	"""The unit head endorses when every line is certified."""
	states = list(states)
	return bool(states) and all(state == CERTIFIED for state in states)


def progress(states: Iterable[str]) -> tuple[int, int]:
	"""(lines entered or beyond, lines certified)."""
	states = list(states)
	return sum(state != NOT_ENTERED for state in states), sum(state == CERTIFIED for state in states)
