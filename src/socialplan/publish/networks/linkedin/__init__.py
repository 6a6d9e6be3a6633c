"""LinkedIn: an organisation's posts through the versioned Posts and Images APIs."""
