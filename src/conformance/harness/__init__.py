"""The engine behind ``helicone-contract conformance``: plan, send, check, report.

The steps are separate modules and run in this order, each knowing nothing of the next:

1. ``options`` / ``targets``: what to test (validated flags; no I/O).
2. ``driver``: schemathesis turns the OpenAPI documents into the request plan (seeded).
3. ``http`` + ``runner``: send the plan over HTTP with hard deadlines; collect observations.
4. ``response_checks``, ``transport_checks``, ``hygiene``, ``cross``: observations -> findings.
5. ``redaction`` + ``report``: findings -> text / JSON / GitHub annotations / JUnit.

The exit code is decided by ``conformance.exit_codes.exit_code_for`` and nowhere here.
"""
