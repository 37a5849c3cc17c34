#!/usr/bin/env bash
# `make run-scaled`: the production layout on one machine. Two single-worker gunicorn processes, each with
# its own control socket, share rooms through Redis and both databases on PostgreSQL, behind nginx with
# sticky sessions and WebSocket upgrades (deploy/README.md). Ctrl-C or SIGTERM stops all of it.
#
# Uses the local PostgreSQL (127.0.0.1:5432, user postgres; databases kinship_scaled_app and
# kinship_scaled_moderation, or SCALED_DATABASES's, are created when missing) and the local Redis (127.0.0.1:6379) under its own
# DEPLOYMENT_NAME. nginx comes from Debian's package, installed here when missing. The demo data is loaded,
# as for `make run` (APP_ENV stays development so that it may be).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8080}                       # nginx, the one address clients use
APP_PORTS=(${APP_PORTS:-5001 5002})      # one gunicorn each
STATE=${SCALED_STATE:-instance/scaled}   # logs, control sockets, nginx's files
PG=${SCALED_POSTGRES:-postgresql://postgres@127.0.0.1:5432}
DBS=${SCALED_DATABASES:-kinship_scaled}   # <name>_app and <name>_moderation
BIN=.venv/bin

say() { echo "run-scaled: $*"; }
fail() { echo "run-scaled: $*" >&2; exit 1; }

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  say "installing nginx from Debian's packages"
  command -v apt-get >/dev/null || fail "nginx is missing and there is no apt-get to install it"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; } \
    || fail "could not install nginx-light"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

"$BIN/python" - "$PG" "$DBS" <<'PY' || fail "PostgreSQL does not answer at $PG (start it, or set SCALED_POSTGRES)"
import sys, psycopg
with psycopg.connect(sys.argv[1] + "/postgres", autocommit=True, connect_timeout=3) as conn:
    for name in (sys.argv[2] + "_app", sys.argv[2] + "_moderation"):
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
PY
"$BIN/python" -c 'import redis, sys; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).ping()' \
  "${REDIS_URL:-redis://127.0.0.1:6379/0}" || fail "Redis does not answer at ${REDIS_URL:-redis://127.0.0.1:6379/0}"

mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd)
export DATABASE_URL="$PG/${DBS}_app" MODERATION_DATABASE_URL="$PG/${DBS}_moderation"
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0} DEPLOYMENT_NAME=${DEPLOYMENT_NAME:-kinship-scaled}
export PROCESSES=${#APP_PORTS[@]} PROXY_COUNT=1 PORT INSTANCE_PATH="$STATE"

say "upgrading the databases and loading demo data"
"$BIN/flask" --app backend db-upgrade >/dev/null
"$BIN/flask" --app backend demo-data >/dev/null

pids=()
stop() {
  trap - INT TERM EXIT
  say "stopping"
  [ -f "$STATE/nginx.pid" ] && kill "$(cat "$STATE/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

servers="" pins=""
for i in "${!APP_PORTS[@]}"; do
  port=${APP_PORTS[$i]} name="app-$((i + 1))"
  servers+="    server 127.0.0.1:$port;"$'\n'
  pins+="    \"127.0.0.1:$port\" 127.0.0.1:$port;"$'\n'
  "$BIN/gunicorn" -w 1 --threads 50 -b "127.0.0.1:$port" --control-socket "$STATE/$name.ctl" \
    --error-logfile "$STATE/$name.log" --graceful-timeout 10 backend.wsgi:app >>"$STATE/$name.log" 2>&1 &
  pids+=($!)
done

mkdir -p "$STATE/nginx"/{body,proxy,fastcgi,uwsgi,scgi}
chmod 0777 "$STATE/nginx"/{body,proxy,fastcgi,uwsgi,scgi}  # nginx's workers run as an unprivileged user
# The same proxying as deploy/nginx.conf, on plain HTTP on loopback.
cat >"$STATE/nginx/nginx.conf" <<NGINX
worker_processes 1;
error_log $STATE/nginx/error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path $STATE/nginx/body;
  proxy_temp_path $STATE/nginx/proxy;
  fastcgi_temp_path $STATE/nginx/fastcgi;
  uwsgi_temp_path $STATE/nginx/uwsgi;
  scgi_temp_path $STATE/nginx/scgi;
  upstream kinship_app {
$servers  }
  # Sticky sessions: a client's first Socket.IO request goes to any process, which the cookie then pins.
  map \$cookie_kinship_node \$kinship_node {
$pins    default kinship_app;
  }
  map \$http_upgrade \$connection_upgrade { default upgrade; "" close; }
  server {
    listen 127.0.0.1:$PORT;
    client_max_body_size 64k;
    location /socket.io/ {
      proxy_pass http://\$kinship_node;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_read_timeout 120s;
      add_header Set-Cookie "kinship_node=\$upstream_addr; Path=/socket.io/; HttpOnly; SameSite=Lax" always;
    }
    location / {
      proxy_pass http://kinship_app;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
NGINX
"$NGINX" -t -q -c "$STATE/nginx/nginx.conf" -p "$STATE/nginx" || fail "nginx refused its configuration"
"$NGINX" -c "$STATE/nginx/nginx.conf" -p "$STATE/nginx" -g "pid $STATE/nginx.pid; daemon off;" &
pids+=($!)

for _ in $(seq 1 120); do
  ok=0
  for port in "${APP_PORTS[@]}"; do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && ok=$((ok + 1)); done
  [ "$ok" -eq "${#APP_PORTS[@]}" ] && curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || fail "a process died; see $STATE/*.log"; done
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || fail "not healthy after 60 s; see $STATE/*.log"
say "ready: http://127.0.0.1:$PORT (nginx) -> ${APP_PORTS[*]} (gunicorn, one worker each); logs in $STATE"
wait -n "${pids[@]}" || true
fail "a process stopped; see $STATE/*.log"
