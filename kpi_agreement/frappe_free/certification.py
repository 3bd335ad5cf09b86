"""Who stands behind each result, as one state machine: a line's states from entry to certification, the unit
head's endorsement, the committee's scoring and sending back; for every move, who makes it, from which
states, and why it is refused when it is. No Frappe import: KPI Assessment enforces these moves, the form
draws its buttons from :func:`allowed_actions`, and who waits on what (``waiting.py``) reads them too."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
"""The states in which a line waits on its data collector to enter its result."""

ENTER, CERTIFY, RETURN, ENDORSE, SEND_BACK, NAME_DEPUTY = (
	"Entered",
	"Certified",
	"Returned",
	"Endorsed",
	"Sent Back",
	"Deputy Named",
)
SCORE, SUBMIT = "Scored", "Submitted"
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

COLLECTOR, OWNER, HEAD, COMMITTEE = "collector", "owner", "head", "committee"
"""Who a person is to a line or an assessment: its data collector (or the deputy named), its indicator
owner, the head of its unit, the committee (or a coordinator acting for it)."""

ACTOR, ENDORSED, NOT_ENDORSED, STATE, NO_EVIDENCE, NOT_ALL_CERTIFIED, NO_RESULT = (
	"actor",
	"endorsed",
	"not_endorsed",
	"state",
	"no_evidence",
	"not_all_certified",
	"no_result",
)
"""Why a move is refused: not the person who makes it; the unit head has endorsed already (or not yet); the
line's state is not one the move leaves; no evidence file; not every line certified; a line without a
result."""


@dataclass(frozen=True)
class Move:
	action: str
	actor: str
	sources: frozenset[str] | None = None
	"""The line states the move leaves; None for a move of the whole assessment."""
	target: str | None = None
	"""The line state it reaches; None when the state stays."""
	endorsed: bool | None = None
	"""True: only once the unit head has endorsed; False: only before; None: either."""
	reason: bool = False
	evidence: bool = False


MOVES = {
	move.action: move
	for move in (
		Move(ENTER, COLLECTOR, frozenset({NOT_ENTERED, ENTERED, RETURNED, SENT_BACK}), ENTERED, False),
		Move(CERTIFY, OWNER, frozenset({ENTERED}), CERTIFIED, False, evidence=True),
		Move(RETURN, OWNER, frozenset({ENTERED, CERTIFIED}), RETURNED, False, reason=True),
		Move(SEND_BACK, COMMITTEE, frozenset({CERTIFIED}), SENT_BACK, True, reason=True),
		Move(NAME_DEPUTY, HEAD, frozenset(LINE_STATES), None, False),
		Move(ENDORSE, HEAD, endorsed=False),
		Move(SCORE, COMMITTEE, endorsed=True),
		Move(SUBMIT, COMMITTEE, endorsed=True),
	)
}
"""Every move: who makes it, from which line states, before or after the endorsement."""
LINE_MOVES = tuple(action for action, move in MOVES.items() if move.sources is not None)
ASSESSMENT_MOVES = tuple(action for action, move in MOVES.items() if move.sources is None)
METHODS = {
	CERTIFY: "certify_line",
	RETURN: "return_line",
	NAME_DEPUTY: "name_deputy",
	SEND_BACK: "send_back_line",
	ENDORSE: "endorse",
}
"""The moves the form offers as buttons, each with the assessment's method that makes it (entering is typing
in the grid; scoring and submitting are the form's own fields and Submit button)."""
BUTTONS = tuple(METHODS)


def refusal(
	action: str,
	actors: Iterable[str],
	endorsed: bool,
	state: str | None = None,
	evidence_count: int = 0,
	states: Iterable[str] = (),
	results: Iterable[bool] = (),
) -> str | None:
	"""Why ``action`` may not be made now by someone who is ``actors`` to it (None when it may): for a line
	move, ``state`` is the line's and ``evidence_count`` its evidence files; for endorsing, ``states`` are the
	lines'; for submitting, ``results`` says which lines have a result."""
	move = MOVES[action]
	if move.actor not in set(actors):
		return ACTOR
	if move.endorsed is not None and move.endorsed != bool(endorsed):
		return NOT_ENDORSED if move.endorsed else ENDORSED
	if move.sources is not None and (state or NOT_ENTERED) not in move.sources:
		return STATE
	if move.evidence and evidence_count < 1:
		return NO_EVIDENCE
	if action == ENDORSE and not all_certified(states):
		return NOT_ALL_CERTIFIED
	if action == SUBMIT and not all(results):
		return NO_RESULT
	return None


def all_certified(states: Iterable[str]) -> bool:
	"""The unit head endorses when every line is certified."""
	states = list(states)
	return bool(states) and all(state == CERTIFIED for state in states)


def state_after_entry(has_result: bool) -> str:
	"""A line whose result or evidence its collector changed: entered (again), or not entered when the
	result was cleared."""
	return ENTERED if has_result else NOT_ENTERED


@dataclass(frozen=True)
class LineFacts:
	name: str
	state: str
	actors: frozenset[str]
	evidence_count: int = 0


def allowed_actions(lines: Iterable[LineFacts], assessment_actors: Iterable[str], endorsed: bool) -> dict:
	"""The buttons the form shows one user: per line the moves they may make on it, and the moves of the
	whole assessment (endorse). ``{"lines": {row: [action, ...]}, "assessment": [action, ...]}``."""
	lines = list(lines)
	actors = frozenset(assessment_actors)
	per_line = {
		line.name: [
			action
			for action in BUTTONS
			if action in LINE_MOVES
			and refusal(action, line.actors | actors, endorsed, line.state, line.evidence_count) is None
		]
		for line in lines
	}
	whole = [
		action
		for action in BUTTONS
		if action in ASSESSMENT_MOVES
		and refusal(action, actors, endorsed, states=[line.state for line in lines]) is None
	]
	return {"lines": {row: actions for row, actions in per_line.items() if actions}, "assessment": whole}


def progress(states: Iterable[str]) -> tuple[int, int]:
	"""(lines entered or beyond, lines certified)."""
	states = list(states)
	return sum(state != NOT_ENTERED for state in states), sum(state == CERTIFIED for state in states)
