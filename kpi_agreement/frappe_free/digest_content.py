"""Email digest content: who gets what, in Thai or English. Plain Python, no Frappe import.

The Frappe side reads everything in a few bulk queries and hands plain rows to :func:`build_digests`;
what comes back is one :class:`Digest` per recipient with something to do (nobody gets an empty email).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from kpi_agreement.frappe_free import app_translations, appeals, process, rounds, scoring, thai, waiting

DAILY, WEEKLY, OFF = "Daily", "Weekly", "Off"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OWNER, COORDINATOR, EXECUTIVE = "owner", "coordinator", "executive"
LOOKAHEAD_DAYS = 7

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
	"steps": "Agreements waiting on you",
	"steps_item": "{unit}: {step}",
	"review": "Frameworks to review",
	"review_item": "{unit}: {name}",
	"deputy": "Lines nobody is named to enter: name a deputy",
	"deputy_item": "{indicator} ({unit})",
	"file_appeal": "Appeals to file",
	"file_appeal_item": "{unit}: {name}",
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


@dataclass
class Facts:
	"""Everything a digest run needs, as plain rows (dicts); what waits on whom is ``waiting.waiting``'s."""

	today: dt.date
	users: dict  # user -> {"name", "language", "roles": set, "opt_out": bool, "units": set | None}
	responsible: dict = field(default_factory=waiting.responsible_roles)  # state -> the role acting in it
	indicators: list = field(
		default_factory=list
	)  # {"name", "title", "owner", "collector", "missing": [labels]}
	agreements: list = field(default_factory=list)  # waiting.waiting's rows, with "days_late"
	frameworks: list = field(default_factory=list)  # not yet reviewed, as waiting.waiting reads them
	assessments: list = field(default_factory=list)  # drafts, as waiting.waiting reads them
	appeals: list = field(default_factory=list)  # as waiting.waiting reads them, with "recent" once decided
	scores: list = field(default_factory=list)  # {"unit", "unit_head", "score", "rank", "change"}
	enabled: tuple = (OWNER, COORDINATOR, EXECUTIVE)


KIND_SECTION = {
	waiting.REVIEW_FRAMEWORK: (COORDINATOR, "review"),
	waiting.ENTER_RESULT: (OWNER, "results"),
	waiting.ATTACH_EVIDENCE: (OWNER, "evidence"),
	waiting.CERTIFY_RESULT: (OWNER, "certify"),
	waiting.NAME_DEPUTY: (EXECUTIVE, "deputy"),
	waiting.ENDORSE: (EXECUTIVE, "endorse"),
	waiting.VERIFY: (COORDINATOR, "verify"),
	waiting.FILE_APPEAL: (EXECUTIVE, "file_appeal"),
	waiting.DECIDE_APPEAL: (COORDINATOR, "appeals"),
}
"""Which digest (owners', coordinators' or executives') tells each kind of work waiting, in which section."""
ROLE_DIGEST = {
	process.INDICATOR_OWNER: OWNER,
	process.DATA_COLLECTOR: OWNER,
	process.EXECUTIVE: EXECUTIVE,
	process.UNIT_HEAD: EXECUTIVE,
}
"""Which digest tells of an agreement waiting on a role (the coordinators' for every other role)."""


def build_digests(
	facts: Facts,
	link: Callable = lambda doctype, name: "",
	translate: Translate = app_translations.translate,
) -> list[Digest]:
	"""One digest per user with at least one item, in that user's language (``translate(text, language)``:
	Frappe's translations on a site, the app's translation files elsewhere). What waits on each user is
	``waiting.waiting``'s answer, the one My Work gives; coordinators also hear what is late or due soon."""
	sections: dict = defaultdict(list)  # user -> [(key, [(text-args, link, due)])]

	def add(user: str, key: str, entries: list) -> None:
		person = facts.users.get(user)
		if not person or person["opt_out"]:
			return
		entries = [entry for entry in entries if waiting.may_see(person, entry[0].get("unit"))]
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

	work = waiting.waiting(
		facts.users, facts.responsible, facts.agreements, facts.frameworks, facts.assessments, facts.appeals
	)
	for user, items in work.items():
		grouped: dict = defaultdict(list)
		for item in items:
			digest, key = section_of(item)
			if digest in facts.enabled:
				grouped[key].append(entry_of(item, link))
		for key in sorted(grouped, key=section_order):
			add(user, key, grouped[key])

	if COORDINATOR in facts.enabled:
		coordinators = [u for u, person in facts.users.items() if process.COORDINATOR in person["roles"]]
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
			if not a.get("days_late")
			and a.get("due")
			and a["state"] not in process.CLOSED_STATES
			and thai.to_date(a["due"]) <= horizon
		]
		unsubmitted = [
			({"unit": s["unit"], "months": s["months"]}, link("KPI Assessment", s["name"]), None)
			for s in facts.assessments
		]
		for user in coordinators:
			add(user, "overdue", overdue)
			add(user, "unsubmitted", unsubmitted)
			add(user, "upcoming", upcoming)

	if EXECUTIVE in facts.enabled:
		for score in facts.scores:
			if score.get("unit_head"):
				add(score["unit_head"], "scores", [(score, "", None)])
		for a in facts.appeals:
			if a.get("status") in appeals.DECIDED and a.get("recent") and a.get("unit_head"):
				args = {"unit": a["unit"], "name": a["name"], "status": a["status"]}
				add(a["unit_head"], "decisions", [(args, link("KPI Appeal", a["name"]), None)])

	return [render(user, facts.users[user], entries, translate) for user, entries in sections.items()]


def section_of(item: waiting.Work) -> tuple[str, str]:
	"""(the digest, the section key) that tells of ``item``; results are told round by round."""
	if item.kind == waiting.AGREEMENT_STEP:
		return ROLE_DIGEST.get(item.role, COORDINATOR), "steps"
	digest, key = KIND_SECTION[item.kind]
	return digest, f"{key}:{item.months}" if key == "results" else key


def section_order(key: str) -> tuple:
	order = [
		"steps",
		"review",
		"results",
		"evidence",
		"certify",
		"deputy",
		"endorse",
		"verify",
		"file_appeal",
	]
	kind, _, months = key.partition(":")
	return (order.index(kind) if kind in order else len(order), rounds.months_of(months) or 0)


def entry_of(item: waiting.Work, link: Callable) -> tuple[dict, str, object]:
	"""The words an item is told with, its link and its due time."""
	args = {"unit": item.unit, "months": item.months, "name": item.name}
	if item.kind == waiting.AGREEMENT_STEP:
		args["step"] = item.state
	if item.indicator:
		args["indicator"] = item.indicator
	return args, link(item.doctype, item.name), item.due


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
	return text[f"{kind}_item"].format(**values)
