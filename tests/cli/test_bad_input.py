"""Bad input typed at `novex`: an amount out of bounds ends the command naming the field and the
bound, and records nothing; a province code in any case names the same journey, through the
API and on the server's own commands; an unknown one is named with the known ones."""

from __future__ import annotations

import json

from service.rehearsal import status_when
from store.projector import Projector
from tests.cli.conftest import Served

ACTION = {
    "id": "mirt",
    "title": "MIRT-verkenning",
    "owner": "IenW",
    "planned_start": "2030-01-01",
    "planned_end": "2030-06-01",
}


async def test_an_amount_out_of_bounds_ends_the_command_naming_the_field_and_records_nothing(
    served: Served,
) -> None:
    added = await served.novex(  # a coordinator's first command starts the area's process
        "area", "command", "lelylijn", json.dumps({"type": "AddAction", "action": ACTION})
    )
    assert added.returncode == 0, added.stderr
    stream = served.api.services.area_stream("lelylijn")
    before = await served.api.services.store.read_stream(stream)
    contribution = {"id": "c1", "action_id": "mirt", "side": "rijk", "fund": "f"}
    for amount, bound in (
        ("1e309", "at most 15 digits before the decimal point; 1E+309 has 310"),
        ("0.001", "at most 2 digits after the decimal point; 0.001 has 3"),
        ("NaN", "finite number"),
    ):
        command = {"type": "AddContribution", "contribution": {**contribution, "amount": amount}}
        refused = await served.novex("area", "command", "lelylijn", json.dumps(command))
        assert refused.returncode == 2
        assert "AddContribution.contribution.amount" in refused.stderr
        assert bound in refused.stderr, refused.stderr
    assert await served.api.services.store.read_stream(stream) == before


async def test_a_province_code_in_lower_case_names_the_same_journey_from_the_cli(
    served: Served, database_url: str
) -> None:
    started = await served.novex("start", "-p", "fr")
    assert started.returncode == 0 and "FR: started" in started.stdout, started.stderr
    stream = served.api.services.province_stream("FR")
    await status_when(served.api.services.temporal, stream, lambda s: s["phase"] != "niet gestart")
    raised = await served.novex("province", "friction", "fr", "--description", "stikstof")
    assert raised.returncode == 0 and "FrictionRaised" in raised.stdout, raised.stderr
    await Projector(served.api.services.engine).catch_up()
    shown = json.loads((await served.novex("province", "show", "Fr", "--json")).stdout)
    assert shown["stream_id"] == stream and "FrictionRaised" in [
        h["type"] for h in shown["history"]
    ]
    board = await served.novex("status", "--province", "fr", "--json")
    assert [r["stream_id"] for r in json.loads(board.stdout)] == [stream]

    on_server = {"NOVEX_DATABASE_URL": database_url}
    loose = stream.replace("province-FR", "province-fr")
    exported = await served.novex("audit", "export", loose, **on_server)
    assert exported.returncode == 0, exported.stderr
    assert [json.loads(line)["stream_id"] for line in exported.stdout.splitlines()] == [
        stream,
        stream,
    ]


async def test_an_unknown_province_from_the_cli_is_named_with_the_known_ones(
    served: Served, database_url: str
) -> None:
    known = "known: DR, FL, FR, GE, GR, LI, NB, NH, OV, UT, ZE, ZH"
    shown = await served.novex("province", "show", "xx")
    assert shown.returncode == 2 and f"unknown province 'xx'; {known}" in shown.stderr
    board = await served.novex("status", "--province", "xx")
    assert board.returncode == 2 and "unknown province 'xx'" in board.stderr
    exported = await served.novex("audit", "export", "province-xx", NOVEX_DATABASE_URL=database_url)
    assert exported.returncode == 2 and f"unknown province 'xx'; {known}" in exported.stderr


async def test_a_province_officials_token_scope_is_spelled_as_the_catalog_spells_it(
    served: Served, database_url: str
) -> None:
    on_server = {"NOVEX_DATABASE_URL": database_url}
    made = await served.novex(
        "token", "create", "--actor", "gs-fr", "--role", "province_official", "--scope", "fr",
        **on_server,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    me = await served.novex("login", "--token", token, who=None)
    assert me.returncode == 0 and "(province_official, FR)" in me.stdout, me.stdout + me.stderr
    unknown = await served.novex(
        "token", "create", "--actor", "x", "--role", "province_official", "--scope", "xx",
        **on_server,
    )  # fmt: skip
    assert unknown.returncode == 2 and "unknown province 'xx'; known: DR" in unknown.stderr


async def test_a_date_long_ago_or_far_ahead_is_refused_by_name_from_the_cli(served: Served) -> None:
    started = await served.novex("start", "-p", "ZE")
    assert started.returncode == 0, started.stderr
    stream = served.api.services.province_stream("ZE")
    await status_when(served.api.services.temporal, stream, lambda s: s["phase"] != "niet gestart")
    before = await served.api.services.store.read_stream(stream)
    for due, said in (
        ("1900-01-01", "moment 1900-01-01 lies outside 2000-01-01 … 2099-12-31"),  # a Dutch
        ("9999-12-31", "moment 9999-12-31 lies outside 2000-01-01 … 2099-12-31"),  # offset in
    ):  # 1900 has seconds: the CLI sends UTC, so the refusal names the window, not the syntax
        moved = await served.novex("province", "move", "ZE", "voorstel", due, "--reason", "typo")
        assert moved.returncode == 2 and said in moved.stderr, moved.stderr
    assert await served.api.services.store.read_stream(stream) == before
