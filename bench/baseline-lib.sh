# shellcheck shell=bash
# Shared by the benchmarks that take --baseline-bin: compares a figure of the candidate binary
# with the same figure of the baseline binary, measured in the same run with the same settings.
#
# baseline_compare KIND CANDIDATE BASELINE
#   KIND is "higher" (higher is better: requests/s) or "lower" (lower is better: seconds, latency).
#   Prints "RATIO VERDICT": RATIO = candidate / baseline; VERDICT is "yes" when the ratio lies in
#   [0.90, 1.10] (within 10%), "NO-worse" when the candidate is more than 10% worse, "no-better"
#   when it is more than 10% better (outside the band, but no regression).
baseline_compare() {
  awk -v k="$1" -v c="$2" -v b="$3" 'BEGIN {
    if (c == "" || b == "" || b + 0 == 0) { print "n/a n/a"; exit }
    r = c / b
    if (r >= 0.9 && r <= 1.1) v = "yes"
    else if ((k == "higher" && r > 1.1) || (k == "lower" && r < 0.9)) v = "no-better"
    else v = "NO-worse"
    printf "%.3f %s\n", r, v
  }'
}

# baseline_row LABEL KIND UNIT CANDIDATE BASELINE: one line of the candidate-vs-baseline table.
baseline_row() {
  local ratio verdict
  read -r ratio verdict <<<"$(baseline_compare "$2" "$4" "$5")"
  printf '  %-44s %12s %12s %-5s %7s  %s\n' "$1" "$4" "$5" "$3" "$ratio" "$verdict"
}

baseline_header() {
  printf '  %-44s %12s %12s %-5s %7s  %s\n' measure candidate baseline unit ratio "within 10%"
}

# The path of an executable, absolute (so that a later cd or exec keeps it valid).
abs_bin() {
  local d
  d=$(cd "$(dirname "$1")" && pwd) || return 1
  echo "$d/$(basename "$1")"
}
