"""Generate a valid, deterministic workspace of N entries for benchmarks.

    python benchmarks/generate.py 1000 benchmarks/workspaces/w1000

Entries are spread over every area, its sub-topics and every date form; the text is
synthetic (clearly marked), never presented as real events.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import polib
import yaml

AREAS = {
    "menaces-hybrides": ["hybrid-coe", "resilience", "cbrn", "communication-strategique"],
    "cooperation-operationnelle": ["cadre", "mediterranee", "activites-maritimes"],
    "cyber": ["echanges-politiques", "reunion-annuelle", "exercices-cyber"],
    "capacites-defense": ["coherence-planification", "mobilite-militaire", "normalisation"],
    "industrie-recherche": ["industrie", "recherche-innovation"],
    "exercices": ["cadre", "pace", "autres"],
    "renforcement-capacites": ["ukraine", "moldova", "georgie", "jordanie"],
    "dialogue-politique": ["haut-niveau", "exposes-croises", "femmes-paix-securite"],
}
DATES = [
    "2023-06-{d:02d}",
    "2023-{m:02d}",
    "2024",
    "[2023-09, 2023-12, 2024-03]",
    "printemps 2024",
    "automne 2023",
    "S2 2023",
    "début 2024",
    "fin 2023",
    "mi-2023",
    "periode",
    "[automne 2023, hiver 2023]",
    "2024-03-01",
]
ACTORS = [
    "les services de l'UE et de l'OTAN",
    "des représentants de l'UE",
    "les états-majors des deux organisations",
    ["le SEAE", "l'EMI", "l'AED"],
]


def entry(rng: random.Random, area: str, index: int) -> dict[str, object]:
    """Return one synthetic entry for an area."""
    pattern = rng.choice(DATES)
    date = pattern.format(d=rng.randint(1, 28), m=rng.randint(7, 12))
    data: dict[str, object] = {"date": yaml.safe_load(date) if date.startswith("[") else date}
    if rng.random() < 0.2 and date != "periode":
        data["texte"] = f"{{Date}}, activité de test n° {index} : exercice « fictif » ; suite."
    else:
        actors = rng.choice(ACTORS)
        data["acteurs"] = list(actors) if isinstance(actors, list) else actors
        data["action"] = (
            f"ont mené l'activité de test n° {index} sur les questions de "
            "coopération, y compris la résilience et la lutte contre la "
            "désinformation"
        )
        data["position_date"] = rng.choice(["debut", "fin", "aucune"])
        if rng.random() < 0.3:
            data["but"] = "afin de renforcer la cohérence de leurs travaux"
    data["contributeur"] = rng.choice(["SEAE", "AED", "EMUE", "EMI", "OTAN"])
    data["sous_theme"] = rng.choice(AREAS[area])
    data["source"] = f"Données synthétiques de mesure, n° {index}"
    if rng.random() < 0.05:
        data["a_souligner"] = True
    if rng.random() < 0.1:
        data["type"] = "expose-croise"
    return data


def enrich(rng: random.Random, data: dict[str, object], index: int) -> None:
    """Make an entry as long as contributors' longest: points, proposals, a long purpose."""
    data["points"] = [
        f"volet {n} de l'activité de test n° {index}, sur plusieurs lignes" for n in range(3)
    ]
    data["propositions"] = [f"P16-1.{rng.randint(1, 10):02d}"]
    if "action" in data:
        data["but"] = "afin de " + " ".join(
            ["renforcer la coordination des deux organisations"] * 4
        )


def generate(count: int, root: Path, flat: bool = False, rich: bool = False) -> None:
    """Write rapport.yaml and `count` entries, five per file (flat: no sub-topics, so one
    paragraph, and one Word comment, per entry; rich: one file per entry, each with points,
    a proposal and a long purpose)."""
    rng = random.Random(count)
    inputs = root / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    (inputs / "rapport.yaml").write_text(
        "numero: 9\nperiode: {debut: 2023-06, fin: 2024-05}\ndate: 2024-06-14\n", encoding="utf-8"
    )
    areas = list(AREAS)
    per_file = 1 if rich else 5
    for start in range(0, count, per_file):
        area = areas[(start // 5) % len(areas)]
        batch = [entry(rng, area, i) for i in range(start, min(start + per_file, count))]
        for item in batch if flat else []:
            del item["sous_theme"]
        for offset, item in enumerate(batch if rich else []):
            enrich(rng, item, start + offset)
        path = inputs / area / f"lot-{start:06d}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(
            yaml.safe_dump(batch, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def translate(root: Path, drafter: str) -> None:
    """Give the workspace a fully translated English catalogue: `drafter traductions` writes
    traductions/en.po, then every message gets a synthetic English sentence of about the
    French one's length, with the same `{date}`/`{Date}` markers."""
    subprocess.run([drafter, "traductions"], cwd=root, check=True, capture_output=True)
    catalogue = polib.pofile(str(root / "traductions" / "en.po"))
    for index, message in enumerate(catalogue):
        message.msgstr = english(message.msgid, index)
    catalogue.save()


def english(french: str, index: int) -> str:
    """Return a synthetic English sentence for a French one, keeping its date markers."""
    text = (
        f"staff of both organisations carried out synthetic test activity {index} on "
        "cooperation, including resilience and countering disinformation"
    )
    markers = re.findall(r"\{[Dd]ate\}", french)
    if french.startswith("{Date}"):
        text, markers = f"{{Date}}, {text}", markers[1:]
    else:
        text = text[0].upper() + text[1:]
    return text + "".join(f" ({marker})" for marker in markers) + "."


if __name__ == "__main__":
    generate(
        int(sys.argv[1]),
        Path(sys.argv[2]),
        flat="--flat" in sys.argv[3:],
        rich="--rich" in sys.argv[3:],
    )
