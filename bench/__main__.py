"""`make bench`: run every benchmark and write bench/RESULTS.md."""

from __future__ import annotations

from bench import (
    agenda,
    cli,
    eventstore,
    journey,
    notify,
    open_processes,
    programme,
    status,
    under_load,
)


def main() -> None:
    for module in (eventstore, journey, agenda, notify, status, cli, programme, open_processes):
        module.main()
    under_load.main()  # last: it runs the test suite beside `novex up`


if __name__ == "__main__":
    main()
