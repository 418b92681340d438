"""The chaos suite: many processes driven through the HTTP API while the parts fail."""
