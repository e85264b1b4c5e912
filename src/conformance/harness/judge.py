"""Step 3, judge: what came back becomes findings and family states. Nothing here sends or
prints, and nothing here raises on anything a server can send.

Every answer to a declared operation goes through the funnel of ``answers``; identical answers
are judged once. Findings of one check at one place are reported once across answers: with how
many answers showed them, and how many different messages (values) they had. Then, per target,
the checks of its exchanges taken together (``exchanges``). Last, the cross-API checks
(``cross``) compare a successful, schema-valid gateway list with a successful, schema-valid
registry answer, each one a request every repeat of which got the same answer.

Every family on every target ends in one state: passed, failed, or not run with the reason.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from conformance.catalog import CHECKS, CONFORMANCE_FAMILIES, Family
from conformance.findings import Finding, TargetName
from conformance.harness.answers import judge_answer
from conformance.harness.cross import cross_findings
from conformance.harness.exchanges import (
    consistency_findings,
    consistent_requests,
    failure_findings,
    head_findings,
    method_findings,
)
from conformance.harness.options import API_NAMES
from conformance.harness.records import Observation, TargetRecord
from conformance.harness.reproduce import curl_command
from conformance.harness.selection import Selection
from conformance.reporting import FamilyState, plural
from conformance.reporting.model import FamilyOutcome

API_FAMILIES: tuple[Family, ...] = tuple(f for f in CONFORMANCE_FAMILIES if f != "cross")
"""The families run on each API alone; ``cross`` runs on the pair."""


@dataclass(slots=True)
class Tally:
    """How many answers (or requests) a family ran on, and how many passed it."""

    ran: int = 0
    passed: int = 0

    def add(self, passed: bool, times: int = 1) -> None:
        self.ran += times
        self.passed += times if passed else 0


@dataclass(frozen=True, slots=True)
class Judgement:
    findings: list[Finding]
    families: list[FamilyState]
    requests: int
    """Requests sent (answered or failed): the test cases actually run."""


@dataclass(slots=True)
class _Side:
    """One target, judged: its findings, tallies, and what the cross-API checks may use."""

    findings: list[Finding] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=dict)
    success: tuple[Any, Observation] | None = None
    """The first successful, schema-valid answer to a request that got the same answer every
    time: its body and where it came from."""
    inconsistent_successes: int = 0
    """Successful, schema-valid answers left out because their request got different answers."""
    shortfalls: Counter[str] = field(default_factory=Counter)
    """Why the other answers are not successes, counted."""
    not_run: dict[str, str] = field(default_factory=dict)
    """family -> why it ran on nothing."""


def judge(records: Sequence[TargetRecord], selection: Selection | None = None) -> Judgement:
    chosen = selection if selection is not None else Selection.of()
    findings: list[Finding] = []
    families: list[FamilyState] = []
    sides: dict[TargetName, _Side] = {}
    has_auth = any(record.target.headers for record in records)
    for record in records:
        side = sides[record.target.name] = _Side()
        _judge_answers(record, side, chosen, has_auth=has_auth)
        _judge_exchanges(record, side, chosen)
        _explain_not_run(record, side)
        findings += side.findings
        families += _states(record.target.name, API_FAMILIES, side, chosen)
    cross = _Side()
    cross.findings = _cross(sides, cross, chosen)
    findings += cross.findings
    families += _states("cross", ("cross",), cross, chosen)
    requests = sum(len(record.observations) for record in records)
    return Judgement(_distinct(findings), families, requests)


def _judge_answers(
    record: TargetRecord, side: _Side, selection: Selection, *, has_auth: bool
) -> None:
    """Every answer to a declared operation through the funnel; identical answers once."""
    verdicts: dict[tuple[Any, ...], Any] = {}
    merged = MergedFindings()
    consistent = consistent_requests(record)
    for observation in record.answered("declared"):
        answer = observation.answer
        assert answer is not None
        key = (observation.plan.operation, answer.status, answer.raw_type, answer.body)
        if key not in verdicts:
            verdicts[key] = judge_answer(observation, has_auth=has_auth)
        verdict = verdicts[key]
        found = [f for f in verdict.findings if selection.runs(f.check)]
        merged.add(found)
        failed = {CHECKS[f.check].family for f in found}
        for family in verdict.ran:
            side.tallies.setdefault(family, Tally()).add(family not in failed)
        if verdict.success is None:
            side.shortfalls[verdict.shortfall] += 1
        elif observation.request not in consistent:
            side.inconsistent_successes += 1
        elif side.success is None:
            side.success = (verdict.success, observation)
    side.findings += merged.findings()


@dataclass(slots=True)
class MergedFindings:
    """Findings across answers: identical ones counted once per answer that showed them, and
    per (check, target, place) the most findings one answer had there."""

    exact: dict[tuple[Any, ...], tuple[Finding, int]] = field(default_factory=dict)
    most_at: Counter[tuple[Any, ...]] = field(default_factory=Counter)
    judged: int = 0

    def add(self, findings: list[Finding]) -> None:
        """The findings of one more answer."""
        self.judged += 1
        places: Counter[tuple[Any, ...]] = Counter()
        counted: set[tuple[Any, ...]] = set()
        for f in findings:
            place = (f.check, f.target, f.location)
            places[place] += 1
            key = (*place, f.message)
            if key not in counted:  # an answer counts once, however often it says the same
                counted.add(key)
                first, answers = self.exact.get(key, (f, 0))
                self.exact[key] = (first, answers + 1)
        for place, number in places.items():
            self.most_at[place] = max(self.most_at[place], number)

    def findings(self) -> list[Finding]:
        """Identical findings once, with how many answers showed them; one check at one place
        that said something different in each answer (never more than once in one) once, with
        how many different values."""
        if self.judged <= 1:
            return [first for first, _ in self.exact.values()]
        by_place: dict[tuple[Any, ...], list[tuple[Finding, int]]] = {}
        for key, entry in self.exact.items():
            by_place.setdefault(key[:3], []).append(entry)
        merged = []
        for place, entries in by_place.items():
            if self.most_at[place] == 1:
                answers = sum(number for _, number in entries)
                first = entries[0][0]
                seen = (answers, self.judged)
                merged.append(dataclasses.replace(first, seen_in=seen, variants=len(entries)))
            else:
                merged += [
                    dataclasses.replace(first, seen_in=(number, self.judged))
                    for first, number in entries
                ]
        return merged


def _judge_exchanges(record: TargetRecord, side: _Side, selection: Selection) -> None:
    """The checks of a target's exchanges taken together: consistency, HEAD, undeclared
    methods, transport failure; each counted on the exchanges it looked at."""
    failure = [f for f in failure_findings(record) if selection.runs(f.check)]
    for check, family, kind in (
        (consistency_findings, "transport", "declared"),
        (head_findings, "hygiene", "head"),
        (method_findings, "hygiene", "undeclared"),
    ):
        found = [f for f in check(record) if selection.runs(f.check)]
        side.findings += found
        wrong = sum(f.seen_in[0] if f.seen_in else 1 for f in found)
        if family == "transport":  # every request, and the failure among them
            looked_at, wrong = len(record.observations), wrong + len(failure)
        else:
            looked_at = sum(1 for _ in record.answered(kind))
        if looked_at:
            side.tallies.setdefault(family, Tally()).add(True, looked_at - wrong)
            side.tallies[family].add(False, wrong)
    side.findings += failure


def _explain_not_run(record: TargetRecord, side: _Side) -> None:
    """Why a family of this target ran on no answer."""
    reasons = ", ".join(f"{n}x {why}" for why, n in side.shortfalls.most_common())
    if "contract" not in side.tallies:
        reason = "no answer to the declared operation (the run ended at a transport failure)"
        for family in ("contract", "schema", "semantic"):
            side.not_run[family] = reason
    for family in ("schema", "semantic"):
        side.not_run.setdefault(family, f"no answer got that far ({reasons})")
    if record.failure is not None:
        side.not_run["hygiene"] = "the HEAD and undeclared-method probes were not sent"
    else:
        side.not_run["hygiene"] = "no JSON answer and no probe was answered"
    side.not_run["transport"] = "no request was sent"


def _states(
    target: TargetName, families: Sequence[Family], side: _Side, selection: Selection
) -> list[FamilyState]:
    failing = {CHECKS[f.check].family for f in side.findings if not f.acknowledged}
    states = []
    for family in families:
        tally = side.tallies.get(family)
        left_out = selection.left_out(family)
        if left_out is not None:
            states.append(FamilyState(target, family, "not run", left_out))
        elif tally is None or tally.ran == 0:
            reason = side.not_run.get(family, "nothing to run it on")
            states.append(FamilyState(target, family, "not run", reason))
        else:
            state: FamilyOutcome = "failed" if family in failing else "passed"
            states.append(FamilyState(target, family, state, None, tally.ran, tally.passed))
    return states


def _cross(sides: dict[TargetName, _Side], cross: _Side, selection: Selection) -> list[Finding]:
    """The cross-API checks, on a consistent, successful, schema-valid answer of each API."""
    if len(sides) < 2:
        cross.not_run["cross"] = "it needs both APIs; give --gateway-url and --registry-url"
        return []
    missing = [name for name, side in sides.items() if side.success is None]
    if missing:
        reasons = []
        for name in missing:
            side = sides[name]
            if side.inconsistent_successes:
                why = (
                    f"{plural(side.inconsistent_successes, 'answer')} to requests whose repeats "
                    "got different answers (transport.inconsistent): no consistent pair"
                )
            else:
                counted = side.shortfalls.most_common()
                why = ", ".join(f"{n}x {s}" for s, n in counted) or "no answer"
            reasons.append(f"the {API_NAMES[name]} gave no successful, schema-valid 200 ({why})")
        cross.not_run["cross"] = "; ".join(reasons)
        return []
    registry, gateway = sides["registry"].success, sides["gateway"].success
    assert registry is not None
    assert gateway is not None
    reproduce = curl_command(gateway[1]) + "\n" + curl_command(registry[1])
    found = [
        f for f in cross_findings(registry[0], gateway[0], reproduce) if selection.runs(f.check)
    ]
    cross.tallies["cross"] = Tally(1, 0 if found else 1)
    return found


def _distinct(findings: list[Finding]) -> list[Finding]:
    """Each finding once: two that would print the same line are one."""
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for f in findings:
        key = (f.check, f.target, f.location, f.pointer, f.message, f.variants)
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept
