"""Benchmarks: scripts that measure, each against its baseline in the same run."""
