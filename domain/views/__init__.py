"""Read-side views over events: timelines and which events notify whom."""
