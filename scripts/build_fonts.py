"""Build the app's print fonts from the npm package @fontsource/sarabun (see package.json):

    npm install && ../env/bin/python scripts/build_fonts.py     # from the app folder, with fontTools

fontsource splits Sarabun by script and the Thai subset has no Latin digits or punctuation, so each weight's
Thai and Latin subsets are merged into one TrueType font. wkhtmltopdf's WebKit reads no WOFF and ignores
unicode-range, and draws web fonts as outlines without text, so the fonts are also installed for fontconfig
when the app is installed or migrated (kpi_agreement/setup/fonts.py). The output is committed as the app's
assets (kpi_agreement/public/fonts), under the SIL Open Font License of the package."""

import io
import shutil
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont

APP = Path(__file__).resolve().parents[1]
SOURCE = APP / "node_modules" / "@fontsource" / "sarabun"
TARGET = APP / "kpi_agreement" / "public" / "fonts"
STYLES = {400: "Regular", 700: "Bold"}


def merged(weight: int) -> bytes:
	parts = []
	for subset in ("thai", "latin"):
		font, buffer = TTFont(SOURCE / "files" / f"sarabun-{subset}-{weight}-normal.woff"), io.BytesIO()
		font.flavor = None
		font.save(buffer)
		buffer.seek(0)
		parts.append(buffer)
	out = io.BytesIO()
	Merger().merge(parts).save(out)
	return out.getvalue()


if __name__ == "__main__":
	TARGET.mkdir(parents=True, exist_ok=True)
	for weight, style in STYLES.items():
		(TARGET / f"Sarabun-{style}.ttf").write_bytes(merged(weight))
	shutil.copy(SOURCE / "LICENSE", TARGET / "OFL.txt")
	print(f"fonts written to {TARGET}")
