"""The activities the workflows call are served by the worker: same names, same message types."""

from __future__ import annotations

from collections.abc import Mapping

from temporalio import activity

from activities.events import EventActivities
from workflows import contracts


def _definitions(namespace: Mapping[str, object]) -> dict[str, activity._Definition]:
    found = (activity._Definition.from_callable(f) for f in namespace.values() if callable(f))
    return {d.name: d for d in found if d is not None and d.name}


def test_every_activity_a_workflow_calls_is_served_under_its_name_with_its_types() -> None:
    declared = _definitions(vars(contracts))
    served = _definitions(vars(EventActivities))
    assert declared, "the workflows declare the activities they call"
    for name, declaration in declared.items():
        assert name in served, f"no activity serves {name!r}"
        assert served[name].arg_types == declaration.arg_types
        assert served[name].ret_type == declaration.ret_type
