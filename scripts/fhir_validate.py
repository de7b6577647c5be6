#!/usr/bin/env python3
"""Validate FHIR R4B JSON with the fhir.resources package: a check independent of the code
that wrote it (the records gateway's consent export, its tests).

Usage: fhir_validate.py [FILE ...]    no FILE, or '-', reads standard input

Each input holds one resource or a Bundle; every resource in it is checked against the R4B
models of fhir.resources: the elements a resource may have (an unknown one is an error), their
cardinality and types, required elements, the formats of primitives (a dateTime must be a
dateTime), and, beside the models, that no element is null, [] or {}. Not checked: invariants
(FHIRPath constraints) and terminology bindings.

Exits 0 when every input is valid, 1 when one is not (its errors on stderr), 2 when the
validator cannot run (fhir.resources missing, a file that cannot be read). scripts/setup.sh
makes a Python that has fhir.resources: $MEDLEDGER_FHIR_VENV/bin/python.
"""

import importlib
import json
import sys


def model(resource_type):
    """The R4B model class of a resource type (module `consent` holds `Consent`)."""
    if not isinstance(resource_type, str) or not resource_type.isalnum():
        raise ValueError(f"resourceType {resource_type!r} is not a FHIR resource type")
    try:
        module = importlib.import_module(f"fhir.resources.R4B.{resource_type.lower()}")
        return getattr(module, resource_type)
    except (ImportError, AttributeError):
        raise ValueError(f"resourceType {resource_type!r} is not an R4B resource type") from None


def empty_elements(value, path="$"):
    """The paths of nulls, empty lists and empty objects: FHIR's JSON has none (an element
    that is absent is left out), and the models let them through."""
    if value is None or value == [] or value == {}:
        return [path]
    if isinstance(value, dict):
        children = value.items()
    elif isinstance(value, list):
        children = enumerate(value)
    else:
        return []
    return [found for key, child in children for found in empty_elements(child, f"{path}.{key}")]


def validate(resource):
    """Raise the model's errors if `resource` (parsed JSON) is not valid R4B."""
    if not isinstance(resource, dict) or "resourceType" not in resource:
        raise ValueError("a FHIR resource is a JSON object with a resourceType")
    empty = empty_elements(resource)
    if empty:
        raise ValueError("FHIR JSON has no null, [] or {}; found at " + ", ".join(empty))
    cls = model(resource["resourceType"])
    # fhir.resources 8 models are pydantic 2 (model_validate); older releases' pydantic 1.
    parse = getattr(cls, "model_validate", None) or cls.parse_obj
    parse(resource)


def main(paths):
    try:
        importlib.import_module("fhir.resources.R4B")
    except ImportError as error:
        print(
            f"fhir_validate: {error}: run this with a Python that has fhir.resources "
            "(scripts/setup.sh makes one)",
            file=sys.stderr,
        )
        return 2
    failed = False
    for path in paths or ["-"]:
        name = "<stdin>" if path == "-" else path
        try:
            text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
        except OSError as error:
            print(f"{name}: cannot read: {error}", file=sys.stderr)
            return 2
        try:
            resource = json.loads(text)
            validate(resource)
        except Exception as error:  # pydantic's ValidationError, ValueError, JSONDecodeError
            print(f"{name}: not valid FHIR R4B:\n{error}", file=sys.stderr)
            failed = True
            continue
        entries = len(resource.get("entry", [])) if resource["resourceType"] == "Bundle" else None
        what = resource["resourceType"] + (f" of {entries} entries" if entries is not None else "")
        print(f"{name}: valid FHIR R4B ({what})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
