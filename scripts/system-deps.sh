#!/usr/bin/env bash
# Installs the Debian packages Practice Hub needs, if they are missing.
#   scripts/system-deps.sh site          -> what building the site needs (WeasyPrint's libraries, the fonts)
#   scripts/system-deps.sh test          -> the above plus Chromium and Poppler for the tests
#   scripts/system-deps.sh --list KIND   -> print the package names only (the tests check that the build
#                                           and the browser load no system library or font outside them)
set -euo pipefail

# WeasyPrint (bulletin PDFs): Pango lays out text through HarfBuzz; harfbuzz-subset embeds only
# the glyphs used (without it WeasyPrint warns and the PDF bytes differ from machine to machine).
site_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fontconfig)
# The one font family the site and the PDFs are set in on Linux: DejaVu Sans (and Sans Mono), every face.
# Material's system font stack (font: false) and the print CSS both resolve to it.
site_packages+=(fonts-dejavu-core fonts-dejavu-extra)   # extra: the oblique (italic) and condensed faces
# libatomic1: the Node.js that Playwright (the browser driver, from PyPI) bundles is linked against it.
test_packages=(chromium poppler-utils libatomic1)

kind=${1:-site}
if [ "$kind" = "--list" ]; then
  kind=${2:-site}
  list_only=1
fi
want=("${site_packages[@]}")
[ "$kind" = "test" ] && want+=("${test_packages[@]}")
if [ -n "${list_only:-}" ]; then
  printf '%s\n' "${want[@]}"
  exit 0
fi

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
# apt's progress and debconf's notes go to a log, shown only if the install fails.
log=$(mktemp)
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "Could not install ${missing[*]}: see the messages above." >&2
  exit 1
fi
rm -f "$log"
