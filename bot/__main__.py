"""`python -m bot COMMAND`: the composition root's entry point."""

import sys

from bot.cli import main

sys.exit(main())
