"""E-mail addresses and URLs must be well-formed and complete.

A policy's contact details are only useful if they work. An e-mail address or a URL
(of a web form, website, the policy itself, a supervisory authority or, in schema 1.1, any
other address such as a related document's or an opt-out link's) that is malformed
or truncated, such as ``contact@smartphone-``, cannot be used; the text should be fixed
at the source. E-mail syntax is checked with the ``email-validator`` library (no DNS
lookup); a URL must have a host name with a dot and a top-level domain (not an IP address),
and a URL that cannot even be parsed (``https://[::1``) is malformed too.

Passing example::

    schema_version: "1.0"
    controller:
      legal_name: Example Shop SAS
      channels:
        - type: email
          value: privacy@shop.example.fr
        - type: web_form
          value: https://shop.example.fr/privacy-request

Failing example::

    schema_version: "1.0"
    controller:
      legal_name: Example Shop SAS
      channels:
        - type: email
          value: contact@shop-
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from policyval.findings import JsonPath, Severity
from policyval.rules.base import Context, Issue

ID = "contact/malformed-address"
SEVERITY = Severity.ERROR
PROFILES = ("baseline",)
REFERENCE = "GDPR Art. 12(1), 13(1)(a)"
SUMMARY = "An e-mail address or URL is malformed or truncated."


URL_TYPES = {"web_form", "website"}
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


def email_problem(value: str) -> str | None:
    # Imported here: it costs a cold check ~16 ms, and most policies hold few addresses.
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc).rstrip(".")
    return None


def url_problem(value: str) -> str | None:
    # Web forms are often written without a scheme ("www.example.com/contact").
    try:
        parts = urlsplit(value if "://" in value else "https://" + value)
        hostname = parts.hostname  # parsed on access: "[::1", "a]b", "[x]" raise here
    except ValueError as exc:
        return f"it cannot be parsed as a URL ({exc})"
    if parts.scheme not in ("http", "https"):
        return f"the scheme '{parts.scheme}' is not http or https"
    if hostname is not None and ":" in hostname:
        return f"the host '[{hostname}]' is an IP address, not a host name"
    host = (hostname or "").rstrip(".")
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return f"the host name '{host}' is not valid"
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or not _TLD.match(labels[-1]):
        return f"the host name '{host}' is not complete (expected a name such as example.com)"
    return None


# Keys that hold a web address: 1.0's url and website, and schema 1.1's address fields (also
# the addresses printed without a scheme, which url_problem reads as https).
URL_KEYS = frozenset({"url", "website", "url_as_written", "website_as_written"})


_CONTAINERS = (dict, list)


def _mappings(root: Any) -> list[tuple[JsonPath, dict[str, Any]]]:
    """Every mapping in the document with its path, outside the evidence quotes, in document
    order. A loop, not a recursive generator, and only containers are visited: most values
    are scalars, and the recursive walk was a tenth of a seed policy's whole check."""
    found: list[tuple[JsonPath, dict[str, Any]]] = []
    stack: list[tuple[JsonPath, Any]] = [((), root)] if isinstance(root, _CONTAINERS) else []
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            found.append((path, node))
            children = [((*path, k), v) for k, v in node.items() if k != "evidence" and isinstance(v, _CONTAINERS)]
        else:
            children = [((*path, i), v) for i, v in enumerate(node) if isinstance(v, _CONTAINERS)]
        stack.extend(reversed(children))
    return found


def _channels(mappings: list[tuple[JsonPath, dict[str, Any]]]) -> Iterator[tuple[JsonPath, Any]]:
    """Every channel with a value, wherever it stands (the controller, contacts and recipients in
    1.0; in 1.1 also controllers, rights, rights requests and the organisations providing a DPO)."""
    for path, owner in mappings:
        channels = owner.get("channels")
        for k, channel in enumerate(channels if isinstance(channels, list) else []):
            if isinstance(channel, dict) and str(channel.get("value") or "").strip():
                yield (*path, "channels", k, "value"), channel


def _urls(mappings: list[tuple[JsonPath, dict[str, Any]]]) -> Iterator[tuple[JsonPath, str]]:
    for path, owner in mappings:
        for key in sorted(URL_KEYS & set(owner)):
            if isinstance(owner[key], str):
                yield (*path, key), owner[key]


def check(ctx: Context) -> Iterator[Issue]:
    mappings = _mappings(ctx.data)
    for path, channel in _channels(mappings):
        value = str(channel["value"]).strip()
        if channel.get("type") == "email" and (problem := email_problem(value)):
            yield Issue(f"e-mail address '{value}' is malformed or truncated: {problem}; {_FIX}", path)
        elif channel.get("type") in URL_TYPES and (problem := url_problem(value)):
            yield Issue(f"URL '{value}' is malformed or truncated: {problem}; {_FIX}", path)
    for path, url in _urls(mappings):
        if problem := url_problem(url):
            yield Issue(f"URL '{url}' is malformed or truncated: {problem}; {_FIX}", path)


_FIX = "correct it in the published policy and here"
