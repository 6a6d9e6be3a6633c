"""Plan rules: one module per rule, each checking the strategy document alone."""
