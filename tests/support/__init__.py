"""Helpers shared by the tests: paths, real servers on loopback, fault-injected variants."""
