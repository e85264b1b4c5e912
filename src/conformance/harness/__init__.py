"""The engine behind ``helicone-contract conformance``: ``run_conformance(options) -> Report``.

One module per step, run in this order by ``engine``:

1. ``options``: ``ConformanceOptions`` validated into ``Settings`` (``selection``: which
   checks run); no I/O.
2. ``plan``: schemathesis turns the OpenAPI documents into the requests to send (seeded).
3. ``send``: the requests go out (``http_client``: hard deadlines) with a rate limit; answers
   become ``records``.
4. ``judge``: every answer through the funnel of ``answers``, then the checks of exchanges
   taken together (``exchanges``) and of the two APIs (``cross``); ``reproduce`` writes the
   curl command of a finding.
5. ``report``: redacted findings (``redaction``) and every family's state in one
   ``conformance.reporting.Report``.

The exit code is decided by ``conformance.exit_codes.exit_code_for`` and nowhere here.
"""

from conformance.harness.engine import run_conformance
from conformance.harness.options import ConformanceOptions

__all__ = ["ConformanceOptions", "run_conformance"]
