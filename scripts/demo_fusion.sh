#!/bin/sh
# Démonstration de la fusion : construire, modifier comme un rédacteur (par script), ajouter
# une entrée tardive et en corriger une autre, reconstruire. Usage : scripts/demo_fusion.sh DOSSIER
set -eu
demo=${1:?dossier de démonstration}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$demo" && cp -r "$here/inputs" "$demo/"
cd "$demo"

# 1. Le brouillon.
drafter build

# 2. Les rédacteurs le reprennent (ici avec python-docx, comme ils le feraient dans Word) :
#    une phrase reformulée, un paragraphe de contexte, un commentaire.
python - <<'PY'
import docx
d = docx.Document("outputs/rapport-etape-09.docx")
for p in d.paragraphs:
    if p.text.startswith("Les Alliés ont annoncé"):
        d.add_comment(p.runs, text="Phrase à raccourcir ?", author="Rédactrice", initials="R")
    if "ont réaffirmé" in p.text and p.style.name == "Body Text":
        p.runs[0].text = p.runs[0].text.replace("Le 11\u00a0juillet\u00a02023", "En juillet")
    if p.text == "Capacités de défense":
        contexte = d.add_paragraph("La mobilité militaire reste une priorité commune.", "Body Text")
        p._p.addnext(contexte._p)
d.save("outputs/rapport-etape-09.docx")
PY

# 3. Des contributions tardives : une nouvelle entrée, une date corrigée, une entrée retirée,
#    et une entrée corrigée dont les rédacteurs avaient reformulé la phrase (un conflit).
mkdir -p inputs/cyber
cat > inputs/cyber/2024-01-atelier.yaml <<'YAML'
date: 2024-01
acteurs: les équipes cyber de l'UE et de l'OTAN
action: ont tenu un atelier commun (entrée fictive, pour la démonstration)
contributeur: SEAE
YAML
sed -i 's/date: 2023-07-11/date: 2023-07-12/' inputs/capacites-defense/2023-07-mobilite-militaire.yaml
rm inputs/menaces-hybrides/2023-07-resilience.yaml
sed -i 's/demeure un partenaire/reste un partenaire/' inputs/dialogue-politique/2023-07-sommet-vilnius.yaml

# 4. Ce qui a changé, puis la fusion.
drafter changes
drafter build
