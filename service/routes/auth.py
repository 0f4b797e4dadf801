"""/api/auth: sign in with account name and password (OAuth2 password flow), sign out.

API keys keep working beside tokens; a token is for people at a laptop, a key for scripts.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

from models.user import is_token
from service.crud.errors import CrudError
from service.deps import Credential, CurrentUser, SessionDep, SettingsDep
from service.signin import SignInRefused, SignInThrottle, revoke_token, token_for_password

router = APIRouter(prefix="/auth", tags=["sign-in"])

PasswordForm = Annotated[OAuth2PasswordRequestForm, Depends()]


class TokenAnswer(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int  # seconds


class SignInProblem(BaseModel):
    detail: str


def _throttle(request: Request) -> SignInThrottle:
    throttle: SignInThrottle = request.app.state.sign_in_throttle
    return throttle


@router.post(
    "/token",
    response_model=TokenAnswer,
    responses={401: {"model": SignInProblem}, 429: {"model": SignInProblem}},
)
def token(
    form: PasswordForm, request: Request, session: SessionDep, settings: SettingsDep
) -> TokenAnswer | JSONResponse:
    """Trade an account name and password for a bearer token (`grant_type=password`).

    Send the token as `Authorization: Bearer <token>` until it expires (`expires_in`
    seconds) or you sign out.
    """
    try:
        issued = token_for_password(
            session, form.username, form.password, _throttle(request), settings
        )
    except SignInRefused as refused:
        if refused.retry_after is not None:
            return JSONResponse(
                {"detail": refused.message},
                status_code=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(refused.retry_after)},
            )
        return JSONResponse(
            {"detail": refused.message},
            status_code=status.HTTP_401_UNAUTHORIZED,
            headers={"WWW-Authenticate": "Bearer"},
        )
    return TokenAnswer(access_token=issued.token, expires_in=issued.seconds)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(user: CurrentUser, session: SessionDep, credential: Credential) -> None:
    """End the sign-in token this request carries (API keys are revoked under /api/users)."""
    if credential is None or not is_token(credential):
        raise CrudError(
            "this is an API key, not a sign-in token; an organizer revokes keys with "
            "DELETE /api/users/{id}/keys"
        )
    revoke_token(session, credential)
    session.commit()
