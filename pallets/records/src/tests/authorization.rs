//! The authorisation matrix of the records calls: every call against every kind of wrong
//! caller, each refused with the error it should give and changing nothing, next to the right
//! caller, who succeeds.

use super::*;
use crate::{Disclosure, Error};
use frame_support::{assert_noop, assert_ok};
use medledger_primitives::{ProviderStatus, Purpose, RepresentativeScope};

const EXPIRED_REP: AccountId = 30;
const REVOKED_GRANTEE: AccountId = 31;
const EXPIRED_GRANTEE: AccountId = 32;

/// The wrong callers, by kind, once `setup` has run.
fn wrong_callers() -> [(&'static str, AccountId); 8] {
	[
		("stranger", STRANGER),
		("other patient", OTHER_PATIENT),
		("representative out of scope", VIEWER),
		("expired representative", EXPIRED_REP),
		("suspended provider", CLINIC),
		("practitioner of a suspended provider", DOCTOR),
		("revoked grantee", REVOKED_GRANTEE),
		("expired grantee", EXPIRED_GRANTEE),
	]
}

/// PATIENT has a lab result held by CLINIC (registered by DOCTOR), a representative whose
/// term ended, a revoked grantee and an expired grantee; then CLINIC is suspended.
/// Returns the lab result.
fn setup() -> RecordId {
	let record = lab_result();
	assert_ok!(Patients::appoint_representative(
		RuntimeOrigin::signed(PATIENT),
		EXPIRED_REP,
		RepresentativeScope::Full,
		sp_core::H256::zero(),
		Some(3)
	));
	let revoked = consent_to(REVOKED_GRANTEE, None);
	assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), revoked));
	consent_to(EXPIRED_GRANTEE, Some(3));
	TestProviders::set_status(CLINIC, Some(ProviderStatus::Suspended));
	System::set_block_number(5);
	record
}

/// `call` by a `kind` of wrong caller fails with `error` and changes nothing.
fn refused(
	call: &str,
	kind: &str,
	error: Error<Test>,
	attempt: impl FnOnce() -> sp_runtime::DispatchResult,
) {
	let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
	assert_eq!(attempt(), Err(error.into()), "{call} by a {kind} must be refused");
	let after = sp_io::storage::root(sp_runtime::StateVersion::V1);
	assert_eq!(before, after, "{call} by a {kind} must change nothing");
}

fn register(by: AccountId, supersedes: Option<RecordId>) -> sp_runtime::DispatchResult {
	Records::register_document_set(
		RuntimeOrigin::signed(by),
		PATIENT,
		RecordCategory::LabResults,
		medledger_primitives::LabelSet::empty(),
		H256::repeat_byte(0xcd),
		512,
		b"sealed".to_vec(),
		supersedes,
	)
}

fn report(by: AccountId, record: RecordId) -> sp_runtime::DispatchResult {
	let receipt = Disclosure {
		record,
		requester: PATIENT,
		grant: None,
		purpose: Purpose::Treatment,
		released_at: System::block_number(),
	};
	Records::report_disclosures(RuntimeOrigin::signed(by), vec![receipt])
}

#[test]
fn only_an_active_custodian_registers_document_sets() {
	build_and_execute(|| {
		setup();
		for (kind, who) in wrong_callers() {
			refused("register_document_set", kind, Error::<Test>::NotCustodian, || {
				register(who, None)
			});
		}
		assert_ok!(register(OTHER_DOCTOR, None));
	});
}

#[test]
fn only_the_custodian_amends_its_record() {
	build_and_execute(|| {
		let record = setup();
		// Another clinic may hold new records of the patient, but not amend CLINIC's.
		assert_noop!(register(OTHER_DOCTOR, Some(record)), Error::<Test>::InvalidAmendment);
		assert_noop!(register(OTHER_CLINIC, Some(record)), Error::<Test>::InvalidAmendment);
		TestProviders::set_status(CLINIC, Some(ProviderStatus::Active));
		assert_ok!(register(DOCTOR, Some(record)));
	});
}

#[test]
fn only_the_patient_or_a_managing_representative_disputes() {
	build_and_execute(|| {
		let record = setup();
		let dispute = |who| Records::dispute(RuntimeOrigin::signed(who), record, H256::zero());
		for (kind, who) in wrong_callers().into_iter().chain([("other clinic", OTHER_CLINIC)]) {
			refused("dispute", kind, Error::<Test>::NotAuthorized, || dispute(who));
		}
		assert_ok!(dispute(GUARDIAN));
		assert_ok!(dispute(PATIENT));
	});
}

#[test]
fn only_the_records_active_custodian_reports_disclosures() {
	build_and_execute(|| {
		let record = setup();
		for (kind, who) in wrong_callers() {
			refused("report_disclosures", kind, Error::<Test>::NotCustodian, || {
				report(who, record)
			});
		}
		// Another clinic's report goes through, but its receipt for CLINIC's record does not.
		for who in [OTHER_CLINIC, OTHER_DOCTOR] {
			assert_ok!(report(who, record));
			System::assert_last_event(
				crate::Event::<Test>::ReceiptRefused {
					record,
					requester: PATIENT,
					grant: None,
					reason: crate::ReceiptRefusal::NotCustodian,
				}
				.into(),
			);
		}
		assert_eq!(crate::DisclosureLogs::<Test>::get(PATIENT).count, 0);
		TestProviders::set_status(CLINIC, Some(ProviderStatus::Active));
		assert_ok!(report(DOCTOR, record));
		assert_eq!(crate::DisclosureLogs::<Test>::get(PATIENT).count, 1);
	});
}
