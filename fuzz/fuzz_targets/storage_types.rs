//! SCALE decoding of the values the MedLedger pallets keep in storage, with this runtime's
//! types (`AccountId32`, `u32` block numbers, `u128` balances and the runtime's `Max*` bounds).
//!
//! The first byte picks a type ([`CHECKS`]); the rest is decoded as a value of it. A value that
//! decodes must:
//! - re-encode to exactly the bytes it was decoded from (one value, one encoding: storage
//!   proofs and the running hashes over encoded values rely on it), and `encoded_size` must say
//!   that length;
//! - fit its `MaxEncodedLen`, the bound the pallets' proof-of-validity weights are taken from:
//!   a bounded collection must refuse to decode past its bound.
//!
//! Version 0 document sets, which the records pallet's migration decodes, must also round-trip,
//! and upgrade to a document set within its bound.

#![no_main]

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::BoundedVec;
use libfuzzer_sys::fuzz_target;
use medledger_primitives::{CategorySet, GrantId, InquiryId, LabelSet, RecordId};
use medledger_runtime::{AccountId, BlockNumber, Runtime};
use pallet_records::migrations::v1::OldDocumentSetOf;

type MaxGrantsPerGrantee = <Runtime as pallet_consent::Config>::MaxGrantsPerGrantee;
type MaxPendingInquiries = <Runtime as pallet_consent::Config>::MaxPendingInquiries;
type MaxProviders = <Runtime as pallet_providers::Config>::MaxProviders;
type MaxPractitioners = <Runtime as pallet_providers::Config>::MaxPractitioners;

/// One check per stored value type, named after the storage items that hold it.
const CHECKS: &[fn(&[u8])] = &[
	// Consent: NextGrantId, Grants, GrantIndex, NextInquiryId, Inquiries, PendingInquiries,
	// the per-window counters (FeelessUse, EmergencyUse, ProviderEmergencyUse) and the plain
	// counters (LiveGrantCount, PendingPerRequester, BlockedCount).
	check::<GrantId>,
	check::<pallet_consent::GrantOf<Runtime>>,
	check::<BoundedVec<pallet_consent::IndexEntryOf<Runtime>, MaxGrantsPerGrantee>>,
	check::<InquiryId>,
	check::<pallet_consent::InquiryOf<Runtime>>,
	check::<BoundedVec<InquiryId, MaxPendingInquiries>>,
	check::<(BlockNumber, u32)>,
	check::<u32>,
	// Patients: Patients, Epochs (u32), EpochEnds, Representatives.
	check::<pallet_patients::PatientInfoOf<Runtime>>,
	check::<BlockNumber>,
	check::<pallet_patients::Representation<BlockNumber>>,
	// Providers: Applications, Providers, ActiveProviders, Practitioners, Employers.
	check::<pallet_providers::ApplicationOf<Runtime>>,
	check::<pallet_providers::ProviderInfoOf<Runtime>>,
	check::<BoundedVec<AccountId, MaxProviders>>,
	check::<BoundedVec<AccountId, MaxPractitioners>>,
	check::<AccountId>,
	// Records: NextRecordId, DocumentSets, DisclosureLogs; a disclosure is hashed into its
	// patient's log, and version 0 document sets are decoded by the migration.
	check::<RecordId>,
	check::<pallet_records::DocumentSetOf<Runtime>>,
	check::<pallet_records::DisclosureLog>,
	check::<pallet_records::Disclosure<AccountId, BlockNumber>>,
	check_old_document_set,
	// The sets every grant, inquiry and record carries.
	check::<CategorySet>,
	check::<LabelSet>,
];

fuzz_target!(|data: &[u8]| {
	let Some((selector, value)) = data.split_first() else { return };
	CHECKS[usize::from(*selector) % CHECKS.len()](value);
});

/// `T` decoded from `data`, re-encoded to the bytes it came from, within its bound.
fn check<T: Decode + Encode + MaxEncodedLen>(data: &[u8]) {
	let Some((value, consumed)) = round_trip::<T>(data) else { return };
	assert!(
		consumed.len() <= T::max_encoded_len(),
		"a {} of {} bytes decoded, over its MaxEncodedLen of {}: {}",
		std::any::type_name::<T>(),
		consumed.len(),
		T::max_encoded_len(),
		hex::encode(consumed),
	);
	assert_eq!(value.encoded_size(), consumed.len(), "{}", std::any::type_name::<T>());
}

/// A version 0 document set round-trips and upgrades to a document set within its bound.
fn check_old_document_set(data: &[u8]) {
	let Some((old, _)) = round_trip::<OldDocumentSetOf<Runtime>>(data) else { return };
	let upgraded = old.upgraded();
	check::<pallet_records::DocumentSetOf<Runtime>>(&upgraded.encode());
}

/// `T` decoded from the start of `data`, with the bytes it took; panics if it re-encodes to
/// other bytes.
fn round_trip<T: Decode + Encode>(data: &[u8]) -> Option<(T, &[u8])> {
	let mut input = data;
	let value = T::decode(&mut input).ok()?;
	let consumed = &data[..data.len() - input.len()];
	let encoded = value.encode();
	assert!(
		encoded == consumed,
		"a {} re-encodes to other bytes:\n decoded  {}\n encoded  {}",
		std::any::type_name::<T>(),
		hex::encode(consumed),
		hex::encode(&encoded),
	);
	Some((value, consumed))
}
