// Through this node: Eve registers as a patient (if she is not one yet) and grants Dave Health
// her lab results for treatment. Resolves once the grant is finalized; returns its block number.
const { connect, key, submit } = require("./lib.js");

const LAB_RESULTS = 1 << 4;

async function run(nodeName, networkInfo) {
  const api = await connect(networkInfo, nodeName);
  const eve = key("eve");
  const dave = key("dave");
  if ((await api.query.patients.patients(eve.address)).isNone) {
    await submit(api, api.tx.patients.register("0x" + "07".repeat(32)), eve);
  }
  const tx = api.tx.consent.grant(
    eve.address,
    dave.address,
    LAB_RESULTS,
    0,
    "Treatment",
    "Read",
    null,
    null,
  );
  const { block, events } = await submit(api, tx, eve);
  if (!events.some((e) => api.events.consent.Granted.is(e))) {
    throw new Error("no Granted event");
  }
  const number = (await api.rpc.chain.getHeader(block)).number.toNumber();
  await api.disconnect();
  return number;
}

module.exports = { run };
