"""The scoring rules, each with expectations computed by hand from tests/data/mini.yaml.

mini.yaml: age (mandatory, w1), produce (mandatory, w1, capped_by age), attempt (qualified, w2),
territory (mandatory, w1), nationality (optional), saving (informational), rec_possession
(recommended). Articles: 3 = age, produce, attempt; 4 = territory. Themes: crim, juris.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gapcheck.analysis.scoring import score
from gapcheck.formats import checklist as checklists
from gapcheck.formats.model import Status, Tier

from .conftest import MINI

Y, P, N, NA, U = Status.YES, Status.PARTIAL, Status.NO, Status.NA, Status.UNKNOWN


@pytest.fixture(scope="module")
def cl():
    return checklists.get(str(MINI))


def test_all_yes_is_100(cl):
    s = score(cl, {i.id: Y for i in cl.items})
    assert s.score == 100
    assert s.tiers[Tier.OPTIONAL].score == 100
    assert s.tiers[Tier.RECOMMENDED].score == 100
    assert s.coverage == 100
    assert s.gaps == ()


def test_nothing_assessed_is_not_a_score_and_not_a_gap(cl):
    # missing answers are unknown: no score (not 0), no gap; every scored item not assessed
    s = score(cl, {})
    assert s.score is None
    assert s.ceiling == 100
    assert s.coverage == 0
    assert s.gaps == ()
    assert [x.item.id for x in s.not_assessed] == [
        "age",
        "produce",
        "attempt",
        "territory",
        "nationality",
        "rec_possession",
    ]
    assert s.articles[3].score is None and s.articles[3].state == "not_assessed"
    # impact of an unknown item alone at yes: age 1/5, attempt 2/5 of the core weight
    assert s.item("age").impact == pytest.approx(20)
    assert s.item("attempt").impact == pytest.approx(40)


def test_points_weights_and_partial(cl):
    # core: age yes 1×1, produce partial 0.5×1, attempt no 0×2, territory yes 1×1
    # = 2.5 / 5 = 50
    s = score(cl, {"age": Y, "produce": P, "attempt": N, "territory": Y})
    assert s.score == pytest.approx(50)
    # article 3: (1 + 0.5 + 0) / 4 = 37.5; article 4: 100
    assert s.articles[3].score == pytest.approx(37.5)
    assert s.articles[4].score == pytest.approx(100)
    assert s.themes["crim"].score == pytest.approx(37.5)
    assert s.themes["juris"].score == pytest.approx(100)


def test_na_is_excluded_from_denominators(cl):
    # attempt n/a: core = age 1 + produce 1 + territory 0 over 3 = 66.67
    s = score(cl, {"age": Y, "produce": Y, "attempt": NA, "territory": N})
    assert s.score == pytest.approx(200 / 3)
    item = next(i for i in s.items if i.item.id == "attempt")
    assert item.points is None
    # coverage counts n/a as answered: scored items are 6 (not 'saving'); unknown: nationality,
    # rec_possession -> 4/6
    assert s.coverage == pytest.approx(400 / 6)


def test_cap_limits_dependent_item_to_half(cl):
    # age partial caps produce (yes) at 0.5: core = 0.5 + 0.5 + 2×1 + 1 = 4 / 5 = 80
    s = score(cl, {"age": P, "produce": Y, "attempt": Y, "territory": Y})
    produce = next(i for i in s.items if i.item.id == "produce")
    assert produce.points == 0.5
    assert produce.capped is True
    assert produce.capped_because == ("age",)
    assert s.score == pytest.approx(80)


def test_cap_applies_on_no_but_not_on_unknown(cl):
    no = score(cl, {"age": N, "produce": Y})
    assert next(i for i in no.items if i.item.id == "produce").points == 0.5
    unknown = score(cl, {"produce": Y})
    assert next(i for i in unknown.items if i.item.id == "produce").points == 1


def test_cap_does_not_raise_lower_points(cl):
    s = score(cl, {"age": N, "produce": N})
    produce = next(i for i in s.items if i.item.id == "produce")
    assert produce.points == 0 and produce.capped is False


def test_tiers_are_separate_from_headline(cl):
    s = score(
        cl,
        {
            "age": Y,
            "produce": Y,
            "attempt": Y,
            "territory": Y,
            "nationality": N,
            "rec_possession": N,
        },
    )
    assert s.score == 100
    assert s.tiers[Tier.OPTIONAL].score == 0
    assert s.tiers[Tier.RECOMMENDED].score == 0


def test_informational_items_are_never_scored(cl):
    s = score(cl, {"saving": N})
    saving = next(i for i in s.items if i.item.id == "saving")
    assert saving.points is None
    assert all(g.item.id != "saving" for g in s.gaps)


def test_empty_group_is_none(cl):
    s = score(cl, {"age": NA, "produce": NA, "attempt": NA, "territory": NA})
    assert s.score is None
    assert s.articles[3].score is None
    assert s.themes["crim"].score is None


def test_gaps_are_answered_no_or_partial_by_impact_then_checklist_order(cl):
    # attempt no (w2) → yes gains 2/5 = 40; territory partial → yes gains 0.5/5 = 10;
    # age no: gains 1/5 = 20; produce unknown is not a gap but not assessed
    s = score(cl, {"attempt": N, "territory": P, "age": N})
    assert [g.item.id for g in s.gaps] == ["attempt", "age", "territory"]
    assert [g.impact for g in s.gaps] == pytest.approx([40, 20, 10])
    assert [x.item.id for x in s.not_assessed] == ["produce", "nationality", "rec_possession"]
    # produce unknown alone at yes would be capped by age (no): 0.5/5 = 10
    assert s.item("produce").impact == pytest.approx(10)


def test_impact_of_a_capping_item_lifts_its_caps(cl):
    # age partial caps produce (yes) at 0.5: headline (0.5 + 0.5 + 2 + 1) / 5 = 80;
    # age at yes: (1 + 1 + 2 + 1) / 5 = 100, so age's impact is 20, half of it from produce
    s = score(cl, {"age": P, "produce": Y, "attempt": Y, "territory": Y})
    assert s.score == pytest.approx(80)
    age = s.item("age")
    assert age.impact == pytest.approx(20)
    assert age.lifts == ("produce",)
    # a capped yes is not a gap: its lost half point belongs to age
    assert [g.item.id for g in s.gaps] == ["age"]
    assert s.item("produce").impact is None


def test_ties_in_impact_follow_checklist_order(cl):
    # age no, produce no, attempt yes, territory no: (0 + 0 + 2 + 0) / 5 = 40.
    # age → yes: 3/5 = 60 (+20); territory → yes: +20; produce → yes but capped: +10
    s = score(cl, {"age": N, "produce": N, "attempt": Y, "territory": N})
    assert [(g.item.id, round(g.impact or 0, 6)) for g in s.gaps] == [
        ("age", 20),
        ("territory", 20),
        ("produce", 10),
    ]


def test_ceiling_reads_unassessed_items_as_yes_under_the_caps(cl):
    # age partial, the rest unknown: score 0.5 / 5 = 10; ceiling: produce yes but capped
    # (0.5), attempt 2, territory 1: (0.5 + 0.5 + 2 + 1) / 5 = 80
    s = score(cl, {"age": P})
    assert s.score == pytest.approx(10)
    assert s.ceiling == pytest.approx(80)
    assert s.tiers[Tier.OPTIONAL].score is None
    assert s.tiers[Tier.OPTIONAL].ceiling == 100


def test_not_capped_waives_the_cap_and_says_why(cl):
    # produce protects every person under 18 whatever age says: 1 point, not 0.5
    # (0.5 + 1 + 2 + 1) / 5 = 90; age alone at yes now gains only its own half point: 10
    why = "art. 347-2 protects every person under 18"
    s = score(
        cl,
        {"age": P, "produce": Y, "attempt": Y, "territory": Y},
        not_capped={"produce": why},
    )
    produce = s.item("produce")
    assert produce.points == 1 and not produce.capped
    assert produce.not_capped == why and produce.waived == ("age",)
    assert s.score == pytest.approx(90)
    assert s.item("age").impact == pytest.approx(10)
    assert s.item("age").lifts == ()
    assert s.tiers[Tier.CORE].outcomes["capped"] == 0


def test_reserved_item_is_left_out_like_na_and_is_never_a_gap(cl):
    # attempt no, under a reservation: (1 + 1 + 0) / 3 over age, produce, territory
    s = score(
        cl,
        {"age": Y, "produce": Y, "attempt": N, "territory": N},
        reserved={"attempt": "adoption"},
    )
    assert s.score == pytest.approx(200 / 3)
    attempt = s.item("attempt")
    assert attempt.points is None and attempt.reservation == "adoption"
    assert attempt.impact is None
    assert [g.item.id for g in s.gaps] == ["territory"]
    core = s.tiers[Tier.CORE]
    assert core.counts["reserved"] == 1 and core.outcomes["reserved"] == 1


def test_groups_have_coverage_and_unassessed_groups_no_score(cl):
    # age yes, the other core items unknown: article 3 = 1 / 4 = 25 (a lower bound),
    # coverage 1 of 3 items, ceiling (1 + 1 + 2) / 4 = 100; article 4 nobody assessed
    s = score(cl, {"age": Y})
    art3, art4 = s.articles[3], s.articles[4]
    assert art3.score == pytest.approx(25) and art3.ceiling == 100
    assert art3.coverage == pytest.approx(100 / 3)
    assert art3.state == "partly_assessed"
    assert art4.score is None and art4.state == "not_assessed" and art4.coverage == 0
    assert s.themes["juris"].score is None


def test_counts_after_caps(cl):
    # age partial, produce yes (capped), attempt no, territory n/a
    s = score(cl, {"age": P, "produce": Y, "attempt": N, "territory": NA})
    assert s.tiers[Tier.CORE].outcomes == {
        "met": 0,
        "partly": 2,
        "capped": 1,
        "not_met": 1,
        "not_applicable": 1,
        "reserved": 0,
        "not_assessed": 0,
    }


statuses = st.sampled_from(list(Status))


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_properties(cl, data):
    answers = {i.id: data.draw(statuses) for i in cl.items}
    s = score(cl, answers)
    assert s.score is None or (s.ceiling is not None and s.score <= s.ceiling + 1e-9)
    for value in [
        s.score,
        s.coverage,
        *(g.score for g in s.articles.values()),
        *(g.score for g in s.themes.values()),
        *(g.score for g in s.tiers.values()),
    ]:
        assert value is None or 0 <= value <= 100
    # changing any answer from no to yes never lowers a score
    for item_id, status in answers.items():
        if status is N:
            better = score(cl, {**answers, item_id: Y})
            for before, after in [
                (s.score, better.score),
                *((s.tiers[t].score, better.tiers[t].score) for t in Tier),
            ]:
                if before is not None:
                    assert after >= before - 1e-9


def test_all_na_gives_none_not_error(cl):
    s = score(cl, {i.id: NA for i in cl.items})
    assert s.score is None
    assert all(g.score is None for g in s.tiers.values())
    assert s.coverage == 100


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_new_rules_hold_for_any_answers(cl, data):
    answers = {i.id: data.draw(statuses) for i in cl.items}
    waive = data.draw(st.booleans())
    reserved = data.draw(st.sets(st.sampled_from(["age", "attempt", "territory"])))
    kw = {
        "not_capped": {"produce": "protects everyone under 18"} if waive else {},
        "reserved": dict.fromkeys(reserved, "r1"),
    }
    s = score(cl, answers, **kw)
    core = [x for x in s.items if x.item.tier is Tier.CORE]
    # gaps: exactly the core items answered no or partial and not reserved, by impact
    assert {g.item.id for g in s.gaps} == {
        x.item.id for x in core if x.status in (N, P) and x.item.id not in reserved
    }
    impacts = [g.impact for g in s.gaps]
    assert all(a is not None and b is not None and a >= b - 1e-9 for a, b in pairwise(impacts))
    # ≥ 0, not > 0: a partial item held at the cap gains nothing alone until its cap is lifted
    assert all(g.impact is not None and g.impact >= 0 for g in s.gaps)
    # not assessed: exactly the scored items answered unknown, never a gap
    assert [x.item.id for x in s.not_assessed] == [
        x.item.id
        for x in s.items
        if x.item.tier is not None and x.status is U and x.item.id not in reserved
    ]
    # impact = headline gained by that item alone at yes (unknown counted at 0)
    for x in core:
        if x.impact is None:
            continue
        better = score(cl, {**answers, x.item.id: Y}, **kw)
        assert better.tiers[Tier.CORE].earned / better.tiers[Tier.CORE].possible * 100 - (
            s.tiers[Tier.CORE].earned / s.tiers[Tier.CORE].possible * 100
        ) == pytest.approx(x.impact)
    # range: score ≤ ceiling, and equal when every core item is assessed
    for g in [*s.tiers.values(), *s.articles.values(), *s.themes.values()]:
        assert sum(g.outcomes.values()) - g.outcomes["capped"] == g.items
        if g.score is not None:
            assert g.ceiling is not None and g.score <= g.ceiling + 1e-9
            if g.coverage == 100:
                assert g.ceiling == pytest.approx(g.score)
        if (
            g.items
            and g.counts.get("unknown", 0) + g.counts.get("n/a", 0) + g.counts.get("reserved", 0)
            == g.items
        ):
            assert g.score is None  # nothing assessed and scored: never 0 %
    # the waived cap never applies
    if waive:
        assert not s.item("produce").capped
