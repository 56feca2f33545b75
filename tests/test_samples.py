"""The bundled sample States: valid, fictional, and clearly different."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from gapcheck.analysis.scoring import score
from gapcheck.formats.assessment import validate_file

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
    scores = [score(a.checklist, a.statuses()).score for a in map(_result, names)]
    assert scores == sorted(scores, reverse=True)
    assert all(a - b >= 10 for a, b in pairwise(scores))


def test_profiles_show_in_the_answers():
    veridia = _result("veridia")
    assert veridia.answer("art3_1_child_under_18").reasons == ("age_below_18",)
    capped = [s for s in score(veridia.checklist, veridia.statuses()).items if s.capped]
    assert len(capped) >= 5
    qaswara = score(_result("qaswara").checklist, _result("qaswara").statuses())
    assert qaswara.coverage is not None and qaswara.coverage < 70
    meridonia = _result("meridonia")
    assert sum(a.status.value == "n/a" for a in meridonia.answers.values()) >= 2
