use super::*;
use crate::Grants;
use frame_support::assert_ok;
use medledger_primitives::ProviderStatus;

#[test]
fn patient_and_viewing_representative_read_without_a_grant() {
	build_and_execute(|| {
		let own = AccessDecision::Allowed { grant: None };
		assert_eq!(decide(PATIENT, MentalHealth, Purpose::PatientRequest), own);
		assert_eq!(decide(VIEWER, MentalHealth, Purpose::FamilyCare), own);
		// Managing consent is not viewing records.
		assert_eq!(decide(GUARDIAN, LabResults, Purpose::FamilyCare), denied(Denial::NoGrant));
	});
}

#[test]
fn exception_always_wins() {
	build_and_execute(|| {
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			CLINIC,
			CategorySet::all(),
			set(&[MentalHealth]),
			Purpose::Treatment,
			AccessLevel::Read,
			None,
			None
		));
		assert!(decide(DOCTOR, LabResults, Purpose::Treatment).is_allowed());
		assert_eq!(decide(DOCTOR, MentalHealth, Purpose::Treatment), denied(Denial::Excepted));
	});
}

#[test]
fn grant_serves_one_purpose() {
	build_and_execute(|| {
		grant_to(INSURER, &[LabResults], None);
		assert_eq!(decide(INSURER, LabResults, Purpose::Payment), denied(Denial::WrongPurpose));
	});
}

#[test]
fn grant_lapses_by_itself_at_its_end() {
	build_and_execute(|| {
		let id = grant_to(DOCTOR, &[LabResults], Some(10));
		System::set_block_number(9);
		assert_eq!(decide(DOCTOR, LabResults, Purpose::Treatment), allowed(id));
		System::set_block_number(10);
		assert_eq!(decide(DOCTOR, LabResults, Purpose::Treatment), denied(Denial::Expired));
		assert_eq!(Consent::grant_valid_at(id, 9), Some(true));
		assert_eq!(Consent::grant_valid_at(id, 10), Some(false));
	});
}

#[test]
fn grant_starts_when_it_says() {
	build_and_execute(|| {
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			DOCTOR,
			set(&[LabResults]),
			CategorySet::empty(),
			Purpose::Treatment,
			AccessLevel::Read,
			Some(5),
			None
		));
		assert_eq!(decide(DOCTOR, LabResults, Purpose::Treatment), denied(Denial::NotYetValid));
		System::set_block_number(5);
		assert!(decide(DOCTOR, LabResults, Purpose::Treatment).is_allowed());
	});
}

#[test]
fn grant_to_a_provider_covers_its_practitioners_only() {
	build_and_execute(|| {
		let id = grant_to(CLINIC, &[LabResults], None);
		assert_eq!(decide(CLINIC, LabResults, Purpose::Treatment), allowed(id));
		assert_eq!(decide(DOCTOR, LabResults, Purpose::Treatment), allowed(id));
		assert_eq!(decide(OTHER_DOCTOR, LabResults, Purpose::Treatment), denied(Denial::NoGrant));
	});
}

#[test]
fn grant_to_a_provider_stops_while_it_is_suspended_or_expelled() {
	build_and_execute(|| {
		let id = grant_to(CLINIC, &[LabResults], None);
		TestProviders::set_status(CLINIC, Some(ProviderStatus::Suspended));
		assert_eq!(
			decide(DOCTOR, LabResults, Purpose::Treatment),
			denied(Denial::ProviderInactive)
		);
		assert_eq!(
			decide(CLINIC, LabResults, Purpose::Treatment),
			denied(Denial::ProviderInactive)
		);
		TestProviders::set_status(CLINIC, Some(ProviderStatus::Active));
		assert_eq!(decide(DOCTOR, LabResults, Purpose::Treatment), allowed(id));
		TestProviders::set_status(CLINIC, None);
		assert_eq!(
			decide(CLINIC, LabResults, Purpose::Treatment),
			denied(Denial::ProviderInactive)
		);
	});
}

#[test]
fn grant_to_one_practitioner_covers_that_practitioner() {
	build_and_execute(|| {
		let id = grant_to(DOCTOR, &[Imaging], None);
		assert_eq!(decide(DOCTOR, Imaging, Purpose::Treatment), allowed(id));
		assert_eq!(decide(CLINIC, Imaging, Purpose::Treatment), denied(Denial::NoGrant));
	});
}

#[test]
fn the_most_telling_reason_is_given() {
	build_and_execute(|| {
		let id = grant_to(DOCTOR, &[LabResults], Some(5));
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), id));
		grant_to(DOCTOR, &[LabResults], Some(5));
		System::set_block_number(6);
		// One grant expired; the revoked one left the index.
		assert_eq!(decide(DOCTOR, LabResults, Purpose::Treatment), denied(Denial::Expired));
		assert_eq!(decide(STRANGER, LabResults, Purpose::Treatment), denied(Denial::NoGrant));
		assert!(Grants::<Test>::contains_key(id));
	});
}

#[test]
fn unregistered_subject_is_not_a_patient() {
	build_and_execute(|| {
		assert_eq!(
			Consent::access_decision(&DOCTOR, &STRANGER, set(&[LabResults]), Purpose::Treatment, 1),
			denied(Denial::NotAPatient)
		);
	});
}

#[test]
fn a_record_needs_its_class_and_every_label_and_an_exception_of_any_wins() {
	use medledger_primitives::{categories_of_record, LabelSet, SensitivityLabel};
	build_and_execute(|| {
		// "Conditions, except mental health".
		let id = crate::NextGrantId::<Test>::get();
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			DOCTOR,
			set(&[Conditions, LabResults, SexualAndReproductiveHealth]),
			set(&[MentalHealth]),
			Purpose::Treatment,
			AccessLevel::Read,
			None,
			None
		));
		let needs = |class, labels: &[SensitivityLabel]| {
			Consent::access_decision(
				&DOCTOR,
				&PATIENT,
				categories_of_record(class, LabelSet::of(labels)),
				Purpose::Treatment,
				System::block_number(),
			)
		};
		assert_eq!(needs(Conditions, &[]), allowed(id));
		// A psychiatric diagnosis filed as a condition stays withheld.
		assert_eq!(needs(Conditions, &[SensitivityLabel::Psychiatry]), denied(Denial::Excepted));
		assert_eq!(
			needs(ClinicalNotes, &[SensitivityLabel::PsychotherapyNote]),
			denied(Denial::Excepted)
		);
		// A label whose category the grant does not name is not covered either.
		assert_eq!(needs(LabResults, &[SensitivityLabel::GeneticDisease]), denied(Denial::NoGrant));
		assert_eq!(needs(LabResults, &[SensitivityLabel::Hiv]), allowed(id));
		// Every label must be covered: one excepted label withholds the record.
		assert_eq!(
			needs(LabResults, &[SensitivityLabel::Hiv, SensitivityLabel::Psychiatry]),
			denied(Denial::Excepted)
		);
	});
}

#[test]
fn a_grant_to_a_provider_is_judged_on_its_standing_at_access_time() {
	build_and_execute(|| {
		// Granted to INSURER while it was no provider; it is admitted and then suspended.
		let id = grant_to(INSURER, &[LabResults], None);
		assert_eq!(decide(INSURER, LabResults, Purpose::Treatment), allowed(id));
		TestProviders::set_status(INSURER, Some(ProviderStatus::Suspended));
		assert_eq!(
			decide(INSURER, LabResults, Purpose::Treatment),
			denied(Denial::ProviderInactive)
		);
		// A grant to a clinic made while it was active stops when it is expelled.
		let clinic = grant_to(CLINIC, &[Imaging], None);
		assert_eq!(decide(DOCTOR, Imaging, Purpose::Treatment), allowed(clinic));
		TestProviders::set_status(CLINIC, None);
		assert_eq!(decide(CLINIC, Imaging, Purpose::Treatment), denied(Denial::ProviderInactive));
		assert_eq!(decide(DOCTOR, Imaging, Purpose::Treatment), denied(Denial::ProviderInactive));
	});
}

#[test]
fn grant_valid_at_ends_when_the_account_is_closed() {
	build_and_execute(|| {
		let id = grant_to(DOCTOR, &[LabResults], None);
		System::set_block_number(5);
		assert_ok!(Patients::close_account(RuntimeOrigin::signed(PATIENT)));
		assert_eq!(Consent::grant_valid_at(id, 4), Some(true));
		assert_eq!(Consent::grant_valid_at(id, 5), Some(false));
		assert_eq!(Consent::grant_valid_at(id, 9), Some(false));
		assert_eq!(Consent::grant_valid_at(GrantId(99), 4), None);
	});
}

#[test]
fn the_access_decision_and_grant_valid_at_judge_a_closed_accounts_grant_by_one_rule() {
	build_and_execute(|| {
		let id = grant_to(DOCTOR, &[LabResults], None);
		System::set_block_number(5);
		assert_ok!(Patients::close_account(RuntimeOrigin::signed(PATIENT)));
		// Registered again, under a new epoch: the old grant is still indexed, and dead.
		assert_ok!(Patients::register(
			RuntimeOrigin::signed(PATIENT),
			medledger_primitives::EncryptionKey([9; 32])
		));
		let decide_at = |at| {
			Consent::access_decision(&DOCTOR, &PATIENT, set(&[LabResults]), Purpose::Treatment, at)
		};
		// From the closing on, both find it out of force.
		assert_eq!(decide_at(5), denied(Denial::Revoked));
		assert_eq!(Consent::grant_valid_at(id, 5), Some(false));
		// Asked of a block before the closing, both find it in force.
		assert_eq!(decide_at(4), allowed(id));
		assert_eq!(Consent::grant_valid_at(id, 4), Some(true));
	});
}
