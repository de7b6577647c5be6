// A person's keys from one BIP39 phrase, byte for byte as the Rust client derives them
// (`client/medledger-client/src/keys.rs`); `client/test-vectors/keys.json` holds both sides to it.
//
// - The account (sr25519): Substrate's derivation, PBKDF2-SHA512 of the phrase's *entropy*
//   ("mnemonic" salt, 2048 rounds), the first 32 bytes a mini secret expanded as Ed25519
//   expands; then each `//hard` and `/soft` junction of a secret URI.
// - The encryption key (x25519): blake2_256("medledger/encryption/v1" ‖ BIP39 seed ‖ path),
//   the BIP39 seed being the standard PBKDF2 of the *sentence*.

import { generateMnemonic, mnemonicToEntropy, mnemonicToSeedSync, validateMnemonic } from "@scure/bip39"
import { wordlist } from "@scure/bip39/wordlists/english.js"
import * as sr25519 from "@scure/sr25519"
import { blake2b } from "@noble/hashes/blake2.js"
import { pbkdf2 } from "@noble/hashes/pbkdf2.js"
import { sha512 } from "@noble/hashes/sha2.js"
import { bytesToHex, concatBytes, utf8ToBytes } from "@noble/hashes/utils.js"
import nacl from "tweetnacl"
import { ss58Encode } from "./ss58.js"
import { open } from "./seal.js"

/** The well-known development phrase, behind `//Alice`, `//Bob`, ... */
export const DEV_PHRASE = "bottom drive obey lake curtain smoke basket hold race lonely fit walk"

const ENCRYPTION_KEY_DOMAIN = utf8ToBytes("medledger/encryption/v1")

/** A phrase or secret URI that gives no keys, with why. */
export class InvalidPhrase extends Error {
  constructor(why: string) {
    super(`not a valid recovery phrase (${why}); check the 12 words and their order`)
    this.name = "InvalidPhrase"
  }
}

/** The words of a phrase, one space between each, as the Rust client reads them. */
const normalize = (phrase: string) => phrase.split(/\s+/).filter((w) => w !== "").join(" ")

/** Substrate's mini secret: PBKDF2-SHA512 of the entropy, "mnemonic", 2048 rounds, 32 bytes. */
function miniSecret(words: string): Uint8Array {
  const entropy = mnemonicToEntropy(words, wordlist)
  return pbkdf2(sha512, entropy, utf8ToBytes("mnemonic"), { c: 2048, dkLen: 64 }).slice(0, 32)
}

/** SCALE's compact encoding of a length (enough for a junction's text). */
function compactLength(n: number): Uint8Array {
  if (n < 1 << 6) return Uint8Array.of(n << 2)
  if (n < 1 << 14) return Uint8Array.of(((n << 2) | 1) & 0xff, n >> 6)
  return Uint8Array.of(((n << 2) | 2) & 0xff, (n >> 6) & 0xff, (n >> 14) & 0xff, (n >> 22) & 0xff)
}

/** A junction's chain code: its number as SCALE u64 if it is one, else its SCALE text; hashed
 * with blake2_256 when longer than 32 bytes; zero-padded to 32. */
function chainCode(code: string): Uint8Array {
  let data: Uint8Array
  const number = /^\+?[0-9]+$/.test(code) ? BigInt(code) : -1n
  if (number >= 0n && number < 1n << 64n) {
    data = new Uint8Array(8)
    new DataView(data.buffer).setBigUint64(0, number, true)
  } else {
    const text = utf8ToBytes(code)
    data = concatBytes(compactLength(text.length), text)
  }
  const cc = new Uint8Array(32)
  cc.set(data.length > 32 ? blake2b(data, { dkLen: 32 }) : data)
  return cc
}

/** The junctions of a derivation path: `//hard` and `/soft`, in order. */
function junctions(path: string): Array<{ hard: boolean; code: Uint8Array }> {
  if (path.includes("///")) throw new InvalidPhrase("passwords in secret URIs are not supported")
  const found = [...path.matchAll(/\/(\/?)([^/]+)/g)]
  if (found.map((m) => m[0]).join("") !== path) throw new InvalidPhrase(`'${path}' is not a derivation path`)
  return found.map((m) => ({ hard: m[1] === "/", code: chainCode(m[2] ?? "") }))
}

/** One person's keys: the account (sr25519) and the encryption key (x25519).
 *
 * The phrase and the secret keys are `#private`: not properties at run time, so neither
 * `JSON.stringify`, `console.log`, an error reporter nor `postMessage` copies them. The phrase
 * leaves only through `exportSecret()`, and `forget()` wipes the secret keys when done. */
export class Keys {
  readonly #secret: string
  readonly #accountSecret: Uint8Array
  readonly #encryptionSecret: Uint8Array
  /** The account's public key. */
  readonly accountPublic: Uint8Array
  /** The public encryption key, registered on chain. */
  readonly encryptionPublic: Uint8Array

  private constructor(secret: string, accountSecret: Uint8Array, encryptionSecret: Uint8Array) {
    this.#secret = secret
    this.#accountSecret = accountSecret
    this.#encryptionSecret = encryptionSecret
    this.accountPublic = sr25519.getPublicKey(accountSecret)
    this.encryptionPublic = nacl.box.keyPair.fromSecretKey(encryptionSecret).publicKey
  }

  /** New keys from a new 12-word phrase (128 bits of entropy from the platform's generator). */
  static generate(): Keys {
    return Keys.fromUri(generateMnemonic(wordlist, 128))
  }

  /** The keys of a phrase, or of a secret URI: a phrase and a path (`"<12 words>//clinic"`), or
   * a development name (`//Alice`). */
  static fromUri(uri: string): Keys {
    const trimmed = uri.trim()
    const at = trimmed.indexOf("/")
    const phrase = at < 0 ? trimmed : trimmed.slice(0, at)
    const path = at < 0 ? "" : trimmed.slice(at)
    // With a path, the Rust client reads the phrase as Substrate's secret URIs do: words and
    // plain spaces only. Refuse the rest here too, so that a keystore file the portal writes
    // always opens in the CLI.
    if (path !== "" && !/^[\p{L}\p{N}\p{M}\p{Pc} ]*$/u.test(phrase)) {
      throw new InvalidPhrase("a phrase before a derivation path is words and single spaces only")
    }
    const text = path !== "" && phrase.trim() === "" ? DEV_PHRASE : phrase
    const words = normalize(text)
    if (!validateMnemonic(words, wordlist)) throw new InvalidPhrase("not a BIP39 phrase")
    const mini = miniSecret(words)
    let secret: Uint8Array = sr25519.secretFromSeed(mini)
    mini.fill(0)
    for (const { hard, code } of junctions(path)) {
      const parent = secret
      secret = hard ? sr25519.HDKD.secretHard(parent, code) : sr25519.HDKD.secretSoft(parent, code)
      parent.fill(0)
    }
    const seed = mnemonicToSeedSync(words, "")
    const input = concatBytes(ENCRYPTION_KEY_DOMAIN, seed, utf8ToBytes(path))
    const encryption = blake2b(input, { dkLen: 32 })
    seed.fill(0)
    input.fill(0)
    return new Keys(path === "" ? words : `${text}${path}`, secret, encryption)
  }

  /** The phrase with its derivation path: what recovers every key, to write down or to keep
   * encrypted in a keystore. */
  exportSecret(): string {
    return this.#secret
  }

  /** The account's address (SS58, generic Substrate prefix 42). */
  get account(): string {
    return ss58Encode(this.accountPublic)
  }

  /** An sr25519 signature by the account (signing context "substrate"), as the Rust client
   * signs transactions and gateway challenges. */
  sign(message: Uint8Array): Uint8Array {
    return sr25519.sign(this.#accountSecret, message)
  }

  /** Open what was sealed to this person's encryption key. */
  open(sealed: Uint8Array): Uint8Array {
    return open(this.#encryptionSecret, this.encryptionPublic, sealed)
  }

  /** Wipe the secret keys: the keys sign and open nothing afterwards. */
  forget(): void {
    this.#accountSecret.fill(0)
    this.#encryptionSecret.fill(0)
  }

  /** The public parts only, whatever serializes the keys. */
  toJSON(): { account: string; encryptionPublic: string } {
    return { account: this.account, encryptionPublic: bytesToHex(this.encryptionPublic) }
  }
}

/** Whether `signature` is `publicKey`'s over `message`. */
export const verify = (message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean =>
  sr25519.verify(message, signature, publicKey)

/** Typed words as keys: lower case (people type capitals; a phrase is lower case), a derivation
 * path kept as written. Development names (`//Alice`) only on a development chain. */
export function fromTyped(typed: string, dev: boolean): Keys {
  const text = typed.trim()
  const at = text.indexOf("/")
  if (at === 0 && !dev) throw new InvalidPhrase("development names are for development chains only")
  return Keys.fromUri(at < 0 ? text.toLowerCase() : text.slice(0, at).toLowerCase() + text.slice(at))
}
