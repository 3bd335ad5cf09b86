frappe.ui.form.on("KPI Agreement", {
	setup(frm) {
		frm.set_query("indicator", "lines", () => ({ filters: { framework: frm.doc.framework } }));
		frm.set_query("unit", () => ({ filters: { is_group: 0 } }));
	},

	refresh(frm) {
		kpi_agreement.render_progress(frm);
		if (frm.doc.docstatus === 1 && frm.doc.workflow_state === "Signed") {
			frm.add_custom_button(__("Generate Booklet"), () =>
				frm.call("generate_booklet").then(() => frm.reload_doc())
			);
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("What-if"), () => kpi_agreement.what_if(frm));
			frm.add_custom_button(
				__("Assessments"),
				() => frappe.set_route("List", "KPI Assessment", { agreement: frm.doc.name }),
				__("View")
			);
		}
	},

	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Return for Revision") return;
		// The reason is saved first: the workflow action reloads the document from the database.
		frappe.dom.unfreeze();
		return new Promise((resolve, reject) => {
			const dialog = frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for Revision"), reqd: 1 },
				({ reason }) => {
					frappe.dom.freeze();
					frappe
						.xcall("frappe.client.set_value", {
							doctype: frm.doctype,
							name: frm.doc.name,
							fieldname: "revision_reason",
							value: reason,
						})
						.then(resolve, reject);
				},
				__("Return for Revision"),
				__("Return")
			);
			dialog.onhide = () => !dialog.primary_action_fulfilled && reject();
		});
	},
});

frappe.provide("kpi_agreement");

kpi_agreement.render_progress = function (frm) {
	const steps = (frm.doc.__onload && frm.doc.__onload.steps) || [];
	const wrapper = frm.get_field("process_html").$wrapper;
	if (!steps.length || frm.is_new()) {
		wrapper.empty();
		return;
	}
	const current = steps.findIndex((s) => s.state === frm.doc.workflow_state);
	const overdue = frm.doc.step_due_on && frappe.datetime.now_datetime() > frm.doc.step_due_on;
	const items = steps
		.map((s, i) => {
			const cls = i < current ? "done" : i === current ? (overdue ? "current overdue" : "current") : "";
			return `<li class="kpi-step ${cls}" title="${__(s.state)}">
				<span class="kpi-step-no">${s.number}</span>
				<span class="kpi-step-label">${__(s.state)}</span></li>`;
		})
		.join("");
	const due = frm.doc.step_due_on
		? `<div class="kpi-due ${overdue ? "text-danger" : "text-muted"}">
			${overdue ? __("Overdue since {0}", [kpi_agreement.format_datetime(frm.doc.step_due_on)])
				: __("Due {0}", [kpi_agreement.format_datetime(frm.doc.step_due_on)])}
			${frm.doc.responsible_role ? " · " + __(frm.doc.responsible_role) : ""}</div>`
		: "";
	wrapper.html(`<ol class="kpi-steps">${items}</ol>${due}`);
};
