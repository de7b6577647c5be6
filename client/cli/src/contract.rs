//! `medledger contract`: contracts by their cargo-contract bundle (`.contract`, or `.json` with
//! its `.wasm` beside): have the council approve the code, upload it, instantiate it, call and
//! query it. Arguments are scale-value text (`42`, `Some(7)`, `(16)`, an address, `0x…`),
//! answers and events are printed the same way.

use crate::{
	ink::report,
	output::Output,
	shared::{account, signer},
	ContractCommand,
};
use medledger_client::{
	calls::Proposed,
	chain::{MedLedger, Wait},
	contracts::Bundle,
	runtime::runtime_types,
	types::RuntimeCall,
	Error, Keystore,
};
use serde_json::json;
use std::path::Path;

pub async fn run(
	store: &Keystore,
	out: Output,
	chain: &MedLedger,
	command: ContractCommand,
) -> Result<(), Error> {
	match command {
		ContractCommand::Approve { signer: who, bundle } => {
			let keys = signer(store, &who)?;
			let bundle = Bundle::load(Path::new(&bundle))?;
			let approve = RuntimeCall::CodeApproval(
				runtime_types::pallet_code_approval::pallet::Call::approve {
					code_hash: subxt::utils::H256(bundle.code_hash),
				},
			);
			let proposed = chain.propose_motion(&keys, approve, out.progress("motion")).await?;
			let hash = format!("0x{}", hex::encode(bundle.code_hash));
			let approved = matches!(proposed, Proposed::Carried(_));
			let (text, threshold) = match proposed {
				Proposed::Carried(Ok(())) => (
					format!("{} code {hash} approved (the council needed one vote)", bundle.name),
					1,
				),
				Proposed::Carried(Err(e)) => {
					return Err(Error::Refused(format!("the approval was carried but failed: {e}")))
				},
				Proposed::Open { ayes, .. } => (
					format!(
						"motion to approve {} code {hash} proposed: {ayes} ayes needed \
						 (`medledger council motions`, `vote`, `close`)",
						bundle.name
					),
					ayes,
				),
			};
			out.line(
				&text,
				&json!({ "code_hash": hash, "approved": approved, "threshold": threshold }),
			);
			Ok(())
		},
		ContractCommand::Upload { signer: who, bundle } => {
			let keys = signer(store, &who)?;
			let bundle = Bundle::load(Path::new(&bundle))?;
			chain.upload_code(&keys, &bundle, Wait::Finalized, out.progress("upload")).await?;
			let hash = format!("0x{}", hex::encode(bundle.code_hash));
			out.line(
				&format!("{} code {hash} uploaded", bundle.name),
				&json!({ "code_hash": hash }),
			);
			Ok(())
		},
		ContractCommand::Instantiate { signer: who, bundle, constructor, value, salt, args } => {
			let keys = signer(store, &who)?;
			let bundle = Bundle::load(Path::new(&bundle))?;
			let salt = salt.map(String::into_bytes).unwrap_or_default();
			let (address, _) = chain
				.instantiate(
					&keys,
					&bundle,
					&constructor,
					&args,
					value.0,
					salt,
					Wait::Finalized,
					out.progress("instantiation"),
				)
				.await?;
			out.line(
				&format!("{} instantiated at {address}", bundle.name),
				&json!({ "address": address.to_string() }),
			);
			Ok(())
		},
		ContractCommand::Call { signer: who, bundle, address, message, value, args } => {
			let keys = signer(store, &who)?;
			let bundle = Bundle::load(Path::new(&bundle))?;
			let address = account(store, &address)?;
			let outcome = chain
				.call_contract(
					&keys,
					&address,
					&bundle,
					&message,
					&args,
					value.0,
					Wait::Finalized,
					out.progress("call"),
				)
				.await?;
			report(&out, &message, &outcome);
			if outcome.reverted {
				return Err(Error::Refused(format!("{message}: {}", outcome.value)));
			}
			Ok(())
		},
		ContractCommand::Query { signer: who, bundle, address, message, args } => {
			let origin = account(store, &who)?;
			let bundle = Bundle::load(Path::new(&bundle))?;
			let address = account(store, &address)?;
			let outcome = chain.query_contract(&origin, &address, &bundle, &message, &args).await?;
			report(&out, &message, &outcome);
			Ok(())
		},
	}
}
