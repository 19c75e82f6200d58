"""`python -m kring.rules assess FILE` (same as `kring rules assess FILE`)."""

import sys

from kring.rules.cli import main

sys.exit(main(sys.argv[1:]))
