"""How a dashboard page is rendered: the templates (with the dashboard's words), the as-of
picker (effective and recorded time), who is logged in, the login redirect."""

from __future__ import annotations

from datetime import datetime
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from domain.views.as_of import AsOf
from store.tokens import TokenHolder
from web.auth import session_holder
from web.dashboard import csrf
from web.dashboard.form_view import task_form
from web.dashboard.words import AMSTERDAM, FILTERS, WORDS
from web.problems import Problem

FOLDER = resources.files("web.dashboard")
templates = Jinja2Templates(directory=str(FOLDER / "templates"))
templates.env.filters.update(FILTERS)
templates.env.globals.update(WORDS, task_form=task_form)


def parse_as_of(value: str | None) -> datetime | None:
    """One of the picker's instants (naive means Dutch time, as the pages show); nothing means
    now."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise Problem(422, "Unprocessable Content", f"not a date and time: {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)


def parse_view(request: Request) -> AsOf | None:
    """The picker's view of the past: ``as_of`` (how things stood then) and ``as_known_at``
    (what novex knew then), either or both; neither means now."""
    params = request.query_params
    return AsOf.of(parse_as_of(params.get("as_of")), parse_as_of(params.get("as_known_at")))


def _picked(moment: datetime | None) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M:%S") if moment else ""


async def logged_in(request: Request) -> TokenHolder | None:
    """Who holds the request's cookie (or token); None when nobody valid does."""
    return await session_holder(request)


def to_login() -> Response:
    return RedirectResponse("/inloggen", status_code=303)


async def page(request: Request, name: str, title: str, **context: Any) -> Response:
    """A page for a token holder; anyone else is sent to the login page."""
    who = context.pop("who", None) or await logged_in(request)
    if who is None:
        return to_login()
    view: AsOf | None = context.pop("as_of", None)
    status = context.pop("status", 200)
    as_of_value = _picked(view.effective if view else None)
    known_value = _picked(view.known if view else None)
    picked = {"as_of": as_of_value, "as_known_at": known_value}
    query = urlencode({k: v for k, v in picked.items() if v})
    return templates.TemplateResponse(
        request,
        name,
        {
            "title": title,
            "who": who,
            "session_csrf": csrf.form_token(request),
            "past": view is not None,
            "as_of_value": as_of_value,
            "known_value": known_value,
            "q": f"?{query}" if query else "",
            "amp_q": f"&{query}" if query else "",
            **context,
        },
        status_code=status,
    )
