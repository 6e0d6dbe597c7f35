#!/usr/bin/env bash
# deps.sh [--install] MODE | --list MODE — the kit's Debian packages, written once (the
# table below): make check/plots/book/grade/test, CI (.ci/run), Gradescope's setup.sh and
# the Classroom workflow (kit/release/gradescope/build.py) all read it.
#   MODE: check  what `make check` needs (a C compiler and its headers, python3, cmocka)
#         plots  adds gnuplot;  book: adds gnuplot, pandoc and the book's math font
#         grade  adds bubblewrap (make grade's sandbox: without it grading runs at a weaker
#                level, said in its pre-flight line), gnuplot and sim_c (similarity-tester)
#         all    everything `make test` uses (bc, chromium, zip, pytest, pytest-xdist, ...)
#         gradescope  what the autograder image needs (grading without the class report)
# The student's modes (check, plots, book) print the one line that installs what is missing
# (`make deps`) and exit 1; with --install (make deps), and in the instructor's and author's
# modes (grade: make grade, all: make test), install it with apt-get when run as root or
# with password-less sudo, or print the line. --list MODE prints every package of MODE
# (present or not), for an install script.
set -u

# package               here when                                                    modes
TABLE='
make                    cmd:make                                                     check gradescope all
gcc                     cmd:${CC:-cc}                                                check plots book grade gradescope all
libc6-dev               cheaders                                                     check plots book grade gradescope all
python3                 cmd:python3                                                  check plots book grade gradescope all
pkg-config              cmd:pkg-config                                               check plots book grade gradescope all
libcmocka-dev           pkg:cmocka                                                   check plots book grade gradescope all
gnuplot-nox             cmd:gnuplot                                                  plots book grade all
pandoc                  cmd:pandoc                                                   book all
fonts-dejavu-core       file:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf         book all
fonts-dejavu-extra      file:/usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf  book all
bubblewrap              cmd:bwrap                                                    grade gradescope all
similarity-tester       cmd:sim_c                                                    grade all
util-linux              cmd:setpriv                                                  gradescope
coreutils               cmd:timeout                                                  gradescope
ca-certificates         file:/etc/ssl/certs/ca-certificates.crt                      gradescope all
bc                      cmd:bc                                                       all
chromium                cmd:chromium                                                 all
zip                     cmd:zip                                                      all
unzip                   cmd:unzip                                                    all
python3-pytest          py:pytest                                                    all
python3-pytest-xdist    py:xdist                                                     all
'
# ASan/UBSan runtimes come with gcc on Debian/Ubuntu (libasan, libubsan).

have() { command -v "$1" >/dev/null 2>&1; }
# a python3 that has the module (Debian's, when the python3 on PATH, a pyenv one, has not)
pyhas() { for p in python3 /usr/bin/python3; do "$p" -c "import $1" >/dev/null 2>&1 && return 0; done; return 1; }
here() {   # is the package's mark on this machine?
  case $1 in
    cmd:chromium) have chromium || have chromium-browser ;;
    cmd:*) have "$(eval echo "${1#cmd:}")" ;;
    file:*) [ -f "${1#file:}" ] ;;
    pkg:*) pkg-config --exists "${1#pkg:}" 2>/dev/null ;;
    py:*) pyhas "${1#py:}" ;;
    # the C library's headers (gcc only recommends them: --no-install-recommends leaves them out)
    cheaders) ! have "${CC:-cc}" || printf '#include <stdio.h>\n' | ${CC:-cc} -E -x c - >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}
packages() {   # packages MODE [missing]: the packages of MODE (only the missing ones)
  local pkg mark modes
  while read -r pkg mark modes; do
    [ -n "$pkg" ] || continue
    case " $modes " in *" $1 "*) ;; *) continue ;; esac
    [ "${2:-}" = missing ] && here "$mark" && continue
    printf '%s\n' "$pkg"
  done <<< "$TABLE"
}

if [ "${1:-}" = --list ]; then
  packages "${2:-all}" | tr '\n' ' ' | sed 's/ $/\n/'
  exit 0
fi
install=0
if [ "${1:-}" = --install ]; then install=1; shift; fi
mode=${1:-check}
case $mode in grade|all) install=1 ;; esac
mapfile -t missing < <(packages "$mode" missing)
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
