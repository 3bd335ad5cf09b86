"""Fractional weights (2.5, 0.25, 12.75 …) on a real site: stored, scored and printed exactly, and every
printed weighted-score column adds up to the total printed under it."""

import random
import re
from decimal import Decimal as D

import frappe

from kpi_agreement.demo.builders import (
	advance,
	make_agreement,
	make_assessment,
	make_framework,
	make_indicator,
	make_unit,
)
from kpi_agreement.frappe_free import process, scoring
from kpi_agreement.tests.utils import KPITestCase, make_users, user

THRESHOLDS = (60, 70, 80, 90, 100)
CELLS = re.compile(r'<td class="num[^"]*">([^<]*)</td>')
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def random_weights(rng: random.Random, count: int) -> list[D]:
	"""``count`` weights of two places, each at least 0.25, adding up to exactly 100."""
	spread = 10000 - 25 * count  # hundredths left once each line has its 0.25
	cuts = sorted(rng.sample(range(1, spread), count - 1))
	parts = [b - a for a, b in zip([0, *cuts], [*cuts, spread])]
	return [D(part + 25) / 100 for part in parts]


def printed_numbers(row: str) -> list[D]:
	return [
		D(cell.translate(ARABIC_DIGITS).replace(",", "")) for cell in CELLS.findall(row) if cell.strip(" -")
	]


class TestFractionalWeights(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_users()
		cls.root = make_unit("FRW Department", None, "Department", is_group=1)
		cls.units = [make_unit(f"FRW Unit {i}", cls.root, "Group", head=user("head")) for i in range(3)]
		cls.framework = make_framework(cls.root, 2569, dimensions=(("X", 100),))
		people = {"indicator_owner": user("owner"), "data_collector": user("collector")}
		cls.indicators = [
			make_indicator(cls.framework, f"F.{i}", f"Fraction {i}", "X", THRESHOLDS, **people)
			for i in range(1, 8)
		]

	def test_random_fractional_weights_print_and_add_up(self):
		rng = random.Random(2569)
		for trial, unit in enumerate(self.units):
			weights = random_weights(rng, len(self.indicators))
			self.assertEqual(sum(weights), 100)
			agreement = make_agreement(unit, self.framework, list(zip(self.indicators, weights)))
			lines = frappe.get_doc("KPI Agreement", agreement).lines
			self.assertEqual([scoring.to_decimal(line.weight) for line in lines], weights)  # stored exactly
			advance(agreement, process.SIGNED)
			results = [str(D(rng.randint(5500, 10500)) / 100) for _ in weights]
			assessment = frappe.get_doc("KPI Assessment", make_assessment(agreement, "9", results))
			expected = scoring.weighted_total(
				(scoring.level_score(result, THRESHOLDS), weight) for result, weight in zip(results, weights)
			)
			self.assertEqual(scoring.to_decimal(assessment.total_score).quantize(D("0.0001")), expected)

			html = frappe.get_print("KPI Assessment", assessment.name, "KPI Assessment Report")
			body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
			rows = body.split("<tr")[1:]
			lines_printed, total = [printed_numbers(row) for row in rows[:-1]], printed_numbers(rows[-1])
			self.assertEqual([numbers[0] for numbers in lines_printed], weights, f"trial {trial}: weights")
			self.assertEqual(sum(numbers[-1] for numbers in lines_printed), total[-1], f"trial {trial}: sum")
			self.assertEqual(total[-1], expected)
