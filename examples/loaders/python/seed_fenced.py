"""The fenced loader: the commit is one Lua script that pushes the rows and sets the bit only if the
bit is still 0 (the Java variant 'fenced'). Running it twice is harmless, so retries, replays,
restarts and concurrent loaders cannot duplicate; the GETBIT before it is a shortcut only."""
import race_env as env

FENCED_COMMIT = """
if redis.call('GETBIT', KEYS[2], ARGV[1]) == 1 then return 0 end
local n = #ARGV
local i = 2
while i <= n do
  local j = math.min(i + 499, n)
  redis.call('LPUSH', KEYS[1], unpack(ARGV, i, j))
  i = j + 1
end
redis.call('SETBIT', KEYS[2], ARGV[1], 1)
return 1
"""

steps = env.steps()


def main():
    committed = skipped = 0
    for i in rows.order():
        steps("chunk-started", i)
        if r.getbit(env.DONE_KEY, i):
            skipped += 1
            steps("chunk-skipped", i, reason="marked")
            continue
        steps("bit-checked", i)
        chunk = rows.read(i)
        steps("rows-read", i, **env.detail(chunk))
        committed += env.commit(i, lambda: commit(keys=[env.LIST_KEY, env.DONE_KEY], args=[i] + chunk) == 1)
    steps("done", committed=committed, skipped=skipped)
    print("loader %s: %d chunks committed, %d skipped" % (env.NAME, committed, skipped))


r = env.connect()
rows = env.Rows()
commit = r.register_script(FENCED_COMMIT)  # EVALSHA (and EVAL when the script is not loaded)
r.script_load(FENCED_COMMIT)  # loaded before any commit, so that a commit is one EVALSHA
env.run(main)
