"""The JSON Schema of an assessment, for editors (yaml-language-server) and machines."""

from __future__ import annotations

import json
from typing import Any

from gapcheck.formats.assessment import assessment_spec
from gapcheck.formats.model import Checklist
from gapcheck.formats.spec import json_schema


def build(checklist: Checklist) -> dict[str, Any]:
    schema = json_schema(assessment_spec(checklist))
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"gapcheck assessment ({checklist.id} {checklist.version})",
        **schema,
    }


def dumps(checklist: Checklist) -> str:
    return json.dumps(build(checklist), indent=2, ensure_ascii=False) + "\n"
