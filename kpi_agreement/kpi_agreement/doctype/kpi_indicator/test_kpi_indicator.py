"""KPI Indicator: scoring criteria in the indicator's direction, levels and dimension."""

from kpi_agreement.demo.builders import make_indicator
from kpi_agreement.tests.department_case import DepartmentTestCase
from kpi_agreement.tests.utils import BUDGET


class TestKPIIndicator(DepartmentTestCase):
	PREFIX = "FIN"

	def test_thresholds_must_follow_direction(self):
		self.assertRefused(
			lambda: make_indicator(self.dept.framework, "9.1", "Out of order", "D1", (92, 93, 93, 95, 96)),
			"strictly",
		)
		self.assertRefused(
			lambda: make_indicator(
				self.dept.framework, "9.2", "Wrong way", "D1", BUDGET, direction="Lower is better"
			),
			"decrease",
		)

	def test_five_level_needs_five_levels(self):
		self.assertRefused(
			lambda: make_indicator(self.dept.framework, "9.3", "Four levels", "D1", (1, 2, 3, 4)),
			"levels 1 to 5",
		)

	def test_dimension_must_belong_to_framework(self):
		self.assertRefused(
			lambda: make_indicator(self.dept.framework, "9.4", "Stray", "Nope", BUDGET), "not in framework"
		)
