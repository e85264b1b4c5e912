"""The engine behind ``helicone-contract conformance``, one module per step:

1. ``options``: what to test (targets, their headers, limits); validated, no I/O.
2. ``plan``: schemathesis turns the OpenAPI documents into the requests to send (seeded).
3. ``send``: the requests go out with hard deadlines and a rate limit; answers are recorded.
4. ``judge``: every answer becomes findings (status -> media type -> strict JSON ->
   ``check_document``), then consistency, HTTP hygiene and the cross-API checks.
5. ``report``: redacted findings (``redaction``) in one ``conformance.reporting.Report``.

``command`` runs them in this order. The exit code is decided by
``conformance.exit_codes.exit_code_for`` and nowhere here.
"""
