"""How a form shows: per field its id, label, kind, choices, value, hint, error and whether it
says when it happened (for the templates), and the page a process is seen on."""

from __future__ import annotations

from typing import Any

from web.dashboard.form_model import Action, Context


def field_views(
    action: Action, ctx: Context, values: dict[str, str], errors: dict[str, str]
) -> list[dict[str, Any]]:
    """What the template needs of each field; ids are unique per form on a page."""
    views = []
    for f in action.fields:
        fixed = f.fixed_value(ctx)
        views.append(
            {
                "name": f.name,
                "id": f"{action.slug}-{f.name}",
                "label": f.label,
                "kind": f.kind_for(ctx),
                "choices": f.choices(ctx),
                "value": fixed if fixed is not None else values.get(f.name, ""),
                "required": f.required,
                "hint": f.hint_for(ctx),
                "error": errors.get(f.name),
                "when": f.when,
            }
        )
    return views


def page_of(stream_id: str) -> str:
    """Where a process's page is: an escalation under /escalaties as lists show it."""
    if stream_id.startswith("escalation-"):
        return f"/escalaties/{stream_id.removeprefix('escalation-')}"
    return f"/processen/{stream_id}"


TASK_FORMS = {
    "review": ("review", "Review geven", ("checkpoint",)),
    "signature": ("tekenen", "Tekenen", ()),
    "agreement": ("bevestigen", "Bevestigen", ("agreement_id",)),
    "proposal": ("akkoord", "Akkoord geven", ("proposal_id",)),
    "decision": ("voorstellen", "Besluit voorstellen", ()),
}
"""Per kind of task in Mijn werk: the form that does it, its link text, the details it fills."""


def task_form(task: Any) -> dict[str, str] | None:
    """The link from a task in Mijn werk to the form that does it, if there is one."""
    from urllib.parse import urlencode

    found = TASK_FORMS.get(task.kind)
    if found is None:
        return None
    slug, label, filled = found
    query = urlencode({k: task.details[k] for k in filled if task.details.get(k) is not None})
    href = f"/processen/{task.stream_id}/doen/{slug}" + (f"?{query}" if query else "")
    return {"href": href, "label": label}
