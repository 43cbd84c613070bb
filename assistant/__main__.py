"""Allows `python -m assistant`, identical to the `memo-vocal` command."""

import sys

from assistant.cli.main import main

sys.exit(main())
