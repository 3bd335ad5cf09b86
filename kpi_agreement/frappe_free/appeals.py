"""An appeal's way (ขอทบทวนผลคะแนน), as one state machine: drafted and filed by the unit head within the days
allowed after the scorecard is published, then accepted or rejected, with a reason, by the committee. No
Frappe import: KPI Appeal enforces these moves and its form draws its buttons from :func:`allowed_actions`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

DRAFT, FILED, ACCEPTED, REJECTED = "Draft", "Filed", "Accepted", "Rejected"
STATES = (DRAFT, FILED, ACCEPTED, REJECTED)
DECIDED = (ACCEPTED, REJECTED)

FILE, ACCEPT, REJECT = "file", "accept", "reject"
HEAD, COMMITTEE = "head", "committee"

ACTOR, STATE, TOO_LATE, NO_REASON, NO_SCORE = "actor", "state", "too_late", "no_reason", "no_score"
"""Why a move is refused: not the person who makes it; the appeal is not in the state the move leaves; the
time to appeal has ended; no reason for the decision; a line without the committee's new score."""


@dataclass(frozen=True)
class Move:
	action: str
	actor: str
	source: str
	target: str


MOVES = {
	move.action: move
	for move in (
		Move(FILE, HEAD, DRAFT, FILED),
		Move(ACCEPT, COMMITTEE, FILED, ACCEPTED),
		Move(REJECT, COMMITTEE, FILED, REJECTED),
	)
}


def refusal(
	action: str,
	actors: Iterable[str],
	status: str,
	now: dt.datetime | None = None,
	appeal_due: dt.datetime | None = None,
	reason: str | None = None,
	decided_scores: Iterable[object] = (),
) -> str | None:
	"""Why ``action`` may not be made now by someone who is ``actors`` to the appeal, or None."""
	move = MOVES[action]
	if move.actor not in set(actors):
		return ACTOR
	if status != move.source:
		return STATE
	if action == FILE and now and appeal_due and now > appeal_due:
		return TOO_LATE
	if move.actor == COMMITTEE and not (reason or "").strip():
		return NO_REASON
	if action == ACCEPT and any(score in (None, "") for score in decided_scores):
		return NO_SCORE
	return None


def allowed_actions(actors: Iterable[str], status: str) -> list[str]:
	"""The buttons the form shows: the moves open to the user in this state (the reason and the new scores
	are asked for on the form, so they do not hide a button)."""
	actors = set(actors)
	return [a for a, move in MOVES.items() if move.actor in actors and move.source == status]


def unit_side_frozen(status: str | None) -> bool:
	"""Once filed, what the unit asked is the record."""
	return bool(status) and status != DRAFT
