"""`csmanual` and `python -m csmanual`.

Importing the command (click, the modules it names) takes a while; a Ctrl-C then would
print Python's traceback from inside an import. Until click runs and answers Ctrl-C
itself ("Aborted!", exit 1), it is answered the same way here.
"""

import os
import signal
import sys


def run() -> None:
    quiet = signal.getsignal(signal.SIGINT) is signal.default_int_handler  # not when ignored
    if quiet:
        signal.signal(signal.SIGINT, _aborted)
    from csmanual.cli import main

    if quiet:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    main()


def _aborted(signum, frame) -> None:
    sys.stderr.write("\nAborted!\n")
    sys.stderr.flush()
    os._exit(1)  # nothing is written yet: there is nothing to clean up


if __name__ == "__main__":
    run()
