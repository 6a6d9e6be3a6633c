"""WordPress: a blog's posts through the REST API, found again by a slug made from their key."""
