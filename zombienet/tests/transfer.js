// `with "send"`: Ferdie sends a marked amount to a fresh account, waiting for finality.
// `with "check"`: at this node's finalized head, that account holds the amount.
const { connect, submit } = require("./lib.js");

const AMOUNT = 1_234_567_890_000n;

function recipient() {
  const keyring = new zombie.Keyring({ type: "sr25519", ss58Format: 42 });
  return keyring.addFromUri("//MedLedgerFaultTest").address;
}

async function run(nodeName, networkInfo, args) {
  const api = await connect(networkInfo, nodeName);
  try {
    if (args[0] === "send") {
      const keyring = new zombie.Keyring({ type: "sr25519", ss58Format: 42 });
      const ferdie = keyring.addFromUri("//Ferdie");
      await submit(api, api.tx.balances.transferKeepAlive(recipient(), AMOUNT), ferdie);
      return 1;
    }
    const finalized = await api.rpc.chain.getFinalizedHead();
    const at = await api.at(finalized);
    const { data } = await at.query.system.account(recipient());
    if (data.free.toBigInt() !== AMOUNT) {
      throw new Error(`${nodeName}: the finalized transfer is missing (free ${data.free})`);
    }
    return 1;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
