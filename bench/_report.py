"""Write one benchmark's results into its own section of docs/benchmarks.md.

Each benchmark owns the text between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`,
so benchmarks can run alone or together without clobbering each other's figures.
"""

import platform
import re
from datetime import UTC, datetime
from pathlib import Path

REPORT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = "# Benchmarks\n\nWritten by `make bench`; each section is replaced by its own benchmark.\n"


def machine_line() -> str:
    import os

    return (
        f"_Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, "
        f"Python {platform.python_version()}._"
    )


def write_section(name: str, markdown: str, report: Path = REPORT) -> None:
    """Replace (or append) the section `name` of the report with `markdown`."""
    text = report.read_text(encoding="utf-8") if report.exists() else HEADER
    block = f"<!-- bench:{name} -->\n{markdown.strip()}\n\n{machine_line()}\n<!-- /bench:{name} -->"
    pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(text, encoding="utf-8")


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A Markdown table; floats get 3 significant digits."""

    def cell(v: object) -> str:
        return f"{v:.3g}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
