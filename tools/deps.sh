#!/usr/bin/env bash
# deps.sh [--install] check|plots|book|grade|all — find the kit's dependencies. The
# student's modes (check, plots, book) print the one line that installs what is missing
# (`make deps`) and exit 1; with --install (make deps), and in the instructor's and
# author's modes (grade: make grade, all: make test), install it with apt-get when run
# as root or with password-less sudo, or print the line.
#   check: what `make check` needs (a C compiler, python3, cmocka)
#   plots: adds gnuplot;  book: adds gnuplot and pandoc
#   grade: adds bubblewrap (make grade's sandbox: without it grading runs at a weaker
#          level, said in its pre-flight line), gnuplot and sim_c (similarity-tester)
#   all:   everything (adds bc, chromium, bubblewrap, zip, sim_c, pytest and pytest-xdist
#          for `make test`)
set -u
install=0
if [ "${1:-}" = --install ]; then install=1; shift; fi
mode=${1:-check}
case $mode in grade|all) install=1 ;; esac
missing=()
have() { command -v "$1" >/dev/null 2>&1; }
have "${CC:-cc}" || missing+=(gcc)
# the C library's headers (gcc only recommends them: --no-install-recommends leaves them out)
if have "${CC:-cc}" && ! printf '#include <stdio.h>\n' | ${CC:-cc} -E -x c - >/dev/null 2>&1; then
  missing+=(libc6-dev)
fi
have python3 || missing+=(python3)
have pkg-config || missing+=(pkg-config)
pkg-config --exists cmocka 2>/dev/null || missing+=(libcmocka-dev)
# ASan/UBSan runtimes come with gcc on Debian/Ubuntu (libasan, libubsan).
if [ "$mode" = plots ] || [ "$mode" = book ] || [ "$mode" = grade ]; then
  have gnuplot || missing+=(gnuplot-nox)
fi
if [ "$mode" = grade ]; then
  have bwrap || missing+=(bubblewrap)          # the grading sandbox (sandbox.py)
  have sim_c || missing+=(similarity-tester)   # the class report's similarity (sim_c)
fi
if [ "$mode" = book ]; then
  have pandoc || missing+=(pandoc)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf ] || missing+=(fonts-dejavu-extra)
fi
if [ "$mode" = all ]; then
  have bc || missing+=(bc)
  have gnuplot || missing+=(gnuplot-nox)
  have pandoc || missing+=(pandoc)
  have chromium || have chromium-browser || missing+=(chromium)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf ] || missing+=(fonts-dejavu-extra)  # the book's math font
  have bwrap || missing+=(bubblewrap)
  have zip || missing+=(zip)
  have unzip || missing+=(unzip)
  have sim_c || missing+=(similarity-tester)
  # make test: pytest and pytest-xdist for a python3 (Debian's, when the python3 on PATH has none)
  pyhas() { for p in python3 /usr/bin/python3; do "$p" -c "import $1" >/dev/null 2>&1 && return 0; done; return 1; }
  pyhas pytest || missing+=(python3-pytest)
  pyhas xdist || missing+=(python3-pytest-xdist)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ $install = 0 ]; then
  echo "The kit needs: ${missing[*]}. Install them with: make deps"
  echo "  (that is: sudo apt-get update && sudo $line)"
  exit 1
fi
if [ "$(id -u)" = 0 ]; then sudo=""
elif have sudo && sudo -n true 2>/dev/null; then sudo="sudo"
else
  echo "The kit needs: ${missing[*]}. Install them with:"
  echo "  sudo apt-get update && sudo $line"
  exit 1
fi
echo "Installing what the kit needs: ${missing[*]}"
echo "  running: ${sudo:+$sudo }apt-get update && ${sudo:+$sudo }$line"
export DEBIAN_FRONTEND=noninteractive
if ! { $sudo apt-get update -qq && $sudo $line -qq; } >/tmp/kit-apt.log 2>&1; then
  echo "apt-get failed (log: /tmp/kit-apt.log). Run by hand:"
  echo "  sudo apt-get update && sudo $line"
  exit 1
fi
