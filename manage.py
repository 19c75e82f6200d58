#!/usr/bin/env python
"""Django's command-line utility; `kring` (kring.cli) is the same with Kring's own subcommands."""

import sys

from kring.cli import main

if __name__ == "__main__":
    sys.exit(main())
