"""`make bench`: run every benchmark and write bench/RESULTS.md."""

from __future__ import annotations

from bench import eventstore, journey


def main() -> None:
    for module in (eventstore, journey):
        module.main()


if __name__ == "__main__":
    main()
