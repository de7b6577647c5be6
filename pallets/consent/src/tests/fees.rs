use super::*;
use crate::{CheckConsentCall, InvalidConsentCall};
use frame_support::dispatch::{CheckIfFeeless, GetDispatchInfo};
use sp_runtime::{
	traits::DispatchTransaction,
	transaction_validity::{TransactionSource, TransactionValidityError},
	DispatchError,
};

fn revoke_call(grant: GrantId) -> RuntimeCall {
	RuntimeCall::Consent(crate::Call::revoke { grant })
}

fn grant_call(patient: AccountId, grantee: AccountId, ends: Option<u64>) -> RuntimeCall {
	RuntimeCall::Consent(crate::Call::grant {
		patient,
		grantee,
		categories: set(&[LabResults]),
		except: CategorySet::empty(),
		purpose: Purpose::Treatment,
		access: AccessLevel::Read,
		starts: None,
		ends,
	})
}

/// `call` as a transaction signed by `who` goes through: the extension, then the call.
fn submit(
	who: AccountId,
	call: RuntimeCall,
) -> Result<Result<(), DispatchError>, TransactionValidityError> {
	let info = call.get_dispatch_info();
	CheckConsentCall::<Test>::new()
		.dispatch_transaction(RuntimeOrigin::signed(who), call, &info, 0, 0)
		.map(|outcome| outcome.map(|_| ()).map_err(|e| e.error))
}

/// Why the pool turns `call` signed by `who` away, if it does.
fn refused(who: AccountId, call: RuntimeCall) -> Option<TransactionValidityError> {
	let info = call.get_dispatch_info();
	CheckConsentCall::<Test>::new()
		.validate_only(RuntimeOrigin::signed(who), &call, &info, 0, TransactionSource::External, 0)
		.err()
}

#[test]
fn patients_and_managing_representatives_manage_consent_without_fees() {
	build_and_execute(|| {
		let id = grant_to(DOCTOR, &[LabResults], None);
		assert!(revoke_call(id).is_feeless(&RuntimeOrigin::signed(PATIENT)));
		assert!(revoke_call(id).is_feeless(&RuntimeOrigin::signed(GUARDIAN)));
		assert!(!revoke_call(id).is_feeless(&RuntimeOrigin::signed(STRANGER)));
		assert!(!revoke_call(id).is_feeless(&RuntimeOrigin::signed(VIEWER)));
	});
}

#[test]
fn the_feeless_allowance_is_per_patient_and_per_window() {
	build_and_execute(|| {
		// Three calls of the three the window allows, then fees.
		for grantee in [DOCTOR, INSURER, CLINIC] {
			assert_eq!(submit(PATIENT, grant_call(PATIENT, grantee, None)), Ok(Ok(())));
		}
		let id = crate::NextGrantId::<Test>::get().0 - 1;
		assert!(!revoke_call(GrantId(id)).is_feeless(&RuntimeOrigin::signed(PATIENT)));
		// Another patient's allowance is untouched.
		assert_eq!(submit(OTHER_PATIENT, grant_call(OTHER_PATIENT, DOCTOR, None)), Ok(Ok(())));
		let other = GrantId(crate::NextGrantId::<Test>::get().0 - 1);
		assert!(revoke_call(other).is_feeless(&RuntimeOrigin::signed(OTHER_PATIENT)));
		// A new window restores it.
		System::set_block_number(11);
		assert!(revoke_call(GrantId(id)).is_feeless(&RuntimeOrigin::signed(PATIENT)));
	});
}

#[test]
fn failing_consent_calls_use_the_allowance_all_the_same() {
	build_and_execute(|| {
		System::set_block_number(5);
		// A grant whose end has passed passes validation and fails in dispatch, rolling back
		// everything the call wrote: the allowance must be spent anyway.
		for _ in 0..3 {
			let outcome = submit(PATIENT, grant_call(PATIENT, DOCTOR, Some(2)));
			assert_eq!(outcome, Ok(Err(crate::Error::<Test>::InvalidPeriod.into())));
		}
		assert_eq!(Consent::consent_calls_in_window(&PATIENT), 3);
		assert!(!grant_call(PATIENT, DOCTOR, None).is_feeless(&RuntimeOrigin::signed(PATIENT)));
		// A representative's calls draw on the same allowance.
		assert!(!grant_call(PATIENT, DOCTOR, None).is_feeless(&RuntimeOrigin::signed(GUARDIAN)));
	});
}

#[test]
fn consent_calls_that_would_surely_fail_are_turned_away_before_a_block() {
	build_and_execute(|| {
		let code = |reason: InvalidConsentCall| Some(TransactionValidityError::from(reason));
		assert_eq!(
			refused(STRANGER, grant_call(PATIENT, DOCTOR, None)),
			code(InvalidConsentCall::NotAuthorized)
		);
		assert_eq!(
			refused(VIEWER, grant_call(PATIENT, DOCTOR, None)),
			code(InvalidConsentCall::NotAuthorized)
		);
		assert_eq!(
			refused(PATIENT, grant_call(PATIENT, PATIENT, None)),
			code(InvalidConsentCall::SelfGrant)
		);
		let nothing = RuntimeCall::Consent(crate::Call::grant {
			patient: PATIENT,
			grantee: DOCTOR,
			categories: set(&[LabResults]),
			except: set(&[LabResults]),
			purpose: Purpose::Treatment,
			access: AccessLevel::Read,
			starts: None,
			ends: None,
		});
		assert_eq!(refused(PATIENT, nothing), code(InvalidConsentCall::InvalidCategories));
		assert_eq!(
			refused(PATIENT, revoke_call(GrantId(99))),
			code(InvalidConsentCall::NoSuchGrant)
		);
		let id = grant_to(DOCTOR, &[LabResults], None);
		assert_eq!(refused(STRANGER, revoke_call(id)), code(InvalidConsentCall::NotAuthorized));
		frame_support::assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		assert_eq!(refused(PATIENT, revoke_call(id)), code(InvalidConsentCall::AlreadyRevoked));
		let answer = RuntimeCall::Consent(crate::Call::answer_inquiry {
			inquiry: medledger_primitives::InquiryId(7),
			answer: crate::Answer::Deny(crate::Refusal::Other),
		});
		assert_eq!(refused(PATIENT, answer), code(InvalidConsentCall::NoSuchInquiry));
		// Nothing was counted for calls that never reached a block.
		assert_eq!(Consent::consent_calls_in_window(&PATIENT), 0);
		// Calls that are not consent management pass untouched.
		let inquire = RuntimeCall::Consent(crate::Call::inquire {
			patient: PATIENT,
			categories: set(&[LabResults]),
			purpose: Purpose::Research,
			duration: 10,
			note: Vec::new(),
		});
		assert_eq!(refused(STRANGER, inquire), None);
	});
}

#[test]
fn a_patient_who_spends_the_allowance_stands_lower_in_the_pool() {
	build_and_execute(|| {
		let priority = |who| {
			let call = grant_call(PATIENT, DOCTOR, None);
			let info = call.get_dispatch_info();
			CheckConsentCall::<Test>::new()
				.validate_only(
					RuntimeOrigin::signed(who),
					&call,
					&info,
					0,
					TransactionSource::External,
					0,
				)
				.expect("valid")
				.0
				.priority
		};
		let fresh = priority(PATIENT);
		assert!(fresh > 0);
		assert_eq!(submit(PATIENT, grant_call(PATIENT, DOCTOR, Some(2))).map(|_| ()), Ok(()));
		assert!(priority(PATIENT) < fresh, "the spent call lowers the patient's standing");
		assert_eq!(priority(GUARDIAN), priority(PATIENT), "a representative draws on the same");
	});
}
