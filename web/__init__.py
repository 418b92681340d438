"""The web edge: the HTTP API (FastAPI) and the server-rendered dashboard."""
