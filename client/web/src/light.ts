// Light-client mode: the browser follows the chain itself with smoldot, from the chain spec,
// checking what it reads against the finalized headers (GRANDPA) with storage proofs, so a
// patient need not trust a clinic's RPC node. Loaded only when `/config.json` asks for it.

import { medledger } from "@polkadot-api/descriptors"
import { createClient } from "polkadot-api"
import { getSmProvider } from "polkadot-api/sm-provider"
import { startFromWorker } from "polkadot-api/smoldot/from-worker"
import SmoldotWorker from "polkadot-api/smoldot/worker?worker"
import type { Chain } from "./chain.js"

/** Follow the chain of `chainSpec` (its JSON text, with boot nodes a browser can dial:
 * `/ws` or `/wss` addresses). */
export function connectLight(chainSpec: string): Chain {
  const smoldot = startFromWorker(new SmoldotWorker())
  const client = createClient(getSmProvider(() => smoldot.addChain({ chainSpec })))
  return { client, api: client.getTypedApi(medledger) }
}
