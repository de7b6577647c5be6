//! What the contract commands (`contract`, `study`, `claim`) share: the example contracts'
//! bundles, a deployed contract called and asked in a command's own words,
//! the parts of a scale-value answer, and how an answer is reported. A leaf: it imports no
//! area module.

use crate::output::Output;
use medledger_client::{
	chain::{MedLedger, Wait},
	contracts::{Bundle, Outcome},
	types::AccountId,
	Error, Keys,
};
use serde_json::json;
use std::path::PathBuf;
use subxt::ext::scale_value::{Composite, Value, ValueDef};

/// The bundle of one of the example contracts: `given`, else the build of
/// `scripts/contracts.sh` under `$MEDLEDGER_CONTRACTS_TARGET`.
pub(crate) fn example_bundle(given: Option<PathBuf>, name: &str) -> Result<Bundle, Error> {
	let path = match given {
		Some(path) => path,
		None => {
			let target = std::env::var_os("MEDLEDGER_CONTRACTS_TARGET").ok_or_else(|| {
				Error::Invalid(format!(
					"where is {name}.contract? Give --bundle (cargo contract build makes it)"
				))
			})?;
			PathBuf::from(target).join("ink").join(name).join(format!("{name}.contract"))
		},
	};
	Bundle::load(&path)
}

/// A contract on chain whose bundle is known, called and asked in a command's own words.
pub(crate) struct Deployed<'a> {
	pub chain: &'a MedLedger,
	pub bundle: Bundle,
	pub address: AccountId,
}

impl Deployed<'_> {
	/// Calls `message` in a transaction; a message that would revert is not sent and comes
	/// back as [`Error::Refused`] with the contract's reason.
	pub async fn call(
		&self,
		keys: &Keys,
		out: &Output,
		message: &str,
		args: &[String],
		value: u128,
	) -> Result<Outcome, Error> {
		let outcome = self
			.chain
			.call_contract(
				keys,
				&self.address,
				&self.bundle,
				message,
				args,
				value,
				Wait::Finalized,
				out.progress(message),
			)
			.await?;
		if outcome.reverted {
			return Err(Error::Refused(format!("{message}: {}", answer(&outcome.value))));
		}
		Ok(outcome)
	}

	/// What `message` answers `origin` now (best block), without a transaction.
	pub async fn ask(
		&self,
		origin: &AccountId,
		message: &str,
		args: &[String],
	) -> Result<Value<u32>, Error> {
		let outcome =
			self.chain.query_contract(origin, &self.address, &self.bundle, message, args).await?;
		Ok(answer(&outcome.value).clone())
	}
}

/// A message's own answer: ink! wraps every answer in `Ok` (or `Err(LangError)`).
pub(crate) fn answer(value: &Value<u32>) -> &Value<u32> {
	match &value.value {
		ValueDef::Variant(variant) if variant.name == "Ok" => match &variant.values {
			Composite::Unnamed(values) if values.len() == 1 => &values[0],
			_ => value,
		},
		_ => value,
	}
}

/// The field `name` of a struct value.
pub(crate) fn field<'v>(value: &'v Value<u32>, name: &str) -> Option<&'v Value<u32>> {
	match &value.value {
		ValueDef::Composite(Composite::Named(fields)) => {
			fields.iter().find(|(field, _)| field == name).map(|(_, value)| value)
		},
		_ => None,
	}
}

/// A number that the contract keeps as a newtype (`ClaimId(3)`, `CategorySet(16)`) or bare.
pub(crate) fn number(value: &Value<u32>) -> Option<u128> {
	match &value.value {
		ValueDef::Composite(Composite::Unnamed(values)) if values.len() == 1 => number(&values[0]),
		_ => value.as_u128(),
	}
}

/// The value of a `Some(..)`, `None` for `None`.
pub(crate) fn some(value: &Value<u32>) -> Option<&Value<u32>> {
	match &value.value {
		ValueDef::Variant(variant) if variant.name == "Some" => match &variant.values {
			Composite::Unnamed(values) => values.first(),
			_ => None,
		},
		_ => None,
	}
}

/// Prints what a message answered, and the events it emitted.
pub(crate) fn report(out: &Output, message: &str, outcome: &Outcome) {
	let events: Vec<_> = outcome
		.events
		.iter()
		.map(|(label, fields)| {
			let fields: serde_json::Map<_, _> = fields
				.iter()
				.map(|(name, value)| (name.clone(), json!(value.to_string())))
				.collect();
			json!({ "event": label, "fields": fields })
		})
		.collect();
	let mut text = format!(
		"{message}: {}{}",
		outcome.value,
		if outcome.reverted { " (reverted: nothing changed)" } else { "" }
	);
	for (label, fields) in &outcome.events {
		let fields: Vec<String> =
			fields.iter().map(|(name, value)| format!("{name}: {value}")).collect();
		text.push_str(&format!("\n  event {label} {{ {} }}", fields.join(", ")));
	}
	out.line(
		&text,
		&json!({
			"answer": outcome.value.to_string(),
			"reverted": outcome.reverted,
			"deposit": outcome.deposit.to_string(),
			"events": events,
		}),
	);
}
