// At this node's finalized head, Dave Health may read Eve's lab results for treatment, under a
// grant: asked through the node's `medledger_accessDecision` RPC. A node may finalize the
// grant's block a moment after the node it went through: asks again for up to 45 s.
const { connect, key, rawCall, sleep } = require("./lib.js");

async function run(nodeName, networkInfo) {
  const api = await connect(networkInfo, nodeName);
  try {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const finalized = await api.rpc.chain.getFinalizedHead();
      const decision = await rawCall(networkInfo, nodeName, "medledger_accessDecision", [
        key("dave").address,
        key("eve").address,
        "LabResults",
        "Treatment",
        finalized.toHex(),
      ]);
      if (decision.Allowed && decision.Allowed.grant !== null) return 1;
      if (Date.now() >= deadline) {
        throw new Error(`${nodeName} at its finalized head answers ${JSON.stringify(decision)}`);
      }
      await sleep(2_000);
    }
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
