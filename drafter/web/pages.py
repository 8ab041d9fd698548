"""The pages: status, areas, the entry form with its live preview, save, build."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask import Response as FlaskResponse
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from drafter.errors import DrafterError
from drafter.reading.files import printable
from drafter.reading.workspace import load_cycle_only
from drafter.usecases.drafts import BuildOptions, run_build
from drafter.web import editing, overview
from drafter.web.forms import FIELDS, GENERAL, HIGHLIGHT_TEXT, form_values
from drafter.web.security import MAX_REQUEST, Settings, csrf_token, entry_file, may_write
from drafter.writing.outputs import Busy

blueprint = Blueprint("pages", __name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def settings() -> Settings:
    """Return the settings of the running application."""
    found: Settings = current_app.extensions["drafter"]
    return found


def _page(name: str, status: int = 200, **context: Any) -> tuple[str, int]:
    """Return a page rendered with what every page needs (CSRF token, role)."""
    context.update(csrf=csrf_token(settings(), g.token), role=g.role)
    return render_template(name, **context), status


@blueprint.get("/")
def status_page() -> tuple[str, int]:
    """Show the cycle's status: entries per area, empty areas, proposals covered."""
    view = overview.overview(settings().root)
    largest = max((s.entrees for s in view.statuses), default=0)
    history = overview.history_picture(settings().root, view.workspace)
    return _page(
        "etat.html", view=view, largest=largest, bar=overview.bar_width, historique=history
    )


@blueprint.get("/domaines/<area>")
def area_page(area: str) -> tuple[str, int]:
    """List an area's entries as they will read in the draft."""
    view = overview.overview(settings().root)
    found = view.workspace.cycle.area(area)
    if found is None:
        abort(404, f"domaine inconnu « {area} »")
    rows = overview.area_rows(settings().root, view, area)
    errors = overview.area_problems(view, area)
    return _page("domaine.html", area=found, rows=rows, errors=errors)


@blueprint.get("/entree")
def form_page() -> tuple[str, int]:
    """Show the form: a new entry of an area, or an entry of a file."""
    target = _target(request.args)
    form: dict[str, list[str]] = {}
    if target.path is not None:
        form = form_values(editing.entry_at(settings().root, target))
    return _form(target, form, editing.fingerprint(target.path))


def _form(
    target: editing.Target,
    form: dict[str, list[str]],
    print_: str,
    status: int = 200,
    shown: editing.Preview | None = None,
    **extra: Any,
) -> tuple[str, int]:
    """Return the form page for these values, with its preview (computed unless given)."""
    root = settings().root
    if shown is None:
        shown, _ = editing.preview(root, target, form)
    area = load_cycle_only(root).area(target.area)
    return _page(
        "entree.html",
        status,
        target=target,
        file=_file_param(target),
        form=form,
        fields=FIELDS,
        area=area,
        proposals=overview.overview(root).workspace.proposals,
        preview=shown,
        fingerprint=print_,
        cycle=editing.cycle_print(root),
        highlight_text=HIGHLIGHT_TEXT,
        saved=request.args.get("enregistre") == "1",
        **extra,
    )


def _file_param(target: editing.Target) -> str:
    """Return the file as the form sends it back: its path under inputs/ ('' when new)."""
    if target.path is None:
        return ""
    return target.path.relative_to(settings().root / "inputs").as_posix()


def _target(args: Any) -> editing.Target:
    """Return the entry a request names, refusing any path outside the areas of inputs/."""
    root = settings().root
    areas = [a.id for a in load_cycle_only(root).areas]
    rel, index = args.get("fichier", ""), args.get("n", "0")
    if not (index.isascii() and index.isdigit()) or len(index) > 6:
        abort(400, "numéro d'entrée invalide : un nombre de 0 à 999999 en chiffres 0-9")
    if not rel:
        area = args.get("domaine_dossier") or args.get("domaine")
        if area not in areas:
            abort(404, "domaine inconnu")
        return editing.Target(area)
    path = _entry_path(root, rel, areas)
    return editing.Target(path.relative_to(root / "inputs").parts[0], path, int(index))


def _entry_path(root: Path, rel: str, areas: list[str]) -> Path:
    """Return the existing entry file `rel` names in an area, or abort (403, 404)."""
    try:
        path = entry_file(root, rel, areas)
        found = path.is_file()
    except DrafterError as exc:
        abort(403, exc.problems[0].message)
    except OSError:  # a name too long for the system, say
        found = False
    if not found:
        abort(404, f"fichier introuvable « {printable(rel[:200])} »")
    return path


@blueprint.post("/apercu")
def preview_fragment() -> FlaskResponse:
    """Return the preview and the problems of each field, for the form's script."""
    target = _target(request.form)
    shown, _ = editing.preview(settings().root, target, request.form.to_dict(flat=False))
    fields = {
        f.key: render_template("problemes.html", problems=shown.problems.get(f.key, []))
        for f in FIELDS
    }
    general = render_template("problemes.html", problems=shown.problems.get("", []))
    return jsonify(
        apercu=render_template("apercu.html", preview=shown), champs=fields, general=general
    )


@blueprint.post("/entree")
def save_entry() -> Response | tuple[str, int]:
    """Save the entry if it has no error (the file's own and those `check` finds across
    files), the role may write it, and neither the file nor the cycle changed: checked and
    written under the workspace's lock, which `next` and `importer` hold too."""
    root, target = settings().root, _target(request.form)
    form = request.form.to_dict(flat=False)
    sent = request.form.get("empreinte", "")
    try:
        with editing.saving(root):
            return _save_locked(root, target, form, sent)
    except Busy:
        return _form(target, form, sent, 503, refusal=editing.BUSY)


def _save_locked(
    root: Path, target: editing.Target, form: dict[str, list[str]], sent: str
) -> Response | tuple[str, int]:
    """Check and write one entry, the lock held."""
    if request.form.get("cycle", "") != editing.cycle_print(root):
        return _form(target, form, sent, 409, refusal=editing.CYCLE_CHANGED)
    shown, entry = editing.preview(root, target, form)
    if entry is None or shown.has_errors:
        return _form(target, form, sent, 422, shown=shown)
    _check_role(target, entry.contributor)
    if editing.fingerprint(target.path) != sent:
        return _conflict(target, form)
    text = editing.entry_text(root, target, form)
    too_big = editing.size_problems(root, target, text)
    if too_big:
        shown.problems.setdefault(GENERAL, []).extend(too_big)
        return _form(target, form, sent, 422, shown=shown)
    path = editing.save(root, target, text)
    rel = path.relative_to(root / "inputs").as_posix()
    return redirect(url_for("pages.form_page", fichier=rel, n=target.index, enregistre=1), 303)


def _check_role(target: editing.Target, contributor: str) -> None:
    """Refuse (403) a service writing an entry that is, or was, another service's, or an
    entry of the file that names no `contributeur` (nobody's: the secretariat's to fix)."""
    contributors = [contributor]
    if target.path is not None:
        old = form_values(editing.entry_at(settings().root, target)).get("contributeur", [])
        contributors += old or [""]
    if may_write(g.role, contributors):
        return
    if "" in contributors:
        abort(
            403,
            "cette entrée n'indique pas de « contributeur » : seul le secrétariat "
            "peut la corriger (adresse « secrétariat » de drafter serve)",
        )
    abort(403, f"ce jeton ne peut écrire que les entrées du service « {g.role} »")


def _conflict(target: editing.Target, form: dict[str, list[str]]) -> tuple[str, int]:
    """Show the file as it is on disk now beside the version of the form (nothing written)."""
    assert target.path is not None
    disk = target.path.read_text(encoding="utf-8") if target.path.exists() else ""
    mine = editing.entry_text(settings().root, editing.Target(target.area), form)
    conflict = {"disk": disk, "mine": mine}
    return _form(target, form, request.form.get("empreinte", ""), 409, conflict=conflict)


@blueprint.post("/construire")
def build_draft() -> Response | tuple[str, int]:
    """Build the draft as drafter build does, and download it."""
    try:
        result = run_build(settings().root, None, BuildOptions())
    except DrafterError as exc:
        return _page("erreur.html", 422, title="Brouillon impossible", problems=exc.problems)
    if result.written is None:  # the command line's « aucun changement … rien écrit »
        lines = [result.merge.summary()] if result.merge is not None else []
        return _page("message.html", title="Aucun brouillon à télécharger", lines=lines)
    path = result.written.path
    data = io.BytesIO(path.read_bytes())
    return send_file(data, as_attachment=True, download_name=path.name, mimetype=DOCX)


@blueprint.app_errorhandler(DrafterError)
def drafter_error(exc: DrafterError) -> tuple[str, int]:
    """Show the problems of a workspace the pages cannot read."""
    return _page("erreur.html", 422, title="Espace de travail illisible", problems=exc.problems)


# Werkzeug's own descriptions are English: the codes a request may meet, in French.
_FRENCH = {
    400: "requête invalide",
    403: "accès refusé",
    404: "page introuvable : ouvrez l'adresse affichée par « drafter serve »",
    405: "méthode non autorisée à cette adresse",
    413: f"envoi trop gros : au plus {MAX_REQUEST} octets (la limite d'un fichier d'entrées)",
    431: "en-têtes de la requête trop gros",
    500: "erreur interne du serveur : rien n'a été écrit ; signalez-la avec ce que vous faisiez",
}


def http_error(exc: HTTPException) -> tuple[str, int]:
    """Show an HTTP error in French, without the pages' links when access was refused."""
    code = exc.code or 500
    own = exc.description != type(exc).description  # drafter's own (French) message
    message = exc.description if own else _FRENCH.get(code, f"erreur {code}")
    return render_template("refus.html", code=code, message=message), code
