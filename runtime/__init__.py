"""What runs novex: the embedded stack of `novex up`, the parts one by one, embedded PostgreSQL."""
