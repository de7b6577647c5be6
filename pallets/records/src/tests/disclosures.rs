use super::*;
use crate::{Disclosure, DisclosureLog, DisclosureLogs, Error, ReceiptRefusal};
use frame_support::{assert_noop, assert_ok};
use medledger_primitives::{GrantId, Purpose};

fn receipt(
	record: RecordId,
	requester: AccountId,
	grant: Option<GrantId>,
) -> Disclosure<AccountId, u64> {
	Disclosure {
		record,
		requester,
		grant,
		purpose: Purpose::Treatment,
		released_at: System::block_number(),
	}
}

fn assert_refused(
	record: RecordId,
	requester: AccountId,
	grant: Option<GrantId>,
	reason: ReceiptRefusal,
) {
	assert!(
		System::events().iter().any(|r| r.event
			== RuntimeEvent::Records(Event::ReceiptRefused { record, requester, grant, reason })),
		"receipt of {record:?} to {requester} not refused for {reason:?}"
	);
}

#[test]
fn custodian_reports_releases_and_the_patient_can_check_completeness() {
	build_and_execute(|| {
		let record = lab_result();
		let grant = consent_to(OTHER_CLINIC, None);
		let batch =
			vec![receipt(record, OTHER_DOCTOR, Some(grant)), receipt(record, PATIENT, None)];
		assert_ok!(Records::report_disclosures(RuntimeOrigin::signed(CLINIC), batch.clone()));
		assert_last(Event::Disclosed {
			record,
			patient: PATIENT,
			requester: PATIENT,
			grant: None,
			purpose: Purpose::Treatment,
			released_at: System::block_number(),
			index: 2,
		});
		// Replaying the receipts the patient saw gives the head on chain.
		let block = System::block_number();
		let replayed = batch.iter().fold(DisclosureLog::default(), |log, d| log.append(&block, d));
		assert_eq!(DisclosureLogs::<Test>::get(PATIENT), replayed);
		assert_eq!(replayed.count, 2);
		// A list missing one receipt does not.
		let partial = DisclosureLog::default().append(&block, &batch[0]);
		assert_ne!(DisclosureLogs::<Test>::get(PATIENT).head, partial.head);
	});
}

#[test]
fn only_a_clinic_reports() {
	build_and_execute(|| {
		let record = lab_result();
		for who in [STRANGER, PATIENT] {
			assert_noop!(
				Records::report_disclosures(
					RuntimeOrigin::signed(who),
					vec![receipt(record, PATIENT, None)]
				),
				Error::<Test>::NotCustodian
			);
		}
		// The custodian's practitioner may report for it.
		assert_ok!(Records::report_disclosures(
			RuntimeOrigin::signed(DOCTOR),
			vec![receipt(record, PATIENT, None)]
		));
	});
}

#[test]
fn a_receipt_must_name_a_grant_of_the_patient_in_force_at_the_release() {
	build_and_execute(|| {
		let record = lab_result();
		let grant = consent_to(INSURER, None);
		let batch = vec![
			receipt(record, OTHER_DOCTOR, Some(grant)),
			receipt(record, INSURER, Some(GrantId(77))),
		];
		assert_ok!(Records::report_disclosures(RuntimeOrigin::signed(CLINIC), batch));
		assert_refused(record, OTHER_DOCTOR, Some(grant), ReceiptRefusal::GrantMismatch);
		assert_refused(record, INSURER, Some(GrantId(77)), ReceiptRefusal::GrantMismatch);
		// A release before the grant started is not covered by it.
		System::set_block_number(5);
		let late = consent_to(OTHER_DOCTOR, None);
		let mut early = receipt(record, OTHER_DOCTOR, Some(late));
		early.released_at = 4;
		let mut future = receipt(record, OTHER_DOCTOR, Some(late));
		future.released_at = 6;
		assert_ok!(Records::report_disclosures(RuntimeOrigin::signed(CLINIC), vec![early, future]));
		assert_refused(record, OTHER_DOCTOR, Some(late), ReceiptRefusal::GrantNotValid);
		assert_refused(record, OTHER_DOCTOR, Some(late), ReceiptRefusal::ReleasedInFuture);
		assert_eq!(DisclosureLogs::<Test>::get(PATIENT).count, 0);
	});
}

#[test]
fn a_receipt_must_name_a_grant_that_covers_the_record_for_the_stated_purpose() {
	build_and_execute(|| {
		// The grant is of lab results for treatment.
		let lab = lab_result();
		let grant = consent_to(OTHER_DOCTOR, None);
		let imaging = crate::NextRecordId::<Test>::get();
		assert_ok!(Records::register_document_set(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			RecordCategory::Imaging,
			medledger_primitives::LabelSet::empty(),
			sp_core::H256::repeat_byte(0xcd),
			1024,
			b"sealed".to_vec(),
			None
		));
		let labelled = crate::NextRecordId::<Test>::get();
		assert_ok!(Records::register_document_set(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			RecordCategory::LabResults,
			medledger_primitives::LabelSet::of(&[medledger_primitives::SensitivityLabel::Hiv]),
			sp_core::H256::repeat_byte(0xef),
			1024,
			b"sealed".to_vec(),
			None
		));
		let mut research = receipt(lab, OTHER_DOCTOR, Some(grant));
		research.purpose = Purpose::Research;
		let batch = vec![
			receipt(imaging, OTHER_DOCTOR, Some(grant)),
			receipt(labelled, OTHER_DOCTOR, Some(grant)),
			research,
			receipt(lab, OTHER_DOCTOR, Some(grant)),
		];
		assert_ok!(Records::report_disclosures(RuntimeOrigin::signed(CLINIC), batch));
		assert_refused(imaging, OTHER_DOCTOR, Some(grant), ReceiptRefusal::GrantDoesNotCover);
		assert_refused(labelled, OTHER_DOCTOR, Some(grant), ReceiptRefusal::GrantDoesNotCover);
		assert_refused(lab, OTHER_DOCTOR, Some(grant), ReceiptRefusal::GrantDoesNotCover);
		// Only the covered release is in the patient's accounting.
		assert_eq!(DisclosureLogs::<Test>::get(PATIENT).count, 1);
	});
}

#[test]
fn a_receipt_is_judged_as_of_its_release_and_a_bad_one_never_stops_the_rest() {
	build_and_execute(|| {
		let record = lab_result();
		let grant = consent_to(OTHER_CLINIC, None);
		let released = receipt(record, OTHER_DOCTOR, Some(grant));
		// Since the release the grant was revoked: the receipt still stands.
		System::set_block_number(3);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(PATIENT), grant));
		let batch =
			vec![released, receipt(RecordId(99), PATIENT, None), receipt(record, PATIENT, None)];
		assert_ok!(Records::report_disclosures(RuntimeOrigin::signed(CLINIC), batch));
		assert_refused(RecordId(99), PATIENT, None, ReceiptRefusal::NoSuchRecord);
		assert_eq!(DisclosureLogs::<Test>::get(PATIENT).count, 2);
	});
}

#[test]
fn reports_are_bounded_and_not_empty() {
	build_and_execute(|| {
		let record = lab_result();
		assert_noop!(
			Records::report_disclosures(RuntimeOrigin::signed(CLINIC), vec![]),
			Error::<Test>::InvalidReport
		);
		assert_noop!(
			Records::report_disclosures(
				RuntimeOrigin::signed(CLINIC),
				vec![receipt(record, PATIENT, None); 5]
			),
			Error::<Test>::InvalidReport
		);
	});
}
