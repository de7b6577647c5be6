// The README's picture of the patient's view, taken from a running `scripts/run-dev.sh`:
//   node client/web/e2e/readme-screenshot.mjs docs/portal-patient.png
// Signs in as the demo patient, opens the first record, and shoots the top of the page.

import { chromium } from "playwright-core"

const out = process.argv[2] ?? "portal-patient.png"
const words = "legal winner thank year wave sausage worth useful legal winner thank yellow"
const browser = await chromium.launch({
  executablePath: process.env.MEDLEDGER_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
})
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 1300 } })
  await page.goto(process.env.MEDLEDGER_PORTAL ?? "http://127.0.0.1:5173/")
  await page.getByRole("button", { name: "I have my 12 words" }).click()
  await page.getByLabel("Your 12 words").fill(words)
  await page.getByLabel("A passphrase for this browser").fill("demo passphrase")
  await page.getByRole("button", { name: "Use these words" }).click()
  const record = page.getByTestId("record").filter({ hasText: "Observation" })
  await record.getByRole("button", { name: "Open" }).click({ timeout: 120_000 })
  await record.getByTestId("opened-record").waitFor({ timeout: 60_000 })
  await page.getByTestId("disclosure").first().waitFor({ timeout: 60_000 })
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: out })
  console.log(`wrote ${out}`)
} finally {
  await browser.close()
}
