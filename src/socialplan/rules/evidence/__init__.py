"""Evidence rules: one module per rule, each checking what happened on the networks."""
