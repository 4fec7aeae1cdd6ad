#!/bin/sh
# Install the Debian packages jamstat needs to build, test and render, when
# any is missing.  Run as root (CI, containers) or with sudo available.
# Does nothing, quickly, when everything is already installed.  chromium is
# for the report's test in a real browser (tests/cli/report_browser.sh).
set -eu

PACKAGES="build-essential pkg-config libcsv-dev libgsl-dev libjansson-dev libinih-dev \
libxlsxwriter-dev libcriterion-dev nettle-dev gnuplot-nox fonts-liberation2 fonts-dejavu-core \
python3 python3-html5lib gawk time go-md2man clang-tidy libcurl4-openssl-dev libcmark-dev \
chromium"
# `install-deps.sh ci` adds what CI's extra checks need: clang with its
# sanitizer and libFuzzer runtimes (check-clang, check-asan, fuzz-smoke)
# and valgrind, and pdflatex with pdftotext (the LaTeX charts compiled with
# hostile labels, tests/cli/report_safety.sh).
if [ "${1:-}" = ci ]; then
    PACKAGES="$PACKAGES clang libclang-rt-dev valgrind texlive-latex-base poppler-utils"
fi

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "install-deps: missing packages:$missing; run as root: apt-get install$missing" >&2
        exit 1
    fi
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
