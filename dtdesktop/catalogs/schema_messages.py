"""JSON Schema errors turned into one translated sentence each, at the place where they apply."""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError

from dtdesktop.catalogs.problems import Problem
from dtdesktop.i18n import N_, _

_TYPE_NAMES = {
    "object": N_("a mapping"),
    "array": N_("a list"),
    "string": N_("a text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
}


def _type_name(name: Any) -> str:
    if isinstance(name, list):
        return _(" or ").join(_type_name(n) for n in name)
    return _(_TYPE_NAMES.get(str(name), str(name)))


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return _("true or false")
    for typ, label in (
        (dict, "a mapping"),
        (list, "a list"),
        (str, "a text"),
        (int, "a whole number"),
        (float, "a number"),
    ):
        if isinstance(value, typ):
            return _(label)
    return _("nothing") if value is None else type(value).__name__


def _sentence(error: ValidationError) -> str:
    v, arg, inst = error.validator, error.validator_value, error.instance
    if v == "required":
        missing = [k for k in arg if isinstance(inst, dict) and k not in inst]
        return _("The key “{key}” is missing; add it.").format(key=", ".join(missing))
    if v == "additionalProperties":
        extra = [k for k in inst if k not in error.schema.get("properties", {})]
        return _("Unknown key “{key}”; check its spelling against docs/catalog-format.md.").format(
            key=", ".join(map(str, extra))
        )
    if v == "type":
        return _("Expected {expected}, found {found}.").format(expected=_type_name(arg), found=_found(inst))
    if v == "enum":
        return _("“{value}” is not allowed here; use one of: {options}.").format(
            value=inst, options=", ".join(map(str, arg))
        )
    if v == "const":
        return _("The value must be {expected}.").format(expected=arg)
    if v == "pattern":
        if arg == "\\S":
            return _("The text must not be blank.")
        return _(
            "“{value}” does not have the expected form (letters, digits and the allowed signs only)."
        ).format(value=inst)
    if v == "minLength":
        return _("The text must not be empty.")
    if v == "maxLength":
        return _("The text is too long (at most {limit} characters).").format(limit=arg)
    if v == "minItems":
        return _("The list needs at least {limit} item(s).").format(limit=arg)
    if v == "uniqueItems":
        return _("The list has repeated items; keep each once.")
    if v == "minimum":
        return _("The value must be at least {limit}.").format(limit=arg)
    if v == "maximum":
        return _("The value must be at most {limit}.").format(limit=arg)
    if v == "exclusiveMinimum":
        return _("The value must be greater than {limit}.").format(limit=arg)
    if v == "propertyNames":
        return _("“{value}” is not a year (2000–2100).").format(value=inst)
    return error.message


def _discriminated(error: ValidationError) -> list[ValidationError] | None:
    """For a oneOf over kinds, the errors of the branch whose `kind`/`rule` matched, if exactly one did."""
    branches: dict[int, list[ValidationError]] = defaultdict(list)
    for sub in error.context or ():
        branches[int(sub.relative_schema_path[0])].append(sub)
    matched = [
        errs
        for errs in branches.values()
        if not any(
            e.validator == "const" and list(e.relative_path)[-1:] in (["kind"], ["rule"]) for e in errs
        )
    ]
    return matched[0] if len(matched) == 1 else None


def _problems(error: ValidationError, name: str) -> list[Problem]:
    if error.validator == "oneOf":
        branch = _discriminated(error)
        if branch:
            return [p for sub in branch for p in _problems(sub, name)]
        path = tuple(error.absolute_path)
        inst = error.instance
        if isinstance(inst, dict) and "kind" in inst:
            msg = _("Unknown rule kind “{kind}”; use threshold, ratio, steps, choice, boolean or info.")
            return [Problem(name, (*path, "kind"), msg.format(kind=inst["kind"]))]
        if isinstance(inst, dict) and "rule" in inst:
            msg = _("Unknown completion rule “{rule}”; use mandatory_and_percent or n_of_m.")
            return [Problem(name, (*path, "rule"), msg.format(rule=inst["rule"]))]
        if isinstance(inst, dict) and "year" in inst and "scope" in inst:
            return [Problem(name, path, _("Give exactly one of min_count or min_percent."))]
        return [
            Problem(
                name, path, _("This entry matches none of the allowed forms; see docs/catalog-format.md.")
            )
        ]
    path = tuple(error.absolute_path)
    if error.validator == "propertyNames":
        path = (*path, str(error.instance))
    return [Problem(name, path, _sentence(error))]


def inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local `$ref` replaced by its definition: the same rules, validated faster."""
    if isinstance(node, dict):
        if set(node) == {"$ref"} and node["$ref"].startswith("#/$defs/"):
            return inline_refs(defs[node["$ref"].removeprefix("#/$defs/")], defs)
        return {k: inline_refs(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [inline_refs(v, defs) for v in node]
    return node


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of the catalog format, shipped in the package."""
    text = resources.files("dtdesktop.catalogs").joinpath("catalog.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    """Built once per process, with the local `$ref`s inlined."""
    return jsonschema.Draft202012Validator(inline_refs(schema(), schema().get("$defs", {})))


MAX_ERRORS = 100  # reported at most; a catalog with more is far from valid anyway


def schema_problems(data: Any, name: str) -> list[Problem]:
    validator = _validator()
    problems: list[Problem] = []
    first = itertools.islice(validator.iter_errors(data), MAX_ERRORS)  # a hostile catalog may hold millions
    for error in sorted(first, key=lambda e: [str(p) for p in e.absolute_path]):
        problems.extend(_problems(error, name))
    return problems
