"""Mastodon: statuses through the REST API, with the ``Idempotency-Key`` it honours for an hour."""
