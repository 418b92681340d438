"""What the CLI, the web API and the dashboard share: commands, queries, reports, the demo."""
