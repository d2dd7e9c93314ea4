"""The gate checks a submission's schema with a compiled validator first and lets the interpreting one
decide whenever it objects: so the compiled one must never pass what the interpreting one refuses."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
from conftest import PASSPHRASE
from hypothesis import given, settings
from hypothesis import strategies as st

from dtdesktop.exchange import submission
from dtdesktop.exchange.bounded import read_attachments_bounded
from dtdesktop.exchange.export import export_submission
from dtdesktop.exchange.verify import _schema_errors
from dtdesktop.signing import pkcs12_file

_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.sampled_from(["", "file", "citation", "2025-01-01", "a" * 64, "0" * 64, "vi", "en", "2026"]),
)
_VALUE = st.recursive(
    _LEAF, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            if prefix == () and k == "catalog":
                out.append(("catalog",))
                continue  # the catalog's content is bound by its SHA-256, not by this schema
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_paths(v, (*prefix, i)))
    return out


def _mutate(doc: dict[str, Any], path: tuple, action: str, new: Any) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    if not path:
        return out
    parent = out
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "delete" and isinstance(parent, dict):
        del parent[last]
    elif action == "add" and isinstance(parent[last], dict):
        parent[last]["extra"] = new
    else:
        parent[last] = new
    return out


def test_the_compiled_schema_check_never_passes_what_the_schema_refuses(
    store, filled, identity_file, tmp_path
):
    key = pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)
    out = export_submission(store, filled, key, tmp_path / "a.pdf").path
    attachments = read_attachments_bounded(out.read_bytes())
    doc = json.loads(attachments["assessment.json"])
    validator = jsonschema.Draft202012Validator(submission.schema())
    assert _schema_errors(doc) == [] and validator.is_valid(doc)
    paths = _paths(doc)
    seen = {"refused": 0}

    @settings(max_examples=400, deadline=None)
    @given(st.sampled_from(paths), st.sampled_from(["set", "delete", "add"]), _VALUE)
    def check(path, action, new):
        changed = _mutate(doc, path, action, new)
        refused = not validator.is_valid(changed)
        seen["refused"] += refused
        assert bool(_schema_errors(changed)) == refused

    check()
    assert seen["refused"] > 50  # the mutations reach the schema's rules, not only what it lets through
