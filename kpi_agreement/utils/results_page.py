"""The published results page (``/kpi-results/<framework>``): what the framework's published scorecards say.

The page reads only published scorecards (docstatus 1, the latest of each round, so an accepted appeal's
revision shows) and only the figures a scorecard publishes for each of its units: level, rank, weighted total,
grade and dimension sub-scores. Never an assessment, its evidence or the committee's remarks, never a unit that
is not on a published scorecard. Whether the page is open to everyone, to signed-in staff or to no one is
KPI Settings' *Results Page*; a page that is off, a framework that has published nothing and a round that is
not published are all the same "page not found".
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import frappe
from frappe import _

from kpi_agreement.frappe_free import ranking, rounds, scoring
from kpi_agreement.kpi_agreement.doctype.kpi_settings.kpi_settings import grade_bands
from kpi_agreement.utils.printing import kpi_date, kpi_digits, kpi_number

OFF, STAFF, PUBLIC = "Off", "Logged-in Staff", "Public"
"""KPI Settings' Results Page options: who may open the page."""
PLACES = 4
"""Scores show with four decimal places, as the printed scorecard shows them."""
ROW_FIELDS = ("rank", "unit", "unit_level", "total_score", "grade", "dimension_scores")
"""The published fields of a scorecard row: the page reads these and nothing else of a row."""


def not_found() -> None:
	raise frappe.PageDoesNotExistError


def check_access() -> None:
	"""Off: no page for anyone. Logged-in Staff: the department's desk users (System Users). Public: all."""
	setting = frappe.db.get_single_value("KPI Settings", "results_page") or OFF
	if setting == PUBLIC:
		return
	if setting != STAFF:
		not_found()
	user = frappe.session.user
	if user == "Guest" or frappe.db.get_value("User", user, "user_type") != "System User":
		raise frappe.PermissionError(_("Sign in with your department account to see the published results."))


def published_scorecards(framework: str) -> dict[str, frappe._dict]:
	"""round key -> the framework's published scorecard of that round (the latest, should there be two)."""
	found = {}
	for card in frappe.get_all(
		"KPI Scorecard",
		filters={"framework": framework, "docstatus": 1},
		fields=[
			"name",
			"round_months",
			"rank_within",
			"published_on",
			"revised_after_appeal_on",
			"unit_count",
			"average_score",
		],
		order_by="published_on desc, creation desc",
	):
		found.setdefault(rounds.key(card.round_months), card)
	found.pop("", None)
	return found


def published_rows(scorecard: str) -> list[frappe._dict]:
	"""A published scorecard's unit rows in their published order, only the fields it publishes."""
	return frappe.get_all(
		"KPI Scorecard Row",
		filters={"parent": scorecard, "parenttype": "KPI Scorecard", "parentfield": "rows"},
		fields=list(ROW_FIELDS),
		order_by="idx asc",
	)


def context(framework: str | None, round_asked: str | None = None) -> frappe._dict:
	"""Everything the page shows for ``framework``: the round asked for (any published one) or the last
	published round, and the trend over every published round."""
	check_access()
	info = frappe.db.get_value(
		"KPI Framework",
		framework or "",
		["name", "department", "fiscal_year", "scoring_scheme", "docstatus"],
		as_dict=True,
	)
	if not info or info.docstatus == 2:
		not_found()
	cards = published_scorecards(info.name)
	if not cards:
		not_found()
	framework_doc = frappe.get_cached_doc("KPI Framework", info.name)
	all_keys = framework_doc.round_months() + sorted(
		(key for key in cards if key not in framework_doc.round_months()), key=rounds.months_of
	)
	round_keys = [key for key in all_keys if key in cards]
	shown = rounds.key(round_asked) if round_asked else round_keys[-1] if round_keys else ""
	if shown not in cards:
		not_found()
	card = cards[shown]
	rows = {key: published_rows(cards[key].name) for key in round_keys}
	dimensions = dimension_list(framework_doc, rows[shown])
	return frappe._dict(
		framework=info.name,
		department=info.department,
		fiscal_year=kpi_digits(info.fiscal_year),
		round_label=round_label(shown),
		shown=shown,
		rounds=round_tabs(info.name, all_keys, cards, shown),
		published_on=kpi_date(card.published_on),
		revised_on=kpi_date(card.revised_after_appeal_on) if card.revised_after_appeal_on else "",
		unit_count=kpi_digits(card.unit_count),
		average=score_text(card.average_score),
		by_level=card.rank_within != "All Units",
		dimensions=dimensions,
		ranking=ranking_rows(rows[shown], dimensions, card.rank_within != "All Units"),
		grades=grade_distribution(framework_doc, rows[shown]),
		dimension_summary=dimension_summary(framework_doc, rows[shown], dimensions),
		trend=trend(all_keys, rows, shown),
		trend_rounds=[frappe._dict(label=round_label(key), published=key in cards) for key in all_keys],
	)


def round_label(key: str) -> str:
	return _("{0}-month round").format(kpi_digits(key))


def round_tabs(framework: str, keys: list[str], cards: dict, shown: str) -> list[frappe._dict]:
	"""The framework's rounds in order: a link to each published one, the others marked not published."""
	return [
		frappe._dict(
			label=round_label(key),
			url=f"/kpi-results/{framework}?round={key}" if key in cards else "",
			current=key == shown,
		)
		for key in keys
	]


def score_text(value: object) -> str:
	return kpi_number(scoring.to_decimal(value or 0), PLACES)


def dimension_list(framework_doc, rows: list[frappe._dict]) -> list[str]:
	"""The framework's dimensions in order, then any other dimension the published rows name."""
	names = list(framework_doc.dimension_names())
	for row in rows:
		names += [name for name in ranking.dimensions_from_json(row.dimension_scores) if name not in names]
	return names


def ranking_rows(rows: list[frappe._dict], dimensions: list[str], by_level: bool) -> list[frappe._dict]:
	"""The ranking table: rank, unit, each dimension's points (its share of the total), total and grade; with
	``by_level`` (units ranked within their level) a heading row where a level starts."""
	shown, level = [], None
	for row in rows:
		points = ranking.points_from_json(row.dimension_scores)
		shown.append(
			frappe._dict(
				level=_(row.unit_level) if by_level and row.unit_level and row.unit_level != level else "",
				rank=kpi_digits(row.rank),
				unit=row.unit,
				points=[score_text(points[name]) if name in points else "–" for name in dimensions],
				total=score_text(row.total_score),
				grade=_(row.grade) if row.grade else "",
			)
		)
		level = row.unit_level or level
	return shown


def grade_distribution(framework_doc, rows: list[frappe._dict]) -> list[frappe._dict]:
	"""Units per grade, best grade first (the framework's bands, else KPI Settings'), with their share."""
	bands = framework_doc.rules()["grade_bands"] or grade_bands()
	order = [grade for grade, _minimum in sorted(bands, key=lambda band: -scoring.to_decimal(band[1]))]
	counts = Counter(row.grade or "" for row in rows)
	order += sorted(grade for grade in counts if grade not in order)
	total = len(rows) or 1
	return [
		frappe._dict(
			grade=_(grade) if grade else "–",
			count=kpi_digits(counts.get(grade, 0)),
			share=kpi_number(Decimal(counts.get(grade, 0)) * 100 / total, 1),
			width=f"{Decimal(counts[grade]) * 100 / total:.1f}" if counts.get(grade) else "",
		)
		for grade in order
	]


def dimension_summary(framework_doc, rows: list[frappe._dict], dimensions: list[str]) -> list[frappe._dict]:
	"""Each dimension's average sub-score and average points over the ranked units that have it."""
	weights = {row.dimension: row.weight for row in framework_doc.dimensions}
	scale = scoring.max_score(framework_doc.scoring_scheme or scoring.FIVE_LEVEL)
	recorded = [
		(ranking.dimensions_from_json(row.dimension_scores), ranking.points_from_json(row.dimension_scores))
		for row in rows
	]
	summary = []
	for name in dimensions:
		scores = [subscores[name][0] for subscores, _points in recorded if name in subscores]
		points = [unit_points[name] for _subscores, unit_points in recorded if name in unit_points]
		average = scoring.weighted_average((score, 1) for score in scores) if scores else None
		summary.append(
			frappe._dict(
				dimension=name,
				weight=kpi_digits(scoring.weight_text(weights[name])) if name in weights else "–",
				units=kpi_digits(len(scores)),
				average=score_text(average) if average is not None else "–",
				points=score_text(scoring.weighted_average((p, 1) for p in points)) if points else "–",
				width=f"{min(Decimal(100), average * 100 / scale):.1f}" if average and scale else "",
			)
		)
	return summary


def trend(round_keys: list[str], rows: dict[str, list], shown: str) -> list[frappe._dict]:
	"""Each published unit's weighted total in every round of the framework (the shown round's units first,
	in its order), "–" where a round is not published or its scorecard does not list the unit."""
	totals = {key: {row.unit: row.total_score for row in rows.get(key, [])} for key in round_keys}
	units = [row.unit for row in rows[shown]]
	for key in round_keys:
		units += [row.unit for row in rows.get(key, []) if row.unit not in units]
	return [
		frappe._dict(
			unit=unit,
			totals=[score_text(totals[key][unit]) if unit in totals[key] else "–" for key in round_keys],
		)
		for unit in units
	]
