"""novex test suite."""
