// Shared helpers of the zombienet test scripts: connecting, signing, waiting for finality,
// carrying motions through the council. The scripts run inside zombienet's test runner, which
// provides polkadot.js as the global `zombie`.

const ENDOWED = ["alice", "bob", "charlie", "dave", "eve", "ferdie"];

function capitalised(name) {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/// The dev key of a well-known name (`alice` -> //Alice), sr25519.
function key(name) {
  const keyring = new zombie.Keyring({ type: "sr25519", ss58Format: 42 });
  return keyring.addFromUri(`//${capitalised(name)}`);
}

async function connect(networkInfo, nodeName) {
  const { wsUri, userDefinedTypes } = networkInfo.nodesByName[nodeName];
  return zombie.connect(wsUri, userDefinedTypes);
}

/// Call a JSON-RPC method polkadot.js does not know (the node's `medledger_*`,
/// `author_rotateKeysWithOwner`) on a node.
async function rawCall(networkInfo, nodeName, method, params) {
  const provider = new zombie.WsProvider(networkInfo.nodesByName[nodeName].wsUri);
  await provider.isReady;
  try {
    return await provider.send(method, params);
  } finally {
    await provider.disconnect();
  }
}

/// Why a dispatch failed, in words.
function dispatchErrorText(api, error) {
  if (error.isModule) {
    const { section, name, docs } = api.registry.findMetaError(error.asModule);
    return `${section}.${name}: ${docs.join(" ")}`;
  }
  return error.toString();
}

/// Sign and submit `tx` as `signer`; resolves with its events once the block that includes it
/// is finalized (or once included, when `finalized` is false). Rejects if it fails.
function submit(api, tx, signer, { finalized = true } = {}) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        unsubscribe();
        reject(new Error(dispatchErrorText(api, dispatchError)));
        return;
      }
      const done = finalized ? status.isFinalized : status.isInBlock || status.isFinalized;
      if (done) {
        unsubscribe();
        const block = finalized ? status.asFinalized : status.isInBlock ? status.asInBlock : status.asFinalized;
        resolve({ block, events: events.map(({ event }) => event) });
      }
      if (status.isDropped || status.isInvalid || status.isUsurped) {
        unsubscribe();
        reject(new Error(`transaction ${status.type}`));
      }
    })
      .then((u) => {
        unsubscribe = u;
      })
      .catch(reject);
  });
}

/// Carry `call` through the council: two thirds of its members (rounded up) vote aye, drawn
/// from the well-known names in order; the first of them proposes and closes. Resolves once the
/// close is finalized; rejects if the motion fails or its call does.
async function councilMotion(api, call) {
  const members = (await api.query.council.members()).map((m) => m.toString());
  const threshold = Math.ceil((members.length * 2) / 3);
  const voters = ENDOWED.filter((name) => members.includes(key(name).address)).slice(0, threshold);
  if (voters.length < threshold) throw new Error(`only ${voters.length} known members of ${members.length}`);
  const proposer = key(voters[0]);
  const length = call.method.encodedLength;
  const { events } = await submit(api, api.tx.council.propose(threshold, call, length), proposer);
  const proposed = events.find((e) => api.events.council.Proposed.is(e));
  if (!proposed) throw new Error("the motion was not proposed");
  const [, index, hash] = proposed.data;
  for (const voter of voters) {
    await submit(api, api.tx.council.vote(hash, index, true), key(voter), { finalized: false });
  }
  // A bound above any provider call's weight (expel is the heaviest, about 17 ms).
  const weight = { refTime: 100_000_000_000n, proofSize: 1_000_000n };
  const closed = await submit(api, api.tx.council.close(hash, index, weight, length), proposer);
  const executed = closed.events.find((e) => api.events.council.Executed.is(e));
  if (!executed) throw new Error("the motion did not pass");
  const result = executed.data[1];
  if (result.isErr) throw new Error(`the motion failed: ${dispatchErrorText(api, result.asErr)}`);
  return closed;
}

/// The author of the block `hash`, by Aura slot and the session's validators.
async function authorOf(api, hash) {
  const header = await api.derive.chain.getHeader(hash);
  return header.author ? header.author.toString() : undefined;
}

/// Wait for `count` new blocks; returns their authors, oldest first.
async function authorsOfNextBlocks(api, count) {
  const authors = [];
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    api.rpc.chain
      .subscribeNewHeads(async (header) => {
        try {
          authors.push(await authorOf(api, header.hash));
          if (authors.length >= count) {
            unsubscribe();
            resolve(authors);
          }
        } catch (e) {
          unsubscribe();
          reject(e);
        }
      })
      .then((u) => {
        unsubscribe = u;
      })
      .catch(reject);
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/// The finalized and best block numbers.
async function heights(api) {
  const finalized = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
  const best = await api.rpc.chain.getHeader();
  return { finalized: finalized.number.toNumber(), best: best.number.toNumber() };
}

module.exports = {
  ENDOWED,
  key,
  connect,
  rawCall,
  submit,
  councilMotion,
  authorOf,
  authorsOfNextBlocks,
  sleep,
  heights,
  dispatchErrorText,
};
