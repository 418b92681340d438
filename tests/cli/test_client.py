"""`novex` as a client of the HTTP API: commands are recorded under the token's holder, whatever
is typed; `novex login` keeps the URL and token in a file only its owner may read; a refusal, a
missing login and an unreachable server end the command with words that say so."""

from __future__ import annotations

import json
import stat

from service.rehearsal import status_when
from store.projector import Projector
from tests.cli.conftest import Served


async def _started(served: Served, code: str) -> str:
    """A journey started by the coordinator from the CLI, with a first draft."""
    started = await served.novex("start", "-p", code)
    assert started.returncode == 0 and f"{code}: started" in started.stdout, started.stderr
    stream = served.api.services.province_stream(code)
    client = served.api.services.client
    assert client is not None
    await status_when(client, stream, lambda s: s["phase"] != "niet gestart")
    draft = await served.novex("province", "draft", code, "1", "--document", "d1", "--summary", "s")
    assert draft.returncode == 0 and "DraftSubmitted" in draft.stdout, draft.stderr
    return stream


async def test_a_review_given_from_the_cli_is_recorded_under_the_tokens_holder(
    served: Served,
) -> None:
    await _started(served, "GE")
    review = await served.novex(
        "province", "review", "GE", "1", "--outcome", "akkoord", who="reviewer"
    )
    assert review.returncode == 0 and "ReviewSubmitted" in review.stdout, review.stderr
    await Projector(served.api.services.engine).catch_up()
    shown = await served.novex("province", "show", "GE", "--json", who="viewer")
    history = json.loads(shown.stdout)["history"]
    reviewed = [h for h in history if h["type"] == "ReviewSubmitted"]
    assert [h["actor"] for h in reviewed] == ["accountteam"]  # the token's, the party its scope


async def test_a_reviewer_cannot_review_for_another_party_nor_a_viewer_act(
    served: Served,
) -> None:
    await _started(served, "ZH")
    other = await served.novex(
        "province",
        "review",
        "ZH",
        "1",
        "--party",
        "programmes",
        "--outcome",
        "akkoord",
        who="reviewer",
    )
    assert other.returncode == 2 and "acts as 'rijk-accountteam' only" in other.stderr
    viewer = await served.novex("province", "friction", "ZH", "--description", "x", who="viewer")
    assert viewer.returncode == 2 and "may not give RaiseFriction" in viewer.stderr


async def test_a_refused_command_ends_with_the_rules_words_and_records_nothing(
    served: Served,
) -> None:
    await _started(served, "UT")
    refused = await served.novex(
        "province", "review", "UT", "4", "--party", "programmes", "--outcome", "akkoord"
    )
    assert refused.returncode == 2 and "unknown ijkmoment 4" in refused.stderr
    await Projector(served.api.services.engine).catch_up()
    shown = json.loads((await served.novex("province", "show", "UT", "--json")).stdout)
    assert "ReviewSubmitted" not in [h["type"] for h in shown["history"]]


async def test_novex_login_keeps_url_and_token_for_its_owner_only_and_logout_forgets_them(
    served: Served,
) -> None:
    token = served.api.tokens["reviewer"]
    logged = await served.novex("login", "--url", served.url, "--token", token, who=None)
    assert logged.returncode == 0, logged.stderr
    assert "as accountteam (reviewer, rijk-accountteam)" in logged.stdout
    kept = served.home / "novex" / "credentials.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert json.loads(kept.read_text()) == {"url": served.url, "token": token}
    mine = await served.novex("tasks", "--json", who=None)  # no NOVEX_TOKEN: the stored login
    assert mine.returncode == 0, mine.stderr
    assert json.loads(mine.stdout)["actor"] == "accountteam"
    assert (await served.novex("logout", who=None)).returncode == 0
    assert not kept.exists()
    gone = await served.novex("tasks", who=None)
    assert gone.returncode == 2 and "not logged in" in gone.stderr and "novex login" in gone.stderr


async def test_a_wrong_token_and_an_unreachable_server_say_what_to_do(served: Served) -> None:
    wrong = await served.novex("status", who=None, NOVEX_TOKEN="nvx_not-a-token")
    assert wrong.returncode == 2
    assert "unknown, revoked or expired token" in wrong.stderr and "novex login" in wrong.stderr
    away = await served.novex("status", NOVEX_URL="http://127.0.0.1:9")
    assert away.returncode == 2 and "cannot reach http://127.0.0.1:9" in away.stderr
    refused_login = await served.novex("login", "--token", "nvx_nope", who=None)
    assert refused_login.returncode == 2
    assert not (served.home / "novex" / "credentials.json").exists()
