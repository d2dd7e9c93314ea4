"""A document against its JSON schema, fast for the many genuine files and precise for the others."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from typing import Any

from dtdesktop.text import safe

Schema = Callable[[], dict[str, Any]]


@functools.cache
def _compiled(schema: Schema) -> Callable[[Any], Any]:
    """The schema compiled to Python (about four times faster than interpreting it, for every file of an
    import); formats are not checked, as the interpreting validator does not check them."""
    import fastjsonschema

    return fastjsonschema.compile(schema(), use_formats=False)


def errors(doc: Any, schema: Schema, sentence: Callable[[str, str], str], limit: int = 10) -> list[str]:
    """The schema's verdict on *doc*: no sentence when it follows it, else up to *limit*, each made by
    *sentence(where, message)*. The compiled check passes a genuine document quickly; whenever it objects,
    the interpreting validator decides and gives every error with its place (a test holds both to the same
    verdict)."""
    import fastjsonschema
    import jsonschema

    try:
        _compiled(schema)(doc)
    except fastjsonschema.JsonSchemaException:
        validator = jsonschema.Draft202012Validator(schema())
    else:
        return []
    out = []
    first = itertools.islice(validator.iter_errors(doc), limit)  # a hostile file may hold millions of errors
    for err in sorted(first, key=lambda e: [str(p) for p in e.absolute_path]):
        where = "/".join(str(p) for p in err.absolute_path) or "/"
        out.append(sentence(safe(where, 80), safe(err.message, 120)))
    return out
