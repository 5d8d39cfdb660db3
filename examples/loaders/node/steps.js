'use strict';
// Step events for the chaos harness (docs/your-loader.md, "Step events"): one line per event on
// the TCP socket REDIS_RACE_CONTROL, each answered by the line `go`. Does nothing when the
// variable is not set. When the harness closes the socket, the process exits 4 at once.
const net = require('node:net');

async function openSteps(env = process.env) {
  const control = env.REDIS_RACE_CONTROL;
  if (!control) return { at: async () => {}, close: () => {} };
  const cut = control.lastIndexOf(':');
  const socket = net.connect({ host: control.slice(0, cut), port: Number(control.slice(cut + 1)) });
  socket.setNoDelay(true);
  let closing = false;
  let buffered = '';
  const waiting = [];
  socket.on('data', (data) => {
    buffered += data.toString('utf8');
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      const resolve = waiting.shift();
      if (line !== 'go') process.stderr.write(`steps: unexpected line from the harness: ${line}\n`);
      if (resolve) resolve();
      else process.stderr.write('steps: a go arrived with no step waiting\n');
    }
  });
  const gone = (why) => {
    if (closing) return;
    process.stderr.write(`steps: the harness closed the control socket (${why}): exit 4\n`);
    process.exit(4);
  };
  socket.on('end', () => gone('end'));
  socket.on('close', () => gone('close'));
  socket.on('error', (e) => gone(e.message));
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  // The hello is answered with a go like every step: wait for it.
  await new Promise((resolve) => {
    waiting.push(resolve);
    socket.write(`hello ${env.REDIS_RACE_LOADER_ID} ${process.pid}\n`);
  });
  return {
    // at('rows-read', 3, { rows: 20 }): report the step and wait for the harness's go.
    at(step, chunk, values = {}) {
      const extra = Object.entries(values).map(([k, v]) => ` ${k}=${v}`).join('');
      return new Promise((resolve) => {
        waiting.push(resolve);
        // NODE_STEPS_DEBUG=1: every step also on stderr (the trial record keeps the last output lines).
        if (process.env.NODE_STEPS_DEBUG) process.stderr.write(`> step ${step} ${chunk}${extra}\n`);
        socket.write(`step ${step} ${chunk}${extra}\n`);
      });
    },
    close() { closing = true; socket.end(); },
  };
}

module.exports = { openSteps };
