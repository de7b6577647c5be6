//! Contracts by their cargo-contract bundle: the code, and the metadata that says how to encode
//! a constructor's or message's arguments and decode its result and the contract's events.
//!
//! A [`Bundle`] is read from `<name>.contract` (the code and the metadata in one JSON file) or
//! from `<name>.json` beside `<name>.wasm`. Arguments are given as text in scale-value's
//! notation (`42`, `true`, `"text"`, `Some(7)`, `(1, 2)`, `{ field: 1 }`, an SS58 address or
//! `0x…` bytes) and encoded to the argument's type in the contract's type registry; results
//! and events decode to values of the same notation.

use crate::{
	chain::{Included, Stage, Wait},
	keys::Keys,
	runtime::{self, runtime_types},
	types::{AccountId, Weight},
	Error, MedLedger,
};
use scale_info::PortableRegistry;
use std::path::Path;
use subxt::ext::scale_value::{self, scale as value_scale, Value};

/// What a contract call or query came to.
#[derive(Clone, Debug)]
pub struct Outcome {
	/// The message's answer, decoded (ink!'s `Ok(..)` around the message's own result).
	pub value: Value<u32>,
	/// Whether the contract reverted: a message that returned `Err` changed nothing.
	pub reverted: bool,
	/// The gas the dry run needed.
	pub gas_required: (u64, u64),
	/// The storage deposit the caller holds for what the call stores (0 when it frees some).
	pub deposit: u128,
	/// The contract's events, decoded: in the block for a call, from the dry run for a query.
	pub events: Vec<(String, Vec<(String, Value<u32>)>)>,
}

impl MedLedger {
	/// Upload `bundle`'s code, which the council must have approved
	/// (`CodeApproval::approve`); `signer` holds its storage deposit.
	pub async fn upload_code(
		&self,
		signer: &Keys,
		bundle: &Bundle,
		wait: Wait,
		progress: impl FnMut(Stage),
	) -> Result<Included, Error> {
		let call = runtime::tx().code_approval().upload(bundle.wasm.clone(), None);
		Ok(self.submit(&call, signer, wait, progress).await?.0)
	}

	/// Whether the code of `code_hash` is on chain (uploaded and not removed), at the best
	/// block.
	pub async fn code_uploaded(&self, code_hash: [u8; 32]) -> Result<bool, Error> {
		let at = self.api().at_block(self.best_head().await?).await.map_err(Error::node)?;
		Ok(at
			.storage()
			.try_fetch(
				runtime::storage().contracts().code_info_of(),
				(subxt::utils::H256(code_hash),),
			)
			.await
			.map_err(Error::node)?
			.is_some())
	}

	/// Instantiate `bundle`'s uploaded code with constructor `constructor` and `args`,
	/// endowing the contract with `value`; returns the contract's address. A dry run first
	/// sizes the gas and refuses what would fail, with the contract's reason.
	#[allow(clippy::too_many_arguments)]
	pub async fn instantiate(
		&self,
		signer: &Keys,
		bundle: &Bundle,
		constructor: &str,
		args: &[String],
		value: u128,
		salt: Vec<u8>,
		wait: Wait,
		progress: impl FnMut(Stage),
	) -> Result<(AccountId, Included), Error> {
		let entry = bundle.constructor(constructor)?;
		if value > 0 && !entry.payable {
			return Err(Error::Invalid(format!("{constructor} takes no value")));
		}
		let data = bundle.encode(entry, args)?;
		let code_hash = subxt::utils::H256(bundle.code_hash);
		let at = self.api().at_block(self.best_head().await?).await.map_err(Error::node)?;
		let dry = runtime::runtime_apis().contracts_api().instantiate(
			signer.account_id(),
			value,
			None,
			None,
			runtime_types::pallet_contracts::primitives::Code::Existing(code_hash),
			data.clone(),
			salt.clone(),
		);
		let dry = at.runtime_apis().call(dry).await.map_err(Error::node)?;
		let debug = String::from_utf8_lossy(&dry.debug_message).into_owned();
		let done = dry.result.map_err(|e| Error::Refused(format!("{e:?} {debug}")))?;
		if done.result.flags.bits & REVERT != 0 {
			let answer = bundle.decode_return(entry, &done.result.data)?;
			return Err(Error::Refused(format!("{constructor} reverted: {answer}")));
		}
		let call = runtime::tx().contracts().instantiate(
			value,
			margin(&dry.gas_required),
			None,
			code_hash,
			data,
			salt,
		);
		let (included, events) = self.submit(&call, signer, wait, progress).await?;
		let made = events
			.find_first::<runtime::contracts::events::Instantiated>()
			.transpose()
			.map_err(Error::node)?
			.ok_or_else(|| Error::Node("instantiated without an Instantiated event".into()))?;
		Ok((made.contract, included))
	}

	/// Call `message` of the contract at `address` with `args` (and `value` if payable),
	/// signed by `signer`. A dry run first: a message that would revert is not sent, and its
	/// answer (the contract's reason) comes back as the outcome, `reverted` set.
	#[allow(clippy::too_many_arguments)]
	pub async fn call_contract(
		&self,
		signer: &Keys,
		address: &AccountId,
		bundle: &Bundle,
		message: &str,
		args: &[String],
		value: u128,
		wait: Wait,
		progress: impl FnMut(Stage),
	) -> Result<Outcome, Error> {
		let entry = bundle.message(message)?;
		if value > 0 && !entry.payable {
			return Err(Error::Invalid(format!("{message} takes no value")));
		}
		let data = bundle.encode(entry, args)?;
		let mut outcome =
			self.dry_run(&signer.account_id(), address, bundle, entry, data.clone(), value).await?;
		if outcome.reverted || !entry.mutates {
			return Ok(outcome);
		}
		let gas = Weight { ref_time: outcome.gas_required.0, proof_size: outcome.gas_required.1 };
		let call = runtime::tx().contracts().call(
			subxt::utils::MultiAddress::Id(address.clone()),
			value,
			margin(&gas),
			None,
			data,
		);
		let (_, events) = self.submit(&call, signer, wait, progress).await?;
		// The events the contract emitted in the block, in place of the dry run's.
		outcome.events = Vec::new();
		for event in events.iter() {
			let event = event.map_err(Error::node)?;
			let Some(emitted) = event
				.decode_fields_as::<runtime::contracts::events::ContractEmitted>()
				.transpose()
				.map_err(Error::node)?
			else {
				continue;
			};
			if emitted.contract != *address {
				continue;
			}
			let topics: Vec<[u8; 32]> = event.topics().iter().map(|topic| topic.0).collect();
			if let Some(decoded) = bundle.decode_event(&topics, &emitted.data)? {
				outcome.events.push(decoded);
			}
		}
		Ok(outcome)
	}

	/// Ask `message` of the contract at `address` with `args`, as `origin`, without sending a
	/// transaction: the answer on the best block.
	pub async fn query_contract(
		&self,
		origin: &AccountId,
		address: &AccountId,
		bundle: &Bundle,
		message: &str,
		args: &[String],
	) -> Result<Outcome, Error> {
		let entry = bundle.message(message)?;
		let data = bundle.encode(entry, args)?;
		self.dry_run(origin, address, bundle, entry, data, 0).await
	}

	/// Runs the call on the best block (where the pool checks a transaction), without a
	/// transaction.
	async fn dry_run(
		&self,
		origin: &AccountId,
		address: &AccountId,
		bundle: &Bundle,
		entry: &Entry,
		data: Vec<u8>,
		value: u128,
	) -> Result<Outcome, Error> {
		let at = self.api().at_block(self.best_head().await?).await.map_err(Error::node)?;
		let dry = runtime::runtime_apis().contracts_api().call(
			origin.clone(),
			address.clone(),
			value,
			None,
			None,
			data,
		);
		let dry = at.runtime_apis().call(dry).await.map_err(Error::node)?;
		let debug = String::from_utf8_lossy(&dry.debug_message).into_owned();
		let done = dry.result.map_err(|e| Error::Refused(format!("{e:?} {debug}")))?;
		let deposit = match dry.storage_deposit {
			runtime_types::pallet_contracts::primitives::StorageDeposit::Charge(amount) => amount,
			runtime_types::pallet_contracts::primitives::StorageDeposit::Refund(_) => 0,
		};
		let events = dry
			.events
			.unwrap_or_default()
			.into_iter()
			.filter_map(|record| match record.event {
				runtime::runtime_types::medledger_runtime::RuntimeEvent::Contracts(
					runtime_types::pallet_contracts::pallet::Event::ContractEmitted {
						contract,
						data,
					},
				) if contract == *address => {
					let topics: Vec<[u8; 32]> = record.topics.iter().map(|t| t.0).collect();
					bundle.decode_event(&topics, &data).ok().flatten()
				},
				_ => None,
			})
			.collect();
		Ok(Outcome {
			value: bundle.decode_return(entry, &done.data)?,
			reverted: done.flags.bits & REVERT != 0,
			gas_required: (dry.gas_required.ref_time, dry.gas_required.proof_size),
			deposit,
			events,
		})
	}
}

/// `ReturnFlags::REVERT`: the contract reverted what it did.
const REVERT: u32 = 1;

/// The gas a dry run needed, with a tenth more: the state may move between the dry run and
/// the block.
fn margin(needed: &Weight) -> Weight {
	Weight {
		ref_time: needed.ref_time.saturating_add(needed.ref_time / 10),
		proof_size: needed.proof_size.saturating_add(needed.proof_size / 10),
	}
}

/// A constructor or a message of a contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
	/// Its name in the contract.
	pub label: String,
	/// The four bytes that select it.
	pub selector: [u8; 4],
	/// Its arguments: name and type id in the bundle's registry.
	pub args: Vec<(String, u32)>,
	/// The type id of what it returns (ink!'s `Result<_, LangError>` around the message's own).
	pub returns: Option<u32>,
	/// Whether it accepts value.
	pub payable: bool,
	/// Whether it may change the contract's state (constructors always do).
	pub mutates: bool,
}

/// An event a contract may emit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventEntry {
	/// Its name.
	pub label: String,
	/// The first topic of every such event, if the event has one (anonymous ones do not).
	pub signature_topic: Option<[u8; 32]>,
	/// Its fields in order: name and type id.
	pub fields: Vec<(String, u32)>,
}

/// A contract's code and metadata, as cargo-contract builds them.
#[derive(Clone, Debug)]
pub struct Bundle {
	/// The contract's name.
	pub name: String,
	/// Its Wasm code.
	pub wasm: Vec<u8>,
	/// The hash the chain stores the code under (BLAKE2-256 of the code).
	pub code_hash: [u8; 32],
	/// Its constructors.
	pub constructors: Vec<Entry>,
	/// Its messages.
	pub messages: Vec<Entry>,
	/// Its events.
	pub events: Vec<EventEntry>,
	registry: PortableRegistry,
}

fn bad(path: &str, what: impl std::fmt::Display) -> Error {
	Error::Invalid(format!("{path}: {what}"))
}

impl Bundle {
	/// Reads a bundle: a `.contract` file, or a `.json` metadata file with its `.wasm` beside.
	pub fn load(path: &Path) -> Result<Self, Error> {
		let shown = path.display().to_string();
		let text = std::fs::read(path).map_err(|e| bad(&shown, e))?;
		let json: serde_json::Value =
			serde_json::from_slice(&text).map_err(|e| bad(&shown, format!("not JSON: {e}")))?;
		let wasm = match json["source"]["wasm"].as_str() {
			Some(hex) => decode_hex(hex).map_err(|e| bad(&shown, e))?,
			None => {
				let beside = path.with_extension("wasm");
				std::fs::read(&beside).map_err(|e| {
					bad(
						&shown,
						format!("no code in the file and none at {}: {e}", beside.display()),
					)
				})?
			},
		};
		Self::from_parts(&json, wasm).map_err(|e| bad(&shown, e))
	}

	/// A bundle from its metadata and code.
	pub fn from_parts(metadata: &serde_json::Value, wasm: Vec<u8>) -> Result<Self, String> {
		if metadata["version"].as_u64() != Some(5) {
			return Err(format!(
				"metadata version {} (this client reads ink! 5 metadata, version 5)",
				metadata["version"]
			));
		}
		let registry: PortableRegistry =
			serde_json::from_value(serde_json::json!({ "types": metadata["types"] }))
				.map_err(|e| format!("the type registry does not read: {e}"))?;
		let spec = &metadata["spec"];
		let entries = |kind: &str, constructor: bool| -> Result<Vec<Entry>, String> {
			spec[kind]
				.as_array()
				.ok_or_else(|| format!("no {kind} in the metadata"))?
				.iter()
				.map(|entry| entry_of(entry, constructor))
				.collect()
		};
		let events = spec["events"]
			.as_array()
			.map(|events| events.iter().map(event_of).collect::<Result<Vec<_>, _>>())
			.transpose()?
			.unwrap_or_default();
		Ok(Self {
			name: metadata["contract"]["name"].as_str().unwrap_or("contract").to_string(),
			code_hash: sp_crypto_hashing::blake2_256(&wasm),
			wasm,
			constructors: entries("constructors", true)?,
			messages: entries("messages", false)?,
			events,
			registry,
		})
	}

	/// The constructor named `label`.
	pub fn constructor(&self, label: &str) -> Result<&Entry, Error> {
		find(&self.constructors, label, "constructor", &self.name)
	}

	/// The message named `label`.
	pub fn message(&self, label: &str) -> Result<&Entry, Error> {
		find(&self.messages, label, "message", &self.name)
	}

	/// The call data for `entry` with `args` (one text per argument, in scale-value's notation).
	pub fn encode(&self, entry: &Entry, args: &[String]) -> Result<Vec<u8>, Error> {
		if args.len() != entry.args.len() {
			let names: Vec<&str> = entry.args.iter().map(|(name, _)| name.as_str()).collect();
			return Err(Error::Invalid(format!(
				"{} takes {} argument(s) ({}), not {}",
				entry.label,
				entry.args.len(),
				names.join(", "),
				args.len()
			)));
		}
		let mut data = entry.selector.to_vec();
		for ((name, type_id), text) in entry.args.iter().zip(args) {
			let text = with_unit_variants(text);
			let (parsed, rest) = scale_value::stringify::from_str_custom()
				.add_custom_parser(scale_value::stringify::custom_parsers::parse_ss58)
				.add_custom_parser(scale_value::stringify::custom_parsers::parse_hex)
				.parse(&text);
			let value = parsed
				.map_err(|e| Error::Invalid(format!("{name}: {text:?} does not read: {e}")))?;
			if !rest.trim().is_empty() {
				return Err(Error::Invalid(format!("{name}: {text:?} has more after the value")));
			}
			value_scale::encode_as_type(&value, *type_id, &self.registry, &mut data).map_err(
				|e| {
					Error::Invalid(format!(
						"{name}: {text:?} is not a {}: {e}",
						self.type_name(*type_id)
					))
				},
			)?;
		}
		Ok(data)
	}

	/// Decodes what `entry` returned.
	pub fn decode_return(&self, entry: &Entry, bytes: &[u8]) -> Result<Value<u32>, Error> {
		let type_id = entry
			.returns
			.ok_or_else(|| Error::Node(format!("{} returns nothing to decode", entry.label)))?;
		self.decode(type_id, bytes)
	}

	/// Decodes an event the contract emitted, by its first topic; `None` when no event of the
	/// bundle has that topic.
	pub fn decode_event(
		&self,
		topics: &[[u8; 32]],
		data: &[u8],
	) -> Result<Option<(String, Vec<(String, Value<u32>)>)>, Error> {
		let Some(event) = self.events.iter().find(|event| {
			event.signature_topic.is_some() && event.signature_topic.as_ref() == topics.first()
		}) else {
			return Ok(None);
		};
		let mut input = data;
		let mut fields = Vec::with_capacity(event.fields.len());
		for (name, type_id) in &event.fields {
			let value = value_scale::decode_as_type(&mut input, *type_id, &self.registry)
				.map_err(|e| Error::Node(format!("event {}: field {name}: {e}", event.label)))?;
			fields.push((name.clone(), value));
		}
		Ok(Some((event.label.clone(), fields)))
	}

	fn decode(&self, type_id: u32, bytes: &[u8]) -> Result<Value<u32>, Error> {
		let mut input = bytes;
		let value = value_scale::decode_as_type(&mut input, type_id, &self.registry)
			.map_err(|e| Error::Node(format!("the contract's answer does not decode: {e}")))?;
		if !input.is_empty() {
			return Err(Error::Node(format!("{} bytes left after the answer", input.len())));
		}
		Ok(value)
	}

	/// The name of type `type_id`, for messages.
	fn type_name(&self, type_id: u32) -> String {
		self.registry
			.resolve(type_id)
			.map(|ty| ty.path.segments.join("::"))
			.filter(|path| !path.is_empty())
			.unwrap_or_else(|| format!("type {type_id}"))
	}
}

fn find<'a>(
	entries: &'a [Entry],
	label: &str,
	kind: &str,
	contract: &str,
) -> Result<&'a Entry, Error> {
	entries.iter().find(|entry| entry.label == label).ok_or_else(|| {
		let known: Vec<&str> = entries.iter().map(|entry| entry.label.as_str()).collect();
		Error::Invalid(format!("{contract} has no {kind} {label}; it has {}", known.join(", ")))
	})
}

fn entry_of(entry: &serde_json::Value, constructor: bool) -> Result<Entry, String> {
	let label = entry["label"].as_str().ok_or("an entry without a label")?.to_string();
	let selector = decode_hex(entry["selector"].as_str().ok_or("an entry without a selector")?)?
		.try_into()
		.map_err(|_| format!("{label}: a selector is four bytes"))?;
	Ok(Entry {
		selector,
		args: args_of(&entry["args"], &label)?,
		returns: entry["returnType"]["type"].as_u64().map(|id| id as u32),
		payable: entry["payable"].as_bool().unwrap_or(false),
		mutates: constructor || entry["mutates"].as_bool().unwrap_or(false),
		label,
	})
}

fn event_of(event: &serde_json::Value) -> Result<EventEntry, String> {
	let label = event["label"].as_str().ok_or("an event without a label")?.to_string();
	let signature_topic = match event["signature_topic"].as_str() {
		Some(hex) => Some(
			decode_hex(hex)?
				.try_into()
				.map_err(|_| format!("{label}: a signature topic is 32 bytes"))?,
		),
		None => None,
	};
	Ok(EventEntry { fields: args_of(&event["args"], &label)?, signature_topic, label })
}

fn args_of(args: &serde_json::Value, owner: &str) -> Result<Vec<(String, u32)>, String> {
	args.as_array()
		.map(|args| {
			args.iter()
				.map(|arg| {
					let name = arg["label"].as_str().unwrap_or("_").to_string();
					let id = arg["type"]["type"]
						.as_u64()
						.ok_or_else(|| format!("{owner}: argument {name} has no type"))?;
					Ok((name, id as u32))
				})
				.collect()
		})
		.unwrap_or(Ok(Vec::new()))
}

/// `text` with a bare variant name (`None`, `Treatment`) written as scale-value writes a
/// variant without fields (`None()`).
fn with_unit_variants(text: &str) -> String {
	let bare = text.trim();
	let is_name = bare.chars().next().is_some_and(|c| c.is_ascii_uppercase())
		&& bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
	if is_name {
		format!("{bare}()")
	} else {
		text.to_string()
	}
}

fn decode_hex(text: &str) -> Result<Vec<u8>, String> {
	hex::decode(text.trim_start_matches("0x")).map_err(|e| format!("bad hex: {e}"))
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The research study as `scripts/contracts.sh` builds it.
	fn study() -> Bundle {
		let target = std::env::var("MEDLEDGER_CONTRACTS_TARGET").unwrap_or_else(|_| {
			format!(
				"{}/.cache/medledger/contracts-target",
				std::env::var("HOME").unwrap_or_default()
			)
		});
		let path = Path::new(&target).join("ink/research_study/research_study.contract");
		Bundle::load(&path)
			.unwrap_or_else(|e| panic!("{e}; build the contracts: scripts/contracts.sh"))
	}

	#[test]
	fn a_bundle_gives_code_hash_selectors_and_types() {
		let study = study();
		assert_eq!(study.name, "research-study");
		assert_eq!(study.code_hash, sp_crypto_hashing::blake2_256(&study.wasm));
		let enroll = study.message("enroll").expect("enroll");
		assert!(enroll.mutates && !enroll.payable);
		assert_eq!(enroll.args.len(), 1);
		assert!(study.constructor("new").expect("new").payable);
		let missing = study.message("withdraw_all").expect_err("no such message");
		assert!(missing.to_string().contains("enroll"), "{missing}");
	}

	#[test]
	fn arguments_are_encoded_to_their_types_and_refused_when_they_do_not_fit() {
		let study = study();
		let enroll = study.message("enroll").expect("enroll");
		// `Option<RecordId>`: a record id is a one-field composite of a u64.
		let none = study.encode(enroll, &["None".to_string()]).expect("None encodes");
		assert_eq!(none, [enroll.selector.to_vec(), vec![0]].concat());
		let some = study.encode(enroll, &["Some((7))".to_string()]).expect("Some encodes");
		assert_eq!(some, [enroll.selector.to_vec(), vec![1, 7, 0, 0, 0, 0, 0, 0, 0]].concat());
		assert!(study.encode(enroll, &["\"seven\"".to_string()]).is_err());
		assert!(study.encode(enroll, &[]).is_err(), "one argument is needed");
		let check = study.message("check").expect("check");
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY".to_string();
		let data = study.encode(check, &[alice]).expect("an address encodes as an AccountId");
		assert_eq!(data.len(), 4 + 32);
	}

	#[test]
	fn results_and_events_decode_by_the_metadata() {
		let study = study();
		let participants = study.message("participants").expect("participants");
		// ink!'s `Ok(..)` of `LangError` around a `u32`.
		let value = study.decode_return(participants, &[0, 3, 0, 0, 0]).expect("decodes");
		assert_eq!(value.to_string(), "Ok (3)");
		assert!(study.decode_return(participants, &[0, 3, 0, 0]).is_err(), "too short");
		let closed = study.events.iter().find(|e| e.label == "Closed").expect("Closed");
		let topic = closed.signature_topic.expect("a topic");
		let (label, fields) = study
			.decode_event(&[topic], &5u128.to_le_bytes())
			.expect("decodes")
			.expect("a known event");
		assert_eq!(label, "Closed");
		assert_eq!(fields[0].1.to_string(), "5");
		assert_eq!(study.decode_event(&[[0; 32]], &[]).expect("no error"), None);
	}
}
