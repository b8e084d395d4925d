#!/bin/sh
# runcare serve --cert/--key answers over HTTPS, with HSTS and Secure
# cookies; a missing key file or a lone --cert is refused with a message.
# Skipped (77) without openssl. Only 127.0.0.1, a free port.
# usage: tls.sh RUNCARE_BINARY
bin=$1
command -v openssl >/dev/null || { echo "tls.sh: no openssl, skipped"; exit 77; }
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "tls.sh: $*"; exit 1; }

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" \
	-out "$work/cert.pem" -days 1 -subj /CN=localhost >/dev/null 2>&1 ||
	fail "openssl could not make a certificate"

"$bin" serve --listen 127.0.0.1:0 --db "$work/j.db" --cert "$work/cert.pem" \
	>"$work/out" 2>&1
[ $? = 64 ] || fail "--cert without --key was not a usage error"
grep -q -- "--cert and --key go together" "$work/out" || fail "no message: $(cat "$work/out")"
"$bin" serve --listen 127.0.0.1:0 --db "$work/j.db" --cert "$work/cert.pem" \
	--key "$work/none.pem" >"$work/out" 2>&1
[ $? = 66 ] || fail "a missing key file was not refused with 66"

. "$(dirname "$0")/lib.sh"
serve_start "$work/out" --listen 127.0.0.1:0 --db "$work/j.db" \
	--cert "$work/cert.pem" --key "$work/key.pem"
curl -sk -m 5 -D "$work/head" -o /dev/null "$url" || fail "no answer over HTTPS"
grep -q "^HTTP/1.1 200" "$work/head" || fail "status: $(head -n 1 "$work/head")"
grep -qi "^Strict-Transport-Security:" "$work/head" || fail "no HSTS"
grep -i "^Set-Cookie:" "$work/head" | grep -q "; Secure" || fail "cookie not Secure"
grep -i "^Set-Cookie:" "$work/head" | grep -q "^Set-Cookie: __Host-rc_csrf=.*Path=/" ||
	fail "the cookie has no __Host- prefix: $(grep -i '^Set-Cookie' "$work/head")"
plain=$(echo "$url" | sed 's/^https/http/')
curl -s -m 5 -o /dev/null "$plain" && fail "plain HTTP was answered on the TLS port"
hp=$(echo "$url" | sed 's|^https://||; s|/$||')
probe() { echo | timeout 5 openssl s_client -connect "$hp" "$@" 2>&1 | grep -q "^New, TLSv1"; }
probe -tls1_2 || fail "TLS 1.2 was refused"
probe -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 || fail "an AEAD suite was refused"
probe -tls1 -cipher 'DEFAULT:@SECLEVEL=0' && fail "TLS 1.0 was accepted"
probe -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' && fail "TLS 1.1 was accepted"
for c in ECDHE-RSA-AES128-SHA AES128-SHA ECDHE-RSA-AES256-SHA384 AES256-SHA256; do
	probe -tls1_2 -cipher "$c" && fail "the CBC suite $c was accepted"
done
echo "tls: HTTPS with HSTS and Secure cookies, TLS 1.2+ with AEAD only"
