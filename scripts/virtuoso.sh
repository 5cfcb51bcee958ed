#!/usr/bin/env bash
# Start or stop a throw-away Virtuoso SPARQL server on loopback, for tests and trials.
#
#   scripts/virtuoso.sh start [DIR]   install Debian's virtuoso-opensource if missing,
#                                     start a server with its database in DIR (default: a
#                                     new temp dir), listening ONLY on 127.0.0.1 on free
#                                     ports; wait until SPARQL answers; allow SPARQL
#                                     updates; print the endpoint URL (last line of stdout).
#   scripts/virtuoso.sh stop DIR      stop that server and delete DIR.
#   scripts/virtuoso.sh url DIR       print the endpoint URL of a running server.
#
# Then: ecokg load data/ --store sparql:$(scripts/virtuoso.sh url DIR)
# Everything is idempotent: `start` on a DIR whose server runs just prints its URL.
set -euo pipefail

cmd="${1:-}"
dir="${2:-}"

log() { echo "virtuoso.sh: $*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
    else log "need root (or password-less sudo) to run: $*"; return 1
    fi
}

install_virtuoso() {
    if command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; then
        return 0
    fi
    log "installing Debian's virtuoso-opensource (apt-get) ..."
    export DEBIAN_FRONTEND=noninteractive
    if ! as_root apt-get install -y -q --no-install-recommends virtuoso-opensource >&2; then
        as_root apt-get update -q >&2 || true
        as_root apt-get install -y -q --no-install-recommends virtuoso-opensource >&2
    fi
    # the package starts a system-wide server on 0.0.0.0:8890; we do not want it
    if command -v service >/dev/null 2>&1; then
        as_root service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
    fi
    command -v virtuoso-t >/dev/null 2>&1
}

free_port() {
    python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

running() {  # DIR -> 0 if its server process is alive
    [ -f "$1/virtuoso.pid" ] && kill -0 "$(cat "$1/virtuoso.pid")" 2>/dev/null
}

answers() {  # URL -> 0 if the SPARQL endpoint answers
    curl -fsS -m 5 --data-urlencode 'query=ASK {}' "$1" >/dev/null 2>&1
}

start() {
    install_virtuoso || { log "could not install virtuoso-opensource"; exit 3; }
    if [ -z "$dir" ]; then dir="$(mktemp -d "${TMPDIR:-/tmp}/ecokg-virtuoso.XXXXXX")"; fi
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    if running "$dir" && answers "$(cat "$dir/endpoint")"; then
        cat "$dir/endpoint"
        return 0
    fi
    touch "$dir/.ecokg-virtuoso"
    local sql_port http_port
    sql_port="$(free_port)"
    http_port="$(free_port)"
    while [ "$http_port" = "$sql_port" ]; do http_port="$(free_port)"; done
    cat >"$dir/virtuoso.ini" <<EOF
[Database]
DatabaseFile       = $dir/virtuoso.db
ErrorLogFile       = $dir/virtuoso.log
LockFile           = $dir/virtuoso.lck
TransactionFile    = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $dir/virtuoso-temp.db
TransactionFile    = $dir/virtuoso-temp.trx
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:$sql_port
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 60
CaseMode                 = 2
DirsAllowed              = ., $dir
NumberOfBuffers          = 20000
MaxDirtyBuffers          = 15000
MaxQueryMem              = 500M
ThreadsPerQuery          = 2
AsyncQueueMaxThreads     = 4

[HTTPServer]
ServerPort                  = 127.0.0.1:$http_port
ServerRoot                  = $dir
MaxClientConnections        = 10
ServerThreads               = 10
Charset                     = UTF-8
EnabledGzipContent          = 0

[SPARQL]
ResultSetMaxRows           = 10000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 0
EOF
    log "starting virtuoso in $dir (sql 127.0.0.1:$sql_port, http 127.0.0.1:$http_port)"
    # own session, no inherited pipes: callers that capture our output do not wait for the server
    pushd "$dir" >/dev/null
    setsid nohup virtuoso-t +configfile "$dir/virtuoso.ini" +foreground \
        >"$dir/stdout.log" 2>&1 </dev/null 3>&- 4>&- 5>&- &
    echo $! >"$dir/virtuoso.pid"
    popd >/dev/null
    local url="http://127.0.0.1:$http_port/sparql"
    local i
    for i in $(seq 1 240); do
        if answers "$url"; then break; fi
        if ! running "$dir"; then
            log "virtuoso exited; its log:"; tail -20 "$dir/virtuoso.log" >&2 || true; exit 4
        fi
        sleep 0.5
    done
    answers "$url" || { log "SPARQL endpoint did not answer in 120 s"; exit 4; }
    # let the anonymous SPARQL endpoint update (loopback only, throw-away database)
    isql-vt "127.0.0.1:$sql_port" dba dba >"$dir/isql.log" 2>&1 <<'EOF'
GRANT SPARQL_UPDATE TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);
EOF
    if grep -qi "error" "$dir/isql.log"; then
        log "granting SPARQL_UPDATE failed:"; cat "$dir/isql.log" >&2; exit 5
    fi
    echo "$url" >"$dir/endpoint"
    echo "$url"
}

stop() {
    [ -n "$dir" ] || { log "usage: $0 stop DIR"; exit 2; }
    [ -d "$dir" ] || return 0
    if running "$dir"; then
        local pid i
        pid="$(cat "$dir/virtuoso.pid")"
        kill "$pid" 2>/dev/null || true
        for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    if [ -f "$dir/.ecokg-virtuoso" ]; then rm -rf "$dir"; fi
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    url) [ -f "$dir/endpoint" ] && running "$dir" && cat "$dir/endpoint" ;;
    *) echo "usage: $0 start [DIR] | stop DIR | url DIR" >&2; exit 2 ;;
esac
