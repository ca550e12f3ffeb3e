// Computes an upload's SHA-256 on a second core while the main thread parses and writes it.
// Chunks arrive as messages and are acknowledged (so the sender can wait when the hash lags);
// `null` asks for the digest.
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');

const hash = createHash('sha256');
let done = 0;
parentPort.on('message', (chunk) => {
  if (chunk === null) {
    parentPort.postMessage({ digest: hash.digest('hex') });
    parentPort.close();
    return;
  }
  hash.update(chunk);
  done += chunk.length;
  parentPort.postMessage({ done });
});
