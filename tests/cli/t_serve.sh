#!/bin/sh
# Tests of `runcare serve` options that are refused before it listens.
. "$TESTS_CLI/lib.sh"
D=$TMPDIR_T
export LC_ALL=C.UTF-8

t_case "--hostname must be a host name"
t_run serve --listen 127.0.0.1:0 --db "$D/j.db" --hostname 'bad/name'
t_code 64
t_err "runcare: serve: --hostname bad/name: not a host name (letters, digits, dots and dashes)"

t_case "--hostname at most 16 times"
set --
for i in $(seq 17); do set -- "$@" --hostname "h$i.example"; done
t_run serve --listen 127.0.0.1:0 --db "$D/j.db" "$@"
t_code 64
t_err_prefix "runcare: serve: --hostname: at most 16 names"
t_done
