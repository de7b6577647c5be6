use super::*;
use crate::{Appointer, Error, Representatives};
use frame_support::{assert_noop, assert_ok};
use medledger_primitives::{PatientRegistry, RepresentativeScope};
use sp_core::H256;
use sp_runtime::DispatchError;

fn appoint(scope: RepresentativeScope, until: Option<u64>) {
	assert_ok!(Patients::appoint_representative(
		RuntimeOrigin::signed(PATIENT),
		GUARDIAN,
		scope,
		H256::repeat_byte(1),
		until
	));
}

#[test]
fn patient_appoints_a_representative_within_a_scope() {
	build_and_execute(|| {
		register(PATIENT);
		appoint(RepresentativeScope::ManageConsent, None);
		assert!(Patients::may_manage_consent(&GUARDIAN, &PATIENT));
		assert!(!Patients::may_view_records(&GUARDIAN, &PATIENT));
		assert_last(Event::RepresentativeAppointed {
			patient: PATIENT,
			representative: GUARDIAN,
			scope: RepresentativeScope::ManageConsent,
			until: None,
			by: Appointer::Patient,
		});
	});
}

#[test]
fn patient_acts_for_themself_in_full() {
	build_and_execute(|| {
		register(PATIENT);
		assert_eq!(Patients::scope_of(&PATIENT, &PATIENT), Some(RepresentativeScope::Full));
		assert_eq!(Patients::scope_of(&STRANGER, &PATIENT), None);
	});
}

#[test]
fn representation_ends_at_its_end_block() {
	build_and_execute(|| {
		register(PATIENT);
		appoint(RepresentativeScope::Full, Some(10));
		System::set_block_number(9);
		assert!(Patients::may_manage_consent(&GUARDIAN, &PATIENT));
		// The minor comes of age.
		System::set_block_number(10);
		assert!(!Patients::may_manage_consent(&GUARDIAN, &PATIENT));
		assert!(!Patients::may_view_records(&GUARDIAN, &PATIENT));
	});
}

#[test]
fn end_block_must_be_in_the_future() {
	build_and_execute(|| {
		register(PATIENT);
		assert_noop!(
			Patients::appoint_representative(
				RuntimeOrigin::signed(PATIENT),
				GUARDIAN,
				RepresentativeScope::Full,
				H256::zero(),
				Some(1)
			),
			Error::<Test>::EndInPast
		);
	});
}

#[test]
fn only_a_patient_appoints_and_never_themself() {
	build_and_execute(|| {
		assert_noop!(
			Patients::appoint_representative(
				RuntimeOrigin::signed(STRANGER),
				GUARDIAN,
				RepresentativeScope::Full,
				H256::zero(),
				None
			),
			Error::<Test>::NotPatient
		);
		register(PATIENT);
		assert_noop!(
			Patients::appoint_representative(
				RuntimeOrigin::signed(PATIENT),
				PATIENT,
				RepresentativeScope::Full,
				H256::zero(),
				None
			),
			Error::<Test>::SelfRepresentation
		);
	});
}

#[test]
fn representatives_are_bounded() {
	build_and_execute(|| {
		register(PATIENT);
		for rep in [GUARDIAN, STRANGER] {
			assert_ok!(Patients::appoint_representative(
				RuntimeOrigin::signed(PATIENT),
				rep,
				RepresentativeScope::ViewRecords,
				H256::zero(),
				None
			));
		}
		assert_noop!(
			Patients::appoint_representative(
				RuntimeOrigin::signed(PATIENT),
				CLINIC,
				RepresentativeScope::ViewRecords,
				H256::zero(),
				None
			),
			Error::<Test>::TooManyRepresentatives
		);
		// Changing an existing appointment does not count twice.
		assert_ok!(Patients::appoint_representative(
			RuntimeOrigin::signed(PATIENT),
			GUARDIAN,
			RepresentativeScope::Full,
			H256::zero(),
			None
		));
	});
}

#[test]
fn patient_dismisses_and_representative_resigns() {
	build_and_execute(|| {
		register(PATIENT);
		appoint(RepresentativeScope::Full, None);
		assert_ok!(Patients::dismiss_representative(RuntimeOrigin::signed(PATIENT), GUARDIAN));
		assert_last(Event::RepresentativeRemoved { patient: PATIENT, representative: GUARDIAN });
		assert!(!Patients::may_manage_consent(&GUARDIAN, &PATIENT));
		appoint(RepresentativeScope::Full, None);
		assert_ok!(Patients::resign(RuntimeOrigin::signed(GUARDIAN), PATIENT));
		assert_noop!(
			Patients::resign(RuntimeOrigin::signed(GUARDIAN), PATIENT),
			Error::<Test>::NotRepresentative
		);
		assert_noop!(
			Patients::dismiss_representative(RuntimeOrigin::signed(PATIENT), STRANGER),
			Error::<Test>::NotRepresentative
		);
	});
}

#[test]
fn the_law_appoints_a_guardian() {
	build_and_execute(|| {
		register(PATIENT);
		assert_noop!(
			Patients::appoint_by_law(
				RuntimeOrigin::signed(CLINIC),
				PATIENT,
				GUARDIAN,
				RepresentativeScope::Full,
				H256::zero(),
				None
			),
			DispatchError::BadOrigin
		);
		assert_ok!(Patients::appoint_by_law(
			RuntimeOrigin::root(),
			PATIENT,
			GUARDIAN,
			RepresentativeScope::Full,
			H256::repeat_byte(9),
			None
		));
		assert_eq!(
			Representatives::<Test>::get(PATIENT, GUARDIAN).map(|r| r.appointed_by),
			Some(Appointer::Law)
		);
	});
}

#[test]
fn a_legal_guardian_is_not_the_patients_to_dismiss() {
	build_and_execute(|| {
		register(PATIENT);
		assert_ok!(Patients::appoint_by_law(
			RuntimeOrigin::root(),
			PATIENT,
			GUARDIAN,
			RepresentativeScope::Full,
			H256::repeat_byte(9),
			None
		));
		assert_noop!(
			Patients::dismiss_representative(RuntimeOrigin::signed(PATIENT), GUARDIAN),
			Error::<Test>::AppointedByLaw
		);
		// Nor can the patient rewrite the appointment into one of their own first.
		assert_noop!(
			Patients::appoint_representative(
				RuntimeOrigin::signed(PATIENT),
				GUARDIAN,
				RepresentativeScope::ManageConsent,
				H256::zero(),
				None
			),
			Error::<Test>::AppointedByLaw
		);
		assert_noop!(
			Patients::dismiss_by_law(RuntimeOrigin::signed(PATIENT), PATIENT, GUARDIAN),
			DispatchError::BadOrigin
		);
		// Nor shed the guardian by closing the account and registering anew.
		assert_noop!(
			Patients::close_account(RuntimeOrigin::signed(PATIENT)),
			Error::<Test>::AppointedByLaw
		);
		assert_ok!(Patients::dismiss_by_law(RuntimeOrigin::root(), PATIENT, GUARDIAN));
		assert!(!Representatives::<Test>::contains_key(PATIENT, GUARDIAN));
	});
}

#[test]
fn closing_an_account_records_when_its_epoch_ended() {
	build_and_execute(|| {
		register(PATIENT);
		let epoch = Patients::consent_epoch(&PATIENT).unwrap();
		assert_eq!(<Patients as PatientRegistry<_, _>>::epoch_ended(&PATIENT, epoch), None);
		System::set_block_number(7);
		assert_ok!(Patients::close_account(RuntimeOrigin::signed(PATIENT)));
		assert_eq!(<Patients as PatientRegistry<_, _>>::epoch_ended(&PATIENT, epoch), Some(7));
	});
}

#[test]
fn closing_removes_every_representative() {
	build_and_execute(|| {
		register(PATIENT);
		appoint(RepresentativeScope::Full, None);
		assert_ok!(Patients::close_account(RuntimeOrigin::signed(PATIENT)));
		assert!(!Representatives::<Test>::contains_key(PATIENT, GUARDIAN));
		assert!(!Patients::may_manage_consent(&GUARDIAN, &PATIENT));
	});
}

#[test]
#[should_panic(expected = "MaxRepresentatives must be positive")]
fn integrity_test_rejects_zero_max_representatives() {
	use frame_support::traits::Hooks;
	new_test_ext().execute_with(|| {
		MaxRepresentatives::set(0);
		<Patients as Hooks<u64>>::integrity_test();
	});
}
