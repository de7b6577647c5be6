// Sealed boxes as libsodium's `crypto_box_seal` makes them, and as the Rust client's `seal`
// (the `crypto_box` crate) does: an ephemeral X25519 key, the nonce BLAKE2b-192 of the
// ephemeral and the recipient's public keys, XSalsa20-Poly1305; the box is the ephemeral
// public key, the tag and the ciphertext.

import { blake2b } from "@noble/hashes/blake2.js"
import { concatBytes } from "@noble/hashes/utils.js"
import nacl from "tweetnacl"

/** What a sealed box that cannot be opened says. */
export class CannotOpen extends Error {
  constructor() {
    super("cannot open: it was sealed to another key, or altered on the way")
    this.name = "CannotOpen"
  }
}

const nonce = (ephemeral: Uint8Array, recipient: Uint8Array) =>
  blake2b(concatBytes(ephemeral, recipient), { dkLen: 24 })

/** Seal `message` to the x25519 public key `to`: only its holder can open it. */
export function seal(to: Uint8Array, message: Uint8Array): Uint8Array {
  const ephemeral = nacl.box.keyPair()
  const boxed = nacl.box(message, nonce(ephemeral.publicKey, to), to, ephemeral.secretKey)
  ephemeral.secretKey.fill(0)
  return concatBytes(ephemeral.publicKey, boxed)
}

/** Open a sealed box with the recipient's secret and public keys. */
export function open(secret: Uint8Array, publicKey: Uint8Array, sealed: Uint8Array): Uint8Array {
  if (sealed.length < 32 + nacl.box.overheadLength) throw new CannotOpen()
  const ephemeral = sealed.subarray(0, 32)
  const plain = nacl.box.open(sealed.subarray(32), nonce(ephemeral, publicKey), ephemeral, secret)
  if (plain === null) throw new CannotOpen()
  return plain
}
