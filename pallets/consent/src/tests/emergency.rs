use super::*;
use crate::{Error, GrantOrigin, Grants};
use frame_support::{assert_noop, assert_ok};
use medledger_primitives::ProviderStatus;
use sp_core::H256;

#[test]
fn practitioner_opens_time_boxed_emergency_access_to_emergency_categories() {
	build_and_execute(|| {
		let grant = crate::NextGrantId::<Test>::get();
		let reason = H256::repeat_byte(7);
		assert_ok!(Consent::open_emergency_access(RuntimeOrigin::signed(DOCTOR), PATIENT, reason));
		assert_last(Event::EmergencyAccessOpened {
			grant,
			patient: PATIENT,
			practitioner: DOCTOR,
			provider: CLINIC,
			reason,
			ends: 1 + EMERGENCY_DURATION,
		});
		assert_eq!(decide(DOCTOR, Allergies, Purpose::EmergencyTreatment), allowed(grant));
		assert_eq!(
			decide(DOCTOR, MentalHealth, Purpose::EmergencyTreatment),
			denied(Denial::NoGrant)
		);
		assert_eq!(decide(DOCTOR, Allergies, Purpose::Treatment), denied(Denial::WrongPurpose));
		System::set_block_number(1 + EMERGENCY_DURATION);
		assert_eq!(decide(DOCTOR, Allergies, Purpose::EmergencyTreatment), denied(Denial::Expired));
	});
}

#[test]
fn only_practitioners_of_active_providers_break_glass() {
	build_and_execute(|| {
		for who in [STRANGER, CLINIC, PATIENT] {
			assert_noop!(
				Consent::open_emergency_access(RuntimeOrigin::signed(who), PATIENT, H256::zero()),
				Error::<Test>::NotPractitioner
			);
		}
		TestProviders::set_status(CLINIC, Some(ProviderStatus::Suspended));
		assert_noop!(
			Consent::open_emergency_access(RuntimeOrigin::signed(DOCTOR), PATIENT, H256::zero()),
			Error::<Test>::NotPractitioner
		);
	});
}

#[test]
fn break_glass_is_rate_limited_per_practitioner() {
	build_and_execute(|| {
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			H256::zero()
		));
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			OTHER_PATIENT,
			H256::zero()
		));
		assert_noop!(
			Consent::open_emergency_access(RuntimeOrigin::signed(DOCTOR), PATIENT, H256::zero()),
			Error::<Test>::EmergencyRateLimited
		);
		// Another practitioner is not limited by DOCTOR's use.
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(OTHER_DOCTOR),
			PATIENT,
			H256::zero()
		));
		// A new window opens after EmergencyWindow blocks.
		System::set_block_number(101);
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			H256::zero()
		));
	});
}

#[test]
fn patient_flags_break_glass_for_review() {
	build_and_execute(|| {
		let grant = crate::NextGrantId::<Test>::get();
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			H256::zero()
		));
		assert_ok!(Consent::flag_emergency_access(RuntimeOrigin::signed(PATIENT), grant));
		assert_last(Event::EmergencyAccessFlagged {
			grant,
			patient: PATIENT,
			practitioner: DOCTOR,
		});
		assert!(matches!(
			Grants::<Test>::get(grant).map(|g| g.origin),
			Some(GrantOrigin::BreakGlass { flagged: true, .. })
		));
	});
}

#[test]
fn only_break_glass_grants_are_flagged() {
	build_and_execute(|| {
		let id = grant_to(DOCTOR, &[LabResults], None);
		assert_noop!(
			Consent::flag_emergency_access(RuntimeOrigin::signed(PATIENT), id),
			Error::<Test>::NotEmergencyAccess
		);
	});
}

#[test]
fn break_glass_is_rate_limited_per_provider_too() {
	build_and_execute(|| {
		// Two for the doctor, one for the nurse: the clinic's three.
		for who in [DOCTOR, DOCTOR, NURSE] {
			assert_ok!(Consent::open_emergency_access(
				RuntimeOrigin::signed(who),
				PATIENT,
				H256::zero()
			));
		}
		// A practitioner added now does not lift the clinic's limit.
		TestProviders::set_employer(STRANGER, Some(CLINIC));
		assert_noop!(
			Consent::open_emergency_access(RuntimeOrigin::signed(STRANGER), PATIENT, H256::zero()),
			Error::<Test>::EmergencyRateLimited
		);
		// Another clinic's staff are not held back by it.
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(OTHER_DOCTOR),
			PATIENT,
			H256::zero()
		));
		// A new window restores it.
		System::set_block_number(1 + 100);
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(STRANGER),
			PATIENT,
			H256::zero()
		));
	});
}

#[test]
fn break_glass_ends_when_the_practitioner_leaves_or_the_clinic_is_suspended() {
	build_and_execute(|| {
		let grant = crate::NextGrantId::<Test>::get();
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			H256::zero()
		));
		assert_eq!(decide(DOCTOR, Allergies, Purpose::EmergencyTreatment), allowed(grant));
		TestProviders::set_status(CLINIC, Some(ProviderStatus::Suspended));
		assert_eq!(
			decide(DOCTOR, Allergies, Purpose::EmergencyTreatment),
			denied(Denial::ProviderInactive)
		);
		TestProviders::set_status(CLINIC, Some(ProviderStatus::Active));
		assert_eq!(decide(DOCTOR, Allergies, Purpose::EmergencyTreatment), allowed(grant));
		TestProviders::set_employer(DOCTOR, None);
		assert_eq!(
			decide(DOCTOR, Allergies, Purpose::EmergencyTreatment),
			denied(Denial::ProviderInactive)
		);
	});
}

#[test]
fn break_glass_stays_with_the_clinic_it_was_opened_for() {
	build_and_execute(|| {
		let grant = crate::NextGrantId::<Test>::get();
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			H256::zero()
		));
		assert_eq!(
			Grants::<Test>::get(grant).map(|g| g.origin),
			Some(GrantOrigin::BreakGlass {
				provider: CLINIC,
				reason: H256::zero(),
				flagged: false
			})
		);
		// The doctor moves to another active clinic: the emergency was the first clinic's.
		TestProviders::set_employer(DOCTOR, Some(OTHER_CLINIC));
		assert_eq!(
			decide(DOCTOR, Allergies, Purpose::EmergencyTreatment),
			denied(Denial::ProviderInactive)
		);
		// Back at the clinic it was opened for, within the window: it holds again.
		TestProviders::set_employer(DOCTOR, Some(CLINIC));
		assert_eq!(decide(DOCTOR, Allergies, Purpose::EmergencyTreatment), allowed(grant));
	});
}
