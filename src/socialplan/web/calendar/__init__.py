"""The editorial calendar: connected channels, drafts with per-channel variants, approvals,
and the deliveries the publisher sends exactly once."""
