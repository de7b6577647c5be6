# Starts a throwaway PostgreSQL server for the tests and exports its URL as
# MEDLEDGER_TEST_POSTGRES_URL; it is stopped and deleted when the calling script exits.
# Sourced by scripts/test.sh. Needs PostgreSQL's server programs (setup.sh installs them).

pg_bin=""
for candidate in "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
	if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
		pg_bin="$candidate"
		break
	fi
done
if [[ -z "$pg_bin" ]]; then
	echo "postgres: no PostgreSQL server programs found; run scripts/setup.sh" >&2
	return 1
fi

pg_dir="$(mktemp -d /tmp/medledger-pg.XXXXXX)"
pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
pg_as=()
if [[ $(id -u) -eq 0 ]]; then
	# PostgreSQL refuses to run as root.
	chown postgres "$pg_dir"
	pg_as=(runuser -u postgres --)
fi
"${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U medledger --auth=trust >"$pg_dir/initdb.log" 2>&1
"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
	-o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
stop_postgres() {
	"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$pg_dir"
}
trap stop_postgres EXIT
export MEDLEDGER_TEST_POSTGRES_URL="postgres://medledger@127.0.0.1:$pg_port/postgres"
# With a server at hand, the PostgreSQL tests must run, not skip.
export MEDLEDGER_REQUIRE_POSTGRES=1
echo "postgres: throwaway server on 127.0.0.1:$pg_port" >&2
