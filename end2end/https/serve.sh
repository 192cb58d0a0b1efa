#!/usr/bin/env bash
# Gatehouse behind a real reverse proxy, for the `https` end-to-end project
# (tests/https.spec.ts): Debian's nginx running deploy/nginx/gatehouse.conf, ending TLS with a
# certificate of a test CA made here, in front of two `gatehouse serve` processes on one
# PostgreSQL database. Also makes the NSS database through which the project's Chromium trusts
# that CA, as a user's browser trusts a real certificate: no certificate error is ignored.
#
# playwright.config.ts runs it from the repository root, with the figures of tests/https_site.ts
# and the backends' settings in the environment; it stays in the foreground until killed, and
# exits (taking the others down) when nginx or a backend stops. Everything it makes is under
# $E2E_HTTPS_DIR (target/e2e-https), made afresh each run.
set -euo pipefail
# Debian puts nginx in /usr/sbin, which a non-root PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"

dir="${E2E_HTTPS_DIR:?}"
host="${E2E_HTTPS_HOST:?}"
port="${E2E_HTTPS_PORT:?}"
http_port="${E2E_HTTP_PORT:?}"
read -r -a backends <<<"${E2E_HTTPS_BACKENDS:?}"
proxy_address="${E2E_HTTPS_PROXY_ADDRESS:?}"
database="${E2E_HTTPS_DATABASE:?}"
[ ${#backends[@]} = 2 ] || { echo "serve.sh: two backends expected, got ${backends[*]}" >&2; exit 1; }

pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_all EXIT
trap 'exit 143' TERM INT

rm -rf "$dir"
mkdir -p "$dir/tls" "$dir/home/.pki/nssdb" "$dir/nginx/tmp"

# A fresh database for this run, beside the desktop-postgres project's on the same server (the
# secret key below is new each run, and a database refuses a key other than its own).
PGOPTIONS='-c client_min_messages=warning' psql "${GATEHOUSE_E2E_PG_URL:?}" -qX -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >/dev/null

# The installation's secret key, one file for both backends and for the command line.
(umask 077 && openssl rand -hex 32 >"$dir/secret.key")

# A test CA, and the server's certificate for $host signed by it. Both last two days: made at
# every run, they never need more.
tls="$dir/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -keyout "$tls/ca.key" -out "$tls/ca.pem" -subj "/CN=Gatehouse end-to-end test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout "$tls/server.key" -out "$tls/server.csr" -subj "/CN=$host" 2>/dev/null
printf '%s\n' "subjectAltName=DNS:$host" "basicConstraints=critical,CA:FALSE" \
  "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" >"$tls/server.ext"
openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial \
  -days 2 -extfile "$tls/server.ext" -out "$tls/server.pem" 2>/dev/null

# Chromium on Linux takes the CAs a user trusts from $HOME/.pki/nssdb: this HOME is the https
# project's browser's only (playwright.config.ts).
nssdb="sql:$dir/home/.pki/nssdb"
certutil -d "$nssdb" -N --empty-password
certutil -d "$nssdb" -A -t "C,," -n "Gatehouse end-to-end test CA" -i "$tls/ca.pem"

# The site configuration is deploy/nginx/gatehouse.conf with this run's ports, host name and
# certificate; each change must apply exactly once, so that the file under test is the one an
# operator copies, not a stale imitation of it.
site="$dir/nginx/gatehouse.conf"
cp deploy/nginx/gatehouse.conf "$site"
substitute() { # what, into: `what` is in one line of the file, and becomes `into` there
  local count
  count=$(grep -cF -- "$1" "$site" || true)
  [ "$count" = 1 ] || { echo "serve.sh: deploy/nginx/gatehouse.conf has '$1' in $count lines, not 1" >&2; exit 1; }
  WHAT="$1" INTO="$2" perl -i -pe 's/\Q$ENV{WHAT}\E/$ENV{INTO}/' "$site"
}
substitute "server 127.0.0.1:3000 " "server 127.0.0.1:${backends[0]} "
substitute "server 127.0.0.1:3002 " "server 127.0.0.1:${backends[1]} "
substitute "listen 443 ssl http2;" "listen 127.0.0.1:$port ssl http2;"
substitute "listen 80;" "listen 127.0.0.1:$http_port;"
substitute "/etc/ssl/gatehouse/fullchain.pem;" "$tls/server.pem;"
substitute "/etc/ssl/gatehouse/privkey.pem;" "$tls/server.key;"
# Loopback IPv6 may not exist where the tests run; the IPv4 listeners are enough here.
sed -i '/listen \[::\]:/d' "$site"
sed -i "s/server_name gatehouse\.example\.gov\.tw;/server_name $host;/" "$site"
if grep -vE '^\s*#' "$site" | grep -E 'example\.gov\.tw|/etc/ssl|\[::\]|127\.0\.0\.1:300[02]' >&2; then
  echo "serve.sh: left over in $site (above), outside its comments" >&2
  exit 1
fi

# The server as a whole: nginx's own files under $dir/nginx (Debian's build would write to
# /var/lib/nginx and /run), an access log that names the backend of each request and the
# X-Forwarded-For the client sent, and the backends reached from $proxy_address.
n="$dir/nginx"
cat >"$n/nginx.conf" <<EOF
worker_processes 1;
pid $n/nginx.pid;
error_log $n/error.log warn;
events { worker_connections 256; }
http {
    log_format upstreams '\$remote_addr "\$request" \$status upstream=\$upstream_addr xff="\$http_x_forwarded_for"';
    access_log $n/access.log upstreams;
    client_body_temp_path $n/tmp/body;
    proxy_temp_path $n/tmp/proxy;
    fastcgi_temp_path $n/tmp/fastcgi;
    uwsgi_temp_path $n/tmp/uwsgi;
    scgi_temp_path $n/tmp/scgi;
    proxy_bind $proxy_address;
    include $site;
}
EOF
nginx -q -t -p "$n" -c "$n/nginx.conf"

# Waits until curl's request (its arguments) answers 2xx, or fails after 60 s.
healthy() {
  for _ in $(seq 600); do
    curl -fsS -o /dev/null "$@" 2>/dev/null && return 0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "serve.sh: a process stopped while starting" >&2; exit 1; }; done
    sleep 0.1
  done
  echo "serve.sh: ${*: -1} did not answer in 60 s" >&2
  exit 1
}

# The backends one after the other: the first one migrates the empty database and makes the
# demo accounts, which two at once would both try to. /readyz says that a backend is through
# all that (/healthz only that it is alive: 200 while it is still starting).
for backend in "${backends[@]}"; do
  LEPTOS_SITE_ADDR="127.0.0.1:$backend" target/debug/gatehouse serve &
  pids+=($!)
  healthy "http://127.0.0.1:$backend/readyz"
done
nginx -p "$n" -c "$n/nginx.conf" -g 'daemon off;' &
pids+=($!)
healthy --cacert "$tls/ca.pem" --resolve "$host:$port:127.0.0.1" "https://$host:$port/readyz"

# Until one of them stops.
set +e
wait -n "${pids[@]}"
status=$?
echo "serve.sh: a backend or nginx stopped (exit $status); error log: $(tail -n 5 "$n/error.log" 2>/dev/null)" >&2
exit 1
