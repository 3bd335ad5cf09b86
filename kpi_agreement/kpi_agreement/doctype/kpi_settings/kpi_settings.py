# Copyright (c) 2026, kpi_agreement maintainers and contributors
# For license information, please see license.txt

import datetime as dt
from decimal import Decimal

import frappe
from frappe import _
from frappe.model.document import Document

from kpi_agreement.frappe_free import process, rounds, scoring, thai, units, waiting
from kpi_agreement.frappe_free.holidays import fiscal_year_holidays
from kpi_agreement.utils.validation import fail, number


class KPISettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kpi_agreement.kpi_agreement.doctype.kpi_grade_band.kpi_grade_band import KPIGradeBand
		from kpi_agreement.kpi_agreement.doctype.kpi_head_position.kpi_head_position import KPIHeadPosition
		from kpi_agreement.kpi_agreement.doctype.kpi_holiday.kpi_holiday import KPIHoliday
		from kpi_agreement.kpi_agreement.doctype.kpi_step_setting.kpi_step_setting import KPIStepSetting

		appeal_decision_working_days: DF.Int
		appeal_working_days: DF.Int
		assessment_working_days: DF.Int
		below_level_one_rule: DF.Literal["Score 0", "Score 1"]
		buddhist_era: DF.Check
		coordinator_digest: DF.Check
		default_scoring_scheme: DF.Literal["Five Level", "Milestone", "Tier"]
		digest_frequency: DF.Literal["Daily", "Weekly", "Off"]
		digest_hour: DF.Int
		digest_last_sent: DF.Date | None
		digest_weekday: DF.Literal[
			"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
		]
		emblem: DF.AttachImage | None
		executive_digest: DF.Check
		grade_bands: DF.Table[KPIGradeBand]
		head_positions: DF.Table[KPIHeadPosition]
		holidays: DF.Table[KPIHoliday]
		office_end: DF.Data | None
		office_start: DF.Data | None
		owner_digest: DF.Check
		results_page: DF.Literal["Off", "Logged-in Staff", "Public"]
		results_working_days: DF.Int
		steps: DF.Table[KPIStepSetting]
		thai_digits: DF.Check
	# end: auto-generated types

	def onload(self) -> None:
		from kpi_agreement.demo import demo_allowed  # the demo builds on these settings: imported late

		self.set_onload("demo_allowed", demo_allowed())

	def validate(self) -> None:
		self.validate_office_hours()
		self.validate_grade_bands()

	def validate_office_hours(self) -> None:
		office = office_hours(self)
		if office.start >= office.end:
			fail(
				_("Office Hours: the start ({0}) must be before the end ({1}).").format(
					office.start.strftime("%H:%M"), office.end.strftime("%H:%M")
				)
			)

	def validate_grade_bands(self) -> None:
		seen = set()
		for row in self.grade_bands:
			minimum = number(row.min_score, _("Minimum Score"), row, allow_negative=False)
			if minimum in seen:
				fail(_("Grade Bands row {0}: another band already starts at {1}.").format(row.idx, minimum))
			seen.add(minimum)

	def set_defaults(self) -> None:
		"""Fill the step table and grade bands with the process defaults where they are empty."""
		if not self.steps:
			for step in process.STEPS:
				self.append("steps", step_row(step))
		if not self.grade_bands:
			for grade, minimum in DEFAULT_GRADE_BANDS:
				self.append("grade_bands", {"grade": grade, "min_score": minimum})
		if not self.head_positions:
			for unit_type, title in units.HEAD_TITLES.items():
				self.append("head_positions", {"unit_type": unit_type, "position_title": title})

	def add_public_holidays(self) -> None:
		"""The fixed-date Thai public holidays of this fiscal year and the next, where the list is empty
		(installed once; the coordinator edits the list and adds the Buddhist holidays)."""
		if self.holidays:
			return
		this_year = thai.fiscal_year_of(frappe.utils.getdate())
		for fiscal_year in (this_year, this_year + 1):
			for day, name in fiscal_year_holidays(fiscal_year):
				self.append("holidays", {"holiday_date": day, "description": name})

	def has_defaults(self) -> bool:
		return bool(self.steps and self.grade_bands and self.head_positions)


DEFAULT_GRADE_BANDS = (
	("Excellent", "4.5"),
	("Very Good", "4"),
	("Good", "3.5"),
	("Fair", "3"),
	("Needs Improvement", "0"),
)


def settings() -> KPISettings:
	return frappe.get_cached_doc("KPI Settings")


def head_position(unit: str) -> str:
	"""The position of a unit's head: the title KPI Settings gives its unit type, then its name."""
	unit_type = frappe.db.get_value("KPI Unit", unit, "unit_type")
	titles = {row.unit_type: row.position_title for row in settings().head_positions}
	return units.head_position(titles.get(unit_type, units.HEAD_TITLES.get(unit_type)), unit)


def step_row(step: process.Step) -> dict:
	"""A row of the settings' step table from the process defaults."""
	return {
		"step_no": step.number,
		"step": step.state,
		"work": step.work,
		"working_days": step.working_days,
		"hours": step.hours,
		"responsible_role": step.role,
	}


def step_setting(state: str) -> dict:
	"""Time allowed (working days, then office hours) and responsible role of a state, from the settings or
	the process defaults."""
	for row in settings().steps:
		if row.step == state:
			return {
				"working_days": row.working_days or 0,
				"hours": row.hours or 0,
				"role": row.responsible_role,
			}
	step = process.step_of(state)
	if not step:
		return {}
	return {"working_days": step.working_days, "hours": step.hours, "role": step.role}


def responsible_roles() -> dict[str, str]:
	"""The role acting in each state (who an agreement waits on): KPI Settings' role, else the process's."""
	return waiting.responsible_roles({row.step: row.responsible_role for row in settings().steps})


def due_after(state: str, entered) -> dt.datetime | None:
	"""When the work that leaves ``state``, started at ``entered``, is due under KPI Settings (working days
	then office hours, less the holidays); None when no time is allowed."""
	setting = step_setting(state)
	if not setting:
		return None
	return process.due_on(entered, setting["working_days"], setting["hours"], holidays(), office_hours())


def office_hours(doc=None) -> process.OfficeHours:
	"""The office hours of KPI Settings (HH:MM); a value that is not a time is refused with its field."""
	doc = doc or settings()
	default = process.OFFICE_HOURS
	return process.OfficeHours(
		clock_time(doc.office_start, _("Office Hours Start")) or default.start,
		clock_time(doc.office_end, _("Office Hours End")) or default.end,
	)


def clock_time(value: str | None, label: str) -> dt.time | None:
	if not value:
		return None
	try:
		return dt.datetime.strptime(str(value).strip()[:5], "%H:%M").time()
	except ValueError:
		fail(
			_("{0}: {1} is not a time. Enter it as HH:MM, for example 08:30.").format(
				label, frappe.bold(value)
			)
		)


WORKING_DAYS = {
	"assessment_working_days": rounds.ASSESSMENT_WORKING_DAYS,
	"results_working_days": rounds.RESULTS_WORKING_DAYS,
	"appeal_working_days": process.APPEAL_WORKING_DAYS,
	"appeal_decision_working_days": process.APPEAL_DECISION_WORKING_DAYS,
}
"""The working-day allowances of KPI Settings and the process defaults when a site has none."""


def working_days(field: str) -> int:
	value = settings().get(field)
	return WORKING_DAYS[field] if value is None else int(value)


def assessment_working_days() -> int:
	return working_days("assessment_working_days")


def after_working_days(start: dt.datetime, field: str) -> dt.datetime:
	"""``start`` plus the working days KPI Settings allows in ``field``, holidays skipped."""
	return process.add_working_days(start, working_days(field), holidays())


def holidays() -> list[dt.date]:
	return [frappe.utils.getdate(row.holiday_date) for row in settings().holidays]


def grade_bands() -> list[tuple[str, Decimal]]:
	bands = [(row.grade, scoring.to_decimal(row.min_score)) for row in settings().grade_bands]
	return bands or [(grade, Decimal(minimum)) for grade, minimum in DEFAULT_GRADE_BANDS]
