"""The web app: workspaces, the strategy wizard, imports and the audit dashboard.

A Django project over the same library the command line uses; views hold no audit logic.
"""
