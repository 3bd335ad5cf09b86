"""What an agreement keeps when it is signed: each indicator's detail sheet as signed and the rules that
score it (scheme, below-level-1 rule, tier points, grade bands). The booklet, assessments, the scorecard and
the reports read this record, so a later edit of an indicator or of the framework reaches a signed agreement
only through amendment."""

from __future__ import annotations

import json

import frappe

SHEET_FIELDS = (
	"indicator_code",
	"indicator_name",
	"dimension",
	"strategic_issue",
	"unit_of_measure",
	"direction",
	"scoring_scheme",
	"definition",
	"formula",
	"required_evidence",
	"indicator_owner",
	"indicator_owner_name",
	"data_collector",
	"data_collector_name",
)
TABLES = {"levels": ("level", "threshold", "criterion"), "baselines": ("fiscal_year", "result", "note")}


def capture(agreement) -> None:
	"""Keep the signed content on the agreement (as it enters Signed)."""
	agreement.signed_rules = json.dumps(frappe.get_doc("KPI Framework", agreement.framework).rules())
	agreement.signed_sheets = json.dumps(
		{line.indicator: sheet(frappe.get_doc("KPI Indicator", line.indicator)) for line in agreement.lines},
		ensure_ascii=False,
		default=str,
	)


def sheet(indicator) -> dict:
	return {
		**{field: indicator.get(field) for field in SHEET_FIELDS},
		**{
			table: [{field: row.get(field) for field in fields} for row in indicator.get(table)]
			for table, fields in TABLES.items()
		},
	}


def rules_of(agreement) -> dict:
	"""The rules that score the agreement: as signed, or the framework's while it is a draft."""
	if agreement.get("signed_rules"):
		return json.loads(agreement.signed_rules)
	return frappe.get_cached_doc("KPI Framework", agreement.framework).rules()


def sheets_of(agreement) -> list:
	"""The detail sheets of the agreement's indicators in line order: as signed, or live while a draft."""
	signed = json.loads(agreement.signed_sheets) if agreement.get("signed_sheets") else {}
	result = []
	for line in agreement.lines:
		if line.indicator in signed:
			data = signed[line.indicator]
			tables = {t: [frappe._dict(row) for row in data.get(t) or []] for t in TABLES}
			result.append(frappe._dict({**data, **tables, "name": line.indicator}))
		else:
			result.append(frappe.get_doc("KPI Indicator", line.indicator))
	return result
