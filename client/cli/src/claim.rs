//! `medledger claim`: the insurance-claim contract (`contracts/insurance-claim`) in its own
//! words. An insurer opens a pool; anyone funds it; a clinic claims for a patient's care named
//! by the clinic's records and is paid at once when the patient consented to show those
//! records to the insurer for payment; the insurer sets the largest claim and withdraws.

use crate::{
	ink::{example_bundle, field, number, report, some, Deployed},
	output::Output,
	shared::{account, positive, signer},
	ClaimArgs, ClaimCommand,
};
use medledger_client::{chain::Wait, types::Amount, Error, Keystore, MedLedger};
use serde_json::json;
use subxt::ext::scale_value::{Composite, Value, ValueDef};

pub async fn run(
	store: &Keystore,
	out: Output,
	chain: &MedLedger,
	args: ClaimArgs,
) -> Result<(), Error> {
	let bundle = example_bundle(args.bundle, "insurance_claim")?;
	let deployed = |address: &str| -> Result<Deployed<'_>, Error> {
		Ok(Deployed { chain, bundle: bundle.clone(), address: account(store, address)? })
	};
	match args.command {
		ClaimCommand::Open { signer: who, pool, max_claim, salt } => {
			let keys = signer(store, &who)?;
			if !chain.code_uploaded(bundle.code_hash).await? {
				chain.upload_code(&keys, &bundle, Wait::Finalized, out.progress("upload")).await?;
			}
			let (address, _) = chain
				.instantiate(
					&keys,
					&bundle,
					"new",
					&[max_claim.0.to_string()],
					pool.0,
					salt.map(String::into_bytes).unwrap_or_default(),
					Wait::Finalized,
					out.progress("open"),
				)
				.await?;
			out.line(
				&format!(
					"pool opened at {address} with {}: patients grant {} payment access; \
					 clinics claim up to {} each",
					pool,
					keys.account_id(),
					max_claim,
				),
				&json!({ "pool": address.to_string() }),
			);
			Ok(())
		},
		ClaimCommand::Fund { signer: who, pool, amount } => {
			let keys = signer(store, &who)?;
			let amount = positive(amount)?;
			let outcome = deployed(&pool)?.call(&keys, &out, "fund", &[], amount).await?;
			report(&out, "fund", &outcome);
			Ok(())
		},
		ClaimCommand::Submit { signer: who, pool, patient, records, amount } => {
			let keys = signer(store, &who)?;
			let patient = account(store, &patient)?;
			let records = parse_records(&records)?;
			let args = [patient.to_string(), records, positive(amount)?.to_string()];
			let outcome = deployed(&pool)?.call(&keys, &out, "claim", &args, 0).await?;
			report(&out, "claim", &outcome);
			Ok(())
		},
		ClaimCommand::Withdraw { signer: who, pool, amount } => {
			let keys = signer(store, &who)?;
			let amount = positive(amount)?.to_string();
			let outcome = deployed(&pool)?.call(&keys, &out, "withdraw", &[amount], 0).await?;
			report(&out, "withdraw", &outcome);
			Ok(())
		},
		ClaimCommand::Limit { signer: who, pool, max_claim } => {
			let keys = signer(store, &who)?;
			let max = max_claim.0.to_string();
			let outcome = deployed(&pool)?.call(&keys, &out, "set_max_claim", &[max], 0).await?;
			report(&out, "set_max_claim", &outcome);
			Ok(())
		},
		ClaimCommand::Show { pool, claim, record } => {
			let pool = deployed(&pool)?;
			let anyone = pool.address.clone();
			let claim = match (claim, record) {
				(Some(id), _) => Some(pool.ask(&anyone, "claim_of", &[format!("({id})")]).await?),
				(None, Some(record)) => {
					let id = pool.ask(&anyone, "claim_of_record", &[format!("({record})")]).await?;
					match some(&id).and_then(number) {
						Some(id) => {
							Some(pool.ask(&anyone, "claim_of", &[format!("({id})")]).await?)
						},
						None => Some(id),
					}
				},
				(None, None) => None,
			};
			let insurer = pool.ask(&anyone, "insurer", &[]).await?;
			let max_claim = number(&pool.ask(&anyone, "max_claim", &[]).await?).unwrap_or(0);
			let left = number(&pool.ask(&anyone, "pool", &[]).await?).unwrap_or(0);
			let mut fields = vec![
				("insurer", insurer.to_string()),
				("pool", Amount(left).to_string()),
				("largest claim", Amount(max_claim).to_string()),
			];
			let claim_json = claim.map(|claim| match some(&claim) {
				Some(paid) => {
					let text =
						|name: &str| field(paid, name).map(ToString::to_string).unwrap_or_default();
					let amount = field(paid, "amount").and_then(number).unwrap_or(0);
					fields.push((
						"claim",
						format!(
							"{} paid {} to {} at block {}, for patient {}, records {}",
							field(paid, "id").and_then(number).unwrap_or(0),
							Amount(amount),
							text("clinic"),
							text("paid_at"),
							text("patient"),
							record_list(field(paid, "records")),
						),
					));
					json!({
						"id": field(paid, "id").and_then(number).map(|id| id as u64),
						"clinic": text("clinic"),
						"patient": text("patient"),
						"amount": amount.to_string(),
						"records": record_list(field(paid, "records")),
					})
				},
				None => {
					fields.push(("claim", "none paid".to_string()));
					json!(null)
				},
			});
			out.record(
				&fields,
				&json!({
					"pool": left.to_string(),
					"max_claim": max_claim.to_string(),
					"claim": claim_json,
				}),
			);
			Ok(())
		},
	}
}

/// `1,2,3` as the contract's `Vec<RecordId>` text: `((1), (2), (3))`.
fn parse_records(list: &str) -> Result<String, Error> {
	let ids = list
		.split(',')
		.map(|id| {
			id.trim().parse::<u64>().map_err(|_| {
				Error::Invalid(format!("'{id}' is not a record number (records: 1,2,3)"))
			})
		})
		.collect::<Result<Vec<_>, _>>()?;
	let items: Vec<String> = ids.iter().map(|id| format!("({id})")).collect();
	Ok(format!("({})", items.join(", ")))
}

/// The record numbers of a claim's `records`: `1, 2`.
fn record_list(records: Option<&Value<u32>>) -> String {
	match records.map(|r| &r.value) {
		Some(ValueDef::Composite(Composite::Unnamed(ids))) => {
			ids.iter().filter_map(number).map(|id| id.to_string()).collect::<Vec<_>>().join(", ")
		},
		_ => String::new(),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn records_read_as_a_list_of_record_ids() {
		assert_eq!(parse_records("1, 2,3").expect("reads"), "((1), (2), (3))");
		assert!(matches!(parse_records("1,x"), Err(Error::Invalid(_))));
		assert!(matches!(parse_records(""), Err(Error::Invalid(_))));
	}
}
