"""The app icon in every format the platforms want, drawn from resources/icons/lpdesk.svg
with QtSvg: PNGs (16 to 512 px, for the .desktop file and the window), an ICO (Windows:
the .exe and the installer) and an ICNS (the macOS .app). ICO and ICNS both hold PNG
images, so they are written here in a few lines, with no image library."""
from __future__ import annotations

import struct
import sys
from pathlib import Path

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS types holding PNG data, by size (icp4/icp5 16/32 px; ic07..ic10 128..1024 px).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
              (b"ic09", 512), (b"ic10", 1024))


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at size x size pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        render_png.app = QGuiApplication(["lpdesk-icons"])  # kept for later calls
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file of PNG images (Windows Vista and later read PNG entries)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        byte = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", byte, byte, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file of PNG images."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(svg: Path, out: Path) -> dict[str, Path]:
    """Write lpdesk-SIZE.png, lpdesk.ico and lpdesk.icns into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(svg, size) for size in {*PNG_SIZES, *ICO_SIZES, 1024}}
    made: dict[str, Path] = {}
    for size in PNG_SIZES:
        path = out / f"lpdesk-{size}.png"
        path.write_bytes(pngs[size])
        made[f"png{size}"] = path
    made["ico"] = out / "lpdesk.ico"
    made["ico"].write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    made["icns"] = out / "lpdesk.icns"
    made["icns"].write_bytes(icns(pngs))
    made["svg"] = out / "lpdesk.svg"
    made["svg"].write_bytes(svg.read_bytes())
    return made


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    for name, path in make_icons(root / "resources" / "icons" / "lpdesk.svg",
                                 Path(sys.argv[1]) if len(sys.argv) > 1 else
                                 root / "bundle" / "out" / "icons").items():
        print(name, path)
