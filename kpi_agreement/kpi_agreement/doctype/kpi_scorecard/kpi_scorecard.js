frappe.ui.form.on("KPI Scorecard", {
	setup(frm) {
		// Publishing moves every assessed agreement of the round: say so in place of "Permanently Submit?"
		kpi_agreement.confirm_submit(frm, () =>
			__(
				"Publish the {0}-month scorecard of {1} units? Every assessed agreement of the round moves to Scores Summarized and each unit sees its rank and grade. A published scorecard changes only by cancelling and amending it.",
				[frm.doc.round_months, frm.doc.unit_count || 0]
			)
		);
	},
	refresh(frm) {
		// the rows come from Build Scorecard, never by hand
		frm.set_df_property("rows", "cannot_add_rows", true);
		frm.set_df_property("rows", "cannot_delete_rows", true);
		frm.events.render_dimensions(frm);
		if (frm.doc.docstatus === 0 && !frm.is_new()) {
			frm.add_custom_button(__("Build Scorecard"), () =>
				frm.call({ method: "build", doc: frm.doc, freeze: true }).then(() => frm.reload_doc())
			).addClass("btn-primary");
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("KPI Score Summary"), () =>
				frappe.set_route("query-report", "KPI Score Summary", {
					framework: frm.doc.framework,
					round_months: frm.doc.round_months,
				})
			);
		}
		if (frm.doc.docstatus === 1) {
			// the department's web page of published results (KPI Settings says who may open it)
			frm.add_custom_button(__("Published Results Page"), () =>
				window.open(`/kpi-results/${encodeURIComponent(frm.doc.framework)}?round=${frm.doc.round_months}`)
			);
		}
		if (frm.doc.docstatus === 1) {
			// publishing and presenting move the round's agreements in background jobs; after a stop, resume
			frm.add_custom_button(
				__("Resume Agreement Moves"),
				() => frm.call({ method: "resume_moves", doc: frm.doc }),
				__("Process")
			);
		}
		if (frm.doc.docstatus === 1 && !frm.doc.presented_on) {
			frm.add_custom_button(__("Mark Presented to Director-General"), () =>
				frappe.confirm(
					__(
						"Record that this scorecard was presented to the Director-General today? Every agreement of the round moves to Presented, the last step of the cycle."
					),
					() => frm.call({ method: "mark_presented", doc: frm.doc }).then(() => frm.reload_doc())
				)
			);
		}
	},
	render_dimensions(frm) {
		// each unit's dimension sub-scores, as kept on its row, side by side
		const rows = frm.doc.rows || [];
		const scores = rows.map((row) =>
			typeof row.dimension_scores === "string"
				? JSON.parse(row.dimension_scores || "{}")
				: row.dimension_scores || {}
		);
		const names = [...new Set(scores.flatMap((entry) => Object.keys(entry)))].sort();
		const esc = frappe.utils.escape_html;
		frm.get_field("dimension_table").$wrapper.html(
			frappe.render_template("kpi_dimension_table", {
				names: names.map(esc),
				rows: rows.map((row, i) => ({
					rank: row.rank,
					unit: esc(row.unit),
					total_score: format_number(row.total_score, null, 4),
					cells: names.map((name) => {
						const entry = scores[i][name] || {};
						return { points: esc(entry.points || ""), score: esc(entry.score || "") };
					}),
				})),
			})
		);
	},
});
