"""Allow ``python -m generator``."""

import sys

from generator.cli import main

if __name__ == "__main__":  # not when imported (a spawned worker would re-import it)
    sys.exit(main())
