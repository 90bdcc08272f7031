"""Allow ``python -m generator``."""

import sys

from generator.cli import main

if __name__ == "__main__":  # not when a spawned worker re-imports it (generator.linkcheck.LinkScanner)
    sys.exit(main())
