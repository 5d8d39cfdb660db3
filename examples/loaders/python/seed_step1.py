"""Seed step 1: a pipelined push. Each chunk's rows go to the list in one MULTI/EXEC pipeline; nothing
marks a finished chunk, so a re-run loads everything again (the Java variant 'plain')."""
import race_env as env

steps = env.steps()


def push(chunk):
    pipe = r.pipeline()
    pipe.lpush(env.LIST_KEY, *chunk)
    return pipe.execute()


def main():
    committed = 0
    for i in rows.order():
        steps("chunk-started", i)
        chunk = rows.read(i)
        steps("rows-read", i, **env.detail(chunk))
        env.commit(i, lambda: push(chunk))
        committed += 1
    steps("done", committed=committed)
    print("loader %s: %d chunks committed" % (env.NAME, committed))


r = env.connect()
rows = env.Rows()
env.run(main)
