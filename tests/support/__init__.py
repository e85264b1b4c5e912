"""Helpers shared by the tests: paths, the mutation table, real servers on loopback."""
