"""The charts' colors, shared by the app's Altair charts and the report's own drawings."""

from __future__ import annotations

CURRENT_COLOR = "#d9825b"
IDEAL_COLOR = "#2f6f8f"
BAND_COLORS = ["#f3d5c0", "#f6e7b4", "#cfe3d4", "#b9d7e6", "#d9cfe8"]
LEVEL_COLORS = ["#f1c6ad", "#f6e3a8", "#b9dcc6", "#6fa8c4", "#2f6f8f"]
NA_COLOR = "#e6e6e6"
INK = "#1f2a30"
