"""Publishing to the networks: one adapter per network behind one small contract.

``networks/`` holds the adapters (one folder each, registered in ``networks/__init__.py``);
``errors`` says what the publisher may do after each failure; ``http`` is the one way adapters
speak HTTP; ``capabilities`` and ``checks`` hold what each network accepts.
See docs/decisions/0007-network-adapters.md.
"""
