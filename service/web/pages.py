"""Rendering pages, and turning every refusal into a page a person can read.

Page routes use `PageRoute`: whatever a handler or its dependencies raise (no sign-in, wrong
role, an id that does not exist or belongs to another buyer, a malformed form) becomes a
redirect or an HTML error page instead of the API's JSON.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates

from matcher.errors import MitraError
from service.crud.errors import CrudError, NotFound
from service.web.i18n import translator
from service.web.reason_texts import explainer
from service.web.session import PageForbidden, SignInRequired, language, sign_in_url

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")


def requirement_url(row: Any, suffix: str = "", user: Any = None, **query: str) -> str:
    """The page of one buyer's requirement. Ids are unique per buyer only, so for organizers
    and analysts the link names the owner too (`pemilik`); a buyer's links need not."""
    params = {}
    if row.owner_id is not None and getattr(user, "role", "") != "buyer":
        params["pemilik"] = str(row.owner_id)
    params.update(query)
    path = f"/kebutuhan/{quote(row.requirement_id, safe='')}{suffix}"
    return f"{path}?{urlencode(params)}" if params else path


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    lang = language(request)
    user = getattr(request.state, "user", None)

    def link(row: Any, suffix: str = "", **query: str) -> str:
        return requirement_url(row, suffix, user, **query)

    base = {
        "requirement_url": link,
        "t": translator(lang),
        "said": explainer(lang),
        "lang": lang,
        "user": user,
        "csrf": getattr(request.state, "csrf", ""),
        "notice": _notice(request, lang),
    }
    return templates.TemplateResponse(
        request, template, {**base, **(context or {})}, status_code=status
    )


def _notice(request: Request, lang: str) -> str:
    """A one-line message after a redirect (`?msg=key&n=3`); only known keys and counts are
    shown, so a crafted link cannot put words on the page."""
    key = request.query_params.get("msg", "")
    if not key.startswith("msg_"):
        return ""
    count = request.query_params.get("n", "")
    if count and not count.isdigit():
        return ""
    text = translator(lang)(key, n=count)
    return "" if text == key else text


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def error_page(request: Request, status: int, detail: str = "") -> HTMLResponse:
    titles = {401: "err_401", 403: "err_403", 404: "err_404", 413: "err_413"}
    return render(
        request,
        "error.html",
        {"status": status, "title_key": titles.get(status, "err_other"), "detail": detail},
        status=status,
    )


class PageRoute(APIRoute):
    """An APIRoute whose failures are pages (or a redirect to sign in), never JSON."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInRequired as exc:
                return redirect(sign_in_url(exc.back_to))
            except PageForbidden:
                return error_page(request, 403)
            except NotFound:
                # The same page whether the thing is missing or belongs to someone else.
                return error_page(request, 404)
            except CrudError as exc:
                return error_page(request, exc.status_code, exc.message)
            except MitraError as exc:
                return error_page(request, 422, str(exc))
            except RequestValidationError:
                return error_page(request, 400, translator(language(request))("err_form"))
            except HTTPException as exc:
                if exc.status_code == 404:
                    return error_page(request, 404)
                return error_page(request, exc.status_code, str(exc.detail))

        return page_handler
