"""Workspaces, their members, roles and invitations: the cross-functional team of step 1."""
