"""CSV files, safe to open in a spreadsheet (cells neutralised by `cells.safe_cell`), and the
rows of the workshop views."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from gapcheck.analysis.agreement import ClassAgreement, Verdict
from gapcheck.analysis.scoring import r2
from gapcheck.output.cells import safe_cell

BOM = b"\xef\xbb\xbf"
"""So that spreadsheet programs read the file as UTF-8; never written to a terminal."""


def to_csv(rows: Iterable[Iterable[object]], *, bom: bool = True) -> bytes:
    """Every CSV gapcheck writes: cells through `cells.safe_cell`, CRLF rows, UTF-8."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([safe_cell(v) for v in row] for row in rows)
    return (BOM if bom else b"") + buf.getvalue().encode("utf-8")


VERDICTS = tuple(Verdict)


def class_rows(c: ClassAgreement, view: str = "items") -> Iterator[list[object]]:
    """`items`: one row per item, hardest first, with the participants per verdict;
    `participants`: one row per participant with the share matching and kappa."""
    cl = c.model.checklist
    if view == "participants":
        yield [
            "participant",
            "file",
            "answered",
            "items",
            "matching",
            "share_matching",
            *(v.value for v in VERDICTS if v is not Verdict.MATCHES),
            "kappa",
            "kappa_items",
        ]
        for p in c.participants:
            yield [
                p.name,
                p.file,
                p.answered,
                len(p.verdicts),
                p.matching,
                r2(p.share),
                *(p.count(v) for v in VERDICTS if v is not Verdict.MATCHES),
                "" if p.kappa is None else round(p.kappa, 4),
                p.kappa_items,
            ]
        return
    yield ["rank", "item", "ref", "title", "model", *(v.value for v in VERDICTS)]
    for rank, t in enumerate(c.hardest(), start=1):
        i = cl.item(t.item_id)
        yield [rank, i.id, i.ref or "", i.title, t.model.value, *(t.counts[v] for v in VERDICTS)]
