"""The lifeline of `novex up` (``python -m runtime.lifeline DATA_DIR OWNER_PID``): it waits for
the end of its input, which comes when `novex up` closes it or dies however it dies, then stops
what is left on the data folder."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from runtime.children import sweep_after


def main(argv: list[str]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    data_dir, owner = Path(argv[1]), int(argv[2])
    sys.stdin.buffer.read()  # until `novex up` is gone
    sweep_after(data_dir, owner)


if __name__ == "__main__":
    main(sys.argv)
