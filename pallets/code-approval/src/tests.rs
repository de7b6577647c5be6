//! Approving, withdrawing and uploading code.

use crate::{mock::*, Approved, Error, Event};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use sp_runtime::{traits::BadOrigin, DispatchError};

const CODE: &[u8] = b"\0asm a study";

fn code_hash(code: &[u8]) -> sp_core::H256 {
	<MemoryStore as crate::CodeStore<u64, sp_core::H256, u64>>::hash_of(code)
}

fn stored() -> Vec<(u64, Vec<u8>)> {
	STORED.with(|stored| stored.borrow().clone())
}

#[test]
fn approved_code_is_uploaded_by_anyone_who_pays_its_deposit() {
	new_test_ext().execute_with(|| {
		assert_ok!(CodeApproval::approve(RuntimeOrigin::signed(COUNCIL), code_hash(CODE)));
		System::assert_last_event(Event::CodeApproved { code_hash: code_hash(CODE) }.into());
		assert_eq!(Approved::<Test>::get(code_hash(CODE)), Some(1));

		assert_ok!(CodeApproval::upload(RuntimeOrigin::signed(RESEARCHER), CODE.to_vec(), None));
		System::assert_last_event(
			Event::CodeUploaded {
				code_hash: code_hash(CODE),
				uploader: RESEARCHER,
				deposit: CODE.len() as u64 * DEPOSIT_PER_BYTE,
			}
			.into(),
		);
		assert_eq!(stored(), vec![(RESEARCHER, CODE.to_vec())]);
	});
}

#[test]
fn code_the_council_did_not_approve_is_refused_and_nothing_is_stored() {
	new_test_ext().execute_with(|| {
		assert_ok!(CodeApproval::approve(RuntimeOrigin::signed(COUNCIL), code_hash(CODE)));
		// One byte changed is other code.
		let mut other = CODE.to_vec();
		other[5] ^= 1;
		assert_noop!(
			CodeApproval::upload(RuntimeOrigin::signed(RESEARCHER), other, None),
			Error::<Test>::NotApproved
		);
		assert!(stored().is_empty());
	});
}

#[test]
fn only_the_council_approves_and_withdraws() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			CodeApproval::approve(RuntimeOrigin::signed(RESEARCHER), code_hash(CODE)),
			BadOrigin
		);
		assert_noop!(CodeApproval::approve(RuntimeOrigin::none(), code_hash(CODE)), BadOrigin);
		assert_ok!(CodeApproval::approve(RuntimeOrigin::signed(COUNCIL), code_hash(CODE)));
		assert_noop!(
			CodeApproval::approve(RuntimeOrigin::signed(COUNCIL), code_hash(CODE)),
			Error::<Test>::AlreadyApproved
		);
		assert_noop!(
			CodeApproval::withdraw(RuntimeOrigin::signed(RESEARCHER), code_hash(CODE)),
			BadOrigin
		);
	});
}

#[test]
fn a_withdrawn_approval_stops_new_uploads_and_keeps_stored_code() {
	new_test_ext().execute_with(|| {
		assert_ok!(CodeApproval::approve(RuntimeOrigin::signed(COUNCIL), code_hash(CODE)));
		assert_ok!(CodeApproval::upload(RuntimeOrigin::signed(RESEARCHER), CODE.to_vec(), None));
		assert_ok!(CodeApproval::withdraw(RuntimeOrigin::signed(COUNCIL), code_hash(CODE)));
		System::assert_last_event(Event::ApprovalWithdrawn { code_hash: code_hash(CODE) }.into());
		assert_noop!(
			CodeApproval::upload(RuntimeOrigin::signed(COUNCIL), CODE.to_vec(), None),
			Error::<Test>::NotApproved
		);
		assert_eq!(stored().len(), 1);
		assert_noop!(
			CodeApproval::withdraw(RuntimeOrigin::signed(COUNCIL), code_hash(CODE)),
			Error::<Test>::NotApproved
		);
	});
}

#[test]
fn what_the_store_refuses_is_reported_and_the_approval_stays() {
	new_test_ext().execute_with(|| {
		assert_ok!(CodeApproval::approve(RuntimeOrigin::signed(COUNCIL), code_hash(b"")));
		assert_noop!(
			CodeApproval::upload(RuntimeOrigin::signed(RESEARCHER), vec![], None),
			DispatchError::Other("invalid code")
		);
		assert_ok!(CodeApproval::approve(RuntimeOrigin::signed(COUNCIL), code_hash(CODE)));
		assert_noop!(
			CodeApproval::upload(RuntimeOrigin::signed(RESEARCHER), CODE.to_vec(), Some(1)),
			DispatchError::Other("deposit above the limit")
		);
		assert!(CodeApproval::is_approved(&code_hash(CODE)));
	});
}

#[test]
fn code_longer_than_the_limit_is_refused_before_it_is_hashed() {
	new_test_ext().execute_with(|| {
		let long = vec![1u8; MAX_CODE_LEN as usize + 1];
		assert_ok!(CodeApproval::approve(RuntimeOrigin::signed(COUNCIL), code_hash(&long)));
		assert_noop!(
			CodeApproval::upload(RuntimeOrigin::signed(RESEARCHER), long, None),
			Error::<Test>::CodeTooLong
		);
	});
}

#[test]
fn an_upload_is_charged_for_its_length() {
	let call = |len: usize| crate::Call::<Test>::upload { code: vec![0; len], deposit_limit: None };
	assert!(
		call(60).get_dispatch_info().call_weight.ref_time()
			> call(10).get_dispatch_info().call_weight.ref_time()
	);
}
