"""Workshop join codes and participant tokens (only a token's SHA-256 is kept)."""

from __future__ import annotations

import hashlib
import secrets

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read off a projector
CODE_LENGTH = 10  # 32**10 = 2**50 codes


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """What people type, made comparable: spaces, dashes and lower case are accepted."""
    return "".join(c for c in text.upper() if c.isalnum())[: CODE_LENGTH * 2]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
