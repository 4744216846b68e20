#!/usr/bin/env bash
# Desktop smoke test: starts the real Throughline window under Xvfb on a fresh
# user folder (so it creates the demo portfolio, as on first launch), waits
# for the page's self-test report, takes a screenshot of the screen and checks
# that the overview shows real figures and a drawn chart.
#
#   e2e/desktop-smoke.sh BINARY [test|run]
# "run" leaves the window up for 5 seconds more and only saves the screenshot.
set -euo pipefail
bin=$(realpath "$1")
mode=${2:-test}
art=$(realpath -m "${ART:-build/ci}")
mkdir -p "$art"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
log="$art/desktop.log"
shot="$art/desktop.png"
if [ "$mode" = run ]; then shot="$art/run.png"; fi

export THROUGHLINE_HOME="$home" THROUGHLINE_SELFTEST=1 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1

# Everything inside one xvfb-run so the screenshot sees the app's display.
timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  set -euo pipefail
  "$0" >"$1" 2>&1 &
  app=$!
  for i in $(seq 1 600); do
    if grep -q "^SELFTEST " "$1"; then break; fi
    if ! kill -0 $app 2>/dev/null; then echo "the app exited before its self-test"; exit 1; fi
    sleep 0.1
  done
  grep -q "^SELFTEST " "$1" || { echo "no self-test report after 60 s"; exit 1; }
  sleep 0.5 # let the last frame paint
  import -window root "$2"
  if [ "$3" = run ]; then sleep 5; fi
  kill $app; wait $app 2>/dev/null || true
' "$bin" "$log" "$shot" "$mode" || { echo "desktop smoke: FAILED"; cat "$log"; exit 1; }

report=$(grep '^SELFTEST ' "$log" | head -1 | sed 's/^SELFTEST //')
echo "$report" > "$art/desktop-selftest.json"
node -e '
  const r = JSON.parse(process.argv[1]);
  const problems = [];
  if (!r.demo) problems.push("the demo marker is not set");
  if (!(r.items >= 3000)) problems.push("items = " + r.items + ", want >= 3000");
  if (!(r.done > 0)) problems.push("done = " + r.done);
  if (!(r.wip > 0)) problems.push("wip = " + r.wip);
  if (!(r.programs >= 3)) problems.push("programs = " + r.programs);
  if (r.chart !== true) problems.push("the throughput chart did not finish drawing");
  if (!Array.isArray(r.cardsText) || r.cardsText.length !== 4 || r.cardsText.some(t => !/\d/.test(t)))
    problems.push("cards without figures: " + JSON.stringify(r.cardsText));
  if (problems.length) { console.error("desktop smoke: " + problems.join("; ")); process.exit(1); }
  console.log("desktop smoke: window shows " + r.portfolio + ": " + r.items + " items, " + r.done + " done, WIP " + r.wip + "; screenshot " + process.argv[2]);
 ' "$report" "$shot"
[ -s "$shot" ] || { echo "desktop smoke: no screenshot"; exit 1; }
