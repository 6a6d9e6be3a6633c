"""The strategy document of a workspace: every saved revision, the wizard that edits it."""
