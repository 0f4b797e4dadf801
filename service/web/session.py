"""Who is signed in to the pages: an HttpOnly cookie holding the account's API key, or the
sign-in token issued when the account signed in with its password.

Either is the credential itself, checked the same way as on the API (`service.auth`), so
revoking a key or token signs its pages out too. Forms carry a token derived from it: another
site cannot know it, and the cookie is SameSite=Strict besides.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Form, Request
from sqlmodel import Session

from models.user import Role, User
from service.auth import authenticate
from service.deps import SessionDep

KEY_COOKIE = "mitra_key"
LOGIN_COOKIE = "mitra_login"  # double-submit token for the sign-in form itself
LANG_COOKIE = "mitra_lang"
LANGUAGES = ("id", "en")
MAX_AGE = 12 * 3600  # one working day at the venue


class SignInRequired(Exception):
    """No valid sign-in: the page answers with a redirect to the sign-in form."""

    def __init__(self, back_to: str) -> None:
        self.back_to = back_to
        super().__init__(back_to)


class PageForbidden(Exception):
    """Signed in, but this page is not for the account's role (or the form token is wrong)."""


def sign_in_url(back_to: str) -> str:
    return f"/masuk?next={quote(back_to, safe='/')}"


def safe_next(target: str | None) -> str:
    """Only paths on this site, so a crafted link cannot bounce a user elsewhere."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def csrf_token(key: str) -> str:
    return hmac.new(key.encode("utf-8"), b"mitra-page-forms", hashlib.sha256).hexdigest()[:40]


def new_login_token() -> str:
    return secrets.token_urlsafe(24)


def language(request: Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE, "id")
    return chosen if chosen in LANGUAGES else "id"


def user_from_cookie(request: Request, session: Session) -> User | None:
    key = request.cookies.get(KEY_COOKIE)
    if not key:
        return None
    settings = request.app.state.settings
    user = authenticate(session, key, request.app.state.key_cache, settings.key_cache_seconds)
    if user is not None:
        # Templates read these to show the account and to fill every form's token.
        request.state.user = user
        request.state.csrf = csrf_token(key)
    return user


def page_user(request: Request, session: SessionDep) -> User:
    user = user_from_cookie(request, session)
    if user is None:
        back_to = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInRequired(back_to)
    return user


PageUser = Annotated[User, Depends(page_user)]


def form_user(request: Request, user: PageUser, csrf: Annotated[str, Form()] = "") -> User:
    """The signed-in account of a form post whose token matches its sign-in."""
    expected = getattr(request.state, "csrf", "")
    if not expected or not hmac.compare_digest(csrf, expected):
        raise PageForbidden("form token")
    return user


FormUser = Annotated[User, Depends(form_user)]


def role_gate(*roles: Role, posted: bool = False) -> Callable[..., User]:
    """A dependency admitting only `roles`; `posted` also checks the form token."""

    def page_gate(user: PageUser) -> User:
        if user.role not in roles:
            raise PageForbidden(user.role)
        return user

    def form_gate(user: FormUser) -> User:
        return page_gate(user)

    return form_gate if posted else page_gate


OrganizerPage = Annotated[User, Depends(role_gate(Role.organizer))]
OrganizerForm = Annotated[User, Depends(role_gate(Role.organizer, posted=True))]
StaffPage = Annotated[User, Depends(role_gate(Role.organizer, Role.analyst))]
WriterPage = Annotated[User, Depends(role_gate(Role.organizer, Role.buyer))]
WriterForm = Annotated[User, Depends(role_gate(Role.organizer, Role.buyer, posted=True))]
