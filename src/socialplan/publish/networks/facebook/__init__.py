"""Facebook: a Page's posts through the Graph API, at one pinned version."""
