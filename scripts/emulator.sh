#!/usr/bin/env bash
# Installs and runs the local AWS emulator (moto server, pinned) from a project-local virtualenv.
#   scripts/emulator.sh install                    create .venv with moto[server]
#   scripts/emulator.sh start [--port N] [--dir D] start on 127.0.0.1 (a free port unless given), wait until ready
#   scripts/emulator.sh stop [--dir D]             stop the one started from D
#   scripts/emulator.sh url [--dir D]              print its URL
# State (pid, url, log) lives in D, default .emulator/.
set -euo pipefail
cd "$(dirname "$0")/.."
MOTO_VERSION=5.2.5
VENV=${VENV:-.venv}
cmd=${1:-}; shift || true
port=""; dir=.emulator
while [[ $# -gt 0 ]]; do
  case $1 in
    --port) port=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    *) echo "emulator.sh: unknown option $1" >&2; exit 64 ;;
  esac
done

install() {
  if [[ -x $VENV/bin/moto_server ]] && "$VENV/bin/python" -c "import moto,sys; sys.exit(moto.__version__!='$MOTO_VERSION')" 2>/dev/null; then
    return
  fi
  echo "installing moto[server]==$MOTO_VERSION into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  install
  mkdir -p "$dir"
  if [[ -f $dir/pid ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "emulator already running at $(cat "$dir/url")" >&2
    cat "$dir/url"; return
  fi
  [[ -n $port ]] || port=$(free_port)
  # MOTO_ECS_SERVICE_RUNNING: moto reports this many running tasks per service (see DESIGN.md).
  # MOTO_ACM_VALIDATION_WAIT: seconds moto keeps a DNS-validated certificate PENDING_VALIDATION before
  # issuing it (moto's default 60). `up` waits for issuance before the HTTPS listener, in every region, so
  # 2 keeps `make test` and `make demo` fast while still going through the pending state; pass another
  # value in the environment to see the wait.
  MOTO_ECS_SERVICE_RUNNING=${MOTO_ECS_SERVICE_RUNNING:-2} \
  MOTO_ACM_VALIDATION_WAIT=${MOTO_ACM_VALIDATION_WAIT:-2} \
    nohup "$VENV/bin/moto_server" -H 127.0.0.1 -p "$port" >"$dir/log" 2>&1 &
  echo $! >"$dir/pid"
  url="http://127.0.0.1:$port"
  echo "$url" >"$dir/url"
  for _ in $(seq 1 100); do
    if curl -fsS "$url/moto-api/" >/dev/null 2>&1; then
      echo "emulator (moto $MOTO_VERSION) listening at $url, pid $(cat "$dir/pid")" >&2
      echo "$url"; return
    fi
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "emulator failed to start; its log:" >&2; cat "$dir/log" >&2; exit 1
}

stop() {
  if [[ -f $dir/pid ]]; then
    kill "$(cat "$dir/pid")" 2>/dev/null || true
    rm -f "$dir/pid" "$dir/url"
    echo "emulator stopped" >&2
  fi
}

case $cmd in
  install) install ;;
  start) start ;;
  stop) stop ;;
  url) cat "$dir/url" ;;
  *) echo "usage: scripts/emulator.sh install|start|stop|url [--port N] [--dir D]" >&2; exit 64 ;;
esac
