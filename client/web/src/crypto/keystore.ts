// Identities kept encrypted under a passphrase, in the Rust client's keystore file format
// (`client/medledger-client/src/keystore.rs`), so that an identity moves between the CLI and the
// browser as one JSON file: Argon2id (64 MiB, 3 passes) of the passphrase, and the phrase
// sealed with XChaCha20-Poly1305 under it.

import { xchacha20poly1305 } from "@noble/ciphers/chacha.js"
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from "@noble/hashes/utils.js"
import { argon2id } from "hash-wasm"
import { Keys } from "./keys.js"

const FORMAT_VERSION = 1
const MEMORY_KIB = 64 * 1024
const PASSES = 3

/** One keystore file. */
export interface KeystoreFile {
  version: number
  account: string
  encryption_public: string
  salt: string
  memory_kib: number
  passes: number
  nonce: string
  phrase: string
}

/** A keystore file that cannot be used, with what to do. */
export class KeystoreError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "KeystoreError"
  }
}

async function deriveKey(passphrase: string, salt: Uint8Array, memoryKib: number, passes: number): Promise<Uint8Array> {
  // Costs are checked before anything is derived: a damaged or planted file that asks for
  // absurd memory is refused, not obeyed, and one that asks for too little would be weak.
  if (!(memoryKib >= 8 * 1024 && memoryKib <= 1024 * 1024 && passes >= 1 && passes <= 16)) {
    throw new KeystoreError("the keystore file asks for key derivation costs out of bounds; recover it from its phrase")
  }
  return argon2id({
    password: passphrase,
    salt,
    parallelism: 1,
    iterations: passes,
    memorySize: memoryKib,
    hashLength: 32,
    outputType: "binary",
  })
}

/** `keys` encrypted under `passphrase`, as a keystore file. */
export async function seal(keys: Keys, passphrase: string): Promise<KeystoreFile> {
  const salt = randomBytes(16)
  const nonce = randomBytes(24)
  const key = await deriveKey(passphrase, salt, MEMORY_KIB, PASSES)
  const plain = utf8ToBytes(keys.exportSecret())
  const phrase = xchacha20poly1305(key, nonce).encrypt(plain)
  plain.fill(0)
  key.fill(0)
  return {
    version: FORMAT_VERSION,
    account: keys.account,
    encryption_public: bytesToHex(keys.encryptionPublic),
    salt: bytesToHex(salt),
    memory_kib: MEMORY_KIB,
    passes: PASSES,
    nonce: bytesToHex(nonce),
    phrase: bytesToHex(phrase),
  }
}

/** The keys of a keystore file, decrypted with `passphrase`. */
export async function open(file: KeystoreFile, passphrase: string): Promise<Keys> {
  const damaged = () => new KeystoreError("the keystore file is damaged; recover it from its phrase")
  let salt: Uint8Array, nonce: Uint8Array, sealed: Uint8Array
  try {
    ;[salt, nonce, sealed] = [hexToBytes(file.salt), hexToBytes(file.nonce), hexToBytes(file.phrase)]
  } catch {
    throw damaged()
  }
  if (file.version !== FORMAT_VERSION || nonce.length !== 24) throw damaged()
  const key = await deriveKey(passphrase, salt, file.memory_kib, file.passes)
  let secret: Uint8Array
  try {
    secret = xchacha20poly1305(key, nonce).decrypt(sealed)
  } catch {
    throw new KeystoreError("wrong passphrase")
  } finally {
    key.fill(0)
  }
  let keys: Keys
  try {
    keys = Keys.fromUri(new TextDecoder("utf-8", { fatal: true }).decode(secret))
  } catch {
    throw damaged()
  } finally {
    secret.fill(0)
  }
  if (keys.account !== file.account) {
    keys.forget()
    throw damaged()
  }
  return keys
}
