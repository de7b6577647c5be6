use super::*;
use crate::{
	Answer, Blocked, BlockedCount, Error, HoldReason, Inquiries, PendingInquiries,
	PendingPerRequester, Refusal,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use medledger_primitives::InquiryId;
use sp_runtime::DispatchResult;

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::InquiryDeposit.into(), &who)
}

/// `from` asks PATIENT for lab results, for payment, for 30 blocks.
fn inquire_from(from: AccountId) -> DispatchResult {
	Consent::inquire(
		RuntimeOrigin::signed(from),
		PATIENT,
		set(&[LabResults]),
		Purpose::Payment,
		30,
		vec![],
	)
}

/// PATIENT denies `inquiry` for `reason`.
fn deny(inquiry: InquiryId, reason: Refusal) -> DispatchResult {
	Consent::answer_inquiry(RuntimeOrigin::signed(PATIENT), inquiry, Answer::Deny(reason))
		.map(|_| ())
		.map_err(|e| e.error)
}

/// INSURER asks PATIENT for lab results and imaging, for payment, for 30 blocks.
fn ask() -> InquiryId {
	let id = crate::NextInquiryId::<Test>::get();
	assert_ok!(Consent::inquire(
		RuntimeOrigin::signed(INSURER),
		PATIENT,
		set(&[LabResults, Imaging]),
		Purpose::Payment,
		30,
		b"sealed note".to_vec()
	));
	id
}

#[test]
fn inquiry_holds_a_deposit_and_notifies_the_patient() {
	build_and_execute(|| {
		let id = ask();
		assert_eq!(held(INSURER), INQUIRY_DEPOSIT);
		assert_last(Event::InquiryMade {
			inquiry: id,
			patient: PATIENT,
			requester: INSURER,
			categories: set(&[LabResults, Imaging]),
			purpose: Purpose::Payment,
		});
	});
}

#[test]
fn approval_narrower_than_asked_creates_the_grant() {
	build_and_execute(|| {
		let id = ask();
		let grant = crate::NextGrantId::<Test>::get();
		assert_ok!(Consent::answer_inquiry(
			RuntimeOrigin::signed(PATIENT),
			id,
			Answer::Approve {
				categories: set(&[LabResults]),
				except: CategorySet::empty(),
				duration: 20
			}
		));
		assert_eq!(held(INSURER), 0);
		assert!(!Inquiries::<Test>::contains_key(id));
		assert_last(Event::InquiryApproved { inquiry: id, patient: PATIENT, grant });
		assert_eq!(decide(INSURER, LabResults, Purpose::Payment), allowed(grant));
		assert_eq!(decide(INSURER, Imaging, Purpose::Payment), denied(Denial::NoGrant));
		System::set_block_number(21);
		assert_eq!(decide(INSURER, LabResults, Purpose::Payment), denied(Denial::Expired));
	});
}

#[test]
fn approval_cannot_be_broader_than_asked() {
	build_and_execute(|| {
		let id = ask();
		for answer in [
			Answer::Approve {
				categories: set(&[Genomics]),
				except: CategorySet::empty(),
				duration: 10,
			},
			Answer::Approve {
				categories: set(&[LabResults]),
				except: CategorySet::empty(),
				duration: 31,
			},
			Answer::Approve {
				categories: set(&[LabResults]),
				except: CategorySet::empty(),
				duration: 0,
			},
		] {
			assert_noop!(
				Consent::answer_inquiry(RuntimeOrigin::signed(PATIENT), id, answer),
				Error::<Test>::BroaderThanAsked
			);
		}
	});
}

#[test]
fn denial_returns_the_deposit_with_a_reason() {
	build_and_execute(|| {
		let id = ask();
		assert_ok!(Consent::answer_inquiry(
			RuntimeOrigin::signed(GUARDIAN),
			id,
			Answer::Deny(Refusal::TooBroad)
		));
		assert_eq!(held(INSURER), 0);
		assert_last(Event::InquiryDenied {
			inquiry: id,
			patient: PATIENT,
			reason: Refusal::TooBroad,
		});
		assert_eq!(decide(INSURER, LabResults, Purpose::Payment), denied(Denial::NoGrant));
	});
}

#[test]
fn expired_inquiry_cannot_be_answered_and_is_reaped() {
	build_and_execute(|| {
		let id = ask();
		assert_noop!(
			Consent::reap_inquiry(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::InquiryNotExpired
		);
		System::set_block_number(1 + LIFETIME);
		assert_noop!(
			Consent::answer_inquiry(
				RuntimeOrigin::signed(PATIENT),
				id,
				Answer::Deny(Refusal::Other)
			),
			Error::<Test>::InquiryExpired
		);
		assert_ok!(Consent::reap_inquiry(RuntimeOrigin::signed(STRANGER), id));
		assert_eq!(held(INSURER), 0);
		assert_last(Event::InquiryExpired { inquiry: id, patient: PATIENT });
	});
}

#[test]
fn pending_inquiries_per_patient_are_bounded() {
	build_and_execute(|| {
		let research = |from| {
			Consent::inquire(
				RuntimeOrigin::signed(from),
				PATIENT,
				set(&[LabResults]),
				Purpose::Research,
				5,
				vec![],
			)
		};
		let first = ask();
		System::set_block_number(3);
		let second = ask();
		let third = crate::NextInquiryId::<Test>::get();
		assert_ok!(research(STRANGER));
		assert_noop!(research(DOCTOR), Error::<Test>::TooManyPendingInquiries);

		// Once the oldest expires, it makes room: reaped, its deposit returned.
		System::set_block_number(1 + LIFETIME);
		let fourth = crate::NextInquiryId::<Test>::get();
		assert_ok!(research(DOCTOR));
		System::assert_has_event(Event::InquiryExpired { inquiry: first, patient: PATIENT }.into());
		assert_eq!(PendingInquiries::<Test>::get(PATIENT).to_vec(), vec![second, third, fourth]);
		assert!(!Inquiries::<Test>::contains_key(first));
		assert_eq!(held(INSURER), INQUIRY_DEPOSIT);

		// The next oldest has not expired yet: still full.
		assert_noop!(research(OTHER_DOCTOR), Error::<Test>::TooManyPendingInquiries);
	});
}

#[test]
fn inquiry_input_is_checked() {
	build_and_execute(|| {
		let inquire = |patient, categories, duration, note: Vec<u8>| {
			Consent::inquire(
				RuntimeOrigin::signed(INSURER),
				patient,
				categories,
				Purpose::Payment,
				duration,
				note,
			)
		};
		assert_noop!(inquire(STRANGER, set(&[LabResults]), 5, vec![]), Error::<Test>::NotPatient);
		assert_noop!(
			inquire(PATIENT, CategorySet::empty(), 5, vec![]),
			Error::<Test>::InvalidCategories
		);
		assert_noop!(
			inquire(PATIENT, set(&[LabResults]), 0, vec![]),
			Error::<Test>::InvalidDuration
		);
		assert_noop!(
			inquire(PATIENT, set(&[LabResults]), 5, vec![0; 17]),
			Error::<Test>::NoteTooLong
		);
	});
}

#[test]
fn only_the_requester_withdraws() {
	build_and_execute(|| {
		let id = ask();
		assert_noop!(
			Consent::withdraw_inquiry(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::NotRequester
		);
		assert_ok!(Consent::withdraw_inquiry(RuntimeOrigin::signed(INSURER), id));
		assert_eq!(held(INSURER), 0);
		assert_last(Event::InquiryWithdrawn { inquiry: id, patient: PATIENT });
	});
}

#[test]
fn one_requester_may_have_only_so_many_inquiries_pending_for_a_patient() {
	build_and_execute(|| {
		for _ in 0..MAX_PENDING_PER_REQUESTER {
			ask();
		}
		assert_eq!(PendingPerRequester::<Test>::get(PATIENT, INSURER), MAX_PENDING_PER_REQUESTER);
		assert_noop!(inquire_from(INSURER), Error::<Test>::TooManyInquiriesFromRequester);
		// The patient's list still has room for others, and the requester may ask others.
		assert_ok!(inquire_from(STRANGER));
		assert_ok!(Consent::inquire(
			RuntimeOrigin::signed(INSURER),
			OTHER_PATIENT,
			set(&[LabResults]),
			Purpose::Payment,
			30,
			vec![]
		));
	});
}

#[test]
fn answering_withdrawing_and_expiry_release_a_requesters_place() {
	build_and_execute(|| {
		let first = ask();
		let second = ask();
		assert_noop!(inquire_from(INSURER), Error::<Test>::TooManyInquiriesFromRequester);
		// An answer releases it.
		assert_ok!(deny(first, Refusal::TooBroad));
		let third = ask();
		assert_noop!(inquire_from(INSURER), Error::<Test>::TooManyInquiriesFromRequester);
		// A withdrawal releases it.
		assert_ok!(Consent::withdraw_inquiry(RuntimeOrigin::signed(INSURER), second));
		let fourth = ask();
		assert_noop!(inquire_from(INSURER), Error::<Test>::TooManyInquiriesFromRequester);

		// Expired but not yet cleared, an inquiry still holds its place...
		System::set_block_number(1 + LIFETIME);
		assert_noop!(inquire_from(INSURER), Error::<Test>::TooManyInquiriesFromRequester);
		// ...until it is reaped,
		assert_ok!(Consent::reap_inquiry(RuntimeOrigin::signed(STRANGER), third));
		let fifth = ask();
		// or reaped to make room in the patient's full list.
		assert_ok!(inquire_from(STRANGER));
		assert_eq!(PendingInquiries::<Test>::get(PATIENT).len() as u32, MAX_PENDING);
		assert_eq!(PendingPerRequester::<Test>::get(PATIENT, INSURER), 2);
		let sixth = ask();
		System::assert_has_event(
			Event::InquiryExpired { inquiry: fourth, patient: PATIENT }.into(),
		);
		assert!(PendingInquiries::<Test>::get(PATIENT).contains(&fifth));
		assert!(PendingInquiries::<Test>::get(PATIENT).contains(&sixth));
		assert_eq!(PendingPerRequester::<Test>::get(PATIENT, INSURER), 2);
		assert_eq!(held(INSURER), 2 * INQUIRY_DEPOSIT);
	});
}

#[test]
fn a_blocked_requester_cannot_inquire_until_unblocked() {
	build_and_execute(|| {
		let pending = ask();
		assert_ok!(Consent::block_requester(RuntimeOrigin::signed(PATIENT), PATIENT, INSURER));
		assert_last(Event::RequesterBlocked { patient: PATIENT, requester: INSURER });
		assert_noop!(inquire_from(INSURER), Error::<Test>::RequesterBlocked);
		// Blocking withdraws nothing: the pending inquiry stays, deposit held.
		assert!(Inquiries::<Test>::contains_key(pending));
		assert_eq!(held(INSURER), INQUIRY_DEPOSIT);
		// Others may still ask, and the blocked requester may ask other patients.
		assert_ok!(inquire_from(STRANGER));
		assert_ok!(Consent::inquire(
			RuntimeOrigin::signed(INSURER),
			OTHER_PATIENT,
			set(&[LabResults]),
			Purpose::Payment,
			30,
			vec![]
		));
		assert_noop!(
			Consent::block_requester(RuntimeOrigin::signed(GUARDIAN), PATIENT, INSURER),
			Error::<Test>::AlreadyBlocked
		);

		assert_ok!(Consent::unblock_requester(RuntimeOrigin::signed(PATIENT), PATIENT, INSURER));
		assert_last(Event::RequesterUnblocked { patient: PATIENT, requester: INSURER });
		assert!(!Blocked::<Test>::contains_key(PATIENT, INSURER));
		assert_ok!(inquire_from(INSURER));
		assert_noop!(
			Consent::unblock_requester(RuntimeOrigin::signed(PATIENT), PATIENT, INSURER),
			Error::<Test>::NotBlocked
		);
	});
}

#[test]
fn only_the_patient_or_a_managing_representative_blocks() {
	build_and_execute(|| {
		for who in [STRANGER, VIEWER, INSURER, OTHER_PATIENT, CLINIC] {
			assert_noop!(
				Consent::block_requester(RuntimeOrigin::signed(who), PATIENT, INSURER),
				Error::<Test>::NotAuthorized
			);
		}
		assert_ok!(Consent::block_requester(RuntimeOrigin::signed(GUARDIAN), PATIENT, INSURER));
		for who in [STRANGER, VIEWER, INSURER, OTHER_PATIENT, CLINIC] {
			assert_noop!(
				Consent::unblock_requester(RuntimeOrigin::signed(who), PATIENT, INSURER),
				Error::<Test>::NotAuthorized
			);
		}
		// Not a patient's to block for another.
		assert_noop!(
			Consent::block_requester(RuntimeOrigin::signed(PATIENT), OTHER_PATIENT, INSURER),
			Error::<Test>::NotAuthorized
		);
		assert_ok!(Consent::unblock_requester(RuntimeOrigin::signed(PATIENT), PATIENT, INSURER));
	});
}

#[test]
fn blocked_requesters_per_patient_are_bounded() {
	build_and_execute(|| {
		let block = |requester| {
			Consent::block_requester(RuntimeOrigin::signed(PATIENT), PATIENT, requester)
		};
		assert_ok!(block(INSURER));
		assert_ok!(block(STRANGER));
		assert_eq!(BlockedCount::<Test>::get(PATIENT), MAX_BLOCKED);
		assert_noop!(block(DOCTOR), Error::<Test>::TooManyBlocked);
		// Another patient's blocks are their own.
		assert_ok!(Consent::block_requester(
			RuntimeOrigin::signed(OTHER_PATIENT),
			OTHER_PATIENT,
			DOCTOR
		));
		assert_ok!(Consent::unblock_requester(RuntimeOrigin::signed(PATIENT), PATIENT, INSURER));
		assert_ok!(block(DOCTOR));
		assert_eq!(BlockedCount::<Test>::get(PATIENT), MAX_BLOCKED);
	});
}

#[test]
fn a_denial_as_spam_burns_the_deposit() {
	build_and_execute(|| {
		let id = ask();
		let issuance = Balances::total_issuance();
		let patients_balance = Balances::free_balance(PATIENT);
		assert_ok!(deny(id, Refusal::Spam));
		assert_eq!(held(INSURER), 0);
		assert_eq!(Balances::free_balance(INSURER), ENDOWMENT - INQUIRY_DEPOSIT);
		assert_eq!(Balances::total_issuance(), issuance - INQUIRY_DEPOSIT);
		// Nobody gains by marking spam: the patient gets nothing.
		assert_eq!(Balances::free_balance(PATIENT), patients_balance);
		System::assert_has_event(
			Event::DepositForfeited { inquiry: id, requester: INSURER, amount: INQUIRY_DEPOSIT }
				.into(),
		);
		assert_last(Event::InquiryDenied { inquiry: id, patient: PATIENT, reason: Refusal::Spam });
		assert!(!Inquiries::<Test>::contains_key(id));
		assert_eq!(PendingPerRequester::<Test>::get(PATIENT, INSURER), 0);
	});
}

#[test]
fn only_a_denial_as_spam_forfeits_the_deposit() {
	build_and_execute(|| {
		let issuance = Balances::total_issuance();
		for reason in [
			Refusal::TooBroad,
			Refusal::PurposeNotAccepted,
			Refusal::UnknownRequester,
			Refusal::Other,
		] {
			let id = ask();
			assert_eq!(held(INSURER), INQUIRY_DEPOSIT);
			assert_ok!(deny(id, reason));
			assert_eq!(held(INSURER), 0);
			assert_eq!(Balances::free_balance(INSURER), ENDOWMENT, "{reason:?}");
			assert_eq!(Balances::total_issuance(), issuance, "{reason:?}");
		}
		// Withdrawal and expiry return it too.
		let id = ask();
		assert_ok!(Consent::withdraw_inquiry(RuntimeOrigin::signed(INSURER), id));
		let id = ask();
		System::set_block_number(1 + LIFETIME);
		assert_ok!(Consent::reap_inquiry(RuntimeOrigin::signed(STRANGER), id));
		assert_eq!(Balances::free_balance(INSURER), ENDOWMENT);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn blocking_is_a_feeless_consent_call_and_a_strangers_is_refused_in_the_pool() {
	use crate::{CheckConsentCall, InvalidConsentCall};
	use frame_support::dispatch::{CheckIfFeeless, GetDispatchInfo};
	use sp_runtime::{
		traits::DispatchTransaction,
		transaction_validity::{TransactionSource, TransactionValidityError},
	};
	build_and_execute(|| {
		let block = RuntimeCall::Consent(crate::Call::block_requester {
			patient: PATIENT,
			requester: INSURER,
		});
		let unblock = RuntimeCall::Consent(crate::Call::unblock_requester {
			patient: PATIENT,
			requester: INSURER,
		});
		for call in [&block, &unblock] {
			assert!(call.is_feeless(&RuntimeOrigin::signed(PATIENT)));
			assert!(call.is_feeless(&RuntimeOrigin::signed(GUARDIAN)));
			assert!(!call.is_feeless(&RuntimeOrigin::signed(STRANGER)));
			let info = call.get_dispatch_info();
			let pool = CheckConsentCall::<Test>::new().validate_only(
				RuntimeOrigin::signed(STRANGER),
				call,
				&info,
				0,
				TransactionSource::External,
				0,
			);
			assert_eq!(
				pool.err(),
				Some(TransactionValidityError::from(InvalidConsentCall::NotAuthorized))
			);
		}
		// Through the extension, a block counts against the patient's allowance.
		let info = block.get_dispatch_info();
		let outcome = CheckConsentCall::<Test>::new()
			.dispatch_transaction(RuntimeOrigin::signed(GUARDIAN), block, &info, 0, 0)
			.expect("valid");
		assert_ok!(outcome);
		assert_eq!(Consent::consent_calls_in_window(&PATIENT), 1);
		assert!(Blocked::<Test>::contains_key(PATIENT, INSURER));
	});
}
