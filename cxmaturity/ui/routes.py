"""HTTP routes beside the Streamlit app (``st.App``): they set and clear the sign-in
cookie, which must be HttpOnly, so no script on the page can read or copy it.

- ``POST /app-auth/session`` with ``{"ticket": ...}``: a single-use ticket (issued by the
  sign-in form a moment before, 60 s) becomes a session; the signed session token is
  set as an HttpOnly, SameSite=Lax cookie (Secure when ``CXMATURITY_SECURE_COOKIES=1``).
- ``POST /app-auth/sign-out``: the cookie is cleared (the session itself was revoked on
  the server before, by the page).
- ``POST /app-auth/participant`` with ``{"token": ...}``: a workshop participant's
  token (valid) is kept in an HttpOnly cookie with the few others this browser joined,
  so the join link opened again continues as the same participant.

Both accept same-origin requests only (``Origin`` must name this host, or the browser
says ``Sec-Fetch-Site: same-origin``). Not under ``/auth/``: that is ``st.login``'s.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from cxmaturity.services.accounts import COOKIE_NAME
from cxmaturity.services.workshops import MAX_KEPT_TOKENS

from .backend import services, settings

PARTICIPANT_COOKIE = "cxmaturity_participant"
PARTICIPANT_DAYS = 60  # a workshop can stay open for days; this outlives it


def _same_origin(request: Request) -> bool:
    if request.headers.get("sec-fetch-site", "") == "same-origin":
        return True
    origin = request.headers.get("origin", "")
    host = request.headers.get("host", "")
    return bool(origin) and bool(host) and urlsplit(origin).netloc == host


async def _field(request: Request, name: str, longest: int) -> str | Response:
    """The text field ``name`` of a same-origin JSON request (cut to ``longest``), or
    the refusal to send back: 403 from another site, 400 for a body that is not JSON."""
    if not _same_origin(request):
        return Response(status_code=403)
    try:
        body = json.loads(await request.body() or b"{}")
        return str(body.get(name, ""))[:longest]
    except (ValueError, AttributeError):
        return Response(status_code=400)


async def start_session(request: Request) -> Response:
    ticket = await _field(request, "ticket", 200)
    if isinstance(ticket, Response):
        return ticket
    cookie = services().accounts.redeem_ticket(ticket) if ticket else None
    if cookie is None:
        return Response(status_code=403)
    response = Response(status_code=204)
    response.set_cookie(
        COOKIE_NAME,
        cookie,
        max_age=int(settings().session_hours * 3600),
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings().secure_cookies,
    )
    return response


async def end_session(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    services().accounts.end_cookie_session(request.cookies.get(COOKIE_NAME))
    response = Response(status_code=204)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="lax")
    for name in request.cookies:  # single sign-on's identity too: it would sign in again
        if name == SSO_COOKIE or name.startswith(f"{SSO_COOKIE}_tokens"):
            response.delete_cookie(name, path="/")
    return response


async def remember_participant(request: Request) -> Response:
    """Keep a participant's token in this browser (HttpOnly), beside the ones it kept
    for other workshops, so that the join link opened again continues as them."""
    token = await _field(request, "token", 100)
    if isinstance(token, Response):
        return token
    if not token or services().workshops.participant(token) is None:
        return Response(status_code=403)
    kept = [t for t in request.cookies.get(PARTICIPANT_COOKIE, "").split(".") if t and t != token]
    response = Response(status_code=204)
    response.set_cookie(
        PARTICIPANT_COOKIE,
        ".".join([*kept, token][-MAX_KEPT_TOKENS:]),
        max_age=PARTICIPANT_DAYS * 24 * 3600,
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings().secure_cookies,
    )
    return response


SSO_COOKIE = "_streamlit_user"  # st.login's signed identity cookie (and its token chunks)

ROUTES = [
    Route("/app-auth/session", start_session, methods=["POST"]),
    Route("/app-auth/sign-out", end_session, methods=["POST"]),
    Route("/app-auth/participant", remember_participant, methods=["POST"]),
]


def announce_setup_code() -> None:
    """While the server has no account, print the one-time setup code to its log (the
    first admin can then be created from another machine; from this one, without).
    Settings that no longer do anything are named, so an operator is not misled."""
    for name in settings().obsolete:
        print(
            f"cxmaturity: {name} is no longer used: workshop facilitators sign in with an "
            "account that may edit the organisation (see README, Accounts)",
            flush=True,
        )
    if not services().accounts.any():
        print(f"cxmaturity: no account yet; the setup code for the first admin is "
              f"{services().accounts.setup_code()}", flush=True)  # fmt: skip
