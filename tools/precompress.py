"""Pre-compressed copies of a built site's text files, for servers that send them as they are
(nginx `gzip_static` and `brotli_static`, Caddy `file_server { precompressed br gzip }`, and
`tools/serve_built.py`): `page.html.gz` and `page.html.br` next to `page.html`.

Run after the build, by `make compress` (and `make serve-built`), not inside it: `mkdocs serve`
and the test builds stay as fast as before, and Netlify, which `make deploy` targets, compresses
by itself and would publish the copies as plain files. Output is reproducible: gzip at level 9
with no timestamp or name, Brotli at quality 11. A copy is kept only when it is smaller.

    python tools/precompress.py SITE_DIR
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import brotli

TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".map", ".xml", ".svg", ".txt",
                 ".webmanifest", ".ico"}
ENCODINGS = {".br": lambda data: brotli.compress(data, mode=brotli.MODE_TEXT, quality=11),
             ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}


def is_text(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES and not path.name.startswith("_")


def compressed(data: bytes) -> dict[str, bytes]:
    """The encodings of `data` that are smaller than it, by file suffix."""
    return {suffix: packed for suffix, encode in ENCODINGS.items() if len(packed := encode(data)) < len(data)}


def precompress(site: Path) -> list[tuple[Path, int, dict[str, int]]]:
    """Write the smaller encodings of every text file of a freshly built `site` next to it;
    returns (file, size, {suffix: size}) for each text file."""
    report = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and is_text(p)):
        data = path.read_bytes()
        copies = compressed(data)
        for suffix, packed in copies.items():
            path.with_name(path.name + suffix).write_bytes(packed)
        report.append((path, len(data), {suffix: len(packed) for suffix, packed in copies.items()}))
    return report


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    report = precompress(Path(argv[0]))
    before = sum(size for _, size, _ in report)
    gz = sum(sizes.get(".gz", size) for _, size, sizes in report)
    br = sum(sizes.get(".br", size) for _, size, sizes in report)
    print(f"{len(report)} text files, {before:,} bytes: gzip {gz:,}, brotli {br:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
