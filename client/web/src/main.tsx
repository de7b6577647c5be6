// The portal's entry: read `/config.json` (which node to talk to), then start. With `?light`
// in the address, the browser follows the chain itself (the light client) from the chain spec
// served beside the app.

import { render } from "preact"
import { App, type Config } from "./ui/app.js"

const root = document.getElementById("app")!
const fallback: Config = { node: "ws://127.0.0.1:9944" }

async function config(): Promise<Config> {
  const res = await fetch("/config.json").catch(() => undefined)
  const given: Config = res?.ok ? ((await res.json()) as Config) : fallback
  return new URLSearchParams(location.search).has("light") ? { ...given, chainSpec: given.chainSpec ?? "/chain-spec.json" } : given
}

void config().then((c) => render(<App config={c} />, root))
