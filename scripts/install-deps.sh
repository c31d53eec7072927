#!/usr/bin/env bash
# install-deps.sh — install the Debian packages sohoa needs, only those that
# are missing (so a second run touches no network). Run as root (or with sudo
# available). Every package the project needs is listed here and nowhere else.
#   install-deps.sh          what building, `make demo` and `make check` need
#   install-deps.sh bench    that and the peers `make bench` measures
set -euo pipefail

PKGS=(
  build-essential pkg-config clang
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd
  libicu-dev libpcre2-dev libsqlite3-dev sqlite3 libjansson-dev libssl-dev zlib1g-dev
  libpoppler-glib-dev libcairo2-dev
  python3 python3-pil python3-numpy fonts-liberation2 fonts-dejavu-core
  imagemagick img2pdf hyperfine hunspell hunspell-vi poppler-utils qpdf valgrind
)
if [ "${1:-}" = bench ]; then
  # OCRmyPDF, the peer bench/ocr.sh measures (its --clean needs unpaper)
  PKGS+=(ocrmypdf unpaper)
fi

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: not root and no sudo; install: ${missing[*]}" >&2; exit 2; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
