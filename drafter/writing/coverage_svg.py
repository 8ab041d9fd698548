"""A grid of counts as SVG (`drafter status --historique --format svg`): rows × columns, each
cell coloured on a colour-blind-safe scale (cividis: dark blue to yellow, readable in every
common colour-vision deficiency and in grey), its number written in it and a `<title>` that
a screen reader or a hover shows. Hand-written: a grid needs no plotting library."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

# cividis (Nuñez, Anderton and Renslow, 2018), sampled at nine evenly spaced points
CIVIDIS = (
    (0, 34, 78),
    (18, 53, 112),
    (59, 73, 108),
    (87, 93, 109),
    (112, 113, 115),
    (138, 134, 120),
    (165, 156, 116),
    (195, 179, 105),
    (254, 232, 56),
)
CELL_W, CELL_H, LABEL_CHAR, HEADER_H, TOP, PAD = 76, 26, 6.6, 40, 40, 10
NOTE_CHAR, SWATCH, STEPS = 6.4, 18, 9
# an attribute, not a style: the form's pages forbid inline styles (Content-Security-Policy)
_FONT = "DejaVu Sans, Arial, sans-serif"


@dataclass(frozen=True)
class Cell:
    """One cell: what it shows, its place on the scale (None: not coloured), its title."""

    text: str
    level: float | None
    title: str


@dataclass(frozen=True)
class Row:
    """A row: its label and cells; a row without cells is a group heading."""

    label: str
    cells: tuple[Cell, ...] = ()


def colour(level: float) -> tuple[int, int, int]:
    """Return the scale's colour at level (0 to 1)."""
    level = min(max(level, 0.0), 1.0) * (len(CIVIDIS) - 1)
    low = min(int(level), len(CIVIDIS) - 2)
    share = level - low
    a, b = CIVIDIS[low], CIVIDIS[low + 1]
    red, green, blue = (round(x + (y - x) * share) for x, y in zip(a, b, strict=True))
    return red, green, blue


def _ink(rgb: tuple[int, int, int]) -> str:
    """Return black on light cells, white on dark ones (relative luminance)."""
    red, green, blue = (c / 255 for c in rgb)
    return "#000" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.45 else "#fff"


def grid_svg(
    title: str,
    columns: list[str],
    rows: list[Row],
    notes: list[str],
    legend: tuple[str, str] = ("less", "more"),
) -> str:
    """Return the SVG text of the grid, with its title above, the scale's legend and the
    notes below."""
    label_w = round(max([len(r.label) for r in rows] + [20]) * LABEL_CHAR) + 2 * PAD
    grid_top = TOP + HEADER_H
    bottom = grid_top + CELL_H * len(rows) + 24
    height = bottom + 40 + 20 * len(notes)
    width = PAD + max(
        label_w + CELL_W * len(columns),
        round(max([len(n) for n in notes] + [len(title) * 1.4]) * NOTE_CHAR),
        _legend_width(legend),
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="{_FONT}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="{PAD}" y="24" font-size="16" font-weight="bold">{escape(title)}</text>',
    ]
    parts += _headers(columns, label_w, grid_top)
    for index, row in enumerate(rows):
        parts += _row(row, label_w, grid_top + index * CELL_H)
    parts += _legend(bottom, legend)
    for index, note in enumerate(notes):
        y = bottom + 38 + 20 * index
        parts.append(f'<text x="{PAD}" y="{y}" font-size="12">{escape(note)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _headers(columns: list[str], left: int, top: int) -> list[str]:
    """Return the column headings, a parenthesis on a second line (« (en cours) »)."""
    parts = []
    for index, name in enumerate(columns):
        x = left + CELL_W * index + CELL_W / 2
        first, _, second = name.partition(" (")
        lines = [first, f"({second}"] if second else [first]
        for number, line in enumerate(reversed(lines)):
            parts.append(
                f'<text x="{x}" y="{top - 8 - 15 * number}" font-size="12" font-weight="bold" '
                f'text-anchor="middle">{escape(line)}</text>'
            )
    return parts


def _row(row: Row, left: int, top: int) -> list[str]:
    weight = ' font-weight="bold"' if not row.cells else ""
    parts = [
        f'<text x="{PAD}" y="{top + CELL_H / 2 + 4}" font-size="12"{weight}>'
        f"{escape(row.label)}</text>"
    ]
    for index, cell in enumerate(row.cells):
        parts.append(_cell(cell, left + index * CELL_W, top))
    return parts


def _cell(cell: Cell, x: int, y: int) -> str:
    rgb = colour(cell.level) if cell.level is not None else (240, 240, 240)
    fill = "#{:02x}{:02x}{:02x}".format(*rgb)
    return (
        f"<g><title>{escape(cell.title)}</title>"
        f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
        f"fill={quoteattr(fill)}/>"
        f'<text x="{x + CELL_W / 2}" y="{y + CELL_H / 2 + 4}" font-size="12" '
        f'text-anchor="middle" fill="{_ink(rgb)}">{escape(cell.text)}</text></g>'
    )


def _legend_width(words: tuple[str, str]) -> int:
    return round((len(words[0]) + len(words[1])) * NOTE_CHAR) + STEPS * SWATCH + 3 * PAD


def _legend(top: int, words: tuple[str, str]) -> list[str]:
    """Return the scale from its low end to its high end, between its two words."""
    left = PAD + round(len(words[0]) * NOTE_CHAR) + 6
    parts = [f'<text x="{PAD}" y="{top + 12}" font-size="11">{escape(words[0])}</text>']
    for i in range(STEPS):
        fill = "#{:02x}{:02x}{:02x}".format(*colour(i / (STEPS - 1)))
        parts.append(
            f'<rect x="{left + i * SWATCH}" y="{top + 2}" width="{SWATCH}" height="12" '
            f'fill="{fill}"/>'
        )
    end = left + STEPS * SWATCH + 6
    parts.append(f'<text x="{end}" y="{top + 12}" font-size="11">{escape(words[1])}</text>')
    return parts
