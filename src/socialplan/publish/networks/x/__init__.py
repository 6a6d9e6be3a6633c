"""X (Twitter): posts through API v2 with an OAuth 2.0 user token, counted X's weighted way."""
