// The portal's entry: read `/config.json` (which node to talk to), then start.

import { render } from "preact"
import { App, type Config } from "./ui/app.js"

const root = document.getElementById("app")!
fetch("/config.json")
  .then((r) => (r.ok ? (r.json() as Promise<Config>) : { node: "ws://127.0.0.1:9944" }))
  .catch(() => ({ node: "ws://127.0.0.1:9944" }))
  .then((config) => render(<App config={config} />, root))
