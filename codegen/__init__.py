"""Compile the OpenAPI documents in ``specs/`` into pydantic models: load, normalise, render.

``codegen`` depends on the documents and on datamodel-code-generator, never on ``conformance``.
"""
