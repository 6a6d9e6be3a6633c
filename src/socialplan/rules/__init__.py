"""The rule catalogue: rules, selection, configuration, the engine and its reporters."""
