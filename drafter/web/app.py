"""The Flask application: security checks on every request, then the pages.

Flask shares click and Jinja2 with drafter, and its test client lets the security rules be
tested without a browser.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Flask, Response, abort, g, redirect, request
from werkzeug.exceptions import HTTPException, InternalServerError, default_exceptions
from werkzeug.wrappers import Response as BaseResponse

from drafter.web import pages
from drafter.web.security import MAX_REQUEST, Settings, csrf_valid, host_allowed, role_of

_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the token is in the first URL
    "Cache-Control": "no-store",
}


def create_app(settings: Settings) -> Flask:
    """Return the application for one run of `drafter serve`."""
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_REQUEST, MAX_FORM_MEMORY_SIZE=MAX_REQUEST)
    app.extensions["drafter"] = settings
    app.before_request(_guard)
    app.after_request(_secure_headers)
    app.register_error_handler(HTTPException, pages.http_error)
    app.register_blueprint(pages.blueprint)
    return app


def error_page(app: Flask, code: int) -> tuple[bytes, list[tuple[str, str]]]:
    """Return the French page of an HTTP error that the server answers without asking the
    application (a body past waitress's bound, headers too large, a malformed request), and
    its headers: those of every page."""
    with app.app_context():
        page, _ = pages.http_error(default_exceptions.get(code, InternalServerError)())
    headers = [("Content-Type", "text/html; charset=utf-8"), *_HEADERS.items()]
    return page.encode("utf-8"), headers


def _guard() -> BaseResponse | None:
    """Refuse a request to another host, without the token, or a POST without CSRF token."""
    settings: Settings = pages.settings()
    if not host_allowed(settings, request.host):
        abort(400, "en-tête Host refusé : ouvrez l'adresse affichée par « drafter serve »")
    token = request.args.get("jeton") or request.cookies.get(settings.cookie)
    g.role = role_of(settings, token)
    if g.role is None or token is None:
        abort(403, "jeton absent ou invalide : ouvrez l'adresse affichée par « drafter serve »")
    g.token = token
    if request.method == "POST" and not csrf_valid(settings, token, _sent_csrf()):
        abort(403, "jeton CSRF absent ou invalide : rechargez la page")
    return _drop_token_from_url(settings, token) if "jeton" in request.args else None


def _sent_csrf() -> str | None:
    """Return the CSRF token a POST carries, in its form or in a header."""
    return request.form.get("csrf") or request.headers.get("X-CSRF-Token")


def _drop_token_from_url(settings: Settings, token: str) -> BaseResponse:
    """Redirect to the same page without the token in the URL, keeping it in a cookie."""
    query = {k: v for k, v in request.args.items() if k != "jeton"}
    target = request.path + (f"?{urlencode(query)}" if query else "")
    response = redirect(target, 303)
    response.set_cookie(settings.cookie, token, httponly=True, samesite="Strict")
    return response


def _secure_headers(response: Response) -> Response:
    """Add the headers that keep the pages out of frames, caches and referrers."""
    response.headers.update(_HEADERS)
    return response
