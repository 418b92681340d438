"""Benchmarks: novex against a bare baseline run side by side in the same process."""
