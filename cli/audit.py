"""`novex audit …`: tamper evidence of the event store: verify the hash chains (against a signed
anchor too), anchor the heads, make a signing key, export a stream."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cli.common import console, fail

if TYPE_CHECKING:
    from service.context import Services

app = typer.Typer(help="Tamper evidence of the event store.")

KEY_HELP = "Ed25519 private key file (default: NOVEX_AUDIT_KEY)"


def _key_path(key: Path | None) -> Path:
    from config.settings import Settings

    found = key or Settings().audit_key
    if found is None:
        fail("no signing key: give --key or set NOVEX_AUDIT_KEY (make one: novex audit keygen)")
    return found


@app.command("verify")
def audit_verify(
    stream: str | None = typer.Option(None, help="only this stream"),
    against: Path | None = typer.Option(None, help="a signed anchor manifest to check too"),
    public_key: Path | None = typer.Option(
        None, help="the anchor's public key file (default: the half of --key / NOVEX_AUDIT_KEY)"
    ),
    key: Path | None = typer.Option(None, help=KEY_HELP),
) -> None:
    """Recompute every hash chain, compare every stream's tail with its head, check the registry
    of streams and the positions; with --against, also every head the manifest signed."""
    from cli.local import named_stream, with_services
    from store.anchor import AnchorError, load_public_key, read_anchor, verify_against
    from store.audit import verify

    def only(services: Services) -> str | None:
        return None if stream is None else named_stream(services, stream)

    try:
        if against is not None:
            manifest = read_anchor(against, load_public_key(public_key or _key_path(key)))
            report = with_services(lambda s: verify_against(s.engine, manifest, only(s)))
        else:
            report = with_services(lambda s: verify(s.engine, only(s)))
    except AnchorError as exc:
        fail(str(exc))
    for link in report.broken:
        console().print(f"[red]broken[/red] {link.where}: {link.reason}")
    for first, final in report.holes:
        numbers = str(first) if first == final else f"{first}–{final}"
        console().print(f"positions {numbers} were handed out but not stored (an append cut off)")
    console().print(f"checked {report.events} events in {report.streams} streams")
    if against is not None and report.ok:
        console().print(f"every head of {against.name} (position {manifest.last_position}) holds")
    if not report.ok:
        raise typer.Exit(1)


@app.command("anchor")
def audit_anchor(
    output: Path | None = typer.Option(None, "--output", "-o", help="file (default: stdout)"),
    key: Path | None = typer.Option(None, help=KEY_HELP),
) -> None:
    """Verify the log and write a signed manifest of every stream's head; keep it apart from
    the database (a later `verify --against` catches any rewrite)."""
    from cli.local import with_services
    from store.anchor import AnchorError, anchor, load_private_key

    try:
        signing = load_private_key(_key_path(key))
        manifest = with_services(lambda s: anchor(s.engine, signing))
    except AnchorError as exc:
        fail(str(exc))
    text = json.dumps(manifest, indent=1, ensure_ascii=False) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
        body = manifest["manifest"]
        console().print(
            f"anchored {len(body['streams'])} streams up to position {body['last_position']} "
            f"in {output}"
        )
    else:
        sys.stdout.write(text)


@app.command("keygen")
def audit_keygen(path: Path = typer.Argument(..., help="where the private key goes")) -> None:
    """Make an Ed25519 signing key for anchors (PATH, owner-only) and its public key (PATH.pub)."""
    from store.anchor import AnchorError, generate_key

    try:
        public = generate_key(path)
    except AnchorError as exc:
        fail(str(exc))
    console().print(f"private key {path} (keep it secret), public key {public}")


@app.command("export")
def audit_export(stream: str, output: Path | None = typer.Option(None, "--output", "-o")) -> None:
    """A stream's events as JSON lines with their hash chain (``province-gr`` is
    ``province-GR``)."""
    from cli.local import named_stream, with_services
    from service.audit import as_json_line, audit_lines

    lines = with_services(lambda s: audit_lines(s.store, named_stream(s, stream)))
    if not lines:
        fail(f"no stream {stream!r}")
    text = "".join(as_json_line(line) for line in lines)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
