"""The OPSC checklist is faithful to the treaty: coverage, verbatim text, tiers, sources."""

from __future__ import annotations

import re

import pytest

from gapcheck.formats import checklist as checklists
from gapcheck.formats.model import Obligation

from .conftest import ROOT

TREATY = (ROOT / "checklists" / "treaty" / "opsc-A-RES-54-263.txt").read_text(encoding="utf-8")
REQUIRED_REFS = [
    "2(a)",
    "2(b)",
    "2(c)",
    "3(1)",
    "3(1)(a)(i)(a)",
    "3(1)(a)(i)(b)",
    "3(1)(a)(i)(c)",
    "3(1)(a)(ii)",
    "3(1)(b)",
    "3(1)(c)",
    "3(2)",
    "3(3)",
    "3(4)",
    "3(5)",
    "4(1)",
    "4(2)(a)",
    "4(2)(b)",
    "4(3)",
    "5(1)",
    "5(2)",
    "5(3)",
    "5(4)",
    "5(5)",
    "6(1)",
    "6(2)",
    "7(a)(i)",
    "7(a)(ii)",
    "7(b)",
    "7(c)",
    "8(1)(a)",
    "8(1)(b)",
    "8(1)(c)",
    "8(1)(d)",
    "8(1)(e)",
    "8(1)(f)",
    "8(1)(g)",
    "8(2)",
    "8(3)",
    "8(4)",
    "8(5)",
    "8(6)",
    "9(1)",
    "9(2)",
    "9(3)",
    "9(4)",
    "9(5)",
    "10(1)",
    "10(2)",
    "10(3)",
    "10(4)",
]
QUALIFIERS = (
    "subject to",
    "as appropriate",
    "where appropriate",
    "in appropriate cases",
    "all feasible measures",
    "in a position to do so",
    "consistent with the procedural rules of national law",
    "in accordance with national law",
)


def _norm(text: str) -> str:
    return " ".join(text.split())


TREATY_N = _norm(TREATY)


@pytest.fixture(scope="module")
def cl():
    return checklists.get("opsc")


def test_the_checklist_lints_clean():
    _, problems = checklists.load_file(checklists.resolve("opsc"))
    assert [str(p) for p in problems] == []


def test_the_shipped_treaty_text_is_the_shared_one():
    shared = ROOT.parent / "shared" / "treaty" / "opsc-A-RES-54-263.txt"
    if shared.exists():
        assert shared.read_text(encoding="utf-8") == TREATY


def test_every_required_ref_is_covered(cl):
    refs = {i.ref for i in cl.items}
    assert [r for r in REQUIRED_REFS if r not in refs] == []


def test_ids_are_unique(cl):
    ids = [i.id for i in cl.items]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("item", checklists.get("opsc").items, ids=lambda i: i.id)
def test_provision_is_verbatim(item):
    if item.ref is None:
        assert item.provision == ""
        return
    position = 0
    for fragment in item.provision.split("…"):
        fragment = _norm(fragment)
        if not fragment:
            continue
        found = TREATY_N.find(fragment, position)
        assert found >= 0, f"not verbatim (or out of order): {fragment!r}"
        position = found + len(fragment)


NOT_QUALIFYING = {
    # Art. 5(3): "shall recognize … as extraditable offences … subject to the conditions
    # provided by the law of the requested State". The conditions clause governs how
    # extradition proceeds, not whether the duty exists (checklist 1.1, legal review).
    "art5_3_extraditable_without_treaty": "subject to",
}


@pytest.mark.parametrize("item", checklists.get("opsc").items, ids=lambda i: i.id)
def test_obligation_matches_the_treaty_verb(item):
    text = _norm(item.provision).lower()
    qualified = any(q in text for q in QUALIFIERS if q != NOT_QUALIFYING.get(item.id))
    has_shall = re.search(r"\bshall\b", text) is not None
    if item.obligation is Obligation.MANDATORY:
        assert has_shall and not qualified
    elif item.obligation is Obligation.QUALIFIED:
        assert has_shall and qualified
    elif item.obligation is Obligation.OPTIONAL:
        assert re.search(r"\bmay\b", text)
    elif item.obligation is Obligation.INFORMATIONAL:
        assert item.obligation_note, "say why a provision is only recorded"
    else:
        assert item.obligation is Obligation.RECOMMENDED and item.ref is None


def test_capped_by_points_at_existing_items(cl):
    ids = set(cl.item_ids)
    assert all(c in ids for i in cl.items for c in i.capped_by)


def test_age_item_caps_every_offence_of_article_3_1(cl):
    offences = [i for i in cl.items if i.ref and re.match(r"3\(1\)\((a|b|c)\)", i.ref)]
    assert len(offences) >= 13
    assert all("art3_1_child_under_18" in i.capped_by for i in offences)
    age = cl.item("art3_1_child_under_18")
    assert "at most half" in age.guidance or "at most 0.5" in age.guidance


def test_recommended_items_cite_a_source_and_no_unverified_crc156_paragraph(cl):
    recommended = [i for i in cl.items if i.obligation is Obligation.RECOMMENDED]
    assert len(recommended) >= 10
    for item in recommended:
        assert item.sources, item.id
    for item in cl.items:
        for s in item.sources:
            if "CRC/C/156" in s.document:
                assert not s.pinpoint, f"{item.id}: no CRC/C/156 paragraph has been verified"


def test_required_good_practice_topics_are_present(cl):
    ids = set(cl.item_ids)
    for topic in [
        "rec_simple_possession",
        "rec_knowing_access",
        "rec_online_grooming",
        "rec_live_streaming",
        "rec_sexual_extortion",
        "rec_virtual_material",
        "rec_victim_non_criminalization",
        "rec_etj_no_double_criminality",
        "rec_no_limitation_period",
        "rec_isp_reporting",
        "rec_travel_tourism",
    ]:
        assert topic in ids


def test_split_elements(cl):
    refs = [i.ref for i in cl.items]
    assert refs.count("3(1)(b)") == 4
    assert refs.count("3(1)(c)") == 5
    assert refs.count("3(2)") == 2


def test_docs_checklist_md_is_up_to_date(run):
    # docs/checklist.md is generated: `gapcheck checklist doc opsc > docs/checklist.md`
    expected = run("checklist", "doc", "opsc").output
    assert (ROOT / "docs" / "checklist.md").read_text(encoding="utf-8") == expected


def test_5_3_is_mandatory_and_says_when_it_is_not_applicable(cl):
    item = cl.item("art5_3_extraditable_without_treaty")
    assert item.obligation is Obligation.MANDATORY
    assert "n/a" in item.guidance


OFFICIAL_HOSTS = (
    # The issuing bodies of the documents the checklist cites.
    "un.org",  # undocs.org, legal.un.org, violenceagainstchildren.un.org
    "undocs.org",
    "ohchr.org",
    "unhcr.org",
    "unodc.org",
    "unicef.org",
    "unwto.org",
    "coe.int",
    "eur-lex.europa.eu",
    "hcch.net",
    "ecpat.org",
    "icmec.org",
    "thecode.org",  # The Code of Conduct's own organisation
)


def _host(url: str) -> str:
    return re.sub(r"^https?://", "", url).split("/")[0].lower()


def test_every_source_links_to_its_issuing_body(cl):
    """A mirror may be where the words were read (`read_at`), never the citation (`url`)."""
    off = [
        (i.id, s.url)
        for i in cl.items
        for s in i.sources
        if s.url
        and not any(_host(s.url) == h or _host(s.url).endswith("." + h) for h in OFFICIAL_HOSTS)
    ]
    assert not off


def test_a_source_read_in_a_copy_says_where(cl):
    for i in cl.items:
        for s in i.sources:
            if s.read_at:
                assert s.read_at.startswith(("http://", "https://")) or len(s.read_at) > 10, (
                    i.id,
                    s,
                )
                assert s.read_at != s.url


OLD_TERMS = re.compile(r"child (prostitution|sex tourism)", re.IGNORECASE)


def _outside_quotes(text: str) -> str:
    return re.sub(r'“[^”]*”|"[^"]*"|«[^»]*»', "", text)


@pytest.mark.parametrize("item", checklists.get("opsc").items, ids=lambda i: i.id)
def test_terminology_guidelines_outside_quotations(item):
    """Luxembourg Guidelines (2016): the treaty's terms only inside quotation marks."""
    for field in ("title", "question", "guidance", "recommendation"):
        assert not OLD_TERMS.search(_outside_quotes(getattr(item, field))), field


def test_answers_written_for_an_older_checklist_name_the_items_to_recheck(tmp_path, run):
    src = (ROOT / "sample_assessments" / "veridia.yaml").read_text(encoding="utf-8")
    old = tmp_path / "veridia-1.0.yaml"
    old.write_text(
        src.replace('checklist_version: "1.1.0"', 'checklist_version: "1.0.0"'), encoding="utf-8"
    )
    result = run("validate", str(old))
    out = result.output
    assert "answers were written for version '1.0.0'" in out
    assert "answers.art5_3_extraditable_without_treaty: changed in checklist 1.1.0" in out
    assert "answers.art2_a_sale_defined: changed in checklist 1.1.0" in out
    # a change of weight or of wording alone asks for no re-check
    assert "answers.art9_2_awareness:" not in out
    assert "answers.art3_1_b_offering:" not in out
