from kpi_agreement.frappe_free.unit_scope import UNIT_DOCUMENTS as _UNIT_DOCUMENTS
from kpi_agreement.frappe_free.unit_scope import UNIT_SCOPED as _UNIT_SCOPED

app_name = "kpi_agreement"
app_title = "KPI Agreement"
app_publisher = "kpi_agreement maintainers"
app_description = (
	"Unit-level performance agreements (คำรับรองการปฏิบัติราชการ ระดับหน่วยงาน) for Thai government departments"
)
app_email = "maintainers@users.noreply.example"
app_license = "mit"

export_python_type_annotations = True
require_type_annotated_api_methods = True

add_to_apps_screen = [
	{
		"name": "kpi_agreement",
		"logo": "/assets/kpi_agreement/images/logo.svg",
		"title": "KPI Agreement",
		"route": "/app/performance-agreements",
	}
]

app_include_css = "kpi_agreement.bundle.css"
app_include_js = "kpi_agreement.bundle.js"
# A round's results or indicator sheets imported over every worker (utils/bulk_import.py).
doctype_js = {"Data Import": "public/js/data_import.js"}
boot_session = "kpi_agreement.boot.boot_session"
extend_bootinfo = "kpi_agreement.boot.extend_bootinfo"

before_install = "kpi_agreement.setup.install.before_install"
after_install = "kpi_agreement.setup.install.after_install"
after_migrate = "kpi_agreement.setup.install.after_migrate"
after_app_install = "kpi_agreement.setup.install.after_app_install"
before_uninstall = "kpi_agreement.setup.install.before_uninstall"

# A framework's published results, in Thai, to whom KPI Settings allow (kpi_agreement/www/kpi_results.py).
website_route_rules = [{"from_route": "/kpi-results/<framework>", "to_route": "kpi-results"}]

jinja = {
	"methods": [
		"kpi_agreement.utils.printing.kpi_digits",
		"kpi_agreement.utils.printing.kpi_date",
		"kpi_agreement.utils.printing.kpi_number",
		"kpi_agreement.utils.printing.kpi_weight",
		"kpi_agreement.utils.printing.kpi_level_name",
		"kpi_agreement.utils.printing.kpi_below_target",
		"kpi_agreement.utils.printing.kpi_fiscal_dates",
		"kpi_agreement.utils.printing.kpi_line_rounds",
		"kpi_agreement.utils.printing.kpi_print_settings",
		"kpi_agreement.utils.printing.kpi_framework_dimensions",
		"kpi_agreement.utils.printing.kpi_dimension_scores",
		"kpi_agreement.utils.printing.kpi_booklet_data",
		"kpi_agreement.utils.printing.kpi_head_position",
		"kpi_agreement.utils.printing.kpi_appeals",
	],
	"filters": ["kpi_agreement.utils.printing.kpi_text"],
}

override_whitelisted_methods = {
	"frappe.utils.print_format.download_pdf": "kpi_agreement.overrides.pdf.download_pdf",
	"frappe.client.get_count": "kpi_agreement.overrides.frappe_api.get_count",
	"frappe.utils.pdf.is_wkhtmltopdf_valid": "kpi_agreement.overrides.frappe_api.is_wkhtmltopdf_valid",
	"frappe.desk.doctype.number_card.number_card.get_result": "kpi_agreement.overrides.frappe_api.number_card_result",
	"frappe.core.api.file.zip_files": "kpi_agreement.overrides.file.zip_files",
}
# Evidence opens on its URL only to those who may open evidence (kpi_agreement/permissions/evidence.py);
# Data Import reads Thai headers whoever read the DocType first, and a row it cannot read refuses only itself
# (kpi_agreement/overrides/data_import.py).
override_doctype_class = {
	"File": "kpi_agreement.overrides.file.KPIFile",
	"Data Import": "kpi_agreement.overrides.data_import.KPIDataImport",
}

# Unit isolation on every path: list queries of every unit-scoped DocType (child tables included), document
# checks against the unit stored in the database, link search always under User Permissions.
# See kpi_agreement/permissions/unit_access.py.
permission_query_conditions = dict.fromkeys(
	_UNIT_SCOPED, "kpi_agreement.permissions.unit_access.query_conditions"
)
has_permission = dict.fromkeys(_UNIT_DOCUMENTS, "kpi_agreement.permissions.unit_access.has_permission")
has_permission["File"] = "kpi_agreement.permissions.evidence.has_permission"  # evidence readers
permission_query_conditions["File"] = "kpi_agreement.permissions.evidence.file_query_conditions"
standard_queries = dict.fromkeys(_UNIT_DOCUMENTS, "kpi_agreement.permissions.unit_access.search_query")
doc_events = {
	doctype: {
		"before_validate": "kpi_agreement.overrides.text_safety.escape_json_markup",
		"before_update_after_submit": "kpi_agreement.overrides.text_safety.escape_json_markup",
	}
	for doctype in (
		"KPI Agreement",
		"KPI Appeal",
		"KPI Assessment",
		"KPI Framework",
		"KPI Indicator",
		"KPI Result Entry",
		"KPI Scorecard",
		"KPI Settings",
		"KPI Unit",
	)
}
# A user who gains a KPI role lands on the KPI workspace after login (kpi_agreement/setup/install.py).
doc_events["User"] = {"validate": "kpi_agreement.setup.install.land_new_kpi_user"}

scheduler_events = {
	"hourly": ["kpi_agreement.mail.digest.send_due_digests"],
}
