"""The scoring rules, each with expectations computed by hand from tests/data/mini.yaml.

mini.yaml: age (mandatory, w1), produce (mandatory, w1, capped_by age), attempt (qualified, w2),
territory (mandatory, w1), nationality (optional), saving (informational), rec_possession
(recommended). Articles: 3 = age, produce, attempt; 4 = territory. Themes: crim, juris.
"""

from __future__ import annotations

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


def test_missing_answers_are_unknown_and_score_zero(cl):
    s = score(cl, {})
    assert s.score == 0
    assert s.coverage == 0
    assert [g.item.id for g in s.gaps] == ["attempt", "age", "produce", "territory"]


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


def test_gap_order_by_weighted_shortfall_then_checklist_order(cl):
    # attempt no: 2×1 = 2; territory partial: 0.5; age no: 1; produce unknown: 1 (capped to 0.5
    # -> no: unknown is 0 points anyway)
    s = score(cl, {"attempt": N, "territory": P, "age": N})
    assert [g.item.id for g in s.gaps] == ["attempt", "age", "produce", "territory"]


statuses = st.sampled_from(list(Status))


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_properties(cl, data):
    answers = {i.id: data.draw(statuses) for i in cl.items}
    s = score(cl, answers)
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
