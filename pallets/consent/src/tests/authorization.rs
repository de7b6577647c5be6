//! The authorisation matrix: every call that acts for a patient, or for a clinic, against
//! every kind of wrong caller, each refused with the error it should give and changing nothing.

use super::*;
use crate::{Answer, Error, Refusal};
use frame_support::{assert_noop, assert_ok};
use medledger_primitives::{EncryptionKey, ProviderStatus, RepresentativeScope};
use sp_core::H256;
use sp_runtime::DispatchError;

const EXPIRED_REP: AccountId = 30;
const REVOKED_GRANTEE: AccountId = 31;
const EXPIRED_GRANTEE: AccountId = 32;
const BLOCKED: AccountId = 33;

/// The wrong callers, by kind, for a chain where PATIENT has: an expired representative, a
/// revoked grantee, an expired grantee, and CLINIC is suspended.
fn wrong_callers() -> Vec<(&'static str, AccountId)> {
	vec![
		("stranger", STRANGER),
		("other patient", OTHER_PATIENT),
		("representative out of scope", VIEWER),
		("expired representative", EXPIRED_REP),
		("suspended provider", CLINIC),
		("practitioner of another clinic", OTHER_DOCTOR),
		("revoked grantee", REVOKED_GRANTEE),
		("expired grantee", EXPIRED_GRANTEE),
	]
}

/// Sets up the wrong callers and a requester PATIENT blocked; returns an inquiry to PATIENT and
/// a break-glass grant.
fn setup() -> (medledger_primitives::InquiryId, GrantId) {
	assert_ok!(Patients::appoint_representative(
		RuntimeOrigin::signed(PATIENT),
		EXPIRED_REP,
		RepresentativeScope::Full,
		H256::zero(),
		Some(3)
	));
	let revoked = grant_to(REVOKED_GRANTEE, &[LabResults], None);
	assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), revoked));
	grant_to(EXPIRED_GRANTEE, &[LabResults], Some(3));
	assert_ok!(Consent::block_requester(RuntimeOrigin::signed(PATIENT), PATIENT, BLOCKED));
	let inquiry = crate::NextInquiryId::<Test>::get();
	assert_ok!(Consent::inquire(
		RuntimeOrigin::signed(INSURER),
		PATIENT,
		set(&[LabResults]),
		Purpose::Payment,
		10,
		vec![]
	));
	let emergency = crate::NextGrantId::<Test>::get();
	assert_ok!(Consent::open_emergency_access(
		RuntimeOrigin::signed(OTHER_DOCTOR),
		PATIENT,
		H256::zero()
	));
	TestProviders::set_status(CLINIC, Some(ProviderStatus::Suspended));
	System::set_block_number(5);
	(inquiry, emergency)
}

#[test]
fn consent_calls_refuse_everyone_but_the_patient_and_managing_representatives() {
	build_and_execute(|| {
		let (inquiry, emergency) = setup();
		let live = grant_to(INSURER, &[Imaging], None);
		for (kind, who) in wrong_callers() {
			let origin = || RuntimeOrigin::signed(who);
			let refused = |result: sp_runtime::DispatchResult, call: &str| {
				assert_eq!(
					result,
					Err(Error::<Test>::NotAuthorized.into()),
					"{call} by a {kind} must be refused"
				);
			};
			frame_support::storage::with_transaction(|| {
				refused(
					Consent::grant(
						origin(),
						PATIENT,
						who,
						set(&[LabResults]),
						CategorySet::empty(),
						Purpose::Treatment,
						AccessLevel::Read,
						None,
						None,
					)
					.map(|_| ())
					.map_err(|e| e.error),
					"grant",
				);
				refused(Consent::revoke(origin(), live), "revoke");
				refused(
					Consent::revoke_all(origin(), PATIENT, INSURER)
						.map(|_| ())
						.map_err(|e| e.error),
					"revoke_all",
				);
				refused(
					Consent::answer_inquiry(origin(), inquiry, Answer::Deny(Refusal::Other))
						.map(|_| ())
						.map_err(|e| e.error),
					"answer_inquiry",
				);
				refused(
					Consent::answer_inquiry(origin(), inquiry, Answer::Deny(Refusal::Spam))
						.map(|_| ())
						.map_err(|e| e.error),
					"answer_inquiry as spam",
				);
				refused(
					Consent::flag_emergency_access(origin(), emergency),
					"flag_emergency_access",
				);
				refused(Consent::block_requester(origin(), PATIENT, INSURER), "block_requester");
				refused(
					Consent::unblock_requester(origin(), PATIENT, BLOCKED),
					"unblock_requester",
				);
				sp_runtime::TransactionOutcome::Rollback(Ok::<(), DispatchError>(()))
			})
			.unwrap();
		}
		// And the managing representative is let through.
		assert_ok!(Consent::flag_emergency_access(RuntimeOrigin::signed(GUARDIAN), emergency));
		assert_ok!(Consent::unblock_requester(RuntimeOrigin::signed(GUARDIAN), PATIENT, BLOCKED));
		assert_ok!(Consent::block_requester(RuntimeOrigin::signed(GUARDIAN), PATIENT, INSURER));
	});
}

#[test]
fn only_the_requester_withdraws_an_inquiry() {
	build_and_execute(|| {
		let (inquiry, _) = setup();
		for (kind, who) in wrong_callers().into_iter().chain([("patient", PATIENT)]) {
			assert_eq!(
				Consent::withdraw_inquiry(RuntimeOrigin::signed(who), inquiry),
				Err(Error::<Test>::NotRequester.into()),
				"withdraw by a {kind} must be refused"
			);
		}
	});
}

#[test]
fn only_practitioners_of_active_providers_open_emergency_access() {
	build_and_execute(|| {
		setup();
		for (kind, who) in [
			("stranger", STRANGER),
			("patient", PATIENT),
			("representative", GUARDIAN),
			("suspended provider", CLINIC),
			("practitioner of a suspended provider", DOCTOR),
			("expired grantee", EXPIRED_GRANTEE),
		] {
			assert_noop!(
				Consent::open_emergency_access(RuntimeOrigin::signed(who), PATIENT, H256::zero()),
				Error::<Test>::NotPractitioner
			);
			let _ = kind;
		}
	});
}

#[test]
fn patient_calls_refuse_everyone_but_the_patient() {
	build_and_execute(|| {
		setup();
		for (kind, who) in wrong_callers() {
			if who == OTHER_PATIENT {
				continue; // a patient in their own right: their calls act on themselves
			}
			assert_noop!(
				Patients::rotate_encryption_key(RuntimeOrigin::signed(who), EncryptionKey([3; 32])),
				pallet_patients::Error::<Test>::NotPatient
			);
			assert_noop!(
				Patients::close_account(RuntimeOrigin::signed(who)),
				pallet_patients::Error::<Test>::NotPatient
			);
			assert_eq!(
				Patients::dismiss_representative(RuntimeOrigin::signed(who), GUARDIAN),
				Err(pallet_patients::Error::<Test>::NotRepresentative.into()),
				"dismissal by a {kind} must be refused"
			);
			assert_noop!(
				Patients::appoint_by_law(
					RuntimeOrigin::signed(who),
					PATIENT,
					who,
					RepresentativeScope::Full,
					H256::zero(),
					None
				),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn a_consent_managing_representative_cannot_give_itself_access() {
	build_and_execute(|| {
		let grant = |to: AccountId| {
			Consent::grant(
				RuntimeOrigin::signed(GUARDIAN),
				PATIENT,
				to,
				set(&[LabResults]),
				CategorySet::empty(),
				Purpose::Treatment,
				AccessLevel::Read,
				None,
				None,
			)
		};
		frame_support::assert_noop!(grant(GUARDIAN), crate::Error::<Test>::SelfServing);
		// Nor to the clinic that employs it.
		TestProviders::set_employer(GUARDIAN, Some(CLINIC));
		frame_support::assert_noop!(grant(CLINIC), crate::Error::<Test>::SelfServing);
		// Nor through an inquiry of its own that it approves.
		frame_support::assert_ok!(Consent::inquire(
			RuntimeOrigin::signed(GUARDIAN),
			PATIENT,
			set(&[LabResults]),
			Purpose::Treatment,
			10,
			Vec::new()
		));
		let inquiry = medledger_primitives::InquiryId(crate::NextInquiryId::<Test>::get().0 - 1);
		frame_support::assert_noop!(
			Consent::answer_inquiry(
				RuntimeOrigin::signed(GUARDIAN),
				inquiry,
				crate::Answer::Approve {
					categories: set(&[LabResults]),
					except: CategorySet::empty(),
					duration: 10
				}
			),
			crate::Error::<Test>::SelfServing
		);
		// It still grants to others, and the patient may grant to it.
		frame_support::assert_ok!(grant(OTHER_DOCTOR));
		frame_support::assert_ok!(Consent::grant(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			GUARDIAN,
			set(&[LabResults]),
			CategorySet::empty(),
			Purpose::Treatment,
			AccessLevel::Read,
			None,
			None
		));
	});
}
