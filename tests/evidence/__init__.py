"""Tests of the evidence rules and the measures they use."""
