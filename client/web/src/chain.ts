// The chain, over WebSocket JSON-RPC with polkadot-api: typed by descriptors generated from
// the runtime's metadata as committed in `client/medledger-client/artifacts/medledger.scale`
// (which a Rust test holds to the runtime's own), so the portal and the Rust client read one
// description of the chain.

import { medledger } from "@polkadot-api/descriptors"
import { createClient, type PolkadotClient, type PolkadotSigner, type TypedApi } from "polkadot-api"
import { getPolkadotSigner } from "polkadot-api/signer"
import { getWsProvider } from "polkadot-api/ws"
import type { Keys } from "./crypto/keys.js"

/** The chain's typed API: storage, transactions, events, runtime APIs and constants. */
export type MedLedgerApi = TypedApi<typeof medledger>

/** A connection to a node, and the chain's typed API through it. */
export interface Chain {
  client: PolkadotClient
  api: MedLedgerApi
}

/** Connect to the node at `url` (`ws://127.0.0.1:9944` for a development node). */
export function connect(url: string): Chain {
  const client = createClient(getWsProvider(url))
  return { client, api: client.getTypedApi(medledger) }
}

/** A transaction signer for `keys`' account (sr25519). */
export function signer(keys: Keys): PolkadotSigner {
  return getPolkadotSigner(keys.accountPublic, "Sr25519", (payload) => keys.sign(payload))
}
