"""`make bench`: run every benchmark and write bench/RESULTS.md."""

from __future__ import annotations

from bench import agenda, cli, eventstore, journey, notify, status


def main() -> None:
    for module in (eventstore, journey, agenda, notify, status, cli):
        module.main()


if __name__ == "__main__":
    main()
