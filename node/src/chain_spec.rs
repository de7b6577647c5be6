//! The chains this node knows by name: `dev` and `local`; anything else is a chain spec file.

use medledger_primitives::token;
use medledger_runtime::WASM_BINARY;
use sc_service::ChainType;
use serde_json::json;

/// MedLedger's chain spec: genesis built by the runtime from a named preset.
pub type ChainSpec = sc_service::GenericChainSpec;

fn properties() -> sc_service::Properties {
	let mut properties = sc_service::Properties::new();
	properties.insert("tokenSymbol".into(), json!(token::SYMBOL));
	properties.insert("tokenDecimals".into(), json!(token::DECIMALS));
	properties.insert("ss58Format".into(), json!(42));
	properties
}

fn runtime_code() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| "the runtime's wasm was not built with this node".to_string())
}

/// One provider, Alice, who authors, finalizes and is the whole council.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(runtime_code()?, None)
		.with_name("MedLedger Development")
		.with_id("medledger_dev")
		.with_chain_type(ChainType::Development)
		.with_properties(properties())
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.build())
}

/// Four providers, Alice, Bob, Charlie and Dave, for a network on one machine.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(runtime_code()?, None)
		.with_name("MedLedger Local Testnet")
		.with_id("medledger_local")
		.with_chain_type(ChainType::Local)
		.with_properties(properties())
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.build())
}
