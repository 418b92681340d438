"""The workflows on real Temporal servers (dev and time-skipping); recorded histories replayed."""
