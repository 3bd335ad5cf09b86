"""Email digest content: who gets what, in Thai or English. Plain Python, no Frappe import.

The Frappe side reads everything in a few bulk queries and hands plain rows to :func:`build_digests`;
what comes back is one :class:`Digest` per recipient with something to do (nobody gets an empty email).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kpi_agreement.frappe_free import app_translations, certification, process, scoring, thai

DAILY, WEEKLY, OFF = "Daily", "Weekly", "Off"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OWNER, COORDINATOR, EXECUTIVE = "owner", "coordinator", "executive"
LOOKAHEAD_DAYS = 7
RESULTS_GRACE_DAYS = 30
WAITING = {process.NEGOTIATION: "negotiation", process.READY_FOR_SIGNING: "signing"}

MESSAGES = {
	"subject": "KPI Agreement: {count} item(s) need your attention",
	"greeting": "Dear {name},",
	"intro": "This is your summary from the KPI Agreement system.",
	"incomplete": "Indicator detail sheets to complete",
	"incomplete_item": "{indicator}: missing {missing}",
	"results": "Results to enter for the {months}-month round",
	"results_item": "{indicator} ({unit})",
	"evidence": "Evidence to attach",
	"evidence_item": "{indicator} ({unit})",
	"overdue": "Agreements overdue at their step",
	"overdue_item": "{unit}: {step}, {days} working day(s) late",
	"unsubmitted": "Assessments not yet submitted",
	"unsubmitted_item": "{unit}: {months}-month round",
	"upcoming": "Due in the next 7 days",
	"upcoming_item": "{unit}: {step}",
	"negotiation": "Agreements waiting for your decision (negotiation)",
	"signing": "Agreements waiting for signature",
	"waiting_item": "{unit}: {step}",
	"certify": "Results to certify (you own the indicator)",
	"certify_item": "{indicator} ({unit})",
	"endorse": "Assessments to endorse",
	"endorse_item": "{unit}: {months}-month round",
	"verify": "Endorsed assessments to verify and score",
	"verify_item": "{unit}: {months}-month round",
	"appeals": "Appeals to decide",
	"appeals_item": "{unit}: {name}",
	"decisions": "Decisions on your unit's appeals",
	"decisions_item": "{unit}: {name}, {status}",
	"scores": "Your unit's score",
	"score_item": "{unit}: {score}, rank {rank}{change}",
	"change": ", change {change}",
	"due": "due {date}",
	"open": "Open",
	"footer": "You can stop these emails in your user settings (No KPI Digest Emails).",
}
"""The digest's wording in English; each recipient reads it through the translations of their language."""
Translate = Callable[[str, str], str]


@dataclass
class Item:
	text: str
	link: str = ""
	due: str = ""


@dataclass
class Section:
	title: str
	items: list = field(default_factory=list)


@dataclass
class Digest:
	user: str
	name: str
	language: str
	subject: str = ""
	sections: list = field(default_factory=list)

	@property
	def count(self) -> int:
		return sum(len(section.items) for section in self.sections)


def language_of(code: str | None) -> str:
	return "th" if (code or "").lower().startswith("th") else "en"


def words(language: str, translate: Translate = app_translations.translate) -> dict[str, str]:
	"""The digest's messages in ``language``."""
	return {key: translate(text, language) for key, text in MESSAGES.items()}


def format_due(value: dt.date | dt.datetime | None, language: str, translate: Translate) -> str:
	if not value:
		return ""
	if language == "th":
		date = thai.format_date(value, thai_numerals=False, short=True)
	else:
		date = thai.to_date(value).strftime("%d %b %Y")
	return translate(MESSAGES["due"], language).format(date=date)


def is_due(frequency: str, weekday: str, hour: int, now: dt.datetime, last_sent: dt.date | None) -> bool:
	"""Whether the digest run at ``now`` should send: at or after the hour, once a day or once a week."""
	if frequency == OFF or now.hour < hour or (last_sent and last_sent >= now.date()):
		return False
	if frequency == WEEKLY:
		return WEEKDAYS[now.weekday()] == weekday
	return frequency == DAILY


def open_round(rounds: Iterable[tuple[str, dt.date]], today: dt.date) -> str | None:
	"""The round whose results are being collected: the earliest whose cut-off (plus a grace period for
	entering results) has not passed."""
	pending = sorted(
		(cut_off, months)
		for months, cut_off in rounds
		if cut_off and today <= cut_off + dt.timedelta(days=RESULTS_GRACE_DAYS)
	)
	return pending[0][1] if pending else None


@dataclass
class Facts:
	"""Everything a digest run needs, as plain rows (dicts)."""

	today: dt.date
	users: dict  # user -> {"name", "language", "roles": set, "opt_out": bool, "units": set | None}
	indicators: list = field(
		default_factory=list
	)  # {"name", "title", "owner", "collector", "missing": [labels]}
	result_lines: list = field(
		default_factory=list
	)  # {"indicator", "title", "unit", "owner", "collector", "months", "result", "evidence", "link"}
	agreements: list = field(
		default_factory=list
	)  # {"name", "unit", "state", "due": datetime, "days_late", "unit_head"}
	assessments: list = field(
		default_factory=list
	)  # {"name", "unit", "months", "docstatus", "endorsed", "certified", "lines", "unit_head"}
	appeals: list = field(default_factory=list)  # {"name", "unit", "status", "due", "unit_head", "recent"}
	scores: list = field(default_factory=list)  # {"unit", "unit_head", "score", "rank", "change"}
	enabled: tuple = (OWNER, COORDINATOR, EXECUTIVE)


def build_digests(
	facts: Facts,
	link: Callable = lambda doctype, name: "",
	translate: Translate = app_translations.translate,
) -> list[Digest]:
	"""One digest per user with at least one item, in that user's language (``translate(text, language)``:
	Frappe's translations on a site, the app's translation files elsewhere)."""
	sections: dict = defaultdict(list)  # user -> [(key, [(text-args, link, due)])]

	def add(user: str, key: str, entries: list) -> None:
		person = facts.users.get(user)
		if not person or person["opt_out"]:
			return
		entries = [entry for entry in entries if may_see(person, entry[0].get("unit"))]
		if entries:
			sections[user].append((key, entries))

	if OWNER in facts.enabled:
		by_person: dict = defaultdict(list)
		for ind in facts.indicators:
			for user in {ind.get("owner"), ind.get("collector")} - {None, ""}:
				by_person[user].append(
					(
						{"indicator": ind["title"], "missing": ind["missing"], "unit": ind.get("unit")},
						link("KPI Indicator", ind["name"]),
						None,
					)
				)
		for user, entries in by_person.items():
			add(user, "incomplete", entries)
		results, evidence, certify = defaultdict(list), defaultdict(list), defaultdict(list)
		for line in facts.result_lines:
			entry = (
				{"indicator": line["title"], "unit": line["unit"], "months": line["months"]},
				line["link"],
				line.get("due"),
			)
			state = line.get("state") or (
				certification.ENTERED if line.get("result") else certification.NOT_ENTERED
			)
			# the line's collector (or deputy) enters; with nobody named, its owner is told
			enterers = {line.get("collector"), line.get("deputy")} - {None, ""} or {line.get("owner")} - {
				None,
				"",
			}
			for user in enterers:
				if state in certification.WAITING_FOR_ENTRY:
					results[(user, line["months"])].append(entry)
				elif state == certification.ENTERED and not line.get("evidence"):
					evidence[user].append(entry)
			if state == certification.ENTERED and line.get("evidence") and line.get("owner"):
				certify[line["owner"]].append(entry)
		for (user, months), entries in results.items():
			add(user, f"results:{months}", entries)
		for user, entries in evidence.items():
			add(user, "evidence", entries)
		for user, entries in certify.items():
			add(user, "certify", entries)

	coordinators = [u for u, person in facts.users.items() if process.COORDINATOR in person["roles"]]
	if COORDINATOR in facts.enabled:
		overdue = [
			(
				{"unit": a["unit"], "step": a["state"], "days": a["days_late"]},
				link("KPI Agreement", a["name"]),
				a["due"],
			)
			for a in facts.agreements
			if a.get("days_late")
		]
		horizon = facts.today + dt.timedelta(days=LOOKAHEAD_DAYS)
		upcoming = [
			({"unit": a["unit"], "step": a["state"]}, link("KPI Agreement", a["name"]), a["due"])
			for a in facts.agreements
			if not a.get("days_late") and a.get("due") and thai.to_date(a["due"]) <= horizon
		]
		unsubmitted = [
			({"unit": s["unit"], "months": s["months"]}, link("KPI Assessment", s["name"]), None)
			for s in facts.assessments
			if s["docstatus"] == 0
		]
		for user in coordinators:
			add(user, "overdue", overdue)
			add(user, "unsubmitted", unsubmitted)
			add(user, "upcoming", upcoming)
		committee = [u for u, person in facts.users.items() if process.COMMITTEE in person["roles"]]
		endorsed = [
			({"unit": s["unit"], "months": s["months"]}, link("KPI Assessment", s["name"]), None)
			for s in facts.assessments
			if s["docstatus"] == 0 and s.get("endorsed")
		]
		filed = [
			({"unit": a["unit"], "name": a["name"]}, link("KPI Appeal", a["name"]), a.get("due"))
			for a in facts.appeals
			if a["status"] == certification.FILED
		]
		for user in committee:
			add(user, "verify", endorsed)
			add(user, "appeals", filed)

	if EXECUTIVE in facts.enabled:
		executives = [u for u, person in facts.users.items() if process.EXECUTIVE in person["roles"]]
		for state, key in WAITING.items():
			waiting = [a for a in facts.agreements if a["state"] == state]
			entries = [
				({"unit": a["unit"], "step": a["state"]}, link("KPI Agreement", a["name"]), a["due"])
				for a in waiting
			]
			for user in executives:
				add(user, key, entries)
			if state == process.READY_FOR_SIGNING:
				for a in waiting:
					if a.get("unit_head") and a["unit_head"] not in executives:
						add(
							a["unit_head"],
							key,
							[
								(
									{"unit": a["unit"], "step": a["state"]},
									link("KPI Agreement", a["name"]),
									a["due"],
								)
							],
						)
		for score in facts.scores:
			if score.get("unit_head"):
				add(score["unit_head"], "scores", [(score, "", None)])
		for s in facts.assessments:
			ready = (
				s["docstatus"] == 0
				and not s.get("endorsed")
				and s.get("lines")
				and s.get("certified") == s["lines"]
			)
			if ready and s.get("unit_head"):
				add(
					s["unit_head"],
					"endorse",
					[({"unit": s["unit"], "months": s["months"]}, link("KPI Assessment", s["name"]), None)],
				)
		for a in facts.appeals:
			if (
				a["status"] in (certification.ACCEPTED, certification.REJECTED)
				and a.get("recent")
				and a.get("unit_head")
			):
				args = {"unit": a["unit"], "name": a["name"], "status": a["status"]}
				add(a["unit_head"], "decisions", [(args, link("KPI Appeal", a["name"]), None)])

	return [render(user, facts.users[user], entries, translate) for user, entries in sections.items()]


def may_see(person: dict, unit: str | None) -> bool:
	"""A person bound to units (``units`` is a set) hears only of those units; None means every unit."""
	units = person.get("units")
	return units is None or not unit or unit in units


def render(
	user: str, person: dict, entries: list, translate: Translate = app_translations.translate
) -> Digest:
	"""Put the words of the user's language around the entries."""
	language = language_of(person.get("language"))
	text = words(language, translate)
	digest = Digest(user=user, name=person.get("name") or user, language=language)
	for key, items in entries:
		kind, _, months = key.partition(":")
		section = Section(title=text[kind].format(months=months))
		for args, link, due in items:
			section.items.append(
				Item(
					text=item_text(kind, args, language, translate),
					link=link,
					due=format_due(due, language, translate),
				)
			)
		digest.sections.append(section)
	digest.subject = text["subject"].format(count=digest.count)
	return digest


def item_text(kind: str, args: dict, language: str, translate: Translate = app_translations.translate) -> str:
	text = words(language, translate)
	values = dict(args)
	if "step" in values:
		values["step"] = translate(values["step"], language)
	if "status" in values:
		values["status"] = translate(values["status"], language)
	if "missing" in values:
		values["missing"] = ", ".join(values["missing"])
	if kind == "scores":
		change = values.get("change")
		values["change"] = (
			text["change"].format(change=f"{scoring.to_decimal(change):+}")
			if change not in (None, "")
			else ""
		)
		return text["score_item"].format(**values)
	template = {"negotiation": "waiting_item", "signing": "waiting_item"}.get(kind, f"{kind}_item")
	return text[template].format(**values)
