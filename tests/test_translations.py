"""Every string the app shows has a Thai translation, with the same placeholders."""

import csv
import json
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "kpi_agreement"
THAI = re.compile("[\u0e00-\u0e7f]")


def translations() -> dict:
	with (APP / "translations" / "th.csv").open(encoding="utf-8") as handle:
		# rows with a context (third column) are short labels for one DocType's grid; the plain ones count here
		return {row[0]: row[1] for row in csv.reader(handle) if row and (len(row) < 3 or not row[2])}


def shown_strings() -> set:
	"""Labels, options and descriptions of the shipped JSON, and every _() / __() literal in the code."""
	found = set()
	for path in APP.rglob("*.json"):
		doc = json.loads(path.read_text(encoding="utf-8"))
		kind = doc.get("doctype") if isinstance(doc, dict) else None
		if kind == "DocType":
			found.add(doc["name"])
			for field in doc["fields"]:
				found.update(field[key] for key in ("label", "description") if field.get(key))
				if field.get("fieldtype") == "Select" and field.get("options"):
					found.update(o for o in field["options"].split("\n") if o and not o.isdigit())
		elif kind == "Report":
			found.add(doc["name"])
		elif kind == "Workspace":
			found.add(doc["label"])
			found.update(link["label"] for link in doc["links"])
			found.update(shortcut["label"] for shortcut in doc["shortcuts"])
			found.update(chart["label"] for chart in doc["charts"])
			found.update(card["label"] for card in doc["number_cards"])
		elif kind == "Number Card":
			found.add(doc["label"])
		elif kind == "Onboarding Step":
			found.update(doc[key] for key in ("title", "description") if doc.get(key))
		elif kind == "Module Onboarding":
			found.update(doc[key] for key in ("title", "subtitle", "success_message") if doc.get(key))
		elif kind == "Workflow":
			found.update(state["state"] for state in doc["states"])
			found.update(transition["action"] for transition in doc["transitions"])
	for path in APP.rglob("*.py"):
		if "tests" not in path.parts:
			found.update(re.findall(r'(?<![\w.])_\(\s*"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")))
	for path in APP.rglob("*.js"):
		found.update(re.findall(r'__\(\s*"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")))
	for path in APP.rglob("*.html"):  # Jinja (_) and desk microtemplates (__)
		found.update(
			re.findall(r'(?<![\w.])_{1,2}\(\s*"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8"))
		)
	from kpi_agreement.frappe_free.digest_content import MESSAGES

	found.update(MESSAGES.values())  # the digest's wording, read through each recipient's translations
	from kpi_agreement.frappe_free.process import STEPS

	found.update(step.work for step in STEPS)  # shown in KPI Settings (a translatable field)
	return {text for text in found if text and not THAI.search(text)}


def test_every_shown_string_is_translated():
	missing = sorted(shown_strings() - set(translations()))
	assert missing == []


def test_translations_keep_placeholders_and_are_thai():
	for source, thai in translations().items():
		assert sorted(re.findall(r"\{\d*\}", source)) == sorted(re.findall(r"\{\d*\}", thai)), source
		assert THAI.search(thai) or thai == source, source


def test_workflow_states_have_thai_names():
	from kpi_agreement.frappe_free import process

	table = translations()
	for step in process.STEPS:
		assert table[step.state] == step.thai or step.thai in table[step.state], step.state
