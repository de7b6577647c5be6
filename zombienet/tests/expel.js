// The council expels `with "dave"`; resolves once finalized.
const { connect, key, councilMotion } = require("./lib.js");

async function run(nodeName, networkInfo, args) {
  const api = await connect(networkInfo, nodeName);
  try {
    await councilMotion(api, api.tx.providers.expel(key(args[0]).address));
    const status = await api.query.providers.providers(key(args[0]).address);
    if (status.isSome) throw new Error(`${args[0]} is still a provider`);
    return 1;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
