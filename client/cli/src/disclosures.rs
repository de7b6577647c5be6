//! `medledger disclosures`: a patient's accounting of disclosures, checked complete.

use crate::{output::Output, shared::account, DisclosuresArgs};
use medledger_client::{
	chain::MedLedger,
	types::{
		disclosure::{Disclosure, DisclosureLog as Replay},
		AccountId, Purpose,
	},
	Error, Keystore,
};
use serde_json::json;

/// `medledger disclosures PATIENT [--from B]`.
pub async fn run(
	store: &Keystore,
	out: Output,
	url: &str,
	args: DisclosuresArgs,
) -> Result<(), Error> {
	let patient = account(store, &args.patient)?;
	let chain = MedLedger::connect(url).await?;
	accounting(&chain, out, &patient, args.from).await
}

/// Every disclosure receipt of `patient` from block `from` on, replayed into the running hash
/// and checked against the chain's accounting: a patient sees whether the list is complete.
async fn accounting(
	chain: &MedLedger,
	out: Output,
	patient: &AccountId,
	from: u32,
) -> Result<(), Error> {
	// The receipts and the accounting are both read up to the same finalized block.
	let finalized = chain.finalized_head().await?;
	let last = chain.block_number(finalized).await?;
	let log = chain.disclosure_log(patient, finalized).await?;
	let mut replay = Replay::default();
	let mut rows = Vec::new();
	let mut values = Vec::new();
	for number in from..=last {
		for e in chain.disclosures_in_block(patient, number).await? {
			let purpose: Purpose = e.purpose.0;
			let receipt = Disclosure {
				record: e.record.0,
				requester: e.requester.clone(),
				grant: e.grant.as_ref().map(|g| g.0),
				purpose,
				released_at: e.released_at,
			};
			let record = e.record.0 .0;
			let grant = e.grant.as_ref().map(|g| g.0 .0);
			replay = replay.append(&number, &receipt);
			rows.push(vec![
				e.index.to_string(),
				format!("block {number}"),
				record.to_string(),
				e.requester.to_string(),
				grant.map_or("-".into(), |g| g.to_string()),
				format!("{purpose:?}"),
			]);
			values.push(json!({ "index": e.index, "block": number, "record": record, "requester": e.requester.to_string(), "grant": grant, "purpose": format!("{purpose:?}") }));
		}
	}
	let on_chain_head = hex::encode(log.head.0);
	let on_chain_count = log.count;
	let count = replay.count;
	let complete =
		from == 0 && on_chain_count == count && on_chain_head == hex::encode(replay.head.0);
	if out.json {
		out.line("", &json!({ "receipts": values, "count": on_chain_count, "complete": complete }));
		return Ok(());
	}
	out.table(&["#", "when", "record", "requester", "grant", "purpose"], rows, &values);
	if from > 0 {
		println!("{count} receipts from block {from}; the chain counts {on_chain_count} in all (read from 0 to check completeness)");
	} else if complete {
		println!("complete: these {count} receipts replay to the chain's accounting hash");
	} else {
		println!("INCOMPLETE: the chain counts {on_chain_count} receipts; these {count} do not replay to its hash");
	}
	Ok(())
}
