//! What the gateway reads from the chain besides the access check: the clinic it acts for,
//! patients' and requesters' encryption keys, and document sets, each at an explicit block
//! (the finalized head unless said otherwise), through the client's typed reads.

use crate::store::StoredRecord;
use medledger_client::{
	chain::{Hash, MedLedger},
	types::{AccountId, RecordId},
};

/// The clinic `who` acts for as a records gateway: itself if it is an admitted provider, else
/// the provider that employs it as a practitioner, on the finalized chain. This is the
/// custodian of every record the gateway registers, and the gateway's identity in signed
/// requests.
pub async fn custodian_of(chain: &MedLedger, who: &AccountId) -> Result<AccountId, String> {
	let at = chain.finalized_head().await.map_err(|e| e.to_string())?;
	if chain.provider(who, at).await.map_err(|e| e.to_string())?.is_some() {
		return Ok(*who);
	}
	match chain.employer(who, at).await.map_err(|e| e.to_string())? {
		Some(employer) => Ok(employer),
		None => Err(format!(
			"{who} is neither an admitted provider nor a practitioner of one on the finalized \
			 chain: a gateway acts for a clinic; give the clinic's identity or one of its \
			 practitioners'"
		)),
	}
}

/// The x25519 key `patient` registered as a patient, on the finalized chain; `None` if it is
/// not a registered patient.
pub async fn patient_key(
	chain: &MedLedger,
	patient: &AccountId,
) -> Result<Option<[u8; 32]>, String> {
	let at = chain.finalized_head().await.map_err(|e| e.to_string())?;
	let key = chain.patient_key(patient, at).await.map_err(|e| e.to_string())?;
	Ok(key.map(|key| key.0))
}

/// The x25519 key a person or clinic registered on chain, at block `at`: a patient's (every
/// person's agent), else a provider's.
pub async fn encryption_key_of(
	chain: &MedLedger,
	who: &AccountId,
	at: Hash,
) -> Result<Option<[u8; 32]>, String> {
	let key = chain.encryption_key(who, at).await.map_err(|e| e.to_string())?;
	Ok(key.map(|key| key.0))
}

/// What the chain says of a record's document set, as far as the gateway checks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentSet {
	pub custodian: AccountId,
	pub registered_by: AccountId,
	pub content_hash: [u8; 32],
}

/// `record`'s document set at block `at`, if there is one.
pub async fn document_set_at(
	chain: &MedLedger,
	record: RecordId,
	at: Hash,
) -> Result<Option<DocumentSet>, String> {
	let set = chain.document_set(record, at).await.map_err(|e| e.to_string())?;
	let Some(set) = set else { return Ok(None) };
	Ok(Some(DocumentSet {
		custodian: set.custodian,
		registered_by: set.registered_by,
		content_hash: set.content_hash.0,
	}))
}

/// Whether the blob stored as a record is the one the chain registered for it, for this
/// gateway's clinic: the chain names `custodian` as the record's custodian, and the stored
/// ciphertext hashes to the chain's content hash. Checked before anything is released, so
/// that a database row changed behind the gateway's back is never sent.
pub fn stored_matches(
	on_chain: &DocumentSet,
	custodian: &AccountId,
	stored: &StoredRecord,
) -> Result<(), String> {
	if on_chain.custodian != *custodian {
		return Err(format!(
			"record {}: the chain names {} as its custodian, not this gateway's clinic {custodian}",
			stored.record, on_chain.custodian
		));
	}
	let hash = crate::vault::content_hash(&stored.ciphertext);
	if hash != on_chain.content_hash || stored.content_hash != on_chain.content_hash {
		return Err(format!(
			"record {}: the stored ciphertext hashes to {}, the chain holds {}: the database \
			 was changed",
			stored.record,
			hex::encode(hash),
			hex::encode(on_chain.content_hash)
		));
	}
	Ok(())
}

/// The record, on the finalized chain, whose document set this gateway registered for an
/// upload: of `patient`, held by `custodian`, registered by `registrar` (the gateway's own
/// identity) and with `content_hash`. Anyone else's document set with the same hash is not it.
pub async fn find_registered(
	chain: &MedLedger,
	patient: &AccountId,
	custodian: &AccountId,
	registrar: &AccountId,
	content_hash: &[u8; 32],
) -> Result<Option<RecordId>, String> {
	let at = chain.finalized_head().await.map_err(|e| e.to_string())?;
	let records = chain.patient_records(patient, at).await.map_err(|e| e.to_string())?;
	for (record, summary) in records {
		if summary.content_hash.0 != *content_hash || summary.custodian != *custodian {
			continue;
		}
		let set = chain.document_set(record, at).await.map_err(|e| e.to_string())?;
		if set.is_some_and(|set| set.registered_by == *registrar) {
			return Ok(Some(record));
		}
	}
	Ok(None)
}

#[cfg(test)]
mod tests {
	use super::*;
	use medledger_client::Keys;

	fn account(uri: &str) -> AccountId {
		Keys::from_uri(uri).unwrap().account_id()
	}

	fn stored(ciphertext: &[u8]) -> StoredRecord {
		StoredRecord {
			record: 5,
			patient: "5Zoe".into(),
			category: "lab-results".into(),
			resource_type: "Observation".into(),
			content_hash: crate::vault::content_hash(ciphertext),
			wrapped_key: vec![1],
			ciphertext: ciphertext.to_vec(),
		}
	}

	#[test]
	fn only_the_blob_the_chain_registered_for_this_clinic_is_released() {
		let (clinic, other) = (account("//Alice"), account("//Bob"));
		let blob = stored(b"ciphertext");
		let on_chain = DocumentSet {
			custodian: clinic,
			registered_by: clinic,
			content_hash: blob.content_hash,
		};
		assert!(stored_matches(&on_chain, &clinic, &blob).is_ok());
		// Another clinic's record.
		assert!(
			stored_matches(&DocumentSet { custodian: other, ..on_chain }, &clinic, &blob).is_err()
		);
		// The ciphertext changed in the database (its hash column too, or not).
		let mut swapped = stored(b"other ciphertext");
		assert!(stored_matches(&on_chain, &clinic, &swapped).is_err());
		swapped.content_hash = on_chain.content_hash;
		assert!(stored_matches(&on_chain, &clinic, &swapped).is_err());
	}
}
