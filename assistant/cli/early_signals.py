"""Ctrl-C during the first fraction of a second ends the program quietly.

While Python loads the modules (about 0.2 s), a Ctrl-C used to print a KeyboardInterrupt
traceback. `assistant/__init__.py` installs `leave_quietly` before any other module loads;
`main()` puts Python's usual handler back once it can say goodbye properly.
Only when this package starts the command (`memo-vocal`, `python -m assistant`): a test or a
program that imports it keeps its own Ctrl-C.

Python's own start (about 20 ms, before the first line of this package) is out of reach from
here: `scripts/demarrer.sh` starts the program with Ctrl-C ignored, and this module turns it
back on as soon as it runs.
"""

from __future__ import annotations

import os
import signal
import sys


def leave_quietly(_signum: int, _frame: object) -> None:
    os._exit(130)  # Nothing is open yet: nothing to close.


def install_if_starting() -> None:
    program = sys.argv[0] if sys.argv else ""
    # `python -m assistant` imports this package while argv[0] is still "-m".
    starting = program == "-m" or os.path.basename(program) == "memo-vocal"
    # SIG_IGN: started by scripts/demarrer.sh, which ignores Ctrl-C across Python's own start.
    current = signal.getsignal(signal.SIGINT)
    if starting and current in (signal.default_int_handler, signal.SIG_IGN):
        signal.signal(signal.SIGINT, leave_quietly)


def ready_for_goodbye() -> None:
    """Ctrl-C raises KeyboardInterrupt again, also when demarrer.sh started us ignoring it."""
    if signal.getsignal(signal.SIGINT) in (leave_quietly, signal.SIG_IGN):
        signal.signal(signal.SIGINT, signal.default_int_handler)
