"""Activities: the only code with side effects (event store appends, notifications, documents)."""
