"""gapcheck's own page assets: the templates folder, the CSS and script each page inlines,
and the Content-Security-Policy that allows exactly them."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from markupsafe import Markup

from gapcheck.resources import data_dir

TEMPLATES_DIR = data_dir("templates")
STYLESHEETS = ("shared/report.css", "shared/print.css")
SCRIPT = "report/filters.js"


class RenderError(Exception):
    """A report cannot be made as it should be (for example a glyph no font has)."""


def _csp_hash(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def _inline(names: tuple[str, ...], script: str | None) -> tuple[dict[str, str], str]:
    """Our own files (not user text, inlined verbatim) and the CSP that allows exactly them."""
    css = {name: (TEMPLATES_DIR / name).read_text(encoding="utf-8") for name in names}
    styles = " ".join(_csp_hash(text) for text in css.values())
    scripts = _csp_hash(script) if script is not None else "'none'"
    csp = (
        f"default-src 'none'; style-src {styles}; script-src {scripts}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return css, csp


@lru_cache(maxsize=1)
def assets() -> dict[str, Markup | str]:
    """The report's CSS and script, inlined, and the CSP that allows exactly them."""
    script = (TEMPLATES_DIR / SCRIPT).read_text(encoding="utf-8")
    css, csp = _inline(STYLESHEETS, script)
    return {
        "screen_css": Markup(css["shared/report.css"]),
        "print_css": Markup(css["shared/print.css"]),
        "script": Markup(script),
        "csp": csp,
    }


@lru_cache(maxsize=8)
def page_assets(stylesheet: str) -> dict[str, Markup | str]:
    """The report's CSS and the page's own (`stylesheet` in templates/), inlined, and a CSP
    that allows exactly them and no script: these pages have none."""
    css, csp = _inline((*STYLESHEETS, stylesheet), None)
    return {
        "screen_css": Markup(css["shared/report.css"]),
        "print_css": Markup(css["shared/print.css"]),
        "page_css": Markup(css[stylesheet]),
        "csp": csp,
    }
