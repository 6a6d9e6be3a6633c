"""Importers: one module per export format, each registering itself."""
