// The desk's KPI scripts, built by `bench build` into one bundle (hooks.app_include_js).
import "./desk.js";
import "./thai_calendar.js";
import "./what_if.js";
import "./translated_values.js";
import "./current_year.js";
import "./my_work.js";
import "./templates/kpi_steps.html";
import "./templates/kpi_levels.html";
import "./templates/kpi_dimension_table.html";
