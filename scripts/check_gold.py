"""Check hand-written gold files (``*.expected.json``) against their articles.

    python scripts/check_gold.py data/eval            # every gold file under a folder
    python scripts/check_gold.py data/raw/x.de.expected.json

Reports, per file, what a scorer would silently get wrong: a relation type or
role the vocabulary does not know, a missing role, a party that is not one of
the file's canonical entities, a money or percentage surface that is not on
the line it names, an entity surface that does not occur in the article, a
line number past the end. Exit code 1 when any problem was found.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.core.vocabulary import ENTITY_ROLES, RELATION_ROLES
from pipeline.model.evaluate import read_gold

# Roles whose value may describe a thing that has no name ("Siliziumkarbid-Sparte").
DESCRIPTION_ROLES = frozenset({"acquired", "child", "merged", "party", "partner"})
RELATION_FIELDS = frozenset({"type", "amount", "currency", "qualifier", "upper", "share_percent", "line", "note",
                             "reported_by"})


def problems(gold_file: Path) -> list[str]:
    found: list[str] = []
    try:
        read_gold(gold_file)
    except Exception as error:  # the scorer's own reading must succeed first
        return [str(error)]
    data = json.loads(gold_file.read_text(encoding="utf-8"))
    lines = (gold_file.parent / data["article"]).read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines)

    def on_line(kind: str, item: dict) -> None:
        line = item.get("line")
        if not isinstance(line, int) or not 1 <= line <= len(lines):
            found.append(f"{kind} {item.get('surface', item.get('type'))!r}: line {line!r} is not a line of the article")
        elif "surface" in item and item["surface"] not in lines[line - 1]:
            found.append(f"{kind} {item['surface']!r} is not on line {line}")

    canonical = {entity["canonical"] for entity in data.get("entities", [])}
    for entity in data.get("entities", []):
        if entity.get("type") not in {"ORG", "PER", "LOC"}:
            found.append(f"entity {entity.get('canonical')!r}: type {entity.get('type')!r} is not ORG, PER or LOC")
        for surface in entity.get("surfaces", []):
            if surface not in text:
                found.append(f"entity {entity['canonical']!r}: surface {surface!r} does not occur in the article")
    for item in data.get("money", []):
        on_line("money", item)
    for item in data.get("percentages", []):
        on_line("percentage", item)
    for relation in data.get("relations", []):
        type_ = relation["type"]
        roles = RELATION_ROLES[type_]
        on_line("relation", relation)
        for role in roles:
            if role not in relation and role != "reported_by":
                found.append(f"{type_} on line {relation.get('line')}: role {role!r} missing (null when unsaid)")
            value = relation.get(role)
            if value and role in ENTITY_ROLES and role not in DESCRIPTION_ROLES and value not in canonical:
                found.append(f"{type_} on line {relation.get('line')}: {role} {value!r} is not a canonical entity")
        for key in set(relation) - set(roles) - RELATION_FIELDS:
            found.append(f"{type_} on line {relation.get('line')}: unknown field {key!r}")
    return found


def main(paths: list[str]) -> int:
    files = [f for p in map(Path, paths) for f in (sorted(p.rglob("*.expected.json")) if p.is_dir() else [p])]
    bad = 0
    for file in files:
        for problem in problems(file):
            bad += 1
            print(f"{file}: {problem}")
    print(f"{len(files)} gold files, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["data/raw"]))
