"""Scheduled email digests: read everything in a fixed number of queries, let the core decide who gets
what, and queue one email per person through Frappe's Email Queue."""

from __future__ import annotations

from collections import defaultdict

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.translate import get_all_translations, print_language
from frappe.utils import add_days, get_datetime, get_url_to_form, getdate, now_datetime

from kpi_agreement.frappe_free import appeals as appeal_states
from kpi_agreement.frappe_free import digest_content, process, rounds, scoring, thai
from kpi_agreement.frappe_free.detail_sheet import missing_fields
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import (
	holidays,
	responsible_roles,
	settings,
)
from kpi_agreement.mail.templates import ensure_email_template
from kpi_agreement.permissions.unit_access import UNIT, UNIT_SCOPED
from kpi_agreement.utils.round_results import RoundDue, waiting_assessments

TEMPLATE = "KPI Digest"
"""The Email Template an administrator edits in the desk; created from templates/emails/kpi_digest.html."""
TEMPLATE_FILE = "templates/emails/kpi_digest.html"
OPT_OUT_FIELD = "kpi_digest_opt_out"


def send_due_digests() -> int:
	"""The hourly scheduled job: sends when KPI Settings say a digest is due, at most once a day."""
	config = settings()
	now = now_datetime()
	last = getdate(config.digest_last_sent) if config.digest_last_sent else None
	if not digest_content.is_due(
		config.digest_frequency, config.digest_weekday, config.digest_hour or 0, now, last
	):
		return 0
	if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		frappe.log_error(
			title=_("KPI digests not sent"),
			message=_(
				"Set up a default outgoing Email Account so that the KPI Agreement digests can be sent."
			),
		)
		return 0
	frappe.db.set_single_value("KPI Settings", "digest_last_sent", now.date())
	return send_digests()


def send_digests() -> int:
	"""Queue every digest due now; returns how many emails were queued."""
	config = settings()
	enabled = tuple(
		kind
		for kind, flag in (
			(digest_content.OWNER, "owner_digest"),
			(digest_content.COORDINATOR, "coordinator_digest"),
			(digest_content.EXECUTIVE, "executive_digest"),
		)
		if config.get(flag)
	)
	digests = digest_content.build_digests(gather_facts(enabled), link=get_url_to_form, translate=translate)
	template = email_template()
	for item in digests:
		with print_language(item.language):  # the template's _() speaks the recipient's language
			args = {"digest": item, "words": digest_content.words(item.language, translate)}
			subject = frappe.render_template(template.subject, args)
			message = frappe.render_template(template.response_html, args)
		frappe.sendmail(
			recipients=[item.user],
			subject=subject,
			message=message,
			reference_doctype="KPI Settings",
			reference_name="KPI Settings",
			delayed=True,
		)
	return len(digests)


def translate(text: str, language: str) -> str:
	"""Frappe's translation of ``text`` in ``language`` (the app's files plus the site's own edits)."""
	return text if language == "en" else get_all_translations(language).get(text, text)


def email_template():
	"""The desk-editable wording of the digest."""
	return ensure_email_template(TEMPLATE, "{{ digest.subject }}", TEMPLATE_FILE)


@frappe.read_only()
def gather_facts(enabled: tuple) -> digest_content.Facts:
	"""Everything the digests tell, read in fixed queries (from the read replica when the site has one)."""
	today = getdate()
	frameworks = active_frameworks(today)
	return digest_content.Facts(
		today=today,
		users=people(),
		responsible=responsible_roles(),
		indicators=incomplete_indicators(frameworks),
		agreements=agreements(frameworks),
		frameworks=frameworks_to_review(today),
		assessments=draft_assessments(frameworks),
		appeals=appeals(frameworks, today),
		scores=unit_scores(frameworks),
		enabled=enabled,
	)


def active_frameworks(today) -> list[str]:
	"""Frameworks of this fiscal year and the one before (assessment continues after the year ends)."""
	return frappe.get_all(
		"KPI Framework", filters={"fiscal_year": (">=", thai.fiscal_year_of(today) - 1)}, pluck="name"
	)


def people() -> dict:
	"""Every enabled user with a KPI role, an indicator or a unit: name, language, roles, opt-out."""
	has_role = frappe.qb.DocType("Has Role")
	roles = defaultdict(set)
	for user, role in (
		frappe.qb.from_(has_role)
		.select(has_role.parent, has_role.role)
		.where((has_role.parenttype == "User") & has_role.role.isin(process.ROLES))
		.run()
	):
		roles[user].add(role)
	user = frappe.qb.DocType("User")
	columns = [user.name, user.full_name, user.language]
	if frappe.get_meta("User").has_field(OPT_OUT_FIELD):
		columns.append(user[OPT_OUT_FIELD].as_("opt_out"))
	rows = (
		frappe.qb.from_(user)
		.select(*columns)
		.where((user.enabled == 1) & (user.user_type == "System User"))
		.run(as_dict=True)
	)
	default_language = frappe.db.get_default("lang") or "en"
	units = units_by_user()
	return {
		row.name: {
			"name": row.full_name or row.name,
			"language": row.language or default_language,
			"roles": roles.get(row.name, set()),
			"opt_out": bool(row.get("opt_out")),
			"units": units.get(row.name),
		}
		for row in rows
	}


def units_by_user() -> dict[str, set[str]]:
	"""The units each user bound by User Permissions on KPI Unit may see, read as Frappe reads them
	(sub-units included unless hidden; permissions meant for other DocTypes left out): two queries."""
	perms = [
		perm
		for perm in frappe.get_all(
			"User Permission",
			filters={"allow": UNIT},
			fields=["user", "for_value", "hide_descendants", "applicable_for"],
		)
		if not perm.applicable_for or perm.applicable_for in UNIT_SCOPED
	]
	tree = {u.name: u for u in frappe.get_all("KPI Unit", fields=["name", "lft", "rgt"])}
	result = defaultdict(set)
	for perm in perms:
		top = tree.get(perm.for_value)
		result[perm.user].add(perm.for_value)
		if top and not perm.hide_descendants:
			result[perm.user].update(n for n, u in tree.items() if top.lft < u.lft and u.rgt < top.rgt)
	return dict(result)


def incomplete_indicators(frameworks: list[str]) -> list[dict]:
	if not frameworks:
		return []
	fields = ["name", "indicator_name", "unit", "scoring_scheme", "formula", *missing_fields({}, 0)]
	fields = list(dict.fromkeys(f for f in fields if f != "levels"))
	indicators = frappe.get_all(
		"KPI Indicator", filters={"framework": ("in", frameworks), "detail_complete": 0}, fields=fields
	)
	if not indicators:
		return []
	level = frappe.qb.DocType("KPI Indicator Level")
	counts = dict(
		frappe.qb.from_(level)
		.select(level.parent, Count("*"))
		.where((level.parenttype == "KPI Indicator") & level.parent.isin([i.name for i in indicators]))
		.groupby(level.parent)
		.run()
	)
	meta = frappe.get_meta("KPI Indicator")
	return [
		{
			"name": ind.name,
			"title": ind.indicator_name,
			"owner": ind.indicator_owner,
			"collector": ind.data_collector,
			"unit": ind.unit,
			"missing": [meta.get_label(f) for f in missing_fields(ind, counts.get(ind.name, 0))],
		}
		for ind in indicators
	]


def agreements(frameworks: list[str]) -> list[dict]:
	"""The frameworks' agreements with their due time, lateness, unit head and the owners of their lines."""
	if not frameworks:
		return []
	agreement = frappe.qb.DocType("KPI Agreement")
	rows = with_unit_heads(
		"KPI Agreement",
		frameworks,
		agreement.docstatus < 2,
		"name", "unit", "fiscal_year", "workflow_state", "step_due_on", "unit_head_user",
	)  # fmt: skip
	line, indicator = frappe.qb.DocType("KPI Agreement Line"), frappe.qb.DocType("KPI Indicator")
	owners = defaultdict(set)
	for parent, owner in (
		frappe.qb.from_(line)
		.join(indicator)
		.on(indicator.name == line.indicator)
		.join(agreement)
		.on(agreement.name == line.parent)
		.select(line.parent, indicator.indicator_owner)
		.where((line.parenttype == "KPI Agreement") & agreement.framework.isin(frameworks))
		.run()
	):
		owners[parent].add(owner)
	now, off = now_datetime(), holidays()
	result = []
	for row in rows:
		due = get_datetime(row.step_due_on) if row.step_due_on else None
		result.append(
			{
				"name": row.name,
				"unit": row.unit,
				"fiscal_year": row.fiscal_year,
				"state": row.workflow_state,
				"due": due,
				"days_late": process.step_days_late(row.workflow_state, due, now, off),
				"unit_head": row.unit_head_user or row.unit_head,
				"owners": owners.get(row.name, set()),
			}
		)
	return result


def with_unit_heads(doctype: str, frameworks: list[str], condition, *fields: str) -> list[frappe._dict]:
	"""The ``fields`` of the frameworks' documents of ``doctype`` that meet ``condition`` (None: all), with
	their unit's head."""
	document, unit = frappe.qb.DocType(doctype), frappe.qb.DocType("KPI Unit")
	where = document.framework.isin(frameworks)
	return (
		frappe.qb.from_(document)
		.left_join(unit)
		.on(unit.name == document.unit)
		.select(*(document[field] for field in fields), unit.unit_head)
		.where(where if condition is None else where & condition)
		.run(as_dict=True)
	)


def frameworks_to_review(today) -> list[dict]:
	"""Frameworks of this fiscal year and the next not yet reviewed (the department's step 1)."""
	return [
		{"name": f.name, "unit": f.department, "fiscal_year": f.fiscal_year, "due": f.review_due_on}
		for f in frappe.get_all(
			"KPI Framework",
			filters={"reviewed_on": ("is", "not set"), "fiscal_year": (">=", thai.fiscal_year_of(today))},
			fields=["name", "department", "fiscal_year", "review_due_on"],
		)
	]


def draft_assessments(frameworks: list[str]) -> list[dict]:
	"""Assessments not yet submitted, with their lines (who enters, who certifies, how much evidence), their
	results and assessment due dates and their unit's head, in three queries."""
	if not frameworks:
		return []
	assessment = frappe.qb.DocType("KPI Assessment")
	rows = with_unit_heads(
		"KPI Assessment",
		frameworks,
		assessment.docstatus == 0,
		"name", "unit", "fiscal_year", "framework", "round_months", "endorsed_on", "results_due_on",
	)  # fmt: skip
	if not rows:
		return []
	return waiting_assessments(rows, RoundDue(), lambda a: a.unit_head, frappe.get_all)


def appeals(frameworks: list[str], today) -> list[dict]:
	"""Appeals of the frameworks: drafts wait on the unit head, filed ones on the committee; a decision of the
	last week is news for the unit's head."""
	if not frameworks:
		return []
	rows = with_unit_heads(
		"KPI Appeal",
		frameworks,
		None,
		"name", "unit", "fiscal_year", "round_months", "status", "appeal_due", "decision_due", "decided_on",
	)  # fmt: skip
	week_ago = add_days(today, -digest_content.LOOKAHEAD_DAYS)
	return [
		{
			"name": a.name,
			"unit": a.unit,
			"fiscal_year": a.fiscal_year,
			"months": a.round_months,
			"status": a.status,
			"due": a.decision_due if a.status == appeal_states.FILED else a.appeal_due,
			"unit_head": a.unit_head,
			"recent": bool(a.decided_on) and getdate(a.decided_on) >= week_ago,
		}
		for a in rows
	]


def unit_scores(frameworks: list[str]) -> list[dict]:
	"""After Scores Summarized: each unit's score and rank on the published scorecard of the round that
	completes step 7 in its framework, and the change from the round before."""
	if not frameworks:
		return []
	agreement = frappe.qb.DocType("KPI Agreement")
	rows = with_unit_heads(
		"KPI Agreement", frameworks, agreement.workflow_state.isin(process.SCORED_STATES), "framework", "unit"
	)
	if not rows:
		return []
	scores = published_scores(frameworks)
	result = []
	for row in rows:
		framework = framework_doc(row.framework)
		driving = framework.round_of(framework.assessed_round or rounds.DEFAULT_ASSESSED)
		score = scores.get((row.framework, driving.key, row.unit)) if driving else None
		if score:
			earlier = rounds.previous(framework.round_list(), driving)
			before = scores.get((row.framework, earlier.key, row.unit)) if earlier else None
			change = scoring.quantize(score.score - before.score) if before else ""
			result.append(
				{
					"unit": row.unit,
					"unit_head": row.unit_head,
					"score": str(score.score),
					"rank": score.rank,
					"change": change,
				}
			)
	return result


def framework_doc(name: str):
	return frappe.get_cached_doc("KPI Framework", name)


def published_scores(frameworks: list[str]) -> dict:
	"""(framework, round, unit) -> score and rank on every published scorecard of the frameworks."""
	scorecard, row = frappe.qb.DocType("KPI Scorecard"), frappe.qb.DocType("KPI Scorecard Row")
	rows = (
		frappe.qb.from_(scorecard)
		.join(row)
		.on((row.parent == scorecard.name) & (row.parenttype == "KPI Scorecard"))
		.select(scorecard.framework, scorecard.round_months, row.unit, row.total_score, row.rank)
		.where(scorecard.framework.isin(frameworks) & (scorecard.docstatus == 1))
		.run(as_dict=True)
	)
	return {
		(r.framework, rounds.key(r.round_months), r.unit): frappe._dict(
			score=scoring.quantize(scoring.to_decimal(r.total_score)), rank=r.rank
		)
		for r in rows
	}
