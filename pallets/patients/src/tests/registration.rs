use super::*;
use crate::{Epochs, Error, HoldReason, Patients as PatientsMap};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use medledger_primitives::PatientRegistry;

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::PatientDeposit.into(), &who)
}

#[test]
fn patient_registers_with_a_deposit() {
	build_and_execute(|| {
		register(PATIENT);
		assert_eq!(held(PATIENT), DEPOSIT);
		assert_eq!(Patients::encryption_key(&PATIENT), Some((key(7), 0)));
		assert_eq!(Patients::consent_epoch(&PATIENT), Some(0));
		assert_last(Event::PatientRegistered { patient: PATIENT, depositor: PATIENT });
	});
}

#[test]
fn registering_twice_is_refused() {
	build_and_execute(|| {
		register(PATIENT);
		assert_noop!(
			Patients::register(RuntimeOrigin::signed(PATIENT), key(8)),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn zero_key_is_refused() {
	build_and_execute(|| {
		assert_noop!(
			Patients::register(RuntimeOrigin::signed(PATIENT), key(0)),
			Error::<Test>::InvalidEncryptionKey
		);
	});
}

#[test]
fn registration_without_funds_for_the_deposit_keeps_nothing() {
	build_and_execute(|| {
		assert!(Patients::register(RuntimeOrigin::signed(PAUPER), key(7)).is_err());
		assert!(!PatientsMap::<Test>::contains_key(PAUPER));
	});
}

#[test]
fn active_provider_sponsors_a_patient_with_no_funds() {
	build_and_execute(|| {
		let signature = consent_to_registration(PAUPER, key(7));
		assert_ok!(Patients::register_sponsored(
			RuntimeOrigin::signed(CLINIC),
			PAUPER,
			key(7),
			signature
		));
		assert_eq!(held(CLINIC), DEPOSIT);
		assert!(Patients::is_patient(&PAUPER));
		// The registration keeps the account alive so the patient can sign.
		assert!(System::account_exists(&PAUPER));
		assert_last(Event::PatientRegistered { patient: PAUPER, depositor: CLINIC });
	});
}

#[test]
fn practitioner_of_an_active_provider_may_sponsor() {
	build_and_execute(|| {
		let signature = consent_to_registration(PATIENT, key(7));
		assert_ok!(Patients::register_sponsored(
			RuntimeOrigin::signed(NURSE),
			PATIENT,
			key(7),
			signature
		));
		assert_eq!(held(NURSE), DEPOSIT);
	});
}

#[test]
fn only_active_providers_and_their_staff_sponsor() {
	build_and_execute(|| {
		for sponsor in [STRANGER, SUSPENDED_CLINIC] {
			let signature = consent_to_registration(PATIENT, key(7));
			assert_noop!(
				Patients::register_sponsored(
					RuntimeOrigin::signed(sponsor),
					PATIENT,
					key(7),
					signature
				),
				Error::<Test>::NotSponsor
			);
		}
	});
}

#[test]
fn nobody_registers_someone_else_without_their_signature() {
	build_and_execute(|| {
		// Signed by the wrong account.
		let forged =
			TestSignature(CLINIC, Patients::registration_payload(&PATIENT, key(7)).encode());
		assert_noop!(
			Patients::register_sponsored(RuntimeOrigin::signed(CLINIC), PATIENT, key(7), forged),
			Error::<Test>::BadSignature
		);
		// The patient signed another key.
		let other_key = consent_to_registration(PATIENT, key(8));
		assert_noop!(
			Patients::register_sponsored(RuntimeOrigin::signed(CLINIC), PATIENT, key(7), other_key),
			Error::<Test>::BadSignature
		);
	});
}

#[test]
fn a_signature_from_before_closing_cannot_register_again() {
	build_and_execute(|| {
		let signature = consent_to_registration(PATIENT, key(7));
		assert_ok!(Patients::register_sponsored(
			RuntimeOrigin::signed(CLINIC),
			PATIENT,
			key(7),
			signature.clone()
		));
		assert_ok!(Patients::close_account(RuntimeOrigin::signed(PATIENT)));
		assert_noop!(
			Patients::register_sponsored(RuntimeOrigin::signed(CLINIC), PATIENT, key(7), signature),
			Error::<Test>::BadSignature
		);
	});
}

#[test]
fn key_rotation_bumps_the_version() {
	build_and_execute(|| {
		register(PATIENT);
		assert_ok!(Patients::rotate_encryption_key(RuntimeOrigin::signed(PATIENT), key(8)));
		assert_eq!(Patients::encryption_key(&PATIENT), Some((key(8), 1)));
		assert_last(Event::EncryptionKeyRotated { patient: PATIENT, version: 1 });
		assert_noop!(
			Patients::rotate_encryption_key(RuntimeOrigin::signed(PATIENT), key(8)),
			Error::<Test>::SameEncryptionKey
		);
		assert_noop!(
			Patients::rotate_encryption_key(RuntimeOrigin::signed(STRANGER), key(9)),
			Error::<Test>::NotPatient
		);
	});
}

#[test]
fn closing_bumps_the_epoch_and_returns_the_deposit() {
	build_and_execute(|| {
		register(PATIENT);
		assert_ok!(Patients::close_account(RuntimeOrigin::signed(PATIENT)));
		assert_eq!(held(PATIENT), 0);
		assert_eq!(Patients::consent_epoch(&PATIENT), None);
		assert_eq!(Epochs::<Test>::get(PATIENT), 1);
		assert_last(Event::AccountClosed { patient: PATIENT, epoch: 1 });
		// Registering again starts a new epoch: grants of the old one stay dead.
		register(PATIENT);
		assert_eq!(Patients::consent_epoch(&PATIENT), Some(1));
	});
}

#[test]
fn closing_a_sponsored_account_returns_the_sponsors_deposit() {
	build_and_execute(|| {
		let signature = consent_to_registration(PAUPER, key(7));
		assert_ok!(Patients::register_sponsored(
			RuntimeOrigin::signed(CLINIC),
			PAUPER,
			key(7),
			signature
		));
		assert_ok!(Patients::close_account(RuntimeOrigin::signed(PAUPER)));
		assert_eq!(held(CLINIC), 0);
		assert!(!System::account_exists(&PAUPER));
	});
}

#[test]
fn only_patients_close() {
	build_and_execute(|| {
		assert_noop!(
			Patients::close_account(RuntimeOrigin::signed(STRANGER)),
			Error::<Test>::NotPatient
		);
	});
}
