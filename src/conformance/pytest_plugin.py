"""A pytest plugin: the reference server of both APIs as a fixture, for a consumer's own tests.

Installed with helicone-contract (entry point ``pytest11``), so a project that depends on it
gets the ``helicone_contract_server`` fixture without configuration::

    def test_my_client(helicone_contract_server):
        models = my_client.list_models(helicone_contract_server.url)  # base URL of both APIs

Which registry it serves, first found wins:

1. the marker ``@pytest.mark.helicone_contract(registry="path/registry.json")`` (path relative
   to the rootdir);
2. the command-line option ``--helicone-contract-registry=FILE`` (relative to the current
   directory);
3. the ini option ``helicone_contract_registry = path`` (relative to the rootdir);
4. the small registry shipped with helicone-contract.

Each test gets its own server on a free 127.0.0.1 port, stopped after the test; a registry file
is read and checked once per session. A registry ``serve`` would refuse fails the test's setup
with ``serve``'s one-line reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conformance.server import LoadedRegistry, RunningServer

INI_OPTION = "helicone_contract_registry"
CLI_OPTION = "--helicone-contract-registry"
MARKER = "helicone_contract"


def pytest_addoption(parser: pytest.Parser) -> None:
    help_text = "registry JSON served by the helicone_contract_server fixture"
    parser.addini(INI_OPTION, f"{help_text} (relative to the rootdir)", default="")
    parser.getgroup("helicone-contract").addoption(
        CLI_OPTION, metavar="FILE", default=None, help=f"{help_text}; overrides the ini option"
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f'{MARKER}(registry="FILE"): the registry helicone_contract_server serves'
    )


class _Registries:
    """Registries loaded this session, by path (None: the shipped one)."""

    def __init__(self) -> None:
        self._loaded: dict[Path | None, LoadedRegistry] = {}

    def get(self, path: Path | None) -> LoadedRegistry:
        from conformance.errors import ContractError
        from conformance.server import default_registry, registry_from_file

        if path not in self._loaded:
            try:
                self._loaded[path] = (
                    default_registry() if path is None else registry_from_file(path)
                )
            except ContractError as exc:
                refused = f"helicone_contract_server: {exc}"
            else:
                return self._loaded[path]
            pytest.fail(refused, pytrace=False)  # outside the except: no chained traceback
        return self._loaded[path]


@pytest.fixture(scope="session")
def _helicone_contract_registries() -> _Registries:
    return _Registries()


@pytest.fixture
def helicone_contract_server(
    request: pytest.FixtureRequest, _helicone_contract_registries: _Registries
) -> Iterator[RunningServer]:
    """The reference server of both APIs on a free 127.0.0.1 port: ``.url`` is the base URL of
    the registry (``/v1/public/model-registry/models``) and the gateway (``/v1/models``)."""
    from conformance.server import ReferenceApp, serving

    registry = _helicone_contract_registries.get(_registry_path(request))
    with serving(ReferenceApp(registry)) as server:
        yield server


def _registry_path(request: pytest.FixtureRequest) -> Path | None:
    config = request.config
    marker = request.node.get_closest_marker(MARKER)
    if marker is not None and "registry" in marker.kwargs:
        return config.rootpath / str(marker.kwargs["registry"])
    option: Any = config.getoption(CLI_OPTION)
    if option:
        return Path(option).resolve()
    ini = str(config.getini(INI_OPTION))
    return config.rootpath / ini if ini else None
