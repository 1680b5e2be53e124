#!/usr/bin/env bash
# warstock bootstrap. Sets up what a fresh machine needs, then runs warstock or the tests.
#
#   ./ws report --year 2025     the main job, on the embedded snapshot (no network, no data)
#   ./ws test                   the test suite (unit + integration tier when ../shared/data exists)
#   ./ws <any warstock command> e.g. ./ws run ../shared/data, ./ws problems
#
# It creates .venv with the pinned dependencies (pyproject.toml, constraints.txt) the first
# time and whenever those files change. Set WARSTOCK_PYTHON to choose the interpreter.
set -euo pipefail
cd "$(dirname "$0")"
PY=${WARSTOCK_PYTHON:-python3}
VENV=.venv

setup() {  # $1 = "" or "dev"
  local extra=${1:-} stamp="$VENV/.installed${1:+-$1}"
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ] \
     && [ "$stamp" -nt constraints.txt ]; then
    return
  fi
  echo "ws: setting up $VENV (${extra:-runtime} dependencies)..." >&2
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  local spec="."
  [ -n "$extra" ] && spec=".[$extra]"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    -c constraints.txt -e "$spec" >&2
  # PP-OCR's recognition model (the OCR's second engine for date cells) ships in this wheel;
  # warstock loads only the model, with onnxruntime, so the wheel's own dependencies (among
  # them a second OpenCV build) are left out
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
    -c constraints.txt rapidocr-onnxruntime==1.4.4 >&2
  touch "$stamp"
  [ -n "$extra" ] && touch "$VENV/.installed"
  return 0
}

tesseract() {  # Debian's Tesseract and its English data, for `warstock ocr` and the OCR tests
  if [ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || [ -f /usr/share/tesseract-ocr/4.00/tessdata/eng.traineddata ] \
     || [ -n "${WARSTOCK_TESSDATA:-}" ]; then
    return
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if command -v apt-get >/dev/null; then
    echo "ws: installing Debian's tesseract-ocr and tesseract-ocr-eng..." >&2
    $sudo apt-get install -y -qq tesseract-ocr tesseract-ocr-eng >&2 \
      || { $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq tesseract-ocr tesseract-ocr-eng >&2; } \
      || echo "ws: could not install tesseract-ocr; OCR will report it as unavailable" >&2
  else
    echo "ws: no apt-get here: install Tesseract with English data yourself for OCR" >&2
  fi
}

chromium() {  # Debian's chromium, for the browser tests of the dashboard (tests/web)
  [ -x /usr/bin/chromium ] && return
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if command -v apt-get >/dev/null; then
    echo "ws: installing Debian's chromium..." >&2
    $sudo apt-get install -y -qq chromium >&2 \
      || { $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq chromium >&2; } \
      || echo "ws: could not install chromium; the browser tests will be skipped" >&2
  else
    echo "ws: no apt-get here: install chromium yourself for the browser tests" >&2
  fi
}

case "${1:-}" in
  test)
    shift
    tesseract
    chromium
    setup dev
    set +e
    "$VENV/bin/python" -m pytest "$@"
    rc=$?
    set -e
    if [ "$rc" -eq 5 ]; then
      echo "ws: pytest collected no tests: that is a failure here" >&2
      exit 1
    fi
    exit "$rc"
    ;;
  lint)
    shift
    setup dev
    "$VENV/bin/ruff" check src tests benchmarks scripts
    "$VENV/bin/mypy"
    ;;
  ocr|run)
    tesseract
    setup
    exec "$VENV/bin/warstock" "$@"
    ;;
  *)
    setup
    exec "$VENV/bin/warstock" "$@"
    ;;
esac
