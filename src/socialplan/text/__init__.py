"""Offline multilingual text analysis: language, tokens, questions, sentiment, self-promotion,
refusals, forbidden terms and near-duplicate fingerprints.

Word lists are data (``lexicons/<lang>/<check>.yaml``); adding a language is a data change.
Nothing here downloads at run time: the hub and PyThaiNLP are told to stay offline before any
of their modules can be imported, and heavy modules load only when a text needs them.
This package imports nothing else of socialplan.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
