"""Seed step 2: the done bitmap. GETBIT done i and skip a marked chunk; else push the rows and
SETBIT done i 1 in one MULTI/EXEC pipeline (the Java variant 'bitmap'). The check and the commit
are two steps: two loaders, or a loader and its own retry, can both pass the check."""
import race_env as env

steps = env.steps()


def push(chunk, i):
    pipe = r.pipeline()
    pipe.lpush(env.LIST_KEY, *chunk)
    pipe.setbit(env.DONE_KEY, i, 1)
    return pipe.execute()


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
        env.commit(i, lambda: push(chunk, i))
        committed += 1
    steps("done", committed=committed, skipped=skipped)
    print("loader %s: %d chunks committed, %d skipped" % (env.NAME, committed, skipped))


r = env.connect()
rows = env.Rows()
env.run(main)
