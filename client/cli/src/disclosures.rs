//! `medledger disclosures`: a patient's accounting of disclosures, checked complete.

use crate::{commands::rpc, output::Output};
use codec::Encode;
use medledger_client::{
	chain::MedLedger,
	runtime,
	types::{AccountId, Purpose},
	Error,
};
use serde_json::{json, Value};

/// Every disclosure receipt of `patient` from block `from` on, replayed into the running hash
/// and checked against the chain's accounting: a patient sees whether the list is complete.
pub async fn run(
	chain: &MedLedger,
	out: Output,
	patient: &AccountId,
	from: u32,
) -> Result<(), Error> {
	// The receipts and the accounting are both read up to the same finalized block.
	let finalized = chain.api().at_current_block().await.map_err(|e| Error::Node(e.to_string()))?;
	let last = finalized.block_number() as u32;
	let at = format!("{:?}", finalized.block_hash());
	let log: Value =
		rpc(chain, "medledger_disclosureLog", json!([patient.to_string(), at])).await?;
	let mut head = [0u8; 32];
	let mut count = 0u64;
	let mut rows = Vec::new();
	let mut values = Vec::new();
	for number in from..=last {
		let at =
			chain.api().at_block(number as u64).await.map_err(|e| Error::Node(e.to_string()))?;
		let events = at.events().fetch().await.map_err(|e| Error::Node(e.to_string()))?;
		for event in events.find::<runtime::records::events::Disclosed>() {
			let e = event.map_err(|e| Error::Node(e.to_string()))?;
			if &e.patient != patient {
				continue;
			}
			let purpose: Purpose = e.purpose.0;
			let receipt = (
				e.record.0,
				e.requester.clone(),
				e.grant.as_ref().map(|g| g.0),
				purpose,
				e.released_at,
			);
			let record = e.record.0 .0;
			let grant = e.grant.as_ref().map(|g| g.0 .0);
			head = sp_crypto_hashing::blake2_256(&(head, number, receipt).encode());
			count += 1;
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
	let on_chain_head =
		log["head"].as_str().unwrap_or_default().trim_start_matches("0x").to_string();
	let on_chain_count = log["count"].as_u64().unwrap_or_default();
	let complete = from == 0 && on_chain_count == count && on_chain_head == hex::encode(head);
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
