"""How a notice is laid out under each law: its parts, in the law's order, as data.

A notice follows the structure of the profile that governs the policy (``policy.laws``): the
order of GDPR Art. 13 for the EU and UK GDPR, the ten principles of PIPEDA's Schedule 1 for
Canada, the same with Québec's additions under Law 25, and the contents of a privacy policy
under the CCPA and its regulations for California. A part is built from one or more
*builders* (methods ``b_<name>`` of ``notice.NoticeBuilder``); every structure places every
builder once, so no structure drops what a policy says (tests/test_publish_coverage.py renders
each structure). A builder in ``quiet`` shows what the policy states and no gap: under that
law a notice need not say it (a CCPA notice does not name a supervisory authority).

A policy under several laws gets the structure of the first in ``PRECEDENCE``, then, under the
heading of each other law, the parts of that law's structure the first does not cover (see
``supplements``: a GDPR notice of a Californian business gets the CCPA categories table and
opt-outs).
Adding a law's structure is adding an entry here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    anchor: str
    title: str
    reference: str  # where the law asks for it, after the structure's ``law`` prefix
    builds: tuple[str, ...]


@dataclass(frozen=True)
class Structure:
    id: str
    name: str  # the law, for supplements' headings ("CCPA: ...")
    law: str  # prefix of every reference ("GDPR" + "Art. 13(1)(a)")
    parts: tuple[Part, ...]
    quiet: frozenset[str] = frozenset()
    bases: bool = True  # the law asks for a legal basis per purpose (GDPR Art. 13(1)(c))
    officer_gap: str = "The policy does not name a data protection officer or privacy officer."
    authority: str = "a supervisory authority"

    def builders(self) -> set[str]:
        return {b for part in self.parts for b in part.builds}


_OTHER = ("trackers", "choices", "children", "security", "changes", "statements")

# GDPR Art. 13, with the categories of data and their source of Art. 14(1)(d), 14(2)(f).
_ART_13 = (
    Part("controller", "Who is responsible for your data", "Art. 13(1)(a)", ("controller",)),
    Part("dpo", "Data protection officer", "Art. 13(1)(b)", ("dpo",)),
    Part("purposes", "Why we use your data, and on what legal basis", "Art. 13(1)(c)", ("purposes",)),
    Part("legitimate-interests", "Legitimate interests", "Art. 13(1)(d)", ("legitimate_interests",)),
    Part("data", "The personal data concerned", "Art. 14(1)(d), 14(2)(f)", ("data",)),
    Part("recipients", "Who receives your data", "Art. 13(1)(e)", ("recipients",)),
    Part("transfers", "Transfers outside your country, and safeguards", "Art. 13(1)(f)", ("transfers",)),
    Part("retention", "How long your data is kept", "Art. 13(2)(a)", ("retention",)),
    Part("rights", "Your rights, and how to exercise them", "Art. 13(2)(b)", ("rights",)),
    Part("withdraw-consent", "Withdrawing consent", "Art. 13(2)(c)", ("withdraw_consent",)),
    Part("complaint", "Complaints to a supervisory authority", "Art. 13(2)(d)", ("complaint",)),
    Part("requirement", "Whether you must provide your data", "Art. 13(2)(e)", ("requirement",)),
    Part("automated-decisions", "Automated decision-making", "Art. 13(2)(f)", ("automated_decisions",)),
    Part("other", "Other information", "", _OTHER),
)
_GDPR_QUIET = frozenset({"choices", "security", "trackers"})

# PIPEDA Schedule 1: the ten principles (CSA Model Code), 4.1 to 4.10.
_PIPEDA = (
    Part("accountability", "Who is accountable for your personal information", "4.1", ("controller", "dpo")),
    Part("purposes", "Why we collect, use and disclose it", "4.2", ("purposes", "legitimate_interests")),
    Part("consent", "Your consent", "4.3", ("withdraw_consent",)),
    Part("collection", "What we collect, and where it comes from", "4.4", ("data", "requirement")),
    Part("use", "How we use, disclose and keep it", "4.5", ("recipients", "transfers", "retention")),
    Part("accuracy", "Keeping it accurate", "4.6", ("accuracy",)),
    Part("safeguards", "How we protect it", "4.7", ("security",)),
    Part("openness", "Our policies and practices", "4.8", ("changes", "statements")),
    Part("access", "Your access to it, and your other rights", "4.9", ("rights",)),
    Part("challenge", "Challenging our compliance", "4.10", ("complaint",)),
    Part("other", "Other information", "", ("automated_decisions", "trackers", "choices", "children")),
)

# Québec's private-sector Act (CQLR c P-39.1) as amended by Law 25: PIPEDA's principles with
# the person in charge (s. 3.1), technology that identifies, locates or profiles (s. 8.1),
# automated decisions (s. 12.1) and communication outside Québec (s. 17) as parts of their own.
_QUEBEC = (
    Part(
        "accountability", "Person in charge of the protection of personal information", "s. 3.1", ("controller", "dpo")
    ),
    Part("purposes", "Why we collect, use and disclose it", "s. 8", ("purposes", "legitimate_interests")),
    Part("consent", "Your consent", "s. 8", ("withdraw_consent",)),
    Part("collection", "What we collect, and where it comes from", "s. 8", ("data", "requirement")),
    Part("use", "How we use, disclose and keep it", "s. 8", ("recipients", "retention")),
    Part("outside-quebec", "Communication outside Québec", "s. 17", ("transfers",)),
    Part("technology", "Technology that identifies, locates or profiles you", "s. 8.1", ("trackers",)),
    Part(
        "automated-decisions",
        "Decisions based exclusively on automated processing",
        "s. 12.1",
        ("automated_decisions",),
    ),
    Part("accuracy", "Keeping it accurate", "", ("accuracy",)),
    Part("safeguards", "How we protect it", "", ("security",)),
    Part("openness", "Our governance policies and practices", "s. 3.2", ("changes", "statements")),
    Part("access", "Your access to it, and your other rights", "s. 27", ("rights",)),
    Part("challenge", "Complaints to the Commission d'accès à l'information", "", ("complaint",)),
    Part("other", "Other information", "", ("choices", "children")),
)

# The CCPA as amended by the CPRA (Cal. Civ. Code) and the CPPA's regulations (11 CCR § 7011).
_CCPA = (
    Part(
        "categories",
        "Personal information we collect, sell or share, and how long we keep it",
        "Cal. Civ. Code §§ 1798.100(a), 1798.110(c), 1798.115(c); 11 CCR § 7011(e)(1)",
        ("ccpa_categories",),
    ),
    Part("purposes", "Why we collect it", "Cal. Civ. Code § 1798.100(a)(1)", ("purposes",)),
    Part("disclosures", "Who we disclose it to", "Cal. Civ. Code § 1798.115(c)", ("recipients", "transfers")),
    Part("retention", "How long we keep it", "Cal. Civ. Code § 1798.100(a)(3)", ("retention",)),
    Part("rights", "Your rights, and how to exercise them", "Cal. Civ. Code §§ 1798.100 to 1798.125", ("rights",)),
    Part(
        "choices",
        "Opt-out links and preference signals",
        "Cal. Civ. Code § 1798.135; 11 CCR § 7025",
        ("choices",),
    ),
    Part("contact", "How to contact us", "", ("controller", "dpo")),
    Part(
        "other",
        "Other information",
        "",
        (
            "legitimate_interests",
            "withdraw_consent",
            "complaint",
            "requirement",
            "automated_decisions",
            "trackers",
            "children",
            "security",
            "changes",
            "statements",
        ),
    ),
)
_CCPA_QUIET = frozenset(
    {
        "dpo",
        "legitimate_interests",
        "withdraw_consent",
        "complaint",
        "requirement",
        "automated_decisions",
        "trackers",
        "security",
        "transfers",
    }
)

_NEUTRAL = {"dpo": "Data protection or privacy officer"}

STRUCTURES: dict[str, Structure] = {
    s.id: s
    for s in (
        Structure("gdpr", "GDPR", "GDPR", _ART_13, quiet=_GDPR_QUIET),
        Structure("uk-gdpr", "UK GDPR", "UK GDPR", _ART_13, quiet=_GDPR_QUIET),
        Structure(
            "ca-qc-law25",
            "Québec (Law 25)",
            "CQLR c P-39.1,",
            _QUEBEC,
            quiet=frozenset({"legitimate_interests", "choices", "requirement"}),
            bases=False,
            officer_gap=(
                "The policy does not give the title and contact details of the person in charge of the "
                "protection of personal information."
            ),
            authority="the Commission d'accès à l'information",
        ),
        Structure(
            "ca-pipeda",
            "PIPEDA",
            "PIPEDA Schedule 1,",
            _PIPEDA,
            quiet=frozenset({"legitimate_interests", "automated_decisions", "trackers", "choices", "requirement"}),
            bases=False,
            officer_gap="The policy does not name the person accountable for the organisation's compliance.",
            authority="the Privacy Commissioner of Canada",
        ),
        Structure("us-ccpa", "CCPA", "", _CCPA, quiet=_CCPA_QUIET, bases=False),
        # No law declared: Art. 13's order, which covers what any notice says, without its headings' law.
        Structure(
            "baseline",
            "",
            "",
            tuple(Part(p.anchor, _NEUTRAL.get(p.anchor, p.title), "", p.builds) for p in _ART_13),
            quiet=_GDPR_QUIET,
        ),
    )
}

# Profile -> structure, first match governs (policy.laws profile ids).
PRECEDENCE: tuple[tuple[str, str], ...] = (
    ("eu-gdpr", "gdpr"),
    ("uk-gdpr", "uk-gdpr"),
    ("ca-qc-law25", "ca-qc-law25"),
    ("ca-pipeda", "ca-pipeda"),
    ("us-ccpa", "us-ccpa"),
)


def chosen(profiles: Iterable[str]) -> list[Structure]:
    """The structures of ``profiles``: the governing one first, then the others in precedence
    order (a Québec policy is also a PIPEDA one; its PIPEDA parts are all in Québec's)."""
    found = set(profiles)
    ids = [structure for profile, structure in PRECEDENCE if profile in found]
    return [STRUCTURES[s] for s in dict.fromkeys(ids or ["baseline"])]


def supplements(first: Structure, others: Iterable[Structure]) -> list[tuple[Structure, Part]]:
    """The parts of the other structures that the first does not cover: none of their
    builders is in ``first`` other than quietly (the first then leaves those builders to the
    supplement: a GDPR notice's opt-outs move to its CCPA part, where a missing link is a gap)."""
    taken = first.builders() - first.quiet
    found = []
    for other in others:
        for part in other.parts:
            if not set(part.builds) & taken:
                found.append((other, part))
                taken |= set(part.builds)
    return found
