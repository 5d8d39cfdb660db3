"""What the example loaders share: the environment of docs/your-loader.md, the client mode as
redis-py settings, the source through Python's DB-API, and the contract's exit codes."""
import os
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".deps"))

import redis  # noqa: E402  (pinned in requirements.txt, installed into .deps by install.sh)
from redis.backoff import NoBackoff  # noqa: E402
from redis.retry import Retry  # noqa: E402

from race_steps import Steps  # noqa: E402,F401

EXIT_BAD_INPUT, EXIT_FAILED, EXIT_MAX_RUNTIME = 2, 3, 5

ENV = os.environ
LIST_KEY = ENV.get("REDIS_RACE_LIST_KEY", "load:list")
DONE_KEY = ENV.get("REDIS_RACE_DONE_KEY", "load:done")
LOCK_PREFIX = ENV.get("REDIS_RACE_LOCK_PREFIX", "load.")
TABLE = ENV.get("REDIS_RACE_TABLE", "rows")
CHUNK_SIZE = int(ENV.get("REDIS_RACE_CHUNK_SIZE", "100"))
START_CHUNK = int(ENV.get("REDIS_RACE_START_CHUNK", "0"))
NAME = ENV.get("REDIS_RACE_LOADER_NAME", os.path.basename(sys.argv[0]))

STEPS = None  # this loader's Steps (steps() makes it)
COMMIT = [None]  # the chunk whose commit is running, else None


def steps():
    global STEPS
    STEPS = Steps()
    return STEPS


class StepBackoff(NoBackoff):
    """No wait, as NoBackoff; a retry of a commit is reported first as the step commit-retry."""

    def compute(self, failures):
        if STEPS is not None and COMMIT[0] is not None:
            STEPS("commit-retry", COMMIT[0], attempt=failures + 1, error="connection-error")
        return 0


# The harness's client modes as redis-py settings (docs/your-loader.md, "Client modes in redis-py").
RETRY = {
    "jedis": dict(retry=Retry(NoBackoff(), 0)),
    "lettuce-at-most-once": dict(retry=Retry(NoBackoff(), 0)),
    "lettuce": dict(retry_on_timeout=True),
    "jedis-retry": dict(retry=Retry(StepBackoff(), 2), retry_on_error=[redis.ConnectionError, redis.TimeoutError]),
}


def commit(i, write):
    """Runs the commit of chunk i (write() returns whether it wrote), reporting its steps; exit 3 when it fails."""
    STEPS("commit-sending", i)
    COMMIT[0] = i
    try:
        applied = bool(write())
    except redis.RedisError as e:
        STEPS("commit-failed", i, error=type(e).__name__)
        fail(EXIT_FAILED, "chunk %d: %r; outcome unknown, run it again." % (i, e))
    finally:
        COMMIT[0] = None
    STEPS("commit-acked", i, applied=applied)
    return applied


def run(main):
    """Runs the loader's main(); a Redis error outside a commit fails it too (exit 3)."""
    watchdog()
    try:
        main()
    except redis.RedisError as e:
        fail(EXIT_FAILED, "%r; outcome unknown, run it again." % e)


def fail(code, sentence):
    sys.stderr.write("loader %s: %s\n" % (NAME, sentence))
    sys.stderr.flush()
    os._exit(code)


def watchdog(seconds=120):
    """Halts (exit 5) after this long whatever happens, as LoaderMain's --max-runtime."""
    t = threading.Timer(seconds, lambda: fail(EXIT_MAX_RUNTIME, "max runtime %d s reached; halting." % seconds))
    t.daemon = True
    t.start()


def connect():
    mode = ENV.get("REDIS_RACE_CLIENT", "jedis")
    if mode not in RETRY:
        fail(EXIT_BAD_INPUT, "unknown REDIS_RACE_CLIENT '%s'; use %s." % (mode, ", ".join(RETRY)))
    timeout = int(ENV.get("REDIS_RACE_TIMEOUT_MS", "2000")) / 1000.0
    r = redis.Redis(host=ENV.get("REDIS_RACE_REDIS_HOST", "127.0.0.1"), port=int(ENV.get("REDIS_RACE_REDIS_PORT", "6379")),
                    socket_timeout=timeout, socket_connect_timeout=min(2.0, timeout), **RETRY[mode])
    try:
        r.ping()  # nothing sent yet: an unreachable Redis is bad input (exit 2), not an unknown outcome
    except redis.ConnectionError as e:
        fail(EXIT_BAD_INPUT, "cannot connect to Redis at %s:%s (%s)." % (r.connection_pool.connection_kwargs["host"],
                                                                          r.connection_pool.connection_kwargs["port"], e))
    return r


def source():
    """A DB-API connection to the source and its placeholder: sqlite3 for the default SQLite file,
    psycopg 3 for PostgreSQL, PyMySQL for MariaDB and MySQL (pinned in requirements.txt), each from
    the REDIS_RACE_SOURCE_* variables of docs/your-loader.md."""
    kind = ENV.get("REDIS_RACE_SOURCE_KIND", "sqlite")
    server = dict(host=ENV.get("REDIS_RACE_SOURCE_HOST"), user=ENV.get("REDIS_RACE_SOURCE_USER"),
                  password=ENV.get("REDIS_RACE_SOURCE_PASSWORD"), connect_timeout=5)
    port = ENV.get("REDIS_RACE_SOURCE_PORT")
    try:
        if kind == "sqlite":
            import sqlite3
            return sqlite3.connect("file:%s?mode=ro" % ENV["REDIS_RACE_SOURCE_PATH"], uri=True), "?"
        if kind == "postgresql":
            import psycopg
            return psycopg.connect(dbname=ENV.get("REDIS_RACE_SOURCE_DATABASE"), port=port, autocommit=True,
                                   application_name=NAME, **server), "%s"
        if kind in ("mysql", "mariadb"):
            import pymysql
            return pymysql.connect(database=ENV.get("REDIS_RACE_SOURCE_DATABASE"), port=int(port or 3306), autocommit=True,
                                   **dict(server, password=server["password"] or "")), "%s"
    except Exception as e:  # noqa: BLE001  any driver's error (or a missing driver): the source is unreachable
        fail(EXIT_BAD_INPUT, "cannot open the %s source (%s: %s)." % (kind, type(e).__name__, e))
    fail(EXIT_BAD_INPUT, "no DB-API driver for source kind '%s' in this example." % kind)


class Rows:
    """Chunk i of the source: rows i*size+1 .. in id order, as '<id>:<payload>'."""

    def __init__(self):
        self.db, self.mark = source()
        cursor = self.db.cursor()
        cursor.execute("SELECT COUNT(*) FROM " + TABLE)
        self.chunks = (cursor.fetchone()[0] + CHUNK_SIZE - 1) // CHUNK_SIZE

    def read(self, chunk):
        cursor = self.db.cursor()
        cursor.execute("SELECT id, payload FROM %s ORDER BY id LIMIT %s OFFSET %s" % (TABLE, self.mark, self.mark),
                       (CHUNK_SIZE, chunk * CHUNK_SIZE))
        return ["%s:%s" % (row[0], row[1]) for row in cursor.fetchall()]

    def order(self):
        """Every chunk once, from the start chunk on, wrapping around."""
        return [(START_CHUNK + n) % self.chunks for n in range(self.chunks)]


def detail(rows):
    return dict(rows=len(rows), first=rows[0].split(":", 1)[0], last=rows[-1].split(":", 1)[0])
