"""Bluesky (atproto): posts as records in the account's repository, keyed by the post's key."""
