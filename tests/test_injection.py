"""Assessment text is untrusted: markup in any free-text field is printed, never run,
fetched or embedded, in the HTML and in the PDF."""

from __future__ import annotations

import io
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from gapcheck.analysis import scoring
from gapcheck.formats.assessment import validate_file
from gapcheck.formats.model import Answer, Assessment, Country, Evidence, Reservation
from gapcheck.output import html as render
from gapcheck.output import pdf
from gapcheck.pages import markdown, report

DATA = Path(__file__).parent / "data"
SCRIPT = (render.TEMPLATES_DIR / "report" / "filters.js").read_text(encoding="utf-8")

PAYLOAD = (
    '<script>alert(1)</script><img src="file:///etc/passwd" onerror="alert(2)">'
    "<style>body{background:url(https://evil.example/x.png)}</style>"
    '<a href="javascript:alert(3)">click</a><svg onload="alert(4)"></svg>'
    "<link rel=stylesheet href=https://evil.example/x.css>{{ 7*7 }}{% raw %}"
)
BAD_URLS = [
    "javascript:alert(5)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    'https://ok.example/" onmouseover="alert(7)',
    'https://ok.example/"><script>alert(8)</script>',
]


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def hostile_yaml(tmp_path: Path) -> Path:
    (tmp_path / "mini.yaml").write_bytes((DATA / "mini.yaml").read_bytes())
    evidence = [
        {"instrument": PAYLOAD, "provision": PAYLOAD, "excerpt": PAYLOAD, "url": url}
        for url in BAD_URLS
    ]
    answer = {"notes": PAYLOAD, "implementation": PAYLOAD, "recommendation": PAYLOAD}
    doc: dict[str, Any] = {
        "checklist": "mini.yaml",
        "country": {"name": f"Evil {PAYLOAD}"},
        "as_of": "2024-03-01",
        "assessors": [PAYLOAD, "B"],
        "reviewer": PAYLOAD,
        "summary": PAYLOAD,
        "reservations": [PAYLOAD],
        "answers": {
            "age": {"status": "partial", "evidence": evidence, **answer},
            "produce": {"status": "no", **answer},
            "attempt": {"status": "yes", "evidence": evidence[:1], **answer},
            "nationality": {"status": "n/a", "justification": PAYLOAD, "notes": PAYLOAD},
            "rec_possession": {"status": "no", **answer},
        },
    }
    path = tmp_path / "evil.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Assessment:
    result = validate_file(hostile_yaml(tmp_path_factory.mktemp("evil")))
    assert result.assessment is not None, [str(p) for p in result.problems]
    return result.assessment


def context(a: Assessment) -> report.Report:
    return report.build(a, scoring.score_assessment(a))


def assert_only_our_markup(html: str) -> None:
    tags = parse(html)
    names = [t for t, _ in tags.tags]
    assert tags.scripts == [SCRIPT]  # our filter script, nothing else
    assert names.count("style") == 2  # report.css and print.css
    for forbidden in ("img", "link", "iframe", "object", "embed", "base"):
        assert forbidden not in names
    charts = [a for t, a in tags.tags if t == "div" and a.get("role") == "img"]
    assert len(charts) == 2  # the two charts; their only SVG is our bars and axes
    svgs = [a.get("class") for t, a in tags.tags if t == "svg"]
    assert set(svgs) <= {"chart-bar", "chart-axis"}, svgs
    for tag, attrs in tags.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in ("src", "srcset", "style", "formaction", "action"), (tag, name)
            if name == "href":
                assert value and value.startswith(("#", "http://", "https://")), value
                assert not value.lower().startswith("javascript")


def test_html_escapes_every_free_text_field(hostile: Assessment) -> None:
    html = render.render_html(context(hostile))
    assert_only_our_markup(html)
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&#34;file:///etc/passwd&#34;"
    # title, meta, cover, header strings, summary, reservations, notes, excerpts…
    assert html.count(escaped) >= 20
    assert "{{ 7*7 }}{% raw %}" in html  # printed as written, never evaluated
    assert "javascript:alert(5)" in html  # printed as text…
    assert 'href="javascript' not in html  # …never a link
    assert 'href="https://ok.example/&#34;&gt;&lt;script&gt;alert(8)&lt;/script&gt;"' in html


def test_pdf_fetches_nothing_and_prints_the_text(hostile: Assessment) -> None:
    ctx = context(hostile)
    fetcher = pdf.AssetFetcher()
    data = pdf.write_pdf(
        render.render_html(ctx),
        pdf.Metadata(ctx.title, hostile.assessors, ctx.lang, ctx.subject, ctx.generator),
        fetcher=fetcher,
    )
    assert fetcher.requested == []
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "<script>alert(1)</script>" in text
    assert "/JavaScript" not in str(reader.trailer["/Root"])
    assert reader.attachments == {}


# Blank text is treated as absent (its section is left out), so it may change the markup.
FIELDS = st.text(min_size=1, max_size=80).filter(lambda s: s.strip())


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=FIELDS)
def test_any_text_leaves_the_markup_unchanged(hostile: Assessment, text: str) -> None:
    # Markdown fields (notes, implementation, summary) make their own markup: tested below
    def with_text(value: str) -> Assessment:
        answers = {
            k: replace(
                v,
                notes="x",
                recommendation=value,
                gap=value,
                implementation="x",
                evidence=tuple(
                    Evidence(value, value, value, None, "https://example.org/") for _ in v.evidence
                ),
            )
            for k, v in hostile.answers.items()
        }
        return replace(
            hostile,
            country=Country(value),
            assessors=(value,),
            reviewer=value,
            summary="x",
            reservations=(Reservation(value),),
            prepared_for=value,
            prepared_by=value,
            contact=value,
            disclaimer=value,
            answers=answers | {"saving": Answer(notes="x")},
        )

    def structure(html: str) -> list[tuple[str, tuple[str, ...]]]:
        return [(t, tuple(sorted(a))) for t, a in parse(html).tags]

    html = render.render_html(context(with_text(text)))
    assert structure(html) == structure(render.render_html(context(with_text("x"))))


MARKDOWN_TAGS = {
    "p",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "a",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("<>&\"'`*_[]()!#-+.:/ \njavscriptJShtp1")), max_size=120
    )
    | st.sampled_from(
        [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "<a href=javascript:alert(2)>y</a>",
            "![i](https://example.org/x.png)",
            "[x](data:text/html,<script>alert(3)</script>)",
            '[x](https://ok.example/"onmouseover="alert(4))',
            "<script>alert(5)</script>\n\n- a\n- b",
            "# Heading\n\ntext",
            "<https://ok.example/a>",
        ]
    )
)
def test_markdown_fields_make_only_safe_markup(hostile: Assessment, text: str) -> None:
    # notes, implementation and the remarks accept Markdown: paragraphs, lists, emphasis and
    # http(s) links only; raw HTML is printed as text, images and other schemes never link
    answers = {k: replace(v, notes=text, implementation=text) for k, v in hostile.answers.items()}
    html = render.render_html(context(replace(hostile, summary=text, answers=answers)))
    assert_only_our_markup(html)
    for md in (markdown.render(text),):
        tags = parse(str(md)).tags
        assert {t for t, _ in tags} <= MARKDOWN_TAGS, tags
        for tag, attrs in tags:
            assert set(attrs) <= ({"href", "rel"} if tag == "a" else {"start"}), (tag, attrs)
            if tag == "a":
                assert attrs["href"].lower().startswith(("http://", "https://"))
                assert attrs["rel"] == "noopener noreferrer"
