"""The pytest plugin (entry point ``pytest11``): its fixture serves the registry a consumer
names (marker, command-line option, ini option, else the shipped one) and stops after."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.server import default_registry
from tests.support.fetch import fetch

pytest_plugins = ["pytester"]

# The consumer's test: it saves what the fixture served, and where, for the outer test to check.
CONSUMER_TEST = """
import json, pathlib, urllib.request
import pytest

def _save(server, name):
    with urllib.request.urlopen(server.url + "/v1/public/model-registry/models") as answer:
        body = answer.read()
    with urllib.request.urlopen(server.url + "/v1/models") as answer:
        gateway = json.loads(answer.read())
    pathlib.Path(name).write_text(json.dumps(
        {"url": server.url, "label": json.loads(body)["data"]["models"][0]["description"],
         "gateway": gateway["object"]}))

def test_configured(helicone_contract_server):
    _save(helicone_contract_server, "configured.json")

@pytest.mark.helicone_contract(registry="marked.json")
def test_marked(helicone_contract_server):
    _save(helicone_contract_server, "marked-result.json")
"""


def _labelled_registry(label: str, path: Path) -> Path:
    """The shipped registry with ``label`` as its first model's description, at ``path``."""
    document = json.loads(default_registry().body)
    document["data"]["models"][0]["description"] = label
    path.write_text(json.dumps(document))
    return path


def _served(pytester: pytest.Pytester, name: str) -> dict[str, object]:
    return json.loads((pytester.path / name).read_text())


def test_the_fixture_serves_each_configured_registry_and_stops(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_consumer=CONSUMER_TEST)
    for label in ("marked", "ini", "cli"):
        _labelled_registry(label, pytester.path / f"{label}.json")
    shipped = json.loads(default_registry().body)["data"]["models"][0]["description"]

    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=2)
    assert _served(pytester, "configured.json")["label"] == shipped  # nothing configured
    marked = _served(pytester, "marked-result.json")
    assert (marked["label"], marked["gateway"]) == ("marked", "list")

    pytester.makeini("[pytest]\nhelicone_contract_registry = ini.json\n")
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=2)
    assert _served(pytester, "configured.json")["label"] == "ini"
    assert _served(pytester, "marked-result.json")["label"] == "marked"  # the marker first

    pytester.runpytest(
        "-p", "no:cacheprovider", "--helicone-contract-registry", "cli.json"
    ).assert_outcomes(passed=2)
    configured = _served(pytester, "configured.json")
    assert configured["label"] == "cli"  # the option overrides the ini file
    assert str(configured["url"]).startswith("http://127.0.0.1:")
    with pytest.raises(ConnectionRefusedError):  # stopped after the test
        fetch(str(configured["url"]) + "/v1/models")


def test_a_registry_serve_would_refuse_fails_setup_in_one_line(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_consumer=CONSUMER_TEST)
    (pytester.path / "broken.json").write_text('{"data": {"models": [], "total": "0"}}')
    result = pytester.runpytest(
        "-p", "no:cacheprovider", "--helicone-contract-registry", "broken.json", "-k", "configured"
    )
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*helicone_contract_server: *broken.json*"])
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*During handling*")


def test_the_plugin_is_registered_by_its_entry_point() -> None:
    from importlib.metadata import entry_points

    (plugin,) = [e for e in entry_points(group="pytest11") if e.name == "helicone_contract"]
    assert plugin.value == "conformance.pytest_plugin"
