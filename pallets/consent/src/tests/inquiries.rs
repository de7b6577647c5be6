use super::*;
use crate::{Answer, Error, HoldReason, Inquiries, PendingInquiries, Refusal};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use medledger_primitives::InquiryId;

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::InquiryDeposit.into(), &who)
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
		assert_noop!(research(STRANGER), Error::<Test>::TooManyPendingInquiries);

		// Once the oldest expires, it makes room: reaped, its deposit returned.
		System::set_block_number(1 + LIFETIME);
		let third = crate::NextInquiryId::<Test>::get();
		assert_ok!(research(STRANGER));
		System::assert_has_event(Event::InquiryExpired { inquiry: first, patient: PATIENT }.into());
		assert_eq!(PendingInquiries::<Test>::get(PATIENT).to_vec(), vec![second, third]);
		assert!(!Inquiries::<Test>::contains_key(first));
		assert_eq!(held(INSURER), INQUIRY_DEPOSIT);

		// The next oldest has not expired yet: still full.
		assert_noop!(research(DOCTOR), Error::<Test>::TooManyPendingInquiries);
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
