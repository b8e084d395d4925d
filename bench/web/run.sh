#!/bin/sh
# Benchmark of the web app, on this machine, against itself only:
#   1. wrk, 64 connections for 10 s, against the intake page (GET /) and
#      the check (POST /check with a valid CSRF token): requests/s and p99;
#   2. nginx (Debian) serving a static copy of the same intake page in the
#      same run, as the reference for a static page;
#   3. the server's peak RSS (VmHWM) after all of it;
#   4. a slow-client test: hundreds of sockets from 127.0.0.1 trickle a
#      request one byte at a time while another client (from 127.0.0.2)
#      must still be served within a second.
# Targets: check >= 20,000 requests/s with p99 < 10 ms, peak RSS < 20 MB,
# at least half of nginx's static rate, slow clients harmless.
# Everything listens on 127.0.0.1 with free ports and is stopped at the end.
# usage: bench/web/run.sh [BUILD_DIR]
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$build" && pwd)/runcare
seconds=${BENCH_SECONDS:-10}
[ -x "$bin" ] || { echo "bench: no $bin; run make first" >&2; exit 1; }
for p in wrk curl python3; do
	command -v $p >/dev/null || { echo "bench: $p is missing (make deps)" >&2; exit 1; }
done
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "bench: nginx is missing (make deps)" >&2; exit 1; }
work=$(mktemp -d)
server_pid="" nginx_pid=""
stop() {
	[ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null
	[ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null
	[ -n "$server_pid" ] && wait "$server_pid" 2>/dev/null
	rm -rf "$work"
}
trap stop EXIT INT TERM

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
"$bin" serve --listen 127.0.0.1:0 --db "$work/journal.db" >"$work/serve.out" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
	url=$(grep -o 'http://[^ ]*' "$work/serve.out") && break
	sleep 0.1
done
[ -n "$url" ] || { echo "bench: the server did not start" >&2; cat "$work/serve.out"; exit 1; }

# A visitor's cookie and form token, for the POST.
curl -s -c "$work/jar" "$url" -o "$work/intake.html"
token=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$work/intake.html" | head -n 1)
cookie=$(awk '$6 == "rc_csrf" { print "rc_csrf=" $7 }' "$work/jar")
cat >"$work/check.lua" <<LUA
wrk.method = "POST"
wrk.body = "csrf=$token&area=knee&s=load_pattern&s=tight&pain_rest=2&pain_run=4&pain_morning=3&trend=same&goal=relief"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "$cookie"
LUA
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/jar" -d "csrf=$token&area=knee&s=load_pattern" "${url}check")
[ "$code" = 200 ] || { echo "bench: POST /check answered $code" >&2; exit 1; }

# The static copy for nginx: the same intake page and its stylesheet.
mkdir -p "$work/www/static" "$work/ng"
chmod 755 "$work" "$work/www" "$work/www/static"   # nginx's workers read it
cp "$work/intake.html" "$work/www/index.html"
curl -s "${url}static/app.css" -o "$work/www/static/app.css"
chmod 644 "$work/www/index.html" "$work/www/static/app.css"
nport=$(free_port)
cat >"$work/nginx.conf" <<NGINX
worker_processes $(nproc);
pid $work/ng/nginx.pid;
error_log $work/ng/error.log;
daemon off;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $work/ng;
	proxy_temp_path $work/ng;
	fastcgi_temp_path $work/ng;
	uwsgi_temp_path $work/ng;
	scgi_temp_path $work/ng;
	default_type text/html;
	server { listen 127.0.0.1:$nport; root $work/www; }
}
NGINX
"$nginx" -c "$work/nginx.conf" -p "$work/ng" 2>>"$work/ng/error.log" &
nginx_pid=$!
sleep 0.5

# run KEY NAME WRK-ARGS...: one wrk run, summarised.
run() {
	key=$1 name=$2; shift 2
	wrk -t2 -c64 -d"${seconds}s" --latency "$@" >"$work/$key.txt" 2>&1
	python3 - "$name" "$work/$key.txt" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
m = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
p99 = ms(*m.groups()) if m else float("nan")
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print("%-22s %9.0f requests/s   p99 %6.2f ms%s" % (name, rps, p99,
      "   (%s non-2xx!)" % bad.group(1) if bad else ""))
open(sys.argv[2] + ".rps", "w").write("%f %f" % (rps, p99))
PY
}

run get "runcare GET /" "$url"
run check "runcare POST /check" -s "$work/check.lua" "${url}check"
run nginx "nginx static intake" "http://127.0.0.1:$nport/"
rss=$(awk '/VmHWM/ { print $2 }' "/proc/$server_pid/status")

# Slow clients: 300 sockets from 127.0.0.1 trickle bytes; a client from
# 127.0.0.2 must get the intake page within a second meanwhile.
python3 - "$url" <<'PY' >"$work/slow.txt"
import socket, sys, time, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
host, port = u.hostname, u.port
slow = []
for _ in range(300):
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect((host, port))
        s.send(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        slow.append(s)
    except OSError:
        s.close()
worst = 0.0
for round_ in range(5):
    for s in slow:
        try:
            s.send(b"a")
        except OSError:
            pass
    c = socket.socket()
    c.settimeout(5)
    c.bind(("127.0.0.2", 0))
    t = time.perf_counter()
    c.connect((host, port))
    c.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        chunk = c.recv(65536)
        if not chunk:
            break
        data += chunk
    worst = max(worst, time.perf_counter() - t)
    c.close()
    ok = data.startswith(b"HTTP/1.1 200")
    if not ok:
        break
    time.sleep(0.3)
print("%d %.3f %d" % (len(slow), worst, ok))
for s in slow:
    s.close()
PY
set -- $(cat "$work/slow.txt")
slow_n=$1 slow_worst=$2 slow_ok=$3

python3 - "$work" "$rss" "$slow_n" "$slow_worst" "$slow_ok" <<'PY'
import sys
work, rss_kb, slow_n, slow_worst, slow_ok = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5] == "1"
def load(n):
    r, p = open("%s/%s.txt.rps" % (work, n)).read().split()
    return float(r), float(p)
chk, chk_p99 = load("check")
get, _ = load("get")
ngx, _ = load("nginx")
print("peak RSS of runcare: %.1f MB" % (rss_kb / 1024))
print("slow clients: %d trickling sockets open; another client served in %.3f s (%s)"
      % (slow_n, slow_worst, "ok" if slow_ok else "FAILED"))
checks = [
    ("check POST >= 20000 requests/s", chk >= 20000),
    ("check POST p99 < 10 ms", chk_p99 < 10),
    ("peak RSS < 20 MB", rss_kb < 20 * 1024),
    ("intake GET >= half of nginx static (%.0f%%)" % (100 * get / ngx), get >= ngx / 2),
    ("check POST >= half of nginx static (%.0f%%)" % (100 * chk / ngx), chk >= ngx / 2),
    ("another client served within 1 s during slow clients", slow_ok and slow_worst < 1),
]
for name, ok in checks:
    print("%s: %s" % ("met" if ok else "MISSED", name))
PY
