"""Benchmarks: a deterministic synthetic corpus and the `make bench` report."""
