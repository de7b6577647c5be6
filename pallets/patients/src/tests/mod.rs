//! Tests of the patient registry, one file per concern and one test per rule.

mod registration;
mod representatives;

use crate::{mock::*, Event};
use codec::Encode;
use medledger_primitives::EncryptionKey;
use sp_runtime::testing::TestSignature;

pub(crate) fn key(seed: u8) -> EncryptionKey {
	EncryptionKey([seed; 32])
}

pub(crate) fn register(who: AccountId) {
	frame_support::assert_ok!(Patients::register(RuntimeOrigin::signed(who), key(7)));
}

/// The patient's own signature over their registration, as a wallet would make it.
pub(crate) fn consent_to_registration(patient: AccountId, key: EncryptionKey) -> TestSignature {
	TestSignature(patient, Patients::registration_payload(&patient, key).encode())
}

pub(crate) fn assert_last(event: Event<Test>) {
	System::assert_last_event(event.into());
}
