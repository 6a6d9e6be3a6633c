"""Allow ``python -m socialplan``."""

from socialplan.cli import main

main()
