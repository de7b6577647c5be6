// Every named clinic authors within the next blocks: `with "alice,bob"`. Waits for up to three
// rounds of the validator set.
const { connect, key, authorsOfNextBlocks } = require("./lib.js");

async function run(nodeName, networkInfo, args) {
  const api = await connect(networkInfo, nodeName);
  const wanted = new Map(args.map((name) => [key(name).address, name]));
  const validators = (await api.query.session.validators()).length;
  const authors = await authorsOfNextBlocks(api, 3 * Math.max(validators, wanted.size) + 2);
  const missing = [...wanted].filter(([address]) => !authors.includes(address)).map(([, n]) => n);
  await api.disconnect();
  if (missing.length > 0) {
    throw new Error(`no block by ${missing.join(", ")} among ${authors.length} blocks`);
  }
  return authors.length;
}

module.exports = { run };
