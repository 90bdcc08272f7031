"""Benchmarks: a deterministic synthetic corpus and the `make bench` report.

``corpus`` writes the corpus; ``serving`` serves a built site and names Chromium
(the browser tests share it); ``search`` and ``preview`` measure search and the
live preview; ``run`` measures the builds and prints the table (`python -m bench.run`).
"""
