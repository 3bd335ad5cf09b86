"""The app's own translation files (translations/<lang>.csv, Frappe's format: source, translation,
context), read without Frappe for the Frappe-free core and its tests. On a site, Frappe's translations are
used instead, which include a department's own edits (Translation records)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "translations"


@cache
def table(language: str) -> dict[str, str]:
	path = FOLDER / f"{language}.csv"
	if not path.exists():
		return {}
	with path.open(encoding="utf-8", newline="") as file:
		return {row[0]: row[1] for row in csv.reader(file) if len(row) >= 2 and row[1]}


def translate(text: str, language: str) -> str:
	return table(language).get(text, text)
