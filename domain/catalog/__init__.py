"""The catalog: provinces, NOVEX areas, programmes, schedule and escalation ladder as data."""
