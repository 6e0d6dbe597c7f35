#!/usr/bin/env bash
# Gradescope setup (Ubuntu image, as root): what the kit's grader needs.
set -eu
export DEBIAN_FRONTEND=noninteractive
cd "$(dirname "$0")"
apt-get update -qq
# shellcheck disable=SC2046  # the package names, one word each (tools/deps.sh: the one list)
apt-get install -y -qq --no-install-recommends $(bash tools/deps.sh --list gradescope)
# Build every chapter's judge now (trusted code), so grading starts at once.
python3 - <<'PY'
import sys
from kit.core import build, chapters
for ch in chapters.all_chapters():
    try:
        build.judge(ch, True)
    except Exception as e:
        print("judge of", ch.slug, "not built:", e)
PY
