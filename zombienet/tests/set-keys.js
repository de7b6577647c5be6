// Eve Medical makes fresh session keys on its own node (author_rotateKeysWithOwner, with the
// proof of possession) and registers them on chain; resolves once that is finalized.
const { connect, key, rawCall, submit } = require("./lib.js");

async function run(nodeName, networkInfo) {
  const api = await connect(networkInfo, nodeName);
  try {
    const eve = key("eve");
    const owner = api.createType("AccountId32", eve.address).toHex();
    const generated = await rawCall(networkInfo, nodeName, "author_rotateKeysWithOwner", [owner]);
    const proof = generated.proof || "0x";
    await submit(api, api.tx.session.setKeys(generated.keys, proof), eve);
    return 1;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
