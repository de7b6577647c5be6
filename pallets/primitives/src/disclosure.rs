//! A patient's accounting of disclosures: the receipt a custodian's gateway reports for each
//! release of a record, and the running hash over all of a patient's receipts.
//!
//! The records pallet appends every receipt it records to the patient's [`DisclosureLog`]; a
//! client replays the receipt events through the same [`DisclosureLog::append`] and compares
//! the result with the log on chain, so a patient can tell that the list they see is complete.

use crate::{GrantId, Purpose, RecordId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::traits::{BlakeTwo256, Hash};

/// The head of a disclosure log: a BLAKE2-256 hash (`sp_core::H256`).
pub type H256 = <BlakeTwo256 as Hash>::Output;

/// One release of a record, as its custodian's gateway reports it.
///
/// Its SCALE encoding is hashed into the patient's [`DisclosureLog`]: never reorder or retype
/// the fields.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Disclosure<AccountId, BlockNumber> {
	/// The record released.
	pub record: RecordId,
	/// Who received it.
	pub requester: AccountId,
	/// The grant it was released under; `None` when the requester was the patient, a viewing
	/// representative, or the custodian's own staff.
	pub grant: Option<GrantId>,
	/// The purpose the requester stated.
	pub purpose: Purpose,
	/// The block on whose state the gateway decided to release: the receipt is judged as of
	/// then, so a grant revoked or a practitioner dismissed since does not void it.
	pub released_at: BlockNumber,
}

/// A patient's accounting of disclosures: how many, and a running hash over all of them.
#[derive(Clone, Copy, PartialEq, Eq, Default, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct DisclosureLog {
	/// How many disclosures were reported.
	pub count: u64,
	/// `blake2_256(previous head ++ SCALE(block, disclosure))` over every receipt in order,
	/// starting from zero: replaying the receipt events must give this.
	pub head: H256,
}

impl DisclosureLog {
	/// The log after one more receipt, `disclosure`, recorded in block `block`: the one
	/// definition of the running hash, for the chain that keeps it and the clients that check
	/// it.
	pub fn append<AccountId: Encode, BlockNumber: Encode>(
		self,
		block: &BlockNumber,
		disclosure: &Disclosure<AccountId, BlockNumber>,
	) -> Self {
		let head = BlakeTwo256::hash_of(&(self.head, block, disclosure));
		Self { count: self.count.saturating_add(1), head }
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn receipt(record: u64, grant: Option<u64>) -> Disclosure<[u8; 32], u32> {
		Disclosure {
			record: RecordId(record),
			requester: [9; 32],
			grant: grant.map(GrantId),
			purpose: Purpose::Treatment,
			released_at: 41,
		}
	}

	#[test]
	fn appending_hashes_the_previous_head_the_block_and_the_receipt_fields_in_order() {
		let first = receipt(3, Some(7));
		let log = DisclosureLog::default().append(&42u32, &first);
		// The receipt encodes as its fields one after the other, as clients replay it.
		let fields = (RecordId(3), [9u8; 32], Some(GrantId(7)), Purpose::Treatment, 41u32);
		assert_eq!(first.encode(), fields.encode());
		let mut preimage = [0u8; 32].to_vec();
		preimage.extend(42u32.encode());
		preimage.extend(fields.encode());
		assert_eq!(log, DisclosureLog { count: 1, head: BlakeTwo256::hash(&preimage) });
	}

	#[test]
	fn the_log_depends_on_every_receipt_and_their_order() {
		let (a, b) = (receipt(1, None), receipt(2, Some(5)));
		let both = DisclosureLog::default().append(&10u32, &a).append(&11u32, &b);
		let swapped = DisclosureLog::default().append(&10u32, &b).append(&11u32, &a);
		let missing = DisclosureLog::default().append(&11u32, &b);
		assert_eq!(both.count, 2);
		assert_ne!(both.head, swapped.head);
		assert_ne!(both.head, missing.head);
	}
}
