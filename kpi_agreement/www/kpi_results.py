"""/kpi-results/<framework>: the department's published results of a framework, in Thai (see
kpi_agreement/utils/results_page.py for what it shows and to whom)."""

import frappe
from frappe import _

from kpi_agreement.utils import results_page

no_cache = 1
sitemap = 0


def get_context(context) -> None:
	frappe.local.lang = "th"  # the page is the department's published results, in Thai for everyone
	context.update(
		results_page.context(frappe.form_dict.get("framework"), frappe.form_dict.get("round") or None)
	)
	context.boot["lang"] = "th"  # <html lang>: the website settings were read before the language was set
	context.title = _("Performance Agreement Results")
	context.no_breadcrumbs = 1
	context.show_sidebar = 0
