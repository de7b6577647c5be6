use super::*;
use crate::{DocumentSets, Error, HoldReason, PatientRecords};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use medledger_primitives::{
	AccessDecision, AccessLevel, CategorySet, Denial, ProviderStatus, Purpose,
};

#[test]
fn custodian_registers_a_document_set_and_the_patient_is_notified() {
	build_and_execute(|| {
		let id = lab_result();
		let entry = DocumentSets::<Test>::get(id).unwrap();
		assert_eq!((entry.custodian, entry.registered_by), (CLINIC, DOCTOR));
		assert!(PatientRecords::<Test>::contains_key(PATIENT, id));
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::DocumentSetDeposit.into(), &DOCTOR),
			DOCUMENT_DEPOSIT
		);
		assert_last(Event::DocumentSetRegistered {
			record: id,
			patient: PATIENT,
			custodian: CLINIC,
			category: RecordCategory::LabResults,
			labels: medledger_primitives::LabelSet::empty(),
			content_hash: H256::repeat_byte(0xab),
			supersedes: None,
		});
	});
}

#[test]
fn only_active_providers_and_their_staff_register_records() {
	build_and_execute(|| {
		let register = |who| {
			Records::register_document_set(
				RuntimeOrigin::signed(who),
				PATIENT,
				RecordCategory::Imaging,
				medledger_primitives::LabelSet::empty(),
				H256::zero(),
				1,
				vec![],
				None,
			)
		};
		for who in [STRANGER, PATIENT, GUARDIAN, INSURER] {
			assert_noop!(register(who), Error::<Test>::NotCustodian);
		}
		TestProviders::set_status(CLINIC, Some(ProviderStatus::Suspended));
		assert_noop!(register(CLINIC), Error::<Test>::NotCustodian);
		assert_noop!(register(DOCTOR), Error::<Test>::NotCustodian);
	});
}

#[test]
fn records_are_of_registered_patients_with_bounded_metadata() {
	build_and_execute(|| {
		assert_noop!(
			Records::register_document_set(
				RuntimeOrigin::signed(CLINIC),
				STRANGER,
				RecordCategory::Imaging,
				medledger_primitives::LabelSet::empty(),
				H256::zero(),
				1,
				vec![],
				None
			),
			Error::<Test>::NotPatient
		);
		assert_noop!(
			Records::register_document_set(
				RuntimeOrigin::signed(CLINIC),
				PATIENT,
				RecordCategory::Imaging,
				medledger_primitives::LabelSet::empty(),
				H256::zero(),
				1,
				vec![0; 65],
				None
			),
			Error::<Test>::MetadataTooLong
		);
	});
}

#[test]
fn amendment_supersedes_and_history_is_append_only() {
	build_and_execute(|| {
		let first = lab_result();
		let second = crate::NextRecordId::<Test>::get();
		assert_ok!(Records::register_document_set(
			RuntimeOrigin::signed(CLINIC),
			PATIENT,
			RecordCategory::LabResults,
			medledger_primitives::LabelSet::empty(),
			H256::repeat_byte(0xcd),
			2048,
			vec![],
			Some(first)
		));
		assert_eq!(DocumentSets::<Test>::get(first).unwrap().superseded_by, Some(second));
		assert!(DocumentSets::<Test>::contains_key(first));
		// A record is amended once; the newest amends it further.
		assert_noop!(
			Records::register_document_set(
				RuntimeOrigin::signed(CLINIC),
				PATIENT,
				RecordCategory::LabResults,
				medledger_primitives::LabelSet::empty(),
				H256::zero(),
				1,
				vec![],
				Some(first)
			),
			Error::<Test>::InvalidAmendment
		);
	});
}

#[test]
fn only_the_custodian_amends_and_only_the_same_patients_record() {
	build_and_execute(|| {
		let first = lab_result();
		assert_noop!(
			Records::register_document_set(
				RuntimeOrigin::signed(OTHER_CLINIC),
				PATIENT,
				RecordCategory::LabResults,
				medledger_primitives::LabelSet::empty(),
				H256::zero(),
				1,
				vec![],
				Some(first)
			),
			Error::<Test>::InvalidAmendment
		);
		assert_noop!(
			Records::register_document_set(
				RuntimeOrigin::signed(CLINIC),
				OTHER_PATIENT,
				RecordCategory::LabResults,
				medledger_primitives::LabelSet::empty(),
				H256::zero(),
				1,
				vec![],
				Some(first)
			),
			Error::<Test>::InvalidAmendment
		);
	});
}

#[test]
fn patient_or_managing_representative_disputes() {
	build_and_execute(|| {
		let id = lab_result();
		for who in [STRANGER, VIEWER, DOCTOR, OTHER_PATIENT] {
			assert_noop!(
				Records::dispute(RuntimeOrigin::signed(who), id, H256::zero()),
				Error::<Test>::NotAuthorized
			);
		}
		assert_ok!(Records::dispute(RuntimeOrigin::signed(GUARDIAN), id, H256::repeat_byte(1)));
		assert_last(Event::RecordDisputed {
			record: id,
			patient: PATIENT,
			dispute: H256::repeat_byte(1),
		});
		assert_noop!(
			Records::dispute(RuntimeOrigin::signed(PATIENT), RecordId(99), H256::zero()),
			Error::<Test>::NoSuchRecord
		);
	});
}

#[test]
fn patient_lists_records_across_clinics_in_pages() {
	build_and_execute(|| {
		let a = lab_result();
		let b = crate::NextRecordId::<Test>::get();
		assert_ok!(Records::register_document_set(
			RuntimeOrigin::signed(OTHER_CLINIC),
			PATIENT,
			RecordCategory::Imaging,
			medledger_primitives::LabelSet::empty(),
			H256::zero(),
			1,
			vec![],
			None
		));
		let c = crate::NextRecordId::<Test>::get();
		assert_ok!(Records::register_document_set(
			RuntimeOrigin::signed(OTHER_DOCTOR),
			PATIENT,
			RecordCategory::Allergies,
			medledger_primitives::LabelSet::empty(),
			H256::zero(),
			1,
			vec![],
			None
		));
		let all: Vec<_> =
			Records::document_sets_of(&PATIENT, None, 10).into_iter().map(|(id, _)| id).collect();
		assert_eq!(all.len(), 3);
		for id in [a, b, c] {
			assert!(all.contains(&id));
		}
		let first_page = Records::document_sets_of(&PATIENT, None, 2);
		assert_eq!(first_page.len(), 2);
		let rest = Records::document_sets_of(&PATIENT, Some(first_page[1].0), 2);
		assert_eq!(rest.len(), 1);
		assert!(!first_page.iter().any(|(id, _)| *id == rest[0].0));
	});
}

#[test]
fn custodian_staff_read_what_they_hold_and_others_need_consent() {
	build_and_execute(|| {
		let id = lab_result();
		let now = System::block_number();
		let decide = |who| Records::record_access(&who, id, Purpose::Treatment, now);
		assert_eq!(decide(DOCTOR), AccessDecision::Allowed { grant: None });
		assert_eq!(decide(OTHER_DOCTOR), AccessDecision::Denied(Denial::NoGrant));
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			OTHER_CLINIC,
			CategorySet::of(&[RecordCategory::LabResults]),
			CategorySet::empty(),
			Purpose::Treatment,
			AccessLevel::Read,
			None,
			None
		));
		assert!(decide(OTHER_DOCTOR).is_allowed());
		assert_eq!(
			Records::record_access(&DOCTOR, RecordId(99), Purpose::Treatment, now),
			AccessDecision::Denied(Denial::NoSuchRecord)
		);
	});
}

#[test]
fn a_suspended_custodian_and_its_staff_need_consent_like_anyone_else() {
	build_and_execute(|| {
		let id = lab_result();
		let now = System::block_number();
		let decide = |who| Records::record_access(&who, id, Purpose::Treatment, now);
		TestProviders::set_status(CLINIC, Some(ProviderStatus::Suspended));
		assert_eq!(decide(CLINIC), AccessDecision::Denied(Denial::NoGrant));
		assert_eq!(decide(DOCTOR), AccessDecision::Denied(Denial::NoGrant));
		TestProviders::set_status(CLINIC, Some(ProviderStatus::Active));
		assert_eq!(decide(CLINIC), AccessDecision::Allowed { grant: None });
		assert_eq!(decide(DOCTOR), AccessDecision::Allowed { grant: None });
	});
}

#[test]
fn a_labelled_record_needs_a_grant_that_covers_every_label() {
	use medledger_primitives::{LabelSet, SensitivityLabel};
	build_and_execute(|| {
		// A psychiatric diagnosis, filed as a condition with its label.
		let id = crate::NextRecordId::<Test>::get();
		assert_ok!(Records::register_document_set(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			RecordCategory::Conditions,
			LabelSet::of(&[SensitivityLabel::Psychiatry]),
			H256::repeat_byte(0xee),
			64,
			vec![],
			None
		));
		let now = System::block_number();
		// "Conditions, except mental health" does not release it.
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			OTHER_CLINIC,
			CategorySet::of(&[RecordCategory::Conditions]),
			CategorySet::of(&[RecordCategory::MentalHealth]),
			Purpose::Treatment,
			AccessLevel::Read,
			None,
			None
		));
		assert_eq!(
			Records::record_access(&OTHER_DOCTOR, id, Purpose::Treatment, now),
			AccessDecision::Denied(Denial::Excepted)
		);
		// Nor does break-glass, whose categories hold no mental health.
		assert_ok!(Consent::open_emergency_access(
			RuntimeOrigin::signed(OTHER_DOCTOR),
			PATIENT,
			H256::zero()
		));
		assert!(!Records::record_access(&OTHER_DOCTOR, id, Purpose::EmergencyTreatment, now)
			.is_allowed());
		// "Conditions and mental health" does.
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(PATIENT),
			PATIENT,
			OTHER_CLINIC,
			CategorySet::of(&[RecordCategory::Conditions, RecordCategory::MentalHealth]),
			CategorySet::empty(),
			Purpose::Treatment,
			AccessLevel::Read,
			None,
			None
		));
		assert!(Records::record_access(&OTHER_DOCTOR, id, Purpose::Treatment, now).is_allowed());
		// An amendment cannot drop its labels and re-file the record as an ordinary one.
		assert_noop!(
			Records::register_document_set(
				RuntimeOrigin::signed(DOCTOR),
				PATIENT,
				RecordCategory::Conditions,
				LabelSet::empty(),
				H256::zero(),
				1,
				vec![],
				Some(id),
			),
			Error::<Test>::InvalidAmendment
		);
		// Unknown label bits are refused.
		assert_noop!(
			Records::register_document_set(
				RuntimeOrigin::signed(DOCTOR),
				PATIENT,
				RecordCategory::Conditions,
				LabelSet(1 << 15),
				H256::zero(),
				1,
				vec![],
				None,
			),
			Error::<Test>::InvalidLabels
		);
	});
}
