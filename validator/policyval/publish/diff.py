"""Semantic diff of two versions of a policy: what a change does to people's data.

Items are matched by their ids (data categories, purposes, recipients, contacts, rights by
right), never by position, so reordering a list is no change. Each change says whether it
*widens* processing (more data, more purposes, more recipients, more countries, longer
retention), which is what a reviewer must look at first. The checker runs on both sides,
and the findings a change introduces or resolves are listed beside the changes.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from policyval.check import pipeline, source
from policyval.check.plan import Plan
from policyval.findings import Finding
from policyval.policy import schemas
from policyval.policy.access import by_id as _by_id
from policyval.policy.access import items as _list
from policyval.policy.access import mapping as _obj
from policyval.policy.access import strings as _strs
from policyval.policy.access import text as _str
from policyval.policy.terms import OPENNESS as _OPENNESS
from policyval.policy.terms import compare_durations, describe_duration, period_kind
from policyval.policy.terms import joined as _joined
from policyval.reporters import escape
from policyval.reporters import text as text_report

# Sections in the order a reader of a privacy notice meets them.
SECTIONS = (
    "policy",
    "controller",
    "contacts",
    "data_subjects",
    "data_categories",
    "purposes",
    "recipients",
    "transfers",
    "retention",
    "rights",
    "automated_decision_making",
    "cookies",
)


class DiffError(Exception):
    """A side of the diff cannot be read at all (I/O, git, YAML syntax): exit code 2."""


@dataclass(frozen=True)
class Change:
    """One semantic change. ``item`` is the id (or scope) of the changed entry."""

    section: str
    item: str
    kind: str  # added | removed | changed
    message: str
    widening: bool = False
    old: Any = None
    new: Any = None


@dataclass
class FileDiff:
    """The semantic diff of one policy: changes plus findings introduced and resolved."""

    old_label: str
    new_label: str
    status: str = "modified"  # modified | added | deleted
    changes: list[Change] = field(default_factory=list)
    introduced: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.introduced or self.resolved or self.status != "modified")

    @property
    def widening(self) -> list[Change]:
        return [c for c in self.changes if c.widening]

    def as_json(self) -> dict[str, Any]:
        def finding(f: Finding) -> dict[str, Any]:
            return {**asdict(f), "severity": f.severity.value}

        return {
            "old": self.old_label,
            "new": self.new_label,
            "status": self.status,
            "changes": [asdict(c) for c in self.changes],
            "widening": len(self.widening),
            "findings_introduced": [finding(f) for f in self.introduced],
            "findings_resolved": [finding(f) for f in self.resolved],
        }


# --- reading documents tolerantly (a side may have schema errors) --------------------------


def _name(item: dict[str, Any], *fields: str) -> str:
    ident = str(item.get("id", ""))
    for f in fields:
        if isinstance(item.get(f), str) and item[f]:
            return f"'{ident}' ({item[f]})" if ident else str(item[f])
    return f"'{ident}'"


def _channels(item: Any) -> set[str]:
    out = set()
    for ch in _list(item, "channels"):
        out.add(f"{ch.get('type', '?')}: {ch['value']}" if ch.get("value") else f"{ch.get('type', '?')} (no address)")
    return out


def destinations(data: Any) -> set[str]:
    """Every country the policy says data goes to (recipients and transfers)."""
    found = {str(r["country"]) for r in _list(data, "recipients") if r.get("country")}
    for t in _list(data, "transfers"):
        found.update(_strs(t, "countries"))
    return found


# --- the comparison ----------------------------------------------------------------------


class _Differ:
    def __init__(self, old: Any, new: Any) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []
        self.old_destinations = destinations(old)

    def add(self, section: str, item: str, kind: str, message: str, *, widening: bool = False, **values: Any) -> None:
        self.changes.append(Change(section, item, kind, message, widening, values.get("old"), values.get("new")))

    def sets(
        self, section: str, item: str, what: str, old: Iterable[str], new: Iterable[str], *, widening: bool = False
    ) -> None:
        """Added and removed members of a list field, one change each way."""
        added, removed = set(new) - set(old), set(old) - set(new)
        if added:
            msg = f"{item}: {what} added: {_joined(added)}"
            self.add(section, item, "changed", msg, widening=widening, new=sorted(added))
        if removed:
            self.add(section, item, "changed", f"{item}: {what} removed: {_joined(removed)}", old=sorted(removed))

    def value(self, section: str, item: str, what: str, old: Any, new: Any, *, widening: bool = False) -> None:
        if old != new:
            msg = f"{item}: {what} changed from {_shown(old)} to {_shown(new)}"
            self.add(section, item, "changed", msg, widening=widening, old=old, new=new)

    def keyed(
        self,
        section: str,
        noun: str,
        compare: Callable[[str, dict[str, Any], dict[str, Any]], None],
        *,
        widening_if_added: bool = False,
        fields: tuple[str, ...] = ("label",),
    ) -> None:
        old, new = _by_id(_list(self.old, section)), _by_id(_list(self.new, section))
        for key in sorted(new.keys() - old.keys()):
            msg = f"new {noun} {_name(new[key], *fields)}"
            self.add(section, f"{noun} '{key}'", "added", msg, widening=widening_if_added, new=new[key])
        for key in sorted(old.keys() - new.keys()):
            self.add(section, f"{noun} '{key}'", "removed", f"{noun} {_name(old[key], *fields)} removed", old=old[key])
        for key in sorted(old.keys() & new.keys()):
            compare(f"{noun} '{key}'", old[key], new[key])

    # sections ------------------------------------------------------------------------

    def policy(self) -> None:
        o, n = _obj(self.old, "policy"), _obj(self.new, "policy")
        self.sets("policy", "policy", "jurisdictions", _strs(o, "jurisdictions"), _strs(n, "jurisdictions"))
        laws_o = [str(x.get("law")) for x in _list(o, "applicable_laws")]
        laws_n = [str(x.get("law")) for x in _list(n, "applicable_laws")]
        self.sets("policy", "policy", "applicable laws", laws_o, laws_n)

    def controller(self) -> None:
        o, n = _obj(self.old, "controller"), _obj(self.new, "controller")
        for what in ("legal_name", "country", "website"):
            self.value("controller", "controller", what.replace("_", " "), o.get(what), n.get(what))
        self.value(
            "controller",
            "controller",
            "postal address",
            _str(o.get("postal_address"), "text"),
            _str(n.get("postal_address"), "text"),
        )
        self.sets("controller", "controller", "channel", _channels(o), _channels(n))

    def contacts(self) -> None:
        def compare(item: str, o: dict[str, Any], n: dict[str, Any]) -> None:
            for what in ("role", "name", "title"):
                self.value("contacts", item, what, o.get(what), n.get(what))
            self.sets("contacts", item, "channel", _channels(o), _channels(n))

        self.keyed("contacts", "contact", compare, fields=("title", "name", "role"))

    def data_subjects(self) -> None:
        def compare(item: str, o: dict[str, Any], n: dict[str, Any]) -> None:
            self.value("data_subjects", item, "DPV term", o.get("dpv_term"), n.get("dpv_term"))

        self.keyed("data_subjects", "data subject category", compare, widening_if_added=True)

    def data_categories(self) -> None:
        def compare(item: str, o: dict[str, Any], n: dict[str, Any]) -> None:
            sec = "data_categories"
            self.value(sec, item, "label", o.get("label"), n.get("label"))
            self.value(sec, item, "DPV term", o.get("dpv_term"), n.get("dpv_term"))
            special = bool(n.get("special_category")) and not o.get("special_category")
            self.value(
                sec, item, "special category", o.get("special_category"), n.get("special_category"), widening=special
            )
            self.value(sec, item, "requirement", o.get("requirement"), n.get("requirement"))
            self.sets(sec, item, "source", _strs(o, "sources"), _strs(n, "sources"), widening=True)
            self.sets(sec, item, "data subject", _strs(o, "data_subjects"), _strs(n, "data_subjects"), widening=True)

        self.keyed("data_categories", "data category", compare, widening_if_added=True)

    def purposes(self) -> None:
        def bases(p: dict[str, Any]) -> list[str]:
            return [str(b.get("basis")) for b in _list(p, "legal_bases")]

        def compare(item: str, o: dict[str, Any], n: dict[str, Any]) -> None:
            sec = "purposes"
            self.value(sec, item, "description", o.get("description"), n.get("description"))
            self.value(sec, item, "DPV term", o.get("dpv_term"), n.get("dpv_term"))
            self.sets(
                sec, item, "data category", _strs(o, "data_categories"), _strs(n, "data_categories"), widening=True
            )
            self.sets(sec, item, "legal basis", bases(o), bases(n))
            self.value(sec, item, "legitimate interest", o.get("legitimate_interest"), n.get("legitimate_interest"))

        self.keyed("purposes", "purpose", compare, widening_if_added=True, fields=("description",))

    def recipients(self) -> None:
        def compare(item: str, o: dict[str, Any], n: dict[str, Any]) -> None:
            sec = "recipients"
            for what in ("role", "name", "category"):
                self.value(sec, item, what, o.get(what), n.get(what))
            country = n.get("country")
            self.value(sec, item, "country", o.get("country"), country, widening=self.new_country(country))
            self.sets(sec, item, "purpose", _strs(o, "purposes"), _strs(n, "purposes"), widening=True)
            self.sets(
                sec, item, "data category", _strs(o, "data_categories"), _strs(n, "data_categories"), widening=True
            )
            self.sets(sec, item, "channel", _channels(o), _channels(n))

        self.keyed("recipients", "recipient", compare, widening_if_added=True, fields=("name", "category"))

    def new_country(self, country: Any) -> bool:
        return isinstance(country, str) and country not in self.old_destinations

    def transfers(self) -> None:
        sec = "transfers"
        pairs, added, removed = _match(_list(self.old, sec), _list(self.new, sec), _transfer_key)
        for t in added:
            where = _joined(_strs(t, "countries") + _strs(t, "regions"))
            self.add(
                sec, _transfer_key(t), "added", f"new transfer {_transfer_key(t)} to {where}", widening=True, new=t
            )
        for t in removed:
            self.add(sec, _transfer_key(t), "removed", f"transfer {_transfer_key(t)} removed", old=t)
        for o, n in pairs:
            self.transfer_pair(o, n)
        names = {c["id"]: c["label"] for c in schemas.vocab()["countries"]}
        for country in sorted(destinations(self.new) - self.old_destinations):
            msg = f"data now goes to a new country: {names.get(country, country)} ({country})"
            self.add(sec, f"country {country}", "added", msg, widening=True, new=country)

    def transfer_pair(self, o: dict[str, Any], n: dict[str, Any]) -> None:
        sec, item = "transfers", f"transfer {_transfer_key(n)}"
        old_c, new_c = set(_strs(o, "countries")), set(_strs(n, "countries"))
        if new_c - old_c:
            msg = f"{item}: country added: {_joined(new_c - old_c)}"
            self.add(sec, item, "changed", msg, widening=True, new=sorted(new_c - old_c))
        self.sets(sec, item, "country", old_c, old_c & new_c)  # removals only; additions are above
        self.sets(sec, item, "region", _strs(o, "regions"), _strs(n, "regions"), widening=True)
        self.sets(sec, item, "safeguard", _strs(o, "mechanisms"), _strs(n, "mechanisms"))
        self.sets(sec, item, "recipient", _strs(o, "recipients"), _strs(n, "recipients"), widening=True)
        categories = _strs(o, "data_categories"), _strs(n, "data_categories")
        self.sets(sec, item, "data category", *categories, widening=True)

    def retention(self) -> None:
        sec = "retention"
        pairs, added, removed = _match(_list(self.old, sec), _list(self.new, sec), _retention_key)
        for r in added:
            self.add(sec, _retention_key(r), "added", f"new retention statement for {_retention_key(r)}: {period(r)}")
        for r in removed:
            # Losing a stated period means the data has no stated limit any more.
            bounded = period_kind(r) == "duration"
            msg = f"retention statement for {_retention_key(r)} ({period(r)}) removed"
            self.add(sec, _retention_key(r), "removed", msg, widening=bounded)
        for o, n in pairs:
            self.retention_pair(o, n)

    def retention_pair(self, o: dict[str, Any], n: dict[str, Any]) -> None:
        sec, item = "retention", f"retention of {_retention_key(n)}"
        before, after = period(o), period(n)
        direction, widening = _period_direction(o, n)
        if direction:
            msg = f"{item}: {direction} ({before} → {after})"
            self.add(sec, item, "changed", msg, widening=widening, old=before, new=after)
        self.value(sec, item, "end of period action", o.get("end_action"), n.get("end_action"))
        self.sets(sec, item, "data category", _strs(o, "data_categories"), _strs(n, "data_categories"), widening=True)
        self.sets(sec, item, "purpose", _strs(o, "purposes"), _strs(n, "purposes"), widening=True)

    def rights(self) -> None:
        sec = "rights"
        old, new = _rights(self.old), _rights(self.new)
        for key in sorted(new.keys() - old.keys()):
            self.add(sec, f"right '{key}'", "added", f"right '{key}' added", new=new[key])
        for key in sorted(old.keys() - new.keys()):
            self.add(sec, f"right '{key}'", "removed", f"right '{key}' removed", old=old[key])
        for key in sorted(old.keys() & new.keys()):
            o, n, item = old[key], new[key], f"right '{key}'"
            self.sets(sec, item, "exercised via", _strs(o, "exercise_via"), _strs(n, "exercise_via"))
            self.sets(sec, item, "condition", _strs(o, "conditions"), _strs(n, "conditions"))
            self.value(sec, item, "authority", _str(o.get("authority"), "name"), _str(n.get("authority"), "name"))

    def automated_decision_making(self) -> None:
        o, n = _obj(self.old, "automated_decision_making"), _obj(self.new, "automated_decision_making")
        sec = "automated_decision_making"
        started = n.get("status") == "yes" and o.get("status") != "yes"
        self.value(sec, "automated decision-making", "status", o.get("status"), n.get("status"), widening=started)

    def cookies(self) -> None:
        o, n = _obj(self.old, "cookies"), _obj(self.new, "cookies")
        started = n.get("used") == "yes" and o.get("used") != "yes"
        self.value("cookies", "cookies", "use of cookies", o.get("used"), n.get("used"), widening=started)
        cats_o = [f"{t.get('party', '?')}-party {t.get('category', 'other')}" for t in _list(o, "trackers")]
        cats_n = [f"{t.get('party', '?')}-party {t.get('category', 'other')}" for t in _list(n, "trackers")]
        self.sets("cookies", "cookies", "tracker kind", cats_o, cats_n, widening=True)

    def run(self) -> list[Change]:
        for section in SECTIONS:
            getattr(self, section)()
        return self.changes


def _shown(value: Any) -> str:
    return "(not set)" if value is None else repr(value) if isinstance(value, str) else str(value).lower()


def _scope(item: dict[str, Any], *fields: str) -> str:
    parts = [f"{f.replace('_', ' ')}: {_joined(_strs(item, f))}" for f in fields if _strs(item, f)]
    return "[" + "; ".join(parts) + "]" if parts else "[all data]"


def _transfer_key(t: dict[str, Any]) -> str:
    return f"'{t['id']}'" if isinstance(t.get("id"), str) else _scope(t, "recipients", "data_categories")


def _retention_key(r: dict[str, Any]) -> str:
    return f"'{r['id']}'" if isinstance(r.get("id"), str) else _scope(r, "data_categories", "purposes")


def _match(
    old: list[dict[str, Any]], new: list[dict[str, Any]], key: Callable[[dict[str, Any]], str]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Pairs by key (id, else scope); what is left is paired in order when both sides have
    the same number of leftovers, since an edited scope is more likely than a swap."""
    old_keys = {key(o): o for o in old}
    new_keys = {key(n): n for n in new}
    pairs = [(old_keys[k], new_keys[k]) for k in old_keys if k in new_keys]
    left_old = [o for k, o in old_keys.items() if k not in new_keys]
    left_new = [n for k, n in new_keys.items() if k not in old_keys]
    if left_old and len(left_old) == len(left_new):
        return [*pairs, *zip(left_old, left_new, strict=True)], [], []
    return pairs, left_new, left_old


def period(r: dict[str, Any]) -> str:
    """The retention period of a statement in words."""
    kind = period_kind(r)
    if kind == "duration":
        text = f"{r['duration']} ({describe_duration(str(r['duration']))})"
        return text + (f" from {r['starts']}" if r.get("starts") else "")
    if kind == "until":
        return f"until {r['until']}"
    if kind == "criteria":
        return f"by criteria: {r['criteria']}"
    if kind == "vague":
        return "as long as necessary (no period)"
    return "not stated"


def _period_direction(o: dict[str, Any], n: dict[str, Any]) -> tuple[str, bool]:
    """Words for how a period changed, and whether the data may now be kept longer."""
    ko, kn = period_kind(o), period_kind(n)
    if ko == kn == "duration":
        cmp = compare_durations(str(o["duration"]), str(n["duration"]))
        if cmp == 0:  # P1Y and P12M are the same period
            return ("starting point changed", False) if o.get("starts") != n.get("starts") else ("", False)
        if cmp is None:  # P1M against P30D: longer in some months, shorter in others
            return "changed (lengths not comparable)", True
        return ("longer", True) if cmp > 0 else ("shorter", False)
    if _OPENNESS[kn] > _OPENNESS[ko]:
        return ("no longer a fixed period" if ko == "duration" else "less definite"), True
    if _OPENNESS[kn] < _OPENNESS[ko]:
        return ("now a fixed period" if kn == "duration" else "more definite"), False
    return ("changed", False) if period(o) != period(n) else ("", False)


def _rights(data: Any) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in _list(data, "rights"):
        right = str(r.get("right"))
        key = f"other: {r.get('description', '')}" if right == "other" else right
        out.setdefault(key, r)
    return out


def compare(old: Any, new: Any) -> list[Change]:
    """Semantic changes from ``old`` to ``new`` policy data."""
    return _Differ(old, new).run()


# --- sides: files, git revisions -------------------------------------------------------


@dataclass
class Side:
    label: str
    data: Any
    findings: list[Finding]


def side_from_text(label: str, text: str, plan: Plan, at: str | None = None) -> Side:
    """A side given as text (a git revision); ``at`` is the working-tree path it stands for."""
    return _side(label, pipeline.check_text(label, text, _keeping(plan), at=at))


def side_from_file(path: str, plan: Plan, label: str | None = None) -> Side:
    # Read as check reads: bounded and non-blocking, so a FIFO or /dev/zero cannot hang the diff.
    raw, problems = source.read(path, Path(path), plan.max_bytes)
    if raw is None:
        reason = problems[0].message if problems else "cannot read it"
        raise DiffError(f"{path}: cannot read: {reason}")
    return _side(label or path, pipeline.check_bytes(label or path, raw, _keeping(plan), at=path))


def _keeping(plan: Plan) -> Plan:
    return plan if plan.keep_data else replace(plan, keep_data=True)


def _side(label: str, result: Any) -> Side:
    if not isinstance(result.data, dict):
        first = next((f for f in result.findings if f.severity.value == "error"), None)
        where = f" ({first.line}:{first.column} {first.message})" if first else ""
        raise DiffError(f"{label}: cannot compare, the file is not a readable policy{where}")
    return Side(label, result.data, list(result.findings))


def _finding_key(f: Finding) -> tuple[str, str, str]:
    # Positions move when lines are added above; rule, pointer and message do not.
    return (f.rule, f.path, f.message)


def diff_sides(old: Side | None, new: Side | None) -> FileDiff:
    """Diff two sides; a missing side is a file added or deleted."""
    result = FileDiff(old.label if old else "/dev/null", new.label if new else "/dev/null")
    result.status = "added" if old is None else "deleted" if new is None else "modified"
    result.changes = compare(old.data if old else {}, new.data if new else {})
    before = Counter(_finding_key(f) for f in (old.findings if old else []))
    after = Counter(_finding_key(f) for f in (new.findings if new else []))
    result.introduced = _only(new.findings if new else [], after - before)
    result.resolved = _only(old.findings if old else [], before - after)
    return result


def _only(findings: list[Finding], wanted: Counter[tuple[str, str, str]]) -> list[Finding]:
    out = []
    left = Counter(wanted)
    for f in findings:
        if left[_finding_key(f)] > 0:
            left[_finding_key(f)] -= 1
            out.append(f)
    return out


def diff_files(old: str, new: str, plan: Plan) -> FileDiff:
    return diff_sides(side_from_file(old, plan), side_from_file(new, plan))


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise DiffError(f"cannot run git: {exc.strerror or exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(f"git {' '.join(args)}: {message[-1] if message else 'failed'}")
    return done.stdout.decode("utf-8", "replace")


def _policy_path(path: str) -> bool:
    return path.endswith(source.SUFFIXES)


def git_changes(rev: str, paths: Iterable[str], cwd: Path) -> Iterator[tuple[str | None, str | None]]:
    """(path at REV, path in the working tree) for each changed policy; None when absent."""
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    specs = ["--", *paths] if paths else []
    listed = _git(["diff", "--name-status", "-z", "-M", "--relative", rev, *specs], cwd).split("\0")
    fields = [f for f in listed if f]
    i = 0
    while i < len(fields):
        status = fields[i]
        if status.startswith(("R", "C")):
            before, after, i = fields[i + 1], fields[i + 2], i + 3
        else:
            before = after = fields[i + 1]
            i += 2
        if not (_policy_path(before) or _policy_path(after)):
            continue
        yield (None if status == "A" else before, None if status == "D" else after)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", *specs], cwd).split("\0")
    for path in untracked:
        if path and _policy_path(path):
            yield None, path


def diff_git(rev: str, paths: Iterable[str], plan: Plan, cwd: Path | None = None) -> list[FileDiff]:
    """Every changed policy between ``rev`` and the working tree (paths relative to ``cwd``)."""
    cwd = cwd or Path.cwd()
    out = []
    for before, after in git_changes(rev, list(paths), cwd):
        old = None
        if before is not None:
            text = _git(["show", f"{rev}:./{before}"], cwd)
            old = side_from_text(f"{rev}:{before}", text, plan, at=str(cwd / before))
        new = side_from_file(str(cwd / after), plan, label=after) if after is not None else None
        out.append(diff_sides(old, new))
    return out


# --- output -------------------------------------------------------------------------------

_MARK = {"added": "+", "removed": "-", "changed": "~"}
_TITLES = {
    "policy": "Policy",
    "controller": "Controller",
    "contacts": "Contacts",
    "data_subjects": "Data subjects",
    "data_categories": "Data categories",
    "purposes": "Purposes",
    "recipients": "Recipients",
    "transfers": "Transfers",
    "retention": "Retention",
    "rights": "Rights",
    "automated_decision_making": "Automated decisions",
    "cookies": "Cookies",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _header(d: FileDiff) -> str:
    if d.status == "added":
        return f"{d.new_label} (new policy)"
    if d.status == "deleted":
        return f"{d.old_label} (deleted policy)"
    return d.new_label if d.old_label == d.new_label else f"{d.old_label} → {d.new_label}"


def _finding_line(f: Finding) -> str:
    return text_report.line(f)  # escaped for a terminal


def summary(diffs: list[FileDiff]) -> str:
    changed = [d for d in diffs if d.changed]
    if not changed:
        return "No semantic change."
    changes = sum(len(d.changes) for d in changed)
    widening = sum(len(d.widening) for d in changed)
    introduced = sum(len(d.introduced) for d in changed)
    resolved = sum(len(d.resolved) for d in changed)
    return (
        f"{_plural(len(changed), 'policy')[:-1] + ('y' if len(changed) == 1 else 'ies')} changed: "
        f"{_plural(changes, 'change')} ({widening} widen processing), "
        f"{_plural(introduced, 'finding')} introduced, {resolved} resolved."
    )


def format_text(diffs: list[FileDiff]) -> str:
    lines: list[str] = []
    for d in (d for d in diffs if d.changed):
        header = escape.terminal(_header(d))
        lines.append(f"{header}: {_plural(len(d.changes), 'change')}, {len(d.widening)} widen processing")
        for c in d.changes:
            flag = " [widens processing]" if c.widening else ""
            lines.append(f"  {_MARK[c.kind]} {_TITLES[c.section]}: {escape.terminal(c.message)}{flag}")
        for title, found in (("findings introduced", d.introduced), ("findings resolved", d.resolved)):
            if found:
                lines.append(f"  {title}:")
                lines.extend(f"    {_finding_line(f)}" for f in found)
    lines.append(summary(diffs))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Escape text for a Markdown table cell (GitHub flavour): reporters.escape.markdown."""
    return escape.markdown(text)


def format_markdown(diffs: list[FileDiff]) -> str:
    lines = ["## Privacy policy changes (policyval)", "", _md(summary(diffs)), ""]
    for d in (d for d in diffs if d.changed):
        lines += [f"### {_md(_header(d))}", ""]
        if d.widening:
            lines += [f"> **⚠️ {_plural(len(d.widening), 'change')} widen processing** — review with the DPO.", ""]
        if d.changes:
            lines += ["| | Section | Change |", "|---|---|---|"]
            for c in d.changes:
                flag = "⚠️ widens" if c.widening else ""
                lines.append(f"| {flag} {_MARK[c.kind]} | {_TITLES[c.section]} | {_md(c.message)} |")
            lines.append("")
        for title, found in (("Findings introduced", d.introduced), ("Findings resolved", d.resolved)):
            if found:
                lines += [f"**{title}**", ""]
                lines += [f"- `{f.rule}` {f.severity.value} at line {f.line}: {_md(f.message)}" for f in found]
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def format_json(diffs: list[FileDiff]) -> str:
    import json

    payload = {"policies": [d.as_json() for d in diffs if d.changed], "summary": summary(diffs)}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[list[FileDiff]], str]] = {
    "text": format_text,
    "markdown": format_markdown,
    "json": format_json,
}
