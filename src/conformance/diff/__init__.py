"""``diff``: what changed between two versions of an OpenAPI document or of registry data, and
whom each change breaks.

``run_diff(DiffOptions(...))`` is the whole command as a function (``compare``). Both inputs
are read and validated first (``inputs``, ``openapi``). Then ``compare`` picks the comparison
by kind: documents (``documents``: operations, requests, security, responses; ``schemas``:
every schema through every ``$ref``), registries and ``/v1/models`` lists (``data``). Every
change is a ``Finding`` of a ``diff.*`` check; the catalog says what it does and on which
side, and one rule derives whom it breaks (``implementations``, ``strict-clients``,
``tolerant-clients``).
"""

from conformance.diff.compare import DiffOptions, diff_exit_code, run_diff

__all__ = ["DiffOptions", "diff_exit_code", "run_diff"]
