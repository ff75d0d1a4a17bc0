"""`csmanual` and `python -m csmanual`.

Importing the command (click, the modules it names) takes a while; a Ctrl-C then would
print Python's traceback from inside an import. Until click runs and answers Ctrl-C
itself ("Aborted!", exit 1), it is answered the same way here. Afterwards a Ctrl-C can
still land inside a library that turns it into an error of its own (pydantic builds the
model's validators in Rust, imported when a command first validates: a SchemaError that
says KeyboardInterrupt); once Ctrl-C was pressed, such an error is answered as Ctrl-C too.
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
        signal.signal(signal.SIGINT, _interrupt)
    try:
        main()
    except Exception:
        if not _interrupted:
            raise
        sys.stderr.write("\nAborted!\n")
        sys.exit(1)


_interrupted = False


def _interrupt(signum, frame) -> None:
    """Python's own answer to Ctrl-C (KeyboardInterrupt), remembering that it came."""
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def _aborted(signum, frame) -> None:
    sys.stderr.write("\nAborted!\n")
    sys.stderr.flush()
    os._exit(1)  # nothing is written yet: there is nothing to clean up


if __name__ == "__main__":
    run()
