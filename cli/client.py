"""The CLI as a client of the HTTP API: where the API is and with which token (``NOVEX_URL`` and
``NOVEX_TOKEN``, or what `novex login` stored in a file only its owner may read), and requests
whose refusal ends the command with the server's words. Standard library only: it loads fast."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cli.common import fail

DEFAULT_URL = "http://127.0.0.1:8000"
TIMEOUT_SECONDS = 120


def config_file() -> Path:
    """Where `novex login` keeps the URL and token: ``NOVEX_CONFIG``, else
    ``$XDG_CONFIG_HOME/novex/credentials.json`` (``~/.config`` when unset)."""
    given = os.environ.get("NOVEX_CONFIG")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "novex" / "credentials.json"


@dataclass(frozen=True)
class Login:
    """The API's address and the token the CLI sends it."""

    url: str
    token: str


def _stored() -> dict[str, str]:
    path = config_file()
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        fail(f"cannot read {path}: {exc}; run `novex login` again")
    return found if isinstance(found, dict) else {}


def current_login() -> Login:
    """``NOVEX_URL``/``NOVEX_TOKEN`` first, then the stored login (its token only for its own
    URL); the command ends when there is no token."""
    stored = _stored()
    url = (os.environ.get("NOVEX_URL") or stored.get("url") or DEFAULT_URL).rstrip("/")
    token = os.environ.get("NOVEX_TOKEN") or (
        stored.get("token") if stored.get("url", "").rstrip("/") == url else None
    )
    if not token:
        fail(f"not logged in to {url}: run `novex login` or set NOVEX_URL and NOVEX_TOKEN")
    return Login(url, str(token))


def save_login(login: Login) -> Path:
    """Store the URL and token in the config file, readable and writable by its owner only."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an older file keeps its mode through O_CREAT
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump({"url": login.url, "token": login.token}, out)
    return path


def forget_login() -> bool:
    """Remove the stored login; whether there was one."""
    try:
        config_file().unlink()
    except FileNotFoundError:
        return False
    return True


def _refusal(status: int, body: bytes, login: Login) -> str:
    """What the server said (a problem document's detail), or its status."""
    try:
        problem = json.loads(body)
        detail = str(problem.get("detail") or problem.get("title"))
    except (ValueError, AttributeError):
        detail = body.decode(errors="replace")[:300] or f"HTTP {status}"
    if status == 401:
        return f"{detail} at {login.url}: run `novex login` (or set NOVEX_TOKEN)"
    if status == 503:
        return f"{detail} (the server's {status})"
    return detail


def exchange(
    method: str,
    path: str,
    *,
    params: dict[str, Any] | None = None,
    body: Any = None,
    key: str | None = None,
    login: Login | None = None,
) -> tuple[str, dict[str, str]]:
    """One request to the API as the logged-in holder: the answer's text and headers. A
    refusal ends the command (exit 2) with the server's detail."""
    from urllib.error import HTTPError, URLError
    from urllib.parse import urlencode
    from urllib.request import Request, urlopen

    login = login or current_login()
    query = {k: v for k, v in (params or {}).items() if v not in (None, False, "")}
    query = {k: "true" if v is True else v for k, v in query.items()}
    address = login.url + path + ("?" + urlencode(query) if query else "")
    headers = {"Authorization": f"Bearer {login.token}", "Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body, default=str).encode()
        headers["Content-Type"] = "application/json"
    if key is not None:
        headers["Idempotency-Key"] = key
    request = Request(address, data=data, headers=headers, method=method)
    try:
        with urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
            return answer.read().decode(), {k.lower(): v for k, v in answer.headers.items()}
    except HTTPError as exc:
        fail(_refusal(exc.code, exc.read(), login))
    except URLError as exc:
        fail(f"cannot reach {login.url} ({exc.reason}); is `novex up` or `novex api` running?")
    except (TimeoutError, ConnectionError) as exc:
        fail(f"no answer from {login.url} ({exc})")


def call_as(login: Login, method: str, path: str) -> Any:
    """One request with this login rather than the stored one (to check it)."""
    text, _ = exchange(method, path, login=login)
    return json.loads(text)


def call(
    method: str,
    path: str,
    *,
    params: dict[str, Any] | None = None,
    body: Any = None,
    key: str | None = None,
    raw: bool = False,
) -> Any:
    """One request to the API: its JSON answer (or its text with ``raw``)."""
    text, _ = exchange(method, path, params=params, body=body, key=key)
    return text if raw else json.loads(text)


def my_scope(option: str) -> str:
    """The scope of the token's holder (their party, signatory or member id), for a command
    that acts as them; the command ends when the token has none."""
    who = call("GET", "/api/me")
    if not who.get("scope"):
        fail(f"give {option}: your token ({who['actor']}, {who['role']}) has no scope")
    return str(who["scope"])
