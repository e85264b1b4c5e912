"""Compile the OpenAPI documents in ``specs/`` into pydantic models: load, normalise, render.

Two packages from one normalised document: the strict models (``generated.registry``,
``generated.gateway``) and the reader models (``generated.reader.*``), whose only difference
is decided in ``codegen/reader.py``.

``codegen`` depends on the documents and on datamodel-code-generator, never on ``conformance``.
"""
