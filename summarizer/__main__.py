"""``python -m summarizer``, and the ``summarizer`` command (:func:`run`), run the CLI."""

import sys


def run() -> int:
    """The CLI, with a Ctrl-C while its modules import (the first fraction of a second)
    the CLI's one line and exit 130 too, where it was a KeyboardInterrupt traceback."""
    try:
        from summarizer.cli import main
    except KeyboardInterrupt:
        try:  # stderr closed (2>&-: print(file=None) writes on stdout) or failing: unsaid
            if sys.stderr is not None:
                print("summarizer: interrupted", file=sys.stderr)
        except OSError:
            pass
        return 130
    return main()


if __name__ == "__main__":
    raise SystemExit(run())
