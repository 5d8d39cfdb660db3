"""Seed step 3: the client-name lock (the Java variant 'client-name-lock'). GETBIT done i; then the
"lock": pipeline().client_list() + client_setname("chunk_%s"), skipping the chunk when another
connection bears that name; then push and SETBIT in one pipeline, and client_setname("").
The bit is read before the lock, and the lock is a connection name, which a reset or a reconnect
silently drops."""
import time

import race_env as env

steps = env.steps()


def push(chunk, i):
    pipe = r.pipeline()
    pipe.lpush(env.LIST_KEY, *chunk)
    pipe.setbit(env.DONE_KEY, i, 1)
    return pipe.execute()


def main():
    committed = skipped = left_locked = 0
    for _ in range(50):  # passes over chunks locked elsewhere, as the Java loader makes
        left_locked = 0
        for i in rows.order():
            steps("chunk-started", i)
            if r.getbit(env.DONE_KEY, i):
                skipped += 1
                steps("chunk-skipped", i, reason="marked")
                continue
            steps("bit-checked", i)
            name = env.LOCK_PREFIX + "chunk_%s" % i
            pipe = r.pipeline()
            pipe.client_list()
            pipe.client_setname(name)
            clients, _ = pipe.execute()
            if any(c.get("name") == name for c in clients):
                left_locked += 1
                steps("chunk-skipped", i, reason="locked")
                continue
            steps("lock-taken", i, name=name)
            chunk = rows.read(i)
            steps("rows-read", i, **env.detail(chunk))
            env.commit(i, lambda: push(chunk, i))
            committed += 1
            r.client_setname("")
        if left_locked == 0:
            break
        time.sleep(0.02)
    steps("done", committed=committed, skipped=skipped, leftLocked=left_locked)
    print("loader %s: %d chunks committed, %d skipped, %d left locked elsewhere" % (env.NAME, committed, skipped, left_locked))


r = env.connect()
rows = env.Rows()
env.run(main)
