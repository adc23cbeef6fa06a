"""The shipped watch list: big enough, consistent, and every chip owned by a listed company."""

from __future__ import annotations

from briefings.config import Watchlist
from briefings.triage.subject import family


def test_watchlist_covers_the_field(watchlist: Watchlist) -> None:
    names = {c.name for c in watchlist.companies}
    assert len(names) >= 40
    assert {"Humain", "Thinking Machines Lab", "Mistral AI", "SK hynix", "CoreWeave",
            "Groq", "Cerebras", "TSMC"} <= names


def test_case_sensitive_aliases_are_aliases(watchlist: Watchlist) -> None:
    for entry in (*watchlist.companies, *watchlist.chips):
        assert set(entry.case_sensitive) <= {entry.name, *entry.aliases}, entry.name


def test_chip_owners_are_as_the_industry_knows_them(watchlist: Watchlist) -> None:
    owner = {chip.name: chip.owner for chip in watchlist.chips}
    expected = {"Maia": "Microsoft", "TPU": "Google", "Trainium": "Amazon", "Instinct": "AMD",
                "NVIDIA Blackwell": "NVIDIA", "Gaudi": "Intel", "WSE": "Cerebras", "LPU": "Groq",
                "MTIA": "Meta"}
    assert {name: owner[name] for name in expected} == expected


def test_chip_families_belong_to_one_owner(watchlist: Watchlist) -> None:
    owners: dict[str, set[str]] = {}
    for chip in watchlist.chips:
        owners.setdefault(family(chip.name), set()).add(chip.owner)
    assert all(len(found) == 1 for found in owners.values()), owners


def test_no_veto_phrase_hides_a_watched_company(watchlist: Watchlist) -> None:
    """A veto hides what it spans; one spelling a company's own name would hide the company
    ("sk telecom", meant to keep "SK" from reading as SK hynix, hid SK Telecom itself; the
    longest name already wins there)."""
    spelt = {n.lower(): c.name for c in watchlist.companies for n in (c.name, *c.aliases)}
    assert {v: spelt[v] for v in watchlist.cues.veto if v.lower() in spelt} == {}
