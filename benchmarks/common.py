"""Connect to a bench site from a plain script: `cd BENCH/sites && ../env/bin/python PATH/script.py --site SITE`."""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

SIGNATORIES = {
	"executive_name": "Director-General",
	"executive_position": "Director-General",
	"unit_head_name": "Head",
	"unit_head_position": "Director",
}
"""Who signs the benchmarks' agreements (builders.make_agreement takes them as fields)."""


def connect(description: str) -> argparse.Namespace:
	parser = argparse.ArgumentParser(description=description)
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", default=os.getcwd())
	parser.add_argument("--repeat", type=int, default=5)
	args = parser.parse_args()
	import frappe

	frappe.init(site=args.site, sites_path=args.sites_path)
	frappe.connect()
	frappe.set_user("Administrator")
	return args


def timed(function: Callable, repeat: int) -> tuple[float, object]:
	"""Median wall time in seconds over ``repeat`` runs (after one warm-up), and the last result."""
	result = function()
	times = []
	for _ in range(repeat):
		start = time.perf_counter()
		result = function()
		times.append(time.perf_counter() - start)
	return statistics.median(times), result


class QueryCounter:
	"""Counts the SQL statements frappe.db.sql runs inside a ``with`` block."""

	def __enter__(self):
		import frappe

		self.count, self.original = 0, frappe.db.sql

		def counting(*args, **kwargs):
			self.count += 1
			return self.original(*args, **kwargs)

		frappe.db.sql = counting
		return self

	def __exit__(self, *exc):
		import frappe

		frappe.db.sql = self.original
