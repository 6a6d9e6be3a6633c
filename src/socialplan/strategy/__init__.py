"""The strategy document: its schema, loading with precise errors, and starter templates."""

from socialplan.strategy.load import LoadedStrategy, load_strategy, parse_strategy
from socialplan.strategy.model import Strategy

__all__ = ["LoadedStrategy", "Strategy", "load_strategy", "parse_strategy"]
