"""The assessment rounds of a fiscal year (6, 9 and 12 months) as one value. No Frappe import.

A :class:`Round` carries its months, its cut-off and the committee's assessment due date; it says when the
units' results are due, which round comes before it, and which round is due now. Select fields store a
round's months as text ("9"): :func:`months_of` is the one place text and numbers meet, and code compares
rounds or their :attr:`Round.key`. The desk's scripts read :data:`OPTIONS` from the boot, and a tier-1 test
checks that the DocType Select fields list exactly these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from kpi_agreement.frappe_free import process, thai

MONTHS = (6, 9, 12)
"""The rounds of a fiscal year: its first 6, 9 and 12 months (12 is the year's final result)."""
FINAL = MONTHS[-1]
"""The round of the year's final result."""
OPTIONS = tuple(str(months) for months in MONTHS)
"""The rounds as Select fields store them, in order."""
DEFAULT_ASSESSED = 9
"""The round that completes step 7 unless a framework names another (the process text assesses 9 months)."""
RESULTS_WORKING_DAYS = 10
"""Units' results are due this many working days after the round's cut-off (KPI Settings may change it)."""
ASSESSMENT_WORKING_DAYS = 15
"""The committee's assessment is due this many working days after the cut-off, unless the framework says."""


def months_of(value: object) -> int | None:
	"""A round's months however they are spelled: ``9``, ``"9"``, ``" 9 "`` or a :class:`Round` -> 9; None
	for an empty value or one that is not a round of the year."""
	if isinstance(value, Round):
		return value.months
	if value is None or isinstance(value, bool):
		return None
	try:
		months = int(str(value).strip())
	except ValueError:
		return None
	return months if months in MONTHS else None


def key(value: object) -> str:
	"""A round's months as Select fields store them (``"9"``); ``""`` when ``value`` is not a round."""
	months = months_of(value)
	return str(months) if months else ""


@dataclass(frozen=True, order=True)
class Round:
	"""One round of a framework. Rounds compare and sort by their months alone."""

	months: int
	cut_off: dt.date | None = field(default=None, compare=False)
	"""The last day the round's results cover."""
	assessment_due: dt.date | None = field(default=None, compare=False)
	"""The day the committee's assessment of the round is due."""

	def __post_init__(self) -> None:
		months = months_of(self.months)
		if months is None:
			raise ValueError(f"{self.months!r} is not a round: rounds are of {', '.join(OPTIONS)} months")
		object.__setattr__(self, "months", months)

	@property
	def key(self) -> str:
		"""The months as Select fields store them: ``"9"``."""
		return str(self.months)

	@property
	def line_field(self) -> str:
		"""The agreement line's check that its indicator is assessed in this round."""
		return f"in_round_{self.months}"

	def results_due(
		self, working_days: int = RESULTS_WORKING_DAYS, holidays: Iterable[dt.date] = ()
	) -> dt.datetime | None:
		"""The end of the day the units' results are due: the cut-off plus ``working_days`` working days;
		None without a cut-off."""
		return _working_days_after(self.cut_off, working_days, holidays) if self.cut_off else None

	def assessment_deadline(self) -> dt.datetime | None:
		"""The end of the assessment due date."""
		return dt.datetime.combine(self.assessment_due, dt.time(23, 59, 59)) if self.assessment_due else None

	def with_dates(
		self,
		fiscal_year_be: int,
		assessment_working_days: int = ASSESSMENT_WORKING_DAYS,
		holidays: Iterable[dt.date] = (),
	) -> Round:
		"""This round with the dates a framework left empty filled in: the cut-off on the last day of its
		months of the fiscal year, the assessment due ``assessment_working_days`` working days after it."""
		cut_off = self.cut_off or thai.round_cut_off(fiscal_year_be, self.months)
		due = self.assessment_due or _working_days_after(cut_off, assessment_working_days, holidays).date()
		return Round(self.months, cut_off, due)


def _working_days_after(day: dt.date, working_days: int, holidays: Iterable[dt.date]) -> dt.datetime:
	return process.add_working_days(dt.datetime.combine(day, dt.time(0)), working_days, holidays)


def find(rounds: Iterable[Round], months: object) -> Round | None:
	"""The round of ``months`` among ``rounds``, None when there is none (or ``months`` is not a round)."""
	wanted = months_of(months)
	return next((r for r in rounds if r.months == wanted), None)


def previous(rounds: Iterable[Round], this: object) -> Round | None:
	"""The round before ``this`` in the same fiscal year: of one framework's ``rounds``, the one with the
	most months below it; None for the year's first round. A score change never crosses fiscal years:
	each year agrees its own indicators, weights and targets, and a year's first round covers fewer months
	than the last round of the year before (the Score Trend shows the years side by side)."""
	months = months_of(this)
	earlier = [r for r in rounds if months and r.months < months]
	return max(earlier) if earlier else None


def now_due(rounds: Iterable[Round], assessed: Iterable[object], today: dt.date) -> Round | None:
	"""The round a new assessment is for: of the ``rounds`` not yet ``assessed``, the first whose cut-off
	has passed, else the first to come; None when every round is assessed."""
	done = {months_of(months) for months in assessed}
	open_rounds = sorted(r for r in rounds if r.months not in done)
	passed = [r for r in open_rounds if r.cut_off and r.cut_off <= today]
	return (passed or open_rounds or [None])[0]


def boot() -> dict:
	"""What the desk's scripts know of rounds: the options of a round field and the usual round."""
	return {"options": list(OPTIONS), "default": str(DEFAULT_ASSESSED)}
