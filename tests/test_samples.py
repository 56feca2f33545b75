"""The bundled sample States: valid, fictional, and clearly different."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from gapcheck.analysis.scoring import score_assessment
from gapcheck.formats.assessment import validate_file
from gapcheck.formats.model import Tier

from .conftest import ROOT

SAMPLES = sorted((ROOT / "sample_assessments").glob("*.yaml"))


def _result(name: str):
    r = validate_file(ROOT / "sample_assessments" / f"{name}.yaml")
    assert r.assessment is not None, [str(p) for p in r.problems]
    return r.assessment


def test_there_are_at_least_four_samples():
    assert len(SAMPLES) >= 4


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_is_valid_without_warnings(path: Path):
    result = validate_file(path)
    assert [str(p) for p in result.problems] == []


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_says_it_is_fictional(path: Path):
    text = path.read_text(encoding="utf-8")
    assert "fictional" in text.split("checklist:", 1)[0].lower()
    r = validate_file(path)
    assert r.assessment is not None and r.assessment.country.fictional


def test_headline_scores_differ_in_the_expected_order():
    # federal State > common-law State > civil-law State capped by age > early-stage State
    names = ["meridonia", "quellmoor", "veridia", "qaswara"]
    scores = [score_assessment(a).score for a in map(_result, names)]
    assert scores == sorted(scores, reverse=True)
    assert all(a - b >= 10 for a, b in pairwise(scores))


def test_profiles_show_in_the_answers():
    veridia = _result("veridia")
    assert veridia.answer("art3_1_child_under_18").reasons == ("age_below_18",)
    capped = [s for s in score_assessment(veridia).items if s.capped]
    assert len(capped) >= 5
    qaswara = score_assessment(_result("qaswara"))
    assert qaswara.coverage is not None and qaswara.coverage < 70
    meridonia = _result("meridonia")
    assert sum(a.status.value == "n/a" for a in meridonia.answers.values()) >= 2


def test_the_worked_examples_of_the_methodology():
    # docs/methodology.md computes these by hand
    v = score_assessment(_result("veridia"))
    assert round(v.score or 0, 2) == 61.79 and v.ceiling == v.score
    assert v.tiers[Tier.CORE].outcomes == {
        "met": 15,
        "partly": 39,
        "capped": 8,
        "not_met": 3,
        "not_applicable": 1,
        "reserved": 0,
        "not_assessed": 0,
    }
    assert [(g.item.ref, round(g.impact or 0, 2)) for g in v.gaps[:4]] == [
        ("3(1)", 8.49),
        ("8(1)(g)", 1.89),
        ("8(5)", 1.89),
        ("2(a)", 0.94),
    ]
    half_weight_no = next(g for g in v.gaps if g.item.id == "art9_2_participation")
    assert round(half_weight_no.impact or 0, 2) == 0.94
    assert (v.articles[5].score, v.articles[4].score, v.tiers[Tier.OPTIONAL].score) == (
        87.5,
        75.0,
        50.0,
    )
    q = score_assessment(_result("qaswara"))
    assert (round(q.score or 0, 2), round(q.ceiling or 0, 2)) == (25.24, 63.11)
    assert q.articles[6].state == q.articles[10].state == "not_assessed"
    assert (q.articles[5].score, q.articles[5].coverage, q.articles[5].ceiling) == (0.0, 25.0, 75.0)
