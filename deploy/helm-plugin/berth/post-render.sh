#!/bin/sh
# Runs `berth helm-post-render` for Helm. Berth is found through BERTH_BIN, else on PATH.
#
# Helm 4 keeps a post-renderer's stderr to itself: a failing plugin shows only
# 'plugin "berth" exited with error'. So the problems are also written to Helm's own
# stderr, which this process (Helm's child) reaches through /proc on Linux.
berth="${BERTH_BIN:-}"
if [ -z "$berth" ]; then
  berth="$(command -v berth 2>/dev/null || true)"
fi
helm_stderr="/proc/$PPID/fd/2"
say() {
  printf '%s\n' "$1" >&2
  if [ -n "${HELM_PLUGIN_DIR:-}" ] && [ -w "$helm_stderr" ]; then
    printf '%s\n' "$1" >>"$helm_stderr"
  fi
}
if [ -z "$berth" ] || [ ! -x "$berth" ]; then
  say "berth helm-post-render: cannot find the berth command; put it on PATH or set BERTH_BIN"
  exit 1
fi
errors="$(mktemp "${TMPDIR:-/tmp}/berth-post-render.XXXXXX")" || exit 1
trap 'rm -f "$errors"' EXIT
"$berth" helm-post-render "$@" 2>"$errors"
status=$?
if [ -s "$errors" ]; then
  cat "$errors" >&2
  if [ -n "${HELM_PLUGIN_DIR:-}" ] && [ -w "$helm_stderr" ]; then
    cat "$errors" >>"$helm_stderr"
  fi
fi
exit "$status"
