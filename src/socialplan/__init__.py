"""socialplan: a social media strategy checked like code."""

__version__ = "0.1.0"
