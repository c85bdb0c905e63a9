#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Validates results.json files against docs/results.schema.json (draft 2020-12).
Usage: check_schema.py SCHEMA valid|invalid FILE...: exit 0 when every FILE is as expected."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
want_valid = sys.argv[2] == "valid"
status = 0
for path in sys.argv[3:]:
    errors = list(validator.iter_errors(json.load(open(path))))
    if want_valid and errors:
        status = 1
        for e in errors[:5]:
            print(f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}", file=sys.stderr)
    if not want_valid and not errors:
        status = 1
        print(f"{path}: accepted by the schema, but it is broken", file=sys.stderr)
sys.exit(status)
