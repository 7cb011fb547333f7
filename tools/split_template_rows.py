"""Before ``djlint --reformat``: table rows, cells and list items each start a line.

djlint leaves alone a line that starts with a template tag (``{% for %}<tr>...``), so rows
written on one long line would stay so. Whitespace between ``<tr>``, ``<td>``, ``<th>`` and
between list items is not rendered (no list of ours is inline), so breaking the line there
changes nothing on a screen or in a PDF. Usage: ``make templates``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

BEFORE_ROW_OR_ITEM = re.compile(r"(?<=[>}])[ \t]*(?=<(?:tr|td|th|li|ul|ol)[\s>])")
AFTER_ROW_OR_ITEM = re.compile(r"(?<=</tr>|</li>)[ \t]*(?=\S)")
BEFORE_LIST_END = re.compile(r"(?<=</td>|</th>|</li>)[ \t]*(?=</tr>|</ul>|</ol>)")


def split(text: str) -> str:
    text = BEFORE_ROW_OR_ITEM.sub("\n", text)
    text = AFTER_ROW_OR_ITEM.sub("\n", text)
    return BEFORE_LIST_END.sub("\n", text)


def main(paths: list[str]) -> None:
    for name in paths:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        if (new := split(text)) != text:
            path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
