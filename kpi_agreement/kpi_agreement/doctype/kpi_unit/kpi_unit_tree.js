frappe.treeview_settings["KPI Unit"] = {
	breadcrumb: "KPI Agreement",
	title: __("KPI Units"),
	get_tree_root: false,
	root_label: __("All KPI Units"),
	get_tree_nodes: "kpi_agreement.kpi_agreement.doctype.kpi_unit.kpi_unit.get_children",
	add_tree_node: "kpi_agreement.kpi_agreement.doctype.kpi_unit.kpi_unit.add_node",
	fields: [
		{ fieldtype: "Data", fieldname: "unit_name", label: __("Unit Name"), reqd: true },
		{
			fieldtype: "Select",
			fieldname: "unit_type",
			label: __("Unit Type"),
			options: ["Department", "Bureau", "Division", "Group", "Section"],
		},
		{ fieldtype: "Link", fieldname: "unit_head", label: __("Unit Head"), options: "User" },
		{ fieldtype: "Check", fieldname: "is_group", label: __("Is Group") },
	],
	ignore_fields: ["parent_kpi_unit"],
	onload: function (treeview) {
		treeview.make_tree();
	},
};
