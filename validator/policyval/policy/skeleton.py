"""``policyval init``: a commented policy skeleton to start from.

The skeleton sets only ``schema_version``, so it is valid against the schema whatever the
policy will say. Every section is there as a commented example: lines starting with ``# `` are
YAML to uncomment and complete, lines starting with ``##`` are explanations. Uncommenting all
of it gives a document the schema accepts (a test holds the skeleton to that). The language
server inserts one section's example the same way (:func:`section`).

Its first line tells editors with the YAML language server where the schema is, as a path
relative to the policy, so it resolves offline in the user's own repository: a copy of the
schema found beside the policy or in a ``schema/`` directory above it (up to the repository
root), or else one that ``policyval init`` writes (``schema/`` beside the policy,
byte for byte the bundled schema, as ``policyval schema --output DIR`` writes it).
"""

from __future__ import annotations

import os
from pathlib import Path

from policyval import __version__
from policyval.policy import schemas

_BODY = """\
## Encodes the privacy policy of: (who, and where it is published)
##
## This skeleton is valid against the schema but says almost nothing yet, so
## `policyval check` reports semantic findings on it (no controller, no purposes,
## no rights...). That is expected: each finding names what to add. Uncomment the
## sections below ("# " lines are YAML, "## " lines are notes) and complete them
## until `policyval check` is clean. The $schema line above gives editors with the
## YAML language server completion and documentation for every field.
## Quote dates ("2025-01-31") and codes that YAML could read otherwise ("no").

schema_version: "{version}"

## The policy document itself.
# policy:
#   title: Privacy notice
#   url: https://www.example.com/privacy
#   language: en
#   effective_date: "2025-01-01"
#   last_updated: "2025-01-01"
#   jurisdictions: [FR, EU]
#   applicable_laws:
#     - law: eu-gdpr
##  The plain-text policy this file encodes (repository-relative), for evidence quotes:
#   source_text: seeds/privacy-notice.txt

## Who decides why and how the data is processed.
# controller:
#   legal_name: Example SAS
#   country: FR
#   postal_address:
#     text: 1 rue de l'Exemple, 75001 Paris, France
#     country: FR
#   channels:
#     - type: email
#       value: privacy@example.com

## Named contacts, e.g. the data protection officer.
# contacts:
#   - id: dpo
#     role: data_protection_officer
#     channels:
#       - type: email
#         value: dpo@example.com

## Whose data: every other section refers to these ids.
# data_subjects:
#   - id: customers
#     label: Customers
#     dpv_term: dpv:Customer

# data_categories:
#   - id: contact
#     label: name and e-mail address
#     dpv_term: pd:Contact
#     sources: [data_subject]
#     requirement: mandatory
#     data_subjects: [customers]

## Why the data is processed, on which legal basis.
# purposes:
#   - id: orders
#     description: Taking and delivering orders
#     dpv_term: dpv:CustomerOrderManagement
#     data_categories: [contact]
#     legal_bases:
#       - basis: eu-gdpr:A6-1-b

## Who receives the data.
# recipients:
#   - id: hosting
#     role: processor
#     name: Example Cloud
#     purposes: [orders]
#     data_categories: [contact]
#     country: FR

## How long the data is kept (ISO 8601 durations: P3Y, P13M).
# retention:
#   - data_categories: [contact]
#     purposes: [orders]
#     duration: P3Y
#     end_action: deletion

## Transfers outside the jurisdiction, and their safeguards.
# transfers:
#   - countries: [US]
#     mechanisms: [standard_contractual_clauses]
#     recipients: [hosting]
#     data_categories: [contact]

## The rights the policy grants, and how to exercise them.
# rights:
#   - right: access
#     exercise_via: [dpo]
#   - right: complaint
#     authority:
#       name: CNIL
#       country: FR

# security:
#   measures:
#     - description: TLS encryption of all traffic

# cookies:
#   used: "yes"
#   controls: a consent banner on first visit

# children:
#   minimum_age: 15

# automated_decision_making:
#   status: "no"

# policy_changes:
#   channels: [website]
"""


class InitError(Exception):
    """The skeleton cannot be written; the message says why."""


VENDORED = "schema"  # where init puts the schema beside a policy, relative to its directory


def schema_name(version: str) -> str:
    return f"policy-{version}.schema.json"


def vendored(target: Path, version: str) -> Path | None:
    """A copy of the schema for ``target``: in its directory or a ``schema/`` directory beside it
    or above it, up to the repository root (the first directory holding ``.git``)."""
    here = target.absolute().parent
    for directory in (here, *here.parents):
        for candidate in (directory / schema_name(version), directory / VENDORED / schema_name(version)):
            if candidate.is_file():
                return candidate
        if (directory / ".git").exists():
            break
    return None


def schema_reference(target: Path | None, version: str) -> str:
    """The $schema path of the editor line: relative to ``target``, to the copy found for it, or
    to the one init writes (:func:`missing_copy`: ``schema/`` beside it; for stdout, the same)."""
    default = f"{VENDORED}/{schema_name(version)}"
    if target is None:
        return default
    found = vendored(target, version)
    if found is None:
        return default
    return Path(os.path.relpath(found, target.absolute().parent)).as_posix()


def missing_copy(target: Path, version: str) -> Path | None:
    """Where init must write the schema so that the editor line of ``target`` resolves, or None."""
    if vendored(target, version) is not None:
        return None
    return target.absolute().parent / VENDORED / schema_name(version)


def skeleton(target: Path | None = None, version: str | None = None) -> str:
    version = version or schemas.latest()
    header = (
        f"# yaml-language-server: $schema={schema_reference(target, version)}\n"
        f"## A privacy policy as code (policyval {__version__}, schema {version}), written by `policyval init`.\n"
    )
    return header + _BODY.format(version=version)


def write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; never replaces a file that exists (InitError instead).

    Exclusive creation, not a check then a write, so a file that appears meanwhile is safe too.
    A write that fails (a full disk) or is interrupted removes the file it created, so that
    ``init`` can simply be run again.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except FileExistsError:
        raise InitError(
            f"{path} already exists; policyval init never overwrites a file (choose another path)"
        ) from None
    except OSError as exc:
        raise InitError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
    except BaseException as exc:
        path.unlink(missing_ok=True)  # ours: created above, exclusively
        if isinstance(exc, OSError):
            raise InitError(f"cannot write {path}: {exc.strerror or exc} (nothing was left behind)") from None
        raise


def section(key: str) -> str | None:
    """The skeleton's example of one top-level section as YAML to insert (its notes stay
    comments), or None when the skeleton has none."""
    rows = _BODY.splitlines()
    if f"# {key}:" not in rows:
        return None
    out = []
    for row in rows[rows.index(f"# {key}:") :]:
        if not row.startswith("#"):
            break  # a blank line ends the example
        note = row[2:] if row.startswith("##") else None
        if note is not None:
            text = note.lstrip()
            out.append(" " * (len(note) - len(text)) + "# " + text)
        else:
            out.append(row[2:])
    return "\n".join(out) + "\n"
