#!/usr/bin/python3
"""Writes the hicolor icon sizes under resources/icons/hicolor/ from the two source PNGs.

Run once after changing resources/prodcons-client.png or resources/prodcons-server.png, and
commit what it writes; the build only copies the results. Needs Pillow (Debian: python3-pil).
Sizes are only ever scaled down: a source of 128 pixels gets no 256 icon.
"""
import pathlib

from PIL import Image

SIZES = (16, 24, 32, 48, 64, 128, 256)
resources = pathlib.Path(__file__).resolve().parent.parent / "resources"

for name in ("prodcons-client", "prodcons-server"):
    source = Image.open(resources / f"{name}.png").convert("RGBA")
    if source.width != source.height:
        raise SystemExit(f"{name}.png is not square: {source.size}")
    for size in SIZES:
        if size > source.width:
            continue
        folder = resources / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        icon = source if size == source.width else source.resize((size, size), Image.LANCZOS)
        icon.save(folder / f"{name}.png", optimize=True)
        print(folder.relative_to(resources.parent) / f"{name}.png")
