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

app_include_css = "/assets/kpi_agreement/css/kpi_agreement.css"
app_include_js = ["/assets/kpi_agreement/js/desk.js", "/assets/kpi_agreement/js/what_if.js"]

doctype_list_js = {"KPI Agreement": "public/js/kpi_agreement_list.js"}

before_install = "kpi_agreement.setup.install.before_install"
after_install = "kpi_agreement.setup.install.after_install"
after_migrate = "kpi_agreement.setup.install.after_migrate"
after_app_install = "kpi_agreement.setup.install.after_app_install"
before_uninstall = "kpi_agreement.setup.install.before_uninstall"

jinja = {
	"methods": [
		"kpi_agreement.kpi_agreement.print_utils.kpi_font_css",
		"kpi_agreement.kpi_agreement.print_utils.kpi_digits",
		"kpi_agreement.kpi_agreement.print_utils.kpi_date",
		"kpi_agreement.kpi_agreement.print_utils.kpi_number",
		"kpi_agreement.kpi_agreement.print_utils.kpi_fiscal_dates",
		"kpi_agreement.kpi_agreement.print_utils.kpi_print_settings",
		"kpi_agreement.kpi_agreement.print_utils.kpi_framework_dimensions",
		"kpi_agreement.kpi_agreement.print_utils.kpi_dimension_scores",
	],
	"filters": ["kpi_agreement.kpi_agreement.print_utils.kpi_text"],
}

override_whitelisted_methods = {
	"frappe.utils.print_format.download_pdf": "kpi_agreement.kpi_agreement.booklet.download_pdf",
}

scheduler_events = {
	"hourly": ["kpi_agreement.kpi_agreement.digests.send_due_digests"],
}
