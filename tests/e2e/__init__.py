"""End-to-end: `novex up` as a user runs it, the CLI read commands, the dashboard in Chromium."""
