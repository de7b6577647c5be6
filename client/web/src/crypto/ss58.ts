// SS58 addresses: the generic Substrate prefix 42 the chain spec names (`ss58Format`).

import { blake2b } from "@noble/hashes/blake2.js"
import { concatBytes, utf8ToBytes } from "@noble/hashes/utils.js"

const PREFIX = 42
const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
const CONTEXT = utf8ToBytes("SS58PRE")

function base58(bytes: Uint8Array): string {
  let n = 0n
  for (const b of bytes) n = (n << 8n) | BigInt(b)
  let out = ""
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out
    n /= 58n
  }
  for (const b of bytes) {
    if (b !== 0) break
    out = "1" + out
  }
  return out
}

function unbase58(text: string): Uint8Array | undefined {
  let n = 0n
  for (const c of text) {
    const digit = ALPHABET.indexOf(c)
    if (digit < 0) return undefined
    n = n * 58n + BigInt(digit)
  }
  const bytes: number[] = []
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn))
    n >>= 8n
  }
  for (const c of text) {
    if (c !== "1") break
    bytes.unshift(0)
  }
  return Uint8Array.from(bytes)
}

const checksum = (data: Uint8Array) => blake2b(concatBytes(CONTEXT, data), { dkLen: 64 }).slice(0, 2)

/** The address of a 32-byte public key. */
export function ss58Encode(publicKey: Uint8Array): string {
  const data = concatBytes(Uint8Array.of(PREFIX), publicKey)
  return base58(concatBytes(data, checksum(data)))
}

/** The public key of an address, if it is a well-formed prefix-42 address of 32 bytes. */
export function ss58Decode(address: string): Uint8Array | undefined {
  const bytes = unbase58(address)
  if (bytes?.length !== 35 || bytes[0] !== PREFIX) return undefined
  const sum = checksum(bytes.subarray(0, 33))
  if (bytes[33] !== sum[0] || bytes[34] !== sum[1]) return undefined
  return bytes.slice(1, 33)
}
