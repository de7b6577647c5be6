// Eve Medical applies to join, and the council admits it. Resolves once the admission is
// finalized and Eve Medical is an active provider and council member.
const { connect, key, submit, councilMotion } = require("./lib.js");

async function run(nodeName, networkInfo) {
  const api = await connect(networkInfo, nodeName);
  try {
    const eve = key("eve");
    const name = "Eve Medical";
    const endpoint = "http://127.0.0.1:8084";
    await submit(api, api.tx.providers.apply(name, endpoint, "0x" + "0e".repeat(32)), eve);
    await councilMotion(api, api.tx.providers.admit(eve.address));
    const members = (await api.query.council.members()).map((m) => m.toString());
    if (!members.includes(eve.address)) throw new Error("Eve Medical is not on the council");
    return members.length;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
