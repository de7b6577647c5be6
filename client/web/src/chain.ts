// The chain, over WebSocket JSON-RPC with polkadot-api: typed by descriptors generated from
// the runtime's metadata as committed in `client/medledger-client/artifacts/medledger.scale`
// (which a Rust test holds to the runtime's own), so the portal and the Rust client read one
// description of the chain.

import { medledger } from "@polkadot-api/descriptors"
import { blake2b } from "@noble/hashes/blake2.js"
import { bytesToHex } from "@noble/hashes/utils.js"
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

/** Whether the node runs the runtime the portal was typed from: the BLAKE2b-256 of its V15
 * metadata equals `expected` (hex). polkadot-api encodes calls and enum variants with the node's
 * own metadata, matching them by name, so a node serving other metadata could make a signature
 * mean something else (`Read` sent as `ReadAppend`): the portal signs nothing unless this holds. */
export async function runsExpectedRuntime(chain: Chain, expected: string): Promise<boolean> {
  const metadata = await chain.api.apis.Metadata.metadata_at_version(15)
  return metadata !== undefined && bytesToHex(blake2b(metadata, { dkLen: 32 })) === expected
}
