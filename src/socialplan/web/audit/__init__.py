"""The audit dashboard, the report downloads and the rule pages."""
