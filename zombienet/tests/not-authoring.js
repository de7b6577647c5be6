// `with "dave"`: waits until the named clinic has left the validator set (two session
// rotations after its expulsion), then checks that it authors none of the next blocks.
const { connect, key, authorsOfNextBlocks, sleep } = require("./lib.js");

async function run(nodeName, networkInfo, args) {
  const api = await connect(networkInfo, nodeName);
  try {
    const who = key(args[0]).address;
    for (;;) {
      const validators = (await api.query.session.validators()).map((v) => v.toString());
      if (!validators.includes(who)) break;
      await sleep(3_000);
    }
    const validators = (await api.query.session.validators()).length;
    const authors = await authorsOfNextBlocks(api, 2 * validators + 1);
    if (authors.includes(who)) throw new Error(`${args[0]} still authors`);
    return authors.length;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
