"""The history from the command line, through the API: `novex import FILE` twice (the second
records nothing new), a refusal that names file, line, process and rule (exit 1), `novex
export-history -o`, a command dated with --on (never in the future) and `show` on two axes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from store.projector import Projector
from tests.api.conftest import EXAMPLE
from tests.cli.conftest import Served

BAD = """\
history:
  - process: province-ZE
    started: 2023-01-02
    commands:
      - {date: 2023-01-20, type: SubmitDraft, checkpoint: 1, document_ref: d1, summary: s}
      - {date: 2023-01-10, type: CloseCheckpoint, checkpoint: 1, decision: d, reason: r}
"""


async def test_import_export_and_dated_commands_from_the_cli(served: Served) -> None:
    first = await served.novex("import", str(EXAMPLE))
    assert first.returncode == 0, first.stderr
    assert "province-GE:" in first.stdout and "vastgelegd" in first.stdout
    again = await served.novex("import", str(EXAMPLE))
    assert again.returncode == 0 and again.stdout.count("niets nieuws") == 3, again.stdout

    bad = served.home / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    refused = await served.novex("import", str(bad))
    assert refused.returncode == 1
    assert "bad.yaml:6: province-ZE: CloseCheckpoint refused by rule BackdatedWithoutReason" in (
        " ".join(refused.stdout.split())
    )

    out = served.home / "export.yaml"
    exported = await served.novex("export-history", "-o", str(out), who="viewer")
    assert exported.returncode == 0 and out.read_text(encoding="utf-8").startswith("# novex")

    future = (datetime.now(UTC) + timedelta(days=2)).strftime("%Y-%m-%d")
    friction = ("province", "friction", "GR", "--description", "Stikstof")
    later = await served.novex(*friction, "--on", future)
    assert later.returncode == 2 and "lies in the future" in later.stderr
    early = await served.novex(*friction, "--on", "2024-01-10")
    assert early.returncode == 2 and "correction_reason" in early.stderr
    reason = ("--on", "2024-01-10", "--correction-reason", "besproken op 10 januari 2024")
    corrected = await served.novex(*friction, *reason)
    assert corrected.returncode == 0 and "FrictionRaised" in corrected.stdout, corrected.stderr

    await Projector(served.api.services.engine).catch_up()
    shown = await served.novex(
        "province", "show", "GR", "--as-of", "2024-01-11T00:00:00", "--json", who="viewer"
    )
    assert shown.returncode == 0, shown.stderr
    dates = [h["occurred_on"] for h in json.loads(shown.stdout)["history"]]
    assert max(dates) == "2024-01-10"  # the correction shows; what came after does not
    moment = (datetime.now(UTC) + timedelta(minutes=1)).isoformat(timespec="seconds")
    known = await served.novex("province", "show", "GR", "--as-known-at", moment, "--json")
    assert known.returncode == 0, known.stderr
    assert "2024-01-10" in [h["occurred_on"] for h in json.loads(known.stdout)["history"]]
