"""Checks: each turns a parsed document into Findings; none reads files or prints.

``catalog`` is the single list of check ids, severities and descriptions (the README table is
generated from it); ``schema`` checks against the spec and the generated types; ``registry``
and ``gateway`` check what the schema cannot express.
"""
