"""Orchestration of ``validate`` and ``lint``: read inputs, run checks, locate findings.

Nothing here prints or chooses an exit code; the commands do.
"""
