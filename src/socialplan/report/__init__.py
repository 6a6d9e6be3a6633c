"""The audit report people read: self-contained HTML with charts, and the same as PDF."""
