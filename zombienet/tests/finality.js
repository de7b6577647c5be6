// Finality as seen by this node, over `seconds`: `with "advances,30"`, `with "stalls,40"` (best
// blocks go on, the finalized head does not move) or `with "catches-up,120"` (the finalized
// head comes within 3 blocks of the best one).
const { connect, heights, sleep } = require("./lib.js");

async function run(nodeName, networkInfo, args) {
  const [mode, secondsArg] = args;
  const seconds = Number(secondsArg);
  const api = await connect(networkInfo, nodeName);
  try {
    if (mode === "stalls") {
      // Votes in flight when validators went away may still finalize a block or two.
      await sleep(12_000);
    }
    const before = await heights(api);
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      await sleep(3_000);
      const now = await heights(api);
      if (mode === "advances" && now.finalized > before.finalized) return now.finalized;
      if (mode === "catches-up" && now.finalized > before.finalized && now.best - now.finalized <= 3) {
        return now.finalized;
      }
      if (Date.now() >= deadline) {
        if (mode === "stalls") {
          if (now.finalized !== before.finalized) {
            throw new Error(`finality moved from ${before.finalized} to ${now.finalized}`);
          }
          if (now.best <= before.best) {
            throw new Error(`no new blocks: best stayed at ${before.best}`);
          }
          return now.best - now.finalized;
        }
        throw new Error(`finality did not ${mode} in ${seconds} s: ${JSON.stringify({ before, now })}`);
      }
    }
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
