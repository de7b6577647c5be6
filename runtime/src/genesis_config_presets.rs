//! The genesis presets: `development` (one provider) and `local_testnet` (four).

use crate::{AccountId, BalancesConfig, RuntimeGenesisConfig, SessionKeys, UNIT};
use alloc::{format, vec, vec::Vec};
use serde_json::Value;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::traits::{BlakeTwo256, Hash as HashT};

/// What every well-known development account starts with.
const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// A founding provider: its account and its session keys.
struct Founder {
	account: Sr25519Keyring,
	grandpa: Ed25519Keyring,
	name: &'static str,
	port: u16,
}

impl Founder {
	fn new(
		account: Sr25519Keyring,
		grandpa: Ed25519Keyring,
		name: &'static str,
		port: u16,
	) -> Self {
		Self { account, grandpa, name, port }
	}

	fn account_id(&self) -> AccountId {
		self.account.to_account_id()
	}

	fn session_keys(&self) -> SessionKeys {
		SessionKeys { aura: self.account.public().into(), grandpa: self.grandpa.public().into() }
	}

	/// A stand-in x25519 key derived from the account's name; real clinics publish their own.
	fn encryption_key(&self) -> [u8; 32] {
		let seed = format!("medledger-dev-encryption-{}", self.name);
		<BlakeTwo256 as HashT>::hash(seed.as_bytes()).0
	}
}

fn genesis(founders: Vec<Founder>, endowed: Vec<AccountId>) -> Value {
	let providers: Vec<_> = founders
		.iter()
		.map(|f| {
			(
				f.account_id(),
				f.name.as_bytes().to_vec(),
				format!("http://127.0.0.1:{}", f.port).into_bytes(),
				f.encryption_key(),
			)
		})
		.collect();
	let keys: Vec<_> =
		founders.iter().map(|f| (f.account_id(), f.account_id(), f.session_keys())).collect();
	let config = RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|a| (a, ENDOWMENT)).collect(),
			..Default::default()
		},
		providers: pallet_providers::GenesisConfig { providers },
		session: pallet_session::GenesisConfig { keys, ..Default::default() },
		..Default::default()
	};
	serde_json::to_value(config).unwrap_or_default()
}

/// One provider, Alice: the sole validator and council member.
pub fn development_config_genesis() -> Value {
	genesis(
		vec![Founder::new(Sr25519Keyring::Alice, Ed25519Keyring::Alice, "Alice Clinic", 8080)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
	)
}

/// Four providers on one machine: Alice, Bob, Charlie and Dave.
pub fn local_config_genesis() -> Value {
	genesis(
		vec![
			Founder::new(Sr25519Keyring::Alice, Ed25519Keyring::Alice, "Alice Clinic", 8080),
			Founder::new(Sr25519Keyring::Bob, Ed25519Keyring::Bob, "Bob Hospital", 8081),
			Founder::new(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie, "Charlie Labs", 8082),
			Founder::new(Sr25519Keyring::Dave, Ed25519Keyring::Dave, "Dave Health", 8083),
		],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
	)
}

/// The preset with the given name, as JSON.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(String::into_bytes)
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

use alloc::string::String;
