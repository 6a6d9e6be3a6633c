"""The report's own texts, marked for translation."""

from __future__ import annotations

from socialplan.i18n import N_

TEXTS = {
    "title": N_("Social media audit"),
    "generated": N_("Audited on {day} against {file}"),
    "first": N_("What to do first"),
    "nothing_first": N_("Nothing urgent: no error-level finding."),
    "pillars": N_("The five pillars"),
    "pillar": N_("Pillar"),
    "plan_score": N_("Plan"),
    "evidence_score": N_("What happened"),
    "kpis": N_("KPI progress"),
    "kpi": N_("KPI"),
    "baseline": N_("Baseline"),
    "target": N_("Target this quarter"),
    "measured": N_("Measured"),
    "status": N_("Status"),
    "on_track": N_("on track"),
    "behind": N_("behind"),
    "no_data": N_("not in the data"),
    "imported": N_("imported"),
    "computed": N_("from the activity"),
    "no_kpis": N_("The strategy names no KPIs."),
    "responses": N_("Response times"),
    "network": N_("Network"),
    "reply_rate": N_("Reply rate"),
    "median": N_("Median first response (hours)"),
    "questions": N_("Questions answered"),
    "negative": N_("Negative comments answered"),
    "cadence": N_("Posts per week"),
    "findings": N_("Findings"),
    "fix": N_("Fix:"),
    "evidence": N_("Evidence"),
    "no_findings": N_("No findings."),
    "no_conversations": N_("No audience comments in the data."),
}
