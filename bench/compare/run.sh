#!/usr/bin/env bash
# The peer comparison: numpy (the seed's vectorized step), scikit-learn, ML.NET and LogReg.Simd on ONE
# shared synthetic data set. Prints one table and writes bench/results/<cpu-name>/peers.md.
#
#   bash bench/compare/run.sh           full run (a few minutes)
#   bash bench/compare/run.sh --quick   fewer repeats; writes the report to the data folder, not bench/results
#
# Environment: LRCMP_DATA (data folder, default /tmp/logreg-compare; the data are written once and
# reused), PYTHON (default /usr/bin/python3, Debian's, which has python3-numpy and python3-sklearn).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "error: unknown argument '$arg' (use --quick)" >&2; exit 2 ;;
  esac
done

# 1. Debian packages, installed only when absent.
packages=(python3-numpy python3-sklearn python3-threadpoolctl libopenblas0-pthread)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-/usr/bin/python3}"
# Some processors here have OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE set, which slow a current numpy:
# unset both, for the Python commands only.
py() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" "$@"; }
py1() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$PY" "$@"; }

data="${LRCMP_DATA:-/tmp/logreg-compare}"
res="$data/results"
mkdir -p "$res"
rm -f "$res"/*.json
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
slug="$(echo "$cpu" | tr '[:upper:]' '[:lower:]' | sed -E 's/\((r|tm)\)//g; s/[^a-z0-9]+/-/g; s/^-+|-+$//g')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
if ((quick)); then step_repeats=5; fit_repeats=1; quick_flag=(--quick); else step_repeats=15; fit_repeats=5; quick_flag=(); fi

# 2. One data set for everyone (written once, reused while the files are complete).
py "$here/gen_data.py" "$data"

# 3. The systems.
echo "== numpy: which BLAS"
py -c "import numpy; numpy.show_config()" 2>&1 | grep -iE -A3 "blas_opt_info|openblas" | head -8 || true
echo "== numpy seed step, 1 thread"
py1 "$here/numpy_step.py" "$data" "$res/numpy_1.json" 1 "$step_repeats"
echo "== numpy seed step, all threads"
py "$here/numpy_step.py" "$data" "$res/numpy_all.json" all "$step_repeats"
echo "== scikit-learn, 1 thread"
py1 "$here/sklearn_fit.py" "$data" "$res/sklearn_1.json" "$fit_repeats" 1
echo "== scikit-learn, all threads"
py "$here/sklearn_fit.py" "$data" "$res/sklearn_all.json" "$fit_repeats" all
py -c "import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:3]); a['fits']+=b['fits']; json.dump(a,open(sys.argv[3],'w'))" \
  "$res/sklearn_1.json" "$res/sklearn_all.json" "$res/sklearn.json"

echo "== building the .NET peers (Release)"
dotnet build -c Release --nologo -v q "$here/LogRegPeer/LogRegPeer.csproj" >/dev/null
dotnet build -c Release --nologo -v q "$here/MlNetPeer/MlNetPeer.csproj" >/dev/null
echo "== LogReg.Simd"
dotnet "$here/LogRegPeer/bin/Release/net10.0/LogRegPeer.dll" "$data" "$res/logreg.json" "${quick_flag[@]}"
echo "== ML.NET"
dotnet "$here/MlNetPeer/bin/Release/net10.0/MlNetPeer.dll" "$data" "$res/mlnet.json" "${quick_flag[@]}"

# 4. The common evaluator and the table.
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
py - "$res/meta.json" <<PYEOF
import json, sys, datetime
json.dump({"cpu": "$cpu", "cores": $(nproc), "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
           "load_before": "$load_before", "load_after": "$load_after", "quick": bool($quick),
           "seed": json.load(open("$data/manifest.json"))["seed"]}, open(sys.argv[1], "w"))
PYEOF
if ((quick)); then out="$res/peers.md"; else out="$repo/bench/results/$slug/peers.md"; fi
echo "== report"
py "$here/compare.py" "$data" "$res" "$out"
