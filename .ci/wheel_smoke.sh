#!/usr/bin/env bash
# CI: install docket the way users and packagers do and use it. Build a wheel from the checkout,
# install it (no -e, no system site-packages) into a fresh venv, then from outside the checkout,
# with stdin not a terminal: --help, demo, one document of every kind, a closed pipe, and the TUI
# on a pseudo-terminal. Any failure fails CI.
#   usage: .ci/wheel_smoke.sh [PYTHON]     (default: python3)
set -euo pipefail
PY=${1:-python3}
SRC=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/docket-wheel.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail() { echo "wheel smoke: $*" >&2; exit 1; }
step() { echo "wheel smoke: $*" >&2; }

# 1. the wheel, built from a copy of the checkout's files (setuptools writes build/ and
#    *.egg-info next to the sources; the checkout stays clean)
mkdir "$TMP/src" "$TMP/dist" "$TMP/run"
if git -C "$SRC" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$SRC" && git ls-files -z -co --exclude-standard \
     | while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done \
     | tar --null -T - -cf -) | tar -xf - -C "$TMP/src"
else
  (cd "$SRC" && tar --exclude=.venv --exclude=build --exclude='*.egg-info' -cf - .) | tar -xf - -C "$TMP/src"
fi
step "building the wheel"
"$PY" -m pip wheel -q --no-deps -w "$TMP/dist" "$TMP/src" >&2 || fail "pip wheel failed"
WHEEL=$(ls "$TMP"/dist/docket-*.whl) || fail "no wheel built"
"$PY" - "$WHEEL" <<'EOF' || fail "the wheel lacks files"
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = ["docket/cli.py", "docket/__main__.py", "docket/tui/app.tcss", "docket/fixtures/demo.py",
        "docket/tui/screens/forms/__init__.py", "docket/tui/widgets/__init__.py"]
missing = [n for n in need if n not in names]
shipped_tests = sorted(n for n in names if n.startswith(("docket/tests/", "docket/bench/", "tests/", "bench/")))
if missing or shipped_tests:
    sys.exit(f"missing {missing}; tests/bench shipped: {shipped_tests[:5]}")
EOF

# 2. a fresh venv without -e and without system site-packages
step "installing $(basename "$WHEEL") into a fresh venv"
# (a Debian python without python3-venv has no ensurepip: fall back to virtualenv)
"$PY" -m venv "$TMP/venv" 2>/dev/null || { rm -rf "$TMP/venv"; "$PY" -m pip install -q virtualenv >&2 \
  && "$PY" -m virtualenv -q --no-download "$TMP/venv" >&2; } || fail "could not make a venv"
V="$TMP/venv/bin"
"$V/python" -m pip install -q "$WHEEL" >&2 || fail "pip install of the wheel failed"
DOCKET="$V/docket"

# 3. use it from outside the checkout, with no DOCKET_* from the caller and a private data dir
cd "$TMP/run"
unset DOCKET_DB DOCKET_TODAY DOCKET_DEBUG
export DOCKET_USER=CI XDG_DATA_HOME="$TMP/xdg" PYTHONIOENCODING=utf-8
"$V/python" -c 'import docket, sys; sys.exit(0 if "/site-packages/docket/" in docket.__file__ else docket.__file__)' \
  || fail "docket is not imported from the venv's site-packages"
run() { "$DOCKET" "$@" </dev/null || fail "docket $* exited $?"; }
D=(--db "$TMP/run/demo.db")

run --help >help.txt
grep -q '^Usage: docket' help.txt || fail "--help printed no usage"
grep -q 'appraisal' help.txt || fail "--help does not list every command"
"$V/python" -m docket --version </dev/null | grep -q '^docket ' || fail "python -m docket --version"
run "${D[@]}" demo >demo.txt
grep -q '演示库已生成' demo.txt || fail "demo printed no summary"

json() { "$V/python" -c "import json, sys; d = json.load(sys.stdin); print($1)"; }
# notice: the demo's assignments already have theirs; assign two registered items first
mapfile -t NEW < <(run "${D[@]}" list --state registered --json | json '"\n".join(str(r["number"]) for r in d[:2])')
[ "${#NEW[@]}" -eq 2 ] || fail "the demo has no registered items to assign"
run "${D[@]}" assign "${NEW[@]}" --lead 县水利局 >/dev/null
run "${D[@]}" notice --out notice >/dev/null
mkdir remind
run "${D[@]}" remind --out remind >/dev/null
run "${D[@]}" report --format docx --out report.docx >/dev/null
run "${D[@]}" brief --out brief.docx >/dev/null
run "${D[@]}" form "${NEW[@]}" --out form >/dev/null
run "${D[@]}" score --out score.docx >/dev/null
R=2026年度部门工作评议
run "${D[@]}" appraisal new "$R" --group 代表 >/dev/null
run "${D[@]}" appraisal add-department "$R" 县水利局 县教育局 >/dev/null
for dept in 县水利局 县教育局; do
  run "${D[@]}" appraisal tally "$R" --department "$dept" --group 代表 --members 31 --present 29 \
    --satisfied 15 --basic 10 --dissatisfied 4 >/dev/null
done
run "${D[@]}" appraisal compute "$R" >/dev/null
run "${D[@]}" appraisal circular "$R" --out circular.docx >/dev/null
# every document opens in python-docx and has text; one of each kind at least
"$V/python" - <<'EOF' || fail "a document is missing or unreadable"
import glob, sys
import docx
kinds = {"notice": "notice/*.docx", "remind": "remind/*.docx", "report": "report.docx",
         "brief": "brief.docx", "form": "form/*.docx", "score": "score.docx", "circular": "circular.docx"}
missing = []
for kind, pattern in kinds.items():
    files = glob.glob(pattern)
    if not files:
        missing.append(kind)
    for f in files:
        text = "".join(p.text for p in docx.Document(f).paragraphs)
        if len(text) < 20:
            sys.exit(f"{f}: almost no text")
if missing:
    sys.exit(f"no document for {missing}")
print(f"wheel smoke: documents ok ({', '.join(kinds)})", file=sys.stderr)
EOF

# a closed pipe ends quietly
codes=$("$DOCKET" "${D[@]}" list 2>pipe-err.txt </dev/null | head -1 >/dev/null; echo "${PIPESTATUS[0]}") || true
case "$codes" in 0|141) ;; *) fail "docket list | head -1 exited $codes" ;; esac
[ ! -s pipe-err.txt ] || fail "docket list | head -1 wrote to stderr: $(cat pipe-err.txt)"

# the TUI, on a pseudo-terminal, draws the queue and quits on q
"$V/python" "$SRC/.ci/tui_pty.py" "$DOCKET" "$TMP/run/demo.db" 办理队列 编号 领衔人 >&2 || fail "the TUI did not start"
step "ok"
