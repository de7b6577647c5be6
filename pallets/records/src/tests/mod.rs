//! Tests of document sets and disclosure receipts, one file per concern and one test per rule.

mod authorization;
mod disclosures;
mod document_sets;
mod migrations;

use crate::{mock::*, Event};
use medledger_primitives::{RecordCategory, RecordId};
use sp_core::H256;

/// DOCTOR registers a lab result of PATIENT's, held by CLINIC.
pub(crate) fn lab_result() -> RecordId {
	let id = crate::NextRecordId::<Test>::get();
	frame_support::assert_ok!(Records::register_document_set(
		RuntimeOrigin::signed(DOCTOR),
		PATIENT,
		RecordCategory::LabResults,
		medledger_primitives::LabelSet::empty(),
		H256::repeat_byte(0xab),
		2048,
		b"sealed metadata".to_vec(),
		None
	));
	id
}

/// PATIENT grants `grantee` lab results for treatment, until `ends`.
pub(crate) fn consent_to(grantee: AccountId, ends: Option<u64>) -> medledger_primitives::GrantId {
	let id = pallet_consent::NextGrantId::<Test>::get();
	frame_support::assert_ok!(Consent::grant(
		RuntimeOrigin::signed(PATIENT),
		PATIENT,
		grantee,
		medledger_primitives::CategorySet::of(&[RecordCategory::LabResults]),
		medledger_primitives::CategorySet::empty(),
		medledger_primitives::Purpose::Treatment,
		medledger_primitives::AccessLevel::Read,
		None,
		ends
	));
	id
}

pub(crate) fn assert_last(event: Event<Test>) {
	System::assert_last_event(event.into());
}
