"""The activity store: what really happened on the networks, imported from platform exports."""
