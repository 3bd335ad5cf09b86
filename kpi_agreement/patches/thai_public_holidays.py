"""Sites installed before the holiday list had defaults get this fiscal year's and next year's fixed-date
Thai public holidays, if their list is still empty."""

from kpi_agreement.setup.install import add_public_holidays


def execute() -> None:
	add_public_holidays()
