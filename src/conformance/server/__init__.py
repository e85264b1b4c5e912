"""The reference implementation of Helicone's two model-listing APIs (``helicone-contract serve``).

- ``ReferenceApp``: the request -> response logic, one overridable method per behaviour.
- ``serving()`` / ``RunningServer``: run an app on a loopback port in a background thread,
  within ``ServerLimits`` (listen queue, connection cap, head deadline, idle timeout).
- ``default_registry()`` / ``registry_from_file()``: validated registry data to serve.

Both APIs answer on one port: ``GET /v1/public/model-registry/models`` (Helicone API) and
``GET /v1/models`` (AI Gateway), the latter derived from the former as the real gateway does.
"""

from conformance.server.app import (
    GATEWAY_PATH,
    REGISTRY_PATH,
    ReferenceApp,
    Request,
    Response,
)
from conformance.server.registry_source import (
    LoadedRegistry,
    default_registry,
    registry_from_bytes,
    registry_from_file,
)
from conformance.server.running import RunningServer, serving
from conformance.server.transport import ServerLimits

__all__ = [
    "GATEWAY_PATH",
    "REGISTRY_PATH",
    "LoadedRegistry",
    "ReferenceApp",
    "Request",
    "Response",
    "RunningServer",
    "ServerLimits",
    "default_registry",
    "registry_from_bytes",
    "registry_from_file",
    "serving",
]
