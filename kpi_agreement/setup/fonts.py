"""Sarabun for both PDF engines: the app ships it (public/fonts, built by scripts/build_fonts.py) and
installing or migrating the app makes it a font fontconfig finds, so wkhtmltopdf and WeasyPrint embed it as a
real, searchable font (wkhtmltopdf draws web fonts as outlines without text)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SHIPPED = Path(__file__).resolve().parents[1] / "public" / "fonts"
FONTCONFIG_DIR = Path.home() / ".local" / "share" / "fonts" / "kpi_agreement"


def install_fonts() -> None:
	changed = False
	for font in SHIPPED.glob("*.ttf"):
		target = FONTCONFIG_DIR / font.name
		if target.exists() and target.read_bytes() == font.read_bytes():
			continue
		FONTCONFIG_DIR.mkdir(parents=True, exist_ok=True)
		shutil.copyfile(font, target)
		changed = True
	if changed and shutil.which("fc-cache"):
		subprocess.run(["fc-cache", "-f", str(FONTCONFIG_DIR)], check=False, capture_output=True)
