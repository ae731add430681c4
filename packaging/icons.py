"""Make every icon file Tend ships from the one drawing, resources/icons/tend.svg.

    python packaging/icons.py OUTDIR

writes, for the application id ``APP_ID``:

- ``OUTDIR/hicolor/NxN/apps/APP_ID.png`` at 16, 24, 32, 48, 64, 128, 256 and 512 px,
  and ``OUTDIR/hicolor/scalable/apps/APP_ID.svg`` (the drawing itself): the layout of
  the freedesktop.org icon theme, copied as it is into ``share/icons``;
- ``OUTDIR/tend.ico`` for Windows (16 to 256 px, each drawn at its own size);
- ``OUTDIR/tend.icns`` for macOS (16 to 1024 px, the Retina sizes included).

Qt's own SVG renderer (QtSvg, part of PySide6-Essentials, which Tend already uses)
draws every size from the vector, so small sizes are drawn, not shrunk from a big
bitmap. Pillow (the ``packaging`` extra) only packs those bitmaps into .ico and .icns;
both files are read back and their sizes checked before this script says it is done.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journal_app import APP_ID  # noqa: E402 (the checkout first, then the package)

SOURCE = ROOT / "resources" / "icons" / "tend.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # Windows shows icons up to 256 px
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # macOS: 16-512 pt at 1x and 2x
# What every .icns made here must hold, as (points, scale): all but 16 and 32 pt at 1x,
# which only iconutil writes (see write_icns).
ICNS_REPRESENTATIONS = {
    (16, 2),
    (32, 2),
    (128, 1),
    (128, 2),
    (256, 1),
    (256, 2),
    (512, 1),
    (512, 2),
}


def render_png(svg: bytes, size: int) -> bytes:
    """The drawing rendered by Qt at ``size`` x ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not an SVG drawing Qt can render")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"Qt could not write a {size} px PNG")
    buffer.close()
    return bytes(data.data())


def _images(pngs: dict[int, bytes], sizes: tuple[int, ...]) -> list[Image.Image]:
    from PIL import Image

    return [Image.open(io.BytesIO(pngs[size])).convert("RGBA") for size in sizes]


def write_ico(pngs: dict[int, bytes], path: Path) -> None:
    """A Windows icon holding each size as drawn (``append_images``), none rescaled."""
    images = _images(pngs, ICO_SIZES)
    largest = images[-1]
    largest.save(
        path,
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=images[:-1],
    )


def write_icns(pngs: dict[int, bytes], path: Path) -> None:
    """A macOS icon: Apple's ``iconutil`` where it exists (on a Mac), else Pillow.

    Pillow's writer (checked by reading it back) holds 16, 32, 128, 256 and 512 pt at
    2x and 128, 256 and 512 pt at 1x, but not 16 and 32 pt at 1x: a Mac without a
    Retina screen shrinks the 32 px picture for those. iconutil writes every size of
    an ``.iconset`` folder, Apple's own layout, which is made here from the same PNGs.
    """
    iconutil = shutil.which("iconutil")
    if iconutil is not None:
        iconset = path.with_suffix(".iconset")
        iconset.mkdir(exist_ok=True)
        for points in (16, 32, 128, 256, 512):
            (iconset / f"icon_{points}x{points}.png").write_bytes(pngs[points])
            (iconset / f"icon_{points}x{points}@2x.png").write_bytes(pngs[2 * points])
        subprocess.run([iconutil, "-c", "icns", str(iconset), "-o", str(path)], check=True)
        shutil.rmtree(iconset)
        return
    images = _images(pngs, ICNS_SIZES)
    images[-1].save(path, format="ICNS", append_images=images[:-1])


def check(ico: Path, icns: Path) -> None:
    """Read both files back: every size must be there (a wrong file fails the build)."""
    from PIL import Image

    with Image.open(ico) as image:
        found = {width for width, _height in image.info["sizes"]}
    if found != set(ICO_SIZES):
        raise SystemExit(f"{ico.name} holds {sorted(found)}, not {list(ICO_SIZES)}")
    with Image.open(icns) as image:
        icns_found = {(width, scale) for width, _height, scale in image.info["sizes"]}
    missing = ICNS_REPRESENTATIONS - icns_found
    if missing:
        raise SystemExit(f"{icns.name} lacks {sorted(missing)} (points, scale)")


def make_icons(outdir: Path) -> list[Path]:
    """Write every icon file under ``outdir``; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    svg = SOURCE.read_bytes()
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))
    pngs = {size: render_png(svg, size) for size in sizes}

    written: list[Path] = []
    theme = outdir / "hicolor"
    for size in PNG_SIZES:
        path = theme / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
        written.append(path)
    scalable = theme / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    written.append(scalable)

    ico, icns = outdir / "tend.ico", outdir / "tend.icns"
    write_ico(pngs, ico)
    write_icns(pngs, icns)
    check(ico, icns)
    return [*written, ico, icns]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args()
    for path in make_icons(args.outdir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
