"""The activities the workflows call, declared by signature; activities/ implements them."""

from __future__ import annotations

from temporalio import activity

from workflows.messages import (
    AppendRequest,
    AppendResponse,
    LoadedProcess,
    LoadRequest,
    MilestonesReached,
    MilestonesRequest,
)


@activity.defn
async def append_events(request: AppendRequest) -> AppendResponse:
    """Append a workflow's events (and their notifications) to the event store, idempotently.

    Served by ``activities.events.EventActivities.append_events`` under the same name.
    """
    raise NotImplementedError("a declaration: the worker runs activities/events.py's")


@activity.defn
async def load_process(request: LoadRequest) -> LoadedProcess:
    """Fold a process's state from the event store (recovery, and catching up after a
    conflicting append).

    Served by ``activities.events.EventActivities.load_process`` under the same name.
    """
    raise NotImplementedError("a declaration: the worker runs activities/events.py's")


@activity.defn
async def milestones_reached(request: MilestonesRequest) -> MilestonesReached:
    """Which of the external milestones an area waits for the store holds as reached, and on
    which day (a province's voorstel: the day it was adopted).

    Served by ``activities.events.EventActivities.milestones_reached`` under the same name.
    """
    raise NotImplementedError("a declaration: the worker runs activities/events.py's")
