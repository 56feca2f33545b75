#!/usr/bin/env bash
# Installs the Debian packages gapcheck needs: Pango for WeasyPrint, fonts covering
# Latin, Cyrillic, Arabic (fonts-noto-core: Noto Naskh Arabic, Noto Sans Arabic) and Chinese,
# Japanese, Korean (fonts-noto-cjk: Noto Sans CJK), poppler-utils (pdftoppm, to look at PDF
# pages), Chromium (the HTML pages' browser tests) and LibreOffice Calc without a GUI (the
# answer workbook's test in a real spreadsheet program; large, but the tests need it). Does
# nothing when they are present.
set -euo pipefail
pkgs=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-core fonts-noto-cjk poppler-utils chromium libreoffice-calc-nogui)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
  command -v sudo >/dev/null || { echo "Please install as root: apt-get install ${missing[*]}" >&2; exit 1; }
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
