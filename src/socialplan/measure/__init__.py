"""Measures: the five pillar scores, KPI progress, cadence and response times."""
