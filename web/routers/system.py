"""`/api/health`: the API answers."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()


@router.get("/api/health", tags=["system"])
async def health() -> dict[str, str]:
    return {"status": "ok"}
