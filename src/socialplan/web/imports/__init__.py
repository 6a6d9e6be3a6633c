"""Uploading platform exports into a workspace's activity store, as background tasks."""
