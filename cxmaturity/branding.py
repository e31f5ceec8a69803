"""A consultant's branding for the report: firm name, logo and accent colour.

Set once, in the app or by hand, in a small YAML file (``branding.yaml`` in the data
folder, or the file ``CXMATURITY_BRANDING`` names: see :mod:`cxmaturity.config`)::

    firm: "Norte Consultores"
    accent: "#1f6f8b"
    logo: branding-logo.png      # relative to this file; PNG or JPEG
    footer: "Confidencial"       # the cover's last line; "" for none; absent: the
                                 # "Made with cxmaturity" credit

Logos are untrusted input: they are opened with Pillow, size-checked and re-encoded
as PNG (dropping metadata) before they are kept or drawn.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import Field

from .errors import InvalidInput, Problem
from .fileio import write_atomic
from .loader import document_as, read
from .model import Strict

DEFAULT_ACCENT = "#2f6f8f"
HEX_COLOR = r"^#[0-9a-fA-F]{6}$"
LOGO_NAME = "branding-logo.png"
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 6000 * 6000
LOGO_BOX = 1200  # the kept logo fits in LOGO_BOX x LOGO_BOX pixels
MAX_FOOTER = 200


class BrandingFile(Strict):
    """The branding file's fields."""

    firm: Annotated[str, Field(max_length=120)] = ""
    accent: Annotated[str, Field(pattern=HEX_COLOR)] = DEFAULT_ACCENT
    logo: Annotated[str, Field(max_length=300)] | None = None
    footer: Annotated[str, Field(max_length=MAX_FOOTER)] | None = None


@dataclass(frozen=True)
class Branding:
    """What the report draws: ``logo`` is PNG bytes, already checked. ``footer`` is the
    cover's last line: None for the "Made with cxmaturity" credit, "" for none."""

    firm: str = ""
    accent: str = DEFAULT_ACCENT
    logo: bytes | None = None
    footer: str | None = None

    @property
    def accent_rgb(self) -> tuple[int, int, int]:
        value = self.accent.lstrip("#")
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def load_branding(path: Path) -> Branding:
    """The branding in ``path`` (see :class:`cxmaturity.config.Settings`); none when the
    file is absent."""
    if not path.is_file():
        return Branding()
    doc = read(path)
    fields = document_as(doc, BrandingFile)
    logo = None
    if fields.logo:
        logo_path = path.parent / fields.logo
        try:
            logo = normalize_logo(logo_path.read_bytes(), str(logo_path))
        except OSError as error:
            message = f"cannot read {logo_path}: {error.strerror or error}"
            raise InvalidInput([doc.problem(("logo",), message)]) from None
        except InvalidInput as error:
            raise InvalidInput(
                [doc.problem(("logo",), p.message) for p in error.problems]
            ) from None
    footer = fields.footer.strip() if fields.footer is not None else None
    return Branding(
        firm=fields.firm.strip(), accent=fields.accent.lower(), logo=logo, footer=footer
    )


def normalize_logo(raw: bytes, name: str) -> bytes:
    """A PNG or JPEG logo, checked and re-encoded as a PNG that fits LOGO_BOX."""
    from PIL import Image, UnidentifiedImageError

    def problem(message: str) -> InvalidInput:
        return InvalidInput([Problem(name, None, "(logo)", message)])

    if len(raw) > MAX_LOGO_BYTES:
        raise problem(f"the logo is larger than {MAX_LOGO_BYTES // (1024 * 1024)} MB")
    try:
        with Image.open(io.BytesIO(raw)) as image:
            if image.format not in ("PNG", "JPEG"):
                raise problem(f"the logo must be a PNG or JPEG image, not {image.format}")
            if image.width * image.height > MAX_LOGO_PIXELS:
                raise problem(f"the logo is too large ({image.width} x {image.height} pixels)")
            image.load()
            kept = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise problem(f"not a readable PNG or JPEG image ({error.__class__.__name__})") from None
    kept.thumbnail((LOGO_BOX, LOGO_BOX))
    out = io.BytesIO()
    kept.save(out, format="PNG", optimize=True)
    return out.getvalue()


def save_branding(branding: Branding, path: Path) -> Path:
    """Write the branding file (and its logo) atomically; returns the file's path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fields: dict[str, str] = {"firm": branding.firm, "accent": branding.accent}
    if branding.logo is not None:
        write_atomic(path.parent / LOGO_NAME, branding.logo)
        fields["logo"] = LOGO_NAME
    if branding.footer is not None:
        fields["footer"] = branding.footer
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    write_atomic(path, ("# cxmaturity report branding\n" + text).encode("utf-8"))
    return path
