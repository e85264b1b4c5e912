"""``diff``: what changed between two versions of an OpenAPI document or of registry data, and
whom each change breaks.

Both inputs are read and fully validated first (``inputs``, ``openapi``); an invalid one is
reported with its findings and the comparison is not run, since changes found in it could not
be trusted. Then ``compare`` picks the comparison by kind: documents (``documents``,
``schemas``, ``components``: operations, responses and their schemas through every ``$ref``),
registries (``registry``, ``prices``) or ``/v1/models`` lists (``gateway``). Every change is a
``Finding`` of a ``diff.*`` check; the catalog says its severity and whom it breaks
(``implementations``, ``strict-clients``, ``tolerant-clients``).
"""
