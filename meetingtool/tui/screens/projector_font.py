"""Large letters for the projector, drawn with block characters.

Each glyph is a small bitmap, 5 dots tall and 1-5 wide (``#`` on, ``.`` off). Drawn at
``scale`` s, a dot becomes s columns wide and s half-rows tall; two dot-rows share one
terminal row through the half blocks ``▀ ▄ █``, so dots come out about square (a terminal
cell is twice as tall as it is wide). At scale 1 a letter is 3 rows tall, at scale 3 eight.
Only capitals are drawn (lower case is shown as upper case): they read best this small.
"""

from __future__ import annotations

from functools import cache

GLYPHS: dict[str, tuple[str, ...]] = {
    "A": (".#.", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": (".##", "#..", "#..", "#..", ".##"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "F": ("###", "#..", "##.", "#..", "#.."),
    "G": (".##", "#..", "#.#", "#.#", ".##"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", ".#."),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#..#", "##.#", "#.##", "#..#", "#..#"),
    "O": (".#.", "#.#", "#.#", "#.#", ".#."),
    "P": ("##.", "#.#", "##.", "#..", "#.."),
    "Q": (".#.", "#.#", "#.#", "##.", ".##"),
    "R": ("##.", "#.#", "##.", "#.#", "#.#"),
    "S": (".##", "#..", ".#.", "..#", "##."),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
    "Æ": (".###", "#.#.", "####", "#.#.", "#.##"),
    "Ø": (".###", "#.##", "##.#", "#..#", ".##."),
    "Å": (".#.", "...", ".#.", "#.#", "###"),
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("##.", "..#", ".#.", "#..", "###"),
    "3": ("##.", "..#", ".#.", "..#", "##."),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "##.", "..#", "##."),
    "6": (".##", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "##."),
    " ": ("..", "..", "..", "..", ".."),
    ":": (".", "#", ".", "#", "."),
    ".": (".", ".", ".", ".", "#"),
    ",": (".", ".", ".", "#", "#"),
    "-": ("...", "...", "###", "...", "..."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "/": ("..#", "..#", ".#.", "#..", "#.."),
    "(": (".#", "#.", "#.", "#.", ".#"),
    ")": ("#.", ".#", ".#", ".#", "#."),
    "?": ("##.", "..#", ".#.", "...", ".#."),
    "!": ("#", "#", "#", ".", "#"),
    "'": ("#", "#", ".", ".", "."),
    '"': ("#.#", "#.#", "...", "...", "..."),
    "&": (".#.", "#.#", ".#.", "#.#", ".##"),
    "%": ("#.#", "..#", ".#.", "#..", "#.#"),
}
SAME_AS = {"–": "-", "—": "-", "É": "E", "Ä": "Æ", "Ö": "Ø", "Ü": "U", "§": "S", "»": '"',
           "«": '"', "“": '"', "”": '"', "’": "'", "…": "."}
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def glyph(character: str) -> tuple[str, ...]:
    upper = character.upper()
    upper = SAME_AS.get(upper, upper)
    return GLYPHS.get(upper, GLYPHS["?"])


def text_width(text: str, scale: int = 1) -> int:
    """Columns ``text`` takes in large letters (one dot of space between letters)."""
    if not text:
        return 0
    return sum((len(glyph(c)[0]) + 1) * scale for c in text) - scale


@cache
def render_line(text: str, scale: int = 1) -> tuple[str, ...]:
    """``text`` as rows of block characters (``(5 * scale + 1) // 2`` rows)."""
    dots: list[list[bool]] = [[] for _ in range(5)]
    for index, character in enumerate(text):
        rows = glyph(character)
        for row, pattern in enumerate(rows):
            if index:
                dots[row].append(False)  # the space between letters
            dots[row].extend(mark == "#" for mark in pattern)
    wide = [[dot for dot in row for _ in range(scale)] for row in dots]
    tall = [row for row in wide for _ in range(scale)]
    if len(tall) % 2:
        tall.append([False] * len(tall[0]) if tall and tall[0] else [])
    return tuple(
        "".join(HALF_BLOCKS[top, bottom] for top, bottom in zip(tall[i], tall[i + 1],
                                                                strict=True))
        for i in range(0, len(tall), 2)
    )


def wrap(text: str, width: int, scale: int = 1) -> list[str] | None:
    """``text`` split at spaces into lines that fit ``width`` columns in large letters;
    None when a single word is too wide."""
    lines: list[str] = []
    for word in text.split():
        if text_width(word, scale) > width:
            return None
        if lines and text_width(f"{lines[-1]} {word}", scale) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def render(text: str, width: int, max_lines: int, scale: int = 1) -> str | None:
    """``text`` in large letters within ``width`` columns and ``max_lines`` lines of letters
    (a blank row between them), or None when it does not fit."""
    lines = wrap(text, width, scale)
    if not lines or len(lines) > max_lines:
        return None
    blocks = ["\n".join(render_line(line, scale)) for line in lines]
    return "\n\n".join(blocks)
