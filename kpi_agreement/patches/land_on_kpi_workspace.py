"""Existing sites: each KPI role and each holder of one lands on the KPI workspace after login, where nothing
else is chosen (once; what an administrator sets afterwards stays)."""

from kpi_agreement.setup.install import land_on_workspace


def execute() -> None:
	land_on_workspace()
